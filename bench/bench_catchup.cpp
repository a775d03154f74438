// Catch-up after being offline: N messages wait on the server (offline
// storage and the archive) for an account; measured is the time from "online"
// until all are stored and the conversation list shows them, beside the floor:
// a QXmpp client that only counts the same messages as they arrive, once bare
// and once through the stream guard Jabberwock's session uses (bare QXmpp
// 1.10 re-parses its input buffer on every read: a burst makes it quadratic,
// so the guarded one is the floor that counts). Each of the three gets its
// own N messages. Also the longest stall of the event loop while Jabberwock
// catches up, how many bodies arrived damaged (U+FFFD), and that every
// message is there exactly once.
//
//   bench_catchup [N=10000] [--guarded-floor-only] [--without-search-index]
//
// --without-search-index: Jabberwock's history without the search index's
// triggers (issue 17), to see what indexing costs a catch-up.
// JW_BENCH_SLOW_EVENTS=MS (environment): while Jabberwock catches up, names
// each event that took longer than MS on the UI thread (time includes any
// event loop nested inside it), and for each stall longer than MS, the UI
// thread's events since the tick before by type and receiver, and how much
// of the stall the UI thread ran (less: it waited for a lock or a core).
//
// Exit status 0 only when all three got all N, once each, and Jabberwock's
// history holds each exactly once with its body intact.

#include "accountfeatures.h"
#include "archivesync.h"
#include "directmessages.h"
#include "historystore.h"
#include "messenger.h"
#include "models.h"
#include "roster.h"
#include "passwordchange.h"
#include "session.h"
#include "streamguard.h"
#include "testserver.h"

#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppMessage.h>
#include <QXmppPresence.h>
#include <QXmppTask.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QNetworkProxy>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <functional>

using namespace Jw;

namespace {

const QString Body = QStringLiteral("안녕하세요, 오프라인 메시지입니다 🦉 ").repeated(3);

QString bodyOf(int round, int i)
{
    return Body + QStringLiteral("%1/%2").arg(round).arg(i);
}

QString idOf(int round, int i)
{
    return QStringLiteral("fill-%1-%2").arg(round).arg(i);
}

QXmppConfiguration config(const Test::TestServer &server, const QString &user, const QString &resource)
{
    QXmppConfiguration c;
    c.setJid(server.jid(user));
    c.setPassword(user + QStringLiteral("-pw"));
    c.setHost(QStringLiteral("127.0.0.1"));
    c.setPort(server.port());
    c.setResource(resource);
    c.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
    c.setCaCertificates(QSslCertificate::fromPath(server.certificatePath()));
    c.setAutoReconnectionEnabled(false);
    return c;
}

/// As the app wires its features to its session (app/application.cpp).
void wireAsTheAppDoes(Session &session, AccountFeatures &features)
{
    session.setContactRule([r = features.roster()](const QString &jid) { return r->isContact(jid); });
    QObject::connect(features.passwordChange(), &PasswordChange::passwordChanged, &session,
        [s = &session](const QString &changed) { s->setPassword(changed); });
}

bool waitFor(const std::function<bool()> &done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired())
        QTest::qWait(5);
    return done();
}

// Bob sends N messages to Alice, who is offline, and returns once the server
// has acknowledged every one (XEP-0198): then all N are in Alice's offline
// storage and archive. Sending starts only once the stream is fully up
// (bound, stream management on): what is sent before that is refused or lost.
bool fill(const Test::TestServer &server, int n, int round)
{
    QXmppClient bob;
    // Alice's earlier sessions must be gone: a session the server still
    // holds (e.g. waiting for resumption) would take the messages instead of
    // offline storage. Bob sees her presence (they are contacts).
    QSet<QString> aliceOnline;
    QObject::connect(&bob, &QXmppClient::presenceReceived, [&](const QXmppPresence &p) {
        if (!p.from().startsWith(server.jid(QStringLiteral("alice")) + u'/'))
            return;
        if (p.type() == QXmppPresence::Available)
            aliceOnline.insert(p.from());
        else if (p.type() == QXmppPresence::Unavailable)
            aliceOnline.remove(p.from());
    });
    bob.connectToServer(config(server, QStringLiteral("bob"), QStringLiteral("bench")));
    if (!waitFor([&] { return bob.isConnected(); }, 15000)) {
        std::fprintf(stderr, "fill: bob did not connect\n");
        return false;
    }
    QTest::qWait(500);
    if (!aliceOnline.isEmpty()) {
        std::fprintf(stderr, "fill: the server still has %s online\n",
            qPrintable(QStringList(aliceOnline.cbegin(), aliceOnline.cend()).join(u", ")));
        return false;
    }
    int acknowledged = 0;
    int failed = 0;
    for (int i = 0; i < n; ++i) {
        QXmppMessage m(QString(), server.jid(QStringLiteral("alice")), bodyOf(round, i));
        m.setType(QXmppMessage::Chat);
        m.setId(idOf(round, i));
        bob.send(std::move(m)).then(&bob, [&](QXmpp::SendResult &&result) {
            (std::holds_alternative<QXmpp::SendSuccess>(result) ? acknowledged : failed) += 1;
        });
        if (i % 200 == 0)
            QTest::qWait(1);
    }
    waitFor([&] { return acknowledged + failed >= n; }, 300000);
    bob.disconnectFromServer();
    QTest::qWait(300);
    if (acknowledged != n) {
        std::fprintf(stderr, "fill: the server acknowledged %d of %d (%d failed)\n", acknowledged, n, failed);
        return false;
    }
    return true;
}

struct Floor
{
    double ms = -1;
    int arrived = 0; ///< distinct messages of this round
    int duplicates = 0;
    int damaged = 0;
};

// The floor: a QXmpp client that only counts what arrives. `guarded`: through
// a StreamGuard, as Jabberwock's session connects (QXmpp 1.10 alone re-parses
// its whole input buffer on every read, which a burst makes quadratic).
Floor measureFloor(const Test::TestServer &server, int n, int round, bool guarded)
{
    Floor floor;
    QXmppClient alice;
    QSet<QString> seen;
    QElapsedTimer timer;
    qint64 lastArrival = 0;
    QObject::connect(&alice, &QXmppClient::connected, [&] { timer.start(); });
    QObject::connect(&alice, &QXmppClient::messageReceived, [&](const QXmppMessage &m) {
        if (m.body().isEmpty() || !m.id().startsWith(QStringLiteral("fill-%1-").arg(round)))
            return;
        if (seen.contains(m.id())) {
            ++floor.duplicates;
            return;
        }
        seen.insert(m.id());
        floor.damaged += m.body().contains(QChar(0xFFFD)) ? 1 : 0;
        lastArrival = timer.elapsed();
        floor.ms = double(timer.nsecsElapsed()) / 1e6;
    });
    QXmppConfiguration c = config(server, QStringLiteral("alice"), QStringLiteral("floor"));
    std::unique_ptr<StreamGuard> guard;
    if (guarded) {
        StreamGuard::Server target;
        target.domain = server.domain();
        target.host = QStringLiteral("127.0.0.1");
        target.port = server.port();
        target.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
        guard = std::make_unique<StreamGuard>(target);
        if (!guard->start())
            return floor;
        c.setPort(guard->localPort());
        c.setNetworkProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        c.setStreamSecurityMode(QXmppConfiguration::TLSDisabled);
        c.setDisabledSaslMechanisms({ QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-1-PLUS"),
            QStringLiteral("SCRAM-SHA-256-PLUS"), QStringLiteral("SCRAM-SHA-512-PLUS") });
    }
    alice.connectToServer(c);
    // All arrived, or nothing more for 10 s (what is lost stays lost).
    waitFor([&] { return seen.size() >= n || (!seen.isEmpty() && timer.elapsed() - lastArrival > 10000); },
        600000);
    QTest::qWait(500); // a late duplicate would show here
    floor.arrived = int(seen.size());
    alice.disconnectFromServer();
    QTest::qWait(300);
    return floor;
}

/// With JW_BENCH_SLOW_EVENTS=MS: names every event that took longer.
class TimedApp final : public QCoreApplication
{
public:
    using QCoreApplication::QCoreApplication;
    qint64 thresholdMs = -1;
    bool watching = false; ///< only while Jabberwock catches up
    QElapsedTimer clock; ///< the catch-up's clock, for the times printed
    /// Since the last tick: the UI thread's time (µs) and count of events
    /// by type and receiver, so a stall made of many short events says so.
    QHash<QByteArray, std::pair<qint64, int>> sinceTick;
    bool notify(QObject *receiver, QEvent *event) override
    {
        // Only the UI thread's events stall the window; the history's
        // worker thread has its own.
        if (thresholdMs < 0 || !watching || QThread::currentThread() != thread())
            return QCoreApplication::notify(receiver, event);
        if (m_depth > 0) { // inside another event: counted in that one's time
            ++m_depth;
            const bool done = QCoreApplication::notify(receiver, event);
            --m_depth;
            return done;
        }
        QElapsedTimer t;
        t.start();
        const int type = event->type();
        // The receiver and its owners: a socket notifier says whose socket.
        QByteArray who;
        for (const QObject *o = receiver; o; o = o->parent()) {
            if (!who.isEmpty())
                who += " < ";
            who += o->metaObject()->className();
            if (!o->objectName().isEmpty())
                who += " '" + o->objectName().toUtf8() + "'";
            if (const auto *timer = qobject_cast<const QTimer *>(o))
                who += " (every " + QByteArray::number(timer->interval()) + " ms)";
        }
        ++m_depth;
        const bool done = QCoreApplication::notify(receiver, event);
        --m_depth;
        auto &[us, count] = sinceTick[QByteArray::number(type) + " to " + who];
        us += t.nsecsElapsed() / 1000;
        ++count;
        if (t.elapsed() > thresholdMs)
            std::fprintf(stderr, "slow event: %lld ms, ending at %lld ms, type %d to %s\n",
                static_cast<long long>(t.elapsed()), static_cast<long long>(clock.elapsed()), type, who.constData());
        return done;
    }
    /// What the UI thread did since the last tick, largest first; then forgets it.
    void printSinceTick()
    {
        QList<std::pair<qint64, QByteArray>> rows;
        for (auto it = sinceTick.cbegin(); it != sinceTick.cend(); ++it)
            rows.append({ it.value().first, it.key() });
        std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        for (qsizetype i = 0; i < std::min<qsizetype>(rows.size(), 5); ++i)
            std::fprintf(stderr, "    %.1f ms in %d events of type %s\n", double(rows.at(i).first) / 1000.0,
                sinceTick.value(rows.at(i).second).second, rows.at(i).second.constData());
        sinceTick.clear();
    }

private:
    int m_depth = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    TimedApp app(argc, argv);
    app.thresholdMs = qEnvironmentVariableIsSet("JW_BENCH_SLOW_EVENTS") ? qEnvironmentVariableIntValue("JW_BENCH_SLOW_EVENTS") : -1;
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    // Bare QXmpp takes minutes at N = 10,000; for quick runs it can be left out.
    const QStringList flags = app.arguments().mid(2);
    const bool measureBare = !flags.contains(QStringLiteral("--guarded-floor-only"));
    const bool searchIndex = !flags.contains(QStringLiteral("--without-search-index"));
    Test::TestServer server;
    // Prosody's internal storage holds at most 10,000 items per account and
    // store (storage_archive_item_limit) and truncates the archive beyond:
    // this benchmark puts 2 N messages into Alice's archive.
    server.addConfigLine(QStringLiteral("storage_archive_item_limit = %1").arg(4 * n + 1000));
    if (!server.start({ QStringLiteral("alice:alice-pw"), QStringLiteral("bob:bob-pw") },
            { QStringLiteral("alice:bob") })) {
        std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QString bobJid = server.jid(QStringLiteral("bob"));

    Floor bare;
    if (measureBare) {
        if (!fill(server, n, 1))
            return 1;
        bare = measureFloor(server, n, 1, false);
    } else {
        bare.arrived = n;
    }
    if (!fill(server, n, 2))
        return 1;
    const Floor floor = measureFloor(server, n, 2, true);

    // Jabberwock: a device that was signed in before, then offline.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alice.db"));
    ConnectionSettings settings;
    settings.jid = server.jid(QStringLiteral("alice"));
    settings.password = QStringLiteral("alice-pw");
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = server.port();
    settings.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
    // Its first sign-in reads the newest archive page (what the floor runs
    // left): that is history from before, not part of the catch-up.
    qsizetype before = 0;
    {
        HistoryStore store(path);
        (void)store.open().result();
        if (!searchIndex) {
            const auto dropped = store
                                     .run<Done>(HistoryStore::Access::Write,
                                         [](QSqlDatabase &db) -> Expected<Done> {
                                             QSqlQuery q(db);
                                             if (!q.exec(QStringLiteral("DROP TRIGGER message_search_insert")))
                                                 return Error { q.lastError().text() };
                                             return Done {};
                                         })
                                     .result();
            if (!dropped) {
                std::fprintf(stderr, "%s\n", qPrintable(dropped.errorMessage()));
                return 1;
            }
            std::printf("catch-up: jabberwock's history has no search index\n");
        }
        Session session;
        AccountFeatures features(&store, session.transport());
        wireAsTheAppDoes(session, features);
        features.messenger()->setFirstSyncLimits(0, 1);
        bool synced = false;
        if (const auto *archive = features.messenger()->findChild<Archive *>())
            QObject::connect(archive, &Archive::pageDone, [&](const QString &, bool complete) { synced |= complete; });
        session.connectToServer(settings);
        waitFor([&] { return session.state() == Session::State::Online; }, 15000);
        waitFor([&] { return synced; }, 30000);
        QTest::qWait(500);
        session.disconnectFromServer();
        QTest::qWait(500);
        before = store.allMessages(bobJid).result().value().size();
    }
    // Until the server has closed that session, messages for Alice would go
    // to it (and past Prosody's stream management queue of 500, only to the
    // archive) instead of to offline storage. fill() checks it is gone.
    QTest::qWait(1000);
    if (!fill(server, n, 3))
        return 1;

    HistoryStore store(path);
    (void)store.open().result();
    Session session;
    AccountFeatures features(&store, session.transport());
    wireAsTheAppDoes(session, features);
    Messenger &messenger = *features.messenger();
    ConversationsModel conversations(&features);
    // What the connection hands over, as the messenger's own parts see it:
    // live and offline messages, and the archive's pages.
    const auto *direct = messenger.findChild<DirectMessages *>();
    const auto *archive = messenger.findChild<Archive *>();
    if (!direct || !archive) {
        std::fprintf(stderr, "the messenger has no DirectMessages or Archive to watch\n");
        return 1;
    }
    QElapsedTimer timer;
    // The event loop's responsiveness: a 10 ms timer that measures how late it fires.
    constexpr int TickMs = 10;
    qint64 lastTick = 0;
    qint64 worstStallMs = 0;
    qint64 lastCpuMs = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(TickMs);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = timer.elapsed();
        worstStallMs = std::max(worstStallMs, now - lastTick - TickMs);
        // How much of it the UI thread ran: less than the stall means it
        // waited (for a lock, or for a core).
        timespec cpu {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
        const qint64 cpuMs = qint64(cpu.tv_sec) * 1000 + cpu.tv_nsec / 1000000;
        if (app.thresholdMs >= 0 && now - lastTick - TickMs > app.thresholdMs) {
            std::fprintf(stderr, "stall: %lld ms, ending at %lld ms; the UI thread ran %lld ms of it\n",
                now - lastTick - TickMs, now, cpuMs - lastCpuMs);
            app.printSinceTick();
        }
        app.sinceTick.clear();
        lastTick = now;
        lastCpuMs = cpuMs;
    });
    QObject::connect(&session, &Session::stateChanged, [&](Session::State s) {
        if (s == Session::State::Online && !timer.isValid()) {
            timer.start();
            lastTick = 0;
            timespec cpu {};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
            lastCpuMs = qint64(cpu.tv_sec) * 1000 + cpu.tv_nsec / 1000000;
            ticker.start();
            app.clock = timer;
            app.watching = true;
        }
    });
    QSet<QString> added;
    int addedTwice = 0;
    int damaged = 0;
    qint64 lastStored = 0;
    QObject::connect(&messenger, &Messenger::messageAdded, [&](const Message &m) {
        if (m.chat != bobJid)
            return;
        if (added.contains(m.messageId))
            ++addedTwice;
        added.insert(m.messageId);
        lastStored = timer.elapsed();
        damaged += m.body.contains(QChar(0xFFFD)) ? 1 : 0;
    });
    int pages = 0;
    qint64 caughtUpMs = -1;
    int received = 0;
    QObject::connect(archive, &Archive::pageDone, [&](const QString &, bool complete) {
        ++pages;
        if (complete)
            caughtUpMs = timer.elapsed();
    });
    QObject::connect(direct, &DirectMessages::received, [&](const Message &) { ++received; });
    QObject::connect(archive, &Archive::messageFetched, [&](const Message &) { ++received; });
    session.connectToServer(settings);
    const auto listUpToDate = [&] {
        const int row = conversations.rowOf(bobJid);
        return added.size() >= n && row >= 0
            && conversations.index(row).data(ConversationsModel::UnreadRole).toInt() >= n;
    };
    waitFor([&] { return listUpToDate() || (!added.isEmpty() && timer.elapsed() - lastStored > 10000); },
        300000);
    const bool upToDate = listUpToDate();
    const double jwMs = upToDate ? double(timer.nsecsElapsed()) / 1e6 : double(lastStored);
    const qint64 stallUntilUpToDate = worstStallMs;
    // The archive catch-up (XEP-0313) may still be running: it brings the
    // same messages again. It must add nothing, and the UI must stay
    // responsive through it too.
    waitFor([&] { return caughtUpMs >= 0; }, 300000);
    ticker.stop();
    app.watching = false;
    QTest::qWait(1000);

    // The history: each of the N exactly once, body intact.
    const QList<Message> history = store.allMessages(bobJid).result().value();
    QHash<QString, int> copies;
    int intact = 0;
    for (const Message &m : history) {
        copies[m.messageId] += 1;
        intact += m.messageId.startsWith(QStringLiteral("fill-3-"))
                && m.body == bodyOf(3, m.messageId.section(u'-', 2).toInt())
            ? 1
            : 0;
    }
    int historyDuplicates = 0;
    int missing = 0;
    for (int i = 0; i < n; ++i) {
        const int c = copies.value(idOf(3, i));
        missing += c == 0 ? 1 : 0;
        historyDuplicates += c > 1 ? c - 1 : 0;
    }
    const int extra = int(history.size() - before) - (n - missing) - historyDuplicates;

    std::printf("catch-up: N = %d messages waiting\n", n);
    if (measureBare)
        std::printf("catch-up: bare QXmpp 1.10, counting only: %.0f ms; %d of %d arrived, %d duplicates, "
                    "%d damaged bodies\n",
            bare.ms, bare.arrived, n, bare.duplicates, bare.damaged);
    std::printf("catch-up: floor (QXmpp through the stream guard, counting only): %.0f ms; %d of %d arrived, "
                "%d duplicates, %d damaged bodies\n",
        floor.ms, floor.arrived, n, floor.duplicates, floor.damaged);
    // Without the bare run (--guarded-floor-only) there is no bare figure to compare with.
    const QByteArray versusBare = bare.ms > 0 ? QByteArray(" (") + QByteArray::number(jwMs / bare.ms, 'f', 2)
            + QByteArray("x bare QXmpp)")
                                              : QByteArray();
    std::printf("catch-up: jabberwock (stored + conversation list%s): %.0f ms = %.2fx the floor%s; "
                "%lld of %d stored, %d added twice, %d damaged bodies\n",
        upToDate ? "" : ", NOT up to date", jwMs, jwMs / floor.ms, versusBare.constData(), qlonglong(added.size()),
        n, addedTwice, damaged);
    std::printf("catch-up: longest event-loop stall during jabberwock's catch-up: %lld ms until up to date, "
                "%lld ms until the archive catch-up ended\n",
        stallUntilUpToDate, worstStallMs);
    std::printf("catch-up: jabberwock received %d messages (offline delivery and archive), %d archive pages, "
                "archive done at %lld ms\n",
        received, pages, caughtUpMs);
    std::printf("catch-up: history: %lld messages (%lld from before); %d missing, %d duplicates, %d others, "
                "%d intact bodies\n",
        qlonglong(history.size()), qlonglong(before), missing, historyDuplicates, extra, intact);
    const bool ok = bare.arrived == n && bare.duplicates == 0 && floor.arrived == n && floor.duplicates == 0
        && upToDate && addedTwice == 0 && missing == 0
        && historyDuplicates == 0 && extra == 0 && intact == n;
    std::printf("catch-up: %s\n", ok ? "every message exactly once" : "FAILED: see above");
    return ok ? 0 : 1;
}
