#include "account.h"
#include "accountsettings.h"
#include "address.h"
#include "invitations.h"
#include "models.h"
#include "peer.h"
#include "requests.h"
#include "rooms.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmppElement.h>

using namespace Jw;
using namespace Qt::StringLiterals;

/// Invitations to rooms (issue 14) against a real Prosody or ejabberd with MUC: Jabberwock's
/// core as Alice; plain QXmpp clients as Bob (her contact), Eve (a
/// stranger) and Carol (who Alice invites).
class TestInvitations final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server; // the flavour of the run (JW_TEST_SERVER)
    QTemporaryDir m_dir;
    QString m_service;

    std::unique_ptr<Test::Account> signIn(const QString &user, const QString &profile)
    {
        auto account = std::make_unique<Test::Account>(
            m_dir.filePath(user + u'-' + profile + u".db"_s), Test::connectionSettings(m_server, user));
        if (!account->opened || !account->signIn())
            return {};
        if (!QTest::qWaitFor([&] { return account->requests()->isLoaded() && account->features.rooms()->isLoaded(); },
                5000))
            return {};
        return account;
    }

    std::unique_ptr<Test::Peer> peer(const QString &user)
    {
        auto p = std::make_unique<Test::Peer>(
            m_server.jid(user), user + u"-pw"_s, m_server.port(), m_server.certificatePath());
        if (!p->connectAndWait())
            return {};
        return p;
    }

    static void inviteDirectly(Test::Peer &from, const QString &to, const QString &room, const QString &reason)
    {
        from.client.sendPacket(Invitations::directInvitation(to, { room, {}, reason, {}, false }));
    }

    static QList<Message> invitations(Test::Account &account, const QString &chat)
    {
        QList<Message> found;
        for (const Message &m : account.history(chat)) {
            if (!m.invitation.isNull())
                found.append(m);
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStringList users;
        for (const QString &name : { u"alice"_s, u"bob"_s, u"carol"_s, u"eve"_s })
            users.append(name + u':' + name + u"-pw"_s);
        QVERIFY2(m_server.start(users, { u"alice:bob"_s, u"alice:carol"_s }), qPrintable(m_server.errorString()));
        m_service = u"conference."_s + m_server.domain();
    }

    void cleanupTestCase() { m_server.stop(); }

    void aContactsInvitationIsShownAndJoinWorks()
    {
        const QString room = u"plans@"_s + m_service;
        const QString bobJid = m_server.jid(u"bob"_s);
        auto alice = signIn(u"alice"_s, u"contact"_s);
        QVERIFY(alice);
        QTRY_COMPARE(alice->requests()->standing(bobJid), Standing::Contact);
        auto bob = peer(u"bob"_s);
        QVERIFY(bob);
        QSignalSpy added(alice->features.messenger(), &Messenger::messageAdded);
        inviteDirectly(*bob, alice->settings.jid, room, u"기획 회의"_s);
        QTRY_COMPARE_WITH_TIMEOUT(invitations(*alice, bobJid).size(), 1, 10000);
        const Message stored = invitations(*alice, bobJid).first();
        QCOMPARE(stored.invitation.room, room);
        QCOMPARE(stored.invitation.inviter, bobJid);
        QCOMPARE(stored.invitation.reason, u"기획 회의"_s);
        QVERIFY(!stored.invitation.mediated);
        // The store answers the history read and the signal in turn: wait for
        // the signal, then make sure it is not told twice.
        QTRY_COMPARE(added.size(), 1); // told once: a contact's notifies like a message
        QTest::qWait(200);
        QCOMPARE(added.size(), 1);
        QCOMPARE(Requests::alertFor(alice->requests()->standing(bobJid), true, false), Requests::Alert::Message);
        QVERIFY(alice->features.rooms()->rooms().isEmpty()); // never joined by itself

        // Shown in Bob's chat, the way the window reads it.
        MessagesModel model(&alice->features, bobJid);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY(model.rowCount() > 0);
        const QModelIndex last = model.index(model.rowCount() - 1);
        QCOMPARE(last.data(MessagesModel::InvitationRoomRole).toString(), room);
        QCOMPARE(last.data(MessagesModel::InvitationInviterRole).toString(), bobJid);

        // Join: what the Join button ends in (RoomActions → Rooms::join).
        Rooms *rooms = alice->features.rooms();
        rooms->join(last.data(MessagesModel::InvitationRoomRole).toString(), u"Alice"_s,
            last.data(MessagesModel::InvitationPasswordRole).toString());
        QTRY_COMPARE_WITH_TIMEOUT(rooms->state(room), Rooms::State::Joined, 15000);
    }

    void aStrangersInvitationWaitsUnderRequests()
    {
        const QString eveJid = m_server.jid(u"eve"_s);
        auto alice = signIn(u"alice"_s, u"stranger"_s);
        QVERIFY(alice);
        ConversationsModel list(&alice->features);
        auto eve = peer(u"eve"_s);
        QVERIFY(eve);
        inviteDirectly(*eve, alice->settings.jid, u"spam@"_s + m_service, u"free prizes"_s);
        QTRY_COMPARE_WITH_TIMEOUT(invitations(*alice, eveJid).size(), 1, 10000);
        QCOMPARE(alice->requests()->standing(eveJid), Standing::Request);
        QTRY_VERIFY(list.rowOf(eveJid) >= 0);
        QVERIFY(list.index(list.rowOf(eveJid)).data(ConversationsModel::RequestRole).toBool());
        // The quiet alert of a request, once per sender.
        QCOMPARE(alice->requests()->takeAlert(eveJid, true), Requests::Alert::Request);
        QCOMPARE(alice->requests()->takeAlert(eveJid, true), Requests::Alert::None);
        QVERIFY(alice->features.rooms()->rooms().isEmpty());
    }

    void aMediatedInvitationComesFromTheRoom()
    {
        const QString room = u"club@"_s + m_service;
        auto alice = signIn(u"alice"_s, u"mediated"_s);
        QVERIFY(alice);
        auto bob = peer(u"bob"_s);
        QVERIFY(bob);
        // Bob makes the room by joining it, then asks the room to invite Alice.
        QList<QXmppPresence> presences;
        connect(&bob->client, &QXmppClient::presenceReceived, this,
            [&](const QXmppPresence &p) { presences.append(p); });
        QXmppPresence join;
        join.setTo(room + u"/Bob"_s);
        join.setMucSupported(true);
        bob->client.sendPacket(join);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(presences.cbegin(), presences.cend(),
                                     [](const QXmppPresence &p) { return p.mucStatusCodes().contains(110); }),
            10000);
        QXmppMessage ask(QString(), room);
        ask.setType(QXmppMessage::Normal); // XEP-0045 §7.8.2 (QXmpp's default is chat, which the room refuses)
        QXmppElement x;
        x.setTagName(u"x"_s);
        x.setAttribute(u"xmlns"_s, u"http://jabber.org/protocol/muc#user"_s);
        QXmppElement invite;
        invite.setTagName(u"invite"_s);
        invite.setAttribute(u"to"_s, alice->settings.jid);
        x.appendChild(invite);
        ask.setExtensions({ x });
        QList<QXmppMessage> toBob;
        connect(&bob->client, &QXmppClient::messageReceived, this, [&](const QXmppMessage &m) { toBob.append(m); });
        bob->client.sendPacket(ask);

        QTRY_COMPARE_WITH_TIMEOUT(invitations(*alice, room).size(), 1, 10000);
        const Message stored = invitations(*alice, room).first();
        QVERIFY(stored.invitation.mediated);
        QCOMPARE(stored.invitation.room, room);
        // As the room says: Bob's address, or in a semi-anonymous room (Prosody's default) his nickname there.
        QVERIFY2(stored.invitation.inviter == m_server.jid(u"bob"_s) || stored.invitation.inviter == room + u"/Bob"_s,
            qPrintable(stored.invitation.inviter));
        // Nothing of it in Bob's own chat: only the room said he invited.
        QVERIFY(invitations(*alice, m_server.jid(u"bob"_s)).isEmpty());

        // Declining tells the room, which tells Bob.
        QVERIFY(alice->features.invitations()->decline(stored.invitation, u"바빠요"_s));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(toBob.cbegin(), toBob.cend(),
                                     [](const QXmppMessage &m) {
                                         for (const QXmppElement &e : m.extensions()) {
                                             if (!e.firstChildElement(u"decline"_s).isNull())
                                                 return true;
                                         }
                                         return false;
                                     }),
            10000);
    }

    void aQxmppClientReceivesOurInvitation()
    {
        const QString room = u"party@"_s + m_service;
        auto alice = signIn(u"alice"_s, u"send"_s);
        QVERIFY(alice);
        auto carol = peer(u"carol"_s);
        QVERIFY(carol);
        QList<QXmppMessage> toCarol;
        connect(&carol->client, &QXmppClient::messageReceived, this,
            [&](const QXmppMessage &m) { toCarol.append(m); });
        QCOMPARE(alice->features.invitations()->invite(room, { m_server.jid(u"carol"_s) }, u"오세요"_s, u"pw"_s),
            1);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(toCarol.cbegin(), toCarol.cend(),
                                     [&](const QXmppMessage &m) { return m.mucInvitationJid() == room; }),
            10000);
        const auto it = std::find_if(toCarol.cbegin(), toCarol.cend(),
            [&](const QXmppMessage &m) { return m.mucInvitationJid() == room; });
        QCOMPARE(it->mucInvitationReason(), u"오세요"_s);
        QCOMPARE(it->mucInvitationPassword(), u"pw"_s);
        QCOMPARE(bareOf(it->from()), alice->settings.jid);
    }
};

QTEST_GUILESS_MAIN(TestInvitations)
#include "tst_invitations.moc"
