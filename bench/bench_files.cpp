// Files (issue 16): a 10 MB and a 100 MB file up (XEP-0363) and down again
// through Jabberwock, against a private Prosody with mod_http_file_share on
// loopback HTTPS, beside curl doing the same transfer (the same file PUT to a
// slot of its own, the same link fetched into a file). Both sides have the
// chat open in the real chat pane (offscreen), so the card's progress is
// painted as the person would see it.
//
// Printed for each size and direction: the time, the throughput, the ratio
// to curl's throughput (goal >= 0.8), the longest stall of the UI thread
// during the transfer (a 5 ms heartbeat timer; goal < 100 ms), and the peak
// resident memory during it above what the process held before (goal: the
// same for 10 MB as for 100 MB: the file is streamed, never held whole).
//
//   bench_files [--sizes 10,100] (megabytes) [--no-window]
//
// Exit status 0 when every transfer arrived byte-identical.

#include "account.h"
#include "accountsettings.h"
#include "chatpane.h"
#include "testserver.h"
#include "transfers.h"

#include <QXmppClient.h>
#include <QXmppHttpUploadIq.h>
#include <QXmppTask.h>
#include <QXmppUploadRequestManager.h>

#include <QApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <optional>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MB = 1000 * 1000;

/// A field of /proc/self/status in kB ("VmRSS", "VmHWM"); -1 if unreadable.
qint64 statusKb(const QByteArray &field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

/// Starts the peak (VmHWM) again from what is resident now (Linux: clear_refs 5).
bool resetPeak()
{
    QFile refs(u"/proc/self/clear_refs"_s);
    return refs.open(QIODevice::WriteOnly) && refs.write("5") == 1;
}

/// The UI thread's heartbeat: the longest gap between two ticks beyond the interval.
class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(Interval);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_longest = std::max(m_longest, now - m_last - qint64(Interval) * 1000 * 1000);
            m_last = now;
        });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return double(m_longest) / 1e6;
    }

private:
    static constexpr int Interval = 5;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

struct Figures
{
    double seconds = 0;
    double stallMs = 0;
    qint64 peakKb = 0; ///< above what was resident before
    bool ok = false;
};

QString makeFile(const QString &path, qint64 size)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray chunk(1024 * 1024, Qt::Uninitialized);
    for (qint64 left = size; left > 0; left -= chunk.size()) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
        f.write(chunk.constData(), std::min<qint64>(left, chunk.size()));
    }
    return path;
}

QString sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

/// Runs the event loop until `done` or the deadline; measures time, stall and memory.
///
/// A real event loop, as the application's: QTest::qWaitFor sleeps 10 ms
/// between its rounds of events, which holds up whatever waits for the UI
/// thread (Qt's HTTP thread asks it for each 16 KB of an upload: 1.6 MB/s).
Figures measure(const std::function<void()> &start, const std::function<bool()> &done, int timeoutMs)
{
    Figures f;
    Heartbeat heartbeat;
    QCoreApplication::processEvents();
    const qint64 before = statusKb("VmRSS");
    resetPeak();
    QEventLoop loop;
    QTimer check;
    check.setInterval(5);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    heartbeat.start();
    QElapsedTimer clock;
    clock.start();
    start();
    check.start();
    if (!done())
        loop.exec();
    f.ok = done();
    f.seconds = double(clock.nsecsElapsed()) / 1e9;
    f.stallMs = heartbeat.stop();
    f.peakKb = statusKb("VmHWM") - before;
    return f;
}

/// curl doing one transfer; its wall time in seconds, or -1.
double runCurl(const QStringList &arguments)
{
    QProcess curl;
    QElapsedTimer clock;
    clock.start();
    curl.start(u"curl"_s, QStringList { u"--silent"_s, u"--show-error"_s, u"--fail"_s, u"--insecure"_s } + arguments);
    if (!curl.waitForFinished(600000) || curl.exitStatus() != QProcess::NormalExit || curl.exitCode() != 0) {
        std::fprintf(stderr, "curl failed: %s\n", curl.readAllStandardError().constData());
        return -1;
    }
    return double(clock.nsecsElapsed()) / 1e9;
}

void print(const char *what, qint64 size, const Figures &f, double curlSeconds)
{
    const double mbps = double(size) / MB / f.seconds;
    const double curlMbps = curlSeconds > 0 ? double(size) / MB / curlSeconds : 0;
    std::printf("%-9s %4lld MB  %7.2f s  %7.1f MB/s   curl %7.2f s  %7.1f MB/s   ratio %.2f   "
                "UI stall %6.1f ms   peak RSS +%lld MB%s\n",
        what, static_cast<long long>(size / MB), f.seconds, mbps, curlSeconds, curlMbps,
        curlSeconds > 0 ? curlSeconds / f.seconds : 0.0, f.stallMs, static_cast<long long>(f.peakKb / 1024),
        f.ok ? "" : "   (did not finish)");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QList<qint64> sizes { 10 * MB, 100 * MB };
    const QStringList args = app.arguments();
    if (const int at = int(args.indexOf(u"--sizes"_s)); at >= 0 && at + 1 < args.size()) {
        sizes.clear();
        for (const QString &mb : args.at(at + 1).split(u','))
            sizes.append(mb.toLongLong() * MB);
    }
    if (QStandardPaths::findExecutable(u"curl"_s).isEmpty()) {
        std::fprintf(stderr, "bench_files needs curl (scripts/packages.txt)\n");
        return 1;
    }

    QTemporaryDir dir;
    Test::TestServer server;
    if (!server.isProsody()) {
        std::fprintf(stderr, "bench_files needs Prosody (mod_http_file_share)\n");
        return 1;
    }
    const qint64 largest = *std::max_element(sizes.cbegin(), sizes.cend());
    server.setHttpUpload(largest + MB);
    if (!server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s, u"carl:carl-pw"_s }, { u"alice:bob"_s })) {
        std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
        return 1;
    }
    const auto signIn = [&](const QString &user) {
        auto account = std::make_unique<Test::Account>(
            dir.filePath(user + u".db"_s), Test::connectionSettings(server, user));
        account->features.transfers()->setPinnedCertificates(account->settings.pinnedCertificates);
        account->features.transfers()->setDownloadFolder(dir.filePath(u"downloads-"_s + user));
        if (!account->opened || !account->signIn()
            || !QTest::qWaitFor([&] { return account->requests()->isLoaded(); }, 5000))
            return std::unique_ptr<Test::Account>();
        return account;
    };
    auto alice = signIn(u"alice"_s);
    auto bob = signIn(u"bob"_s);
    // curl's slots come through a third account's plain QXmpp client.
    QXmppClient carl;
    auto *slots = carl.addNewExtension<QXmppUploadRequestManager>();
    {
        QXmppConfiguration c;
        c.setJid(server.jid(u"carl"_s));
        c.setPassword(u"carl-pw"_s);
        c.setHost(u"127.0.0.1"_s);
        c.setPort(server.port());
        c.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
        c.setCaCertificates(QSslCertificate::fromPath(server.certificatePath()));
        c.setAutoReconnectionEnabled(false);
        carl.connectToServer(c);
    }
    if (!alice || !bob || !QTest::qWaitFor([&] { return carl.isConnected(); }, 15000)) {
        std::fprintf(stderr, "could not sign in\n");
        return 1;
    }
    const QString aliceJid = server.jid(u"alice"_s);
    const QString bobJid = server.jid(u"bob"_s);
    const QString uploadService = u"upload."_s + server.domain();

    // Both chats open, as the person has them.
    // (--no-window: without them, to see what showing the progress costs.)
    const bool window = !args.contains(u"--no-window"_s);
    // (They show the accounts' chats, so they must go before the accounts:
    // see the end.)
    auto sender = std::make_unique<Ui::ChatPane>(&alice->features, &alice->session);
    sender->resize(800, 600);
    sender->setChat(bobJid);
    sender->setVisible(window);
    auto receiver = std::make_unique<Ui::ChatPane>(&bob->features, &bob->session);
    receiver->resize(800, 600);
    receiver->setChat(aliceJid);
    receiver->setVisible(window);

    std::printf("bench_files: Prosody with http_file_share on loopback HTTPS; curl with the same files\n");
    bool allOk = true;
    for (const qint64 size : std::as_const(sizes)) {
        const QString source = makeFile(dir.filePath(u"file-%1.bin"_s.arg(size / MB)), size);
        const QString hash = sha256Of(source);
        Transfers *up = alice->features.transfers();
        Transfers *down = bob->features.transfers();

        // Up: from Send to the link going out.
        qint64 upId = 0;
        QMetaObject::Connection watch = QObject::connect(up, &Transfers::transferChanged, [&](const Transfer &t) {
            if (t.localPath == source && t.direction == Direction::Outgoing)
                upId = t.id;
        });
        const Figures upload = measure([&] { up->sendFile(bobJid, ChatKind::Chat, source); },
            [&] { return upId && up->transfer(upId)->state == Transfer::State::Uploaded; }, 600000);
        QObject::disconnect(watch);

        // curl up: a slot of its own, then the same file PUT.
        double curlUp = -1;
        {
            std::optional<QXmppHttpUploadSlotIq> slot;
            slots->requestSlot(QFileInfo(source), QFileInfo(source).fileName(), uploadService).then(&carl, [&](QXmppUploadRequestManager::SlotResult r) {
                if (auto *iq = std::get_if<QXmppHttpUploadSlotIq>(&r))
                    slot = *iq;
            });
            if (QTest::qWaitFor([&] { return slot.has_value(); }, 10000)) {
                QStringList headers;
                const auto put = slot->putHeaders();
                for (auto it = put.cbegin(); it != put.cend(); ++it)
                    headers << u"-H"_s << it.key() + u": "_s + it.value();
                curlUp = runCurl(headers + QStringList { u"-T"_s, source, slot->putUrl().toString(QUrl::FullyEncoded) });
            }
        }
        print("upload", size, upload, curlUp);
        // Where the difference lies: Qt's own HTTP client PUTting the same file to a slot, no QXmpp.
        {
            std::optional<QXmppHttpUploadSlotIq> slot;
            slots->requestSlot(QFileInfo(source), QFileInfo(source).fileName(), uploadService)
                .then(&carl, [&](QXmppUploadRequestManager::SlotResult r) {
                    if (auto *iq = std::get_if<QXmppHttpUploadSlotIq>(&r))
                        slot = *iq;
                });
            if (QTest::qWaitFor([&] { return slot.has_value(); }, 10000)) {
                QNetworkAccessManager network;
                QNetworkRequest request(slot->putUrl());
                const auto put = slot->putHeaders();
                for (auto it = put.cbegin(); it != put.cend(); ++it)
                    request.setRawHeader(it.key().toUtf8(), it.value().toUtf8());
                request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/octet-stream"_s);
                QFile file(source);
                file.open(QIODevice::ReadOnly);
                QNetworkReply *reply = nullptr;
                const Figures plain = measure(
                    [&] {
                        reply = network.put(request, &file);
                        QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                            [reply](const QList<QSslError> &errors) { reply->ignoreSslErrors(errors); });
                    },
                    [&] { return reply && reply->isFinished(); }, 600000);
                print("  Qt PUT", size, plain, curlUp);
                delete reply;
            }
        }

        // Down: from Download to the file in place, hashed.
        const QString messageId = upId ? up->transfer(upId)->messageId : QString();
        if (!QTest::qWaitFor([&] { return down->transferOf(aliceJid, messageId).has_value(); }, 20000)) {
            std::fprintf(stderr, "the message with the file did not arrive\n");
            return 1;
        }
        const qint64 downId = down->transferOf(aliceJid, messageId)->id;
        const Figures download = measure([&] { down->download(downId); },
            [&] { return down->transfer(downId)->state == Transfer::State::Downloaded; }, 600000);
        const QString curlTarget = dir.filePath(u"curl-%1.bin"_s.arg(size / MB));
        const double curlDown = runCurl({ u"-o"_s, curlTarget, up->transfer(upId)->url });
        print("download", size, download, curlDown);

        const bool same = upload.ok && download.ok && down->transfer(downId)->sha256 == hash
            && sha256Of(down->transfer(downId)->localPath) == hash && sha256Of(curlTarget) == hash;
        if (!same)
            std::printf("  %lld MB: NOT byte-identical\n", static_cast<long long>(size / MB));
        allOk = allOk && same;
        QFile::remove(source);
        QFile::remove(curlTarget);
        QFile::remove(down->transfer(downId)->localPath);
    }
    carl.disconnectFromServer();
    // The panes first: they read the accounts' models to the end (the
    // other way round, bench_files crashed at every exit).
    receiver.reset();
    sender.reset();
    alice.reset();
    bob.reset();
    server.stop();
    return allOk ? 0 : 1;
}
