// Invitations to rooms (core/invitations.h): XEP-0249 direct and XEP-0045
// mediated invitations read off raw stanzas, hostile ones refused, and what
// is received stored in the right chat with the rules of message requests.

#include "blocking.h"
#include "invitations.h"
#include "profilefixture.h"

#include <QDomDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QXmppMessage.h>

using namespace Qt::StringLiterals;
using namespace Jw;

namespace {

const QString Me = u"me@example.org"_s;

QXmppMessage stanza(const QString &xml)
{
    QDomDocument doc;
    const auto parsed = doc.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing);
    if (!parsed)
        qFatal("bad test stanza: %s", qPrintable(parsed.errorMessage));
    QXmppMessage m;
    m.parse(doc.documentElement());
    return m;
}

QString direct(const QString &from, const QString &attributes, const QString &body = {})
{
    static int id = 0;
    return u"<message xmlns='jabber:client' from='%1' to='me@example.org/pc' id='i%4'>%3"
           "<x xmlns='jabber:x:conference' %2/></message>"_s.arg(from, attributes,
               body.isEmpty() ? QString() : u"<body>%1</body>"_s.arg(body), QString::number(++id));
}

QString mediated(const QString &from, const QString &inner, const QString &extra = {})
{
    return u"<message xmlns='jabber:client' from='%1' to='me@example.org' id='m1'>"
           "<x xmlns='http://jabber.org/protocol/muc#user'>%2</x>%3</message>"_s.arg(from, inner, extra);
}

} // namespace

class TestInvitations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("room"); // empty: refused
        QTest::addColumn<QString>("inviter");
        QTest::addColumn<bool>("mediated");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("reason");

        QTest::newRow("direct") << direct(u"jenny@example.org/phone"_s,
            u"jid='team@conference.example.org' reason='회의' password='pw'"_s)
                                << u"team@conference.example.org"_s << u"jenny@example.org"_s << false << u"pw"_s
                                << u"회의"_s;
        QTest::newRow("direct, missing jid") << direct(u"jenny@example.org/phone"_s, u"reason='x'"_s) << QString()
                                             << QString() << false << QString() << QString();
        QTest::newRow("direct, jid with a resource")
            << direct(u"jenny@example.org/phone"_s, u"jid='team@conference.example.org/nick'"_s) << QString()
            << QString() << false << QString() << QString();
        QTest::newRow("direct, jid that is no address")
            << direct(u"jenny@example.org"_s, u"jid='@@bad'"_s) << QString() << QString() << false << QString()
            << QString();
        QTest::newRow("direct, a service not a room")
            << direct(u"jenny@example.org"_s, u"jid='conference.example.org'"_s) << QString() << QString() << false
            << QString() << QString();
        QTest::newRow("mediated") << mediated(u"team@conference.example.org"_s,
            u"<invite from='carol@example.org/pc'><reason>와요</reason></invite><password>s</password>"_s)
                                  << u"team@conference.example.org"_s << u"carol@example.org"_s << true << u"s"_s
                                  << u"와요"_s;
        QTest::newRow("mediated, a semi-anonymous room naming the occupant")
            << mediated(u"team@conference.example.org"_s, u"<invite from='team@conference.example.org/Bob'/>"_s)
            << u"team@conference.example.org"_s << u"team@conference.example.org/Bob"_s << true << QString()
            << QString();
        QTest::newRow("mediated, with the direct form too (Prosody)")
            << mediated(u"team@conference.example.org"_s, u"<invite from='carol@example.org'/>"_s,
                   u"<x xmlns='jabber:x:conference' jid='team@conference.example.org'/>"_s)
            << u"team@conference.example.org"_s << u"carol@example.org"_s << true << QString() << QString();
        QTest::newRow("mediated, the room inviting to another room")
            << mediated(u"team@conference.example.org"_s, u"<invite from='carol@example.org'/>"_s,
                   u"<x xmlns='jabber:x:conference' jid='other@conference.example.org'/>"_s)
            << QString() << QString() << true << QString() << QString();
        QTest::newRow("mediated, from an occupant not the room")
            << mediated(u"team@conference.example.org/mallory"_s, u"<invite from='carol@example.org'/>"_s)
            << QString() << QString() << true << QString() << QString();
    }

    void parses()
    {
        QFETCH(QString, xml);
        QFETCH(QString, room);
        const auto parsed = Invitations::parse(stanza(xml), Me);
        QVERIFY(parsed.has_value());
        if (room.isEmpty()) {
            QVERIFY(!parsed->ok());
            QVERIFY(!parsed->errorMessage().isEmpty());
            return;
        }
        QVERIFY2(parsed->ok(), qPrintable(parsed->errorMessage()));
        QCOMPARE(parsed->value().room, room);
        QTEST(parsed->value().inviter, "inviter");
        QTEST(parsed->value().mediated, "mediated");
        QTEST(parsed->value().password, "password");
        QTEST(parsed->value().reason, "reason");
    }

    void ignoresWhatIsNoInvitation()
    {
        QVERIFY(!Invitations::parse(stanza(u"<message xmlns='jabber:client' from='jenny@example.org/a' "
                                            "type='chat'><body>hi</body></message>"_s),
            Me));
        // A decline or a status from a room carries muc#user, but no invite.
        QVERIFY(!Invitations::parse(stanza(mediated(u"team@conference.example.org"_s,
                                               u"<decline from='carol@example.org'/>"_s)),
            Me));
        // Our own, sent from another device (a carbon comes from our address).
        QVERIFY(!Invitations::parse(
            stanza(direct(u"me@example.org/phone"_s, u"jid='team@conference.example.org'"_s)), Me));
    }

    void cutsAHugeReason()
    {
        const QString huge(200'000, u'가');
        const auto parsed = Invitations::parse(
            stanza(direct(u"jenny@example.org"_s, u"jid='team@conference.example.org' reason='%1'"_s.arg(huge))), Me);
        QVERIFY(parsed && parsed->ok());
        QCOMPARE(parsed->value().reason.size(), Invitations::MaxReasonLength + 1);
        QVERIFY(parsed->value().reason.startsWith(u"가가"_s));
    }

    void buildsWhatItParses()
    {
        const RoomInvitation sent { u"team@conference.example.org"_s, u"pw"_s, u"오세요"_s, {}, false };
        QXmppMessage out = Invitations::directInvitation(u"jenny@example.org"_s, sent);
        out.setFrom(u"me@example.org/pc"_s);
        const auto back = Invitations::parse(out, u"jenny@example.org"_s);
        QVERIFY(back && back->ok());
        QCOMPARE(back->value().room, sent.room);
        QCOMPARE(back->value().password, sent.password);
        QCOMPARE(back->value().reason, sent.reason);
        QCOMPARE(back->value().inviter, u"me@example.org"_s);

        const RoomInvitation got { u"team@conference.example.org"_s, {}, {}, u"carol@example.org"_s, true };
        const QXmppMessage decline = Invitations::declineOf(got, u"바빠요"_s);
        QCOMPARE(decline.to(), got.room);
        const auto x = decline.extensions().value(0);
        QCOMPARE(x.tagName(), u"x"_s);
        QCOMPARE(x.attribute(u"xmlns"_s), u"http://jabber.org/protocol/muc#user"_s);
        QCOMPARE(x.firstChildElement(u"decline"_s).attribute(u"to"_s), u"carol@example.org"_s);
        QCOMPARE(x.firstChildElement(u"decline"_s).firstChildElement(u"reason"_s).value(), u"바빠요"_s);
    }

    /// Through the account's features: stored once in the inviter's chat;
    /// a stranger's waits under Requests; a blocked sender's is dropped; a
    /// refused one keeps the rest of its message.
    void storesWhatArrives()
    {
        QTemporaryDir dir;
        Test::ProfileFixture profile(dir.filePath(u"h.db"_s), Me);
        QVERIFY(profile.ok());
        Contact jenny;
        jenny.jid = u"jenny@example.org"_s;
        jenny.inRoster = true;
        jenny.subscription = Subscription::Both;
        Q_EMIT profile.roster()->contactChanged(jenny);
        Q_EMIT profile.blocking()->blocklistReceived({ u"eve@example.org"_s });
        profile.transport.setOnline(true);

        QSignalSpy added(profile.messenger(), &Messenger::messageAdded);
        profile.transport.receive(stanza(direct(u"jenny@example.org/pc"_s,
            u"jid='team@conference.example.org' password='pw'"_s, u"와 봐"_s)));
        QVERIFY(added.wait());
        Message m = added.takeFirst().at(0).value<Message>();
        QCOMPARE(m.chat, u"jenny@example.org"_s);
        QCOMPARE(m.invitation.room, u"team@conference.example.org"_s);
        QCOMPARE(m.invitation.password, u"pw"_s);
        QCOMPARE(m.body, u"와 봐"_s);
        QCOMPARE(profile.requests()->standing(m.chat), Standing::Contact);

        profile.transport.receive(stanza(direct(u"stranger@example.net/x"_s,
            u"jid='spam@conference.example.net'"_s)));
        QVERIFY(added.wait());
        m = added.takeFirst().at(0).value<Message>();
        QCOMPARE(m.chat, u"stranger@example.net"_s);
        QCOMPARE(m.invitation.room, u"spam@conference.example.net"_s);
        QCOMPARE(profile.requests()->standing(m.chat), Standing::Request);
        const auto conversation = profile.store.conversation(m.chat).result();
        QVERIFY(conversation);
        QVERIFY(Requests::belongsInRequests(Requests::standingOf(conversation->standingFlags), true, false));

        QSignalSpy dropped(profile.features->invitations(), &Invitations::dropped);
        profile.transport.receive(stanza(direct(u"eve@example.org/x"_s, u"jid='trap@conference.example.org'"_s)));
        QCOMPARE(dropped.size(), 1);
        // A refused invitation: logged, and its text kept as an ordinary message.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"invitations: refused one from jenny"_s));
        profile.transport.receive(
            stanza(direct(u"jenny@example.org/pc"_s, u"jid='room@conference.example.org/nick'"_s, u"보세요"_s)));
        QCOMPARE(dropped.size(), 2);
        QVERIFY(added.wait());
        m = added.takeFirst().at(0).value<Message>();
        QCOMPARE(m.body, u"보세요"_s);
        QVERIFY(m.invitation.isNull());
        QTest::qWait(50);
        QVERIFY(added.isEmpty()); // nothing from eve

        const auto all = profile.store.allMessages().result();
        QVERIFY(all);
        QCOMPARE(all->size(), 3);
    }

    void sendsAndDeclines()
    {
        QTemporaryDir dir;
        Test::ProfileFixture profile(dir.filePath(u"h.db"_s), Me);
        QVERIFY(profile.ok());
        Invitations *invitations = profile.features->invitations();
        QCOMPARE(invitations->invite(u"team@conference.example.org"_s, { u"jenny@example.org"_s }), 0); // offline
        profile.transport.setOnline(true);
        const int before = profile.transport.sent().size();
        QCOMPARE(invitations->invite(u"team@conference.example.org"_s,
                     { u"jenny@example.org"_s, u"carol@example.org"_s }, u"오세요"_s),
            2);
        QCOMPARE(profile.transport.sent().size(), before + 2);
        const QXmppMessage first = profile.transport.sent().at(before);
        QCOMPARE(first.to(), u"jenny@example.org"_s);
        QCOMPARE(first.mucInvitationJid(), u"team@conference.example.org"_s);
        QCOMPARE(first.mucInvitationReason(), u"오세요"_s);

        QVERIFY(invitations->decline({ u"team@conference.example.org"_s, {}, {}, u"carol@example.org"_s, true }));
        QCOMPARE(profile.transport.sent().size(), before + 3);
        QCOMPARE(profile.transport.sent().last().to(), u"team@conference.example.org"_s);
        // A direct invitation needs no answer: nothing is sent.
        QVERIFY(invitations->decline({ u"team@conference.example.org"_s, {}, {}, u"jenny@example.org"_s, false }));
        QCOMPARE(profile.transport.sent().size(), before + 3);
    }
};

QTEST_GUILESS_MAIN(TestInvitations)
#include "tst_invitations.moc"
