#pragma once

#include "expected.h"
#include "types.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

class QXmppMessage;

namespace Jw {

class HistoryStore;
class Transport;

/// "active", "composing", "paused", "inactive", "gone", as XEP-0085 names
/// its elements; empty for None.
QString chatStateName(ChatState state);
/// The reverse of chatStateName(); None for anything else.
ChatState chatStateFromName(const QString &name);

/// The line a person reads for a contact's chat state: "Jenny is typing…",
/// "Jenny stopped typing", "Jenny is away from this chat", "Jenny closed the
/// chat"; empty for Active and None.
QString chatStateText(ChatState state, const QString &name);

/// Whether a contact's client takes part in XEP-0085, as far as its messages tell.
enum class ChatStateSupport { Unknown = 0, Yes = 1, No = 2 };

/// The timings of XEP-0085's suggested triggers. Tests shorten them.
struct ChatStateTiming
{
    qint64 pausedAfterMs = 5'000; ///< composing, then no key for this long: paused
    qint64 inactiveAfterMs = 120'000; ///< away from the window this long: inactive
    qint64 composingTimeoutMs = 30'000; ///< a contact's composing without update: stopped
};

/// What a contact last told us about their side of a chat, kept in the history.
struct PeerChatState
{
    ChatState state = ChatState::None;
    QDateTime at; ///< when it arrived (UTC); invalid if nothing did
    ChatStateSupport support = ChatStateSupport::Unknown;

    /// The state to show at `now`: a "composing" that had no update for
    /// `composingTimeoutMs` has stopped (Dino #197: "is typing" stuck forever
    /// after the other side went to standby).
    ChatState shownAt(const QDateTime &now, qint64 composingTimeoutMs) const;
};

/// Every stored contact chat state of the history, by chat (for the export,
/// and for ChatStates at start).
QFuture<Expected<QHash<QString, PeerChatState>>> readPeerChatStates(HistoryStore &store);

/// Our side of one chat (XEP-0085 §5.1, "suggested triggers"): which state to
/// tell the contact when the person types, pauses, sends, looks elsewhere or
/// closes the chat. It is given the time, in ms, and answers with the state
/// to send, if that changed: each change is told once, never on every key.
/// `deadline()` says when `tick()` is due next.
///
///   first key -> composing; no key for pausedAfterMs -> paused;
///   text deleted -> active; message sent -> active (carried by the message);
///   another chat chosen -> inactive; window left for inactiveAfterMs ->
///   inactive; back (after inactive or gone) -> active; chat closed -> gone.
///
/// Nothing is told before the first key or message: opening a chat and
/// leaving it again says nothing.
class ChatStateMachine final
{
public:
    explicit ChatStateMachine(const ChatStateTiming &timing = {});

    void setTiming(const ChatStateTiming &timing) { m_timing = timing; }
    /// What the contact was last told (None: nothing yet).
    ChatState state() const { return m_state; }
    /// Whether the chat is in front of the person.
    bool isShown() const { return m_shown; }

    std::optional<ChatState> typed(qint64 now);
    std::optional<ChatState> cleared(qint64 now);
    /// Always Active: the state the message itself carries.
    ChatState messageSent(qint64 now);
    std::optional<ChatState> shown(qint64 now);
    std::optional<ChatState> hidden(qint64 now);
    std::optional<ChatState> left(qint64 now);
    std::optional<ChatState> closed(qint64 now);
    /// Applies whatever deadline has passed at `now`.
    std::optional<ChatState> tick(qint64 now);
    /// When tick() has something to do; none if nothing is pending.
    std::optional<qint64> deadline() const;

private:
    std::optional<ChatState> change(ChatState next);
    qint64 idleSince() const;

    ChatStateTiming m_timing;
    ChatState m_state = ChatState::None;
    qint64 m_lastActivity = 0; ///< last key, sent message or return to the chat
    qint64 m_hiddenSince = 0;
    bool m_shown = true; ///< a chat someone types into is in front of them
};

/// XEP-0085 chat states of one account, both ways.
///
/// Out: the UI reports what the person does; a ChatStateMachine per chat
/// decides; the state goes out once per change, only while online, only
/// while sending is enabled, and only to a contact whose messages carry chat
/// states. A message of ours carries <active/> unless the contact's replies
/// showed they do not take part, or sending is off (§5.1: the first messages
/// may carry it to find out).
///
/// In: the contact's last state and its time are kept in the history (so the
/// list and a freshly opened chat show it after a restart); a "composing"
/// without update for composingTimeoutMs shows as stopped.
class ChatStates final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatStates)

public:
    /// The current time in UTC; tests inject their own.
    using Clock = std::function<QDateTime()>;

    ChatStates(HistoryStore *store, Transport *transport, QObject *parent = nullptr);
    ~ChatStates() override;

    void setTiming(const ChatStateTiming &timing);
    ChatStateTiming timing() const { return m_timing; }
    void setClock(Clock clock);
    /// Off: nothing is sent, not even <active/> with messages.
    void setSendingEnabled(bool enabled);
    bool isSendingEnabled() const { return m_sendingEnabled; }
    /// Who may hear our chat states at all (not strangers); everyone when unset.
    void setSharingRule(std::function<bool(const QString &chat)> mayShare) { m_mayShare = std::move(mayShare); }

    // What the person does (the UI reports it).
    /// A key changed the text being written to `chat`.
    void typed(const QString &chat);
    /// The person deleted everything they had written.
    void composerCleared(const QString &chat);
    /// The chat is in front of the person (chosen, or its window came back).
    void chatShown(const QString &chat);
    /// The chat's window lost the focus; the chat stays chosen.
    void chatHidden(const QString &chat);
    /// Another chat was chosen.
    void chatLeft(const QString &chat);
    void chatClosed(const QString &chat);
    /// Every chat closes (the window closes, the application quits).
    void closeAll();

    /// A message of the person's to `chat` was just written (Messenger calls this).
    void messageSent(const QString &chat);
    /// The state a message to `chat` carries: Active or None.
    ChatState stateForMessage(const QString &chat) const;
    /// What we last told `chat` since coming online (None: nothing).
    ChatState sentState(const QString &chat) const;

    /// The contact's last state as stored.
    PeerChatState peerState(const QString &chat) const { return m_peers.value(chat); }
    /// The contact's state as a person should see it now (a stale composing has stopped).
    ChatState shownPeerState(const QString &chat) const;
    /// The conversation list's line for `chat`, or empty to show the last
    /// message: while typing, and for a state newer than the last message.
    QString conversationLine(const QString &chat, const QDateTime &lastMessageAt, const QString &name) const;

    /// When poll() has something to do; invalid if nothing is pending.
    QDateTime nextDeadline() const;
    /// Whether the stored states have been read (loaded() was emitted, maybe
    /// before anyone could connect to it).
    bool isLoaded() const { return m_loaded; }

public Q_SLOTS:
    /// Applies every deadline that has passed. The timer calls it; a test
    /// with its own clock calls it after moving the clock.
    void poll();

Q_SIGNALS:
    /// The contact's shown state changed (arrived, or a composing went stale).
    void peerStateChanged(const QString &chat);
    /// We told `chat` our state in a message of its own.
    void stateSent(const QString &chat, Jw::ChatState state);
    void storageError(const QString &message);
    /// The stored states were read.
    void loaded();

private:
    qint64 now() const;
    bool canSend(const QString &chat) const;
    void drive(const QString &chat, bool create,
        const std::function<std::optional<ChatState>(ChatStateMachine &, qint64)> &event);
    void send(const QString &chat, ChatState state);
    void reschedule();
    void onStanza(const QXmppMessage &message);
    void setPeerState(const QString &chat, ChatState state);
    void setSupport(const QString &chat, ChatStateSupport support);
    void save(const QString &chat, bool state, bool support);

    HistoryStore *const m_store;
    Transport *const m_transport;
    Clock m_clock;
    ChatStateTiming m_timing;
    bool m_sendingEnabled = true;
    std::function<bool(const QString &)> m_mayShare;
    bool m_loaded = false;
    QHash<QString, ChatStateMachine> m_machines; ///< our side, per chat, this connection
    QHash<QString, PeerChatState> m_peers; ///< their side, per chat
    QSet<QString> m_composing; ///< chats whose contact's composing has not gone stale yet
    QTimer m_timer;
};

} // namespace Jw
