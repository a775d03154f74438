#include "roomstore.h"

#include "historystore.h"
#include "readstore_p.h"
#include "sqlsupport.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Jw::RoomStore {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::RoomStore", text);
}

} // namespace

QFuture<Expected<QList<StoredRoom>>> load(HistoryStore &store)
{
    return store.run<QList<StoredRoom>>(HistoryStore::Access::Read,
        [](QSqlDatabase &db) -> Expected<QList<StoredRoom>> {
            if (!db.isOpen())
                return notOpenError();
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT room, nick, joined, archive_last FROM rooms ORDER BY room")))
                return sqlError(tr("Could not read the rooms"), q.lastError());
            QList<StoredRoom> list;
            while (q.next())
                list.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toBool(),
                    q.value(3).toString() });
            return list;
        });
}

QFuture<Expected<Done>> save(HistoryStore &store, const QString &room, const QString &nick, bool joined)
{
    return store.run<Done>(HistoryStore::Access::Write, [=](QSqlDatabase &db) -> Expected<Done> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO rooms (room, nick, joined) VALUES (?, ?, ?) "
                                 "ON CONFLICT (room) DO UPDATE SET nick = excluded.nick, joined = excluded.joined"));
        q.addBindValue(room);
        q.addBindValue(notNull(nick));
        q.addBindValue(joined ? 1 : 0);
        QSqlError error;
        if (!q.exec())
            error = q.lastError();
        else if (ReadStore::addChat(db, room, ChatKind::GroupChat, error))
            return Done {};
        return sqlError(tr("The room could not be saved"), error);
    });
}

QFuture<Expected<Done>> setArchivePosition(HistoryStore &store, const QString &room, const QString &id)
{
    return store.run<Done>(HistoryStore::Access::Write, [=](QSqlDatabase &db) -> Expected<Done> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE rooms SET archive_last = ? WHERE room = ?"));
        q.addBindValue(id);
        q.addBindValue(room);
        if (!q.exec())
            return sqlError(tr("The room's archive position could not be saved"), q.lastError());
        return Done {};
    });
}

} // namespace Jw::RoomStore
