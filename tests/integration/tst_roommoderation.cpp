#include "account.h"
#include "accountsettings.h"
#include "bookmarks.h"
#include "peer.h"
#include "roompeer.h"
#include "roommembership.h"
#include "roommoderation.h"
#include "rooms.h"
#include "testserver.h"

#include <QXmppClient.h>
#include <QXmppMucIq.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;
using Jw::Test::RoomPeer;
using Jw::Test::coreJoins;
using Action = RoomRules::Action;

namespace {

std::optional<Occupant> occupantOf(Rooms *rooms, const QString &room, const QString &nick)
{
    for (const Occupant &o : rooms->occupants(room)) {
        if (o.nick == nick)
            return o;
    }
    return std::nullopt;
}

} // namespace

/// Moderating a room (issue 14: subject, kick, ban, membership, destroy)
/// against a real Prosody (muc) or ejabberd (mod_muc) on loopback:
/// Jabberwock's core as Alice, the room's owner; a second core as Erin, a
/// participant refused when trying to kick; plain QXmpp clients as Bob,
/// Carol and Dave.
class TestRoomModeration final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server; // the flavour of the run (JW_TEST_SERVER)
    QTemporaryDir m_dir;
    QString m_service;

    std::unique_ptr<Test::Account> signIn(const QString &user)
    {
        auto account = std::make_unique<Test::Account>(
            m_dir.filePath(user + u".db"_s), Test::connectionSettings(m_server, user));
        if (!account->opened || !account->signIn())
            return {};
        if (!QTest::qWaitFor([&] { return account->features.rooms()->isLoaded(); }, 5000))
            return {};
        return account;
    }

    std::unique_ptr<RoomPeer> peer(const QString &user)
    {
        auto p = std::make_unique<RoomPeer>(m_server, user);
        if (!p->peer.connectAndWait())
            return {};
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStringList users;
        for (const QString &name : { u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s, u"erin"_s })
            users.append(name + u':' + name + u"-pw"_s);
        QVERIFY2(m_server.start(users), qPrintable(m_server.errorString()));
        m_service = u"conference."_s + m_server.domain();
    }

    void cleanupTestCase() { m_server.stop(); }

    void theOwnerModeratesAndAParticipantIsRefused()
    {
        const QString room = u"moderated@"_s + m_service;
        auto alice = signIn(u"alice"_s);
        QVERIFY(alice);
        Rooms *rooms = alice->features.rooms();
        RoomModeration *moderation = alice->features.roomModeration();
        // Alice's join makes the room: she owns it. As the person joins: kept as a bookmark.
        Bookmarks *bookmarks = alice->features.bookmarks();
        QVERIFY(QTest::qWaitFor([&] { return bookmarks->isLoaded(); }, 10000));
        alice->features.roomMembership()->join(room, u"Alice"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rooms->isCaughtUp(room), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(bookmarks->bookmark(room).has_value(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(moderation->mayDestroy(room), 10000);
        QVERIFY(moderation->mayChangeSubject(room));
        QVERIFY(moderation->mayGrantByAddress(room));

        auto erin = signIn(u"erin"_s);
        QVERIFY(erin);
        QVERIFY(coreJoins(*erin, room, u"Erin"_s));
        auto bob = peer(u"bob"_s);
        auto carol = peer(u"carol"_s);
        auto dave = peer(u"dave"_s);
        QVERIFY(bob && carol && dave);
        QVERIFY(bob->joinRoom(room, u"Bob"_s));
        QVERIFY(carol->joinRoom(room, u"Carol"_s));
        QVERIFY(dave->joinRoom(room, u"Dave"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rooms->occupants(room).size(), 5, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(erin->features.rooms()->occupants(room).size(), 5, 10000);
        bob->say(room, u"안녕하세요"_s);
        QTRY_COMPARE_WITH_TIMEOUT(alice->history(room).size(), 1, 10000);

        QSignalSpy done(moderation, &RoomModeration::done);
        QSignalSpy failed(moderation, &RoomModeration::failed);

        // The subject: the others see it, and so do we.
        moderation->changeSubject(room, u"오늘의 안건: 출시"_s);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QCOMPARE(done.last().at(1).value<Action>(), Action::ChangeSubject);
        QTRY_VERIFY_WITH_TIMEOUT(bob->subjects.contains(u"오늘의 안건: 출시"_s), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(carol->subjects.contains(u"오늘의 안건: 출시"_s), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(rooms->subject(room), u"오늘의 안건: 출시"_s, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(erin->features.rooms()->subject(room), u"오늘의 안건: 출시"_s, 10000);

        // A participant (Erin, Jabberwock too) is not offered a kick, and
        // one asked anyway is refused by the room in a sentence.
        RoomModeration *erinModeration = erin->features.roomModeration();
        QVERIFY(!erinModeration->may(room, Action::Kick, u"Bob"_s));
        QVERIFY(!erinModeration->mayDestroy(room));
        QSignalSpy erinFailed(erinModeration, &RoomModeration::failed);
        erinModeration->kick(room, u"Bob"_s);
        QTRY_COMPARE_WITH_TIMEOUT(erinFailed.size(), 1, 10000);
        const QString refusal = erinFailed.last().at(3).toString();
        QVERIFY2(refusal == RoomModeration::sentence(Action::Kick, room, u"Bob"_s, u"forbidden"_s)
                || refusal == RoomModeration::sentence(Action::Kick, room, u"Bob"_s, u"not-allowed"_s),
            qPrintable(refusal));
        QVERIFY(occupantOf(rooms, room, u"Bob"_s));

        // Kick Carol: she is told (307), our list follows.
        QVERIFY(moderation->may(room, Action::Kick, u"Carol"_s));
        moderation->kick(room, u"Carol"_s, u"잠시 나가 주세요"_s);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 10000);
        QCOMPARE(done.last().at(1).value<Action>(), Action::Kick);
        QTRY_VERIFY_WITH_TIMEOUT(carol->putOut(room + u"/Carol"_s, 307), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!occupantOf(rooms, room, u"Carol"_s), 10000);
        // The rest of the room reads it in the conversation, with the reason.
        const QString carolOut = Rooms::othersSentence(Rooms::Removal::Kicked, u"Carol"_s, u"잠시 나가 주세요"_s);
        QTRY_COMPARE_WITH_TIMEOUT(alice->history(room).size(), 2, 10000);
        QCOMPARE(alice->history(room).last().body, carolOut);
        QVERIFY(alice->history(room).last().nick.isEmpty()); // the room's, not a person's

        // Ban Dave: he is told (301), our list follows.
        QVERIFY(moderation->may(room, Action::Ban, u"Dave"_s));
        moderation->ban(room, u"Dave"_s);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 10000);
        QCOMPARE(done.last().at(1).value<Action>(), Action::Ban);
        QTRY_VERIFY_WITH_TIMEOUT(dave->putOut(room + u"/Dave"_s, 301), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!occupantOf(rooms, room, u"Dave"_s), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(alice->history(room).size(), 3, 10000);
        QCOMPARE(alice->history(room).last().body, Rooms::othersSentence(Rooms::Removal::Banned, u"Dave"_s));

        // Bob made a member: the room says so to everyone.
        QVERIFY(moderation->may(room, Action::GrantMembership, u"Bob"_s));
        moderation->grantMembership(room, u"Bob"_s);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 4, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(occupantOf(rooms, room, u"Bob"_s)->affiliation, u"member"_s, 10000);
        QVERIFY(moderation->may(room, Action::RevokeMembership, u"Bob"_s));
        // Carol, not in the room, by her address.
        moderation->grantMembershipTo(room, m_server.jid(u"carol"_s));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 5, 10000);
        QCOMPARE(done.last().at(2).toString(), m_server.jid(u"carol"_s));
        QCOMPARE(failed.size(), 0);

        // Destroyed: the others are told, our history stays readable.
        QSignalSpy erinRemoved(erin->features.rooms(), &Rooms::removed);
        QSignalSpy aliceRemoved(rooms, &Rooms::removed);
        moderation->destroy(room, u"프로젝트 끝"_s);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 6, 10000);
        QCOMPARE(done.last().at(1).value<Action>(), Action::Destroy);
        QTRY_COMPARE_WITH_TIMEOUT(erinRemoved.size(), 1, 10000);
        QCOMPARE(erinRemoved.last().at(1).value<Rooms::Removal>(), Rooms::Removal::Destroyed);
        QCOMPARE(erinRemoved.last().at(2).toString(),
            Rooms::sentence(Rooms::Removal::Destroyed, room, u"프로젝트 끝"_s));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(bob->presences.cbegin(), bob->presences.cend(),
                [&](const QXmppPresence &p) {
                    return p.from() == room + u"/Bob"_s && p.type() == QXmppPresence::Unavailable;
                }),
            10000);
        QTRY_COMPARE_WITH_TIMEOUT(aliceRemoved.size(), 1, 10000);
        QCOMPARE(rooms->state(room), Rooms::State::Out);
        QVERIFY(!rooms->rooms().contains(room)); // not joined again at sign-in
        QTRY_VERIFY_WITH_TIMEOUT(!bookmarks->bookmark(room).has_value(), 10000); // nor from its bookmark
        // What was said and the two notices stay readable, nothing added.
        QCOMPARE(alice->history(room).size(), 3);
        QCOMPARE(alice->history(room).first().body, u"안녕하세요"_s);
        QCOMPARE(alice->history(room).at(1).body, carolOut);
        QVERIFY(!moderation->mayDestroy(room));
        alice->session.disconnectFromServer();
        erin->session.disconnectFromServer();
    }
};

QTEST_GUILESS_MAIN(TestRoomModeration)
#include "tst_roommoderation.moc"
