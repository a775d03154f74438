#include "readstore.h"

#include "historystore.h"
#include "readstore_p.h"
#include "sqlsupport.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Jw {

bool countsAsDisplayed(const Message &message, qint64 displayedUpTo)
{
    return !message.isIncoming() && message.state != DeliveryState::Failed && message.rowId > 0
        && message.rowId <= displayedUpTo;
}

} // namespace Jw

namespace Jw::ReadStore {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::ReadStore", text);
}

Expected<qint64> findMessage(QSqlDatabase &db, const QString &chat, Direction direction,
    const QString &messageId)
{
    if (messageId.isEmpty())
        return qint64(0);
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT id FROM messages WHERE chat = ? AND direction = ? AND message_id = ? AND message_id <> ''"));
    q.addBindValue(chat);
    q.addBindValue(direction == Direction::Outgoing ? 1 : 0);
    q.addBindValue(messageId);
    if (!q.exec())
        return sqlError(tr("Could not read a message"), q.lastError());
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

bool exec(QSqlDatabase &db, const QString &sql, const QString &chat, QSqlError &error)
{
    QSqlQuery &q = preparedQuery(db, sql);
    q.bindValue(0, chat);
    const bool done = q.exec();
    if (!done)
        error = q.lastError();
    q.finish();
    return done;
}

} // namespace

bool addChat(QSqlDatabase &db, const QString &chat, ChatKind kind, QSqlError &error)
{
    if (kind == ChatKind::Chat)
        return exec(db, QStringLiteral("INSERT OR IGNORE INTO chats (chat) VALUES (?)"), chat, error);
    return exec(db,
        QStringLiteral("INSERT INTO chats (chat, kind) VALUES (?, 'groupchat') "
                       "ON CONFLICT (chat) DO UPDATE SET kind = 'groupchat' WHERE kind <> 'groupchat'"),
        chat, error);
}

bool deleteChat(QSqlDatabase &db, const QString &chat, QSqlError &error)
{
    return exec(db, QStringLiteral("DELETE FROM chats WHERE chat = ?"), chat, error);
}

QFuture<Expected<QList<StoredReadState>>> load(HistoryStore &store, const QString &chat)
{
    return store.run<QList<StoredReadState>>(HistoryStore::Access::Read,
        [chat](QSqlDatabase &db) -> Expected<QList<StoredReadState>> {
            if (!db.isOpen())
                return notOpenError();
            QSqlQuery q(db);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral(
                          "SELECT c.chat, c.last_read_id, c.displayed_id, c.marker_id, c.marker_pending, "
                          // In a room a marker names the room's stanza-id.
                          "COALESCE(CASE WHEN c.kind = 'groupchat' THEN marked.stanza_id "
                          "ELSE marked.message_id END, ''), COALESCE(newest.id, 0), "
                          "COALESCE(CASE WHEN c.kind = 'groupchat' THEN newest.stanza_id "
                          "ELSE newest.message_id END, ''), c.kind, COALESCE(markable.id, 0), "
                          "COALESCE(CASE WHEN c.kind = 'groupchat' THEN markable.stanza_id "
                          "ELSE markable.message_id END, '') "
                          "FROM chats c "
                          "LEFT JOIN messages marked ON marked.id = c.marker_id "
                          "LEFT JOIN messages newest ON newest.id = "
                          "(SELECT MAX(id) FROM messages WHERE chat = c.chat AND direction = 0) "
                          "LEFT JOIN messages markable ON markable.id = "
                          "(SELECT MAX(id) FROM messages WHERE chat = c.chat AND direction = 0 AND markable = 1) ")
                + (chat.isEmpty() ? QString() : QStringLiteral("WHERE c.chat = ? "))
                + QStringLiteral("ORDER BY c.chat"));
            if (!chat.isEmpty())
                q.addBindValue(chat);
            if (!q.exec())
                return sqlError(tr("Could not read the read positions"), q.lastError());
            QList<StoredReadState> list;
            while (q.next()) {
                StoredReadState s;
                s.chat = q.value(0).toString();
                s.read.lastRead = q.value(1).toLongLong();
                s.displayed = q.value(2).toLongLong();
                s.read.marker = q.value(3).toLongLong();
                s.read.markerPending = q.value(4).toInt() != 0;
                s.read.markerId = q.value(5).toString();
                s.read.newestIncoming = q.value(6).toLongLong();
                s.read.newestIncomingId = q.value(7).toString();
                s.kind = kindFromName(q.value(8).toString());
                s.read.newestMarkable = q.value(9).toLongLong();
                s.read.newestMarkableId = q.value(10).toString();
                list.append(s);
            }
            return list;
        });
}

QFuture<Expected<Conversation>> save(HistoryStore &store, const QString &chat, const ChatReadState &state)
{
    return store.run<Conversation>(HistoryStore::Access::Write,
        [chat, state](QSqlDatabase &db) -> Expected<Conversation> {
        if (!db.isOpen())
            return notOpenError();
        // In an upsert's SET, bare column names are the row as it was.
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO chats (chat, last_read_id, marker_id, marker_pending) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (chat) DO UPDATE SET "
            "last_read_id = MAX(last_read_id, excluded.last_read_id), "
            "marker_pending = CASE WHEN excluded.marker_id >= marker_id THEN excluded.marker_pending "
            "ELSE marker_pending END, "
            "marker_id = MAX(marker_id, excluded.marker_id)"));
        q.addBindValue(chat);
        q.addBindValue(state.lastRead);
        q.addBindValue(state.marker);
        q.addBindValue(state.markerPending ? 1 : 0);
        if (!q.exec())
            return sqlError(tr("The read position could not be saved"), q.lastError());
        return HistoryStore::readConversation(db, chat);
    });
}

QFuture<Expected<qint64>> find(HistoryStore &store, const QString &chat, Direction direction,
    const QString &messageId)
{
    return store.run<qint64>(HistoryStore::Access::Read, [=](QSqlDatabase &db) -> Expected<qint64> {
        if (!db.isOpen())
            return notOpenError();
        return findMessage(db, chat, direction, messageId);
    });
}

QFuture<Expected<qint64>> markDisplayed(HistoryStore &store, const QString &chat, const QString &messageId)
{
    return store.run<qint64>(HistoryStore::Access::Write, [=](QSqlDatabase &db) -> Expected<qint64> {
        if (!db.isOpen())
            return notOpenError();
        // Only an id we sent in this very chat: anyone can send a marker
        // naming any id, and ours to another chat must not count (the spoof
        // case of tests/integration/tst_readmarkers.cpp).
        const auto ours = findMessage(db, chat, Direction::Outgoing, messageId);
        if (!ours || ours.value() == 0)
            return ours;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE chats SET displayed_id = MAX(displayed_id, ?) WHERE chat = ?"));
        q.addBindValue(ours.value());
        q.addBindValue(chat);
        if (!q.exec())
            return sqlError(tr("Could not save that a message was seen"), q.lastError());
        q.prepare(QStringLiteral("SELECT displayed_id FROM chats WHERE chat = ?"));
        q.addBindValue(chat);
        if (!q.exec())
            return sqlError(tr("Could not save that a message was seen"), q.lastError());
        return q.next() ? q.value(0).toLongLong() : qint64(0);
    });
}

} // namespace Jw::ReadStore
