#pragma once

// Internal to core: the connection itself. The UI sees Connection.

#include "connection.h"
#include "streamguard.h"
#include "types.h"

#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

class QXmppClient;
class QXmppPresence;
struct QXmppError;


namespace Jw {

class Transport;

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

/// One account's connection to its server, wrapping QXmppClient: sign-in,
/// the stream guard, reconnecting with back-off, and the checks every stanza
/// passes first (StanzaCheck, InfoGate). Everything the account does over
/// the connection is done by feature classes through transport()
/// (core/features.h); QXmpp stays inside core.
///
/// Security decisions made here: TLS is required (never a password before
/// TLS), legacy non-SASL authentication is off, a certificate that does not
/// verify is refused unless the person pinned exactly that certificate.
class Session final : public Connection
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    using State = Connection::State;

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    /// Connects, and keeps reconnecting with back-off after a transient failure.
    void connectToServer(const ConnectionSettings &settings);
    /// Disconnects and stops reconnecting.
    void disconnectFromServer();

    State state() const override { return m_state; }
    SessionError lastError() const override { return m_lastError; }
    QString accountJid() const override { return m_settings.jid; }
    void setPresence(PresenceStatus status, const QString &statusText = {}) override;
    PresenceStatus presence() const override { return m_presence; }
    int secondsUntilReconnect() const override;
    void reconnectNow() override;

    /// What the feature classes send and receive through.
    Transport *transport() const;
    /// Who counts as a contact for what strangers may learn (InfoGate):
    /// the roster's answer (Roster::isContact). Without one, nobody does.
    void setContactRule(std::function<bool(const QString &bareJid)> isContact);
    /// The password later connections sign in with (after it was changed).
    void setPassword(const QString &password) { m_settings.password = password; }

    /// How long a connection must stay up before the back-off starts again
    /// from its first step; a server that drops every sign-in keeps it growing.
    static constexpr int StableSeconds = 30;

private:
    void setState(State state);
    /// (Re)makes the QXmpp client with the stanza checks; a client of a dead
    /// stream is discarded with everything it still held.
    void makeClient();
    void startConnecting();
    void onConnected();
    void onDisconnected();
    void onError(const QXmppError &error);
    void onGuardFailed(const StreamGuard::Failure &failure);
    void failAttempt(const SessionError &error);
    QXmppPresence ownPresence() const;
    void sendOwnPresence();
    void scheduleReconnect();

    friend class SessionTransport;
    std::unique_ptr<QXmppClient> m_client;
    class SessionTransport *m_transport = nullptr; ///< a child
    class StanzaCheck *m_stanzaCheck = nullptr; ///< first in line: addresses and delays
    class InfoGate *m_infoGate = nullptr; ///< what strangers may learn (version, time, disco)
    std::function<bool(const QString &)> m_isContact;
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
