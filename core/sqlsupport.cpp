#include "sqlsupport.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QTimeZone>

namespace Jw {
namespace {

// lupdate files these under "Jw", where Jw::Translator finds them.
QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::SqlSupport", text);
}

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

} // namespace Jw
