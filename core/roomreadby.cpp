#include "roomreadby.h"

#include "historystore.h"
#include "rooms.h"
#include "sqlsupport.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Jw {
namespace {

const QString IdPrefix = QStringLiteral("id:");
const QString NickPrefix = QStringLiteral("nick:");

struct StoredReader
{
    QString room;
    QString key;
    QString nick;
    qint64 upTo = 0;
};

/// Keeps a reader: their nickname, and how far they read unless it was further.
bool upsert(QSqlDatabase &db, const StoredReader &r, QSqlError &error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO room_reads (room, reader, nick, up_to) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (room, reader) DO UPDATE SET nick = excluded.nick, "
                             "up_to = MAX(up_to, excluded.up_to)"));
    q.addBindValue(r.room);
    q.addBindValue(r.key);
    q.addBindValue(notNull(r.nick));
    q.addBindValue(r.upTo);
    if (q.exec())
        return true;
    error = q.lastError();
    return false;
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
    // Queued before any marker of this run: its answer comes back first.
    load();
}

RoomReadBy::~RoomReadBy() = default;

void RoomReadBy::load()
{
    m_store
        ->run<QList<StoredReader>>(HistoryStore::Access::Read,
            [](QSqlDatabase &db) -> Expected<QList<StoredReader>> {
                if (!db.isOpen())
                    return notOpenError();
                QSqlQuery q(db);
                if (!q.exec(QStringLiteral("SELECT room, reader, nick, up_to FROM room_reads")))
                    return sqlError(tr("Could not read who has read the rooms"), q.lastError());
                QList<StoredReader> list;
                while (q.next())
                    list.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                        q.value(3).toLongLong() });
                return list;
            })
        .then(this, [this](Expected<QList<StoredReader>> list) {
            if (!list) {
                Q_EMIT storageError(list.errorMessage());
            } else {
                QSet<QString> rooms;
                for (const StoredReader &r : std::as_const(list.value())) {
                    Reader &reader = m_readers[r.room][r.key];
                    reader.upTo = std::max(reader.upTo, r.upTo);
                    if (reader.nick.isEmpty())
                        reader.nick = r.nick;
                    rooms.insert(r.room);
                }
                for (const QString &room : std::as_const(rooms))
                    Q_EMIT readByChanged(room);
            }
            m_loaded = true;
            Q_EMIT loaded();
        });
}

QString RoomReadBy::readerKey(const QString &room, const QString &occupantId, const QString &nick) const
{
    const QString ownId = m_rooms->ownOccupantId(room);
    if (!ownId.isEmpty()) {
        // The room gives occupant ids (and stamps its own on every stanza,
        // replacing a sender's): a marker without one is not a person we
        // can name; one with ours is ours, from any of our devices.
        if (occupantId.isEmpty() || occupantId == ownId)
            return {};
        return IdPrefix + occupantId;
    }
    // No ids in this room: an occupant-id element would be the sender's own
    // claim, so the nickname is all there is.
    if (nick.isEmpty() || nick == m_rooms->nick(room))
        return {};
    return NickPrefix + nick;
}

void RoomReadBy::onStanza(const RoomStanza &s)
{
    if (s.displayedId.isEmpty() || s.nick.isEmpty())
        return; // not a marker, or the room's own notice
    const QString key = readerKey(s.room, s.occupantId, s.nick);
    if (key.isEmpty())
        return;
    const StoredReader marker { s.room, key, s.nick, 0 };
    const QString id = s.displayedId;
    // One job: find the message the marker points at and move the reader to it.
    m_store
        ->run<qint64>(HistoryStore::Access::Write,
            [marker, id](QSqlDatabase &db) -> Expected<qint64> {
                if (!db.isOpen())
                    return notOpenError();
                QSqlQuery q(db);
                // The room's stanza-id first (XEP-0333 in group chat); some clients name the message's own id.
                q.prepare(QStringLiteral("SELECT id FROM messages WHERE chat = ? AND stanza_id = ? "
                                         "UNION ALL SELECT id FROM messages WHERE chat = ? AND message_id = ? "
                                         "LIMIT 1"));
                q.addBindValue(marker.room);
                q.addBindValue(id);
                q.addBindValue(marker.room);
                q.addBindValue(id);
                if (!q.exec())
                    return sqlError(tr("Could not read who has read %1").arg(marker.room), q.lastError());
                if (!q.next())
                    return qint64(0); // a message we do not have: nothing to show it on
                StoredReader reader = marker;
                reader.upTo = q.value(0).toLongLong();
                QSqlError error;
                if (!upsert(db, reader, error))
                    return sqlError(tr("Could not keep who has read %1").arg(marker.room), error);
                return reader.upTo;
            })
        .then(this, [this, marker](Expected<qint64> row) {
            if (!row) {
                Q_EMIT storageError(row.errorMessage());
                return;
            }
            if (row.value() <= 0)
                return;
            Reader &reader = m_readers[marker.room][marker.key];
            const bool moved = row.value() > reader.upTo || reader.nick != marker.nick;
            reader.upTo = std::max(reader.upTo, row.value());
            reader.nick = marker.nick;
            if (moved)
                Q_EMIT readByChanged(marker.room);
        });
}

void RoomReadBy::onPresence(const RoomPresence &p)
{
    auto room = m_readers.find(p.room);
    if (room == m_readers.end() || p.isSelf())
        return;
    const QString &nick = p.occupant.nick;
    const bool hasIds = !m_rooms->ownOccupantId(p.room).isEmpty();
    if (hasIds) {
        // The same person under another name: the id says who (their presence under the new nickname).
        if (!p.available || p.occupant.occupantId.isEmpty())
            return;
        const auto it = room->find(IdPrefix + p.occupant.occupantId);
        if (it == room->end() || it->nick == nick)
            return;
        it->nick = nick;
        keep(p.room, it.key());
        Q_EMIT readByChanged(p.room);
        return;
    }
    // No ids: follow a nickname change (303) from the old name to the new one.
    if (p.available || !p.statusCodes.contains(303) || p.newNick.isEmpty())
        return;
    const auto it = room->constFind(NickPrefix + nick);
    if (it == room->cend())
        return;
    const Reader moved = *it;
    const QString oldKey = it.key();
    room->erase(it);
    Reader &target = (*room)[NickPrefix + p.newNick];
    target.upTo = std::max(target.upTo, moved.upTo);
    target.nick = p.newNick;
    keep(p.room, NickPrefix + p.newNick, oldKey);
    Q_EMIT readByChanged(p.room);
    // Someone who leaves has still read what they read: nothing to do then.
}

void RoomReadBy::keep(const QString &room, const QString &key, const QString &removedKey)
{
    const Reader &reader = m_readers[room][key];
    const StoredReader stored { room, key, reader.nick, reader.upTo };
    m_store
        ->run<Done>(HistoryStore::Access::Write,
            [stored, removedKey](QSqlDatabase &db) -> Expected<Done> {
                if (!db.isOpen())
                    return notOpenError();
                QSqlError error;
                if (!removedKey.isEmpty()) {
                    QSqlQuery q(db);
                    q.prepare(QStringLiteral("DELETE FROM room_reads WHERE room = ? AND reader = ?"));
                    q.addBindValue(stored.room);
                    q.addBindValue(removedKey);
                    if (!q.exec())
                        return sqlError(tr("Could not keep who has read %1").arg(stored.room), q.lastError());
                }
                if (!upsert(db, stored, error))
                    return sqlError(tr("Could not keep who has read %1").arg(stored.room), error);
                return Done {};
            })
        .then(this, [this](Expected<Done> done) {
            if (!done)
                Q_EMIT storageError(done.errorMessage());
        });
}

QStringList RoomReadBy::readBy(const QString &room, qint64 rowId) const
{
    QStringList nicks;
    const auto it = m_readers.constFind(room);
    if (it == m_readers.cend() || rowId <= 0)
        return nicks;
    // Never ourselves, even from what was kept before (a nickname we took later).
    const QString ownId = m_rooms->ownOccupantId(room);
    const QString ownKey = ownId.isEmpty() ? QString(NickPrefix + m_rooms->nick(room)) : QString(IdPrefix + ownId);
    for (auto reader = it->cbegin(); reader != it->cend(); ++reader) {
        if (reader->upTo >= rowId && reader.key() != ownKey)
            nicks.append(reader->nick);
    }
    nicks.sort(Qt::CaseInsensitive);
    return nicks;
}

} // namespace Jw
