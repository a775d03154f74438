#pragma once

// Internal to core: the room wire over QXmpp 1.10 on raw stanzas. Not for ui/.

#include "roomwire.h"

#include <QDomDocument>
#include <QDomElement>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <optional>

class QXmppMessage;

namespace Jw {

class Transport;
class RoomStanzaHandler;

/// Reading room stanzas, apart from any connection so tests can feed them.
namespace RoomStanzas {

/// The JoinError for a stanza error condition's element name ("conflict", …).
JoinError joinErrorOf(const QString &condition);
/// A presence from an occupant of `room` (its from is room/nick), read; nothing
/// if it is not one (an error, or not from a room occupant).
std::optional<RoomPresence> presence(const QDomElement &stanza);
/// A groupchat message read. A stanza-id counts only when `by` is the room.
RoomStanza message(const QDomElement &stanza);
/// The muc#admin query with one item (XEP-0045 §8.2, §9.1, §9.3, §9.4), in `doc`.
QDomElement adminQuery(QDomDocument &doc, const RoomAdminItem &item);
/// The muc#owner query destroying a room (XEP-0045 §10.9), in `doc`.
QDomElement destroyQuery(QDomDocument &doc, const QString &reason);
/// The groupchat message changing a room's subject (XEP-0045 §8.1), in `doc`.
QDomElement subjectMessage(QDomDocument &doc, const QString &room, const QString &id, const QString &subject);
/// Whether a room's disco#info result (the IQ) lets occupants who are not
/// moderators change the subject; nothing when its form does not say.
std::optional<bool> occupantsMayChangeSubject(const QDomElement &discoResult);

} // namespace RoomStanzas

/// XEP-0045 rooms over the account's QXmpp client: the join presence with
/// `<history maxchars='0'/>` (XEP-0045 §7.2.14), the room's own archive
/// (XEP-0313 to the room's address, results believed only from the room and
/// for a query we are running), XEP-0410 self-pings, XEP-0359 ids.
/// A stanza handler put first in line on each client claims what comes from
/// the rooms it is in (presences, groupchat messages, errors, archive
/// results), so the 1:1 features never see them.
class QXmppRoomWire final : public RoomWire
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QXmppRoomWire)

public:
    explicit QXmppRoomWire(Transport *transport, QObject *parent = nullptr);
    ~QXmppRoomWire() override;

    bool isOnline() const override;
    QString accountJid() const override;
    void askFeatures(const QString &room) override;
    void join(const QString &room, const QString &nick, const QString &password, bool withoutHistory) override;
    void leave(const QString &room, const QString &nick) override;
    void changeNick(const QString &room, const QString &nick) override;
    void acceptDefaultConfiguration(const QString &room) override;
    bool send(const QString &room, const QString &body, const QString &id, const QString &outOfBandUrl = {},
        const RoomReply &reply = {}) override;
    bool sendReactions(const QString &room, const QString &id, const QString &targetId,
        const QStringList &emojis) override;
    bool sendEdit(const QString &room, const QString &id, const QString &body, const QString &replaces,
        const QString &retracts) override;
    void fetchArchive(const QString &room, const QString &afterId) override;
    void selfPing(const QString &room, const QString &nick) override;
    bool sendChatState(const QString &room, ChatState state) override;
    bool sendDisplayed(const QString &room, const QString &id) override;
    bool setSubject(const QString &room, const QString &id, const QString &subject) override;
    bool administer(const QString &room, const QString &id, const RoomAdminItem &item) override;
    bool destroyRoom(const QString &room, const QString &id, const QString &reason) override;

    /// Called by the handler: whether it handled the stanza.
    bool handle(const QDomElement &stanza);

private:
    void attach();
    void requestPage(const QString &room, const QString &afterId, bool newest, quint64 read);
    void sendPresence(const QString &to, const QDomElement &x, bool unavailable);
    void sendRequest(const QString &room, const QString &id, const QDomElement &query);
    /// Sends our groupchat `message` with `id` as id and origin-id;
    /// sendSettled follows.
    void sendTracked(QXmppMessage &&message, const QString &room, const QString &id);

    Transport *const m_transport;
    QPointer<RoomStanzaHandler> m_handler;
    QSet<QString> m_rooms; ///< rooms we are in or joining: their stanzas are ours
    QHash<QString, QString> m_queries; ///< running archive query id -> room
    /// Per room, the archive read asked for last (fetchArchive): the pages of
    /// an earlier one are dropped as they come.
    QHash<QString, quint64> m_archiveReads;
    QHash<QString, QString> m_subjectRequests; ///< room -> id of our subject change awaiting its answer
};

} // namespace Jw
