#include "instancechannel.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTimer>
#include <QtEndian>

#include <algorithm>
#include <functional>
#include <memory>

namespace Jw {
namespace {

constexpr char Magic[] = "JWKI";
constexpr qsizetype MagicSize = 4;
constexpr qsizetype RequestHeaderSize = MagicSize + 1 + 4;
constexpr qsizetype ReplySize = MagicSize + 1 + 1;
constexpr char Taken = 0;
constexpr char Refused = 1;

/// How long a later start waits for the running instance to listen (it may
/// be starting too), to connect, and for its answer.
constexpr int PatienceMs = 3000;
constexpr int AnswerMs = 5000;
/// A connection that has not sent its request by then is closed.
constexpr int RequestMs = 5000;

/// Runs the event loop until `done` or `ms` passed; what `socket` does wakes it.
/// The event loop, not waitFor…(): in one process (tests) the listener must run too.
bool waitFor(QLocalSocket *socket, const std::function<bool()> &done, int ms)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(socket, &QLocalSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(socket, &QLocalSocket::readyRead, &loop, &QEventLoop::quit);
    QObject::connect(socket, &QLocalSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(socket, &QLocalSocket::errorOccurred, &loop, &QEventLoop::quit);
    timer.start(ms);
    while (!done() && timer.isActive())
        loop.exec();
    return done();
}

/// Lets the event loop run for `ms`.
void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

QByteArray reply(char status, quint8 version = InstanceChannel::Version)
{
    return QByteArray(Magic, MagicSize) + char(version) + status;
}

} // namespace

InstanceChannel::InstanceChannel(const QString &profileDir, QObject *parent)
    : QObject(parent)
    , m_socketPath(socketPath(profileDir))
    , m_lock(std::make_unique<QLockFile>(m_socketPath + QStringLiteral(".lock")))
{
    // Only a dead process's lock is stale, never an old one: an instance runs for weeks.
    m_lock->setStaleLockTime(0);
}

InstanceChannel::~InstanceChannel()
{
    if (m_server)
        m_server->close(); // removes the socket before the lock goes
}

QString InstanceChannel::socketPath(const QString &profileDir)
{
    QFileInfo info(profileDir);
    const QString canonical = info.canonicalFilePath();
    const QString path = canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
    const QByteArray hash
        = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty())
        dir = path; // the profile is the person's too
    return QDir(dir).filePath(QStringLiteral("jabberwock-%1.socket").arg(QString::fromLatin1(hash)));
}

bool InstanceChannel::isListening() const
{
    return m_server && m_server->isListening();
}

bool InstanceChannel::isActivationToken(const QByteArray &token)
{
    if (token.isEmpty() || token.size() > MaxActivationTokenBytes)
        return false;
    return std::all_of(token.cbegin(), token.cend(), [](char c) { return c > 0x20 && c < 0x7f; });
}

Expected<InstanceChannel::Role> InstanceChannel::claim(const QString &link, const QString &activationToken)
{
    QByteArray token = activationToken.toLatin1();
    if (!token.isEmpty() && (!isActivationToken(token) || activationToken.size() != token.size())) {
        qWarning("not an activation token: the running instance is asked without one");
        token.clear();
    }
    const QDeadlineTimer patience(PatienceMs);
    while (true) {
        if (m_lock->tryLock(0)) {
            listen();
            return Role::Running;
        }
        if (m_lock->error() != QLockFile::LockFailedError) {
            qWarning("cannot lock %s: running without checking for another instance",
                qPrintable(m_lock->fileName()));
            return Role::Running;
        }
        auto handed = handOver(link, token);
        if (!handed)
            return handed.error();
        if (handed.value())
            return Role::HandedOver;
        if (patience.hasExpired()) {
            qint64 pid = 0;
            QString host, application;
            m_lock->getLockInfo(&pid, &host, &application);
            return Error { tr(
                "Jabberwock is already running for this profile (process %1) but does not answer. "
                "Close it, or start with another --profile.")
                               .arg(pid) };
        }
        pause(100); // it may be starting: try again
    }
}

Expected<bool> InstanceChannel::handOver(const QString &link, const QByteArray &token)
{
    bool connected = false;
    QByteArray answer = send(link, token, Version, &connected);
    if (!connected)
        return false;
    // A running instance from before version 2 (updated while it ran):
    // the same request in its version, which has no room for the token.
    if (answer == reply(Refused, OldestVersion)) {
        answer = send(link, {}, OldestVersion, &connected);
        if (!connected)
            return false;
        if (answer == reply(Taken, OldestVersion))
            return true;
    }
    if (answer.size() < ReplySize)
        return Error { tr("Jabberwock is already running for this profile but did not answer.") };
    if (answer != reply(Taken))
        return Error { tr("The Jabberwock already running for this profile refused the request.") };
    return true;
}

QByteArray InstanceChannel::send(
    const QString &link, const QByteArray &token, quint8 version, bool *connected)
{
    QLocalSocket socket;
    socket.connectToServer(m_socketPath);
    waitFor(
        &socket,
        [&socket] {
            return socket.state() == QLocalSocket::ConnectedState
                || socket.state() == QLocalSocket::UnconnectedState;
        },
        PatienceMs);
    *connected = socket.state() == QLocalSocket::ConnectedState;
    if (!*connected)
        return {};

    const QByteArray payload = link.toUtf8();
    QByteArray request(Magic, MagicSize);
    request += char(version);
    char length[4];
    qToBigEndian(quint32(payload.size()), length);
    request += QByteArray(length, 4);
    request += payload;
    if (version >= 2) {
        char tokenLength[2];
        qToBigEndian(quint16(token.size()), tokenLength);
        request += QByteArray(tokenLength, 2);
        request += token;
    }
    socket.write(request);

    QByteArray answer;
    waitFor(
        &socket,
        [&] {
            answer += socket.readAll();
            return answer.size() >= ReplySize || socket.state() == QLocalSocket::UnconnectedState;
        },
        AnswerMs);
    return answer;
}

void InstanceChannel::listen()
{
    // We hold the lock: a socket there was left by an instance that crashed.
    QLocalServer::removeServer(m_socketPath);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_socketPath)) {
        qWarning("cannot listen on %s (%s): a second start will not find this one", qPrintable(m_socketPath),
            qPrintable(m_server->errorString()));
        return;
    }
    connect(m_server, &QLocalServer::newConnection, this, &InstanceChannel::accept);
}

void InstanceChannel::accept()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(RequestMs, socket, &QLocalSocket::abort);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QLocalSocket::readyRead, this, [this, socket, buffer] {
            if (serve(socket, *buffer))
                disconnect(socket, &QLocalSocket::readyRead, this, nullptr);
        });
        if (socket->bytesAvailable() > 0 && serve(socket, *buffer))
            disconnect(socket, &QLocalSocket::readyRead, this, nullptr);
    }
}

bool InstanceChannel::serve(QLocalSocket *socket, QByteArray &buffer)
{
    quint8 version = Version; // of the reply: the request's, once known
    const auto answer = [socket, &version](char status, const char *why) {
        if (status == Refused)
            qWarning("refused a request from another start: %s", why);
        socket->write(reply(status, version));
        socket->disconnectFromServer();
        return true;
    };
    // Never more than one request of the longest kind.
    constexpr qint64 MostBytes = RequestHeaderSize + MaxRequestBytes + 2 + MaxActivationTokenBytes;
    buffer += socket->read(MostBytes + 1 - buffer.size());
    if (buffer.size() < RequestHeaderSize) {
        if (!QByteArray(Magic, MagicSize).startsWith(buffer.left(MagicSize)))
            return answer(Refused, "not a Jabberwock request");
        return false;
    }
    if (!buffer.startsWith(QByteArray(Magic, MagicSize)))
        return answer(Refused, "not a Jabberwock request");
    const quint8 asked = quint8(buffer.at(MagicSize));
    if (asked < OldestVersion || asked > Version)
        return answer(Refused, "another version");
    version = asked;
    const quint32 length = qFromBigEndian<quint32>(buffer.constData() + MagicSize + 1);
    if (length > MaxRequestBytes)
        return answer(Refused, "too long");
    qsizetype end = RequestHeaderSize + qsizetype(length);
    if (buffer.size() < end)
        return false;
    QByteArray token;
    if (version >= 2) {
        if (buffer.size() < end + 2)
            return false;
        const quint16 tokenLength = qFromBigEndian<quint16>(buffer.constData() + end);
        if (tokenLength > MaxActivationTokenBytes)
            return answer(Refused, "activation token too long");
        if (buffer.size() < end + 2 + tokenLength)
            return false;
        token = buffer.mid(end + 2, tokenLength);
        if (!token.isEmpty() && !isActivationToken(token))
            return answer(Refused, "not an activation token");
        end += 2 + tokenLength;
    }
    if (buffer.size() > end || socket->bytesAvailable() > 0)
        return answer(Refused, "bytes after the request");

    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString link = utf8.decode(QByteArrayView(buffer).mid(RequestHeaderSize, length));
    if (utf8.hasError())
        return answer(Refused, "not UTF-8");
    XmppUri request;
    if (!link.isEmpty()) {
        // The same parser as the command line: the bytes came from outside.
        auto parsed = parseXmppUri(link);
        if (!parsed)
            return answer(Refused, qPrintable(parsed.errorMessage()));
        request = parsed.value();
    }
    answer(Taken, nullptr);
    // After the answer, and not from inside the socket's signal.
    const QString activationToken = QString::fromLatin1(token);
    QMetaObject::invokeMethod(
        this, [this, request, activationToken] { Q_EMIT requested(request, activationToken); },
        Qt::QueuedConnection);
    return true;
}

} // namespace Jw
