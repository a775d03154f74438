#pragma once

// The search index of a history (issue 17): an FTS5 table over the messages'
// bodies (schema version 11) with a tokenizer of our own, and the queries.

#include "expected.h"
#include "searchquery.h"
#include "types.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QVariantList>

class QSqlDatabase;

namespace Jw {
class HistoryStore;
}

namespace Jw::Search {

/// Registers the tokenizer "jabberwock" (searchtext.h's tokenize()) and the
/// functions the queries use on the SQLite connection behind `db`. The
/// history does it for each connection it opens, before migrating.
Expected<Done> registerOn(QSqlDatabase &db);

/// The place of a message in the index (schema 16): the day it was sent
/// (UTC, by `sort_at`) times 2^20, plus its place among the messages stored
/// for that day. So the index reads days newest first, and within a day in
/// the order stored; search orders a day's hits by the time sent itself.
/// Keys stay close together (mostly a message apart, as row ids are): the
/// index stays as small as with row ids.
namespace Key {
/// The day of a time sent (`sort_at`, ms since the epoch, UTC).
qint64 dayOf(qint64 sortKey);
/// The first and the last key of a day.
qint64 firstOfDay(qint64 day);
qint64 lastOfDay(qint64 day);
/// A subquery that gives the next free key for a message sent at a time,
/// or NULL when its day is full (2^20 messages that day: stored, but not
/// indexed); its four placeholders take bindsFor(sortKey), in order.
QString nextSql();
QVariantList bindsFor(qint64 sortKey);
} // namespace Key

/// Which conversations with strangers (Requests) a search looks into.
enum class RequestScope {
    Exclude, ///< the normal lists: not Requests
    Only, ///< the person looks in Requests
    Include, ///< everything stored (the command line)
};

/// Where a hit stands in the order of the results: newest first by the time
/// it was sent (the store's sort key, the order of the chat), then by row id.
struct Position
{
    qint64 sortKey = 0;
    qint64 rowId = 0;
    bool isNull() const { return rowId == 0; }
};

struct Request
{
    Query query;
    QString chat; ///< only this conversation; empty: all
    RequestScope requests = RequestScope::Exclude;
    /// Names the person knows people and chats by (the roster's), by bare
    /// address, for from: and in: beside what the history holds.
    QHash<QString, QString> names;
    int limit = 50; ///< at most this many hits; 0 or less: every hit
    /// Paging: only the hits after this one (the last of the page before);
    /// null: from the newest.
    Position after;
};

struct Hit
{
    Message message;
    QString chatName; ///< the conversation's stored name (rooms), may be empty
    Position position; ///< for Request::after
};

struct Page
{
    QList<Hit> hits; ///< newest first by the time sent (Position), whatever order they were stored in
    /// False while the history from before the index is still being
    /// indexed: the page was found by reading every message (slower).
    bool indexed = true;
};

/// Runs `request` on `db` (inside a history job).
Expected<Page> searchIn(QSqlDatabase &db, const Request &request);
QFuture<Expected<Page>> search(HistoryStore &store, const Request &request);

struct Progress
{
    qint64 done = 0;
    qint64 total = 0;
    bool complete() const { return done >= total; }
};

/// Indexes up to `batch` more messages stored before the index existed,
/// newest first; returns how far that leaves it.
Expected<Progress> indexSome(QSqlDatabase &db, int batch);

/// Indexes the history from before the index in the background, one batch
/// per history job, so the person's own reads and writes go in between.
class Indexer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Indexer)

public:
    explicit Indexer(HistoryStore *store, int batch = 5000, QObject *parent = nullptr);

    void start();
    bool isComplete() const { return m_progress.complete() && m_started; }
    Progress progress() const { return m_progress; }

Q_SIGNALS:
    void progressChanged(qint64 done, qint64 total);
    void finished();
    void failed(const QString &error);

private:
    void step();

    HistoryStore *const m_store;
    const int m_batch;
    Progress m_progress;
    bool m_started = false;
    bool m_running = false;
};

} // namespace Jw::Search
