// Floods and big input from a misbehaving server (issue 12), each against the
// whole app as a person runs it: the session, the history, the models, the
// main window (offscreen) and the notifications. Printed for each: the time
// from "online" until the app has settled (everything stored and shown), the
// longest stall of the UI thread's event loop (a 10 ms timer that measures
// how late it fires) and the peak memory of the process (VmHWM). Each run is
// one flood in a process of its own, so the peak is that flood's.
//
//   bench_floods presence N      N presences from resources of one contact
//   bench_floods strangers N     N messages, each from a different stranger
//   bench_floods big CHARS       one message of CHARS Hangul characters
//
// Exit status 0 when the app settled in the right state: the contact shown
// available, all N strangers' messages stored, the big message stored (as
// itself or as the "too large" note) with the connection still up.

#include "accountfeatures.h"
#include "historystore.h"
#include "hostileserver.h"
#include "mainwindow.h"
#include "messagealerts.h"
#include "messenger.h"
#include "models.h"
#include "notifier.h"
#include "passwordchange.h"
#include "roster.h"
#include "session.h"
#include "settings.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

qint64 peakMemoryKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

/// Counts what would have reached the desktop.
class CountingNotifier final : public Ui::Notifier
{
public:
    using Ui::Notifier::Notifier;
    void show(const Ui::Notification &) override { ++shown; }
    int shown = 0;
};

bool waitFor(const std::function<bool()> &done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired())
        QTest::qWait(5);
    return done();
}

int usage()
{
    std::fprintf(stderr, "usage: bench_floods presence N | strangers N | big CHARS\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return usage();
    const QString kind = args.at(1);
    const qint64 n = args.at(2).toLongLong();
    QString scriptLine;
    if (kind == u"presence")
        scriptLine = u"flood-presence %1"_s.arg(n);
    else if (kind == u"strangers")
        scriptLine = u"flood-strangers %1"_s.arg(n);
    else if (kind == u"big")
        scriptLine = u"big-message %1"_s.arg(n);
    else
        return usage();

    Test::HostileServer server;
    // The normal message after the big one shows the connection is still of use.
    server.setScript(kind == u"big" ? QStringList { scriptLine, u"send <message type='chat' from='bob@{domain}/x' "
                                                                 u"to='{jid}' id='after'><body>after</body></message>"_s }
                                    : QStringList { scriptLine });
    if (!server.start({ u"alice:pw"_s }, { u"bob"_s })) {
        std::fprintf(stderr, "hostile server: %s\n", qPrintable(server.errorString()));
        return 1;
    }

    QTemporaryDir dir;
    HistoryStore store(dir.filePath(u"alice.db"_s));
    (void)store.open().result();
    Session session;
    // As the app wires its features to its session (app/application.cpp).
    AccountFeatures features(&store, session.transport());
    session.setContactRule([r = features.roster()](const QString &jid) { return r->isContact(jid); });
    QObject::connect(features.passwordChange(), &PasswordChange::passwordChanged, &session,
        [&session](const QString &changed) { session.setPassword(changed); });
    Messenger &messenger = *features.messenger();
    Settings settings(dir.filePath(u"settings.ini"_s));
    CountingNotifier notifier;
    Ui::MessageAlerts alerts(&features, &session, &settings, &notifier);
    Ui::MainWindow window(&features, &session);
    alerts.setWindow(&window);
    ContactsModel contacts(features.roster());
    window.resize(900, 700);
    window.show();

    QElapsedTimer timer;
    constexpr int TickMs = 10;
    qint64 lastTick = 0;
    qint64 worstStallMs = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(TickMs);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = timer.elapsed();
        worstStallMs = std::max(worstStallMs, now - lastTick - TickMs);
        lastTick = now;
    });
    qint64 lastChange = 0;
    qint64 contactSignals = 0;
    qint64 stored = 0;
    QString bigBody;
    bool afterArrived = false;
    QObject::connect(features.roster(), &Roster::contactChanged, [&](const Contact &) {
        ++contactSignals;
        lastChange = timer.elapsed();
    });
    QObject::connect(&messenger, &Messenger::messageAdded, [&](const Message &m) {
        ++stored;
        lastChange = timer.elapsed();
        if (m.messageId == u"after")
            afterArrived = true;
        else if (kind == u"big")
            bigBody = m.body;
    });
    QObject::connect(&session, &Session::stateChanged, [&](Session::State s) {
        if (s == Session::State::Online && !timer.isValid()) {
            timer.start();
            ticker.start();
        }
    });

    ConnectionSettings account;
    account.jid = server.jid(u"alice"_s);
    account.password = u"pw"_s;
    account.host = u"127.0.0.1"_s;
    account.port = server.port();
    account.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
    session.connectToServer(account);
    if (!waitFor([&] { return timer.isValid(); }, 30000)) {
        std::fprintf(stderr, "did not get online: %s\n", qPrintable(session.lastError().message));
        return 1;
    }

    const QString bob = server.jid(u"bob"_s);
    const int limitMs = 600'000;
    bool ok = false;
    if (kind == u"presence") {
        // Settled: bob shows as available and nothing changed for two seconds.
        ok = waitFor(
            [&] {
                const int row = contacts.rowOf(bob);
                return row >= 0
                    && contacts.index(row).data(ContactsModel::PresenceRole).toInt() == int(PresenceStatus::Available)
                    && timer.elapsed() - lastChange > 2000;
            },
            limitMs);
    } else if (kind == u"strangers") {
        ok = waitFor([&] { return stored >= n; }, limitMs);
        waitFor([&] { return timer.elapsed() - lastChange > 2000; }, limitMs);
    } else {
        ok = waitFor([&] { return afterArrived; }, limitMs);
        waitFor([&] { return timer.elapsed() - lastChange > 2000; }, limitMs);
        ok = ok && !bigBody.isEmpty() && session.state() == Session::State::Online;
    }
    const qint64 settledMs = lastChange;
    ticker.stop();

    std::printf("floods: %s %lld: settled in %lld ms, longest UI stall %lld ms, peak memory %lld MiB%s\n",
        qPrintable(kind), n, settledMs, worstStallMs, peakMemoryKiB() / 1024, ok ? "" : " (NOT settled right)");
    if (kind == u"presence")
        std::printf("floods: presence: %lld contact change signals for %lld presences\n", contactSignals, n);
    if (kind == u"strangers") {
        const auto conversations = store.conversations().result();
        std::printf("floods: strangers: %lld stored, %lld conversations in the history, %d notifications\n",
            stored, conversations ? qint64(conversations->size()) : -1LL, notifier.shown);
    }
    if (kind == u"big")
        std::printf("floods: big: stored %lld characters: \"%s\"; the next message %s\n", qint64(bigBody.size()),
            qPrintable(bigBody.left(80)), afterArrived ? "arrived" : "did not arrive");
    return ok ? 0 : 1;
}
