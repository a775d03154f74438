#include "sqlsupport.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace Jw {
namespace {

// lupdate files these under "Jw", where Jw::Translator finds them.
QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::SqlSupport", text);
}

/// Per thread (each store's connection has its own), per connection.
thread_local QHash<QString, QHash<QString, QSqlQuery>> t_prepared;

} // namespace

Error sqlError(const QString &what, const QSqlError &error)
{
    return Error { tr("%1: %2").arg(what, error.text().trimmed()) };
}

Error notOpenError()
{
    return Error { tr("The history is not open.") };
}

QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

qint64 toMs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

QSqlQuery &preparedQuery(QSqlDatabase &db, const QString &sql)
{
    QHash<QString, QSqlQuery> &cache = t_prepared[db.connectionName()];
    auto it = cache.find(sql);
    if (it == cache.end()) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        // A statement that fails to compile is not kept: exec() reports its error.
        if (!q.prepare(sql))
            return cache.insert(QString(), std::move(q)).value();
        it = cache.insert(sql, std::move(q));
    }
    return it.value();
}

void dropPreparedQueries(const QString &connectionName)
{
    t_prepared.remove(connectionName);
}

} // namespace Jw
