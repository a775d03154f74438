// Catch-up after being offline: N messages wait on the server (offline
// storage and the archive) for an account; measured is the time from "online"
// until all are stored and the conversation list shows them, beside the floor:
// a bare QXmpp client that only counts the same messages as they arrive.
// Also the longest stall of the event loop while Jabberwock catches up, and
// how many bodies arrived damaged (U+FFFD) in each.
//
//   bench_catchup [N=10000]

#include "historystore.h"
#include "messenger.h"
#include "models.h"
#include "session.h"
#include "testserver.h"

#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppMessage.h>
#include <QXmppPingIq.h>

#include <QDomElement>
#include <QXmppTask.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace Jw;

namespace {

const QString Body = QStringLiteral("안녕하세요, 오프라인 메시지입니다 🦉 ").repeated(3);

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

bool waitFor(const std::function<bool()> &done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired())
        QTest::qWait(5);
    return done();
}

// Bob sends N messages to Alice, who is offline.
bool fill(const Test::TestServer &server, int n)
{
    QXmppClient bob;
    bob.connectToServer(config(server, QStringLiteral("bob"), QStringLiteral("bench")));
    if (!waitFor([&] { return bob.isAuthenticated(); }, 15000))
        return false;
    for (int i = 0; i < n; ++i) {
        QXmppMessage m(QString(), server.jid(QStringLiteral("alice")), Body + QString::number(i));
        m.setType(QXmppMessage::Chat);
        m.setId(QStringLiteral("fill-%1").arg(i));
        bob.sendPacket(m);
        if (i % 500 == 0)
            QTest::qWait(1);
    }
    // A round trip makes sure the server has processed everything before.
    bool answered = false;
    QXmppPingIq ping;
    ping.setTo(server.domain());
    bob.sendIq(std::move(ping)).then(&bob, [&](QXmppClient::IqResult &&) { answered = true; });
    if (!waitFor([&] { return answered; }, 120000))
        return false;
    bob.disconnectFromServer();
    QTest::qWait(500);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    Test::TestServer server;
    if (!server.start({ QStringLiteral("alice:alice-pw"), QStringLiteral("bob:bob-pw") },
            { QStringLiteral("alice:bob") })) {
        std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QString bobJid = server.jid(QStringLiteral("bob"));

    // The floor: a bare QXmpp client counting what arrives.
    if (!fill(server, n))
        return 1;
    double floorMs = -1;
    int floorDamaged = 0;
    int floorArrived = 0;
    {
        QXmppClient alice;
        int count = 0;
        QElapsedTimer timer;
        QObject::connect(&alice, &QXmppClient::connected, [&] { timer.start(); });
        qint64 lastArrival = 0;
        QObject::connect(&alice, &QXmppClient::messageReceived, [&](const QXmppMessage &m) {
            if (m.body().isEmpty())
                return;
            ++count;
            floorDamaged += m.body().contains(QChar(0xFFFD)) ? 1 : 0;
            lastArrival = timer.elapsed();
            floorMs = double(timer.nsecsElapsed()) / 1e6;
        });
        alice.connectToServer(config(server, QStringLiteral("alice"), QStringLiteral("floor")));
        // All arrived, or nothing more for 5 s (what QXmpp lost stays lost).
        waitFor([&] { return count >= n || (count > 0 && timer.elapsed() - lastArrival > 5000); }, 300000);
        floorArrived = count;
        alice.disconnectFromServer();
        QTest::qWait(300);
    }

    // Jabberwock: a device that was signed in before, then offline.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alice.db"));
    ConnectionSettings settings;
    settings.jid = server.jid(QStringLiteral("alice"));
    settings.password = QStringLiteral("alice-pw");
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = server.port();
    settings.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
    {
        HistoryStore store(path);
        (void)store.open().result();
        Session session;
        Messenger messenger(&store, &session);
        session.connectToServer(settings);
        waitFor([&] { return session.state() == Session::State::Online; }, 15000);
        QTest::qWait(500);
        session.disconnectFromServer();
    }
    if (!fill(server, n))
        return 1;

    HistoryStore store(path);
    (void)store.open().result();
    Session session;
    Messenger messenger(&store, &session);
    ConversationsModel conversations(&messenger);
    QElapsedTimer timer;
    qint64 lastTick = 0;
    qint64 worstStallMs = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = timer.elapsed();
        worstStallMs = std::max(worstStallMs, now - lastTick - 10);
        lastTick = now;
    });
    QObject::connect(&session, &Session::stateChanged, [&](Session::State s) {
        if (s == Session::State::Online) {
            timer.start();
            lastTick = 0;
            ticker.start();
        }
    });
    int stored = 0;
    int damaged = 0;
    qint64 lastStored = 0;
    QObject::connect(&messenger, &Messenger::messageAdded, [&](const Message &m) {
        ++stored;
        lastStored = timer.elapsed();
        damaged += m.body.contains(QChar(0xFFFD)) ? 1 : 0;
    });
    session.connectToServer(settings);
    const auto listUpToDate = [&] {
        const int row = conversations.rowOf(bobJid);
        return stored >= n && row >= 0 && conversations.index(row).data(ConversationsModel::UnreadRole).toInt() >= n;
    };
    waitFor([&] { return listUpToDate() || (stored > 0 && timer.elapsed() - lastStored > 10000); }, 300000);
    const double jwMs = listUpToDate() ? double(timer.nsecsElapsed()) / 1e6 : double(lastStored);
    ticker.stop();
    // Whatever the archive catch-up still brings must add nothing.
    QTest::qWait(3000);
    const int total = int(store.allMessages(bobJid).result().value().size());

    std::printf("catch-up: %d messages waiting\n", n);
    std::printf("catch-up: floor (bare QXmpp, counting only) %.0f ms, %d of %d arrived, %d damaged bodies\n",
        floorMs, floorArrived, n, floorDamaged);
    std::printf("catch-up: jabberwock (stored + conversation list) %.0f ms = %.2fx the floor, %d of %d stored, "
                "%d damaged bodies\n",
        jwMs, jwMs / floorMs, stored, n, damaged);
    std::printf("catch-up: longest event-loop stall %lld ms; stored once: %s (%d in history)\n", worstStallMs,
        total == n ? "yes" : "NO", total);
    return total == n ? 0 : 1;
}
