#pragma once

#include "edits.h"
#include "expected.h"
#include "migrations.h"
#include "types.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPromise>
#include <QSqlDatabase>
#include <QThread>

#include <atomic>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace Jw {

class HistoryWorker;

/// Whether `arriving` is another copy of the stored message `stored` (live
/// and again from the archive, as a carbon, our own message reflected, or
/// resent after a failed resumption). docs/message-identity.md says why:
///  1. the same stanza-id from our own server (XEP-0359, only kept when
///     trusted) is the same message;
///  2. otherwise the same chat and direction (the same sender), the same
///     non-empty message id (origin-id, else the stanza's id) and the same
///     text is the same message;
///  3. anything else is a different message: above all, an id used again
///     with another text, and any message without an id.
/// Dedupe never drops different content.
bool isSameMessage(const Message &stored, const Message &arriving);

/// The SQLite history of one account.
///
/// One thread owns the connection; every call returns a QFuture that is
/// fulfilled on that thread's behalf, so callers continue with
/// `.then(context, …)` and never block the UI. Calls made in the same turn
/// of the caller's event loop are run together in one transaction, so a
/// burst of incoming messages costs one commit. WAL journal with
/// synchronous=FULL: a committed message survives a crash or power loss.
class HistoryStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryStore)

public:
    enum class Access { Read, Write };

    /// Where a page of messages ends: the (sort key, id) of its oldest message.
    struct Cursor
    {
        qint64 sortKey = 0;
        qint64 rowId = 0;
        static Cursor before(const Message &m) { return { m.sortKey(), m.rowId }; }
        static Cursor after(const Message &m) { return { m.sortKey(), m.rowId }; }
    };

    struct AddResult
    {
        Message message; ///< as stored (rowId set; the earlier copy if a duplicate)
        bool inserted = false; ///< false when the message was already stored
        /// A correction or retraction (Edits::isEdit) changed its target:
        /// `message` is the target as it is now.
        bool amended = false;
        /// For a correction or retraction: what became of it.
        Edits::Outcome edit = Edits::Outcome::Refused;
    };

    explicit HistoryStore(const QString &path, QObject *parent = nullptr);
    ~HistoryStore() override;

    QString path() const { return m_path; }

    /// Opens the database, creating it if needed, and migrates it to
    /// `targetVersion` (tests use older versions to exercise migrations).
    QFuture<Expected<Done>> open(int targetVersion = Schema::LatestVersion);
    QFuture<Expected<int>> schemaVersion();

    /// Stores a message once: a copy of a stored message (isSameMessage) is
    /// not stored again; the stored one learns what the copy adds. A
    /// correction or retraction (Edits::isEdit) is not stored as a message:
    /// it changes its target (Edits::apply; AddResult::amended).
    QFuture<Expected<AddResult>> addMessage(const Message &message);
    /// Deletes the message `rowId` of `chat` here only ("delete for me"),
    /// with its text in the search index, its versions and reactions.
    QFuture<Expected<Done>> deleteLocally(const QString &chat, qint64 rowId);
    /// Sets the delivery state of one of our messages; returns it as stored.
    QFuture<Expected<Message>> updateState(const QString &chat, const QString &messageId, DeliveryState state,
        const QString &error = {});
    /// The newest `limit` messages of a chat older than `before`, oldest first.
    QFuture<Expected<QList<Message>>> messages(const QString &chat, std::optional<Cursor> before, int limit);
    /// The oldest `limit` messages of a chat newer than `after`, oldest first.
    QFuture<Expected<QList<Message>>> messagesAfter(const QString &chat, Cursor after, int limit);
    /// The message `rowId` of `chat` with up to `before` older and `after`
    /// newer messages around it, oldest first; empty when `chat` has no
    /// such message. Costs the same at any depth (two index ranges).
    QFuture<Expected<QList<Message>>> messagesAround(const QString &chat, qint64 rowId, int before, int after);
    /// Every message of one chat, or of all chats when `chat` is empty, in order.
    QFuture<Expected<QList<Message>>> allMessages(const QString &chat = {});
    /// Our messages the server has not acknowledged, oldest first.
    QFuture<Expected<QList<Message>>> pendingOutgoing();

    QFuture<Expected<QList<Conversation>>> conversations();
    QFuture<Expected<Conversation>> conversation(const QString &chat);

    QFuture<Expected<QString>> accountValue(const QString &key);
    QFuture<Expected<Done>> setAccountValue(const QString &key, const QString &value);

    /// Runs `job` on the database thread. Later features add their queries
    /// through this instead of growing this class.
    template<typename T>
    QFuture<Expected<T>> run(Access access, std::function<Expected<T>(QSqlDatabase &)> job);

    /// Waits until everything queued so far has run (used at shutdown and by
    /// the command line, never on the UI thread in normal operation).
    void flush();

    /// How many jobs were queued since the store was made: what one event
    /// costs in trips to the database thread (tests and benchmarks count it).
    quint64 jobsQueued() const { return m_jobsQueued.load(std::memory_order_relaxed); }
    /// How many batches ran: jobs taken together, writes in one transaction,
    /// at most MaxJobsPerBatch of them (tests count it).
    quint64 batchesRun() const { return m_batchesRun.load(std::memory_order_relaxed); }
    /// Issue 19: every job's result is one event on the thread that asked
    /// (its future's continuation), and that thread takes all that a commit
    /// posts in one go. Batches grew with the queue during a catch-up: 4,700
    /// messages stored at once held the window for 90 ms. Batches of this
    /// many keep that under 10 ms, and still share a commit (one fsync)
    /// among hundreds of messages.
    static constexpr qsizetype MaxJobsPerBatch = 500;

Q_SIGNALS:
    /// Nothing was asked of the history for a second after some work, and
    /// its caches were emptied: a moment to give freed memory back to the
    /// system (app/memorytrim.h).
    void quiet();

public:
    static Message messageFromRow(const class QSqlQuery &query);
    /// "SELECT <the columns messageFromRow reads> FROM messages", for jobs that add a WHERE.
    static QString messageSelect();
    /// What conversation() returns, read inside a job (run()) on its database.
    static Expected<Conversation> readConversation(QSqlDatabase &db, const QString &chat);

private:
    struct Job
    {
        Access access;
        std::function<void(QSqlDatabase &)> execute;
        std::function<void(const QString &commitError)> finish;
    };
    void enqueue(Job job);

    friend class HistoryWorker;
    const QString m_path;
    QThread m_thread;
    HistoryWorker *m_worker = nullptr;
    std::mutex m_mutex;
    QList<Job> m_queue;
    std::atomic<quint64> m_jobsQueued { 0 };
    std::atomic<quint64> m_batchesRun { 0 };
};

template<typename T>
QFuture<Expected<T>> HistoryStore::run(Access access, std::function<Expected<T>(QSqlDatabase &)> job)
{
    auto promise = std::make_shared<QPromise<Expected<T>>>();
    auto result = std::make_shared<std::optional<Expected<T>>>();
    promise->start();
    QFuture<Expected<T>> future = promise->future();
    enqueue(Job {
        access,
        [job = std::move(job), result](QSqlDatabase &db) { result->emplace(job(db)); },
        [promise, result](const QString &commitError) {
            // The errors are made in the result store itself (emplaceResult):
            // moving an Expected that holds one makes GCC's -O3 analysis see
            // the other alternative read uninitialised (-Wmaybe-uninitialized).
            if (!commitError.isEmpty() && result->has_value() && result->value().ok())
                promise->emplaceResult(Error { commitError });
            else if (result->has_value())
                promise->addResult(std::move(result->value()));
            else
                promise->emplaceResult(Error { commitError });
            promise->finish();
        },
    });
    return future;
}

} // namespace Jw
