#pragma once

#include "roomwire.h"
#include "types.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

namespace Jw {

class HistoryStore;
class Transport;

/// One account's rooms (\xep{0045} group chat): joining, the room's history
/// without gaps or doubles, our own messages, the occupants, leaving. Binds
/// a RoomWire (the protocol) to the history, as Messenger does for 1:1.
///
/// - Join: where the room keeps an archive (disco feature urn:xmpp:mam:2)
///   it is joined with `<history maxchars='0'/>` and read from its archive
///   after the last room stanza-id stored, page by page, the messages
///   flagged as arrived while offline; where it keeps none, the room's
///   replay is taken and what was stored before is not stored again.
/// - Every message is stored once (HistoryStore::addMessage), then told
///   (messageAdded, which AccountFeatures hands to ReadPositions: read
///   position, "New messages" line and the offline flag as for 1:1).
///   Stanza-ids count only when `by` is the room.
/// - Our own message is stored as queued before it is sent and goes out once
///   the room is joined and caught up; its reflection (matched by origin-id,
///   XEP-0359) gives it the room's stanza-id instead of a second copy.
/// - A message from the room without a nickname is a notice of the room
///   (Message::nick empty), never a person.
/// - Rooms the person is in are joined again after every reconnect, checked
///   with a self-ping (XEP-0410) every few minutes, and followed through a
///   nickname the service rewrites (status 210) or the person changes.
class Rooms final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Rooms)

public:
    enum class State { Out, Joining, Joined };
    /// Why the room put us out (status codes 307, 301, 321/322, 332; destroy).
    enum class Removal { Kicked, Banned, MembersOnly, Shutdown, Destroyed };

    /// Over the account's connection (QXmppRoomWire).
    Rooms(HistoryStore *store, Transport *transport, QObject *parent = nullptr);
    /// Over another wire (tests; a later QXmpp's room manager).
    Rooms(HistoryStore *store, std::unique_ptr<RoomWire> wire, QObject *parent = nullptr);
    ~Rooms() override;

    /// Joins `room` (a bare address) as `nick`, now or as soon as the
    /// connection is up, and again at every sign-in until left. The outcome
    /// is joined() or joinFailed().
    void join(const QString &room, const QString &nick, const QString &password = {});
    /// Leaves the room; it is no longer joined at sign-in. Its history stays.
    void leave(const QString &room);
    void changeNick(const QString &room, const QString &nick);
    /// Stores the message as queued and sends it once the room is joined.
    /// Returns its id; empty if the body is blank or the room unknown.
    QString send(const QString &room, const QString &body, const QString &outOfBandUrl = {});
    /// Corrects our message `messageId` in `room` (XEP-0308) / deletes it
    /// for everyone (XEP-0424): shown here at once (messageChanged), sent
    /// when joined. The same rule as for what others send (Edits::mayChange).
    void correct(const QString &room, const QString &messageId, const QString &body);
    void retract(const QString &room, const QString &messageId);
    /// Sends `body` as an answer to `replyTo` (XEP-0461, naming it by the
    /// room's stanza-id), with a quote for clients without replies.
    QString sendReply(const QString &room, const QString &body, const Message &replyTo);
    /// Sets our reactions to the message `messageId` (its id, or better the
    /// room's stanza-id: a sender may give none) (XEP-0444): the whole set,
    /// replacing what we gave before (empty: none).
    void react(const QString &room, const QString &messageId, const QStringList &emojis);

    State state(const QString &room) const;
    QString nick(const QString &room) const;
    QString subject(const QString &room) const;
    /// The occupants as the room last said, ourselves included.
    QList<Occupant> occupants(const QString &room) const;
    /// The rooms the person is in (joined at sign-in).
    QStringList rooms() const;
    /// Whether `room` is a room we are or were in (left ones included).
    bool knows(const QString &room) const { return m_rooms.contains(room); }
    bool isLoaded() const { return m_loaded; }
    /// Whether the room's archive catch-up of this join is done (or there is none).
    bool isCaughtUp(const QString &room) const;
    /// Our own occupant id (XEP-0421) in the room, when it gives one.
    QString ownOccupantId(const QString &room) const;
    /// A private group: members-only and non-anonymous, as the room says
    /// (disco#info muc_membersonly + muc_nonanonymous). Only there do our
    /// displayed markers go out (who read what is the members' business, not
    /// a public channel's).
    bool isPrivateGroup(const QString &room) const;
    /// Asks the room again what it is (after we changed its configuration).
    void refreshFeatures(const QString &room);
    /// Tells a joined private group we displayed its message with the
    /// room's stanza-id `stanzaId` (XEP-0333). False when that cannot go out
    /// now (not joined, not a private group, offline).
    bool sendDisplayed(const QString &room, const QString &stanzaId);
    /// The room's wire, for the room features beside Rooms (RoomChatStates).
    RoomWire *wire() const { return m_wire.get(); }

    /// A plain sentence for a join error.
    static QString sentence(JoinError error, const QString &room, const QString &nick, const QString &text = {});
    static QString sentence(Removal removal, const QString &room, const QString &reason = {});
    /// The notice kept in the room when someone else is put out (301, 307,
    /// 321/322); empty for what is told to each about themselves.
    static QString othersSentence(Removal removal, const QString &nick, const QString &reason = {});

    /// The next join of `room` is meant to make it (RoomCreation): when it
    /// does (status 201) made() is told and the default configuration is
    /// not accepted; the one making it submits its own.
    void expectCreation(const QString &room) { m_creating.insert(room); }

    /// How often joined rooms are self-pinged (XEP-0410); tests make it short.
    void setSelfPingInterval(int ms) { m_pingTimer.setInterval(ms); }

Q_SIGNALS:
    void loaded();
    void joined(const QString &room, const QString &nick);
    /// Our join made `room` (status 201) after expectCreation(); told before joined().
    void made(const QString &room);
    void joinFailed(const QString &room, Jw::JoinError error, const QString &sentence);
    /// We left (asked for), or the connection went (then joined again later).
    void left(const QString &room);
    /// The room put us out, said in a sentence. Not joined again (but after a shutdown, 332).
    void removed(const QString &room, Jw::Rooms::Removal why, const QString &sentence);
    void nickChanged(const QString &room, const QString &nick);
    void nickChangeFailed(const QString &room, const QString &nick, const QString &sentence);
    void subjectChanged(const QString &room, const QString &subject);
    void occupantJoined(const QString &room, const Jw::Occupant &occupant);
    void occupantChanged(const QString &room, const Jw::Occupant &occupant);
    void occupantLeft(const QString &room, const QString &nick);
    /// The occupant list is gone (we are out): empty until the next join.
    void occupantsCleared(const QString &room);
    /// The archive catch-up of a join is done: `fetched` messages were new.
    void caughtUp(const QString &room, int fetched);
    /// A self-ping found us out of the room: joining again.
    void rejoining(const QString &room);
    void messageAdded(const Jw::Message &message);
    void messageChanged(const Jw::Message &message);
    void storageError(const QString &message);

private:
    struct Room
    {
        QString nick;
        QString password;
        bool wanted = true; ///< the person is in it: join at sign-in
        State state = State::Out;
        bool hasArchive = false;
        bool privateGroup = false;
        bool caughtUp = false;
        bool inReplay = false; ///< between our join and the subject: the room's replay
        QString archiveLast;
        QString positionToSave;
        int fetched = 0;
        /// Archive pages asked again after a failure, this catch-up.
        int archiveRetries = 0;
        /// Counts the joins' catch-ups: a retry timed by an earlier one
        /// (before the connection dropped) finds a newer number and does nothing.
        quint64 catchUp = 0;
        /// The catch-up ended without its last pages (the archive kept
        /// failing): the saved position stays where the stored pages end,
        /// so the next join reads the rest; live messages do not move it.
        bool archiveGap = false;
        QString ownOccupantId;
        QString subject;
        QHash<QString, Occupant> occupants;
        QSet<QString> replayKnown; ///< nick + body of recent stored messages (rooms without archive)
    };
    enum class Origin { Live, Replay, Archive };

    void setUp();
    void load();
    void onOnline(bool online);
    void startJoin(const QString &room);
    void onFeatures(const QString &room, const QStringList &features, std::optional<JoinError> error);
    void sendJoin(const QString &room);
    void onPresence(const RoomPresence &presence);
    void onSelfPresence(Room &r, const RoomPresence &presence);
    static std::optional<Removal> removalOf(const RoomPresence &presence);
    /// Keeps a notice of ours in the room's history (a message without nickname).
    void storeNotice(const QString &room, const QString &text);
    void onJoinFailed(const QString &room, const QString &nick, JoinError error, const QString &text);
    void onMessage(const RoomStanza &stanza, Origin origin);
    void onPageDone(const QString &room, const QString &lastId, bool complete);
    void onArchiveFailed(const QString &room, const QString &reason, bool retryable);
    void finishCatchUp(const QString &room);
    void putOut(const QString &room, Room &r);
    Message toMessage(const Room &r, const RoomStanza &stanza, Origin origin) const;
    void store(const Message &message, Origin origin);
    void followPosition(const QString &room, const QString &stanzaId);
    void flushOutbox(const QString &room);
    void transmit(const Message &message);
    Message outgoing(const Room &r, const QString &room) const;
    QString storeAndSend(const Message &message);
    void sendEdit(Message edit);
    /// Sends one of our waiting edits (EditOutbox::forWire) once its room
    /// is joined and caught up, unless it is on its way or the room has it.
    void transmitEdit(const Message &edit);
    /// The room took our edit `id`, or refused it: it waits no more.
    void editSettled(const QString &id);
    void setState(const QString &room, const QString &id, DeliveryState state, const QString &error = {});
    void saveRoom(const QString &room);
    void pingAll();

    HistoryStore *const m_store;
    std::unique_ptr<RoomWire> m_wire;
    QHash<QString, Room> m_rooms;
    QSet<QString> m_creating; ///< rooms whose next join is meant to make them
    QSet<QString> m_inFlight; ///< our message ids handed to the wire, not yet settled
    QSet<QString> m_edits; ///< ids of our corrections, retractions and reactions on their way (EditOutbox)
    QSet<QString> m_editsTaken; ///< … and of those the server took in this run
    /// Replies' quotes by our message id, until the room took them (a resend
    /// after a restart carries the reply without its quote).
    QHash<QString, RoomReply> m_quotes;
    QTimer m_pingTimer;
    bool m_loaded = false;
};

} // namespace Jw
