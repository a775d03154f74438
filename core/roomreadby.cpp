#include "roomreadby.h"

#include "historystore.h"
#include "rooms.h"
#include "sqlsupport.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Jw {
namespace {

QString personKey(const QString &occupantId, const QString &nick)
{
    if (occupantId.isEmpty())
        return u"nick:" + nick;
    return u"id:" + occupantId;
}

} // namespace

RoomReadBy::RoomReadBy(Rooms *rooms, HistoryStore *store, QObject *parent)
    : QObject(parent)
    , m_rooms(rooms)
    , m_store(store)
{
    RoomWire *wire = m_rooms->wire();
    connect(wire, &RoomWire::messageReceived, this, &RoomReadBy::onStanza);
    connect(wire, &RoomWire::archiveMessage, this, &RoomReadBy::onStanza);
    connect(wire, &RoomWire::presenceReceived, this, &RoomReadBy::onPresence);
}

RoomReadBy::~RoomReadBy() = default;

void RoomReadBy::onStanza(const RoomStanza &s)
{
    if (s.displayedId.isEmpty() || s.nick.isEmpty())
        return;
    const QString ownId = m_rooms->ownOccupantId(s.room);
    const bool ours = !s.occupantId.isEmpty() && !ownId.isEmpty() ? s.occupantId == ownId
                                                                   : s.nick == m_rooms->nick(s.room);
    if (ours)
        return;
    const QString room = s.room;
    const QString id = s.displayedId;
    const QString key = personKey(s.occupantId, s.nick);
    const QString nick = s.nick;
    // XEP-0333 in group chat: the room's stanza-id; some clients send the message's own id.
    m_store
        ->run<qint64>(HistoryStore::Access::Read,
            [room, id](QSqlDatabase &db) -> Expected<qint64> {
                if (!db.isOpen())
                    return notOpenError();
                QSqlQuery q(db);
                q.prepare(QStringLiteral("SELECT id FROM messages WHERE chat = ? AND (stanza_id = ? OR message_id = ?) "
                                         "ORDER BY id DESC LIMIT 1"));
                q.addBindValue(room);
                q.addBindValue(id);
                q.addBindValue(id);
                if (!q.exec())
                    return Error { QCoreApplication::translate("Jw::RoomReadBy", "Could not read who has read %1: %2")
                                       .arg(room, q.lastError().text().trimmed()) };
                return q.next() ? q.value(0).toLongLong() : qint64(0);
            })
        .then(this, [this, room, key, nick](Expected<qint64> row) {
            if (!row) {
                Q_EMIT storageError(row.errorMessage());
                return;
            }
            if (row.value() > 0)
                advance(room, key, nick, row.value());
        });
}

void RoomReadBy::advance(const QString &room, const QString &key, const QString &nick, qint64 rowId)
{
    Reader &reader = m_readers[room][key];
    const bool moved = rowId > reader.upTo || reader.nick != nick;
    reader.upTo = std::max(reader.upTo, rowId);
    reader.nick = nick;
    if (moved)
        Q_EMIT readByChanged(room);
}

void RoomReadBy::onPresence(const RoomPresence &p)
{
    auto room = m_readers.find(p.room);
    if (room == m_readers.end() || p.isSelf())
        return;
    const QString &nick = p.occupant.nick;
    bool changed = false;
    if (!p.available && p.statusCodes.contains(303) && !p.newNick.isEmpty()) {
        // A nickname change: the same reader under the new name.
        if (auto it = room->find(personKey(QString(), nick)); it != room->end()) {
            Reader reader = *it;
            room->erase(it);
            reader.nick = p.newNick;
            Reader &target = (*room)[personKey(QString(), p.newNick)];
            target.upTo = std::max(target.upTo, reader.upTo);
            target.nick = p.newNick;
            changed = true;
        }
        if (!p.occupant.occupantId.isEmpty()) {
            if (auto it = room->find(personKey(p.occupant.occupantId, nick)); it != room->end()) {
                it->nick = p.newNick;
                changed = true;
            }
        }
    } else if (p.available && !p.occupant.occupantId.isEmpty()) {
        if (auto it = room->find(personKey(p.occupant.occupantId, nick)); it != room->end() && it->nick != nick) {
            it->nick = nick;
            changed = true;
        }
    }
    // Someone who leaves has still read what they read.
    if (changed)
        Q_EMIT readByChanged(p.room);
}

QStringList RoomReadBy::readBy(const QString &room, qint64 rowId) const
{
    QStringList nicks;
    const auto it = m_readers.constFind(room);
    if (it == m_readers.cend() || rowId <= 0)
        return nicks;
    for (const Reader &reader : *it) {
        if (reader.upTo >= rowId)
            nicks.append(reader.nick);
    }
    nicks.sort(Qt::CaseInsensitive);
    return nicks;
}

} // namespace Jw
