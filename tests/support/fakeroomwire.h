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
    bool send(const QString &room, const QString &body, const QString &id) override
    {
        if (!m_online)
            return false;
        sent.append({ room, body, id });
        return true;
    }
    void fetchArchive(const QString &room, const QString &afterId) override
    {
        archiveRequests.append(room + u'|' + afterId);
    }
    void selfPing(const QString &room, const QString &nick) override { pings.append(room + u'/' + nick); }

    void setOnline(bool online)
    {
        if (m_online == online)
            return;
        m_online = online;
        Q_EMIT onlineChanged(online);
    }

    /// The room answers the join: our own presence (status 110 and `codes`).
    void selfPresence(const QString &room, const QString &nick, QList<int> codes = {},
        const QString &occupantId = {}, bool available = true)
    {
        RoomPresence p;
        p.room = room;
        p.occupant.nick = nick;
        p.occupant.role = available ? QStringLiteral("participant") : QStringLiteral("none");
        p.occupant.affiliation = QStringLiteral("none");
        p.occupant.occupantId = occupantId;
        p.available = available;
        p.statusCodes = codes;
        p.statusCodes.append(110);
        Q_EMIT presenceReceived(p);
    }
    void occupantPresence(const QString &room, const QString &nick, bool available = true,
        const QString &role = QStringLiteral("participant"))
    {
        RoomPresence p;
        p.room = room;
        p.occupant.nick = nick;
        p.occupant.role = role;
        p.occupant.affiliation = QStringLiteral("member");
        p.available = available;
        Q_EMIT presenceReceived(p);
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
    QStringList archiveRequests;
    QStringList pings;

private:
    QString m_account;
    bool m_online = false;
};

} // namespace Jw::Test
