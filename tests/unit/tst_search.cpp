// Search (issue 17): the tokenizer, the query language and the index, as a
// table of queries and the messages each must and must not find.

#include "historystore.h"
#include "searchindex.h"
#include "searchquery.h"
#include "searchtext.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

const QString Jenny = u"jenny@example.org"_s;
const QString Team = u"team@rooms.example.org"_s;
const QString Stranger = u"stranger@spam.example"_s;
const QString Self = u"me@example.org"_s;

qint64 dayMs(int y, int mo, int d)
{
    return QDateTime(QDate(y, mo, d), QTime(12, 0), QTimeZone::UTC).toMSecsSinceEpoch();
}

Message message(const QString &chat, const QString &body, qint64 sentMs, const QString &nick = {})
{
    Message m;
    m.chat = chat;
    m.direction = Direction::Incoming;
    m.kind = chat == Team ? ChatKind::GroupChat : ChatKind::Chat;
    m.nick = nick;
    m.from = chat == Team ? QString(chat + u'/' + nick) : QString(chat + u"/phone"_s);
    m.to = Self;
    m.body = body;
    m.sentAt = QDateTime::fromMSecsSinceEpoch(sentMs, QTimeZone::UTC);
    m.receivedAt = m.sentAt.addSecs(1);
    return m;
}

Message withLink(Message m, const QString &url)
{
    m.outOfBandUrl = url;
    return m;
}

/// The corpus: a label for each body, so the table reads short.
const QList<std::pair<QString, Message>> &corpus()
{
    static const QList<std::pair<QString, Message>> list {
        { u"k1"_s, message(Jenny, u"내일 정기회의를 합니다"_s, dayMs(2026, 10, 15)) },
        { u"k2"_s, message(Team, u"프로젝트회의 자료 보내주세요"_s, dayMs(2026, 10, 16), u"민수"_s) },
        { u"k3"_s, message(Jenny, u"회식은 금요일"_s, dayMs(2026, 10, 17)) },
        { u"k4"_s, message(Team, u"회의록 정리했어요, meeting notes attached"_s, dayMs(2026, 11, 5), u"민수"_s) },
        { u"k5"_s, message(Jenny, u"Café au lait at the RÉSUMÉ desk"_s, dayMs(2026, 11, 6)) },
        { u"k6"_s, message(Team, u"The project Meeting moved to 3pm"_s, dayMs(2026, 11, 7), u"Alex"_s) },
        { u"k7"_s, message(Jenny, u"파티🎉 준비 완료"_s, dayMs(2026, 11, 8)) },
        { u"k8"_s, message(Jenny, u"일정 확인 부탁드립니다"_s, dayMs(2026, 11, 9)) },
        { u"k9"_s, message(Jenny, u"의사 선생님"_s, dayMs(2026, 11, 10)) },
        { u"k10"_s, message(Team, u"meetings are boring"_s, dayMs(2026, 11, 11), u"Alex"_s) },
        { u"k11"_s, message(Stranger, u"회의 초대합니다"_s, dayMs(2026, 11, 12)) },
        { u"k12"_s, message(Jenny, u"회 먹으러 가자"_s, dayMs(2026, 11, 13)) },
        // Files (issue 16): an upload's link percent-encodes a Korean name
        // (회의록_최종.pdf); a link may also ride beside a text (XEP-0066).
        { u"k13"_s, message(Jenny, u"https://share.example.org/f/x1/%ED%9A%8C%EC%9D%98%EB%A1%9D_%EC%B5%9C%EC%A2%85.pdf"_s,
                        dayMs(2026, 11, 14)) },
        { u"k14"_s, withLink(message(Team, u"보고서 보내드립니다"_s, dayMs(2026, 11, 15), u"민수"_s),
                        u"https://share.example.org/f/x2/%EC%98%88%EC%82%B0%ED%91%9C%202027.xlsx"_s) },
    };
    return list;
}

QString labelOf(const QString &body)
{
    for (const auto &[label, m] : corpus()) {
        if (m.body == body)
            return label;
    }
    return body;
}

} // namespace

class TestSearch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<HistoryStore>(m_dir.filePath(u"history.sqlite"_s));
        QVERIFY(m_store->open().result());
        for (const auto &[label, m] : corpus())
            QVERIFY2(m_store->addMessage(m).result(), qPrintable(label));
        // Jenny is someone the person writes to: not a request.
        Message reply = message(Jenny, u"ok"_s, dayMs(2026, 11, 14));
        reply.direction = Direction::Outgoing;
        reply.from = Self;
        reply.to = Jenny;
        reply.state = DeliveryState::Sent;
        QVERIFY(m_store->addMessage(reply).result());
    }

    void tokens_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("hangul document") << u"회의를"_s << false << QStringList { u"회의"_s, u"회"_s, u"의를"_s, u"의"_s, u"를"_s };
        QTest::newRow("hangul query") << u"회의를"_s << true << QStringList { u"회의"_s, u"의를"_s };
        QTest::newRow("one syllable query") << u"회"_s << true << QStringList { u"회"_s };
        QTest::newRow("query run then word") << u"회의 notes"_s << true << QStringList { u"회의"_s, u"의"_s, u"notes"_s };
        QTest::newRow("folded words") << u"Café RÉSUMÉ"_s << false << QStringList { u"cafe"_s, u"resume"_s };
        QTest::newRow("mixed") << u"3pm에 meeting!"_s << false << QStringList { u"3pm"_s, u"에"_s, u"meeting"_s };
        QTest::newRow("emoji") << u"파티🎉"_s << false << QStringList { u"파티"_s, u"파"_s, u"티"_s, u"🎉"_s };
    }

    // A percent-encoded link also gives the words it stands for; a query is
    // never decoded (a person types "%ED" only to find "%ED").
    void linksAreReadAsTheirText()
    {
        const QString link = u"https://h.example/f/%ED%9A%8C%EC%9D%98.pdf"_s;
        QStringList got;
        const auto tokens = Search::tokenize(link, Search::TokenMode::Document);
        for (const auto &t : tokens) {
            got.append(t.text);
            QVERIFY(t.start >= 0 && t.end <= link.size() && t.start < t.end);
        }
        QVERIFY2(got.contains(u"회의"_s) && got.contains(u"pdf"_s), qPrintable(got.join(u' ')));
        QCOMPARE(Search::decodedLinks(u"see https://h.example/%ED%9A%8C%EC%9D%98.pdf now"_s),
            u"see https://h.example/회의.pdf now"_s);
        QCOMPARE(Search::decodedLinks(u"100% sure"_s), QString());
        // Not UTF-8 underneath: left as it is.
        QCOMPARE(Search::decodedLinks(u"a%FFb"_s), QString());
        const auto query = Search::tokenize(u"%ED%9A%8C"_s, Search::TokenMode::Query);
        for (const auto &t : query)
            QVERIFY(t.text != u"회"_s);
    }

    void tokens()
    {
        QFETCH(QString, text);
        QFETCH(bool, query);
        QFETCH(QStringList, expected);
        QStringList got;
        const auto tokens = Search::tokenize(text, query ? Search::TokenMode::Query : Search::TokenMode::Document);
        for (const auto &t : tokens)
            got.append(t.text);
        QCOMPARE(got, expected);
    }

    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("matches");
        QTest::newRow("initials") << u"제니"_s << u"ㅈㄴ"_s << true;
        QTest::newRow("initials in a longer name") << u"김제니"_s << u"ㅈㄴ"_s << true;
        QTest::newRow("initials out of order") << u"제니"_s << u"ㄴㅈ"_s << false;
        QTest::newRow("syllable then initial") << u"제니"_s << u"제ㄴ"_s << true;
        QTest::newRow("other initials") << u"민수"_s << u"ㅈㄴ"_s << false;
        QTest::newRow("latin case") << u"Jenny Kim"_s << u"jenny"_s << true;
        QTest::newRow("latin accents") << u"Zoë"_s << u"ZOE"_s << true;
        QTest::newRow("not there") << u"Jenny"_s << u"jenna"_s << false;
    }

    void names()
    {
        QFETCH(QString, name);
        QFETCH(QString, pattern);
        QFETCH(bool, matches);
        QCOMPARE(Search::nameMatches(name, pattern), matches);
    }

    void queryErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("punctuation only") << u"?!"_s;
        QTest::newRow("bad date") << u"회의 before:yesterday"_s;
        QTest::newRow("bad after date") << u"after:2026-13-01"_s;
    }

    void queryErrors()
    {
        QFETCH(QString, text);
        const auto parsed = Search::parseQuery(text);
        QVERIFY(!parsed);
        QVERIFY(!parsed.errorMessage().isEmpty());
    }

    void find_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("found");
        QTest::addColumn<QStringList>("notFound");
        const auto l = [](std::initializer_list<const char *> labels) {
            QStringList list;
            for (const char *label : labels)
                list.append(QString::fromLatin1(label));
            return list;
        };
        QTest::newRow("2 syllables in compounds and with particles") << u"회의"_s << l({ "k1", "k2", "k4" }) << l({ "k3", "k9", "k12", "k11" });
        QTest::newRow("1 syllable") << u"회"_s << l({ "k1", "k2", "k3", "k4", "k12" }) << l({ "k9", "k8" });
        QTest::newRow("1 syllable inside a word") << u"의"_s << l({ "k1", "k2", "k4", "k9" }) << l({ "k3", "k12" });
        QTest::newRow("3 syllables with particle") << u"회의를"_s << l({ "k1" }) << l({ "k2", "k4" });
        QTest::newRow("4 syllables") << u"정기회의"_s << l({ "k1" }) << l({ "k2", "k4" });
        QTest::newRow("6 syllables") << u"프로젝트회의"_s << l({ "k2" }) << l({ "k1", "k4" });
        QTest::newRow("two words, both needed") << u"프로젝트 자료"_s << l({ "k2" }) << l({ "k1", "k4" });
        QTest::newRow("korean phrase") << u"\"프로젝트회의 자료\""_s << l({ "k2" }) << l({ "k1" });
        QTest::newRow("korean phrase in other order") << u"\"자료 프로젝트회의\""_s << l({}) << l({ "k2" });
        QTest::newRow("english word, any case") << u"MEETING"_s << l({ "k4", "k6" }) << l({ "k10", "k1" });
        QTest::newRow("accents folded") << u"resume"_s << l({ "k5" }) << l({ "k6" });
        QTest::newRow("accents in query") << u"CAFÉ"_s << l({ "k5" }) << l({});
        QTest::newRow("mixed korean and english") << u"회의록 meeting"_s << l({ "k4" }) << l({ "k6", "k1" });
        QTest::newRow("english phrase") << u"\"project meeting\""_s << l({ "k6" }) << l({ "k4" });
        QTest::newRow("english phrase reversed") << u"\"meeting project\""_s << l({}) << l({ "k6" });
        QTest::newRow("emoji") << u"🎉"_s << l({ "k7" }) << l({ "k1", "k5" });
        QTest::newRow("emoji with text") << u"파티 🎉"_s << l({ "k7" }) << l({});
        QTest::newRow("other words") << u"일정 확인"_s << l({ "k8" }) << l({ "k1" });
        QTest::newRow("nothing") << u"없는말"_s << l({}) << l({ "k1", "k2" });
        QTest::newRow("from: address") << u"from:jenny 회의"_s << l({ "k1" }) << l({ "k2", "k4" });
        QTest::newRow("from: room nickname initials") << u"from:ㅁㅅ 회의"_s << l({ "k2", "k4" }) << l({ "k1" });
        QTest::newRow("from: known name initials") << u"from:ㅈㄴ"_s << l({ "k1", "k3", "k12" }) << l({ "k2", "k4", "k6" });
        QTest::newRow("from: nickname, case") << u"from:alex"_s << l({ "k6", "k10" }) << l({ "k4", "k1" });
        QTest::newRow("in: chat") << u"in:team 회의"_s << l({ "k2", "k4" }) << l({ "k1" });
        QTest::newRow("in: quoted") << u"in:\"team\" meeting"_s << l({ "k4", "k6" }) << l({});
        QTest::newRow("before:") << u"회의 before:2026-11-01"_s << l({ "k1", "k2" }) << l({ "k4" });
        QTest::newRow("after:") << u"회의 after:2026-11-01"_s << l({ "k4" }) << l({ "k1", "k2" });
        QTest::newRow("only filters") << u"in:team after:2026-11-06"_s << l({ "k6", "k10" }) << l({ "k4", "k1" });
        QTest::newRow("a file's korean name in its link") << u"최종"_s << l({ "k13" }) << l({ "k4", "k14" });
        QTest::newRow("a file's name, two syllables") << u"회의록"_s << l({ "k4", "k13" }) << l({ "k14" });
        QTest::newRow("a file's name beside the text") << u"예산표"_s << l({ "k14" }) << l({ "k13" });
        QTest::newRow("a file's extension") << u"xlsx"_s << l({ "k14" }) << l({ "k13" });
        QTest::newRow("a file's name and the text") << u"보고서 2027"_s << l({ "k14" }) << l({});
        QTest::newRow("a file's name with from:") << u"from:ㅁㅅ 예산"_s << l({ "k14" }) << l({});
    }

    void find()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, found);
        QFETCH(QStringList, notFound);
        const auto parsed = Search::parseQuery(query);
        QVERIFY2(parsed, qPrintable(parsed.errorMessage()));
        Search::Request request;
        request.query = parsed.value();
        request.names.insert(Jenny, u"제니"_s);
        const auto page = Search::search(*m_store, request).result();
        QVERIFY2(page, qPrintable(page.errorMessage()));
        QVERIFY(page->indexed);
        QStringList got;
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const auto &hit : page->hits) {
            got.append(labelOf(hit.message.body));
            QVERIFY2(hit.message.sentAt.toMSecsSinceEpoch() <= previous, "newest first");
            previous = hit.message.sentAt.toMSecsSinceEpoch();
            QCOMPARE(hit.position.rowId, hit.message.rowId);
        }
        for (const QString &label : std::as_const(found))
            QVERIFY2(got.contains(label), qPrintable(u"%1 not found; got %2"_s.arg(label, got.join(u' '))));
        for (const QString &label : std::as_const(notFound))
            QVERIFY2(!got.contains(label), qPrintable(u"%1 found; got %2"_s.arg(label, got.join(u' '))));
    }

    void requestsOnlyWhenAsked()
    {
        Search::Request request;
        request.query = Search::parseQuery(u"초대"_s).value();
        QVERIFY(Search::search(*m_store, request).result()->hits.isEmpty());
        request.requests = Search::RequestScope::Only;
        auto page = Search::search(*m_store, request).result();
        QCOMPARE(page->hits.size(), 1);
        QCOMPARE(page->hits.first().message.chat, Stranger);
        request.query = Search::parseQuery(u"회의"_s).value();
        page = Search::search(*m_store, request).result();
        QCOMPARE(page->hits.size(), 1); // not Jenny's or the room's
    }

    void onlyOneChatAndPaging()
    {
        Search::Request request;
        request.query = Search::parseQuery(u"회"_s).value();
        request.chat = Jenny;
        request.limit = 1;
        auto page = Search::search(*m_store, request).result();
        QCOMPARE(page->hits.size(), 1);
        QCOMPARE(labelOf(page->hits.first().message.body), u"k13"_s); // the file 회의록_최종.pdf
        for (const QString &next : { u"k12"_s, u"k3"_s }) {
            request.after = page->hits.first().position;
            page = Search::search(*m_store, request).result();
            QCOMPARE(page->hits.size(), 1);
            QCOMPARE(labelOf(page->hits.first().message.body), next);
        }
    }

    // A catch-up stores older messages after newer ones (a room's archive
    // fetched after live messages, an offline store): hits still come newest
    // first by the time they were sent, and a page holds the newest ones
    // by that time, not the last ones stored.
    void newestFirstBySentTime()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(u"order.sqlite"_s));
        QVERIFY(store.open().result());
        const qint64 today = dayMs(2026, 12, 10);
        const qint64 lastWeek = dayMs(2026, 12, 3);
        QList<std::pair<qint64, QString>> expected; // sent, body
        const auto add = [&](const QString &chat, const QString &body, qint64 at) {
            Message m = message(chat, body, at, chat == Team ? u"민수"_s : QString());
            if (!store.addMessage(m).result())
                return false;
            if (body.contains(u"회의"_s))
                expected.append({ at, body });
            return true;
        };
        QVERIFY(add(Jenny, u"오늘 회의 취소"_s, today));
        // The room's archive, oldest first, stored after today's message.
        for (int i = 0; i < 30; ++i)
            QVERIFY(add(Team, u"지난주 회의 %1"_s.arg(i), lastWeek + qint64(i) * 3600 * 1000));
        QVERIFY(add(Jenny, u"점심 뭐 먹지"_s, today + 30000));
        QVERIFY(add(Team, u"회의 다시 잡아요"_s, today + 60000));
        std::sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) { return a.first > b.first; });

        Search::Request request;
        request.query = Search::parseQuery(u"회의"_s).value();
        request.requests = Search::RequestScope::Include; // Jenny's is a request: nobody wrote to her
        for (const int limit : { 1, 2, 5, 50 }) {
            request.limit = limit;
            const auto page = Search::search(store, request).result();
            QVERIFY2(page, qPrintable(page.errorMessage()));
            QStringList got;
            for (const auto &hit : page->hits)
                got.append(hit.message.body);
            QStringList want;
            for (qsizetype i = 0; i < std::min<qsizetype>(limit, expected.size()); ++i)
                want.append(expected.at(i).second);
            QCOMPARE(got, want);
        }
        // Page by page, the same order.
        request.limit = 4;
        QStringList got;
        for (;;) {
            const auto page = Search::search(store, request).result();
            QVERIFY2(page, qPrintable(page.errorMessage()));
            for (const auto &hit : page->hits)
                got.append(hit.message.body);
            if (page->hits.size() < request.limit)
                break;
            request.after = page->hits.last().position;
        }
        QStringList want;
        for (const auto &[at, body] : std::as_const(expected))
            want.append(body);
        QCOMPARE(got, want);
    }

    // The same against a plain sort of every hit, for histories stored in
    // the orders a catch-up makes: in order with old messages stored late
    // (archives), a message from a clock far ahead, several chats, words
    // frequent and rare; first pages of each size and every page in turn,
    // in all chats and in one. Read with the index and without it (before
    // the history is indexed, every message is read).
    void newestFirstWhateverTheStorageOrder_data()
    {
        QTest::addColumn<bool>("indexed");
        QTest::newRow("index") << true;
        QTest::newRow("reading every message") << false;
    }

    void newestFirstWhateverTheStorageOrder()
    {
        QFETCH(bool, indexed);
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(u"orders.sqlite"_s));
        QVERIFY(store.open().result());
        const QStringList chats { Jenny, Team, u"bob@example.org"_s };
        const QStringList words { u"회의"_s, u"점심"_s, u"회식"_s, u"자료"_s };
        QRandomGenerator r(1717);
        const qint64 t0 = dayMs(2026, 1, 1);
        struct Stored
        {
            qint64 rowId;
            qint64 sent;
            QString chat;
            QString body;
        };
        QList<Stored> stored;
        QList<QFuture<Expected<HistoryStore::AddResult>>> pending;
        QList<std::pair<qint64, QString>> toStore; // sent, chat; the body follows
        qint64 live = t0 + qint64(200) * 24 * 3600 * 1000;
        for (int i = 0; i < 1500; ++i) {
            const int kind = int(r.bounded(100));
            qint64 at;
            if (kind < 70)
                at = (live += 1000 + qint64(r.bounded(60000))); // live, in order
            else if (kind < 98)
                at = t0 + qint64(r.bounded(200 * 24 * 3600)) * 1000; // an archive's, older
            else if (kind < 99)
                at = live + qint64(400) * 24 * 3600 * 1000; // a clock far ahead
            else
                at = live - qint64(r.bounded(3600)) * 1000; // a little late
            if (i % 97 == 0)
                at = live; // the same time as another
            toStore.append({ at, chats.at(int(r.bounded(chats.size()))) });
        }
        for (qsizetype i = 0; i < toStore.size(); ++i) {
            // Frequent (회의 in half) and rare (회식 in 1 of 50).
            QString body = u"m%1"_s.arg(i);
            if (r.bounded(2) == 0)
                body += u" 회의"_s;
            if (r.bounded(5) == 0)
                body += u" 점심"_s;
            if (r.bounded(50) == 0)
                body += u" 회식"_s;
            Message m = message(toStore.at(i).second, body, toStore.at(i).first, u"민수"_s);
            m.messageId = u"id-%1"_s.arg(i);
            pending.append(store.addMessage(m));
        }
        for (qsizetype i = 0; i < pending.size(); ++i) {
            const auto added = pending[i].result();
            QVERIFY2(added, qPrintable(added.errorMessage()));
            stored.append(
                { added->message.rowId, toStore.at(i).first, toStore.at(i).second, added->message.body });
        }
        if (!indexed) {
            // As if the history were from before the index: nothing indexed yet.
            QVERIFY(
                store
                    .run<Done>(HistoryStore::Access::Write,
                        [](QSqlDatabase &db) -> Expected<Done> {
                            QSqlQuery q(db);
                            if (!q.exec(
                                    u"UPDATE search_backfill SET upto = (SELECT MAX(id) FROM messages), total = (SELECT MAX(id) FROM messages)"_s))
                                return Error { q.lastError().text() };
                            return Done {};
                        })
                    .result());
        }

        for (const QString &word : words) {
            for (const QString &chat : { QString(), Team }) {
                QList<Stored> all;
                for (const Stored &s : std::as_const(stored)) {
                    if (s.body.contains(word) && (chat.isEmpty() || s.chat == chat))
                        all.append(s);
                }
                std::sort(all.begin(), all.end(), [](const Stored &a, const Stored &b) {
                    return a.sent > b.sent || (a.sent == b.sent && a.rowId > b.rowId);
                });
                QList<qint64> want;
                for (const Stored &s : std::as_const(all))
                    want.append(s.rowId);
                const QString what = u"%1 in %2"_s.arg(word, chat.isEmpty() ? u"all"_s : chat);

                Search::Request request;
                request.query = Search::parseQuery(word).value();
                request.chat = chat;
                request.requests = Search::RequestScope::Include;
                for (const int limit : { 1, 7, 50, 0 }) {
                    request.limit = limit;
                    request.after = {};
                    const auto page = Search::search(store, request).result();
                    QVERIFY2(page, qPrintable(page.errorMessage()));
                    QCOMPARE(page->indexed, indexed);
                    QList<qint64> got;
                    for (const auto &hit : page->hits)
                        got.append(hit.message.rowId);
                    QVERIFY2(got == want.mid(0, limit > 0 ? limit : want.size()),
                        qPrintable(u"%1, limit %2"_s.arg(what).arg(limit)));
                }
                request.limit = 50;
                QList<qint64> got;
                for (;;) {
                    const auto page = Search::search(store, request).result();
                    QVERIFY2(page, qPrintable(page.errorMessage()));
                    for (const auto &hit : page->hits)
                        got.append(hit.message.rowId);
                    if (page->hits.size() < request.limit)
                        break;
                    request.after = page->hits.last().position;
                }
                QVERIFY2(got == want, qPrintable(u"%1, page by page"_s.arg(what)));
            }
        }
    }

    // The index keeps hits by the day they were sent (Search::Key): days
    // before 1970 and around midnight, a day whose messages were stored out
    // of the order sent, and a history indexed before the key (schema 15),
    // which is indexed again in the background and then reads the same.
    void indexedByTheDaySent()
    {
        constexpr qint64 Day = qint64(24) * 3600 * 1000;
        QCOMPARE(Search::Key::dayOf(0), 0);
        QCOMPARE(Search::Key::dayOf(Day - 1), 0);
        QCOMPARE(Search::Key::dayOf(Day), 1);
        QCOMPARE(Search::Key::dayOf(-1), -1);
        QCOMPARE(Search::Key::dayOf(-Day), -1);
        QCOMPARE(Search::Key::dayOf(-Day - 1), -2);
        QVERIFY(Search::Key::lastOfDay(-1) < Search::Key::firstOfDay(0));
        QVERIFY(Search::Key::lastOfDay(Search::Key::dayOf(std::numeric_limits<qint64>::max())) > 0);
        QVERIFY(Search::Key::firstOfDay(Search::Key::dayOf(std::numeric_limits<qint64>::min())) < 0);

        QTemporaryDir dir;
        const QString path = dir.filePath(u"days.sqlite"_s);
        const qint64 midnight = QDateTime(QDate(2026, 12, 5), QTime(0, 0), QTimeZone::UTC).toMSecsSinceEpoch();
        // Sent at, in the order stored; the body says where it belongs.
        const QList<qint64> sent { midnight + 5000, midnight - 1, midnight, midnight + 3000,
            QDateTime(QDate(1965, 3, 1), QTime(9, 0), QTimeZone::UTC).toMSecsSinceEpoch(), midnight + 1000,
            midnight - Day, 0, midnight + 3000, std::numeric_limits<qint64>::max() / 2, midnight + 2000 };
        QList<qsizetype> order;
        for (qsizetype i = 0; i < sent.size(); ++i)
            order.append(i);
        // Newest first by the time sent; the same time, the last stored first.
        std::sort(order.begin(), order.end(),
            [&sent](qsizetype a, qsizetype b) { return sent.at(a) > sent.at(b) || (sent.at(a) == sent.at(b) && a > b); });
        QStringList want;
        for (const qsizetype i : std::as_const(order))
            want.append(u"회의 %1"_s.arg(i));

        const auto everyPage = [](HistoryStore &store, int limit) {
            Search::Request request;
            request.query = Search::parseQuery(u"회의"_s).value();
            request.requests = Search::RequestScope::Include;
            request.limit = limit;
            QStringList got;
            for (int pages = 0; pages < 100; ++pages) {
                const auto page = Search::search(store, request).result();
                if (!page)
                    return QStringList { page.errorMessage() };
                for (const auto &hit : page->hits)
                    got.append(hit.message.body);
                if (page->hits.size() < limit)
                    break;
                request.after = page->hits.last().position;
            }
            return got;
        };
        {
            HistoryStore old(path);
            QVERIFY(old.open(15).result());
            for (qsizetype i = 0; i < sent.size(); ++i) {
                Message m = message(Jenny, u"회의 %1"_s.arg(i), 0);
                m.sentAt = QDateTime::fromMSecsSinceEpoch(sent.at(i), QTimeZone::UTC);
                m.receivedAt = m.sentAt;
                QVERIFY(old.addMessage(m).result());
            }
        }
        HistoryStore store(path);
        QVERIFY(store.open().result());
        // Upgraded: read without the index until it is made again.
        QCOMPARE(everyPage(store, 50), want);
        Search::Indexer indexer(&store, 4);
        QSignalSpy finished(&indexer, &Search::Indexer::finished);
        indexer.start();
        QVERIFY(finished.wait(10000));
        Search::Request request;
        request.query = Search::parseQuery(u"회의"_s).value();
        const auto page = Search::search(store, request).result();
        QVERIFY(page && page->indexed);
        for (const int limit : { 1, 2, 3, 50 })
            QCOMPARE(everyPage(store, limit), want);
        // New ones go straight in, at their day.
        Message late = message(Jenny, u"회의 늦게"_s, midnight - 2);
        late.receivedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(store.addMessage(late).result());
        want.insert(want.indexOf(u"회의 1"_s) + 1, u"회의 늦게"_s);
        for (const int limit : { 1, 4, 50 })
            QCOMPARE(everyPage(store, limit), want);
        QVERIFY(integrityOk(store));
    }

    void changedAndDeletedMessagesFollow()
    {
        // A correction rewrites the body: the index follows, in the same transaction.
        const auto id = m_store
                            ->run<qint64>(HistoryStore::Access::Write,
                                [](QSqlDatabase &db) -> Expected<qint64> {
                                    QSqlQuery q(db);
                                    if (!q.exec(u"UPDATE messages SET body = '일정 변경: 목요일' WHERE body = '일정 확인 부탁드립니다'"_s))
                                        return Error { q.lastError().text() };
                                    return q.numRowsAffected();
                                })
                            .result();
        QCOMPARE(id.value(), qint64(1));
        Search::Request request;
        request.query = Search::parseQuery(u"확인"_s).value();
        QVERIFY(Search::search(*m_store, request).result()->hits.isEmpty());
        request.query = Search::parseQuery(u"목요일"_s).value();
        QCOMPARE(Search::search(*m_store, request).result()->hits.size(), 1);
        QVERIFY(m_store
                    ->run<Done>(HistoryStore::Access::Write,
                        [](QSqlDatabase &db) -> Expected<Done> {
                            QSqlQuery q(db);
                            if (!q.exec(u"DELETE FROM messages WHERE body = '일정 변경: 목요일'"_s))
                                return Error { q.lastError().text() };
                            return Done {};
                        })
                    .result());
        QVERIFY(Search::search(*m_store, request).result()->hits.isEmpty());

        // A file's link taken away (a retraction empties it): its name is not found any more.
        request.query = Search::parseQuery(u"예산표"_s).value();
        QCOMPARE(Search::search(*m_store, request).result()->hits.size(), 1);
        QVERIFY(m_store
                    ->run<Done>(HistoryStore::Access::Write,
                        [](QSqlDatabase &db) -> Expected<Done> {
                            QSqlQuery q(db);
                            if (!q.exec(u"UPDATE messages SET body = '', oob_url = '' WHERE body = '보고서 보내드립니다'"_s))
                                return Error { q.lastError().text() };
                            return Done {};
                        })
                    .result());
        QVERIFY(Search::search(*m_store, request).result()->hits.isEmpty());
        QVERIFY(integrityOk(*m_store));
    }

    void highlights()
    {
        const auto ranges = Search::matchRanges(u"내일 정기회의를 합니다, Meeting"_s, { u"회의"_s, u"meeting"_s });
        QCOMPARE(ranges.size(), 2);
        QCOMPARE(ranges.at(0), std::make_pair(5, 2));
        QCOMPARE(ranges.at(1), std::make_pair(14, 7));
        // A word is highlighted as a word, as it is found.
        QVERIFY(Search::matchRanges(u"meetings"_s, { u"meeting"_s }).isEmpty());
    }

    // Upgrading: version 10 with history, then 11. Search works at once (a
    // scan), the index fills in the background, and what arrives meanwhile
    // is indexed once.
    void existingHistoryIsIndexed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"old.sqlite"_s);
        {
            HistoryStore old(path);
            QVERIFY(old.open(10).result());
            // Written as a version-10 history holds it (addMessage writes the newest schema's columns).
            const qint64 day1 = dayMs(2026, 1, 1);
            const qint64 day2 = dayMs(2026, 1, 2);
            QVERIFY(
                old.run<Done>(HistoryStore::Access::Write,
                       [&](QSqlDatabase &db) -> Expected<Done> {
                           QSqlQuery q(db);
                           q.prepare(u"INSERT INTO messages (chat, message_id, direction, sender, recipient, "
                                     u"body, sent_at, "
                                     "received_at, sort_at, state) VALUES (?, '', ?, ?, ?, ?, ?, ?, ?, ?)"_s);
                           for (int i = 0; i <= 250; ++i) {
                               const bool reply = i == 250;
                               const qint64 at = reply ? day2 : day1 + i;
                               q.addBindValue(Jenny);
                               q.addBindValue(reply ? 1 : 0);
                               q.addBindValue(reply ? Self : QString(Jenny + u"/phone"_s));
                               q.addBindValue(reply ? Jenny : Self);
                               q.addBindValue(reply ? u"ok"_s : u"오래된 회의록 %1"_s.arg(i));
                               q.addBindValue(at);
                               q.addBindValue(at + 1000);
                               q.addBindValue(at);
                               q.addBindValue(reply ? 1 : 4);
                               if (!q.exec())
                                   return Error { q.lastError().text() };
                           }
                           // A link with a Korean file name (최종.pdf), from before files had a column.
                           if (!q.exec(u"INSERT INTO messages (chat, message_id, direction, sender, "
                                       u"recipient, body, sent_at, "
                                       "received_at, sort_at, state) VALUES ('%1', 'l', 0, '%1/phone', '%2', "
                                       "'https://h.example/%EC%B5%9C%EC%A2%85.pdf', %3, %3, %3, 4)"_s
                                           .arg(Jenny, Self)
                                           .arg(day1 - 1)))
                               return Error { q.lastError().text() };
                           if (!q.exec(u"INSERT OR IGNORE INTO chats (chat) VALUES ('%1')"_s.arg(Jenny)))
                               return Error { q.lastError().text() };
                           return Done {};
                       })
                    .result());
        }
        HistoryStore store(path);
        QVERIFY(store.open().result());
        QCOMPARE(store.schemaVersion().result().value(), Schema::LatestVersion); // 11 and later
        QVERIFY(store.addMessage(message(Jenny, u"새 회의록"_s, dayMs(2026, 2, 1))).result());

        Search::Request request;
        request.query = Search::parseQuery(u"회의"_s).value();
        request.limit = 1000;
        auto page = Search::search(store, request).result();
        QVERIFY(page);
        QVERIFY(!page->indexed);
        QCOMPARE(page->hits.size(), 251);
        Search::Request byName = request;
        byName.query = Search::parseQuery(u"최종"_s).value();
        QCOMPARE(Search::search(store, byName).result()->hits.size(), 1); // the scan reads links too

        Search::Indexer indexer(&store, 100);
        QSignalSpy progress(&indexer, &Search::Indexer::progressChanged);
        QSignalSpy finished(&indexer, &Search::Indexer::finished);
        indexer.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last().at(0).toLongLong(), progress.last().at(1).toLongLong());
        QVERIFY(indexer.isComplete());

        page = Search::search(store, request).result();
        QVERIFY(page->indexed);
        QCOMPARE(page->hits.size(), 251);
        QCOMPARE(page->hits.first().message.body, u"새 회의록"_s);
        QCOMPARE(Search::search(store, byName).result()->hits.size(), 1);
        QVERIFY(Search::search(store, byName).result()->indexed);
        QVERIFY(integrityOk(store));
    }

private:
    static bool integrityOk(HistoryStore &store)
    {
        return store
            .run<Done>(HistoryStore::Access::Write,
                [](QSqlDatabase &db) -> Expected<Done> {
                    QSqlQuery q(db);
                    if (!q.exec(u"INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)"_s))
                        return Error { q.lastError().text() };
                    return Done {};
                })
            .result()
            .ok();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<HistoryStore> m_store;
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
