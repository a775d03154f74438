// The real binary's start-up: time from process start to the main window
// being shown and to "signed in", and memory (resident set) after sign-in.
// Runs against a private Prosody on loopback, offscreen unless DISPLAY is set.
// Each run first starts the floor (startup_floor.cpp): a bare Qt 6 window of
// the same size, and the same with a bare QXmpp client signing in; the first
// paint of Jabberwock's conversation list is given against the window's.
//
//   bench_startup [RUNS] [--big [PATH]]
//     --big   each run starts on a copy of the 100-chat, 100,000-message
//             history (profilegen.h, kept at PATH between runs), and the
//             resident memory is also taken 10 s after start.
// JW_BENCH_MAPPINGS=N (environment): list the N largest mappings, not 12.
// JW_BENCH_SMAPS=PATH (environment): keep the last run's /proc/PID/smaps at PATH
// (the floor's with a QXmpp client at PATH.floor).
// JW_BENCH_WRAP="COMMAND ARGS" (environment): start the binary under COMMAND (heaptrack,
// valgrind); the memory figures are then COMMAND's, not the binary's, and the binary
// is ended with SIGTERM, not killed, so that COMMAND writes what it found
// (JW_BENCH_WRAP_SIGNAL=N: with signal N; 9 makes heaptrack's "leaked" what was live).
// JW_BENCH_SLOWDOWN=N (environment): wait N times as long for everything (under valgrind).

#include "profile.h"
#include "profilegen.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <cstdio>

#include <sys/types.h>

namespace {

qint64 statusKb(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

/// Where the resident memory is: anonymous (heap, stacks, the GPU-less
/// raster buffers) against file-backed (libraries, fonts, the history's
/// mapped pages), and the largest mappings by resident size.
struct Residency
{
    qint64 anonymousKb = 0;
    qint64 fileKb = 0;
    QList<std::pair<qint64, QString>> largest; ///< (kB, mapping)
};

Residency residency(qint64 pid)
{
    Residency r;
    QFile smaps(QStringLiteral("/proc/%1/smaps").arg(pid));
    if (!smaps.open(QIODevice::ReadOnly))
        return r;
    QHash<QString, qint64> byName;
    QString current;
    bool anonymous = false;
    const QList<QByteArray> lines = smaps.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.isEmpty() || parts.first().isEmpty())
            continue;
        if (parts.first().contains('-') && !parts.first().endsWith(':')) { // a mapping's header
            current = parts.size() >= 6 ? QString::fromUtf8(parts.mid(5).join(' ')) : QStringLiteral("[anonymous]");
            anonymous = parts.size() < 6 || current.startsWith(u'[');
            continue;
        }
        if (parts.first() == "Rss:" && parts.size() >= 2) {
            const qint64 kb = parts.at(1).toLongLong();
            (anonymous ? r.anonymousKb : r.fileKb) += kb;
            byName[current] += kb;
        }
    }
    for (auto it = byName.cbegin(); it != byName.cend(); ++it)
        r.largest.append({ it.value(), it.key() });
    std::sort(r.largest.begin(), r.largest.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    // JW_BENCH_MAPPINGS=N (environment): the N largest instead of 12.
    const int shown = qEnvironmentVariableIsSet("JW_BENCH_MAPPINGS") ? qEnvironmentVariableIntValue("JW_BENCH_MAPPINGS") : 12;
    r.largest = r.largest.mid(0, shown);
    return r;
}

/// The process under `root` (itself or a descendant) running `executable`, or -1.
qint64 descendantRunning(qint64 root, const QString &executable)
{
    const QString wanted = QFileInfo(executable).canonicalFilePath();
    QList<qint64> pids { root };
    for (qsizetype i = 0; i < pids.size(); ++i) {
        if (QFileInfo(QStringLiteral("/proc/%1/exe").arg(pids.at(i))).canonicalFilePath() == wanted)
            return pids.at(i);
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &entry : entries) {
            bool number = false;
            const qint64 pid = entry.toLongLong(&number);
            if (!number)
                continue;
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            // pid (comm) state ppid …: the name may hold spaces, so after the last ')'.
            const QByteArray line = stat.readAll();
            const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
            if (fields.size() > 1 && fields.at(1).toLongLong() == pids.at(i))
                pids.append(pid);
        }
    }
    return -1;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int runs = argc > 1 && args.at(1).toInt() > 0 ? args.at(1).toInt() : 5;
    const qsizetype bigAt = args.indexOf(QStringLiteral("--big"));
    const bool big = bigAt > 0;
    const QString bigHistory = big && bigAt + 1 < args.size()
        ? args.at(bigAt + 1)
        : QDir::tempPath() + QStringLiteral("/jabberwock-bench/history-100k.db");
    if (big) {
        if (auto made = Jw::Bench::ensureProfile(bigHistory, Jw::Bench::ProfileShape {}); !made) {
            std::fprintf(stderr, "%s\n", qPrintable(made.errorMessage()));
            return 1;
        }
    }
    Jw::Test::TestServer server;
    if (!server.start({ QStringLiteral("alice:alice-pw"), QStringLiteral("bob:bob-pw") },
            { QStringLiteral("alice:bob") })) {
        std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
        return 1;
    }
    QTemporaryDir dir;
    QFile pw(dir.filePath(QStringLiteral("pw")));
    pw.open(QIODevice::WriteOnly);
    pw.write("alice-pw\n");
    pw.close();

    const bool wrapped = qEnvironmentVariableIsSet("JW_BENCH_WRAP");
    // JW_BENCH_SLOWDOWN=N: every wait N times as long (under valgrind, say).
    const int slowdown = std::max(1, qEnvironmentVariableIntValue("JW_BENCH_SLOWDOWN"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (env.value(QStringLiteral("DISPLAY")).isEmpty())
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));

    // Starts COMMAND and times the lines it writes to stderr that contain
    // MARKS (ms from start, -1 if not seen), waiting for all of them; with
    // `at10s`, also its resident memory 10 s after start. `theApp`: COMMAND
    // is Jabberwock (under JW_BENCH_WRAP's wrapper, if any), not the floor.
    struct Launch
    {
        QList<double> ms;
        double rssKb = -1; ///< 0.5 s after the last mark: roster and presence settle
        double rss10Kb = -1;
        Residency residency;
        QString log;
    };
    const auto launch = [&](QStringList command, const QStringList &marks, bool at10s, bool theApp) {
        Launch out;
        out.ms.fill(-1, marks.size());
        QProcess p;
        p.setProcessEnvironment(env);
        // The marks come on stderr: wake at them, not at the 50 ms poll.
        p.setReadChannel(QProcess::StandardError);

        QElapsedTimer timer;
        timer.start();
        p.start(command.takeFirst(), command);
        while (timer.elapsed() < 30000 * slowdown && out.ms.contains(-1)) {
            p.waitForReadyRead(50);
            out.log += QString::fromUtf8(p.readAllStandardError());
            for (qsizetype i = 0; i < marks.size(); ++i) {
                if (out.ms.at(i) < 0 && out.log.contains(marks.at(i)))
                    out.ms[i] = double(timer.nsecsElapsed()) / 1e6;
            }
        }
        if (!out.ms.contains(-1)) {
            QThread::msleep(500);
            out.rssKb = double(statusKb(p.processId(), "VmRSS:"));
        }
        if (!out.ms.contains(-1) && at10s) {
            while (timer.elapsed() < 10000 * slowdown)
                QThread::msleep(100);
            out.rss10Kb = double(statusKb(p.processId(), "VmRSS:"));
            out.residency = residency(p.processId());
            // JW_BENCH_SMAPS=PATH (environment): keep the last run's /proc/PID/smaps there.
            // The floor's goes to PATH.floor.
            if (const QString keep = qEnvironmentVariable("JW_BENCH_SMAPS"); !keep.isEmpty()) {
                QFile smaps(QStringLiteral("/proc/%1/smaps").arg(p.processId()));
                QFile file(theApp ? keep : keep + QStringLiteral(".floor"));
                if (smaps.open(QIODevice::ReadOnly) && file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                    file.write(smaps.readAll()); // /proc files report no size: read, not copy
            }
        }
        if (theApp && wrapped) {
            // The wrapper writes its findings when the binary ends: the binary
            // itself is asked to end as a person would (SIGTERM: the same as
            // Quit), since a wrapper (heaptrack's is a shell script) does not
            // pass a signal on; then the wrapper is waited for.
            const qint64 binary = descendantRunning(p.processId(), QStringLiteral(JW_APP_BINARY));
            // JW_BENCH_WRAP_SIGNAL=9: killed instead, so that heaptrack's
            // "leaked" is what was live then (after a quit, everything is freed).
            const int signal = qEnvironmentVariableIsSet("JW_BENCH_WRAP_SIGNAL")
                ? qEnvironmentVariableIntValue("JW_BENCH_WRAP_SIGNAL")
                : SIGTERM;
            ::kill(pid_t(binary > 0 ? binary : p.processId()), signal);
            if (!p.waitForFinished(300000))
                p.kill();
        } else {
            p.kill();
        }
        p.waitForFinished();
        QThread::msleep(1000); // the next start does not share the machine with this one's end
        return out;
    };

    QList<double> windowMs, listMs, onlineMs, rssKb, rss10Kb;
    QList<double> floorPaintMs, clientPaintMs, clientOnlineMs, clientRss10Kb;
    int listRows = -1;
    Residency lastResidency;
    for (int run = 0; run < runs; ++run) {
        // The floor, in the same run: a bare Qt 6 window, then the same with a
        // bare QXmpp client signing in (startup_floor.cpp).
        const QString floorBinary = QStringLiteral(JW_FLOOR_BINARY);
        const Launch bare = launch({ floorBinary }, { QStringLiteral("floor window painted") }, false, false);
        const Launch client = launch({ floorBinary, QStringLiteral("--xmpp"), server.jid(QStringLiteral("bob")),
                                         QStringLiteral("bob-pw"), QStringLiteral("127.0.0.1:%1").arg(server.port()),
                                         server.certificatePath() },
            { QStringLiteral("floor window painted"), QStringLiteral("floor signed in") }, big, false);
        if (bare.ms.contains(-1) || client.ms.contains(-1)) {
            std::fprintf(stderr, "run %d: the floor did not start:\n%s%s\n", run, qPrintable(bare.log),
                qPrintable(client.log));
            return 1;
        }
        floorPaintMs.append(bare.ms.at(0));
        clientPaintMs.append(client.ms.at(0));
        clientOnlineMs.append(client.ms.at(1));
        clientRss10Kb.append(client.rss10Kb);

        const QString profileDir = dir.filePath(QStringLiteral("profile%1").arg(run));
        if (big) {
            const QString history = Jw::Profile(profileDir).historyPath(server.jid(QStringLiteral("alice")));
            QDir().mkpath(QFileInfo(history).absolutePath());
            if (!QFile::copy(bigHistory, history)) {
                std::fprintf(stderr, "cannot copy the history to %s\n", qPrintable(history));
                return 1;
            }
        }
        QStringList command = qEnvironmentVariable("JW_BENCH_WRAP").split(u' ', Qt::SkipEmptyParts);
        command += { QStringLiteral(JW_APP_BINARY), QStringLiteral("--profile"), profileDir, QStringLiteral("--jid"),
            server.jid(QStringLiteral("alice")), QStringLiteral("--password-file"), pw.fileName(),
            QStringLiteral("--server"), QStringLiteral("127.0.0.1:%1").arg(server.port()),
            QStringLiteral("--trust-certificate"), server.certificatePath() };
        const QString listPainted = QStringLiteral("conversation list painted: "); // N rows
        const QStringList marks { QStringLiteral("main window shown"), listPainted, QStringLiteral("signed in as") };
        const Launch jw = launch(command, marks, big, true);
        if (jw.ms.contains(-1)) {
            std::fprintf(stderr, "run %d: did not show its list or sign in:\n%s\n", run, qPrintable(jw.log));
            return 1;
        }
        listRows = jw.log.mid(jw.log.indexOf(listPainted) + listPainted.size()).section(u' ', 0, 0).toInt();
        rssKb.append(jw.rssKb);
        rss10Kb.append(jw.rss10Kb);
        lastResidency = jw.residency;
        windowMs.append(jw.ms.at(0));
        listMs.append(jw.ms.at(1));
        onlineMs.append(jw.ms.at(2));
    }
    const QString display = env.value(QStringLiteral("DISPLAY"));
    std::printf("startup: %s\n",
        display.isEmpty() ? "offscreen (QT_QPA_PLATFORM=offscreen): no icon theme, no X"
                          : qPrintable(QStringLiteral("under the X server at DISPLAY=%1").arg(display)));
    std::printf("startup: %d runs; median start-to-window %.0f ms, start-to-signed-in %.0f ms\n", runs,
        median(windowMs), median(onlineMs));
    std::printf("startup: conversation list first painted at %.0f ms with %d rows in it; the floor, a bare Qt 6 "
                "window's first paint: %.0f ms; ratio %.2fx\n",
        median(listMs), listRows, median(floorPaintMs), median(listMs) / median(floorPaintMs));
    std::printf("startup: the floor with a bare QXmpp client: first paint %.0f ms, signed in %.0f ms\n",
        median(clientPaintMs), median(clientOnlineMs));
    std::printf("startup: median resident memory after sign-in %.1f MiB (min %.1f, max %.1f)\n",
        median(rssKb) / 1024.0, *std::min_element(rssKb.cbegin(), rssKb.cend()) / 1024.0,
        *std::max_element(rssKb.cbegin(), rssKb.cend()) / 1024.0);
    if (big)
        std::printf("startup: with 100 chats and 100,000 messages; median resident memory 10 s after start %.1f MiB; "
                    "the floor with a bare QXmpp client signed in: %.1f MiB\n",
            median(rss10Kb) / 1024.0, median(clientRss10Kb) / 1024.0);
    if (big) {
        std::printf("startup: of it (last run) anonymous %.1f MiB, files %.1f MiB; largest:\n",
            double(lastResidency.anonymousKb) / 1024.0, double(lastResidency.fileKb) / 1024.0);
        for (const auto &[kb, name] : std::as_const(lastResidency.largest))
            std::printf("startup:   %7.1f MiB  %s\n", double(kb) / 1024.0, qPrintable(name));
    }
    return 0;
}
