#include "sqlsupport.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <memory>

namespace Jw {
namespace {

// lupdate files these under "Jw", where Jw::Translator finds them.
QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::SqlSupport", text);
}

/// Per thread (each store's connection has its own), per connection.
/// (QSqlQuery cannot be copied, and a QHash's values must be.)
thread_local QHash<QString, QHash<QString, std::shared_ptr<QSqlQuery>>> t_prepared;

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
    QHash<QString, std::shared_ptr<QSqlQuery>> &cache = t_prepared[db.connectionName()];
    auto it = cache.find(sql);
    if (it == cache.end()) {
        auto q = std::make_shared<QSqlQuery>(db);
        q->setForwardOnly(true);
        // A statement that does not compile is not kept: exec() reports it.
        it = cache.insert(q->prepare(sql) ? sql : QString(), q);
    }
    return *it.value();
}

void dropPreparedQueries(const QString &connectionName)
{
    t_prepared.remove(connectionName);
}

} // namespace Jw
