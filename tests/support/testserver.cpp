#include "testserver.h"

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

using namespace Qt::StringLiterals;

namespace Jw::Test {

namespace {

constexpr int StartTimeoutMs = 30000;
constexpr int StopTimeoutMs = 15000;
constexpr int RegisterTimeoutMs = 30000;
constexpr qsizetype StderrKeep = 16 * 1024;

void keepTail(QByteArray &buffer, const QByteArray &more)
{
    buffer += more;
    if (buffer.size() > StderrKeep)
        buffer.remove(0, buffer.size() - StderrKeep);
}

#ifdef Q_OS_LINUX
void setParentDeathSignal(QProcess &process)
{
    // Runs in the child between fork and exec: only async-signal-safe calls.
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}
#endif

} // namespace

TestServer::Flavour TestServer::flavourFromEnvironment()
{
    return qEnvironmentVariable("JW_TEST_SERVER").compare(u"ejabberd", Qt::CaseInsensitive) == 0
        ? Flavour::Ejabberd
        : Flavour::Prosody;
}

QString TestServer::flavourName(Flavour flavour)
{
    return flavour == Flavour::Ejabberd ? QStringLiteral("ejabberd") : QStringLiteral("prosody");
}

TestServer::TestServer()
    : TestServer(flavourFromEnvironment())
{
}

TestServer::TestServer(Flavour flavour)
    : m_flavour(flavour)
    , m_dir(QDir::tempPath() + QStringLiteral("/jw-") + flavourName(flavour) + QStringLiteral("-XXXXXX"))
{
    if (qEnvironmentVariableIsSet("JW_KEEP_TEST_SERVER"))
        m_dir.setAutoRemove(false);
}

TestServer::~TestServer()
{
    stop();
}

void TestServer::setDomain(const QString &domain)
{
    m_domain = domain;
}

void TestServer::setAllowRegistration(bool allow)
{
    m_allowRegistration = allow;
}

void TestServer::addConfigLine(const QString &line)
{
    m_configLines.append(line);
}

QString TestServer::scriptPath() const
{
    if (m_flavour == Flavour::Ejabberd)
        return QStringLiteral(JW_SOURCE_DIR "/tests/support/ejabberd-server");
    const QString overridden = qEnvironmentVariable("JW_PROSODY_SERVER");
    if (!overridden.isEmpty())
        return overridden;
    return QStringLiteral(JW_SOURCE_DIR "/tests/support/prosody-server");
}

QString TestServer::directory() const
{
    // The temporary directory itself (mode 0700): the script makes it
    // traversable for the server's user when it runs as root; a subdirectory
    // of it would stay closed.
    return m_dir.isValid() ? m_dir.path() : QString();
}

QString TestServer::jid(const QString &user) const
{
    return user + u'@' + m_domain;
}

qint64 TestServer::serverPid() const
{
    QFile file(directory()
        + (m_flavour == Flavour::Ejabberd ? QStringLiteral("/spool/ejabberd.pid") : QStringLiteral("/data/prosody.pid")));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    bool ok = false;
    const qint64 pid = file.readAll().trimmed().toLongLong(&ok);
    return ok ? pid : -1;
}

bool TestServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString TestServer::describeFailure(const QString &what) const
{
    QString text = what;
    const QString err = QString::fromUtf8(m_stderr).trimmed();
    if (!err.isEmpty())
        text += u"\n--- "_s + flavourName(m_flavour) + u"-server said:\n"_s + err;
    return text;
}

void TestServer::collectStandardError()
{
    if (m_process)
        keepTail(m_stderr, m_process->readAllStandardError());
}

bool TestServer::start(const QStringList &users, const QStringList &rosterPairs)
{
    m_error.clear();
    if (isRunning()) {
        m_error = QStringLiteral("the test server is already running");
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot make a temporary directory: ") + m_dir.errorString();
        return false;
    }

    QStringList arguments { QStringLiteral("--dir"), directory(), QStringLiteral("--domain"), m_domain };
    for (const QString &user : users)
        arguments << QStringLiteral("--user") << user;
    for (const QString &pair : rosterPairs)
        arguments << QStringLiteral("--roster") << pair;
    if (m_port != 0)
        arguments << QStringLiteral("--port") << QString::number(m_port);
    if (m_allowRegistration)
        arguments << QStringLiteral("--allow-registration");
    if (m_uploadLimit > 0)
        arguments << QStringLiteral("--http-upload") << QString::number(m_uploadLimit);
    for (const QString &line : std::as_const(m_configLines))
        arguments << QStringLiteral("--config-line") << line;
    if (m_port != 0)
        return launch(arguments);
    // Ports the script picked itself can still be taken between its check and
    // the server's bind (by another test's server): a fresh pick then works.
    for (int attempt = 1;; ++attempt) {
        if (launch(arguments))
            return true;
        const bool portTaken = m_error.contains(u"already in use"_s) || m_error.contains(u"eaddrinuse"_s);
        if (!portTaken || attempt == 3)
            return false;
        qWarning("test server: a port was taken during start-up; trying again with other ports");
    }
}

bool TestServer::restart()
{
    m_error.clear();
    if (!m_started) {
        m_error = QStringLiteral("restart() before start()");
        return false;
    }
    stop();
    QStringList arguments { QStringLiteral("--dir"), directory(), QStringLiteral("--domain"), m_domain,
        QStringLiteral("--port"), QString::number(m_port) };
    if (m_allowRegistration)
        arguments << QStringLiteral("--allow-registration");
    if (m_uploadLimit > 0)
        arguments << QStringLiteral("--http-upload") << QString::number(m_uploadLimit);
    for (const QString &line : std::as_const(m_configLines))
        arguments << QStringLiteral("--config-line") << line;
    return launch(arguments);
}

bool TestServer::launch(const QStringList &arguments)
{
    const QString script = scriptPath();
    if (!QFileInfo(script).isExecutable()) {
        m_error = QStringLiteral("cannot run %1").arg(script);
        return false;
    }

    m_stderr.clear();
    m_process = std::make_unique<QProcess>();
    QProcess &process = *m_process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
    setParentDeathSignal(process);
#endif
    QObject::connect(&process, &QProcess::readyReadStandardError, &process, [this] { collectStandardError(); });

    process.start(script, arguments);
    if (!process.waitForStarted(StartTimeoutMs)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(script, process.errorString());
        m_process.reset();
        return false;
    }

    static const QRegularExpression ready(
        QStringLiteral("^READY port=(\\d+) domain=(\\S+) cert=(.+?)(?: https_port=(\\d+))?$"));
    const QDeadlineTimer deadline(StartTimeoutMs);
    QByteArray stdoutSoFar;
    while (true) {
        while (process.canReadLine()) {
            const QString line = QString::fromUtf8(process.readLine()).trimmed();
            stdoutSoFar += line.toUtf8() + '\n';
            const QRegularExpressionMatch match = ready.match(line);
            if (!match.hasMatch())
                continue;
            m_port = match.captured(1).toUShort();
            m_domain = match.captured(2);
            m_certificatePath = match.captured(3);
            m_httpsPort = match.captured(4).toUShort();
            m_started = true;
            collectStandardError();
            return true;
        }
        if (process.state() == QProcess::NotRunning || deadline.hasExpired())
            break;
        process.waitForReadyRead(int(qMax<qint64>(1, qMin<qint64>(deadline.remainingTime(), 200))));
    }

    const bool timedOut = process.state() != QProcess::NotRunning;
    if (timedOut) {
        process.terminate();
        if (!process.waitForFinished(StopTimeoutMs)) {
            process.kill();
            process.waitForFinished(StopTimeoutMs);
        }
    }
    collectStandardError();
    QString what = timedOut
        ? QStringLiteral("the test server was not ready within %1 s").arg(StartTimeoutMs / 1000)
        : QStringLiteral("the test server exited (status %1) before it was ready").arg(process.exitCode());
    if (!stdoutSoFar.isEmpty())
        what += QStringLiteral("\n--- stdout:\n") + QString::fromUtf8(stdoutSoFar).trimmed();
    m_error = describeFailure(what);
    m_process.reset();
    return false;
}

void TestServer::stop()
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
    collectStandardError();
    m_process.reset();
}

bool TestServer::addUser(const QString &name, const QString &password)
{
    m_error.clear();
    if (!m_started) {
        m_error = QStringLiteral("addUser() before start()");
        return false;
    }
    if (name.isEmpty() || name.contains(u':') || name.contains(u'@') || name.contains(u'/')) {
        m_error = QStringLiteral("invalid user name: %1").arg(name);
        return false;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(scriptPath(),
        { QStringLiteral("--dir"), directory(), QStringLiteral("--register"), name + u':' + password });
    if (!process.waitForFinished(RegisterTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        m_error = QStringLiteral("registering %1 did not finish: %2").arg(jid(name), process.errorString());
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = QStringLiteral("registering %1 failed:\n%2")
                      .arg(jid(name), QString::fromUtf8(process.readAll()).trimmed());
        return false;
    }
    return true;
}

} // namespace Jw::Test
