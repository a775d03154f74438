// The real binary's start-up: time from process start to the main window
// being shown and to "signed in", and memory (resident set) after sign-in.
// Runs against a private Prosody on loopback, offscreen unless DISPLAY is set.

#include "testserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

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

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 5;
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

    QList<double> windowMs, onlineMs, rssKb;
    for (int run = 0; run < runs; ++run) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (env.value(QStringLiteral("DISPLAY")).isEmpty())
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        QElapsedTimer timer;
        timer.start();
        p.start(QStringLiteral(JW_APP_BINARY),
            { QStringLiteral("--profile"), dir.filePath(QStringLiteral("profile%1").arg(run)), QStringLiteral("--jid"),
                server.jid(QStringLiteral("alice")), QStringLiteral("--password-file"), pw.fileName(),
                QStringLiteral("--server"), QStringLiteral("127.0.0.1:%1").arg(server.port()),
                QStringLiteral("--trust-certificate"), server.certificatePath() });
        QString log;
        double shown = -1, online = -1;
        while (timer.elapsed() < 30000 && online < 0) {
            p.waitForReadyRead(50);
            log += QString::fromUtf8(p.readAllStandardError());
            if (shown < 0 && log.contains(QStringLiteral("main window shown")))
                shown = double(timer.nsecsElapsed()) / 1e6;
            if (log.contains(QStringLiteral("signed in as")))
                online = double(timer.nsecsElapsed()) / 1e6;
        }
        if (online < 0) {
            std::fprintf(stderr, "run %d: did not sign in:\n%s\n", run, qPrintable(log));
            return 1;
        }
        QThread::msleep(500); // roster and presence settle
        rssKb.append(double(statusKb(p.processId(), "VmRSS:")));
        windowMs.append(shown);
        onlineMs.append(online);
        p.kill();
        p.waitForFinished();
    }
    std::printf("startup: %d runs; median start-to-window %.0f ms, start-to-signed-in %.0f ms\n", runs,
        median(windowMs), median(onlineMs));
    std::printf("startup: median resident memory after sign-in %.1f MiB (min %.1f, max %.1f)\n",
        median(rssKb) / 1024.0, *std::min_element(rssKb.cbegin(), rssKb.cend()) / 1024.0,
        *std::max_element(rssKb.cbegin(), rssKb.cend()) / 1024.0);
    return 0;
}
