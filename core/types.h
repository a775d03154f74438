#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Jw {

enum class Direction { Incoming, Outgoing };

/// What kind of conversation a chat is: with one person, or a room
/// (XEP-0045 group chat, core/rooms.h). Kept per conversation (schema version 7).
enum class ChatKind { Chat, GroupChat };

/// Where a message stands. Outgoing: Queued (stored, not yet acknowledged by
/// the server) -> Sent (stream management ack) -> Delivered (XEP-0184
/// receipt), or Failed. Incoming messages are Received.
enum class DeliveryState { Queued = 0, Sent = 1, Delivered = 2, Failed = 3, Received = 4 };

/// An invitation to a room carried by a stored message (core/invitations.h):
/// a direct one (XEP-0249) from the sender of the message, or a mediated one
/// (XEP-0045 §7.8.2) sent by the room itself, naming who it says invited us.
struct RoomInvitation
{
    QString room; ///< the room's bare address; empty: the message is no invitation
    QString password;
    QString reason;
    /// Mediated: who the room says invited us (its word only). Direct: the sender.
    QString inviter;
    bool mediated = false;

    bool isNull() const { return room.isEmpty(); }
    bool operator==(const RoomInvitation &) const = default;
};

/// RoomInvitation as kept in the history (column messages.invitation,
/// schema version 9): JSON, "" for none.
QString storedInvitation(const RoomInvitation &invitation);
RoomInvitation invitationFromStored(const QString &stored);

/// One reaction to a message (XEP-0444): who (a bare address, or in a room
/// "id:" and the occupant id, else "nick:" and the nickname) and which emoji.
struct Reaction
{
    QString from;
    QString emoji;
    bool own = false; ///< ours (from this account, any of its devices)
    bool operator==(const Reaction &) const = default;
};

/// One stored message. Times are UTC.
struct Message
{
    qint64 rowId = 0; ///< the store's id; also the read position's unit
    QString chat; ///< bare address of the other person
    QString messageId; ///< the stanza's id (origin-id when present)
    Direction direction = Direction::Incoming;
    QString from;
    QString to;
    QString body;
    QDateTime sentAt; ///< when the sender sent it (XEP-0203 stamp if delayed)
    QDateTime receivedAt; ///< when it was stored here
    DeliveryState state = DeliveryState::Received;
    bool arrivedOffline = false;
    /// The sent time came with digits below the second (ejabberd's archive
    /// stamps have microseconds): sortKey() takes it as it is, even when it
    /// lands on a whole second. Not stored; only read when the message is.
    bool preciseStamp = false;
    /// XEP-0333: the sender asked for chat markers (`<markable/>`).
    bool markable = false;
    QString stanzaId; ///< the server's XEP-0359 stanza-id, when trusted
    QString error; ///< the server's reason, when Failed
    /// Its conversation's kind. In a room (GroupChat): `chat` is the room's
    /// bare address, `from` the occupant address (room@service/nick; the
    /// bare room for a room notice), `stanzaId` the room's (XEP-0359 with
    /// by = the room), and:
    ChatKind kind = ChatKind::Chat;
    QString nick; ///< the sender's nickname in the room; empty: a notice from the room itself
    QString occupantId; ///< the room's stable id of the sender (XEP-0421), when the room gives one
    /// Set when the message is an invitation to a room (schema version 9).
    RoomInvitation invitation;
    /// XEP-0066: the link to a file the message carries (an upload, XEP-0363);
    /// empty for none (schema version 12). The body holds the same link.
    QString outOfBandUrl;

    // Edits (issue 18, core/edits.h). What a stanza asks (a message that
    // arrives or is sent with one of these is about another message, the
    // target, named by its message id in the same chat):
    QString replaces; ///< XEP-0308: corrects the target; `body` is its new text
    QString retracts; ///< XEP-0424: retracts the target (its body is only a fallback)
    /// XEP-0444: the sender's reactions to the target, all of them now
    /// (`reactionSet`; empty: none any more). Replaces their earlier set.
    QString reactsTo;
    QStringList reactionSet;
    // What the history keeps about the message itself:
    bool edited = false; ///< corrected at least once; `body` is the current text
    QStringList versions; ///< the texts it had before, oldest first
    bool retracted = false; ///< deleted for everyone: `body` is empty
    QString replyTo; ///< XEP-0461: the message id it answers, "" if none
    QString replyToJid; ///< XEP-0461: who wrote the message it answers (not stored; the id finds it)
    QList<Reaction> reactions; ///< XEP-0444: each sender's current reactions

    bool isIncoming() const { return direction == Direction::Incoming; }

    /// Where the message sorts in its chat, in ms since the epoch: its send
    /// time. XEP-0203 stamps often have whole-second precision; such a
    /// message sorts at the end of its second, but never after the moment it
    /// arrived, so it cannot jump ahead of a live message it followed.
    qint64 sortKey() const;
};

/// What the history knows about the other person of a chat (table `peers`,
/// schema version 5); the rules that use it are in core/requests.h.
struct StandingFlags
{
    bool inRoster = false; ///< mirrors the server's roster
    /// The person accepted them: accepted a request, opened the chat
    /// themselves, or wrote to them (read from the messages).
    bool accepted = false;
    bool blocked = false; ///< mirrors the server's blocklist (XEP-0191)

    bool operator==(const StandingFlags &) const = default;
};

/// One row of the conversation list.
struct Conversation
{
    QString chat;
    QString name;
    ChatKind kind = ChatKind::Chat;
    QString lastBody;
    QString lastNick; ///< in a room: the nickname of the last message's sender; empty for a notice or ours
    QDateTime lastAt;
    Direction lastDirection = Direction::Incoming;
    int unread = 0;
    qint64 lastReadRowId = 0;
    /// Who the other person is to us (see core/requests.h). None of the
    /// three: a message request.
    StandingFlags standingFlags;
};

/// XEP-0085 chat states.
enum class ChatState { None, Active, Inactive, Gone, Composing, Paused };

enum class PresenceStatus { Offline, Available, Away, DoNotDisturb };

enum class Subscription { None, From, To, Both };

/// A roster entry with what is known of its presence.
struct Contact
{
    QString jid;
    QString name;
    Subscription subscription = Subscription::None;
    PresenceStatus presence = PresenceStatus::Offline;
    QString statusText;
    bool inRoster = false; ///< the roster has an entry for them (whatever the subscription)
    /// We asked to see their status and they have not answered yet.
    bool askPending = false;

    /// Whether their status can be known: they share it with us.
    bool sharesPresence() const { return subscription == Subscription::To || subscription == Subscription::Both; }
    /// Whether they see our status: we allowed it.
    bool seesOurPresence() const { return subscription == Subscription::From || subscription == Subscription::Both; }
    QString displayName() const { return name.isEmpty() ? jid : name; }
};

QString stateName(DeliveryState state);
QString directionName(Direction direction);
/// "chat" or "groupchat" (as stored, and in the export).
QString kindName(ChatKind kind);
ChatKind kindFromName(const QString &name);

} // namespace Jw

Q_DECLARE_METATYPE(Jw::Message)
Q_DECLARE_METATYPE(Jw::Contact)

namespace Jw {
/// "Jabberwock 0.1.0 (Qt 6.8.2, QXmpp 1.10.3)" for --version and bug reports.
QString versionText();
} // namespace Jw
