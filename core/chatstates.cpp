#include "chatstates.h"

#include "historystore.h"
#include "sqlsupport.h"
#include "stanzas.h"
#include "transport.h"

#include <QCoreApplication>
#include <QXmppMessage.h>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <algorithm>
#include <limits>
#include <utility>

namespace Jw {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::ChatStates", text);
}

bool isEngaged(ChatState state)
{
    return state == ChatState::Active || state == ChatState::Composing || state == ChatState::Paused;
}

} // namespace

QString chatStateName(ChatState state)
{
    switch (state) {
    case ChatState::Active:
        return QStringLiteral("active");
    case ChatState::Inactive:
        return QStringLiteral("inactive");
    case ChatState::Gone:
        return QStringLiteral("gone");
    case ChatState::Composing:
        return QStringLiteral("composing");
    case ChatState::Paused:
        return QStringLiteral("paused");
    case ChatState::None:
        break;
    }
    return QStringLiteral(""); // empty, not null: it is stored in a NOT NULL column
}

ChatState chatStateFromName(const QString &name)
{
    for (const ChatState state : { ChatState::Active, ChatState::Inactive, ChatState::Gone,
             ChatState::Composing, ChatState::Paused }) {
        if (chatStateName(state) == name)
            return state;
    }
    return ChatState::None;
}

QString chatStateText(ChatState state, const QString &name)
{
    switch (state) {
    case ChatState::Composing:
        return tr("%1 is typing…").arg(name);
    case ChatState::Paused:
        return tr("%1 stopped typing").arg(name);
    case ChatState::Inactive:
        return tr("%1 is away from this chat").arg(name);
    case ChatState::Gone:
        return tr("%1 closed the chat").arg(name);
    case ChatState::Active:
    case ChatState::None:
        break;
    }
    return {};
}

ChatState PeerChatState::shownAt(const QDateTime &now, qint64 composingTimeoutMs) const
{
    if (state == ChatState::Composing && at.isValid() && at.msecsTo(now) >= composingTimeoutMs)
        return ChatState::Paused;
    return state;
}

QFuture<Expected<QHash<QString, PeerChatState>>> readPeerChatStates(HistoryStore &store)
{
    using States = QHash<QString, PeerChatState>;
    return store.run<States>(HistoryStore::Access::Read, [](QSqlDatabase &db) -> Expected<States> {
        if (!db.isOpen())
            return notOpenError();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT chat, state, state_at, peer_support FROM chat_states")))
            return Error { tr("Could not read the chat states: %1").arg(q.lastError().text().trimmed()) };
        States states;
        while (q.next()) {
            PeerChatState s;
            s.state = chatStateFromName(q.value(1).toString());
            if (!q.value(2).isNull())
                s.at = fromMs(q.value(2).toLongLong());
            const int support = q.value(3).toInt();
            s.support = support == 1 ? ChatStateSupport::Yes
                : support == 2       ? ChatStateSupport::No
                                     : ChatStateSupport::Unknown;
            states.insert(q.value(0).toString(), s);
        }
        return states;
    });
}

// ---- ChatStateMachine ----------------------------------------------------

ChatStateMachine::ChatStateMachine(const ChatStateTiming &timing)
    : m_timing(timing)
{
}

std::optional<ChatState> ChatStateMachine::change(ChatState next)
{
    if (next == m_state)
        return std::nullopt;
    m_state = next;
    return next;
}

qint64 ChatStateMachine::idleSince() const
{
    return std::max(m_hiddenSince, m_lastActivity);
}

std::optional<ChatState> ChatStateMachine::typed(qint64 now)
{
    m_lastActivity = now;
    m_shown = true;
    return change(ChatState::Composing);
}

std::optional<ChatState> ChatStateMachine::cleared(qint64 now)
{
    m_lastActivity = now;
    m_shown = true;
    if (m_state == ChatState::Composing || m_state == ChatState::Paused)
        return change(ChatState::Active);
    return std::nullopt;
}

ChatState ChatStateMachine::messageSent(qint64 now)
{
    m_lastActivity = now;
    m_shown = true;
    m_state = ChatState::Active;
    return m_state;
}

std::optional<ChatState> ChatStateMachine::shown(qint64 now)
{
    m_lastActivity = now;
    m_shown = true;
    if (m_state == ChatState::Inactive || m_state == ChatState::Gone)
        return change(ChatState::Active);
    return std::nullopt;
}

std::optional<ChatState> ChatStateMachine::hidden(qint64 now)
{
    if (m_shown) {
        m_shown = false;
        m_hiddenSince = now;
    }
    return std::nullopt;
}

std::optional<ChatState> ChatStateMachine::left(qint64 now)
{
    m_shown = false;
    m_hiddenSince = now;
    if (isEngaged(m_state))
        return change(ChatState::Inactive);
    return std::nullopt;
}

std::optional<ChatState> ChatStateMachine::closed(qint64 now)
{
    m_shown = false;
    m_hiddenSince = now;
    if (m_state == ChatState::None)
        return std::nullopt;
    return change(ChatState::Gone);
}

std::optional<ChatState> ChatStateMachine::tick(qint64 now)
{
    ChatState next = m_state;
    if (next == ChatState::Composing && now >= m_lastActivity + m_timing.pausedAfterMs)
        next = ChatState::Paused;
    if (!m_shown && isEngaged(next) && now >= idleSince() + m_timing.inactiveAfterMs)
        next = ChatState::Inactive;
    return change(next);
}

std::optional<qint64> ChatStateMachine::deadline() const
{
    std::optional<qint64> due;
    if (m_state == ChatState::Composing)
        due = m_lastActivity + m_timing.pausedAfterMs;
    if (!m_shown && isEngaged(m_state)) {
        const qint64 inactive = idleSince() + m_timing.inactiveAfterMs;
        due = due ? std::min(*due, inactive) : inactive;
    }
    return due;
}

// ---- ChatStates ----------------------------------------------------------

ChatStates::ChatStates(HistoryStore *store, Transport *transport, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_transport(transport)
    , m_clock(&QDateTime::currentDateTimeUtc)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ChatStates::poll);
    connect(m_transport, &Transport::messageReceived, this, &ChatStates::onStanza);
    connect(m_transport, &Transport::onlineChanged, this, [this](bool online) {
        // What we told a contact ends with the connection: start afresh.
        if (!online) {
            m_machines.clear();
            reschedule();
        }
    });
    // Quitting closes every chat. The session is still connected then, and
    // QXmpp flushes what was written when it disconnects.
    if (const QCoreApplication *app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, &ChatStates::closeAll);

    readPeerChatStates(*m_store).then(this, [this](Expected<QHash<QString, PeerChatState>> stored) {
        if (!stored) {
            // Said, and then on without what was stored: nothing waits for it.
            m_loaded = true;
            Q_EMIT storageError(stored.errorMessage());
            Q_EMIT loaded();
            return;
        }
        // What arrived while reading is newer than what was stored.
        QStringList changed;
        const QHash<QString, PeerChatState> &states = stored.value();
        for (auto it = states.cbegin(); it != states.cend(); ++it) {
            PeerChatState &live = m_peers[it.key()];
            if (!live.at.isValid()) {
                live.state = it->state;
                live.at = it->at;
                if (live.state == ChatState::Composing)
                    m_composing.insert(it.key()); // poll() lets a stale one go at once
            }
            if (live.support == ChatStateSupport::Unknown)
                live.support = it->support;
            changed.append(it.key());
        }
        m_loaded = true;
        poll();
        for (const QString &chat : std::as_const(changed))
            Q_EMIT peerStateChanged(chat);
        Q_EMIT loaded();
    });
}

ChatStates::~ChatStates() = default;

qint64 ChatStates::now() const
{
    return m_clock().toMSecsSinceEpoch();
}

void ChatStates::setTiming(const ChatStateTiming &timing)
{
    m_timing = timing;
    for (ChatStateMachine &machine : m_machines)
        machine.setTiming(timing);
    reschedule();
}

void ChatStates::setClock(Clock clock)
{
    m_clock = std::move(clock);
    poll();
}

void ChatStates::setSendingEnabled(bool enabled)
{
    m_sendingEnabled = enabled;
    if (!enabled)
        m_machines.clear();
    reschedule();
}

bool ChatStates::canSend(const QString &chat) const
{
    return m_sendingEnabled && m_transport->isOnline()
        && m_peers.value(chat).support == ChatStateSupport::Yes && (!m_mayShare || m_mayShare(chat));
}

void ChatStates::drive(const QString &chat, bool create,
    const std::function<std::optional<ChatState>(ChatStateMachine &, qint64)> &event)
{
    if (chat.isEmpty() || !canSend(chat))
        return;
    auto it = m_machines.find(chat);
    if (it == m_machines.end()) {
        if (!create)
            return;
        it = m_machines.insert(chat, ChatStateMachine(m_timing));
    }
    const std::optional<ChatState> next = event(*it, now());
    reschedule();
    if (next)
        send(chat, *next);
}

void ChatStates::send(const QString &chat, ChatState state)
{
    if (!m_transport->isOnline() || state == ChatState::None)
        return;
    QXmppMessage message(QString(), chat);
    message.setType(QXmppMessage::Chat);
    message.setState(QXmppMessage::State(Stanzas::fromChatState(state)));
    // A standalone chat state is worthless later: not for offline storage or archives.
    message.addHint(QXmppMessage::NoStore);
    message.addHint(QXmppMessage::NoPermanentStore);
    m_transport->send(std::move(message));
    Q_EMIT stateSent(chat, state);
}

void ChatStates::typed(const QString &chat)
{
    drive(chat, true, [](ChatStateMachine &m, qint64 t) { return m.typed(t); });
}

void ChatStates::composerCleared(const QString &chat)
{
    drive(chat, false, [](ChatStateMachine &m, qint64 t) { return m.cleared(t); });
}

void ChatStates::chatShown(const QString &chat)
{
    drive(chat, false, [](ChatStateMachine &m, qint64 t) { return m.shown(t); });
}

void ChatStates::chatHidden(const QString &chat)
{
    drive(chat, false, [](ChatStateMachine &m, qint64 t) { return m.hidden(t); });
}

void ChatStates::chatLeft(const QString &chat)
{
    drive(chat, false, [](ChatStateMachine &m, qint64 t) { return m.left(t); });
}

void ChatStates::chatClosed(const QString &chat)
{
    drive(chat, false, [](ChatStateMachine &m, qint64 t) { return m.closed(t); });
}

void ChatStates::closeAll()
{
    const QStringList chats = m_machines.keys();
    for (const QString &chat : chats)
        chatClosed(chat);
}

void ChatStates::messageSent(const QString &chat)
{
    // No stanza of its own: the message carries the state (stateForMessage).
    drive(chat, true, [](ChatStateMachine &m, qint64 t) {
        m.messageSent(t);
        return std::optional<ChatState>();
    });
}

ChatState ChatStates::stateForMessage(const QString &chat) const
{
    if (!m_sendingEnabled || m_peers.value(chat).support == ChatStateSupport::No)
        return ChatState::None;
    return ChatState::Active;
}

ChatState ChatStates::sentState(const QString &chat) const
{
    const auto it = m_machines.constFind(chat);
    return it == m_machines.cend() ? ChatState::None : it->state();
}

ChatState ChatStates::shownPeerState(const QString &chat) const
{
    return m_peers.value(chat).shownAt(m_clock(), m_timing.composingTimeoutMs);
}

QString ChatStates::conversationLine(
    const QString &chat, const QDateTime &lastMessageAt, const QString &name) const
{
    const PeerChatState peer = m_peers.value(chat);
    const ChatState shown = peer.shownAt(m_clock(), m_timing.composingTimeoutMs);
    // Typing always shows; anything else only while it is the newest thing in the chat.
    const bool newest = peer.at.isValid() && (!lastMessageAt.isValid() || peer.at >= lastMessageAt);
    if (shown == ChatState::Composing || newest)
        return chatStateText(shown, name);
    return {};
}

QDateTime ChatStates::nextDeadline() const
{
    std::optional<qint64> due;
    const auto earlier = [&due](qint64 t) { due = due ? std::min(*due, t) : t; };
    for (const ChatStateMachine &machine : m_machines) {
        if (const auto d = machine.deadline())
            earlier(*d);
    }
    for (const QString &chat : m_composing) {
        const QDateTime at = m_peers.value(chat).at;
        if (at.isValid())
            earlier(at.toMSecsSinceEpoch() + m_timing.composingTimeoutMs);
    }
    return due ? fromMs(*due) : QDateTime();
}

void ChatStates::reschedule()
{
    const QDateTime due = nextDeadline();
    if (!due.isValid()) {
        m_timer.stop();
        return;
    }
    // A timer that fires early finds nothing due and sets itself again.
    const qint64 wait = std::clamp<qint64>(m_clock().msecsTo(due), 0, std::numeric_limits<int>::max());
    m_timer.start(int(wait));
}

void ChatStates::poll()
{
    const qint64 t = now();
    QList<std::pair<QString, ChatState>> sends;
    for (auto it = m_machines.begin(); it != m_machines.end(); ++it) {
        if (const auto next = it->tick(t))
            sends.append({ it.key(), *next });
    }
    QStringList stale;
    for (const QString &chat : std::as_const(m_composing)) {
        const QDateTime at = m_peers.value(chat).at;
        if (!at.isValid() || t >= at.toMSecsSinceEpoch() + m_timing.composingTimeoutMs)
            stale.append(chat);
    }
    for (const QString &chat : std::as_const(stale))
        m_composing.remove(chat);
    reschedule();
    for (const auto &[chat, state] : std::as_const(sends))
        send(chat, state);
    for (const QString &chat : std::as_const(stale))
        Q_EMIT peerStateChanged(chat);
}

void ChatStates::onStanza(const QXmppMessage &message)
{
    const Peer peer = oneToOnePeer(message, m_transport->accountJid());
    if (peer.chat.isEmpty() || peer.fromOwnDevice)
        return;
    const QString &chat = peer.chat;
    const ChatState state = Stanzas::toChatState(message.state());
    if (state != ChatState::None) {
        if (m_peers.value(chat).support != ChatStateSupport::Yes)
            setSupport(chat, ChatStateSupport::Yes);
        setPeerState(chat, state);
        return;
    }
    // Only a live reply tells what the contact's client does now; a stored
    // copy (delayed: it waited offline) may come from long ago.
    if (message.body().isEmpty() || message.stamp().isValid())
        return;
    // XEP-0085 §5.1: a reply without a chat state means their client does not
    // take part: send no more.
    if (m_peers.value(chat).support != ChatStateSupport::No)
        setSupport(chat, ChatStateSupport::No);
    // Whatever they were doing, they have written since: no line stays up.
    if (m_peers.value(chat).state != ChatState::None)
        setPeerState(chat, ChatState::None);
}

void ChatStates::setPeerState(const QString &chat, ChatState state)
{
    PeerChatState &peer = m_peers[chat];
    peer.state = state;
    peer.at = m_clock();
    if (state == ChatState::Composing)
        m_composing.insert(chat);
    else
        m_composing.remove(chat);
    save(chat, true, false);
    reschedule();
    Q_EMIT peerStateChanged(chat);
}

void ChatStates::setSupport(const QString &chat, ChatStateSupport support)
{
    m_peers[chat].support = support;
    if (support != ChatStateSupport::Yes) {
        m_machines.remove(chat);
        reschedule();
    }
    save(chat, false, true);
}

void ChatStates::save(const QString &chat, bool state, bool support)
{
    const PeerChatState peer = m_peers.value(chat);
    QStringList updates;
    if (state)
        updates << QStringLiteral("state = excluded.state") << QStringLiteral("state_at = excluded.state_at");
    if (support)
        updates << QStringLiteral("peer_support = excluded.peer_support");
    const QString sql = QStringLiteral("INSERT INTO chat_states (chat, state, state_at, peer_support) "
                                       "VALUES (?, ?, ?, ?) ON CONFLICT (chat) DO UPDATE SET ")
        + updates.join(QStringLiteral(", "));
    m_store
        ->run<Done>(HistoryStore::Access::Write,
            [chat, peer, sql](QSqlDatabase &db) -> Expected<Done> {
                if (!db.isOpen())
                    return notOpenError();
                QSqlQuery q(db);
                q.prepare(sql);
                q.addBindValue(chat);
                q.addBindValue(chatStateName(peer.state));
                q.addBindValue(peer.at.isValid() ? QVariant(peer.at.toMSecsSinceEpoch())
                                                 : QVariant(QMetaType::fromType<qint64>()));
                q.addBindValue(static_cast<int>(peer.support));
                if (!q.exec())
                    return Error { tr("The chat state of %1 could not be saved: %2")
                                       .arg(chat, q.lastError().text().trimmed()) };
                return Done {};
            })
        .then(this, [this](Expected<Done> saved) {
            if (!saved)
                Q_EMIT storageError(saved.errorMessage());
        });
}

} // namespace Jw
