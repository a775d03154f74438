#pragma once

#include "presencebook.h"
#include "streamguard.h"
#include "types.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QTimer>

#include <memory>

class QXmppBlockingManager;
class QXmppClient;
class QXmppMessage;
class QXmppRegistrationManager;
class QXmppRosterManager;
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
    /// Returns false when not online (the message stays queued). `state`:
    /// the XEP-0085 chat state the message carries, if any.
    bool sendChatMessage(const QString &to, const QString &body, const QString &id,
        ChatState state = ChatState::None);

    /// XEP-0184: confirms to the sender that message `messageId` is stored
    /// here, if they asked for it. Call once the message is safely stored.
    void sendReceipt(const QString &messageId);
    /// XEP-0313: fetches what the archive holds after `afterId`, or, when no
    /// id is known yet, the newest slice back to `since`, at most `maxPages`
    /// pages (0: all; see ArchiveSync::start). Results arrive as
    /// messageReceived (flagged as arrived offline), then catchUpPageDone for
    /// each page. False when it cannot start now (not online, or one is running).
    bool catchUp(const QString &afterId, const QDateTime &since, int maxPages = 0);

    /// XEP-0085: tells `to` our chat state (a message with no body).
    void sendChatState(const QString &to, ChatState state);
    /// XEP-0333: tells `to` that we displayed their message `messageId`.
    void sendDisplayedMarker(const QString &to, const QString &messageId);

    void addContact(const QString &bareJid, const QString &name);
    /// Asks `bareJid` to share their status with us (a subscription request).
    void askForPresence(const QString &bareJid);
    /// Answers `bareJid`'s request to see our status.
    void answerPresenceRequest(const QString &bareJid, bool allow);

    /// XEP-0191: the server refuses what `bareJid` sends us (or lets it
    /// through again). The outcome arrives as blockedChanged or blockingFailed.
    void setBlocked(const QString &bareJid, bool blocked);
    QList<Contact> contacts() const;
    Contact contact(const QString &bareJid) const;

    /// XEP-0077: changes the account's password on the server (online only).
    /// The outcome arrives as passwordChanged or passwordChangeFailed; later
    /// reconnections use the new password.
    void changePassword(const QString &newPassword);

    /// Seconds until the next reconnection attempt, -1 if none is planned.
    int secondsUntilReconnect() const;
    /// The person said "now": the planned reconnection starts at once (the
    /// back-off for later ones is kept). Nothing if none is planned.
    void reconnectNow();

    /// How long a connection must stay up before the back-off starts again
    /// from its first step; a server that drops every sign-in keeps it growing.
    static constexpr int StableSeconds = 30;

Q_SIGNALS:
    void stateChanged(Jw::Session::State state);
    /// The next attempt to connect starts in `seconds` (see reconnectNow()).
    void reconnectScheduled(int seconds);
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
    /// Someone asked to see our status (RFC 6121 subscription request).
    /// The server repeats unanswered requests at every sign-in.
    void presenceRequested(const QString &bareJid);
    /// The server's blocklist (XEP-0191), whole: after each sign-in.
    void blocklistReceived(const QStringList &bareJids);
    /// Addresses blocked or unblocked (by us, here or on another device).
    void blockedChanged(const QStringList &bareJids, bool blocked);
    /// Blocking or unblocking did not happen: why, as a sentence.
    void blockingFailed(const QString &bareJid, const QString &reason);
    /// Roster items and presences that changed, at most once per contact
    /// and event-loop turn (a flood of presences is one signal per turn);
    /// contactChanged follows for each, for whoever shows one contact.
    void contactsChanged(const QList<Jw::Contact> &contacts);
    void contactChanged(const Jw::Contact &contact);
    /// The server took the new password (see changePassword).
    void passwordChanged();
    /// The server refused to change the password, or we were not online: why, as a sentence.
    void passwordChangeFailed(const QString &reason);

private:
    void setState(State state);
    /// (Re)makes the QXmpp client with its extensions; a client of a dead
    /// stream is discarded with everything it still held.
    void makeClient();
    void startConnecting();
    void onConnected();
    void onDisconnected();
    void onError(const QXmppError &error);
    void onGuardFailed(const StreamGuard::Failure &failure);
    void failAttempt(const SessionError &error);
    void onMessage(const QXmppMessage &message);
    void onArchivedMessage(const QXmppMessage &message, const QString &archiveId, const QDateTime &stamp);
    void sendOwnPresence();
    void wireRoster();
    void contactDirty(const QString &bareJid);
    void flushContacts();
    void fetchBlocklist();
    void scheduleReconnect();

    std::unique_ptr<QXmppClient> m_client;
    QXmppRosterManager *m_roster = nullptr;
    QXmppBlockingManager *m_blocking = nullptr;
    QXmppRegistrationManager *m_registration = nullptr; ///< made on the first changePassword()
    class ArchiveSync *m_archive = nullptr;
    mutable PresenceBook m_presences; ///< each contact's best presence (issue 12)
    QSet<QString> m_dirtyContacts; ///< to announce at the end of this event-loop turn
    bool m_flushQueued = false;
    class StanzaCheck *m_stanzaCheck = nullptr; ///< first in line: addresses and delays
    class InfoGate *m_infoGate = nullptr; ///< what strangers may learn (version, time, disco)
    QHash<QString, QString> m_receiptsOwed; ///< message id -> full address that asked for a receipt
    ConnectionSettings m_settings;
    State m_state = State::Offline;
    SessionError m_lastError;
    PresenceStatus m_presence = PresenceStatus::Available;
    QString m_statusText;
    bool m_wanted = false; ///< the person wants to be online
    /// This attempt's stream guard (issue 8): QXmpp connects to it, it owns TLS.
    StreamGuard *m_guard = nullptr;
    /// The guard reported why this attempt failed: QXmpp's view of it is ignored.
    bool m_attemptFailed = false;
    QString m_redirectHost; ///< <see-other-host/>: where the next attempt goes
    quint16 m_redirectPort = 0;
    int m_redirects = 0; ///< redirects followed in a row
    ReconnectPolicy m_reconnectPolicy;
    QTimer m_reconnectTimer;
    QTimer m_stableTimer; ///< online long enough: the back-off starts again from its first step
};

} // namespace Jw

Q_DECLARE_METATYPE(Jw::SessionError)
