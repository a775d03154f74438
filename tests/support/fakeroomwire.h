#pragma once
// A room wire for unit and widget tests: records what Rooms asks of the
// wire and lets the test play the room's side (core/roomwire.h).

#include "roomwire.h"

#include <QList>
#include <QStringList>

namespace Jw::Test {

class FakeRoomWire final : public RoomWire
{
    Q_OBJECT

public:
    struct Join
    {
        QString room, nick, password;
        bool withoutHistory = false;
    };
    struct Sent
    {
        QString room, body, id;
        RoomReply reply;
    };
    struct Reactions
    {
        QString room, id, targetId;
        QStringList emojis;
    };
    /// A subject change, muc#admin set or destruction asked of the wire.
    struct Request
    {
        QString room, id;
        QString kind; ///< "subject", "admin", "destroy"
        RoomAdminItem item; ///< with "admin"
        QString text; ///< the subject, or the destruction's reason
    };

    explicit FakeRoomWire(const QString &accountJid = QStringLiteral("me@example.org"))
        : m_account(accountJid)
    {
    }

    bool isOnline() const override { return m_online; }
    QString accountJid() const override { return m_account; }
    void askFeatures(const QString &room) override { featureRequests.append(room); }
    void join(const QString &room, const QString &nick, const QString &password, bool withoutHistory) override
    {
        joins.append({ room, nick, password, withoutHistory });
    }
    void leave(const QString &room, const QString &nick) override { leaves.append(room + u'/' + nick); }
    void changeNick(const QString &room, const QString &nick) override { nickChanges.append(room + u'/' + nick); }
    void acceptDefaultConfiguration(const QString &room) override { configured.append(room); }
    bool sendEdit(const QString &room, const QString &id, const QString &body, const QString &replaces,
        const QString &retracts) override
    {
        if (!m_online)
            return false;
        edits.append({ room, id, body, replaces, retracts });
        return true;
    }
    bool send(const QString &room, const QString &body, const QString &id, const QString & = {},
        const RoomReply &reply = {}) override
    {
        if (!m_online)
            return false;
        sent.append({ room, body, id, reply });
        return true;
    }
    bool sendReactions(const QString &room, const QString &id, const QString &targetId,
        const QStringList &emojis) override
    {
        if (!m_online)
            return false;
        reactions.append({ room, id, targetId, emojis });
        return true;
    }
    void fetchArchive(const QString &room, const QString &afterId) override
    {
        archiveRequests.append(room + u'|' + afterId);
    }
    void selfPing(const QString &room, const QString &nick) override { pings.append(room + u'/' + nick); }
    bool sendChatState(const QString &room, ChatState state) override
    {
        if (!m_online)
            return false;
        chatStates.append({ room, state });
        return true;
    }
    bool sendDisplayed(const QString &room, const QString &id) override
    {
        if (!m_online)
            return false;
        displayed.append(room + u'|' + id);
        return true;
    }

    bool setSubject(const QString &room, const QString &id, const QString &subject) override
    {
        if (!m_online)
            return false;
        requests.append({ room, id, QStringLiteral("subject"), {}, subject });
        return true;
    }
    bool administer(const QString &room, const QString &id, const RoomAdminItem &item) override
    {
        if (!m_online)
            return false;
        requests.append({ room, id, QStringLiteral("admin"), item, {} });
        return true;
    }
    bool destroyRoom(const QString &room, const QString &id, const QString &reason) override
    {
        if (!m_online)
            return false;
        requests.append({ room, id, QStringLiteral("destroy"), {}, reason });
        return true;
    }

    void setOnline(bool online)
    {
        if (m_online == online)
            return;
        m_online = online;
        Q_EMIT onlineChanged(online);
    }

    /// The room answers the join: our own presence (status 110 and `codes`).
    void selfPresence(const QString &room, const QString &nick, QList<int> codes = {},
        const QString &occupantId = {}, bool available = true, const QString &role = QStringLiteral("participant"),
        const QString &affiliation = QStringLiteral("none"))
    {
        RoomPresence p;
        p.room = room;
        p.occupant.nick = nick;
        p.occupant.role = available ? role : QStringLiteral("none");
        p.occupant.affiliation = affiliation;
        p.occupant.occupantId = occupantId;
        p.available = available;
        p.statusCodes = codes;
        p.statusCodes.append(110);
        Q_EMIT presenceReceived(p);
    }
    void occupantPresence(const QString &room, const QString &nick, bool available = true,
        const QString &role = QStringLiteral("participant"), const QString &occupantId = {},
        const QString &affiliation = QStringLiteral("member"), const QString &realJid = {})
    {
        RoomPresence p;
        p.room = room;
        p.occupant.nick = nick;
        p.occupant.role = role;
        p.occupant.affiliation = affiliation;
        p.occupant.realJid = realJid;
        p.occupant.occupantId = occupantId;
        p.available = available;
        Q_EMIT presenceReceived(p);
    }
    /// An occupant changes nickname (XEP-0045 §7.6: unavailable with 303, then available).
    void nickChange(const QString &room, const QString &from, const QString &to, const QString &occupantId = {})
    {
        RoomPresence gone;
        gone.room = room;
        gone.occupant.nick = from;
        gone.occupant.role = QStringLiteral("participant");
        gone.occupant.affiliation = QStringLiteral("member");
        gone.occupant.occupantId = occupantId;
        gone.available = false;
        gone.statusCodes = { 303 };
        gone.newNick = to;
        Q_EMIT presenceReceived(gone);
        occupantPresence(room, to, true, QStringLiteral("participant"), occupantId);
    }
    /// A body-less message carrying an occupant's chat state (XEP-0085).
    void chatState(const QString &room, const QString &nick, ChatState state, const QString &occupantId = {})
    {
        RoomStanza s;
        s.room = room;
        s.nick = nick;
        s.chatState = state;
        s.occupantId = occupantId;
        Q_EMIT messageReceived(s);
    }
    /// A displayed marker (XEP-0333) from an occupant for `id`.
    void displayedMarker(const QString &room, const QString &nick, const QString &id, const QString &occupantId = {})
    {
        RoomStanza s;
        s.room = room;
        s.nick = nick;
        s.displayedId = id;
        s.occupantId = occupantId;
        Q_EMIT messageReceived(s);
    }
    static RoomStanza text(const QString &room, const QString &nick, const QString &body, const QString &id = {},
        const QString &stanzaId = {})
    {
        RoomStanza s;
        s.room = room;
        s.nick = nick;
        s.body = body;
        s.id = id;
        s.stanzaId = stanzaId;
        return s;
    }
    void receive(const RoomStanza &s) { Q_EMIT messageReceived(s); }
    void subject(const QString &room, const QString &subject)
    {
        RoomStanza s;
        s.room = room;
        s.subject = subject;
        s.hasSubject = true;
        Q_EMIT messageReceived(s);
    }

    QStringList featureRequests;
    QList<Join> joins;
    QStringList leaves;
    QStringList nickChanges;
    QStringList configured;
    QList<Sent> sent;
    QList<Reactions> reactions;
    struct Edit
    {
        QString room, id, body, replaces, retracts;
    };
    QList<Edit> edits; ///< sendEdit's
    QStringList archiveRequests;
    QStringList pings;
    QList<std::pair<QString, ChatState>> chatStates;
    QStringList displayed; ///< "room|id"
    QList<Request> requests;

private:
    QString m_account;
    bool m_online = false;
};

} // namespace Jw::Test
