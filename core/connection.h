#pragma once

// What the UI sees of an account's connection: its state, why it failed,
// the person's presence. Session (core only) is the one implementation.

#include "types.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>

namespace Jw {

/// What a session needs to connect.
struct ConnectionSettings
{
    QString jid; ///< bare address of the account
    QString password;
    QString host; ///< empty: found through DNS from the domain
    quint16 port = 0; ///< 0: the default (5222) or what DNS says
    /// Certificates the person has explicitly trusted (pinned). A server that
    /// presents exactly one of these is accepted even if it does not verify.
    QList<QSslCertificate> pinnedCertificates;
    /// The device's resource (Profile::deviceResource()); empty: a random
    /// one for this session (randomResource()).
    QString resource = QString();
    /// Sign in with SASL2 and Bind 2 (XEP-0388, XEP-0386) instead of SASL and
    /// resource binding. Off: see docs/offline-delivery.md for why.
    bool useSasl2 = false;
    /// XEP-0199/0198 keep-alive: a ping (or ack request) after this many
    /// seconds of quiet, and the connection counts as lost when nothing came
    /// back within the timeout (shorter than the interval: QXmpp 1.10 starts
    /// the timeout again with every ping). Tests make them short.
    int keepAliveIntervalSeconds = 60;
    int keepAliveTimeoutSeconds = 30;
};

/// Why the session is not online, as a person should read it.
struct SessionError
{
    enum class Kind {
        None,
        MalformedAddress,
        WrongPassword,
        AccountUnusable, ///< disabled, expired, or no way to authenticate safely
        ServerUnreachable,
        CertificateUntrusted,
        ConnectionLost,
        Other,
    };
    Kind kind = Kind::None;
    QString message;
    /// For CertificateUntrusted: what the server presented, to be shown and,
    /// if the person decides so, pinned.
    QSslCertificate certificate = QSslCertificate();

    /// Whether connecting again later may help without the person doing
    /// anything: every failure but those only the person (or the server's
    /// administrator) can mend. Retried with back-off.
    bool isTransient() const
    {
        return kind == Kind::ServerUnreachable || kind == Kind::ConnectionLost || kind == Kind::Other;
    }
};

/// A resource that names nothing: "jabberwock-" and random letters and digits.
QString randomResource();

/// SHA-256 fingerprint as colon-separated hex pairs, as people compare them.
QString fingerprint(const QSslCertificate &certificate);

/// An account's connection as the person sees and steers it.
class Connection : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Connection)

public:
    enum class State { Offline, Connecting, Online, Error };
    Q_ENUM(State)

    using QObject::QObject;

    virtual State state() const = 0;
    virtual SessionError lastError() const = 0;
    /// The account's address as configured.
    virtual QString accountJid() const = 0;
    /// Own presence. Offline disconnects; anything else connects if needed.
    virtual void setPresence(PresenceStatus status, const QString &statusText = {}) = 0;
    virtual PresenceStatus presence() const = 0;
    /// Seconds until the next reconnection attempt, -1 if none is planned.
    virtual int secondsUntilReconnect() const = 0;
    /// The person said "now": the planned reconnection starts at once (the
    /// back-off for later ones is kept). Nothing if none is planned.
    virtual void reconnectNow() = 0;

Q_SIGNALS:
    void stateChanged(Jw::Connection::State state);
    /// The next attempt to connect starts in `seconds` (see reconnectNow()).
    void reconnectScheduled(int seconds);
    void errorOccurred(const Jw::SessionError &error);
};

} // namespace Jw

Q_DECLARE_METATYPE(Jw::SessionError)
