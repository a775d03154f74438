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

QByteArray reply(char status)
{
    return QByteArray(Magic, MagicSize) + char(InstanceChannel::Version) + status;
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

Expected<InstanceChannel::Role> InstanceChannel::claim(const QString &link)
{
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
        auto handed = handOver(link);
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

Expected<bool> InstanceChannel::handOver(const QString &link)
{
    QLocalSocket socket;
    socket.connectToServer(m_socketPath);
    const bool connected = waitFor(
        &socket,
        [&socket] {
            return socket.state() == QLocalSocket::ConnectedState
                || socket.state() == QLocalSocket::UnconnectedState;
        },
        PatienceMs);
    if (!connected || socket.state() != QLocalSocket::ConnectedState)
        return false;

    const QByteArray payload = link.toUtf8();
    QByteArray request(Magic, MagicSize);
    request += char(Version);
    char length[4];
    qToBigEndian(quint32(payload.size()), length);
    request += QByteArray(length, 4);
    request += payload;
    socket.write(request);

    QByteArray answer;
    waitFor(
        &socket,
        [&] {
            answer += socket.readAll();
            return answer.size() >= ReplySize || socket.state() == QLocalSocket::UnconnectedState;
        },
        AnswerMs);
    if (answer.size() < ReplySize)
        return Error { tr("Jabberwock is already running for this profile but did not answer.") };
    if (answer != reply(Taken))
        return Error { tr("The Jabberwock already running for this profile refused the request.") };
    return true;
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
    const auto answer = [socket](char status, const char *why) {
        if (status == Refused)
            qWarning("refused a request from another start: %s", why);
        socket->write(reply(status));
        socket->disconnectFromServer();
        return true;
    };
    // Never more than one request and its header.
    buffer += socket->read(RequestHeaderSize + MaxRequestBytes + 1 - buffer.size());
    if (buffer.size() < RequestHeaderSize) {
        if (!QByteArray(Magic, MagicSize).startsWith(buffer.left(MagicSize)))
            return answer(Refused, "not a Jabberwock request");
        return false;
    }
    if (!buffer.startsWith(QByteArray(Magic, MagicSize)))
        return answer(Refused, "not a Jabberwock request");
    if (quint8(buffer.at(MagicSize)) != Version)
        return answer(Refused, "another version");
    const quint32 length = qFromBigEndian<quint32>(buffer.constData() + MagicSize + 1);
    if (length > MaxRequestBytes)
        return answer(Refused, "too long");
    if (buffer.size() < RequestHeaderSize + qsizetype(length))
        return false;
    if (buffer.size() > RequestHeaderSize + qsizetype(length) || socket->bytesAvailable() > 0)
        return answer(Refused, "bytes after the request");

    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString link = utf8.decode(QByteArrayView(buffer).mid(RequestHeaderSize));
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
    QMetaObject::invokeMethod(
        this, [this, request] { Q_EMIT requested(request); }, Qt::QueuedConnection);
    return true;
}

} // namespace Jw
