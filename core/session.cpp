#include "session.h"

#include "address.h"
#include "infogate.h"
#include "stanzacheck.h"
#include "transport.h"

#include <QXmppAuthenticationError.h>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppMessage.h>
#include <QXmppPresence.h>
#include <QXmppStreamError.h>
#include <QXmppTask.h>
#include <QXmppVersionManager.h>

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QNetworkProxy>
#include <QRandomGenerator>
#include <QSslSocket>

namespace Jw {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::Session", text);
}

// Issue 19: QXmpp reads everything its socket holds at once and handles every
// stanza in it before the event loop turns again. During a catch-up that was
// hundreds of kilobytes per read, 24–48 ms with the window frozen. A bounded
// read buffer makes one turn handle at most this much; the rest waits in the
// kernel (the guard's connection is local) for the next turn. The guard
// re-encodes the stream, so a read that ends inside a character is harmless
// (docs/text-integrity.md).
constexpr qint64 QXmppReadChunk = 32 * 1024;

SessionError socketError(QAbstractSocket::SocketError error, const QString &host, const QString &detail)
{
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        return { SessionError::Kind::ServerUnreachable,
            tr("The server %1 could not be found. Check the address, or the server name in the account "
               "settings.")
                .arg(host) };
    case QAbstractSocket::ConnectionRefusedError:
        return { SessionError::Kind::ServerUnreachable,
            tr("The server %1 refused the connection. It may be down, or the port may be wrong.").arg(host) };
    case QAbstractSocket::SocketTimeoutError:
    case QAbstractSocket::NetworkError:
        return { SessionError::Kind::ServerUnreachable,
            tr("The server %1 cannot be reached. Check your network connection.").arg(host) };
    case QAbstractSocket::RemoteHostClosedError:
        return { SessionError::Kind::ConnectionLost, tr("The server %1 closed the connection.").arg(host) };
    default:
        return { SessionError::Kind::ConnectionLost,
            tr("The connection to %1 failed: %2").arg(host, detail) };
    }
}

} // namespace

/// The feature classes' side of the session (core/transport.h).
class SessionTransport final : public Transport
{
public:
    explicit SessionTransport(Session *session)
        : Transport(session)
        , m_session(session)
    {
    }

    QString accountJid() const override { return bareOf(m_session->m_settings.jid); }
    bool isOnline() const override { return m_session->m_state == Session::State::Online; }
    QXmppClient *client() const override { return m_session->m_client.get(); }
    void addFirstInLine(QXmppClientExtension *extension) override
    {
        // After StanzaCheck and InfoGate (0 and 1), before QXmpp's managers.
        m_session->m_client->insertExtension(2, extension);
    }
    QXmppTask<QXmpp::SendResult> send(QXmppMessage &&message) override
    {
        return m_session->m_client->send(std::move(message));
    }

private:
    Session *const m_session;
};

QString randomResource()
{
    // Names no device and is no fixed string a stranger could match on.
    return QStringLiteral("jabberwock-%1")
        .arg(QRandomGenerator::system()->generate64() & 0xffffffffffULL, 10, 36, QChar(u'0'));
}

QString fingerprint(const QSslCertificate &certificate)
{
    const QByteArray digest = certificate.digest(QCryptographicHash::Sha256).toHex().toUpper();
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < digest.size(); i += 2)
        pairs.append(QString::fromLatin1(digest.mid(i, 2)));
    return pairs.join(u':');
}

ReconnectPolicy::ReconnectPolicy(int firstSeconds, int capSeconds)
    : m_first(firstSeconds)
    , m_cap(capSeconds)
{
}

int ReconnectPolicy::nextDelaySeconds()
{
    const int shift = std::min(m_attempt, 16);
    ++m_attempt;
    const qint64 delay = qint64(m_first) << shift;
    return int(std::min<qint64>(delay, m_cap));
}

Session::Session(QObject *parent)
    : Connection(parent)
    , m_transport(new SessionTransport(this))
{
    qRegisterMetaType<Jw::SessionError>();
    qRegisterMetaType<Jw::Message>();
    qRegisterMetaType<Jw::Contact>();
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Session::startConnecting);
    m_stableTimer.setSingleShot(true);
    m_stableTimer.setInterval(StableSeconds * 1000);
    connect(&m_stableTimer, &QTimer::timeout, this, [this] { m_reconnectPolicy.reset(); });
    makeClient();
}

void Session::makeClient()
{
    if (m_client) {
        // Whatever the old client still holds unacknowledged is reported as
        // not sent (QXmpp finishes those tasks as it goes): it stays queued.
        m_client->disconnect(this);
        m_client.reset();
    }
    m_client = std::make_unique<QXmppClient>();
    // First in line: the door (malformed addresses and untrusted delays),
    // then what strangers may learn; the features' extensions come after.
    m_infoGate = new InfoGate([this](const QString &bareJid) { return m_isContact && m_isContact(bareJid); });
    m_client->insertExtension(0, m_infoGate);
    m_stanzaCheck = new StanzaCheck;
    m_client->insertExtension(0, m_stanzaCheck);
    if (auto *version = m_client->findExtension<QXmppVersionManager>()) {
        // For contacts only (InfoGate), and never the operating system.
        version->setClientName(QStringLiteral("Jabberwock"));
        version->setClientVersion(QStringLiteral(JABBERWOCK_VERSION));
        version->setClientOs(QString());
    }
    connect(m_client.get(), &QXmppClient::connected, this, &Session::onConnected);
    connect(m_client.get(), &QXmppClient::disconnected, this, &Session::onDisconnected);
    connect(m_client.get(), &QXmppClient::errorOccurred, this, &Session::onError);
    connect(m_client.get(), &QXmppClient::messageReceived, m_transport, &Transport::messageReceived);
    if (auto *socket = m_client->findChild<QSslSocket *>()) {
        // Set on each connection, through QSslSocket (the setter is not
        // virtual): the plain socket inside it, which holds the buffer,
        // exists only once it connects.
        connect(socket, &QSslSocket::connected, socket,
            [socket] { socket->setReadBufferSize(QXmppReadChunk); });
    }
    Q_EMIT m_transport->clientReplaced(m_client.get());
}

Transport *Session::transport() const
{
    return m_transport;
}

void Session::setContactRule(std::function<bool(const QString &)> isContact)
{
    m_isContact = std::move(isContact);
}

Session::~Session()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    m_stableTimer.stop();
    m_client->disconnect(this);
    m_client->disconnectFromServer();
    // As in disconnectFromServer(): the closing </stream:stream> must be out
    // of QXmpp's socket before it is destroyed, for the guard to pass it on.
    if (auto *socket = m_client->findChild<QAbstractSocket *>())
        socket->flush();
}

void Session::connectToServer(const ConnectionSettings &settings)
{
    m_settings = settings;
    m_wanted = true;
    m_reconnectPolicy.reset();
    if (m_presence == PresenceStatus::Offline)
        m_presence = PresenceStatus::Available;
    startConnecting();
}

void Session::startConnecting()
{
    m_reconnectTimer.stop();
    m_stableTimer.stop();
    if (!m_wanted)
        return;
    const auto address = parseAddress(m_settings.jid);
    if (!address || address->local.isEmpty()) {
        m_lastError = { SessionError::Kind::MalformedAddress,
            address ? tr("“%1” is not an account address: it looks like name@example.org.").arg(m_settings.jid)
                    : address.error().message };
        m_wanted = false;
        setState(State::Error);
        Q_EMIT errorOccurred(m_lastError);
        return;
    }

    // Issue 8: QXmpp 1.10 decodes every socket read on its own, so a
    // character split across two reads arrives as U+FFFD. QXmpp therefore
    // talks to a StreamGuard on 127.0.0.1, a fresh one per attempt; the
    // guard owns TLS to the server (required, verified, pinned certificates)
    // and hands QXmpp a stream it cannot damage. See docs/text-integrity.md.
    if (m_guard) {
        m_guard->disconnect(this);
        m_guard->deleteLater();
        m_guard = nullptr;
    }
    m_attemptFailed = false;
    StreamGuard::Server server;
    server.domain = address->domain;
    server.host = m_settings.host;
    server.port = m_settings.port;
    server.pinnedCertificates = m_settings.pinnedCertificates;
    server.password = m_settings.password; // the server must prove it knows it
    if (!m_redirectHost.isEmpty()) {
        // <see-other-host/>: this attempt only; the certificate must still
        // match the account's domain (RFC 6120 §4.9.3.19).
        server.host = std::exchange(m_redirectHost, QString());
        server.port = std::exchange(m_redirectPort, quint16(0));
    } else {
        m_redirects = 0;
    }
    m_guard = new StreamGuard(server, this);
    connect(m_guard, &StreamGuard::failed, this, &Session::onGuardFailed);
    setState(State::Connecting);
    if (!m_guard->start()) {
        StreamGuard::Failure failure;
        failure.kind = StreamGuard::Failure::Kind::Socket;
        failure.detail = m_guard->errorString();
        onGuardFailed(failure);
        return;
    }

    m_stanzaCheck->setAccount(address->bare());
    m_infoGate->setAccount(address->bare());
    if (m_settings.resource.isEmpty())
        m_settings.resource = randomResource();

    QXmppConfiguration config;
    config.setJid(address->bare());
    config.setPassword(m_settings.password);
    config.setResource(m_settings.resource);
    config.setHost(QStringLiteral("127.0.0.1"));
    config.setPort(m_guard->localPort());
    config.setNetworkProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    // TLS is the guard's, so QXmpp sees none. QXmpp 1.10 does not refuse
    // SASL without TLS (the server, behind the guard's TLS, offers it), keeps
    // PLAIN off by default, and implements no channel binding; the *-PLUS
    // mechanisms stay off all the same, as QXmpp's channel is not the TLS one.
    config.setStreamSecurityMode(QXmppConfiguration::TLSDisabled);
    // Only SCRAM proves that the server knows the password (the guard's
    // SignInCheck insists on it): the others stay off, so a server offering
    // only those is told apart from one that pretends.
    config.setDisabledSaslMechanisms({ QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-1-PLUS"),
        QStringLiteral("SCRAM-SHA-256-PLUS"), QStringLiteral("SCRAM-SHA-512-PLUS"),
        QStringLiteral("SCRAM-SHA3-512-PLUS"), QStringLiteral("DIGEST-MD5"), QStringLiteral("ANONYMOUS"),
        QStringLiteral("X-FACEBOOK-PLATFORM"), QStringLiteral("X-MESSENGER-OAUTH2"), QStringLiteral("X-OAUTH2") });
    config.setUseNonSASLAuthentication(false);
    // QXmpp 1.10 prefers SASL2 + Bind 2; see docs/offline-delivery.md.
    config.setUseSasl2Authentication(m_settings.useSasl2);
    config.setAutoReconnectionEnabled(false); // ours, with back-off and a reason
    config.setAutoAcceptSubscriptions(false);
    config.setKeepAliveInterval(std::max(1, m_settings.keepAliveIntervalSeconds));
    config.setKeepAliveTimeout(std::max(1, m_settings.keepAliveTimeoutSeconds));

    m_client->connectToServer(config, ownPresence());
}

void Session::disconnectFromServer()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    m_stableTimer.stop();
    m_client->disconnectFromServer();
    // QXmpp's closing </stream:stream> may still wait in its socket's buffer
    // for an event loop turn that never comes when we are destroyed next:
    // the guard would then close without it, and the server would hold the
    // session for resumption (taking the account's messages) instead of
    // ending it.
    if (auto *socket = m_client->findChild<QAbstractSocket *>())
        socket->flush();
    if (m_state != State::Error)
        setState(State::Offline);
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    const bool wasOnline = m_state == State::Online;
    m_state = state;
    if (wasOnline != (state == State::Online))
        Q_EMIT m_transport->onlineChanged(!wasOnline);
    Q_EMIT stateChanged(state);
}

void Session::onConnected()
{
    m_reconnectTimer.stop();
    // Not reset yet: a server that takes every sign-in and drops it at once
    // would otherwise be reconnected to every second, for ever.
    m_stableTimer.start();
    m_lastError = SessionError();
    setState(State::Online);
}

void Session::onDisconnected()
{
    m_stableTimer.stop();
    if (m_state == State::Error)
        return;
    if (m_wanted) {
        if (m_reconnectTimer.isActive())
            return;
        if (m_lastError.kind == SessionError::Kind::None) {
            m_lastError = { SessionError::Kind::ConnectionLost, tr("The connection to the server was lost.") };
            Q_EMIT errorOccurred(m_lastError);
        }
        scheduleReconnect();
        return;
    }
    setState(State::Offline);
}

void Session::scheduleReconnect()
{
    m_stableTimer.stop();
    const int delay = m_reconnectPolicy.nextDelaySeconds();
    setState(State::Connecting);
    m_reconnectTimer.start(delay * 1000);
    Q_EMIT reconnectScheduled(delay);
}

void Session::reconnectNow()
{
    if (m_wanted && m_reconnectTimer.isActive())
        startConnecting();
}

int Session::secondsUntilReconnect() const
{
    return m_reconnectTimer.isActive() ? (m_reconnectTimer.remainingTime() + 999) / 1000 : -1;
}

void Session::onError(const QXmppError &error)
{
    if (m_attemptFailed)
        return; // the guard already said why (QXmpp only saw its loopback connection close)
    const QString host = m_settings.host.isEmpty() ? parseAddress(m_settings.jid)->domain : m_settings.host;
    SessionError described;
    if (auto auth = error.value<QXmpp::AuthenticationError>()) {
        switch (auth->type) {
        case QXmpp::AuthenticationError::NotAuthorized:
            described = { SessionError::Kind::WrongPassword,
                tr("The server did not accept the password for %1.").arg(m_settings.jid) };
            break;
        case QXmpp::AuthenticationError::AccountDisabled:
            described = { SessionError::Kind::AccountUnusable,
                tr("The account %1 is disabled on its server.").arg(m_settings.jid) };
            break;
        case QXmpp::AuthenticationError::CredentialsExpired:
            described = { SessionError::Kind::AccountUnusable,
                tr("The password for %1 has expired. Change it with your provider.").arg(m_settings.jid) };
            break;
        case QXmpp::AuthenticationError::EncryptionRequired:
        case QXmpp::AuthenticationError::MechanismMismatch:
            described = { SessionError::Kind::AccountUnusable,
                tr("The server offers no safe way to sign in (%1).").arg(auth->text) };
            break;
        default:
            described = { SessionError::Kind::AccountUnusable,
                tr("Signing in failed: %1").arg(auth->text.isEmpty() ? error.description : auth->text) };
        }
    } else if (auto socketFailure = error.value<QAbstractSocket::SocketError>()) {
        // QXmpp's socket is the loopback one to the guard: TLS and the
        // server's address are the guard's (onGuardFailed).
        described = socketError(*socketFailure, host, error.description);
    } else if (error.holdsType<QXmpp::TimeoutError>()) {
        // No answer to a keep-alive: the network stalled or the server hangs.
        described = { SessionError::Kind::ConnectionLost,
            tr("The server %1 stopped answering.").arg(host) };
    } else if (auto stream = error.value<QXmpp::StreamError>()) {
        if (*stream == QXmpp::StreamError::HostUnknown) {
            described = { SessionError::Kind::AccountUnusable,
                tr("The server at %1 does not serve the domain of %2.").arg(host, m_settings.jid) };
        } else if (*stream == QXmpp::StreamError::Conflict) {
            described = { SessionError::Kind::ConnectionLost,
                tr("Another client signed in with the same device name and took over this connection.") };
        } else {
            described = { SessionError::Kind::ConnectionLost,
                tr("The server ended the connection: %1").arg(error.description) };
        }
    } else {
        described = { SessionError::Kind::Other, tr("The connection failed: %1").arg(error.description) };
    }
    failAttempt(described);
}

void Session::onGuardFailed(const StreamGuard::Failure &failure)
{
    m_attemptFailed = true;
    if (!m_wanted)
        return;
    if (failure.kind == StreamGuard::Failure::Kind::ResumeFailed) {
        // XEP-0198: the server forgot our stream (it restarted, or we were
        // away longer than it waits). QXmpp 1.10 would open a new stream and
        // resend everything it never saw acknowledged, ignoring what the
        // server says it received: the receiver could get a message twice.
        // So QXmpp never hears of it: its client is replaced, which reports
        // those messages as not sent (they stay queued), and a new stream
        // starts after the usual back-off (a server that refuses at every
        // sign-in must not be hammered). After the catch-up the archive shows
        // which of them the server has; Messenger's outbox sends the rest, once.
        makeClient();
        if (!m_reconnectTimer.isActive())
            scheduleReconnect();
        return;
    }
    const QString host = m_settings.host.isEmpty() ? parseAddress(m_settings.jid)->domain : m_settings.host;
    SessionError described;
    switch (failure.kind) {
    case StreamGuard::Failure::Kind::Socket:
        described = socketError(failure.socketError, host, failure.detail);
        break;
    case StreamGuard::Failure::Kind::Certificate: {
        QStringList reasons;
        for (const QSslError &e : failure.sslErrors)
            reasons.append(e.errorString());
        reasons.removeDuplicates();
        described = { SessionError::Kind::CertificateUntrusted,
            tr("The certificate of %1 is not trusted: %2. Its SHA-256 fingerprint is %3.")
                .arg(host, reasons.join(QStringLiteral("; ")), fingerprint(failure.certificate)),
            failure.certificate };
        break;
    }
    case StreamGuard::Failure::Kind::NoStartTls:
        // Never continued without TLS: the password would follow in the clear.
        described = { SessionError::Kind::AccountUnusable,
            tr("The server offers no safe way to sign in (%1).").arg(failure.detail) };
        break;
    case StreamGuard::Failure::Kind::StreamError:
        if (failure.condition == u"host-unknown") {
            described = { SessionError::Kind::AccountUnusable,
                tr("The server at %1 does not serve the domain of %2.").arg(host, m_settings.jid) };
        } else {
            described = { SessionError::Kind::ConnectionLost,
                tr("The server ended the connection: %1").arg(failure.detail) };
        }
        break;
    case StreamGuard::Failure::Kind::Protocol:
        described = { SessionError::Kind::Other, tr("The connection failed: %1").arg(failure.detail) };
        break;
    case StreamGuard::Failure::Kind::Redirect:
        // QXmpp would follow <see-other-host/> on its own, around the guard and
        // without TLS; the guard stops it and the next attempt goes there.
        if (m_redirects < 3) {
            ++m_redirects;
            m_redirectHost = failure.host;
            m_redirectPort = failure.port;
            if (!m_reconnectTimer.isActive())
                scheduleReconnect();
            return;
        }
        described = socketError(QAbstractSocket::UnknownSocketError, host,
            QStringLiteral("redirected to %1 too many times").arg(failure.host));
        break;
    case StreamGuard::Failure::Kind::NotAuthenticated:
        // Never retried: the same server would pretend again.
        described = { SessionError::Kind::AccountUnusable,
            tr("The server %1 did not prove that it knows the password of %2, so Jabberwock did not "
               "sign in: it may not be your server. (%3)")
                .arg(host, m_settings.jid, failure.detail) };
        break;
    case StreamGuard::Failure::Kind::ResumeFailed:
        return; // handled above
    }
    failAttempt(described);
}

void Session::failAttempt(const SessionError &described)
{
    m_lastError = described;
    if (!described.isTransient())
        m_wanted = false;
    if (!m_wanted) {
        m_reconnectTimer.stop();
        setState(State::Error);
    } else if (!m_reconnectTimer.isActive()) {
        scheduleReconnect();
    }
    Q_EMIT errorOccurred(described);
}

void Session::setPresence(PresenceStatus status, const QString &statusText)
{
    m_statusText = statusText;
    if (status == PresenceStatus::Offline) {
        m_presence = status;
        disconnectFromServer();
        return;
    }
    m_presence = status;
    if (m_state == State::Online) {
        sendOwnPresence();
    } else if (!m_wanted && !m_settings.jid.isEmpty()) {
        m_wanted = true;
        m_reconnectPolicy.reset();
        startConnecting();
    }
}

QXmppPresence Session::ownPresence() const
{
    QXmppPresence presence(QXmppPresence::Available);
    if (m_presence == PresenceStatus::Away)
        presence.setAvailableStatusType(QXmppPresence::Away);
    else if (m_presence == PresenceStatus::DoNotDisturb)
        presence.setAvailableStatusType(QXmppPresence::DND);
    presence.setStatusText(m_statusText);
    return presence;
}

void Session::sendOwnPresence()
{
    m_client->setClientPresence(ownPresence());
}

QString versionText()
{
    return QStringLiteral("Jabberwock %1 (Qt %2, QXmpp %3)")
        .arg(QStringLiteral(JABBERWOCK_VERSION), QString::fromLatin1(qVersion()), QXmppVersion());
}

} // namespace Jw
