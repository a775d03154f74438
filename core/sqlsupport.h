#pragma once

// Internal to core: what the jobs of the history's store files share
// (historystore.cpp, readstore.cpp, requeststore.cpp, chatstates.cpp). Not for
// use outside core/: it speaks SQL.

#include "expected.h"

#include <QDateTime>
#include <QString>

class QSqlError;

namespace Jw {

/// "`what`: the database's own words". `what` is translated by the caller.
Error sqlError(const QString &what, const QSqlError &error);
/// What a job returns when the history is not open (it failed to open, or
/// was never opened).
Error notOpenError();
/// A null QString binds as SQL NULL; text columns are NOT NULL.
QString notNull(const QString &text);
/// Times are kept as ms since the epoch, UTC; an invalid time as 0.
qint64 toMs(const QDateTime &time);
QDateTime fromMs(qint64 ms);

} // namespace Jw
