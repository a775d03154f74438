#pragma once

// Internal to core: what the jobs of the history's store files share
// (historystore.cpp, readstore.cpp, requeststore.cpp, chatstates.cpp). Not for
// use outside core/: it speaks SQL.

#include "expected.h"

#include <QDateTime>
#include <QString>

class QSqlDatabase;
class QSqlError;
class QSqlQuery;

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

/// The statement `sql` on `db`, prepared once per connection and kept (issue
/// 19): compiling a statement costs more than running it on the hot path (an
/// INSERT compiles its search trigger with it). Forward only; bind by
/// position (bindValue), and finish() it once read, so it holds no read
/// snapshot. Not reentrant: one use at a time. The connection's thread only;
/// dropPreparedQueries() before the connection closes.
QSqlQuery &preparedQuery(QSqlDatabase &db, const QString &sql);
void dropPreparedQueries(const QString &connectionName);

} // namespace Jw
