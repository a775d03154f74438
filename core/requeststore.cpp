#include "requeststore.h"

#include "historystore.h"
#include "readstore_p.h"
#include "sqlsupport.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Jw::RequestStore {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::RequestStore", text);
}

// Column names come from this table only, never from input.
QString column(StandingFlag flag)
{
    switch (flag) {
    case StandingFlag::InRoster:
        return QStringLiteral("in_roster");
    case StandingFlag::Accepted:
        return QStringLiteral("accepted");
    case StandingFlag::Blocked:
        return QStringLiteral("blocked");
    }
    return QStringLiteral("in_roster");
}

/// Sets the flag of each of `jids` to `on`; appends to `changed` those that differed.
bool write(QSqlDatabase &db, StandingFlag flag, const QStringList &jids, bool on, QStringList &changed, QSqlError &error)
{
    const QString name = column(flag);
    QSqlQuery read(db);
    read.prepare(QStringLiteral("SELECT %1 FROM peers WHERE jid = ?").arg(name));
    QSqlQuery upsert(db);
    upsert.prepare(QStringLiteral("INSERT INTO peers (jid, %1) VALUES (?, ?) "
                                  "ON CONFLICT (jid) DO UPDATE SET %1 = excluded.%1")
                       .arg(name));
    for (const QString &jid : jids) {
        if (jid.isEmpty())
            continue;
        read.addBindValue(jid);
        if (!read.exec()) {
            error = read.lastError();
            return false;
        }
        const bool was = read.next() && read.value(0).toBool();
        read.finish();
        if (was == on)
            continue;
        upsert.addBindValue(jid);
        upsert.addBindValue(on ? 1 : 0);
        if (!upsert.exec()) {
            error = upsert.lastError();
            return false;
        }
        changed.append(jid);
    }
    return true;
}

} // namespace

QFuture<Expected<QHash<QString, StandingFlags>>> load(HistoryStore &store)
{
    using Result = QHash<QString, StandingFlags>;
    return store.run<Result>(HistoryStore::Access::Read, [](QSqlDatabase &db) -> Expected<Result> {
        if (!db.isOpen())
            return notOpenError();
        Result peers;
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT jid, in_roster, accepted, blocked FROM peers")))
            return sqlError(tr("Could not read who your contacts are"), q.lastError());
        while (q.next())
            peers.insert(q.value(0).toString(), { q.value(1).toBool(), q.value(2).toBool(), q.value(3).toBool() });
        if (!q.exec(QStringLiteral("SELECT DISTINCT chat FROM messages WHERE direction = 1")))
            return sqlError(tr("Could not read who your contacts are"), q.lastError());
        while (q.next())
            peers[q.value(0).toString()].accepted = true;
        return peers;
    });
}

QFuture<Expected<QStringList>> set(HistoryStore &store, StandingFlag flag, const QStringList &jids, bool on)
{
    return store.run<QStringList>(HistoryStore::Access::Write, [=](QSqlDatabase &db) -> Expected<QStringList> {
        if (!db.isOpen())
            return notOpenError();
        QStringList changed;
        QSqlError error;
        if (!write(db, flag, jids, on, changed, error))
            return sqlError(tr("Could not save who your contacts are"), error);
        return changed;
    });
}

QFuture<Expected<QStringList>> replace(HistoryStore &store, StandingFlag flag, const QStringList &jids)
{
    return store.run<QStringList>(HistoryStore::Access::Write, [=](QSqlDatabase &db) -> Expected<QStringList> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT jid FROM peers WHERE %1 = 1").arg(column(flag))))
            return sqlError(tr("Could not read who your contacts are"), q.lastError());
        const QSet<QString> wanted(jids.cbegin(), jids.cend());
        QStringList dropped;
        while (q.next()) {
            if (!wanted.contains(q.value(0).toString()))
                dropped.append(q.value(0).toString());
        }
        QStringList changed;
        QSqlError error;
        if (!write(db, flag, dropped, false, changed, error) || !write(db, flag, jids, true, changed, error))
            return sqlError(tr("Could not save who your contacts are"), error);
        return changed;
    });
}

QFuture<Expected<Done>> deleteChat(HistoryStore &store, const QString &chat)
{
    return store.run<Done>(HistoryStore::Access::Write, [chat](QSqlDatabase &db) -> Expected<Done> {
        if (!db.isOpen())
            return notOpenError();
        const QStringList statements {
            QStringLiteral("DELETE FROM messages WHERE chat = ?"),
            QStringLiteral("DELETE FROM chat_states WHERE chat = ?"),
            QStringLiteral("DELETE FROM mds_waiting WHERE chat = ?"),
            QStringLiteral("UPDATE peers SET accepted = 0 WHERE jid = ?"),
        };
        for (const QString &sql : statements) {
            QSqlQuery q(db);
            q.prepare(sql);
            q.addBindValue(chat);
            if (!q.exec())
                return sqlError(tr("The conversation could not be deleted"), q.lastError());
        }
        // Its read position and markers: the chats table is readstore.cpp's.
        QSqlError error;
        if (!ReadStore::deleteChat(db, chat, error))
            return sqlError(tr("The conversation could not be deleted"), error);
        return Done {};
    });
}

} // namespace Jw::RequestStore
