#include "edits.h"

#include "address.h"
#include "historystore.h"
#include "sqlsupport.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Jw::Edits {

using namespace Qt::StringLiterals;

namespace {

QString resourceOf(const QString &jid)
{
    const qsizetype slash = jid.indexOf(u'/');
    return slash < 0 ? QString() : jid.mid(slash + 1);
}

/// The messages of `chat` an edit naming `id` may be about: by their message
/// id, by an earlier correction's id (a chain of corrections), or in a room
/// by the room's stanza-id (XEP-0424 names a room message that way). Newest first.
Expected<QList<Message>> targets(QSqlDatabase &db, const QString &chat, const QString &id)
{
    QSqlQuery q(db);
    q.prepare(HistoryStore::messageSelect()
        + QStringLiteral(" WHERE chat = ? AND ((message_id = ? AND message_id <> '') OR (stanza_id = ? AND stanza_id <> '') "
                         "OR id IN (SELECT v.message FROM message_versions v WHERE v.edit_id = ? AND v.edit_id <> '')) "
                         "ORDER BY id DESC"));
    q.addBindValue(chat);
    q.addBindValue(id);
    q.addBindValue(id);
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(QCoreApplication::translate("Jw::HistoryStore", "Could not read a message"), q.lastError());
    QList<Message> list;
    while (q.next())
        list.append(HistoryStore::messageFromRow(q));
    return list;
}

QString kindOf(const Message &edit)
{
    return !edit.reactsTo.isEmpty() ? u"react"_s : !edit.retracts.isEmpty() ? u"retract"_s : u"correct"_s;
}

Expected<Message> reread(QSqlDatabase &db, qint64 rowId)
{
    QSqlQuery q(db);
    q.prepare(HistoryStore::messageSelect() + QStringLiteral(" WHERE id = ?"));
    q.addBindValue(rowId);
    if (!q.exec())
        return sqlError(QCoreApplication::translate("Jw::HistoryStore", "Could not read a message"), q.lastError());
    if (!q.next())
        return Error { QCoreApplication::translate("Jw::HistoryStore", "The message is not in the history.") };
    return HistoryStore::messageFromRow(q);
}

bool exec(QSqlQuery &q, Error &error)
{
    if (q.exec())
        return true;
    error = sqlError(QCoreApplication::translate("Jw::HistoryStore", "The message could not be changed"), q.lastError());
    return false;
}

/// Changes `target` as `edit` says (the rule was checked).
Expected<Outcome> change(QSqlDatabase &db, const Message &target, const Message &edit)
{
    Error error;
    QSqlQuery q(db);
    if (!edit.reactsTo.isEmpty()) {
        // The newest set of a sender replaces their earlier one (XEP-0444 §4).
        const QString reactor = reactorOf(edit);
        q.prepare(QStringLiteral("DELETE FROM reactions WHERE message = ? AND sender = ?"));
        q.addBindValue(target.rowId);
        q.addBindValue(reactor);
        if (!exec(q, error))
            return error;
        for (const QString &emoji : edit.reactionSet) {
            q.prepare(QStringLiteral("INSERT OR IGNORE INTO reactions (message, sender, emoji, own) VALUES (?, ?, ?, ?)"));
            q.addBindValue(target.rowId);
            q.addBindValue(reactor);
            q.addBindValue(emoji);
            q.addBindValue(edit.direction == Direction::Outgoing ? 1 : 0);
            if (!exec(q, error))
                return error;
        }
        return Outcome::Applied;
    }
    if (!edit.retracts.isEmpty()) {
        if (target.retracted)
            return Outcome::Duplicate;
        // The text goes, not just out of sight: the body and a file's link
        // (and with them the search index, through its update trigger), the
        // earlier versions and the reactions.
        q.prepare(QStringLiteral(
            "UPDATE messages SET body = '', oob_url = '', retracted = 1, edited = 0 WHERE id = ?"));
        q.addBindValue(target.rowId);
        if (!exec(q, error))
            return error;
        for (const auto &table : { QStringLiteral("message_versions"), QStringLiteral("reactions") }) {
            q.prepare(QStringLiteral("DELETE FROM %1 WHERE message = ?").arg(table));
            q.addBindValue(target.rowId);
            if (!exec(q, error))
                return error;
        }
        return Outcome::Applied;
    }
    if (target.retracted)
        return Outcome::Refused;
    if (!edit.messageId.isEmpty()) {
        q.prepare(QStringLiteral("SELECT 1 FROM message_versions WHERE message = ? AND edit_id = ?"));
        q.addBindValue(target.rowId);
        q.addBindValue(edit.messageId);
        if (!exec(q, error))
            return error;
        if (q.next())
            return Outcome::Duplicate;
    }
    if (edit.body == target.body)
        return Outcome::Duplicate;
    q.prepare(QStringLiteral("INSERT INTO message_versions (message, body, edit_id, replaced_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(target.rowId);
    q.addBindValue(notNull(target.body));
    q.addBindValue(notNull(edit.messageId));
    q.addBindValue(toMs(edit.sentAt));
    if (!exec(q, error))
        return error;
    q.prepare(QStringLiteral("UPDATE messages SET body = ?, edited = 1 WHERE id = ?"));
    q.addBindValue(notNull(edit.body));
    q.addBindValue(target.rowId);
    if (!exec(q, error))
        return error;
    return Outcome::Applied;
}

} // namespace

QString reactorOf(const Message &reaction)
{
    if (reaction.kind == ChatKind::GroupChat) {
        if (!reaction.occupantId.isEmpty())
            return u"id:"_s + reaction.occupantId;
        return reaction.nick.isEmpty() ? QString() : u"nick:"_s + reaction.nick;
    }
    return bareOf(reaction.from);
}

bool mayReact(const Message &target, const Message &reaction)
{
    if (target.chat != reaction.chat || target.rowId == 0 || target.retracted || reactorOf(reaction).isEmpty())
        return false;
    // Either side of a chat may react to any of its messages; theirs must
    // come from them (the chat is their address), ours from us.
    if (reaction.kind != ChatKind::GroupChat && reaction.isIncoming() && !occupantOf(reaction.chat)
        && bareOf(reaction.from) != reaction.chat)
        return false;
    return true;
}

bool mayChange(const Message &target, const Message &edit)
{
    if (target.chat != edit.chat || target.direction != edit.direction || target.rowId == 0)
        return false;
    if (target.kind == ChatKind::GroupChat || edit.kind == ChatKind::GroupChat) {
        if (target.nick.isEmpty())
            return false; // a notice of the room itself is nobody's to change
        // Where the room gives occupant ids, the id is the person; a
        // nickname can pass to someone else.
        if (!target.occupantId.isEmpty() || !edit.occupantId.isEmpty())
            return target.occupantId == edit.occupantId;
        return target.nick == edit.nick;
    }
    // The chat and direction already say the bare address; where both
    // resources are known they must be the same (another device of the
    // same person is someone the XEP does not trust to correct).
    if (!target.from.isEmpty() && !edit.from.isEmpty() && bareOf(target.from) != bareOf(edit.from))
        return false;
    const QString was = resourceOf(target.from);
    const QString now = resourceOf(edit.from);
    return was.isEmpty() || now.isEmpty() || was == now;
}

Expected<Outcome> apply(QSqlDatabase &db, const Message &edit, Message &changed)
{
    const QString id = !edit.reactsTo.isEmpty() ? edit.reactsTo : !edit.retracts.isEmpty() ? edit.retracts : edit.replaces;
    auto found = targets(db, edit.chat, id);
    if (!found)
        return found.error();
    if (found->isEmpty()) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO early_edits (chat, target, kind, direction, sender, nick, occupant_id, "
                                 "body, edit_id, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(edit.chat);
        q.addBindValue(id);
        q.addBindValue(kindOf(edit));
        q.addBindValue(edit.direction == Direction::Outgoing ? 1 : 0);
        q.addBindValue(notNull(edit.from));
        q.addBindValue(notNull(edit.nick));
        q.addBindValue(notNull(edit.occupantId));
        q.addBindValue(notNull(!edit.reactsTo.isEmpty() ? edit.reactionSet.join(u'\n')
                                   : edit.retracts.isEmpty() ? edit.body : QString()));
        q.addBindValue(notNull(edit.messageId));
        q.addBindValue(toMs(edit.sentAt));
        if (!q.exec())
            return sqlError(QCoreApplication::translate("Jw::HistoryStore", "The message could not be saved"), q.lastError());
        return Outcome::Deferred;
    }
    for (const Message &target : std::as_const(found.value())) {
        if (!(edit.reactsTo.isEmpty() ? mayChange(target, edit) : mayReact(target, edit)))
            continue;
        auto outcome = change(db, target, edit);
        if (!outcome || outcome.value() != Outcome::Applied)
            return outcome;
        auto now = reread(db, target.rowId);
        if (!now)
            return now.error();
        changed = now.value();
        return Outcome::Applied;
    }
    qInfo("history: refused a %s of \"%s\" in %s: not from its sender",
        qPrintable(kindOf(edit)), qPrintable(id.left(64)), qPrintable(edit.chat));
    return Outcome::Refused;
}

Expected<Message> applyEarly(QSqlDatabase &db, const Message &stored)
{
    if (stored.messageId.isEmpty() && stored.stanzaId.isEmpty())
        return stored;
    // Run for every message stored: prepared once (issue 19).
    QSqlQuery &q = preparedQuery(db,
        QStringLiteral("SELECT id, kind, direction, sender, nick, occupant_id, body, edit_id, sent_at "
                       "FROM early_edits WHERE chat = ? AND target IN (?, ?) ORDER BY sent_at, id"));
    q.bindValue(0, stored.chat);
    q.bindValue(1, stored.messageId.isEmpty() ? QStringLiteral("\n") : stored.messageId);
    q.bindValue(2, stored.stanzaId.isEmpty() ? QStringLiteral("\n") : stored.stanzaId);
    if (!q.exec())
        return sqlError(QCoreApplication::translate("Jw::HistoryStore", "Could not read a message"), q.lastError());
    QList<qint64> done;
    QList<Message> edits;
    while (q.next()) {
        done.append(q.value(0).toLongLong());
        Message e;
        e.chat = stored.chat;
        e.kind = stored.kind;
        const QString kind = q.value(1).toString();
        const QString target = stored.messageId.isEmpty() ? stored.stanzaId : stored.messageId;
        (kind == u"retract" ? e.retracts : kind == u"react" ? e.reactsTo : e.replaces) = target;
        e.direction = q.value(2).toInt() == 1 ? Direction::Outgoing : Direction::Incoming;
        e.from = q.value(3).toString();
        e.nick = q.value(4).toString();
        e.occupantId = q.value(5).toString();
        e.body = q.value(6).toString();
        if (!e.reactsTo.isEmpty()) {
            e.reactionSet = e.body.split(u'\n', Qt::SkipEmptyParts);
            e.body.clear();
        }
        e.messageId = q.value(7).toString();
        e.sentAt = fromMs(q.value(8).toLongLong());
        edits.append(e);
    }
    q.finish();
    Message now = stored;
    for (const Message &e : std::as_const(edits)) {
        if (!(e.reactsTo.isEmpty() ? mayChange(now, e) : mayReact(now, e))) {
            qInfo("history: refused an early edit of \"%s\" in %s: not from its sender",
                qPrintable(stored.messageId.left(64)), qPrintable(stored.chat));
            continue;
        }
        auto outcome = change(db, now, e);
        if (!outcome)
            return outcome.error();
        auto read = reread(db, stored.rowId);
        if (!read)
            return read.error();
        now = read.value();
    }
    for (const qint64 id : std::as_const(done)) {
        QSqlQuery del(db);
        del.prepare(QStringLiteral("DELETE FROM early_edits WHERE id = ?"));
        del.addBindValue(id);
        if (!del.exec())
            return sqlError(QCoreApplication::translate("Jw::HistoryStore", "The message could not be saved"), del.lastError());
    }
    return now;
}

Expected<Done> deleteLocally(QSqlDatabase &db, const QString &chat, qint64 rowId)
{
    QSqlQuery q(db);
    // Versions and reactions go with it (ON DELETE CASCADE), the index entry
    // through its delete trigger.
    q.prepare(QStringLiteral("DELETE FROM messages WHERE id = ? AND chat = ?"));
    q.addBindValue(rowId);
    q.addBindValue(chat);
    if (!q.exec())
        return sqlError(QCoreApplication::translate("Jw::HistoryStore", "The message could not be deleted"), q.lastError());
    return Done {};
}

} // namespace Jw::Edits
