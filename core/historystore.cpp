#include "historystore.h"

#include "edits.h"
#include "readstore_p.h"
#include "searchindex.h"
#include "sqlsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimer>
#include <QVariant>

#include <sqlite3.h>

#include <atomic>

namespace Jw {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::HistoryStore", text);
}

std::atomic<int> s_connectionCounter { 0 };

/// Whether this thread's database has the columns of issue 18 (schema 12).
/// Tests open older schemas on purpose;
/// each store's connection lives on its own thread, set by open().
thread_local bool t_editColumns = true;
/// The schema version that brought them (migrations.h).
constexpr int EditsVersion = 12;
/// Likewise for the files' column (issue 16, schema 13).
thread_local bool t_fileColumns = true;
constexpr int FilesVersion = 13;
/// Likewise for the search index's key (issue 17, schema 16).
thread_local bool t_searchKey = true;
constexpr int SearchKeyVersion = 16;

const QString BaseColumns = QStringLiteral(
    "id, chat, message_id, direction, sender, recipient, body, sent_at, received_at, state, "
    "arrived_offline, stanza_id, error, nick, occupant_id, "
    "COALESCE((SELECT kind FROM chats WHERE chats.chat = messages.chat), 'chat'), markable, invitation, ");

/// The columns messageFromRow() reads, as far as this thread's schema has
/// them: what an older one lacks reads as nothing.
QString messageColumns()
{
    static const QString edits = QStringLiteral(
        "edited, retracted, reply_to, "
        "CASE WHEN edited THEN (SELECT json_group_array(body) FROM (SELECT body FROM message_versions v "
        "WHERE v.message = messages.id ORDER BY v.id)) END, "
        "(SELECT json_group_array(json_array(r.sender, r.emoji, r.own)) FROM reactions r "
        "WHERE r.message = messages.id), ");
    static const QString noEdits = QStringLiteral("0, 0, '', NULL, NULL, ");
    static const QString files = QStringLiteral("oob_url");
    static const QString noFiles = QStringLiteral("''");
    return BaseColumns + (t_editColumns ? edits : noEdits) + (t_fileColumns ? files : noFiles);
}

Expected<Conversation> queryConversation(QSqlDatabase &db, const QString &chat)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT c.kind, c.name, c.last_read_id, m.body, m.sent_at, m.direction, "
        "(SELECT COUNT(*) FROM messages u WHERE u.chat = c.chat AND u.direction = 0 AND u.id > c.last_read_id), "
        "COALESCE(p.in_roster, 0), COALESCE(p.accepted, 0) "
        "OR EXISTS (SELECT 1 FROM messages o WHERE o.chat = c.chat AND o.direction = 1), COALESCE(p.blocked, 0), "
        "m.nick "
        "FROM chats c LEFT JOIN messages m ON m.id = "
        "(SELECT id FROM messages WHERE chat = c.chat ORDER BY sort_at DESC, id DESC LIMIT 1) "
        "LEFT JOIN peers p ON p.jid = c.chat "
        "WHERE c.chat = ?"));
    q.addBindValue(chat);
    if (!q.exec())
        return sqlError(tr("Could not read the conversation"), q.lastError());
    Conversation c;
    c.chat = chat;
    if (q.next()) {
        c.kind = kindFromName(q.value(0).toString());
        c.name = q.value(1).toString();
        c.lastReadRowId = q.value(2).toLongLong();
        c.lastBody = q.value(3).toString();
        if (!q.value(4).isNull())
            c.lastAt = fromMs(q.value(4).toLongLong());
        c.lastDirection = q.value(5).toInt() == 1 ? Direction::Outgoing : Direction::Incoming;
        c.unread = q.value(6).toInt();
        c.standingFlags = { q.value(7).toBool(), q.value(8).toBool(), q.value(9).toBool() };
        c.lastNick = q.value(10).toString();
    }
    return c;
}

} // namespace

/// Lives on the store's thread and owns the connection.
class HistoryWorker final : public QObject
{
    // Not QObject::tr: lupdate and the lookup both use the file's context.
    Q_DECLARE_TR_FUNCTIONS(Jw::HistoryStore)

public:
    explicit HistoryWorker(HistoryStore *store) : m_store(store)
    {
        m_idle.setSingleShot(true);
        m_idle.setInterval(IdleMs);
        QObject::connect(&m_idle, &QTimer::timeout, this, [this] { idle(); });
    }

    /// Runs what is queued in one transaction, at most
    /// HistoryStore::MaxJobsPerBatch of it; the rest in the next turn of this
    /// thread's event loop.
    void drain()
    {
        QList<HistoryStore::Job> jobs;
        bool more = false;
        {
            std::lock_guard lock(m_store->m_mutex);
            QList<HistoryStore::Job> &queue = m_store->m_queue;
            constexpr qsizetype max = HistoryStore::MaxJobsPerBatch;
            if (queue.size() <= max) {
                jobs.swap(queue);
            } else {
                jobs = queue.first(max);
                queue.remove(0, max);
                more = true;
            }
        }
        if (more) // queued before this batch's results: the batches keep their order
            QMetaObject::invokeMethod(this, [this] { drain(); }, Qt::QueuedConnection);
        if (jobs.isEmpty())
            return;
        m_store->m_batchesRun.fetch_add(1, std::memory_order_relaxed);
        const bool writes = std::any_of(jobs.cbegin(), jobs.cend(),
            [](const auto &job) { return job.access == HistoryStore::Access::Write; });
        const bool transaction = writes && db.isOpen() && db.transaction();
        for (auto &job : jobs)
            job.execute(db);
        QString commitError;
        if (transaction && !db.commit()) {
            commitError = tr("The history could not be saved: %1").arg(db.lastError().text());
            db.rollback();
        }
        for (auto &job : jobs)
            job.finish(job.access == HistoryStore::Access::Write ? commitError : QString());
        // The WAL is copied back into the database when nothing is being
        // written (issue 19): SQLite's own checkpoint, every 1,000 pages
        // inside the commit that crosses them, wrote and synced the database
        // file in the middle of a catch-up. A WAL that grows past
        // CheckpointNowPages all the same (a very long burst) is copied at once.
        if (transaction && m_walPages >= CheckpointNowPages)
            checkpoint();
        m_idle.start();
    }

    /// Nothing asked of the history for IdleMs: the WAL is copied back, and
    /// SQLite's caches are emptied (issue 19: after the start's reads the page
    /// cache stayed resident). Whoever gives the freed heap back to the system
    /// hears of it (quiet(): app/memorytrim.h); not here, since trimming takes
    /// every thread's allocator lock and froze the window for up to 100 ms.
    void idle()
    {
        if (m_walPages >= CheckpointIdlePages)
            checkpoint();
        if (sqlite3 *handle = sqliteHandle(db))
            sqlite3_db_release_memory(handle);
        QMetaObject::invokeMethod(m_store, [store = m_store] { Q_EMIT store->quiet(); }, Qt::QueuedConnection);
    }

    /// Takes over from SQLite's automatic checkpoint (drain()).
    void watchWal()
    {
        if (sqlite3 *handle = sqliteHandle(db))
            sqlite3_wal_hook(handle, &HistoryWorker::walCommitted, this);
    }

    void checkpoint()
    {
        if (!db.isOpen())
            return;
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")))
            qWarning("history: checkpoint failed: %s", qPrintable(q.lastError().text()));
        m_walPages = 0;
    }

    /// Everything queued so far, batch after batch (flush(), close()).
    void drainAll()
    {
        for (;;) {
            {
                std::lock_guard lock(m_store->m_mutex);
                if (m_store->m_queue.isEmpty())
                    return;
            }
            drain();
        }
    }

    void close()
    {
        drainAll();
        m_idle.stop();
        if (!connectionName.isEmpty()) {
            dropPreparedQueries(connectionName);
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connectionName);
        }
    }

    QSqlDatabase db;
    QString connectionName;

private:
    /// SQLite's default: a WAL of more pages is copied back when the writes pause.
    static constexpr int CheckpointIdlePages = 1000;
    /// About 32 MiB of WAL (4 KiB pages): copied back even in a burst.
    static constexpr int CheckpointNowPages = 8000;
    static constexpr int IdleMs = 1000;

    static int walCommitted(void *worker, sqlite3 *, const char *, int pages)
    {
        static_cast<HistoryWorker *>(worker)->m_walPages = pages;
        return SQLITE_OK;
    }

    static sqlite3 *sqliteHandle(QSqlDatabase &db)
    {
        const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
        if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
            return nullptr;
        return *static_cast<sqlite3 *const *>(v.constData());
    }

    HistoryStore *const m_store;
    QTimer m_idle { this };
    int m_walPages = 0;
};

HistoryStore::HistoryStore(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    m_thread.setObjectName(QStringLiteral("history"));
    m_worker = new HistoryWorker(this);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

HistoryStore::~HistoryStore()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void HistoryStore::enqueue(Job job)
{
    bool wasEmpty;
    m_jobsQueued.fetch_add(1, std::memory_order_relaxed);
    {
        std::lock_guard lock(m_mutex);
        wasEmpty = m_queue.isEmpty();
        m_queue.append(std::move(job));
    }
    if (wasEmpty)
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->drain(); }, Qt::QueuedConnection);
}

void HistoryStore::flush()
{
    if (QThread::currentThread() == &m_thread)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->drainAll(); }, Qt::BlockingQueuedConnection);
}

QFuture<Expected<Done>> HistoryStore::open(int targetVersion)
{
    // Opening runs outside any batch transaction: migrations manage their own.
    return run<Done>(Access::Read, [this, targetVersion](QSqlDatabase &) -> Expected<Done> {
        HistoryWorker *w = m_worker;
        if (w->db.isOpen())
            return Done {};
        const QFileInfo info(m_path);
        if (!QDir().mkpath(info.absolutePath()))
            return Error { tr("Could not create the folder %1 for the history.").arg(info.absolutePath()) };
        w->connectionName = QStringLiteral("jabberwock-history-%1").arg(++s_connectionCounter);
        w->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), w->connectionName);
        w->db.setDatabaseName(m_path);
        if (!w->db.open())
            return sqlError(tr("Could not open the history %1").arg(m_path), w->db.lastError());

        QSqlQuery q(w->db);
        // The first statement reads the file: a damaged or foreign file fails here.
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next()) {
            Error e = sqlError(tr("Could not open the history %1").arg(m_path), q.lastError());
            q = QSqlQuery();
            w->db.close();
            return e;
        }
        // Before any migration: the search index's table needs its tokenizer.
        if (auto registered = Search::registerOn(w->db); !registered) {
            q = QSqlQuery();
            w->db.close();
            return registered.error();
        }
        const bool wal = q.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) == 0;
        if (!wal)
            qWarning("history: WAL journal not available, using %s", qPrintable(q.value(0).toString()));
        q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        if (wal)
            w->watchWal();
        q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        q.exec(QStringLiteral("PRAGMA busy_timeout=5000"));

        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
            return sqlError(tr("Could not read the history's version"), q.lastError());
        int version = q.value(0).toInt();
        if (version > Schema::LatestVersion) {
            w->db.close();
            return Error { tr("The history %1 was written by a newer Jabberwock (schema %2); this one reads "
                              "schema %3 and older. Nothing was changed.")
                               .arg(m_path)
                               .arg(version)
                               .arg(Schema::LatestVersion) };
        }
        for (const Schema::Migration &m : Schema::Migrations) {
            if (m.version <= version || m.version > targetVersion)
                continue;
            if (!w->db.transaction())
                return sqlError(tr("Could not upgrade the history"), w->db.lastError());
            const QString sql = QString::fromUtf8(m.sql.data(), qsizetype(m.sql.size()));
            const QStringList statements = sql.split(QStringLiteral(";\n"), Qt::SkipEmptyParts);
            for (const QString &statement : statements) {
                if (statement.trimmed().isEmpty())
                    continue;
                if (!q.exec(statement)) {
                    Error e = sqlError(tr("Could not upgrade the history to version %1").arg(m.version),
                        q.lastError());
                    w->db.rollback();
                    return e;
                }
            }
            if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version)) || !w->db.commit()) {
                Error e = sqlError(tr("Could not upgrade the history to version %1").arg(m.version),
                    w->db.lastError());
                w->db.rollback();
                return e;
            }
            version = m.version;
        }
        t_editColumns = version >= EditsVersion;
        t_fileColumns = version >= FilesVersion;
        t_searchKey = version >= SearchKeyVersion;
        return Done {};
    });
}

QFuture<Expected<int>> HistoryStore::schemaVersion()
{
    return run<int>(Access::Read, [](QSqlDatabase &db) -> Expected<int> {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
            return sqlError(tr("Could not read the history's version"), q.lastError());
        return q.value(0).toInt();
    });
}

Message HistoryStore::messageFromRow(const QSqlQuery &q)
{
    Message m;
    m.rowId = q.value(0).toLongLong();
    m.chat = q.value(1).toString();
    m.messageId = q.value(2).toString();
    m.direction = q.value(3).toInt() == 1 ? Direction::Outgoing : Direction::Incoming;
    m.from = q.value(4).toString();
    m.to = q.value(5).toString();
    m.body = q.value(6).toString();
    m.sentAt = fromMs(q.value(7).toLongLong());
    m.receivedAt = fromMs(q.value(8).toLongLong());
    m.state = static_cast<DeliveryState>(q.value(9).toInt());
    m.arrivedOffline = q.value(10).toBool();
    m.stanzaId = q.value(11).toString();
    m.error = q.value(12).toString();
    m.nick = q.value(13).toString();
    m.occupantId = q.value(14).toString();
    m.kind = kindFromName(q.value(15).toString());
    m.markable = q.value(16).toBool();
    m.invitation = invitationFromStored(q.value(17).toString());
    m.edited = q.value(18).toBool();
    m.retracted = q.value(19).toBool();
    m.replyTo = q.value(20).toString();
    if (m.edited && !q.value(21).isNull()) {
        const QJsonArray versions = QJsonDocument::fromJson(q.value(21).toString().toUtf8()).array();
        for (const QJsonValue &v : versions)
            m.versions.append(v.toString());
    }
    const QJsonArray reactions = QJsonDocument::fromJson(q.value(22).toString().toUtf8()).array();
    for (const QJsonValue &r : reactions) {
        const QJsonArray fields = r.toArray();
        m.reactions.append({ fields.at(0).toString(), fields.at(1).toString(), fields.at(2).toInt() == 1 });
    }
    m.outOfBandUrl = q.value(23).toString();
    return m;
}

QString HistoryStore::messageSelect()
{
    return QStringLiteral("SELECT ") + messageColumns() + QStringLiteral(" FROM messages");
}

namespace {

Expected<Message> readMessage(QSqlDatabase &db, const QString &where, const QVariantList &binds)
{
    QSqlQuery &q = preparedQuery(db, QStringLiteral("SELECT ") + messageColumns() + QStringLiteral(" FROM messages WHERE ") + where);
    for (qsizetype i = 0; i < binds.size(); ++i)
        q.bindValue(int(i), binds.at(i));
    if (!q.exec())
        return sqlError(tr("Could not read a message"), q.lastError());
    const bool found = q.next();
    Message m = found ? HistoryStore::messageFromRow(q) : Message {};
    q.finish();
    if (!found)
        return Error { tr("The message is not in the history.") };
    return m;
}

Expected<QList<Message>> readMessages(QSqlQuery &q)
{
    if (!q.exec())
        return sqlError(tr("Could not read the history"), q.lastError());
    QList<Message> list;
    while (q.next())
        list.append(HistoryStore::messageFromRow(q));
    return list;
}

} // namespace

bool isSameMessage(const Message &stored, const Message &arriving)
{
    if (!stored.stanzaId.isEmpty() && stored.stanzaId == arriving.stanzaId)
        return true;
    return stored.chat == arriving.chat && stored.direction == arriving.direction
        && !stored.messageId.isEmpty() && stored.messageId == arriving.messageId && stored.body == arriving.body;
}

QFuture<Expected<HistoryStore::AddResult>> HistoryStore::addMessage(const Message &message)
{
    return run<AddResult>(Access::Write, [message](QSqlDatabase &db) -> Expected<AddResult> {
        if (!db.isOpen())
            return notOpenError();
        if (message.chat.isEmpty())
            return Error { tr("A message without a conversation cannot be stored.") };
        if (Edits::isEdit(message)) {
            if (!t_editColumns)
                return AddResult { message, false }; // an old schema (tests): nothing to apply it to
            AddResult result { message, false };
            auto outcome = Edits::apply(db, message, result.message);
            if (!outcome)
                return outcome.error();
            result.edit = outcome.value();
            result.amended = outcome.value() == Edits::Outcome::Applied;
            return result;
        }
        // The same message can arrive more than once (isSameMessage). The
        // candidates are found through the indexes ("<> ''" lets SQLite use
        // the partial ones: without it each lookup scans the table, and a
        // catch-up becomes quadratic); the decision is isSameMessage's.
        const int direction = message.direction == Direction::Outgoing ? 1 : 0;
        std::optional<Message> existing;
        if (!message.stanzaId.isEmpty()) {
            auto found = readMessage(db, QStringLiteral("chat = ? AND stanza_id = ? AND stanza_id <> ''"),
                { message.chat, message.stanzaId });
            if (found && isSameMessage(found.value(), message))
                existing = found.value();
        }
        if (!existing && !message.messageId.isEmpty()) {
            QSqlQuery &candidates = preparedQuery(db, QStringLiteral("SELECT ") + messageColumns()
                + QStringLiteral(" FROM messages WHERE chat = ? AND direction = ? AND message_id = ? "
                                 "AND message_id <> '' ORDER BY id"));
            candidates.bindValue(0, message.chat);
            candidates.bindValue(1, direction);
            candidates.bindValue(2, message.messageId);
            auto found = readMessages(candidates);
            candidates.finish();
            if (!found)
                return found.error();
            for (const Message &candidate : std::as_const(found.value())) {
                if (isSameMessage(candidate, message)) {
                    existing = candidate;
                    break;
                }
            }
            if (!existing && !found->isEmpty()) {
                qInfo("history: %s reused the message id \"%s\" for another text; stored as another message",
                    qPrintable(message.chat), qPrintable(message.messageId.left(64)));
            }
        }
        if (existing) {
            // Learn what the repeat adds: the server's id, and for our own
            // message the proof that the server has it.
            const bool learnId = existing->stanzaId.isEmpty() && !message.stanzaId.isEmpty();
            const bool nowSent = existing->state == DeliveryState::Queued && message.state == DeliveryState::Sent;
            if (learnId || nowSent) {
                QSqlQuery update(db);
                update.prepare(QStringLiteral("UPDATE messages SET stanza_id = ?, state = ? WHERE id = ?"));
                update.addBindValue(learnId ? message.stanzaId : existing->stanzaId);
                update.addBindValue(static_cast<int>(nowSent ? DeliveryState::Sent : existing->state));
                update.addBindValue(existing->rowId);
                if (!update.exec())
                    return sqlError(tr("The message could not be saved"), update.lastError());
                if (learnId)
                    existing->stanzaId = message.stanzaId;
                if (nowSent)
                    existing->state = DeliveryState::Sent;
            }
            return AddResult { existing.value(), false };
        }

        QSqlQuery &q = preparedQuery(db, QStringLiteral("INSERT INTO messages (chat, message_id, direction, sender, recipient, "
                                 "body, sent_at, received_at, sort_at, state, arrived_offline, stanza_id, error, nick, "
                                 "occupant_id, markable, invitation")
            + (t_editColumns ? QStringLiteral(", reply_to") : QString())
            + (t_fileColumns ? QStringLiteral(", oob_url") : QString())
            + (t_searchKey ? QStringLiteral(", search_key") : QString())
            + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?")
            + (t_editColumns ? QStringLiteral(", ?") : QString()) + (t_fileColumns ? QStringLiteral(", ?") : QString())
            + (t_searchKey ? QStringLiteral(", ") + Search::Key::nextSql() : QString()) + u')');
        int column = 0;
        q.bindValue(column++, notNull(message.chat));
        q.bindValue(column++, notNull(message.messageId));
        q.bindValue(column++, direction);
        q.bindValue(column++, notNull(message.from));
        q.bindValue(column++, notNull(message.to));
        q.bindValue(column++, notNull(message.body));
        q.bindValue(column++, toMs(message.sentAt));
        q.bindValue(column++, toMs(message.receivedAt));
        q.bindValue(column++, message.sortKey());
        q.bindValue(column++, static_cast<int>(message.state));
        q.bindValue(column++, message.arrivedOffline ? 1 : 0);
        q.bindValue(column++, notNull(message.stanzaId));
        q.bindValue(column++, notNull(message.error));
        q.bindValue(column++, notNull(message.nick));
        q.bindValue(column++, notNull(message.occupantId));
        q.bindValue(column++, message.markable && message.isIncoming() ? 1 : 0);
        q.bindValue(column++, notNull(storedInvitation(message.invitation)));
        if (t_editColumns)
            q.bindValue(column++, notNull(message.replyTo));
        if (t_fileColumns)
            q.bindValue(column++, notNull(message.outOfBandUrl));
        if (t_searchKey) {
            for (const QVariant &v : Search::Key::bindsFor(message.sortKey()))
                q.bindValue(column++, v);
        }
        if (!q.exec())
            return sqlError(tr("The message could not be saved"), q.lastError());
        const qint64 rowId = q.lastInsertId().toLongLong();
        q.finish();
        Message stored = message;
        stored.rowId = rowId;

        // The conversation's row (read state, in readstore.cpp). That our own
        // message reads what came before it is ReadTracker's to say.
        QSqlError error;
        if (!ReadStore::addChat(db, message.chat, message.kind, error))
            return sqlError(tr("The message could not be saved"), error);
        // A correction or retraction may have come first (archive order).
        if (!t_editColumns)
            return AddResult { stored, true };
        auto now = Edits::applyEarly(db, stored);
        if (!now)
            return now.error();
        return AddResult { now.value(), true };
    });
}

QFuture<Expected<Message>> HistoryStore::updateState(const QString &chat, const QString &messageId,
    DeliveryState state, const QString &error)
{
    return run<Message>(Access::Write, [=](QSqlDatabase &db) -> Expected<Message> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        // The server's acknowledgement can come after its error or the
        // receiver's receipt: "sent" only ever follows "queued".
        q.prepare(QStringLiteral("UPDATE messages SET state = ?, error = ? WHERE chat = ? AND direction = 1 "
                                 "AND message_id = ? AND message_id <> '' AND (? <> ? OR state = ?)"));
        q.addBindValue(static_cast<int>(state));
        q.addBindValue(notNull(error));
        q.addBindValue(chat);
        q.addBindValue(messageId);
        q.addBindValue(static_cast<int>(state));
        q.addBindValue(static_cast<int>(DeliveryState::Sent));
        q.addBindValue(static_cast<int>(DeliveryState::Queued));
        if (!q.exec())
            return sqlError(tr("The message's state could not be saved"), q.lastError());
        return readMessage(db,
            QStringLiteral("chat = ? AND direction = 1 AND message_id = ? AND message_id <> ''"), { chat, messageId });
    });
}

namespace {

/// One page of `chat` next to the position (sortKey, rowId), oldest first:
/// older ones before it, or newer ones from it (`inclusive`: it too). A row
/// value comparison, so SQLite walks the (chat, sort_at, id) index from
/// the position instead of filtering what is newer: the cost is the page's.
Expected<QList<Message>> readPage(QSqlDatabase &db, const QString &chat, std::optional<HistoryStore::Cursor> from,
    bool older, bool inclusive, int limit)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT ") + messageColumns() + QStringLiteral(" FROM messages WHERE chat = ?");
    if (from) {
        sql += older ? QStringLiteral(" AND (sort_at, id) < (?, ?)")
                     : (inclusive ? QStringLiteral(" AND (sort_at, id) >= (?, ?)")
                                  : QStringLiteral(" AND (sort_at, id) > (?, ?)"));
    }
    sql += older ? QStringLiteral(" ORDER BY sort_at DESC, id DESC LIMIT ?")
                 : QStringLiteral(" ORDER BY sort_at, id LIMIT ?");
    q.prepare(sql);
    q.addBindValue(chat);
    if (from) {
        q.addBindValue(from->sortKey);
        q.addBindValue(from->rowId);
    }
    q.addBindValue(limit);
    auto list = readMessages(q);
    if (list && older)
        std::reverse(list.value().begin(), list.value().end());
    return list;
}

} // namespace

QFuture<Expected<QList<Message>>> HistoryStore::messages(const QString &chat, std::optional<Cursor> before,
    int limit)
{
    return run<QList<Message>>(Access::Read, [=](QSqlDatabase &db) -> Expected<QList<Message>> {
        if (!db.isOpen())
            return notOpenError();
        return readPage(db, chat, before, true, false, limit);
    });
}

QFuture<Expected<QList<Message>>> HistoryStore::messagesAfter(const QString &chat, Cursor after, int limit)
{
    return run<QList<Message>>(Access::Read, [=](QSqlDatabase &db) -> Expected<QList<Message>> {
        if (!db.isOpen())
            return notOpenError();
        return readPage(db, chat, after, false, false, limit);
    });
}

QFuture<Expected<QList<Message>>> HistoryStore::messagesAround(const QString &chat, qint64 rowId, int before,
    int after)
{
    return run<QList<Message>>(Access::Read, [=](QSqlDatabase &db) -> Expected<QList<Message>> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT sort_at FROM messages WHERE id = ? AND chat = ?"));
        q.addBindValue(rowId);
        q.addBindValue(chat);
        if (!q.exec())
            return sqlError(tr("Could not read the history"), q.lastError());
        if (!q.next())
            return QList<Message> {};
        const HistoryStore::Cursor at { q.value(0).toLongLong(), rowId };
        auto older = readPage(db, chat, at, true, false, before);
        if (!older)
            return older;
        auto newer = readPage(db, chat, at, false, true, after + 1);
        if (!newer)
            return newer;
        return older.value() + newer.value();
    });
}

QFuture<Expected<QList<Message>>> HistoryStore::allMessages(const QString &chat)
{
    return run<QList<Message>>(Access::Read, [=](QSqlDatabase &db) -> Expected<QList<Message>> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (chat.isEmpty()) {
            q.prepare(QStringLiteral("SELECT ") + messageColumns()
                + QStringLiteral(" FROM messages ORDER BY chat, sort_at, id"));
        } else {
            q.prepare(QStringLiteral("SELECT ") + messageColumns()
                + QStringLiteral(" FROM messages WHERE chat = ? ORDER BY sort_at, id"));
            q.addBindValue(chat);
        }
        return readMessages(q);
    });
}

QFuture<Expected<QList<Message>>> HistoryStore::pendingOutgoing()
{
    return run<QList<Message>>(Access::Read, [](QSqlDatabase &db) -> Expected<QList<Message>> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT ") + messageColumns()
            + QStringLiteral(" FROM messages WHERE direction = 1 AND state = ?")
            + (t_editColumns ? QStringLiteral(" AND retracted = 0") : QString()) + QStringLiteral(" ORDER BY id"));
        q.addBindValue(static_cast<int>(DeliveryState::Queued));
        return readMessages(q);
    });
}

QFuture<Expected<Done>> HistoryStore::deleteLocally(const QString &chat, qint64 rowId)
{
    return run<Done>(Access::Write, [=](QSqlDatabase &db) -> Expected<Done> {
        if (!db.isOpen())
            return notOpenError();
        return Edits::deleteLocally(db, chat, rowId);
    });
}

QFuture<Expected<QList<Conversation>>> HistoryStore::conversations()
{
    return run<QList<Conversation>>(Access::Read, [](QSqlDatabase &db) -> Expected<QList<Conversation>> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT chat FROM chats")))
            return sqlError(tr("Could not read the conversations"), q.lastError());
        QList<Conversation> list;
        while (q.next()) {
            auto c = queryConversation(db, q.value(0).toString());
            if (!c)
                return c.error();
            list.append(c.value());
        }
        std::stable_sort(list.begin(), list.end(),
            [](const Conversation &a, const Conversation &b) { return a.lastAt > b.lastAt; });
        return list;
    });
}

QFuture<Expected<Conversation>> HistoryStore::conversation(const QString &chat)
{
    return run<Conversation>(Access::Read, [chat](QSqlDatabase &db) -> Expected<Conversation> {
        if (!db.isOpen())
            return notOpenError();
        return queryConversation(db, chat);
    });
}

Expected<Conversation> HistoryStore::readConversation(QSqlDatabase &db, const QString &chat)
{
    return queryConversation(db, chat);
}

QFuture<Expected<QString>> HistoryStore::accountValue(const QString &key)
{
    return run<QString>(Access::Read, [key](QSqlDatabase &db) -> Expected<QString> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT value FROM account_state WHERE key = ?"));
        q.addBindValue(key);
        if (!q.exec())
            return sqlError(tr("Could not read the account's state"), q.lastError());
        return q.next() ? q.value(0).toString() : QString();
    });
}

QFuture<Expected<Done>> HistoryStore::setAccountValue(const QString &key, const QString &value)
{
    return run<Done>(Access::Write, [key, value](QSqlDatabase &db) -> Expected<Done> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO account_state (key, value) VALUES (?, ?)"));
        q.addBindValue(key);
        q.addBindValue(value);
        if (!q.exec())
            return sqlError(tr("Could not save the account's state"), q.lastError());
        return Done {};
    });
}

} // namespace Jw
