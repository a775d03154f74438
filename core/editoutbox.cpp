#include "editoutbox.h"

#include "edits.h"
#include "sqlsupport.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Jw::EditOutbox {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::EditOutbox", text);
}

/// Queues `edit`, which just changed `target` (its row).
Expected<Done> queue(QSqlDatabase &db, const Message &edit, const Message &target)
{
    const QString kind = !edit.reactsTo.isEmpty() ? u"react"_s : !edit.retracts.isEmpty() ? u"retract"_s : u"correct"_s;
    QSqlQuery q(db);
    // A retraction makes whatever else waits for the message pointless.
    q.prepare(kind == u"retract" ? u"DELETE FROM outgoing_edits WHERE message = ?"_s
                                 : u"DELETE FROM outgoing_edits WHERE message = ? AND kind = ?"_s);
    q.addBindValue(target.rowId);
    if (kind != u"retract")
        q.addBindValue(kind);
    if (!q.exec())
        return sqlError(tr("The change could not be saved"), q.lastError());
    q.prepare(u"INSERT INTO outgoing_edits (message, kind, body, edit_id, queued_at) VALUES (?, ?, ?, ?, ?)"_s);
    q.addBindValue(target.rowId);
    q.addBindValue(kind);
    q.addBindValue(notNull(kind == u"react" ? edit.reactionSet.join(u'\n') : kind == u"correct" ? edit.body : QString()));
    q.addBindValue(notNull(edit.messageId));
    q.addBindValue(toMs(edit.sentAt));
    if (!q.exec())
        return sqlError(tr("The change could not be saved"), q.lastError());
    return Done {};
}

} // namespace

Message forWire(const Message &edit, const Message &target)
{
    Message out = edit;
    out.chat = target.chat;
    out.kind = target.kind;
    const QString named = target.kind == ChatKind::GroupChat && !target.stanzaId.isEmpty() ? target.stanzaId
                                                                                            : target.messageId;
    if (!edit.reactsTo.isEmpty())
        out.reactsTo = named.isEmpty() ? edit.reactsTo : named;
    else if (!edit.retracts.isEmpty())
        out.retracts = named.isEmpty() ? edit.retracts : named;
    else if (!target.messageId.isEmpty())
        out.replaces = target.messageId;
    return out;
}

QFuture<Expected<HistoryStore::AddResult>> apply(HistoryStore &store, const Message &edit)
{
    return store.run<HistoryStore::AddResult>(HistoryStore::Access::Write,
        [edit](QSqlDatabase &db) -> Expected<HistoryStore::AddResult> {
            if (!db.isOpen())
                return notOpenError();
            HistoryStore::AddResult result { edit, false };
            const auto outcome = Edits::apply(db, edit, result.message);
            if (!outcome)
                return outcome.error();
            result.edit = outcome.value();
            result.amended = outcome.value() == Edits::Outcome::Applied;
            if (result.amended) {
                if (auto queued = queue(db, edit, result.message); !queued)
                    return queued.error();
            }
            return result;
        });
}

QFuture<Expected<QList<Message>>> pending(HistoryStore &store)
{
    return store.run<QList<Message>>(HistoryStore::Access::Read, [](QSqlDatabase &db) -> Expected<QList<Message>> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        if (!q.exec(u"SELECT message, kind, body, edit_id, queued_at FROM outgoing_edits ORDER BY id"_s))
            return sqlError(tr("Could not read the changes waiting to be sent"), q.lastError());
        QSqlQuery read(db);
        read.prepare(HistoryStore::messageSelect() + u" WHERE id = ?"_s);
        QList<Message> waiting;
        while (q.next()) {
            read.bindValue(0, q.value(0).toLongLong());
            if (!read.exec() || !read.next())
                return sqlError(tr("Could not read the changes waiting to be sent"), read.lastError());
            const Message target = HistoryStore::messageFromRow(read);
            read.finish();
            const QString kind = q.value(1).toString();
            Message edit;
            edit.messageId = q.value(3).toString();
            edit.direction = Direction::Outgoing;
            edit.state = DeliveryState::Queued;
            edit.sentAt = fromMs(q.value(4).toLongLong());
            edit.receivedAt = edit.sentAt;
            if (kind == u"react") {
                edit.reactsTo = target.messageId;
                edit.reactionSet = q.value(2).toString().split(u'\n', Qt::SkipEmptyParts);
            } else if (kind == u"retract") {
                edit.retracts = target.messageId;
            } else {
                edit.replaces = target.messageId;
                edit.body = q.value(2).toString();
            }
            waiting.append(forWire(edit, target));
        }
        return waiting;
    });
}

QFuture<Expected<Done>> sent(HistoryStore &store, const QString &editId)
{
    return store.run<Done>(HistoryStore::Access::Write, [editId](QSqlDatabase &db) -> Expected<Done> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        q.prepare(u"DELETE FROM outgoing_edits WHERE edit_id = ?"_s);
        q.addBindValue(editId);
        if (!q.exec())
            return sqlError(tr("The change could not be saved"), q.lastError());
        return Done {};
    });
}

} // namespace Jw::EditOutbox
