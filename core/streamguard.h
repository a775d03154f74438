#pragma once

// The in-process stream guard between QXmpp and the server (issue 8).
// Why it exists and what it does: docs/text-integrity.md.

#include "streamfilter.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QTimer>

#include <memory>
#include <utility>

class QDnsLookup;
class QSslSocket;
class QTcpServer;
class QTcpSocket;
class QXmlStreamReader;

namespace Jw {

class SignInCheck;

/// Stands between QXmpp and the XMPP server for one connection attempt.
///
/// QXmpp 1.10 connects, without TLS, to the guard on 127.0.0.1 (an ephemeral
/// port, one connection accepted, then the listener closes). The guard
/// connects to the real server, negotiates STARTTLS itself (refusing a server
/// that does not offer it) and verifies the certificate against the system
/// CAs or the pinned certificates. It then passes QXmpp's stream header on
/// and becomes a pipe: QXmpp's bytes go to the server as they come, the
/// server's go through a ServerStreamFilter, which re-encodes them so QXmpp's
/// per-read UTF-8 decoding cannot damage text, and enforces limits.
///
/// The password only crosses the in-process loopback connection in the clear
/// (SASL runs inside QXmpp); everything that leaves the machine is TLS.
class StreamGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamGuard)

public:
    struct Server
    {
        QString domain; ///< the account's domain: the stream's "to" and the name the certificate must match
        QString host; ///< empty: the domain's _xmpp-client._tcp SRV records, else the domain itself
        quint16 port = 0; ///< 0: 5222, or what SRV says
        QList<QSslCertificate> pinnedCertificates; ///< accepted even if they do not verify
        /// The account's password, only to check that the server proves it
        /// knows it (SignInCheck); the guard never sends it. Empty: no check.
        QString password = QString();
    };

    /// Why the guard gave up. Session turns this into a SessionError.
    struct Failure
    {
        enum class Kind {
            Socket, ///< the server could not be reached or the connection broke: socketError, detail
            Certificate, ///< the certificate is not trusted: sslErrors, certificate
            NoStartTls, ///< the server offers no STARTTLS: never continued without TLS
            StreamError, ///< the server refused the stream before TLS: condition (e.g. "host-unknown"), detail
            Protocol, ///< the server broke the protocol or a limit: detail
            Redirect, ///< <see-other-host/>: host, port (0: default)
            /// XEP-0198: the server could not resume the previous stream;
            /// QXmpp has not been told (see ServerStreamFilter::Outcome::ResumeFailed).
            ResumeFailed,
            /// The server did not prove that it knows the password (no SASL
            /// mechanism, no or a wrong SCRAM server signature): detail.
            /// QXmpp never saw its <success/>.
            NotAuthenticated,
        };
        Kind kind = Kind::Protocol;
        QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;
        QString detail;
        QString condition;
        QList<QSslError> sslErrors;
        QSslCertificate certificate;
        QString host;
        quint16 port = 0;
    };

    enum class State {
        Idle,
        Connecting, ///< resolving or opening the TCP connection
        Negotiating, ///< stream header, features, STARTTLS, before TLS
        Handshaking, ///< TLS handshake
        Piping, ///< TLS is up: passing data both ways
        Closed,
        Failed,
    };
    Q_ENUM(State)

    explicit StreamGuard(const Server &server, QObject *parent = nullptr);
    /// Passes on what QXmpp wrote last (its closing </stream:stream>) before
    /// closing, so the server ends the session cleanly.
    ~StreamGuard() override;

    /// Listens on 127.0.0.1 and starts connecting to the server. False (see
    /// errorString()) if it cannot listen.
    bool start();
    /// The port QXmpp must connect to.
    quint16 localPort() const { return m_localPort; }
    QString errorString() const { return m_error; }
    State state() const { return m_state; }
    bool hasFailed() const { return m_state == State::Failed; }

    /// How long connecting and negotiating TLS may take (default 30 s).
    void setNegotiationTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    void setFilterLimits(ServerStreamFilter::Limits limits) { m_limits = limits; }

Q_SIGNALS:
    /// TLS to the server is up and QXmpp is connected: the guard is a pipe now.
    void established();
    /// The attempt failed; both connections are closed.
    void failed(const Jw::StreamGuard::Failure &failure);

private:
    void onLocalConnection();
    void onLocalReadyRead();
    void onLocalDisconnected();
    void connectToNextTarget();
    void onUpstreamConnected();
    void onUpstreamReadyRead();
    void onUpstreamError(QAbstractSocket::SocketError error);
    void onUpstreamDisconnected();
    void onSslErrors(const QList<QSslError> &errors);
    void onEncrypted();
    void processNegotiation(const QString &text);
    void onNegotiationElement();
    void pump();
    void checkEstablished();
    void finishPiping();
    void fail(Failure failure);
    void failSocket(QAbstractSocket::SocketError error, const QString &detail);
    void failProtocol(const QString &detail, const QString &condition = {});

    const Server m_server;
    ServerStreamFilter::Limits m_limits;
    int m_timeoutMs = 30000;
    State m_state = State::Idle;
    QString m_error;
    quint16 m_localPort = 0;

    QTcpServer *m_listener = nullptr;
    QTcpSocket *m_local = nullptr; ///< QXmpp's connection
    QSslSocket *m_upstream = nullptr; ///< the server
    QDnsLookup *m_dns = nullptr;
    QList<std::pair<QString, quint16>> m_targets;
    qsizetype m_nextTarget = 0;
    QTimer m_timeout;

    QByteArray m_fromClient; ///< what QXmpp sent before TLS was up (its stream header)

    // Negotiation before TLS (RFC 6120 §5.4.2).
    std::unique_ptr<QXmlStreamReader> m_negotiation;
    QByteArray m_undecoded;
    qint64 m_negotiationFed = 0;
    qint64 m_negotiationBytes = 0;
    int m_depth = 0;
    QString m_topName;
    QString m_topNamespace;
    QString m_childName; ///< the stream error condition, or "text", being read
    QString m_errorCondition;
    QString m_errorText;
    bool m_startTlsOffered = false;
    bool m_startTlsSent = false;

    QList<QSslError> m_sslErrors;
    std::unique_ptr<ServerStreamFilter> m_filter;
    std::unique_ptr<SignInCheck> m_signIn; ///< until the SASL exchange is decided
    bool m_establishedSignalled = false;
};

} // namespace Jw

Q_DECLARE_METATYPE(Jw::StreamGuard::Failure)
