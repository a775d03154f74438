#pragma once
// Another person in a room, for the integration tests of rooms: a plain
// QXmpp client speaking XEP-0045 itself, which records what the room tells it.

#include "account.h"
#include "peer.h"
#include "rooms.h"
#include "testserver.h"

#include <QXmppClient.h>
#include <QXmppDataForm.h>
#include <QXmppElement.h>
#include <QXmppMessage.h>
#include <QXmppMucIq.h>
#include <QXmppTask.h>

#include <QDomElement>

#include <QTest>

#include <algorithm>

namespace Jw::Test {

struct RoomPeer
{
    RoomPeer(const TestServer &server, const QString &user)
        : peer(server.jid(user), user + QStringLiteral("-pw"), server.port(), server.certificatePath())
    {
        QObject::connect(&peer.client, &QXmppClient::presenceReceived, &peer,
            [this](const QXmppPresence &p) { presences.append(p); });
        QObject::connect(&peer.client, &QXmppClient::messageReceived, &peer, [this](const QXmppMessage &m) {
            if (m.type() != QXmppMessage::GroupChat)
                return;
            // Body-less messages with a chat state (XEP-0085), displayed markers (XEP-0333), subjects.
            if (m.body().isEmpty() && m.state() != QXmppMessage::None)
                states.append(m);
            if (m.marker() == QXmppMessage::Displayed)
                markers.append(m);
            if (!m.subject().isEmpty())
                subjects.append(m.subject());
        });
    }

    /// Tells the room a chat state, in a message of its own.
    void tell(const QString &room, QXmppMessage::State state)
    {
        QXmppMessage m(QString(), room);
        m.setType(QXmppMessage::GroupChat);
        m.setState(state);
        peer.client.sendPacket(m);
    }

    bool joinRoom(const QString &room, const QString &nick)
    {
        QXmppPresence p;
        p.setTo(room + u'/' + nick);
        p.setMucSupported(true);
        peer.client.sendPacket(p);
        return QTest::qWaitFor([&] { return selfPresence(room + u'/' + nick, QXmppPresence::Available) >= 0; }, 10000);
    }

    void say(const QString &room, const QString &body)
    {
        QXmppMessage m(QString(), room, body);
        m.setType(QXmppMessage::GroupChat);
        peer.client.sendPacket(m);
    }

    /// Makes the room members-only (the room's owner, XEP-0045 §10.2); `nonAnonymous`: and
    /// everyone sees the real addresses (a private group).
    bool makeMembersOnly(const QString &room, bool nonAnonymous = false)
    {
        QXmppDataForm form(QXmppDataForm::Submit);
        QList<QXmppDataForm::Field> fields {
            QXmppDataForm::Field(QXmppDataForm::Field::HiddenField, QStringLiteral("FORM_TYPE"),
                QStringLiteral("http://jabber.org/protocol/muc#roomconfig")),
            QXmppDataForm::Field(QXmppDataForm::Field::BooleanField, QStringLiteral("muc#roomconfig_membersonly"), true),
        };
        if (nonAnonymous)
            fields.append(QXmppDataForm::Field(
                QXmppDataForm::Field::ListSingleField, QStringLiteral("muc#roomconfig_whois"), QStringLiteral("anyone")));
        form.setFields(fields);
        QXmppMucOwnerIq iq;
        iq.setType(QXmppIq::Set);
        iq.setTo(room);
        iq.setForm(form);
        bool done = false, ok = false;
        peer.client.sendIq(std::move(iq)).then(&peer, [&](QXmppClient::IqResult &&r) {
            ok = std::holds_alternative<QDomElement>(r);
            done = true;
        });
        return QTest::qWaitFor([&] { return done; }, 10000) && ok;
    }

    /// A private message to the occupant `nick` through the room (XEP-0045 §7.5).
    void sayPrivately(const QString &room, const QString &nick, const QString &body)
    {
        QXmppMessage m(QString(), room + u'/' + nick, body);
        m.setType(QXmppMessage::Chat);
        QXmppElement x;
        x.setTagName(QStringLiteral("x"));
        x.setAttribute(QStringLiteral("xmlns"), QStringLiteral("http://jabber.org/protocol/muc#user"));
        m.setExtensions({ x });
        peer.client.sendPacket(m);
    }

    /// Makes `jid` a member of the room (an owner or admin, XEP-0045 §9.3).
    bool grantMembership(const QString &room, const QString &jid)
    {
        QXmppMucItem item;
        item.setJid(jid);
        item.setAffiliation(QXmppMucItem::MemberAffiliation);
        QXmppMucAdminIq iq;
        iq.setType(QXmppIq::Set);
        iq.setTo(room);
        iq.setItems({ item });
        bool done = false, ok = false;
        peer.client.sendIq(std::move(iq)).then(&peer, [&](QXmppClient::IqResult &&r) {
            ok = std::holds_alternative<QDomElement>(r);
            done = true;
        });
        return QTest::qWaitFor([&] { return done; }, 10000) && ok;
    }

    /// The ids of the displayed markers the occupant `from` sent to the room, as this person got them.
    QStringList markersFrom(const QString &from) const
    {
        QStringList ids;
        for (const QXmppMessage &m : markers) {
            if (m.from() == from)
                ids.append(m.markedId());
        }
        return ids;
    }

    /// The room's stanza-id (by = the room) of the message with this body, as this person got it.
    QString stanzaIdOf(const QString &room, const QString &body) const
    {
        for (const QXmppMessage &m : peer.received) {
            if (m.type() != QXmppMessage::GroupChat || m.body() != body)
                continue;
            for (const QXmppStanzaId &sid : m.stanzaIds()) {
                if (sid.by == room)
                    return sid.id;
            }
        }
        return {};
    }

    /// Tells the room this person displayed the message with the room's stanza-id `id` (XEP-0333).
    void markDisplayed(const QString &room, const QString &id)
    {
        QXmppMessage m(QString(), room);
        m.setType(QXmppMessage::GroupChat);
        m.setMarker(QXmppMessage::Displayed);
        m.setMarkerId(id);
        m.addHint(QXmppMessage::Store);
        peer.client.sendPacket(m);
    }

    /// Groupchat messages with this body that reached this person.
    int heard(const QString &body) const
    {
        return int(std::count_if(peer.received.cbegin(), peer.received.cend(), [&](const QXmppMessage &m) {
            return m.type() == QXmppMessage::GroupChat && m.body() == body;
        }));
    }

    /// The index of our own presence (status 110) from `occupant` of `type`, or -1.
    int selfPresence(const QString &occupant, QXmppPresence::Type type) const
    {
        for (int i = 0; i < presences.size(); ++i) {
            const QXmppPresence &p = presences.at(i);
            if (p.from() == occupant && p.type() == type && p.mucStatusCodes().contains(110))
                return i;
        }
        return -1;
    }

    /// Whether the room told us we are out with `code` (307 kicked, 301 banned).
    bool putOut(const QString &occupant, int code) const
    {
        const int i = selfPresence(occupant, QXmppPresence::Unavailable);
        return i >= 0 && presences.at(i).mucStatusCodes().contains(code);
    }

    Peer peer;
    QList<QXmppPresence> presences;
    QList<QXmppMessage> states;
    QList<QXmppMessage> markers;
    QStringList subjects;
};

/// Joins `room` as `nick` with Jabberwock's core and waits for the outcome.
inline bool coreJoins(Account &account, const QString &room, const QString &nick)
{
    Rooms *rooms = account.features.rooms();
    rooms->join(room, nick);
    return QTest::qWaitFor([&] { return rooms->isCaughtUp(room); }, 15000);
}

} // namespace Jw::Test
