#include "account.h"
#include "accountsettings.h"
#include "bookmarks.h"
#include "peer.h"
#include "roomcreation.h"
#include "rooms.h"
#include "testserver.h"
#include "transport.h"

#include <QXmppDiscoveryIq.h>
#include <QXmppTask.h>

#include <QDomElement>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

/// What the room says of itself to someone outside it (disco#info).
struct RoomInfo
{
    bool answered = false;
    QStringList features;
    QString name;
};

RoomInfo askRoom(Test::Peer &peer, const QString &room)
{
    QXmppDiscoveryIq iq;
    iq.setType(QXmppIq::Get);
    iq.setQueryType(QXmppDiscoveryIq::InfoQuery);
    iq.setTo(room);
    RoomInfo info;
    bool done = false;
    peer.client.sendIq(std::move(iq)).then(&peer, [&](QXmppClient::IqResult &&r) {
        done = true;
        if (const auto *element = std::get_if<QDomElement>(&r)) {
            QXmppDiscoveryIq answer;
            answer.parse(*element);
            info.answered = true;
            info.features = answer.features();
            for (const auto &identity : answer.identities()) {
                if (identity.category() == u"conference")
                    info.name = identity.name();
            }
        }
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        qWarning("no answer from %s", qPrintable(room));
    return info;
}

} // namespace

/// Making rooms (issue 14) on a real Prosody (muc, muc_mam) or ejabberd
/// (mod_muc with mam) at conference.<domain>: Jabberwock's core as Alice makes them; a plain
/// QXmpp client (Bob) asks the room what it is, as anyone can.
class TestRoomCreation final : public QObject
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
        if (!QTest::qWaitFor([&] { return account->features.rooms()->isLoaded(); }, 5000))
            return {};
        return account;
    }

    /// Makes a room with Alice's core and waits for the outcome: the room's address, or empty.
    static QString make(Test::Account &account, const QString &name, RoomKind kind,
        const QStringList &invitees = {}, QStringList *handedBack = nullptr)
    {
        RoomCreation *creation = account.features.roomCreation();
        QSignalSpy created(creation, &RoomCreation::created);
        QSignalSpy failed(creation, &RoomCreation::failed);
        creation->create(name, kind, invitees);
        const bool answered = QTest::qWaitFor([&] { return created.size() + failed.size() > 0; }, 20000);
        if (!answered || created.isEmpty()) {
            if (!failed.isEmpty())
                qWarning("failed: %s", qPrintable(failed.first().at(1).toString()));
            return {};
        }
        if (handedBack)
            *handedBack = created.first().at(2).toStringList();
        return created.first().at(0).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(
            m_server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s }), qPrintable(m_server.errorString()));
        m_service = u"conference."_s + m_server.domain();
    }

    void cleanupTestCase() { m_server.stop(); }

    void privateGroupIsMembersOnlyNonAnonymousPersistentAndKept()
    {
        auto alice = signIn(u"alice"_s, u"private"_s);
        QVERIFY(alice);
        QStringList handedBack;
        const QString room
            = make(*alice, u"팀 Team"_s, RoomKind::PrivateGroup, { m_server.jid(u"bob"_s) }, &handedBack);
        // The service was found by disco; the Korean name is a Korean address.
        QCOMPARE(room, u"팀-team@"_s + m_service);
        QCOMPARE(alice->features.roomCreation()->service(), m_service);
        QCOMPARE(handedBack, QStringList { m_server.jid(u"bob"_s) });
        Rooms *rooms = alice->features.rooms();
        QCOMPARE(rooms->state(room), Rooms::State::Joined);
        QCOMPARE(rooms->occupants(room).value(0).affiliation, u"owner"_s);

        Test::Peer bob(m_server.jid(u"bob"_s), u"bob-pw"_s, m_server.port(), m_server.certificatePath());
        QVERIFY(bob.connectAndWait());
        const RoomInfo info = askRoom(bob, room);
        QVERIFY(info.answered);
        QCOMPARE(info.name, u"팀 Team"_s);
        for (const QString &feature : { u"muc_membersonly"_s, u"muc_nonanonymous"_s, u"muc_persistent"_s,
                 u"muc_hidden"_s, u"urn:xmpp:mam:2"_s })
            QVERIFY2(info.features.contains(feature),
                qPrintable(feature + u" in "_s + info.features.join(u' ')));
        for (const QString &feature : { u"muc_open"_s, u"muc_public"_s, u"muc_semianonymous"_s })
            QVERIFY2(!info.features.contains(feature), qPrintable(feature));

        // Kept as an autojoin bookmark on the server.
        Bookmarks *bookmarks = alice->features.bookmarks();
        QTRY_VERIFY_WITH_TIMEOUT(bookmarks->bookmark(room).has_value(), 10000);
        QVERIFY(bookmarks->bookmark(room)->autojoin);
        QCOMPARE(bookmarks->bookmark(room)->name, u"팀 Team"_s); // how the Chats list names it
        QCOMPARE(bookmarks->bookmark(room)->nick, u"alice"_s);
    }

    void publicChannelIsOpenSemiAnonymousPersistentAndListed()
    {
        auto alice = signIn(u"alice"_s, u"public"_s);
        QVERIFY(alice);
        const QString room = make(*alice, u"Open Talk: Rust & C++"_s, RoomKind::PublicChannel);
        QCOMPARE(room, u"open-talk-rust-c@"_s + m_service);

        Test::Peer bob(m_server.jid(u"bob"_s), u"bob-pw"_s, m_server.port(), m_server.certificatePath());
        QVERIFY(bob.connectAndWait());
        const RoomInfo info = askRoom(bob, room);
        QVERIFY(info.answered);
        QCOMPARE(info.name, u"Open Talk: Rust & C++"_s);
        for (const QString &feature : { u"muc_open"_s, u"muc_semianonymous"_s, u"muc_persistent"_s,
                 u"muc_public"_s, u"urn:xmpp:mam:2"_s })
            QVERIFY2(info.features.contains(feature),
                qPrintable(feature + u" in "_s + info.features.join(u' ')));
        for (const QString &feature : { u"muc_membersonly"_s, u"muc_nonanonymous"_s, u"muc_hidden"_s })
            QVERIFY2(!info.features.contains(feature), qPrintable(feature));
    }

    void aTakenAddressGetsASuffix()
    {
        // Bob made "design" first, by joining it.
        Test::Peer bob(m_server.jid(u"bob"_s), u"bob-pw"_s, m_server.port(), m_server.certificatePath());
        QVERIFY(bob.connectAndWait());
        const QString taken = u"design@"_s + m_service;
        QXmppPresence join;
        join.setTo(taken + u"/Bob"_s);
        join.setMucSupported(true);
        bob.client.sendPacket(join);
        QTRY_VERIFY_WITH_TIMEOUT(askRoom(bob, taken).answered, 10000);

        auto alice = signIn(u"alice"_s, u"taken"_s);
        QVERIFY(alice);
        const QString room = make(*alice, u"Design"_s, RoomKind::PrivateGroup);
        QCOMPARE(room, u"design-2@"_s + m_service);
        QCOMPARE(alice->features.rooms()->state(room), Rooms::State::Joined);
        QVERIFY(!alice->features.rooms()->rooms().contains(taken));
    }

    void offlineSaysSoAndMakesNothing()
    {
        auto alice = signIn(u"alice"_s, u"offline"_s);
        QVERIFY(alice);
        alice->session.disconnectFromServer();
        QTRY_VERIFY(!alice->session.transport()->isOnline());
        // The rooms the earlier tests made may have come back with the
        // bookmarks before the disconnect: "nothing" is nothing new.
        const QStringList before = alice->features.rooms()->rooms();
        RoomCreation *creation = alice->features.roomCreation();
        QSignalSpy failed(creation, &RoomCreation::failed);
        creation->create(u"Later"_s, RoomKind::PrivateGroup);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).toString(), u"Later"_s);
        QVERIFY(failed.first().at(1).toString().contains(u"offline"_s));
        QCOMPARE(alice->features.rooms()->rooms(), before);
        for (const QString &room : alice->features.rooms()->rooms())
            QVERIFY2(!room.startsWith(u"later"_s), qPrintable(room));
    }
};

QTEST_MAIN(TestRoomCreation)
#include "tst_roomcreation.moc"
