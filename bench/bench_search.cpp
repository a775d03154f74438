// Search (issue 17) over a big history made through the product's own store:
//   - time to index a history stored before the index existed (schema 10 → 11);
//   - index size against the text size;
//   - first page (50 hits, newest first) for 1-, 2-, 3- and 6-syllable Korean
//     queries and English words: median and worst, beside a LIKE scan of the
//     same table for the same page (in the order stored: LIKE has no other
//     cheap order);
//   - what the index costs a catch-up: N messages received through the
//     Messenger (dedupe, read state, one group commit per turn of the event
//     loop, synchronous=FULL), into the same history with and without it
//     (the same schema with the FTS5 index's triggers dropped).
//   - the first pages again after a catch-up stored older messages last
//     (newest first is by the time sent, not the order stored).
//
//   bench_search [MESSAGES=1000000] [CHATS=200] [CATCHUP=10000] [--dir DIR]
//
// JW_BENCH_FTS="automerge=0;crisismerge=32" (environment) sets FTS5 options
// on the indexed history before the catch-up, for trials. A crisismerge near
// FTS5's limit of 2,000 segments makes inserts fail: the catch-up stalls.
//
// Prints figures; asserts nothing.

#include "accountfeatures.h"
#include "chatstates.h"
#include "faketransport.h"
#include "historystore.h"
#include "messenger.h"
#include "readpositions.h"
#include "requests.h"
#include "roomreadby.h"
#include "searchindex.h"
#include "searchtext.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace Jw;

namespace {

const QString Self = QStringLiteral("me@example.org");

const QStringList Nouns = QStringLiteral(
    "회의 일정 보고서 점심 저녁 주말 자료 계약 발표 프로젝트 고객 미팅 회의록 분기 주간 금요일 월요일 커피 "
    "사진 영화 "
    "여행 공항 호텔 예약 가격 회사 팀장 선배 동생 엄마 친구 생일 선물 택배 주문 배송 결제 회식 야근 휴가 "
    "병원 약속 "
    "시간 장소 문서 파일 메일 전화 문자 질문 답장 확인 준비 변경 취소 버스 지하철 날씨 우산 김치찌개 비빔밥")
                              .split(u' ');
const QStringList Particles
    = QStringLiteral("을 를 이 가 은 는 에서 으로 도 만 와 과 의 에 까지 부터").split(u' ');
const QStringList Phrases = QStringLiteral("했어요 할게요 합니다 부탁드립니다 괜찮아요? 알겠습니다 "
                                           "보내주세요 늦을 것 같아요 도착했어요 고마워요 ㅋㅋㅋ 진짜? "
                                           "좋아요 어디야? 지금 갈게 내일 봐요 수고하셨습니다")
                                .split(u' ');
const QStringList English
    = QStringLiteral("meeting deadline budget coffee release review Thursday invoice the a to and is for on "
                     "with this that please "
                     "thanks ok sure tomorrow today later call me when you get it done PR build test deploy "
                     "slides report lunch "
                     "dinner flight hotel Café résumé naïve weekend project client update link file")
          .split(u' ');
const QStringList Emoji = QStringLiteral("🙂 😂 👍 🎉 🍜 ☕ 🙏 🔥 ❤️ 🦉").split(u' ');

QString pick(const QStringList &list, QRandomGenerator &r)
{
    return list.at(int(r.bounded(qsizetype(list.size()))));
}

QString body(QRandomGenerator &r)
{
    const int words = 2 + int(r.bounded(13));
    QStringList out;
    for (int i = 0; i < words; ++i) {
        const int kind = int(r.bounded(100));
        if (kind < 50) {
            QString w = pick(Nouns, r);
            if (r.bounded(100) < 15)
                w += pick(Nouns, r); // a compound: 프로젝트회의
            if (r.bounded(100) < 60)
                w += pick(Particles, r);
            out.append(w);
        } else if (kind < 62) {
            out.append(pick(Phrases, r));
        } else if (kind < 95) {
            QString w = pick(English, r);
            if (r.bounded(10) == 0)
                w = w.toUpper();
            out.append(w);
        } else {
            out.append(pick(Emoji, r));
        }
    }
    return out.join(u' ');
}

Message make(const QString &chat, const QString &text, qint64 at, int id, bool theirs)
{
    Message m;
    m.chat = chat;
    m.messageId = QStringLiteral("s-%1").arg(id);
    m.direction = theirs ? Direction::Incoming : Direction::Outgoing;
    m.from = theirs ? chat + QStringLiteral("/phone") : Self + QStringLiteral("/desktop");
    m.to = theirs ? Self : chat;
    m.body = text;
    m.state = theirs ? DeliveryState::Received : DeliveryState::Delivered;
    m.sentAt = QDateTime::fromMSecsSinceEpoch(at, QTimeZone::UTC);
    m.receivedAt = m.sentAt;
    return m;
}

QString chatName(int i)
{
    return QStringLiteral("friend%1@example.org").arg(i);
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

double worst(const QList<double> &v)
{
    return v.isEmpty() ? 0 : *std::max_element(v.begin(), v.end());
}

template<typename T>
T job(HistoryStore &store, std::function<Expected<T>(QSqlDatabase &)> f)
{
    auto result = store.run<T>(HistoryStore::Access::Write, std::move(f)).result();
    if (!result) {
        std::fprintf(stderr, "bench_search: %s\n", qPrintable(result.errorMessage()));
        std::exit(1);
    }
    return result.value();
}

qint64 scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        std::fprintf(stderr, "bench_search: %s: %s\n", qPrintable(sql), qPrintable(q.lastError().text()));
        return -1;
    }
    return q.value(0).toLongLong();
}

/// N messages arriving for `chats` as the network would bring them during
/// a catch-up: bursts of 50 per turn of the event loop.
double catchUp(const QString &path, const QString &label, int n, int chats, int round)
{
    HistoryStore store(path);
    if (!store.open().result())
        return -1;
    Test::FakeTransport transport(Self);
    AccountFeatures features(&store, &transport);
    if (!QTest::qWaitFor([&] {
            return features.readPositions()->isLoaded() && features.chatStates()->isLoaded()
                && features.requests()->isLoaded() && features.roomReadBy()->isLoaded();
        }, 60000))
        return -1;
    QRandomGenerator r(1000 + round);
    QList<Message> messages;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < n; ++i) {
        Message m = make(chatName(int(r.bounded(chats))), body(r), now + i, 0, true);
        m.messageId = QStringLiteral("catchup-%1-%2-%3").arg(label).arg(round).arg(i);
        m.arrivedOffline = true;
        messages.append(m);
    }
    int added = 0;
    QObject::connect(features.messenger(), &Messenger::messageAdded, [&added] { ++added; });
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < n; i += 50) {
        for (int k = i; k < std::min(n, i + 50); ++k)
            features.messenger()->receive(messages.at(k));
        QCoreApplication::processEvents();
    }
    (void)QTest::qWaitFor([&] { return added >= n; }, 600000);
    store.flush();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    return added >= n ? ms : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString dirArg;
    if (const qsizetype at = args.indexOf(QStringLiteral("--dir")); at >= 0 && at + 1 < args.size()) {
        dirArg = args.at(at + 1);
        args.remove(at, 2);
    }
    const int total = args.size() > 0 ? args.at(0).toInt() : 1000000;
    const int chats = args.size() > 1 ? args.at(1).toInt() : 200;
    const int catchupN = args.size() > 2 ? args.at(2).toInt() : 10000;
    QTemporaryDir temp;
    const QString dir = dirArg.isEmpty() ? temp.path() : dirArg;
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/search-bench.sqlite");
    const QString unindexed = dir + QStringLiteral("/search-bench-v10.sqlite");
    for (const QString &p : { path, unindexed }) {
        for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
            QFile::remove(p + suffix);
    }

    // 1. A history from before search (schema 10), through the store.
    std::printf("Generating %d messages in %d chats through HistoryStore::addMessage (schema 10)…\n", total, chats);
    std::fflush(stdout);
    QElapsedTimer timer;
    timer.start();
    const qint64 generatedFrom = QDateTime::currentMSecsSinceEpoch() - qint64(3) * 365 * 24 * 3600 * 1000;
    {
        HistoryStore store(path);
        if (!store.open(10).result())
            return 1;
        QRandomGenerator r(17);
        const qint64 start = generatedFrom;
        QFuture<Expected<HistoryStore::AddResult>> last;
        for (int i = 0; i < total; ++i) {
            // A few chats hold most of the history.
            const int chat = r.bounded(100) < 50 ? int(r.bounded(std::min(chats, 5))) : int(r.bounded(chats));
            last = store.addMessage(make(chatName(chat), body(r), start + qint64(i) * 90000, i, r.bounded(2) == 0));
            if (i % 5000 == 4999 || i == total - 1) {
                if (!last.result()) {
                    std::fprintf(stderr, "bench_search: %s\n", qPrintable(last.result().errorMessage()));
                    return 1;
                }
            }
        }
        store.flush();
    }
    std::printf("  generated in %.1f s\n", double(timer.elapsed()) / 1000);
    QFile::copy(path, unindexed); // the same history without the index, for the catch-up

    // 2. The upgrade: the migration, then the background indexing to the end.
    HistoryStore store(path);
    timer.restart();
    if (auto opened = store.open().result(); !opened) {
        std::fprintf(stderr, "bench_search: %s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    const double migrateMs = double(timer.elapsed());
    timer.restart();
    Search::Progress progress;
    int batches = 0;
    do {
        progress = job<Search::Progress>(store, [](QSqlDatabase &db) { return Search::indexSome(db, 5000); });
        ++batches;
    } while (!progress.complete());
    const double indexMs = double(timer.elapsed());
    std::printf("Indexing the existing history: migration %.0f ms, then %lld messages in %d batches of 5,000 in "
                "%.1f s (%.0f messages/s)\n",
        migrateMs, progress.total, batches, indexMs / 1000, double(progress.total) / (indexMs / 1000));

    // 3. Sizes.
    const auto sizes = job<QList<qint64>>(store, [](QSqlDatabase &db) -> Expected<QList<qint64>> {
        return QList<qint64> { scalar(db, QStringLiteral("SELECT SUM(LENGTH(CAST(body AS BLOB))) FROM messages")),
            scalar(db, QStringLiteral("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'message_search%'")),
            scalar(db, QStringLiteral("SELECT SUM(pgsize) FROM dbstat WHERE name = 'messages'")) };
    });
    std::printf("Text (UTF-8 bodies): %.1f MB; index (FTS5 shadow tables): %.1f MB = %.2f x the text; "
                "the messages table: %.1f MB\n",
        double(sizes.at(0)) / 1e6, double(sizes.at(1)) / 1e6, double(sizes.at(1)) / double(sizes.at(0)),
        double(sizes.at(2)) / 1e6);

    // 4. Queries: the first page, newest first, as the search field asks.
    const QList<std::pair<QString, QStringList>> groups {
        { QStringLiteral("1 syllable"), QStringLiteral("회 일 밥 금 책 약 답 커 늦 호").split(u' ') },
        { QStringLiteral("2 syllables"), QStringLiteral("회의 일정 점심 주말 자료 계약 발표 고객 택배 휴가").split(u' ') },
        { QStringLiteral("3 syllables"), QStringLiteral("회의록 보고서 금요일 월요일 프로젝 김치찌 비빔밥 도착했 부탁드 수고하").split(u' ') },
        { QStringLiteral("6 syllables"),
            QStringLiteral("프로젝트회의 분기보고서를 고객미팅에서 주간회의록을 김치찌개까지 휴가일정에서").split(u' ') },
        { QStringLiteral("English words"),
            QStringLiteral("meeting deadline budget coffee release invoice thursday resume naive slides").split(u' ') },
    };
    const auto queryTable = [&](const QString &title) {
        std::printf("\nFirst page (50 hits, newest first), %s; each query 5 times:\n", qPrintable(title));
        std::printf("%-14s %10s %10s %12s %12s %8s %8s\n", "query", "median ms", "worst ms", "LIKE median",
            "LIKE worst", "ratio", "hits");
        for (const auto &[name, queries] : groups) {
            QList<double> times;
            QList<double> likeTimes;
            qint64 hits = 0;
            for (const QString &text : queries) {
                for (int rep = 0; rep < 5; ++rep) {
                    const auto measured = job<std::pair<double, qint64>>(
                        store, [text](QSqlDatabase &db) -> Expected<std::pair<double, qint64>> {
                            Search::Request request;
                            request.query = Search::parseQuery(text).value();
                            request.requests = Search::RequestScope::Include;
                            request.limit = 50;
                            QElapsedTimer t;
                            t.start();
                            auto page = Search::searchIn(db, request);
                            if (!page)
                                return page.error();
                            return std::pair { double(t.nsecsElapsed()) / 1e6, qint64(page->hits.size()) };
                        });
                    times.append(measured.first);
                    hits += rep == 0 ? measured.second : 0;
                    const double like = job<double>(store, [text](QSqlDatabase &db) -> Expected<double> {
                        QSqlQuery q(db);
                        q.setForwardOnly(true);
                        q.prepare(QStringLiteral(
                            "SELECT id, body FROM messages WHERE body LIKE ? ORDER BY id DESC LIMIT 50"));
                        q.addBindValue(QString(u'%' + text + u'%'));
                        QElapsedTimer t;
                        t.start();
                        if (!q.exec())
                            return Error { q.lastError().text() };
                        while (q.next()) { }
                        return double(t.nsecsElapsed()) / 1e6;
                    });
                    likeTimes.append(like);
                }
            }
            std::printf("%-14s %10.2f %10.2f %12.2f %12.2f %7.1fx %8lld\n", qPrintable(name), median(times),
                worst(times), median(likeTimes), worst(likeTimes),
                median(likeTimes) / std::max(0.001, median(times)),
                static_cast<long long>(hits / std::max<qsizetype>(1, queries.size())));
        }
    };
    queryTable(QStringLiteral("%1 messages").arg(total));
    // Paging as the field scrolls (50 a page): each page reads again the
    // hits before it, so a deep page costs more.
    {
        const auto pages = job<QList<double>>(store, [](QSqlDatabase &db) -> Expected<QList<double>> {
            Search::Request request;
            request.query = Search::parseQuery(QStringLiteral("회의")).value();
            request.requests = Search::RequestScope::Include;
            request.limit = 50;
            QList<double> times;
            for (int page = 1; page <= 100; ++page) {
                QElapsedTimer t;
                t.start();
                auto hits = Search::searchIn(db, request);
                if (!hits)
                    return hits.error();
                if (page == 1 || page == 10 || page == 100)
                    times.append(double(t.nsecsElapsed()) / 1e6);
                if (hits->hits.size() < request.limit)
                    break;
                request.after = hits->hits.last().position;
            }
            return times;
        });
        std::printf("회의 page by page (50 a page): page 1 %.2f ms, page 10 %.2f ms, page 100 %.2f ms\n",
            pages.value(0), pages.value(1), pages.value(2));
    }
    // Every hit of a common word at once, as `jabberwock search` reads them.
    {
        const auto all = job<std::pair<double, qint64>>(
            store, [](QSqlDatabase &db) -> Expected<std::pair<double, qint64>> {
                Search::Request request;
                request.query = Search::parseQuery(QStringLiteral("회의")).value();
                request.requests = Search::RequestScope::Include;
                request.limit = 0;
                QElapsedTimer t;
                t.start();
                auto page = Search::searchIn(db, request);
                if (!page)
                    return page.error();
                return std::pair { double(t.nsecsElapsed()) / 1e6, qint64(page->hits.size()) };
            });
        std::printf("All hits of 회의 at once: %lld hits in %.0f ms\n", all.second, all.first);
    }
    std::fflush(stdout);

    // Where indexing's time goes: our tokenizer alone, then FTS5 with it in
    // one transaction (no commit per burst), over bodies like a catch-up's.
    {
        QRandomGenerator r(99);
        QStringList bodies;
        for (int i = 0; i < catchupN; ++i)
            bodies.append(body(r));
        QElapsedTimer t;
        t.start();
        qsizetype tokens = 0;
        for (const QString &b : std::as_const(bodies))
            tokens += Search::tokenize(b, Search::TokenMode::Document).size();
        const double tokenizeUs = double(t.nsecsElapsed()) / 1e3 / double(catchupN);
        const double ftsUs = job<double>(store, [&bodies](QSqlDatabase &db) -> Expected<double> {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS bench_bodies (id INTEGER PRIMARY KEY, body TEXT)"))
                || !q.exec(QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_fts USING fts5(body, "
                                          "content='bench_bodies', content_rowid='id', tokenize='jabberwock', "
                                          "columnsize=0)")))
                return Error { q.lastError().text() };
            QElapsedTimer clock;
            clock.start();
            q.prepare(QStringLiteral("INSERT INTO temp.bench_fts (rowid, body) VALUES (?, ?)"));
            for (qsizetype i = 0; i < bodies.size(); ++i) {
                q.addBindValue(i + 1);
                q.addBindValue(bodies.at(i));
                if (!q.exec())
                    return Error { q.lastError().text() };
            }
            const double us = double(clock.nsecsElapsed()) / 1e3 / double(bodies.size());
            if (!q.exec(QStringLiteral("DROP TABLE temp.bench_fts")) || !q.exec(QStringLiteral("DROP TABLE temp.bench_bodies")))
                return Error { q.lastError().text() };
            return us;
        });
        std::printf("\nIndexing one message: our tokenizer %.1f us (%.1f tokens), FTS5 with it (no commit) %.1f us\n",
            tokenizeUs, double(tokens) / double(catchupN), ftsUs);
    }

    // 5. The catch-up, with and without the index, alternating.
    std::printf("\nCatch-up of %d messages through Messenger::receive (bursts of 50 per turn, group commits, "
                "synchronous=FULL) into the %d-message history:\n",
        catchupN, total);
    // The history without the index: the same schema (every table and
    // index the same, so the rest of storing costs the same) with the FTS5
    // index's triggers dropped. A message is still given its search key
    // (a column and its unique index); the difference is FTS5's indexing.
    // (Until schema 18 this opened the copy at schema 15, which then lacked
    // schema 17's index of incoming messages: every store walked its chat,
    // and the run without the index came out the slower.)
    {
        HistoryStore plain(unindexed);
        if (auto opened = plain.open().result(); !opened) {
            std::fprintf(stderr, "bench_search: %s\n", qPrintable(opened.errorMessage()));
            return 1;
        }
        job<Done>(plain, [](QSqlDatabase &db) -> Expected<Done> {
            QSqlQuery q(db);
            for (const char *trigger : { "message_search_insert", "message_search_keyed", "message_search_delete",
                     "message_search_update" }) {
                if (!q.exec(QStringLiteral("DROP TRIGGER %1").arg(QLatin1String(trigger))))
                    return Error { q.lastError().text() };
            }
            return Done {};
        });
    }
    if (const QByteArray config = qgetenv("JW_BENCH_FTS"); !config.isEmpty()) {
        for (const QByteArray &kv : config.split(';')) {
            const QList<QByteArray> parts = kv.split('=');
            job<Done>(store, [parts](QSqlDatabase &db) -> Expected<Done> {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("INSERT INTO message_search (message_search, rank) VALUES (?, ?)"));
                q.addBindValue(QString::fromLatin1(parts.value(0)));
                q.addBindValue(parts.value(1).toInt());
                if (!q.exec())
                    return Error { q.lastError().text() };
                return Done {};
            });
            std::printf("FTS5 %s = %s\n", parts.value(0).constData(), parts.value(1).constData());
        }
    }
    QList<double> with;
    QList<double> without;
    for (int round = 0; round < 3; ++round) {
        without.append(catchUp(unindexed, QStringLiteral("plain"), catchupN, chats, round));
        with.append(catchUp(path, QStringLiteral("indexed"), catchupN, chats, round));
        std::printf("  round %d: without index %.0f ms, with index %.0f ms\n", round + 1, without.last(), with.last());
        std::fflush(stdout);
    }
    const double a = median(without);
    const double b = median(with);
    std::printf("Median: without %.0f ms (%.0f msg/s), with %.0f ms (%.0f msg/s): indexing costs %+.1f %%\n",
        a, catchupN / (a / 1000), b, catchupN / (b / 1000), (b - a) / a * 100);

    // 6. Stored out of the order sent: a catch-up of older messages (a
    // room's archive, an offline store) stored after everything else, sent
    // over the generated history's last 30 days; then the same queries.
    const int late = std::max(1, total / 20);
    timer.restart();
    {
        QRandomGenerator r(23);
        const qint64 end = generatedFrom + qint64(total) * 90000;
        QFuture<Expected<HistoryStore::AddResult>> last;
        for (int i = 0; i < late; ++i) {
            const qint64 at = end - qint64(r.bounded(30 * 24 * 3600)) * 1000;
            Message m = make(chatName(int(r.bounded(chats))), body(r), at, 0, true);
            m.messageId = QStringLiteral("late-%1").arg(i);
            last = store.addMessage(m);
        }
        if (!last.result()) {
            std::fprintf(stderr, "bench_search: %s\n", qPrintable(last.result().errorMessage()));
            return 1;
        }
        store.flush();
    }
    std::printf(
        "\nStored %d older messages last (sent over the generated history's last 30 days) in %.1f s\n", late,
        double(timer.elapsed()) / 1000);
    queryTable(QStringLiteral("%1 messages, the last %2 stored out of the order sent")
                   .arg(total + 3 * catchupN + late)
                   .arg(late));
    return 0;
}
