#include "roomchatstates.h"

#include "rooms.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace Jw {
namespace {

QString personKey(const QString &occupantId, const QString &nick)
{
    if (occupantId.isEmpty())
        return u"nick:" + nick;
    return u"id:" + occupantId;
}

} // namespace

RoomChatStates::RoomChatStates(Rooms *rooms, QObject *parent)
    : QObject(parent)
    , m_rooms(rooms)
    , m_wire(rooms->wire())
    , m_clock(&QDateTime::currentDateTimeUtc)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RoomChatStates::poll);
    connect(m_wire, &RoomWire::messageReceived, this, &RoomChatStates::onStanza);
    connect(m_wire, &RoomWire::presenceReceived, this, &RoomChatStates::onPresence);
    // Out of the room (left, put out, the connection gone): what we told it
    // and who typed there end; a new join starts afresh.
    connect(m_rooms, &Rooms::left, this, &RoomChatStates::forget);
    connect(m_rooms, &Rooms::occupantsCleared, this, &RoomChatStates::forget);
    connect(m_rooms, &Rooms::removed, this, [this](const QString &room) { forget(room); });
    connect(m_rooms, &Rooms::joined, this, [this](const QString &room) { m_machines.remove(room); });
    // The message carries the end of typing; no stanza of its own.
    connect(m_rooms, &Rooms::messageAdded, this, [this](const Message &m) {
        if (m.kind == ChatKind::GroupChat && !m.isIncoming() && m.state == DeliveryState::Queued) {
            drive(m.chat, false, [](ChatStateMachine &machine, qint64 t) {
                machine.messageSent(t);
                return std::optional<ChatState>();
            });
        }
    });
    if (const QCoreApplication *app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, &RoomChatStates::closeAll);
}

RoomChatStates::~RoomChatStates() = default;

qint64 RoomChatStates::now() const
{
    return m_clock().toMSecsSinceEpoch();
}

void RoomChatStates::setTiming(const ChatStateTiming &timing)
{
    m_timing = timing;
    for (ChatStateMachine &machine : m_machines)
        machine.setTiming(timing);
    reschedule();
}

void RoomChatStates::setClock(Clock clock)
{
    m_clock = std::move(clock);
    poll();
}

void RoomChatStates::setSendingEnabled(bool enabled)
{
    m_sendingEnabled = enabled;
    if (!enabled)
        m_machines.clear();
    reschedule();
}

bool RoomChatStates::canSend(const QString &room) const
{
    return m_sendingEnabled && m_wire->isOnline() && m_rooms->state(room) == Rooms::State::Joined;
}

void RoomChatStates::drive(const QString &room, bool create,
    const std::function<std::optional<ChatState>(ChatStateMachine &, qint64)> &event)
{
    if (room.isEmpty() || !canSend(room))
        return;
    auto it = m_machines.find(room);
    if (it == m_machines.end()) {
        if (!create)
            return;
        it = m_machines.insert(room, ChatStateMachine(m_timing));
    }
    const std::optional<ChatState> next = event(*it, now());
    reschedule();
    if (next)
        send(room, *next);
}

void RoomChatStates::send(const QString &room, ChatState state)
{
    if (state == ChatState::Gone || !canSend(room))
        return;
    if (m_wire->sendChatState(room, state))
        Q_EMIT stateSent(room, state);
}

void RoomChatStates::typed(const QString &room)
{
    drive(room, true, [](ChatStateMachine &m, qint64 t) { return m.typed(t); });
}

void RoomChatStates::composerCleared(const QString &room)
{
    drive(room, false, [](ChatStateMachine &m, qint64 t) { return m.cleared(t); });
}

void RoomChatStates::chatShown(const QString &room)
{
    drive(room, false, [](ChatStateMachine &m, qint64 t) { return m.shown(t); });
}

void RoomChatStates::chatHidden(const QString &room)
{
    drive(room, false, [](ChatStateMachine &m, qint64 t) { return m.hidden(t); });
}

void RoomChatStates::chatLeft(const QString &room)
{
    drive(room, false, [](ChatStateMachine &m, qint64 t) { return m.left(t); });
}

void RoomChatStates::closeAll()
{
    // <gone/> is not for rooms; a room being written in is told we stopped.
    const QStringList rooms = m_machines.keys();
    for (const QString &room : rooms)
        drive(room, false, [](ChatStateMachine &m, qint64 t) { return m.left(t); });
}

ChatState RoomChatStates::sentState(const QString &room) const
{
    const auto it = m_machines.constFind(room);
    return it == m_machines.cend() ? ChatState::None : it->state();
}

QStringList RoomChatStates::typing(const QString &room) const
{
    const auto it = m_typists.constFind(room);
    if (it == m_typists.cend())
        return {};
    const QDateTime t = m_clock();
    QList<Typist> people;
    for (const Typist &typist : *it) {
        if (typist.at.msecsTo(t) < m_timing.composingTimeoutMs)
            people.append(typist);
    }
    std::sort(people.begin(), people.end(), [](const Typist &a, const Typist &b) {
        return a.order < b.order;
    });
    QStringList nicks;
    for (const Typist &typist : std::as_const(people))
        nicks.append(typist.nick);
    return nicks;
}

QString RoomChatStates::typingText(const QStringList &nicks)
{
    switch (nicks.size()) {
    case 0:
        return {};
    case 1:
        return tr("%1 is typing…").arg(nicks[0]);
    case 2:
        return tr("%1 and %2 are typing…").arg(nicks[0], nicks[1]);
    case 3:
        return tr("%1, %2 and %3 are typing…").arg(nicks[0], nicks[1], nicks[2]);
    default:
        return tr("%1, %2 and %n others are typing…", nullptr, int(nicks.size() - 2)).arg(nicks[0], nicks[1]);
    }
}

void RoomChatStates::forget(const QString &room)
{
    m_machines.remove(room);
    if (m_typists.remove(room))
        Q_EMIT typingChanged(room);
    reschedule();
}

void RoomChatStates::onStanza(const RoomStanza &s)
{
    // Live only: a replayed or delayed state says nothing about now; a
    // message without nickname is the room's own.
    if (s.nick.isEmpty() || s.stamp.isValid() || m_rooms->state(s.room) == Rooms::State::Out)
        return;
    const QString ownId = m_rooms->ownOccupantId(s.room);
    const bool ours = !s.occupantId.isEmpty() && !ownId.isEmpty() ? s.occupantId == ownId
                                                                   : s.nick == m_rooms->nick(s.room);
    if (ours)
        return;
    const QString key = personKey(s.occupantId, s.nick);
    QHash<QString, Typist> &people = m_typists[s.room];
    const bool composing = s.body.isEmpty() && s.chatState == ChatState::Composing;
    if (!composing) {
        // A message, or any other state: no longer typing.
        if (s.body.isEmpty() && s.chatState == ChatState::None)
            return;
        if (people.remove(key) > 0) {
            reschedule();
            Q_EMIT typingChanged(s.room);
        }
        return;
    }
    const QDateTime t = m_clock();
    auto it = people.find(key);
    const bool shown = it != people.end() && it->at.msecsTo(t) < m_timing.composingTimeoutMs;
    if (!shown)
        it = people.insert(key, Typist { s.nick, ++m_started, t });
    it->nick = s.nick;
    it->at = t;
    reschedule();
    if (!shown)
        Q_EMIT typingChanged(s.room);
}

void RoomChatStates::onPresence(const RoomPresence &p)
{
    if (p.isSelf())
        return; // our own leaving clears the room through Rooms
    auto room = m_typists.find(p.room);
    if (room == m_typists.end())
        return;
    const QString &nick = p.occupant.nick;
    bool changed = false;
    if (!p.available && p.statusCodes.contains(303) && !p.newNick.isEmpty()) {
        // A nickname change: the same person goes on typing under the new name.
        const QString oldKey = personKey(QString(), nick);
        if (auto it = room->find(oldKey); it != room->end()) {
            Typist typist = *it;
            room->erase(it);
            typist.nick = p.newNick;
            room->insert(personKey(QString(), p.newNick), typist);
            changed = true;
        }
        for (Typist &typist : *room) {
            if (typist.nick == nick) {
                typist.nick = p.newNick;
                changed = true;
            }
        }
    } else if (!p.available) {
        // Gone from the room: by occupant id where given, else by nickname.
        for (auto it = room->begin(); it != room->end();) {
            const bool same = !p.occupant.occupantId.isEmpty()
                ? it.key() == personKey(p.occupant.occupantId, nick) || it->nick == nick
                : it->nick == nick;
            if (same) {
                it = room->erase(it);
                changed = true;
            } else {
                ++it;
            }
        }
    } else if (!p.occupant.occupantId.isEmpty()) {
        // The room may tell a new nickname only through the occupant's presence.
        if (auto it = room->find(personKey(p.occupant.occupantId, nick)); it != room->end() && it->nick != nick) {
            it->nick = nick;
            changed = true;
        }
    }
    if (changed) {
        reschedule();
        Q_EMIT typingChanged(p.room);
    }
}

void RoomChatStates::reschedule()
{
    std::optional<qint64> due;
    const auto earlier = [&due](qint64 t) { due = due ? std::min(*due, t) : t; };
    for (const ChatStateMachine &machine : std::as_const(m_machines)) {
        if (const auto d = machine.deadline())
            earlier(*d);
    }
    for (const auto &people : std::as_const(m_typists)) {
        for (const Typist &typist : people)
            earlier(typist.at.toMSecsSinceEpoch() + m_timing.composingTimeoutMs);
    }
    if (!due) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(*due - now(), 0, std::numeric_limits<int>::max());
    m_timer.start(int(wait));
}

void RoomChatStates::poll()
{
    const qint64 t = now();
    QList<std::pair<QString, ChatState>> sends;
    for (auto it = m_machines.begin(); it != m_machines.end(); ++it) {
        if (const auto next = it->tick(t))
            sends.append({ it.key(), *next });
    }
    QStringList stale;
    for (auto room = m_typists.begin(); room != m_typists.end(); ++room) {
        const qsizetype before = room->size();
        room->removeIf([this, t](const auto &it) {
            return t >= it.value().at.toMSecsSinceEpoch() + m_timing.composingTimeoutMs;
        });
        if (room->size() != before)
            stale.append(room.key());
    }
    reschedule();
    for (const auto &[room, state] : std::as_const(sends))
        send(room, state);
    for (const QString &room : std::as_const(stale))
        Q_EMIT typingChanged(room);
}

} // namespace Jw
