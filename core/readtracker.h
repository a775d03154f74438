#pragma once

#include "types.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Jw {

/// One conversation's read state. Positions are the history's row ids
/// (Message::rowId), never a flag per message; 0 means "none".
struct ChatReadState
{
    qint64 lastRead = 0; ///< "last seen": the newest message the person has read
    qint64 newestIncoming = 0; ///< the newest message received
    QString newestIncomingId; ///< its stanza id
    /// The newest received message that asked for markers (XEP-0333
    /// `<markable/>`): a displayed marker may only name such a message.
    qint64 newestMarkable = 0;
    QString newestMarkableId; ///< its stanza id
    qint64 marker = 0; ///< the received message our newest displayed marker is about (sent or owed)
    QString markerId; ///< its stanza id
    bool markerPending = false; ///< that marker has yet to be sent

    bool hasUnread() const { return newestIncoming > lastRead; }
    friend bool operator==(const ChatReadState &, const ChatReadState &) = default;
};

/// Decides what the person has read, where the "New messages" line stands,
/// and which \xep{0333} displayed marker to send. It holds no window, no
/// history and no connection: it is fed events and says what follows.
///
/// - A message counts as read only while its chat is the one shown and the
///   window is active. The read position then moves to the newest message.
/// - The "New messages" line (the marker line) is kept apart from the read
///   position (Quassel's setBufferLastSeenMsg / setBufferMarkerLineMsg). It
///   stands after the read position as it was when the person started
///   reading the chat, and stays there while they read; it moves only when
///   they leave the chat, or when new messages come while the window is
///   inactive.
/// - A displayed marker goes out once, for the newest received message read
///   that asked for markers (`<markable/>`): XEP-0333 §4 forbids one for a
///   message that did not. The read position moves all the same.
class ReadTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadTracker)

public:
    explicit ReadTracker(QObject *parent = nullptr);

    /// What the history knows of `chat`. Merged with what is known already:
    /// positions never move backwards.
    void load(const QString &chat, const ChatReadState &stored);
    /// The chat now shown, "" for none.
    void setShownChat(const QString &chat);
    /// Whether the window is active (focused, not minimised).
    void setWindowActive(bool active);
    /// A message was stored. One of ours counts as having read what came
    /// before it (readStateChanged: the position is to be kept), but sends
    /// no marker. `markable`: a received message asked for markers.
    void messageArrived(
        const QString &chat, qint64 rowId, const QString &messageId, Direction direction, bool markable);
    /// Another of the person's devices displayed the received message
    /// `rowId` (its own displayed marker, e.g. through carbons): read up to
    /// it; that device has told the sender already.
    void readElsewhere(const QString &chat, qint64 rowId, const QString &messageId);
    /// The owed marker of `chat` went out.
    void markerSent(const QString &chat);
    /// Whether displayed markers are sent at all (default yes). Turned off,
    /// owed markers are dropped and reading owes none.
    void setSendMarkers(bool send);

    QString shownChat() const { return m_shown; }
    bool isWindowActive() const { return m_active; }
    bool sendsMarkers() const { return m_sendMarkers; }
    /// Whether what arrives in `chat` is read at once.
    bool isReading(const QString &chat) const;
    ChatReadState state(const QString &chat) const { return m_chats.value(chat); }
    qint64 readPosition(const QString &chat) const { return m_chats.value(chat).lastRead; }
    /// The chats it knows (loaded or seen since).
    QStringList chats() const { return m_chats.keys(); }
    /// Where the "New messages" line of `chat` stands: above the first
    /// received message whose row id is greater than this. None when the
    /// chat is not shown or nothing was unread.
    std::optional<qint64> markerLine(const QString &chat) const;
    /// The chats whose marker is still owed, e.g. read while offline.
    QStringList pendingMarkers() const;

Q_SIGNALS:
    /// Another chat is shown ("" for none).
    void shownChatChanged(const QString &chat);
    /// The read position or the marker of `chat` changed: state(chat) is to be kept.
    void readStateChanged(const QString &chat);
    void markerLineChanged(const QString &chat);
    /// A displayed marker for `messageId` is owed to `chat`; call markerSent() once it went out.
    void markerDue(const QString &chat, const QString &messageId);

private:
    enum class Cause { Arrived, StartedReading, Loaded };
    void update(const QString &chat, Cause cause);
    void setLine(std::optional<qint64> line);

    QHash<QString, ChatReadState> m_chats;
    QString m_shown;
    bool m_active = false;
    bool m_sendMarkers = true;
    std::optional<qint64> m_line; ///< of the shown chat
};

} // namespace Jw
