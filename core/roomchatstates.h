#pragma once

#include "chatstates.h"
#include "roomwire.h"
#include "types.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>

namespace Jw {

class Rooms;

/// Who is typing in a room, both ways (\xep{0085} in group chat, §5.4).
///
/// Out: the same ChatStateMachine and timings as 1:1 (ChatStates) decide
/// what to tell a room when the person types in its composer, pauses,
/// deletes the text, sends or leaves the room's view. A state goes out as a
/// groupchat message of its own without body, marked no-store, only while
/// the room is joined and sending is enabled. `<gone/>` is not sent to a
/// room (§5.4); leaving the room says it well enough.
///
/// In: the occupants' chat states from the room's wire. Our own reflection
/// is not counted (our occupant id, XEP-0421, where the room gives one;
/// else our nickname). A person is counted by occupant id where the room
/// gives one, else by nickname, and followed through a nickname change.
/// Someone who leaves, sends a message, or whose "composing" had no update
/// for `composingTimeoutMs` is no longer typing.
class RoomChatStates final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomChatStates)

public:
    using Clock = std::function<QDateTime()>;

    explicit RoomChatStates(Rooms *rooms, QObject *parent = nullptr);
    ~RoomChatStates() override;

    void setTiming(const ChatStateTiming &timing);
    ChatStateTiming timing() const { return m_timing; }
    void setClock(Clock clock);
    /// Off: nothing is sent (the person's "send typing notifications" setting).
    void setSendingEnabled(bool enabled);
    bool isSendingEnabled() const { return m_sendingEnabled; }

    // What the person does in a room's view (the UI reports it).
    void typed(const QString &room);
    void composerCleared(const QString &room);
    void chatShown(const QString &room);
    void chatHidden(const QString &room);
    void chatLeft(const QString &room);
    /// Every room's view closes (the window closes, the application quits).
    void closeAll();
    /// What we last told `room` since it was joined (None: nothing).
    ChatState sentState(const QString &room) const;

    /// The nicknames of the people typing in `room` now, the first to start first.
    QStringList typing(const QString &room) const;
    /// "Jenny is typing…", "Jenny and Michael are typing…", "Jenny, Michael
    /// and 2 others are typing…"; empty when nobody is.
    QString typingText(const QString &room) const { return typingText(typing(room)); }
    static QString typingText(const QStringList &nicks);

public Q_SLOTS:
    /// Applies every deadline that has passed (the timer calls it; tests
    /// with their own clock call it after moving the clock).
    void poll();

Q_SIGNALS:
    /// Who is typing in `room` changed.
    void typingChanged(const QString &room);
    /// We told `room` our state.
    void stateSent(const QString &room, Jw::ChatState state);

private:
    struct Typist
    {
        QString nick;
        quint64 order = 0; ///< when typing began, as a count (the order shown)
        QDateTime at; ///< the last "composing"
    };

    qint64 now() const;
    bool canSend(const QString &room) const;
    void drive(const QString &room, bool create,
        const std::function<std::optional<ChatState>(ChatStateMachine &, qint64)> &event);
    void send(const QString &room, ChatState state);
    void forget(const QString &room);
    void onStanza(const RoomStanza &stanza);
    void onPresence(const RoomPresence &presence);
    void reschedule();

    Rooms *const m_rooms;
    RoomWire *const m_wire;
    Clock m_clock;
    ChatStateTiming m_timing;
    bool m_sendingEnabled = true;
    QHash<QString, ChatStateMachine> m_machines; ///< our side, per room, this join
    /// Their side: room -> person (u"id:" occupant id, or u"nick:" nickname) -> typing.
    QHash<QString, QHash<QString, Typist>> m_typists;
    quint64 m_started = 0; ///< typists counted so far (their order)
    QTimer m_timer;
};

} // namespace Jw
