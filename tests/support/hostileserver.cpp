#include "hostileserver.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

#ifndef JW_SOURCE_DIR
#error "JW_SOURCE_DIR (the source tree root) must be defined"
#endif

namespace Jw::Test {

namespace {

constexpr int StartTimeoutMs = 30000;
constexpr int StopTimeoutMs = 15000;

QString authArgument(HostileServer::Auth auth)
{
    switch (auth) {
    case HostileServer::Auth::Normal:
        break;
    case HostileServer::Auth::NoMechanisms:
        return QStringLiteral("no-mechanisms");
    case HostileServer::Auth::SuccessWithoutSignature:
        return QStringLiteral("success-without-signature");
    case HostileServer::Auth::BadSignature:
        return QStringLiteral("bad-signature");
    }
    return QStringLiteral("normal");
}

} // namespace

HostileServer::HostileServer()
    : m_dir(QDir::tempPath() + QStringLiteral("/jw-hostile-XXXXXX"))
{
    if (qEnvironmentVariableIsSet("JW_KEEP_TEST_SERVER"))
        m_dir.setAutoRemove(false);
}

HostileServer::~HostileServer()
{
    stop();
}

QString HostileServer::scriptPath() const
{
    return QStringLiteral(JW_SOURCE_DIR "/tests/support/hostile-server");
}

bool HostileServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool HostileServer::start(const QStringList &users, const QStringList &contacts)
{
    m_error.clear();
    if (isRunning()) {
        m_error = QStringLiteral("the hostile server is already running");
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot make a temporary directory: ") + m_dir.errorString();
        return false;
    }
    const QString script = scriptPath();
    if (!QFileInfo(script).isExecutable()) {
        m_error = QStringLiteral("cannot run %1").arg(script);
        return false;
    }

    QStringList arguments { QStringLiteral("--dir"), directory(), QStringLiteral("--domain"), m_domain,
        QStringLiteral("--auth"), authArgument(m_auth), QStringLiteral("--sm"),
        m_streamManagement ? QStringLiteral("on") : QStringLiteral("off") };
    for (const QString &user : users)
        arguments << QStringLiteral("--user") << user;
    for (const QString &contact : contacts)
        arguments << QStringLiteral("--contact") << contact;
    if (!m_script.isEmpty()) {
        QFile file(directory() + QStringLiteral("/script"));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(m_script.join(u'\n').toUtf8() + '\n') < 0) {
            m_error = QStringLiteral("cannot write the script: ") + file.errorString();
            return false;
        }
        arguments << QStringLiteral("--script") << file.fileName();
    }

    m_process = std::make_unique<QProcess>();
    QProcess &process = *m_process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel); // its complaints land in the test's log
    process.setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
    // Runs in the child between fork and exec: only async-signal-safe calls.
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    process.start(script, arguments);
    if (!process.waitForStarted(StartTimeoutMs)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(script, process.errorString());
        m_process.reset();
        return false;
    }

    static const QRegularExpression ready(QStringLiteral("^READY port=(\\d+) domain=(\\S+) cert=(.+)$"));
    const QDeadlineTimer deadline(StartTimeoutMs);
    QByteArray said;
    while (process.state() != QProcess::NotRunning && !deadline.hasExpired()) {
        while (process.canReadLine()) {
            const QString line = QString::fromUtf8(process.readLine()).trimmed();
            said += line.toUtf8() + '\n';
            const QRegularExpressionMatch match = ready.match(line);
            if (!match.hasMatch())
                continue;
            m_port = match.captured(1).toUShort();
            m_domain = match.captured(2);
            m_certificatePath = match.captured(3);
            return true;
        }
        process.waitForReadyRead(int(qBound(qint64(1), deadline.remainingTime(), qint64(200))));
    }
    m_error = process.state() == QProcess::NotRunning
        ? QStringLiteral("the hostile server exited (status %1) before it was ready").arg(process.exitCode())
        : QStringLiteral("the hostile server was not ready within %1 s").arg(StartTimeoutMs / 1000);
    if (!said.isEmpty())
        m_error += QStringLiteral("\n--- stdout:\n") + QString::fromUtf8(said).trimmed();
    stop();
    return false;
}

void HostileServer::stop()
{
    if (!m_process)
        return;
    QProcess &process = *m_process;
    if (process.state() != QProcess::NotRunning) {
        process.terminate();
        if (!process.waitForFinished(StopTimeoutMs)) {
            process.kill();
            process.waitForFinished(StopTimeoutMs);
        }
    }
    m_process.reset();
}

QByteArray HostileServer::readFile(const QString &name) const
{
    QFile file(directory() + u'/' + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int HostileServer::connectionCount() const
{
    return int(readFile(QStringLiteral("connections.log")).count('\n'));
}

QByteArray HostileServer::clientLog() const
{
    return readFile(QStringLiteral("client.log"));
}

} // namespace Jw::Test
