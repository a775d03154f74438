#pragma once

#include "types.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QTimer>

#include <memory>

class QXmppClient;
class QXmppMessage;
class QXmppRosterManager;
class QSslSocket;
struct QXmppError;


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
    QString resource = QStringLiteral("jabberwock");
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

    /// Whether connecting again later may help without the person doing anything.
    bool isTransient() const { return kind == Kind::ServerUnreachable || kind == Kind::ConnectionLost; }
};

/// SHA-256 fingerprint as colon-separated hex pairs, as people compare them.
QString fingerprint(const QSslCertificate &certificate);

/// Exponential back-off for reconnecting: 1, 2, 4, … seconds up to a cap.
class ReconnectPolicy final
{
public:
    explicit ReconnectPolicy(int firstSeconds = 1, int capSeconds = 60);
    int nextDelaySeconds();
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }

private:
    const int m_first;
    const int m_cap;
    int m_attempt = 0;
};

/// One account's connection to its server, wrapping QXmppClient behind our
/// own types. QXmpp stays inside core: nothing here exposes a QXmpp type.
///
/// Security decisions made here: TLS is required (never a password before
/// TLS), legacy non-SASL authentication is off, a certificate that does not
/// verify is refused unless the person pinned exactly that certificate.
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    enum class State { Offline, Connecting, Online, Error };
    Q_ENUM(State)

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    /// Connects, and keeps reconnecting with back-off after a transient failure.
    void connectToServer(const ConnectionSettings &settings);
    /// Disconnects and stops reconnecting.
    void disconnectFromServer();

    State state() const { return m_state; }
    SessionError lastError() const { return m_lastError; }
    QString accountJid() const { return m_settings.jid; }

    /// Own presence. Offline disconnects; anything else connects if needed.
    void setPresence(PresenceStatus status, const QString &statusText = {});
    PresenceStatus presence() const { return m_presence; }

    /// Sends a chat message with our id. The outcome arrives as
    /// messageAcknowledged, messageNotSent or (from the server) messageFailed.
    /// Returns false when not online (the message stays queued).
    bool sendChatMessage(const QString &to, const QString &body, const QString &id);

    /// XEP-0184: confirms to the sender that message `messageId` is stored
    /// here, if they asked for it. Call once the message is safely stored.
    void sendReceipt(const QString &messageId);
    /// XEP-0313: fetches what the archive holds after `afterId` (or from
    /// `since` when no id is known yet). Results arrive as messageReceived
    /// (flagged as arrived offline), then catchUpPageDone for each page.
    /// False when it cannot start now (not online, or one is running).
    bool catchUp(const QString &afterId, const QDateTime &since);

    /// XEP-0085: tells `to` our chat state (a message with no body).
    void sendChatState(const QString &to, ChatState state);
    /// XEP-0333: tells `to` that we displayed their message `messageId`.
    void sendDisplayedMarker(const QString &to, const QString &messageId);

    void addContact(const QString &bareJid, const QString &name);
    QList<Contact> contacts() const;
    Contact contact(const QString &bareJid) const;

    /// Seconds until the next reconnection attempt, -1 if none is planned.
    int secondsUntilReconnect() const;

Q_SIGNALS:
    void stateChanged(Jw::Session::State state);
    void errorOccurred(const Jw::SessionError &error);
    void messageReceived(const Jw::Message &message);
    /// The server acknowledged (XEP-0198) or, without stream management, took our message.
    void messageAcknowledged(const QString &chat, const QString &id);
    /// The message did not leave: the connection went away first. It stays queued.
    void messageNotSent(const QString &chat, const QString &id);
    /// An error stanza came back for one of our messages.
    void messageFailed(const QString &chat, const QString &id, const QString &reason);
    /// A chat state from `chat` (bare address), alone or with a message.
    void chatStateReceived(const QString &chat, Jw::ChatState state);
    /// XEP-0333 "displayed" from `chat` (bare address) for our message `messageId`.
    /// Whether the id is one we sent to that chat is for the receiver to check.
    void displayedMarkerReceived(const QString &chat, const QString &messageId);
    /// XEP-0184: `chat` confirmed it received our message `messageId`.
    void receiptReceived(const QString &chat, const QString &messageId);
    /// Another of our devices told `chat` it displayed their message `messageId` (a carbon).
    void ownDisplayedMarkerSent(const QString &chat, const QString &messageId);
    /// A page of archive catch-up was handed out; `lastId` is its newest archive id.
    void catchUpPageDone(const QString &lastId, bool complete);
    void catchUpFailed(const QString &reason);
    void rosterReset();
    void contactChanged(const Jw::Contact &contact);

private:
    void setState(State state);
    void startConnecting();
    void onConnected();
    void onDisconnected();
    void onError(const QXmppError &error);
    void onSslErrors(const QList<QSslError> &errors);
    QSslSocket *socket() const;
    void onMessage(const QXmppMessage &message);
    void onArchivedMessage(const QXmppMessage &message, const QString &archiveId, const QDateTime &stamp);
    void sendOwnPresence();
    void scheduleReconnect();

    std::unique_ptr<QXmppClient> m_client;
    QXmppRosterManager *m_roster = nullptr;
    class ArchiveSync *m_archive = nullptr;
    QHash<QString, QString> m_receiptsOwed; ///< message id -> full address that asked for a receipt
    ConnectionSettings m_settings;
    State m_state = State::Offline;
    SessionError m_lastError;
    PresenceStatus m_presence = PresenceStatus::Available;
    QString m_statusText;
    bool m_wanted = false; ///< the person wants to be online
    QList<QSslError> m_sslErrors;
    ReconnectPolicy m_reconnectPolicy;
    QTimer m_reconnectTimer;
};

} // namespace Jw

Q_DECLARE_METATYPE(Jw::SessionError)
