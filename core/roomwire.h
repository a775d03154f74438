#pragma once

// Internal to core: rooms (XEP-0045) on the wire, behind an interface of our
// own. Rooms (rooms.h) decides and stores; a RoomWire only speaks the
// protocol. Today's is QXmppRoomWire (raw stanzas over QXmpp 1.10, which has
// only the legacy QXmppMucManager: no history control, no self-ping, no
// reflected-message matching); a later QXmpp's QXmppMucManagerV2 can stand
// behind this interface instead. Tests use their own.

#include "types.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Jw {

/// An occupant's role and affiliation (XEP-0045 §5), as the room says.
struct Occupant
{
    QString nick;
    QString role; ///< "moderator", "participant", "visitor" ("none" when gone)
    QString affiliation; ///< "owner", "admin", "member", "none", "outcast"
    QString occupantId; ///< XEP-0421, when the room gives one
    QString realJid; ///< in a non-anonymous room (or to moderators)
    PresenceStatus presence = PresenceStatus::Available;
    QString statusText;

    bool operator==(const Occupant &) const = default;
};

/// A presence from a room, read.
struct RoomPresence
{
    QString room; ///< bare
    Occupant occupant;
    bool available = true; ///< false: unavailable (the occupant left, or we did)
    QList<int> statusCodes; ///< muc#user status codes (110 self, 210 nick rewritten, 303 nick change, …)
    QString newNick; ///< with 303: the nickname the occupant is changing to
    bool destroyed = false; ///< the room was destroyed (muc#user <destroy/>)
    QString reason; ///< with a kick, ban or destruction, when given

    bool isSelf() const { return statusCodes.contains(110); }
};

/// A groupchat message from a room, read (live, replayed or archived).
struct RoomStanza
{
    QString room; ///< bare
    QString nick; ///< the sender's nickname; empty: the room itself (a notice)
    QString id; ///< origin-id (XEP-0359) if present, else the stanza's id
    QString body;
    QString outOfBandUrl; ///< XEP-0066: a file's link (jabber:x:oob <url/>)
    QString subject;
    bool hasSubject = false;
    QString stanzaId; ///< the room's stanza-id (by = the room), or the archive id; else empty
    QString occupantId; ///< XEP-0421
    QDateTime stamp; ///< XEP-0203 delay, or the archive's stamp
    bool preciseStamp = false; ///< the stamp had fractional seconds (ejabberd: microseconds; Prosody: none)
    ChatState chatState = ChatState::None; ///< XEP-0085, when it carries one
    QString displayedId; ///< XEP-0333: the id a <displayed/> marker points at
    QString replaces; ///< XEP-0308: the id of the message this corrects
    QString retracts; ///< XEP-0424: the id of the message this retracts
    QString replyTo; ///< XEP-0461: the id answered (in a room, its stanza-id)
    QString reactsTo; ///< XEP-0444: the id reacted to (in a room, its stanza-id)
    QStringList reactions; ///< with reactsTo: the sender's whole set (empty: taken back)
};

/// A reply's reference (XEP-0461) for RoomWire::send: the room's id of the
/// message answered, its sender's occupant address, and the quote for
/// clients without replies (left out when `quotedName` is empty).
struct RoomReply
{
    QString id;
    QString jid;
    QString quotedName;
    QString quotedText;
};

/// One item of a muc#admin request (XEP-0045 §8.2 kick: nick and role
/// "none"; §9.1 ban, §9.3/§9.4 membership: jid or nick and an affiliation).
struct RoomAdminItem
{
    QString nick;
    QString jid; ///< bare; for an affiliation, preferred to the nick where known
    QString role;
    QString affiliation;
    QString reason;
};

/// Why a join failed (XEP-0045 §7.2 errors).
enum class JoinError {
    RoomNotFound, ///< item-not-found
    NickTaken, ///< conflict (409)
    MembersOnly, ///< registration-required
    Banned, ///< forbidden
    WrongPassword, ///< not-authorized
    ServiceNotFound, ///< remote-server-not-found (or the service does not answer)
    RoomFull, ///< service-unavailable
    Other,
};

/// The room's wire: one instance per account, over its connection.
class RoomWire : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomWire)

public:
    using QObject::QObject;

    virtual bool isOnline() const = 0;
    /// The account's bare address.
    virtual QString accountJid() const = 0;
    /// Asks what the room offers (disco#info): answers with features().
    virtual void askFeatures(const QString &room) = 0;
    /// Sends the join presence. `withoutHistory`: `<history maxchars='0'/>`.
    virtual void join(const QString &room, const QString &nick, const QString &password, bool withoutHistory) = 0;
    virtual void leave(const QString &room, const QString &nick) = 0;
    virtual void changeNick(const QString &room, const QString &nick) = 0;
    /// Accepts the default configuration of a room we just made (status 201).
    virtual void acceptDefaultConfiguration(const QString &room) = 0;
    /// Sends a groupchat message with `id` as id and origin-id. False when
    /// not online. The outcome arrives as sendSettled.
    virtual bool send(const QString &room, const QString &body, const QString &id, const QString &outOfBandUrl = {},
        const RoomReply &reply = {}) = 0;
    /// Sends our reactions (XEP-0444) with `id`: the whole set for the
    /// message whose room stanza-id is `targetId` (empty: taken back).
    /// False when not online; else the outcome arrives as sendSettled.
    virtual bool sendReactions(const QString &room, const QString &id, const QString &targetId,
        const QStringList &emojis) = 0;
    /// Sends an edit of our message (issue 18) with `id`: a correction
    /// (XEP-0308: `body` the new text of our message `replaces`) or a
    /// retraction (XEP-0424: `retracts`, the room's stanza-id of ours).
    /// False when not online or not supported; else the outcome arrives as
    /// sendSettled.
    virtual bool sendEdit(const QString &room, const QString &id, const QString &body, const QString &replaces,
        const QString &retracts)
    {
        Q_UNUSED(room) Q_UNUSED(id) Q_UNUSED(body) Q_UNUSED(replaces) Q_UNUSED(retracts)
        return false;
    }
    /// Reads the room's archive (XEP-0313): after `afterId` forward to the
    /// end, or without an id the newest page. Results from the room only.
    /// A read of the same room asked for earlier ends here: its pages still
    /// to come are not reported (archivePageDone, archiveFailed), so a join
    /// redone is caught up by its own read alone.
    virtual void fetchArchive(const QString &room, const QString &afterId) = 0;
    /// XEP-0410 self-ping: answers with pinged().
    virtual void selfPing(const QString &room, const QString &nick) = 0;
    /// A chat state (XEP-0085) to the room, in a groupchat message of its
    /// own without body, marked no-store (XEP-0334). False when not online.
    virtual bool sendChatState(const QString &room, ChatState state) = 0;
    /// A displayed marker (XEP-0333) for `id` (the room's stanza-id) to the room.
    virtual bool sendDisplayed(const QString &room, const QString &id) = 0;
    /// Changes the subject (XEP-0045 §8.1): a groupchat message with
    /// `<subject/>` and `id`. Answered with requestAnswered(): an error, or
    /// the room's subject message that follows. False when not online.
    virtual bool setSubject(const QString &room, const QString &id, const QString &subject) = 0;
    /// A muc#admin set with one item (kick, ban, membership), as an IQ with
    /// `id`; answered with requestAnswered(). False when not online.
    virtual bool administer(const QString &room, const QString &id, const RoomAdminItem &item) = 0;
    /// Destroys the room (XEP-0045 §10.9, muc#owner), as an IQ with `id`;
    /// answered with requestAnswered(). False when not online.
    virtual bool destroyRoom(const QString &room, const QString &id, const QString &reason) = 0;

Q_SIGNALS:
    void onlineChanged(bool online);
    /// The room's disco#info: its features, or why there is none (`error`
    /// set: a JoinError for the service or the room).
    void features(const QString &room, const QStringList &features, std::optional<Jw::JoinError> error);
    void presenceReceived(const Jw::RoomPresence &presence);
    /// A presence error from the room: `nick` the one we tried.
    void joinFailed(const QString &room, const QString &nick, Jw::JoinError error, const QString &text);
    void messageReceived(const Jw::RoomStanza &message);
    /// One of our messages came back as an error.
    void messageFailed(const QString &room, const QString &id, const QString &text);
    /// The server took (true) or did not take (false: the connection went)
    /// our message, correction, retraction or reactions.
    void sendSettled(const QString &room, const QString &id, bool taken);
    void archiveMessage(const Jw::RoomStanza &message);
    /// A page of the room's archive was handed out; `lastId` its newest id.
    void archivePageDone(const QString &room, const QString &lastId, bool complete);
    /// `retryable`: the server did not answer in time, or said to wait;
    /// not when it refused the query (an unknown position, say).
    void archiveFailed(const QString &room, const QString &reason, bool retryable = true);
    /// `joined`: the room still knows us under that nick (XEP-0410).
    void pinged(const QString &room, bool joined);
    /// The answer to setSubject(), administer() or destroyRoom() `id`:
    /// `condition` empty when done, else the stanza error's condition
    /// ("forbidden", "not-allowed", "item-not-found", …) and its text.
    void requestAnswered(const QString &room, const QString &id, const QString &condition, const QString &text);
    /// From the room's disco#info form (muc#roominfo_subjectmod, Prosody's
    /// muc#roomconfig_changesubject): whether occupants who are not
    /// moderators may change the subject.
    void subjectRule(const QString &room, bool occupantsMayChange);
};

} // namespace Jw

Q_DECLARE_METATYPE(Jw::Occupant)
