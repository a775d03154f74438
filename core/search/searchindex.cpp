#include "searchindex.h"

#include "historystore.h"
#include "searchtext.h"
#include "sqlsupport.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <queue>
#include <vector>

namespace Jw::Search {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::Search", text);
}

// ---- the tokenizer -------------------------------------------------------

int s_tokenizerInstance = 0;

int createTokenizer(void *, const char **, int, Fts5Tokenizer **out)
{
    *out = reinterpret_cast<Fts5Tokenizer *>(&s_tokenizerInstance);
    return SQLITE_OK;
}

void deleteTokenizer(Fts5Tokenizer *) { }

int runTokenizer(Fts5Tokenizer *, void *context, int flags, const char *text, int size,
    int (*emitToken)(void *, int, const char *, int, int, int))
{
    const QString s = QString::fromUtf8(text, size);
    // UTF-8 offsets of each UTF-16 unit: FTS5 speaks in bytes.
    std::vector<int> offset(size_t(s.size()) + 1);
    int bytes = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        offset[size_t(i)] = std::min(bytes, size);
        const char16_t u = s[i].unicode();
        bytes += u < 0x80 ? 1 : u < 0x800 ? 2 : QChar::isHighSurrogate(u) ? 4 : QChar::isLowSurrogate(u) ? 0 : 3;
    }
    offset[size_t(s.size())] = std::min(bytes, size);
    const TokenMode mode = (flags & FTS5_TOKENIZE_QUERY) ? TokenMode::Query : TokenMode::Document;
    const QList<Token> tokens = tokenize(s, mode);
    for (const Token &t : tokens) {
        const QByteArray utf8 = t.text.toUtf8();
        const int rc = emitToken(context, t.colocated ? FTS5_TOKEN_COLOCATED : 0, utf8.constData(), int(utf8.size()),
            offset[size_t(t.start)], offset[size_t(t.end)]);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

QString textArg(sqlite3_value *value)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(value));
    return text ? QString::fromUtf8(text, sqlite3_value_bytes(value)) : QString();
}

/// jw_name_match(pattern, name, …): whether any name matches (nameMatches).
void nameMatchFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    const QString pattern = argc > 0 ? textArg(argv[0]) : QString();
    for (int i = 1; i < argc; ++i) {
        if (nameMatches(textArg(argv[i]), pattern)) {
            sqlite3_result_int(context, 1);
            return;
        }
    }
    sqlite3_result_int(context, 0);
}

/// jw_contains(text, needle): the scan used while the index is being built;
/// a percent-encoded link counts as the text it stands for, as in the index.
void containsFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    const QString needle = fold(textArg(argv[1]));
    const QString text = textArg(argv[0]);
    const bool found = fold(text).contains(needle) || fold(decodedLinks(text)).contains(needle);
    sqlite3_result_int(context, found ? 1 : 0);
}

sqlite3 *handleOf(QSqlDatabase &db)
{
    if (!db.driver())
        return nullptr;
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

const QString HitColumns = QStringLiteral(
    "m.id, m.chat, m.message_id, m.direction, m.sender, m.recipient, m.body, m.sent_at, m.received_at, "
    "m.state, "
    "m.arrived_offline, m.stanza_id, m.error, m.nick, m.occupant_id, COALESCE(c.kind, 'chat'), m.markable, "
    "m.invitation, "
    // What HistoryStore::messageFromRow reads next: the edits (issue 18) and the file (issue 16).
    "m.edited, m.retracted, m.reply_to, "
    "CASE WHEN m.edited THEN (SELECT json_group_array(body) FROM (SELECT body FROM message_versions v "
    "WHERE v.message = m.id ORDER BY v.id)) END, "
    "(SELECT json_group_array(json_array(r.sender, r.emoji, r.own)) FROM reactions r WHERE r.message = "
    "m.id), "
    "m.oob_url, COALESCE(c.name, '')");
/// Where HitColumns has the conversation's name.
constexpr int ChatNameColumn = 24;

/// A stranger's 1:1 conversation: what Requests::standingOf calls a request.
const QString IsRequest = QStringLiteral(
    "(COALESCE(c.kind, 'chat') = 'chat' AND NOT COALESCE(p.blocked, 0) AND NOT COALESCE(p.in_roster, 0) "
    "AND NOT COALESCE(p.accepted, 0) AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.chat = m.chat "
    "AND o.direction = 1))");

qint64 startOfDay(const QDate &date)
{
    return QDateTime(date, QTime(0, 0), QTimeZone::LocalTime).toMSecsSinceEpoch();
}

/// "|a|b|": the chats whose known name matches `pattern`, for instr().
QString namedChats(const QHash<QString, QString> &names, const QString &pattern)
{
    QString list = QStringLiteral("|");
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        if (nameMatches(it.value(), pattern))
            list += it.key() + u'|';
    }
    return list;
}

/// The hits of a request as SQL: what a message must be to be found.
struct Filter
{
    bool fts = false; ///< by the index; otherwise by reading every message
    QString from; ///< FROM …: `m` the message, `c` its chat, `p` its peer
    QString where; ///< … WHERE …
    QVariantList binds;
    QString chat; ///< only this conversation; empty: all
    Position after;
};

Filter filterOf(const Request &request, bool useIndex)
{
    const Query &query = request.query;
    Filter f;
    f.fts = useIndex;
    f.chat = request.chat;
    f.after = request.after;
    QString &sql = f.where;
    QVariantList &binds = f.binds;
    if (useIndex) {
        f.from = QStringLiteral("message_search CROSS JOIN messages m ON m.search_key = message_search.rowid "
                                "LEFT JOIN chats c ON c.chat = m.chat LEFT JOIN peers p ON p.jid = m.chat");
        sql = QStringLiteral("message_search MATCH ?");
        binds.append(query.matchExpression());
    } else {
        f.from = QStringLiteral(
            "messages m LEFT JOIN chats c ON c.chat = m.chat LEFT JOIN peers p ON p.jid = m.chat");
        sql = QStringLiteral("1");
        for (const QString &term : query.terms) {
            sql += QStringLiteral(" AND (jw_contains(m.body, ?) OR jw_contains(m.oob_url, ?))");
            binds << term.simplified() << term.simplified();
        }
    }
    if (!request.chat.isEmpty()) {
        sql += QStringLiteral(" AND m.chat = ?");
        binds.append(request.chat);
    }
    if (!request.after.isNull()) {
        if (useIndex) {
            // What comes after it was sent that day or before (Key).
            sql += QStringLiteral(" AND message_search.rowid <= ?");
            binds << Key::lastOfDay(Key::dayOf(request.after.sortKey));
        }
        sql += QStringLiteral(" AND (m.sort_at, m.id) < (?, ?)");
        binds << request.after.sortKey << request.after.rowId;
    }
    if (query.before.isValid()) {
        sql += QStringLiteral(" AND m.sent_at < ?");
        binds.append(startOfDay(query.before));
    }
    if (query.after.isValid()) {
        sql += QStringLiteral(" AND m.sent_at >= ?");
        binds.append(startOfDay(query.after));
    }
    for (const QString &from : query.from) {
        // In a room the sender is a nickname; in a chat, an address (and,
        // for the other person, the name we know them by).
        sql += QStringLiteral(" AND (jw_name_match(?, CASE WHEN COALESCE(c.kind, 'chat') = 'groupchat' THEN "
                              "m.nick ELSE m.sender END) "
                              "OR (m.direction = 0 AND COALESCE(c.kind, 'chat') = 'chat' AND "
                              "(jw_name_match(?, COALESCE(c.name, '')) "
                              "OR instr(?, '|' || m.chat || '|') > 0)))");
        binds << from << from << namedChats(request.names, from);
    }
    for (const QString &in : query.in) {
        sql += QStringLiteral(
            " AND (jw_name_match(?, m.chat, COALESCE(c.name, '')) OR instr(?, '|' || m.chat || '|') > 0)");
        binds << in << namedChats(request.names, in);
    }
    if (request.chat.isEmpty()) {
        if (request.requests == RequestScope::Exclude)
            sql += QStringLiteral(" AND NOT ") + IsRequest;
        else if (request.requests == RequestScope::Only)
            sql += QStringLiteral(" AND ") + IsRequest;
    }
    return f;
}

bool newer(const Position &a, const Position &b)
{
    return a.sortKey > b.sortKey || (a.sortKey == b.sortKey && a.rowId > b.rowId);
}

Expected<qint64> maxRowId(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM messages")) || !q.next())
        return sqlError(tr("Could not search the history"), q.lastError());
    return q.value(0).toLongLong();
}

/// The highest row id below `below` of a message (any, not only a hit)
/// that comes before `than` in the order of the results (and after
/// `filter.after`); 0 if there is none. Walks the (chat, sort_at, id) index
/// over the messages sent after `than`, chat by chat: no row is read.
Expected<qint64> newestStoredBefore(
    QSqlDatabase &db, const Filter &filter, const Position &than, qint64 below)
{
    QString range = QStringLiteral("(sort_at, id) > (?, ?) AND id < ?");
    QVariantList binds { than.sortKey, than.rowId, below };
    if (!filter.after.isNull()) {
        range += QStringLiteral(" AND (sort_at, id) < (?, ?)");
        binds << filter.after.sortKey << filter.after.rowId;
    }
    QString sql;
    if (!filter.chat.isEmpty()) {
        sql = QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM messages INDEXED BY messages_by_chat_and_time "
                             "WHERE chat = ? AND ")
            + range;
        binds.prepend(filter.chat);
    } else {
        // The chats one index seek each (a skip scan), then each one's range.
        sql = QStringLiteral(
                  "WITH RECURSIVE c(chat) AS (SELECT MIN(chat) FROM messages INDEXED BY "
                  "messages_by_chat_and_time "
                  "UNION ALL SELECT (SELECT MIN(chat) FROM messages INDEXED BY messages_by_chat_and_time "
                  "WHERE chat > c.chat) FROM c WHERE c.chat IS NOT NULL) "
                  "SELECT COALESCE(MAX((SELECT MAX(id) FROM messages INDEXED BY messages_by_chat_and_time "
                  "WHERE chat = c.chat AND ")
            + range + QStringLiteral(")), 0) FROM c WHERE c.chat IS NOT NULL");
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return sqlError(tr("Could not search the history"), q.lastError());
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return sqlError(tr("Could not search the history"), q.lastError());
    return q.value(0).toLongLong();
}

/// newestHits() by the index. It gives hits a day at a time, newest day
/// first (Key), each day's in the order stored: hits are read until the
/// next one's day is before the day of the oldest of the newest so far
/// (none after it can be newer), and sorted.
Expected<QList<Position>> newestIndexedHits(QSqlDatabase &db, const Filter &filter, const Request &request)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT m.id, m.sort_at, message_search.rowid FROM ") + filter.from
            + QStringLiteral(" WHERE ") + filter.where + QStringLiteral(" ORDER BY message_search.rowid DESC")))
        return sqlError(tr("Could not search the history"), q.lastError());
    for (const QVariant &v : std::as_const(filter.binds))
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(tr("Could not search the history"), q.lastError());
    const qsizetype want = request.limit > 0 ? qsizetype(request.limit) : std::numeric_limits<qsizetype>::max();
    // The newest `want` so far, the oldest of them on top.
    const auto older = [](const Position &a, const Position &b) { return newer(a, b); };
    std::priority_queue<Position, std::vector<Position>, decltype(older)> kept(older);
    while (q.next()) {
        const qint64 key = q.value(2).toLongLong();
        if (qsizetype(kept.size()) == want && key < Key::firstOfDay(Key::dayOf(kept.top().sortKey)))
            break;
        const Position hit { q.value(1).toLongLong(), q.value(0).toLongLong() };
        if (qsizetype(kept.size()) < want) {
            kept.push(hit);
        } else if (newer(hit, kept.top())) {
            kept.pop();
            kept.push(hit);
        }
    }
    q.finish();
    QList<Position> found;
    found.reserve(qsizetype(kept.size()));
    while (!kept.empty()) {
        found.append(kept.top());
        kept.pop();
    }
    std::reverse(found.begin(), found.end());
    return found;
}

// What the steps of newestHits() cost, relative to each other (measured
// with bench_search): a message read and tested (no index yet); a message
// passed over in the (chat, sort_at, id) index; a chat's seeks in that index.
constexpr double RowCost = 1.0;
constexpr double EntryCost = 0.05;
constexpr double ChatCost = 2.0;

/// The positions of the newest `request.limit` hits (all with a limit of 0
/// or less), newest first.
///
/// Without the index (while the history from before it is being indexed),
/// the scan gives hits by row id: in the order they were stored, which is
/// not the order they were sent when a catch-up stores older messages after
/// newer ones. So hits are read by row id, newest stored first, in growing
/// batches, until no hit below the last row id read can be among the
/// newest: when no message at all stored below it was sent after the last
/// of the newest hits so far (asked of the (chat, sort_at, id) index,
/// newestStoredBefore()). That answer also names the highest such message,
/// so reading goes on from there and skips what was stored in between (a
/// catch-up's old messages). Asking costs about as many index entries as
/// messages were sent after that hit: for a rare word (hits far apart)
/// reading every hit is cheaper, so the search asks only when the estimate
/// says it is.
Expected<QList<Position>> newestHits(QSqlDatabase &db, const Filter &filter, const Request &request)
{
    if (filter.fts)
        return newestIndexedHits(db, filter, request);
    const bool every = request.limit <= 0;
    const qsizetype want = every ? std::numeric_limits<qsizetype>::max() : qsizetype(request.limit);
    const auto top = maxRowId(db);
    if (!top)
        return top.error();
    qint64 below = top.value() + 1; // every hit from here up is in `found`
    qint64 chats = -1;
    qint64 first = -1; // the sort key of the first message stored, for messages per millisecond
    qint64 newest = std::numeric_limits<qint64>::min(); // of the hits read

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT m.id, m.sort_at FROM ") + filter.from + QStringLiteral(" WHERE ")
            + filter.where + QStringLiteral(" AND m.id < ? ORDER BY m.id DESC LIMIT ?")))
        return sqlError(tr("Could not search the history"), q.lastError());

    QList<Position> found;
    qsizetype batch = every ? 1000 : std::max<qsizetype>(want, 50);
    for (;;) {
        for (const QVariant &v : std::as_const(filter.binds))
            q.addBindValue(v);
        q.addBindValue(below);
        q.addBindValue(qint64(batch));
        if (!q.exec())
            return sqlError(tr("Could not search the history"), q.lastError());
        qsizetype got = 0;
        qint64 last = below;
        while (q.next()) {
            last = q.value(0).toLongLong();
            found.append(Position { q.value(1).toLongLong(), last });
            newest = std::max(newest, found.last().sortKey);
            ++got;
        }
        q.finish();
        if (got < batch)
            break; // every hit below `below` is read
        below = last;
        batch = std::min<qsizetype>(batch * 4, 20000);
        if (every || found.size() < want)
            continue;

        // The newest `want` so far; the others can no longer be among them.
        std::nth_element(found.begin(), found.begin() + (want - 1), found.end(), newer);
        found.resize(want);
        const Position oldest = found.last();
        // Asking costs about the messages sent after `oldest`: as many as
        // were stored after it if stored in order, or as many as the
        // history's pace gives for the time since (a catch-up of old
        // messages read first). Reading on costs about the rows
        // left below.
        if (chats < 0) {
            QSqlQuery count(db);
            chats = count.exec(QStringLiteral("SELECT COUNT(*) FROM chats")) && count.next()
                ? count.value(0).toLongLong()
                : 0;
            first = count.exec(QStringLiteral("SELECT sort_at FROM messages ORDER BY id LIMIT 1")) && count.next()
                ? count.value(0).toLongLong()
                : 0;
        }
        const double pace = double(top.value()) / double(std::max<qint64>(1, newest - first));
        const double sentAfter = std::max(double(top.value() - oldest.rowId), pace * double(newest - oldest.sortKey));
        const double ask = sentAfter * EntryCost + double(filter.chat.isEmpty() ? chats : 1) * ChatCost;
        const double readOn = double(below) * RowCost;
        if (ask > readOn)
            continue;
        const auto stored = newestStoredBefore(db, filter, oldest, below);
        if (!stored)
            return stored.error();
        if (stored.value() == 0)
            break; // nothing stored below was sent after `oldest`
        below = stored.value() + 1;
    }
    std::sort(found.begin(), found.end(), newer);
    if (found.size() > want)
        found.resize(want);
    return found;
}

/// The messages at `positions`, in that order.
Expected<QList<Hit>> hitsOf(QSqlDatabase &db, const QList<Position> &positions)
{
    QHash<qint64, Hit> byRowId;
    byRowId.reserve(positions.size());
    constexpr qsizetype Chunk = 500;
    for (qsizetype i = 0; i < positions.size(); i += Chunk) {
        QString ids;
        for (qsizetype k = i; k < std::min(positions.size(), i + Chunk); ++k) {
            if (!ids.isEmpty())
                ids += u',';
            ids += QString::number(positions.at(k).rowId);
        }
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT ") + HitColumns
                + QStringLiteral(", m.sort_at FROM messages m LEFT JOIN chats c "
                                 "ON c.chat = m.chat WHERE m.id IN (")
                + ids + u')'))
            return sqlError(tr("Could not search the history"), q.lastError());
        while (q.next()) {
            Hit hit { HistoryStore::messageFromRow(q), q.value(ChatNameColumn).toString(),
                Position { q.value(ChatNameColumn + 1).toLongLong(), 0 } };
            hit.position.rowId = hit.message.rowId;
            byRowId.insert(hit.message.rowId, std::move(hit));
        }
    }
    QList<Hit> hits;
    hits.reserve(positions.size());
    for (const Position &p : positions) {
        if (auto it = byRowId.find(p.rowId); it != byRowId.end())
            hits.append(std::move(it.value()));
    }
    return hits;
}

Expected<qint64> backfillLeft(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT upto FROM search_backfill")))
        return sqlError(tr("Could not search the history"), q.lastError());
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace

namespace Key {

namespace {
constexpr qint64 DayMs = qint64(24) * 3600 * 1000;
/// Messages a day can hold: a key is day * Slots + place.
constexpr qint64 Slots = qint64(1) << 20;
} // namespace

qint64 dayOf(qint64 sortKey)
{
    // Rounded down, before 1970 too; any qint64 time gives a key that fits.
    return sortKey >= 0 ? sortKey / DayMs : -((-(sortKey + 1)) / DayMs) - 1;
}

qint64 firstOfDay(qint64 day)
{
    return day * Slots;
}

qint64 lastOfDay(qint64 day)
{
    return day * Slots + (Slots - 1);
}

QString nextSql()
{
    return QStringLiteral("(SELECT CASE WHEN n <= ? THEN n END FROM (SELECT COALESCE(MAX(search_key) + 1, ?) AS n "
                          "FROM messages WHERE search_key BETWEEN ? AND ?))");
}

QVariantList bindsFor(qint64 sortKey)
{
    const qint64 day = dayOf(sortKey);
    return { lastOfDay(day), firstOfDay(day), firstOfDay(day), lastOfDay(day) };
}

} // namespace Key

Expected<Done> registerOn(QSqlDatabase &db)
{
    sqlite3 *handle = handleOf(db);
    if (!handle)
        return Error { tr("Search is not available: the history's database is not SQLite.") };
    fts5_api *api = nullptr;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    if (!api || api->iVersion < 2)
        return Error { tr("Search is not available: this SQLite has no full-text search (FTS5).") };
    fts5_tokenizer tokenizer { createTokenizer, deleteTokenizer, runTokenizer };
    int rc = api->xCreateTokenizer(api, "jabberwock", nullptr, &tokenizer, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_create_function_v2(handle, "jw_name_match", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
            nameMatchFunction, nullptr, nullptr, nullptr);
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_create_function_v2(handle, "jw_contains", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
            containsFunction, nullptr, nullptr, nullptr);
    }
    if (rc != SQLITE_OK)
        return Error { tr("Search is not available: %1").arg(QString::fromUtf8(sqlite3_errstr(rc))) };
    return Done {};
}

Expected<Page> searchIn(QSqlDatabase &db, const Request &request)
{
    if (!db.isOpen())
        return notOpenError();
    auto left = backfillLeft(db);
    if (!left)
        return left.error();
    Page page;
    page.indexed = left.value() == 0;
    const Filter filter = filterOf(request, page.indexed && request.query.hasText());
    auto keys = newestHits(db, filter, request);
    if (!keys)
        return keys.error();
    auto hits = hitsOf(db, keys.value());
    if (!hits)
        return hits.error();
    page.hits = std::move(hits.value());
    return page;
}

QFuture<Expected<Page>> search(HistoryStore &store, const Request &request)
{
    return store.run<Page>(HistoryStore::Access::Read,
        [request](QSqlDatabase &db) -> Expected<Page> { return searchIn(db, request); });
}

Expected<Progress> indexSome(QSqlDatabase &db, int batch)
{
    if (!db.isOpen())
        return notOpenError();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT upto, total FROM search_backfill")) || !q.next())
        return sqlError(tr("Could not index the history for search"), q.lastError());
    const qint64 upto = q.value(0).toLongLong();
    const qint64 total = q.value(1).toLongLong();
    if (upto <= 0)
        return Progress { total, total };
    const qint64 low = std::max<qint64>(0, upto - std::max(1, batch));
    // A message is indexed when it gets its key (the trigger
    // message_search_keyed); one that has one is indexed already.
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    rows.prepare(QStringLiteral(
        "SELECT id, sort_at FROM messages WHERE id > ? AND id <= ? AND search_key IS NULL ORDER BY id"));
    rows.addBindValue(low);
    rows.addBindValue(upto);
    if (!rows.exec())
        return sqlError(tr("Could not index the history for search"), rows.lastError());
    QList<std::pair<qint64, qint64>> toKey;
    while (rows.next())
        toKey.append({ rows.value(0).toLongLong(), rows.value(1).toLongLong() });
    rows.finish();
    QSqlQuery key(db);
    key.prepare(QStringLiteral("UPDATE messages SET search_key = ") + Key::nextSql() + QStringLiteral(" WHERE id = ?"));
    for (const auto &[id, sortKey] : std::as_const(toKey)) {
        for (const QVariant &v : Key::bindsFor(sortKey))
            key.addBindValue(v);
        key.addBindValue(id);
        if (!key.exec())
            return sqlError(tr("Could not index the history for search"), key.lastError());
    }
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE search_backfill SET upto = ?"));
    update.addBindValue(low);
    if (!update.exec())
        return sqlError(tr("Could not index the history for search"), update.lastError());
    return Progress { total - low, total };
}

Indexer::Indexer(HistoryStore *store, int batch, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_batch(batch)
{
}

void Indexer::start()
{
    if (m_running)
        return;
    m_running = true;
    step();
}

void Indexer::step()
{
    const int batch = m_batch;
    m_store
        ->run<Progress>(HistoryStore::Access::Write,
            [batch](QSqlDatabase &db) -> Expected<Progress> { return indexSome(db, batch); })
        .then(this, [this](const Expected<Progress> &progress) {
            if (!progress) {
                m_running = false;
                Q_EMIT failed(progress.errorMessage());
                return;
            }
            m_started = true;
            m_progress = progress.value();
            Q_EMIT progressChanged(m_progress.done, m_progress.total);
            if (m_progress.complete()) {
                m_running = false;
                Q_EMIT finished();
                return;
            }
            step();
        });
}

} // namespace Jw::Search
