#include "streamguard.h"

#include "signincheck.h"

#include <QDnsLookup>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QXmlStreamReader>

namespace Jw {
namespace {

using namespace Qt::StringLiterals;

constexpr quint16 DefaultPort = 5222;
constexpr QStringView StreamNs = u"http://etherx.jabber.org/streams";
constexpr QStringView StreamErrorNs = u"urn:ietf:params:xml:ns:xmpp-streams";
constexpr QStringView TlsNs = u"urn:ietf:params:xml:ns:xmpp-tls";

// Before TLS a server sends a stream header and its features: a few hundred
// bytes. More is not a server we want to talk to.
constexpr qint64 MaxNegotiationBytes = 64 * 1024;
constexpr qsizetype MaxClientBytesBeforeTls = 64 * 1024; // QXmpp's header is ~150
constexpr int MaxNegotiationDepth = 16;

// Memory held for the server's direction, whatever the server does: TLS
// reads are taken a chunk at a time from a bounded buffer, and no more is
// taken while QXmpp has not read what it was given (TCP then slows the
// server down). The filter holds at most one top-level element besides.
// 128 KB also bounds one turn of the UI thread's event loop: decrypting and
// filtering 1 MB at once took 23–35 ms during a catch-up (issue 19).
constexpr qint64 UpstreamReadBufferSize = 128 * 1024;
constexpr qint64 ChunkSize = 64 * 1024;
constexpr qint64 LocalHighWater = 8 * 1024 * 1024;
constexpr qint64 LocalLowWater = 1024 * 1024;

} // namespace

StreamGuard::StreamGuard(const Server &server, QObject *parent)
    : QObject(parent)
    , m_server(server)
{
    qRegisterMetaType<Jw::StreamGuard::Failure>();
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        failSocket(QAbstractSocket::SocketTimeoutError, QStringLiteral("the connection timed out"));
    });
}

StreamGuard::~StreamGuard()
{
    m_timeout.stop();
    if (m_local)
        m_local->disconnect(this);
    if (m_upstream)
        m_upstream->disconnect(this);
    if (m_state == State::Piping && m_local && m_upstream) {
        // Session disconnects QXmpp right before deleting us: its closing
        // </stream:stream> is in the loopback socket, and no event loop turn
        // is left to pass it on. Without it the server would keep the
        // session waiting for resumption instead of ending it.
        m_local->waitForReadyRead(0);
        const QByteArray last = m_local->readAll();
        if (!last.isEmpty())
            m_upstream->write(last);
        m_upstream->flush();
        if (m_upstream->bytesToWrite() > 0)
            m_upstream->waitForBytesWritten(200);
        m_upstream->disconnectFromHost();
    }
}

bool StreamGuard::start()
{
    if (m_state != State::Idle) {
        m_error = QStringLiteral("the guard was already started");
        return false;
    }
    m_listener = new QTcpServer(this);
    m_listener->setMaxPendingConnections(1);
    if (!m_listener->listen(QHostAddress::LocalHost, 0)) {
        m_error = m_listener->errorString();
        return false;
    }
    m_localPort = m_listener->serverPort();
    connect(m_listener, &QTcpServer::newConnection, this, &StreamGuard::onLocalConnection);

    m_state = State::Connecting;
    m_timeout.start(m_timeoutMs);
    if (!m_server.host.isEmpty() || m_server.port != 0) {
        m_targets = { { m_server.host.isEmpty() ? m_server.domain : m_server.host,
            m_server.port != 0 ? m_server.port : DefaultPort } };
        // Queued: a failure is reported only once the caller has set up QXmpp.
        QMetaObject::invokeMethod(this, &StreamGuard::connectToNextTarget, Qt::QueuedConnection);
        return true;
    }

    // RFC 6120 §3.2: the domain's SRV records, else the domain itself.
    m_dns = new QDnsLookup(QDnsLookup::SRV, u"_xmpp-client._tcp."_s + m_server.domain, this);
    connect(m_dns, &QDnsLookup::finished, this, [this] {
        if (m_state != State::Connecting)
            return;
        if (m_dns->error() == QDnsLookup::NoError) {
            // Qt returns the records sorted by priority and weight (RFC 2782).
            const auto records = m_dns->serviceRecords();
            for (const QDnsServiceRecord &record : records) {
                QString target = record.target();
                if (target.endsWith(u'.'))
                    target.chop(1);
                if (target.isEmpty()) {
                    // A lone "." record: the domain says it offers no XMPP service.
                    failSocket(QAbstractSocket::HostNotFoundError, QStringLiteral("the domain offers no XMPP service"));
                    return;
                }
                m_targets.append({ target, record.port() });
            }
        }
        if (m_targets.isEmpty())
            m_targets.append({ m_server.domain, DefaultPort });
        connectToNextTarget();
    });
    m_dns->lookup();
    return true;
}

void StreamGuard::onLocalConnection()
{
    while (QTcpSocket *socket = m_listener->nextPendingConnection()) {
        if (m_local || m_state == State::Failed || m_state == State::Closed) {
            socket->abort(); // one connection per attempt: QXmpp's, the first
            socket->deleteLater();
            continue;
        }
        m_local = socket;
        m_local->setParent(this); // not the listener's any more
        m_local->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(m_local, &QTcpSocket::readyRead, this, &StreamGuard::onLocalReadyRead);
        connect(m_local, &QTcpSocket::disconnected, this, &StreamGuard::onLocalDisconnected);
        connect(m_local, &QTcpSocket::bytesWritten, this, [this] {
            if (m_local->bytesToWrite() < LocalLowWater)
                pump();
        });
    }
    // Nobody else gets in: the port is closed once QXmpp is connected.
    m_listener->close();
    checkEstablished();
}

void StreamGuard::onLocalReadyRead()
{
    const QByteArray data = m_local->readAll();
    if (data.isEmpty())
        return;
    if (m_state == State::Piping) {
        if (m_filter)
            m_filter->clientSent(data); // a resumption refusal counts only if one was asked for
        if (m_signIn && !m_signIn->isDone())
            m_signIn->feedClient(data);
        m_upstream->write(data);
        return;
    }
    if (m_state == State::Failed || m_state == State::Closed)
        return;
    // QXmpp's stream header: it goes to the server once TLS is up.
    m_fromClient += data;
    if (m_fromClient.size() > MaxClientBytesBeforeTls)
        failProtocol(QStringLiteral("the client sent too much before TLS was up"));
}

void StreamGuard::onLocalDisconnected()
{
    if (m_state == State::Piping) {
        onLocalReadyRead();
        m_state = State::Closed;
        m_upstream->disconnectFromHost(); // after what is still to be written
        return;
    }
    if (m_state == State::Failed || m_state == State::Closed)
        return;
    // QXmpp gave up before TLS was up (the session was told to disconnect).
    m_state = State::Closed;
    m_timeout.stop();
    if (m_dns)
        m_dns->abort();
    if (m_upstream)
        m_upstream->abort();
}

void StreamGuard::connectToNextTarget()
{
    if (m_state != State::Connecting || m_nextTarget >= m_targets.size())
        return;
    const auto [host, port] = m_targets.at(m_nextTarget++);
    if (m_upstream) {
        m_upstream->disconnect(this);
        m_upstream->abort();
        m_upstream->deleteLater();
    }
    m_upstream = new QSslSocket(this);
    m_upstream->setPeerVerifyName(m_server.domain);
    connect(m_upstream, &QSslSocket::connected, this, &StreamGuard::onUpstreamConnected);
    connect(m_upstream, &QSslSocket::readyRead, this, &StreamGuard::onUpstreamReadyRead);
    connect(m_upstream, &QSslSocket::errorOccurred, this, &StreamGuard::onUpstreamError);
    connect(m_upstream, &QSslSocket::disconnected, this, &StreamGuard::onUpstreamDisconnected);
    connect(m_upstream, &QSslSocket::sslErrors, this, &StreamGuard::onSslErrors);
    connect(m_upstream, &QSslSocket::encrypted, this, &StreamGuard::onEncrypted);
    m_upstream->connectToHost(host, port);
}

void StreamGuard::onUpstreamConnected()
{
    m_state = State::Negotiating;
    m_negotiation = std::make_unique<QXmlStreamReader>();
    // Our own header, not QXmpp's: nothing about the account before TLS.
    QByteArray header = "<?xml version='1.0'?><stream:stream to='";
    appendXmlEscapedAscii(header, m_server.domain, true);
    header += "' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    m_upstream->write(header);
}

void StreamGuard::onUpstreamReadyRead()
{
    if (m_state == State::Piping) {
        pump();
        return;
    }
    if (m_state != State::Negotiating)
        return; // while handshaking QSslSocket reports nothing
    const QByteArray data = m_upstream->readAll();
    m_negotiationBytes += data.size();
    if (m_negotiationBytes > MaxNegotiationBytes) {
        failProtocol(QStringLiteral("the server sent too much before TLS"), u"policy-violation"_s);
        return;
    }
    m_undecoded += data;
    const qsizetype complete = utf8CompletePrefixLength(m_undecoded);
    const QString text = QString::fromUtf8(QByteArrayView(m_undecoded).first(complete));
    m_undecoded.remove(0, complete);
    processNegotiation(text);
}

void StreamGuard::processNegotiation(const QString &text)
{
    if (!text.isEmpty()) {
        m_negotiation->addData(text);
        m_negotiationFed += text.size();
    }
    QXmlStreamReader &r = *m_negotiation;
    while (m_state == State::Negotiating) {
        switch (r.readNext()) {
        case QXmlStreamReader::NoToken:
        case QXmlStreamReader::StartDocument:
        case QXmlStreamReader::Comment:
            break;
        case QXmlStreamReader::Invalid:
            if (r.error() != QXmlStreamReader::PrematureEndOfDocumentError)
                failProtocol(QStringLiteral("the server sent malformed XML (%1)").arg(r.errorString()), u"not-well-formed"_s);
            return;
        case QXmlStreamReader::StartElement:
            if (m_depth == 0 && (r.name() != u"stream" || r.namespaceUri() != StreamNs)) {
                failProtocol(QStringLiteral("the server did not open an XMPP stream"), u"invalid-namespace"_s);
                return;
            }
            if (m_depth == 1) {
                m_topName = r.name().toString();
                m_topNamespace = r.namespaceUri().toString();
                m_startTlsOffered = false;
                m_errorCondition.clear();
                m_errorText.clear();
            } else if (m_depth == 2) {
                m_childName = r.name().toString();
                if (m_topName == u"features" && m_topNamespace == StreamNs && r.name() == u"starttls"
                    && r.namespaceUri() == TlsNs)
                    m_startTlsOffered = true;
                if (m_topName == u"error" && m_topNamespace == StreamNs && r.namespaceUri() == StreamErrorNs
                    && r.name() != u"text")
                    m_errorCondition = m_childName;
            } else if (m_depth > MaxNegotiationDepth) {
                failProtocol(QStringLiteral("the server nested elements too deeply"), u"policy-violation"_s);
                return;
            }
            ++m_depth;
            break;
        case QXmlStreamReader::Characters:
            // The text of a stream error, or the address of <see-other-host/>.
            if (m_depth == 3 && m_topName == u"error" && m_topNamespace == StreamNs) {
                if (m_childName == u"text" || m_childName == u"see-other-host")
                    m_errorText += r.text();
            }
            break;
        case QXmlStreamReader::EndElement:
            --m_depth;
            if (m_depth <= 0) {
                failSocket(QAbstractSocket::RemoteHostClosedError, QStringLiteral("the server closed the stream"));
                return;
            }
            if (m_depth == 1)
                onNegotiationElement();
            else if (m_depth == 2)
                m_childName.clear();
            break;
        case QXmlStreamReader::EndDocument:
            failSocket(QAbstractSocket::RemoteHostClosedError, QStringLiteral("the server closed the stream"));
            return;
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
        case QXmlStreamReader::ProcessingInstruction:
            failProtocol(QStringLiteral("the server sent XML that XMPP does not allow"), u"restricted-xml"_s);
            return;
        }
    }
}

void StreamGuard::onNegotiationElement()
{
    if (m_topNamespace == StreamNs && m_topName == u"features") {
        if (m_startTlsSent)
            return;
        if (!m_startTlsOffered) {
            // Never a fallback to plain text: the password would follow.
            Failure failure;
            failure.kind = Failure::Kind::NoStartTls;
            failure.detail = QStringLiteral("no TLS encryption");
            fail(failure);
            return;
        }
        m_upstream->write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        m_startTlsSent = true;
        return;
    }
    if (m_topNamespace == StreamNs && m_topName == u"error") {
        Failure failure;
        if (m_errorCondition == u"see-other-host") {
            if (!parseHostAndPort(m_errorText, failure.host, failure.port)) {
                failProtocol(QStringLiteral("the server redirected to an invalid address “%1”").arg(m_errorText));
                return;
            }
            failure.kind = Failure::Kind::Redirect;
        } else {
            failure.kind = Failure::Kind::StreamError;
            failure.condition = m_errorCondition;
            failure.detail = m_errorText.trimmed().isEmpty() ? m_errorCondition : m_errorText.trimmed();
        }
        fail(failure);
        return;
    }
    if (m_topNamespace == TlsNs && m_topName == u"proceed" && m_startTlsSent) {
        // Whatever follows <proceed/> in the clear was not sent over TLS by
        // the server (a STARTTLS command injection): refuse it rather than
        // let it reach the handshake or, worse, QXmpp.
        if (m_negotiationFed != m_negotiation->characterOffset() || !m_undecoded.isEmpty()
            || m_upstream->bytesAvailable() > 0) {
            failProtocol(QStringLiteral("the server sent data in the clear after agreeing to start TLS"));
            return;
        }
        m_state = State::Handshaking;
        m_upstream->startClientEncryption();
        return;
    }
    if (m_topNamespace == TlsNs && m_topName == u"failure") {
        failProtocol(QStringLiteral("the server could not start TLS"));
        return;
    }
    // Anything else before TLS is not for us: ignored.
}

void StreamGuard::onSslErrors(const QList<QSslError> &errors)
{
    const QSslCertificate presented = m_upstream->peerCertificate();
    if (!presented.isNull() && m_server.pinnedCertificates.contains(presented)) {
        // The person trusted exactly this certificate: accept it, for these errors only.
        m_upstream->ignoreSslErrors(errors);
        m_sslErrors.clear();
        return;
    }
    m_sslErrors = errors;
}

void StreamGuard::onEncrypted()
{
    m_state = State::Piping;
    m_negotiation.reset();
    m_filter = std::make_unique<ServerStreamFilter>(m_limits);
    if (!m_server.password.isEmpty()) {
        m_signIn = std::make_unique<SignInCheck>(m_server.password);
        m_signIn->feedClient(m_fromClient);
    }
    m_upstream->setReadBufferSize(UpstreamReadBufferSize);
    if (!m_fromClient.isEmpty()) {
        m_upstream->write(m_fromClient); // QXmpp's own stream header, unchanged
        m_fromClient.clear();
    }
    checkEstablished();
    pump();
}

void StreamGuard::checkEstablished()
{
    if (m_state != State::Piping || !m_local || m_establishedSignalled)
        return;
    m_timeout.stop();
    m_establishedSignalled = true;
    Q_EMIT established();
}

void StreamGuard::pump()
{
    if (m_state != State::Piping || !m_local || !m_filter)
        return; // with no QXmpp yet, the server's data waits in the socket
    const bool draining = m_upstream->state() != QAbstractSocket::ConnectedState;
    while (draining || m_local->bytesToWrite() < LocalHighWater) {
        const QByteArray chunk = m_upstream->read(ChunkSize);
        if (chunk.isEmpty())
            return;
        if (m_signIn && !m_signIn->isDone()) {
            // Decided before QXmpp sees the server's answer: a <success/> that
            // proves nothing never reaches it.
            m_signIn->feedServer(chunk);
            if (m_signIn->verdict() == SignInCheck::Verdict::Refused) {
                Failure failure;
                failure.kind = Failure::Kind::NotAuthenticated;
                failure.detail = m_signIn->reason();
                fail(failure);
                return;
            }
        }
        QByteArray out;
        m_filter->feed(chunk, out);
        if (!out.isEmpty())
            m_local->write(out);
        switch (m_filter->outcome()) {
        case ServerStreamFilter::Outcome::Open:
        case ServerStreamFilter::Outcome::Closed:
            break;
        case ServerStreamFilter::Outcome::Failed:
            failProtocol(m_filter->errorString(), m_filter->condition());
            return;
        case ServerStreamFilter::Outcome::Redirected: {
            Failure failure;
            failure.kind = Failure::Kind::Redirect;
            failure.host = m_filter->redirectHost();
            failure.port = m_filter->redirectPort();
            fail(failure);
            return;
        }
        case ServerStreamFilter::Outcome::ResumeFailed: {
            Failure failure;
            failure.kind = Failure::Kind::ResumeFailed;
            failure.detail = QStringLiteral("the server could not resume the stream");
            fail(failure);
            return;
        }
        }
    }
}

void StreamGuard::onUpstreamError(QAbstractSocket::SocketError error)
{
    if (m_state == State::Failed || m_state == State::Closed || m_state == State::Piping)
        return; // while piping, onUpstreamDisconnected() passes the close on
    if (m_state == State::Connecting && m_nextTarget < m_targets.size()) {
        connectToNextTarget(); // the next SRV target
        return;
    }
    if (m_state == State::Handshaking && error == QAbstractSocket::SslHandshakeFailedError
        && !m_sslErrors.isEmpty()) {
        Failure failure;
        failure.kind = Failure::Kind::Certificate;
        failure.sslErrors = m_sslErrors;
        failure.certificate = m_upstream->peerCertificate();
        if (failure.certificate.isNull())
            failure.certificate = m_sslErrors.constFirst().certificate();
        failure.detail = m_upstream->errorString();
        fail(failure);
        return;
    }
    failSocket(error, m_upstream->errorString());
}

void StreamGuard::onUpstreamDisconnected()
{
    if (m_state == State::Piping) {
        finishPiping();
        return;
    }
    if (m_state == State::Failed || m_state == State::Closed)
        return;
    failSocket(QAbstractSocket::RemoteHostClosedError, QStringLiteral("the server closed the connection"));
}

void StreamGuard::finishPiping()
{
    // Pass on what the server said last (a stream error, say), then close
    // QXmpp's side: QXmpp reports the end of the connection as it always did.
    pump();
    if (m_state != State::Piping)
        return;
    m_state = State::Closed;
    if (m_local)
        m_local->disconnectFromHost();
}

void StreamGuard::fail(Failure failure)
{
    if (m_state == State::Failed || m_state == State::Closed)
        return;
    const bool streamOpen = m_state == State::Negotiating || m_state == State::Piping;
    m_state = State::Failed;
    m_timeout.stop();
    if (m_dns)
        m_dns->abort();
    if (m_listener)
        m_listener->close();
    if (m_upstream) {
        m_upstream->disconnect(this);
        if (streamOpen && failure.kind == Failure::Kind::Protocol && !failure.condition.isEmpty()
            && m_upstream->state() == QAbstractSocket::ConnectedState) {
            // RFC 6120 §4.9: tell the server what it did wrong.
            QByteArray error = "<stream:error><";
            error += failure.condition.toLatin1();
            error += " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>";
            m_upstream->write(error);
            m_upstream->disconnectFromHost();
        } else {
            m_upstream->abort();
        }
    }
    if (m_local) {
        m_local->disconnect(this);
        m_local->abort();
    }
    Q_EMIT failed(failure);
}

void StreamGuard::failSocket(QAbstractSocket::SocketError error, const QString &detail)
{
    Failure failure;
    failure.kind = Failure::Kind::Socket;
    failure.socketError = error;
    failure.detail = detail;
    fail(failure);
}

void StreamGuard::failProtocol(const QString &detail, const QString &condition)
{
    Failure failure;
    failure.kind = Failure::Kind::Protocol;
    failure.detail = detail;
    failure.condition = condition;
    fail(failure);
}

} // namespace Jw
