// Who is typing in a room (core/roomchatstates.h) over a fake room wire:
// what goes to the room when the person types, and who is shown typing for
// what the room says, without a network. tests/integration/tst_rooms.cpp
// runs it against Prosody.
#include "fakeroomwire.h"
#include "profilefixture.h"
#include "qxmpproomwire.h"
#include "roomchatstates.h"
#include "rooms.h"

#include <QDomDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Jw::Test;
using namespace Qt::StringLiterals;

namespace {

const QString Room = u"team@conference.example.org"_s;

QDomElement parse(const QString &xml)
{
    static QDomDocument doc;
    doc.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing);
    return doc.documentElement();
}

} // namespace

class TestRoomChatStates final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    struct Setup
    {
        explicit Setup(const QString &path)
            : profile(path, u"me@example.org"_s, makeWire())
        {
            states = profile.features ? profile.features->roomChatStates() : nullptr;
            if (states) {
                states->setClock([this] { return now; });
                states->setTiming({ 5000, 120000, 30000 });
            }
        }
        std::unique_ptr<RoomWire> makeWire()
        {
            auto owned = std::make_unique<FakeRoomWire>();
            wire = owned.get();
            return owned;
        }
        Rooms *rooms() const { return profile.features->rooms(); }
        /// Joined as Alice (our occupant id `ownId`, if the room gives ids).
        bool joinIn(const QString &ownId = {})
        {
            if (!profile.ok() || !QTest::qWaitFor([this] { return rooms()->isLoaded(); }))
                return false;
            wire->setOnline(true);
            rooms()->join(Room, u"Alice"_s);
            if (!QTest::qWaitFor([&] { return !wire->featureRequests.isEmpty(); }))
                return false;
            Q_EMIT wire->features(Room, { u"urn:xmpp:mam:2"_s }, std::nullopt);
            if (!QTest::qWaitFor([&] { return !wire->joins.isEmpty(); }))
                return false;
            wire->selfPresence(Room, u"Alice"_s, {}, ownId);
            return rooms()->state(Room) == Rooms::State::Joined;
        }
        void advance(qint64 ms)
        {
            now = now.addMSecs(ms);
            states->poll();
        }
        QList<ChatState> sent() const
        {
            QList<ChatState> list;
            for (const auto &[room, state] : std::as_const(wire->chatStates))
                list.append(state);
            return list;
        }

        FakeRoomWire *wire = nullptr;
        ProfileFixture profile;
        RoomChatStates *states = nullptr;
        QDateTime now = QDateTime(QDate(2026, 5, 1), QTime(9, 0), QTimeZone::UTC);
    };

    QString nextPath() { return m_dir.filePath(u"h%1.db"_s.arg(++m_n)); }

private Q_SLOTS:
    void typingGoesToTheJoinedRoomOncePerChange()
    {
        Setup s(nextPath());
        // Not in the room yet: nothing goes out.
        QVERIFY(s.profile.ok());
        s.states->typed(Room);
        QVERIFY(s.wire->chatStates.isEmpty());

        QVERIFY(s.joinIn());
        s.states->typed(Room);
        s.advance(1000);
        s.states->typed(Room);
        QCOMPARE(s.sent(), QList<ChatState> { ChatState::Composing });
        QCOMPARE(s.wire->chatStates.first().first, Room);
        // No key for pausedAfterMs: paused; typing again: composing; text deleted: active.
        s.advance(5000);
        QCOMPARE(s.sent().last(), ChatState::Paused);
        s.states->typed(Room);
        s.states->composerCleared(Room);
        QCOMPARE(s.sent(), (QList<ChatState> { ChatState::Composing, ChatState::Paused, ChatState::Composing,
                               ChatState::Active }));
    }

    void aSentMessageEndsTypingWithoutAStanzaOfItsOwn()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn());
        s.states->typed(Room);
        QCOMPARE(s.sent(), QList<ChatState> { ChatState::Composing });
        s.rooms()->send(Room, u"hello"_s);
        QTRY_COMPARE(s.states->sentState(Room), ChatState::Active);
        s.advance(10000);
        QCOMPARE(s.sent(), QList<ChatState> { ChatState::Composing }); // no paused after the message
    }

    void leavingTheViewSaysInactiveAndNeverGone()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn());
        s.states->typed(Room);
        s.states->chatLeft(Room);
        QCOMPARE(s.sent(), (QList<ChatState> { ChatState::Composing, ChatState::Inactive }));
        // Back (active), then the window closes: inactive again, not gone (XEP-0085 §5.4).
        s.states->chatShown(Room);
        s.states->closeAll();
        QCOMPARE(s.sent(), (QList<ChatState> { ChatState::Composing, ChatState::Inactive, ChatState::Active,
                               ChatState::Inactive }));
    }

    void sendingOffOrOutOfTheRoomSendsNothing()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn());
        s.states->setSendingEnabled(false);
        s.states->typed(Room);
        QVERIFY(s.wire->chatStates.isEmpty());
        s.states->setSendingEnabled(true);
        s.wire->selfPresence(Room, u"Alice"_s, {}, {}, false); // we are out
        QCOMPARE(s.rooms()->state(Room), Rooms::State::Out);
        s.states->typed(Room);
        QVERIFY(s.wire->chatStates.isEmpty());
    }

    void showsWhoIsTypingAndIgnoresOurOwnReflection()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn());
        QSignalSpy changed(s.states, &RoomChatStates::typingChanged);
        s.wire->chatState(Room, u"Alice"_s, ChatState::Composing); // ourselves, reflected
        QCOMPARE(s.states->typing(Room), QStringList());
        QCOMPARE(changed.size(), 0);

        s.wire->chatState(Room, u"Jenny"_s, ChatState::Composing);
        QCOMPARE(s.states->typingText(Room), u"Jenny is typing…"_s);
        QCOMPARE(changed.size(), 1);
        s.advance(1000);
        s.wire->chatState(Room, u"Michael"_s, ChatState::Composing);
        QCOMPARE(s.states->typingText(Room), u"Jenny and Michael are typing…"_s);
        // Jenny's next composing keeps her first; a paused one ends hers.
        s.wire->chatState(Room, u"Jenny"_s, ChatState::Composing);
        QCOMPARE(s.states->typing(Room), (QStringList { u"Jenny"_s, u"Michael"_s }));
        s.wire->chatState(Room, u"Jenny"_s, ChatState::Paused);
        QCOMPARE(s.states->typing(Room), QStringList { u"Michael"_s });
        // Michael's message ends his.
        s.wire->receive(FakeRoomWire::text(Room, u"Michael"_s, u"done"_s, u"m1"_s, u"s1"_s));
        QCOMPARE(s.states->typing(Room), QStringList());
        QCOMPARE(s.states->typingText(Room), QString());
    }

    void aStaleComposingRunsOut()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn());
        QSignalSpy changed(s.states, &RoomChatStates::typingChanged);
        s.wire->chatState(Room, u"Jenny"_s, ChatState::Composing);
        s.advance(29000);
        QCOMPARE(s.states->typing(Room), QStringList { u"Jenny"_s });
        s.advance(1000);
        QCOMPARE(s.states->typing(Room), QStringList());
        QCOMPARE(changed.size(), 2);
    }

    void aDelayedStateSaysNothing()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn());
        RoomStanza old;
        old.room = Room;
        old.nick = u"Jenny"_s;
        old.chatState = ChatState::Composing;
        old.stamp = s.now.addSecs(-3600);
        Q_EMIT s.wire->messageReceived(old);
        QCOMPARE(s.states->typing(Room), QStringList());
        // Nor does a room notice (no nickname).
        s.wire->chatState(Room, QString(), ChatState::Composing);
        QCOMPARE(s.states->typing(Room), QStringList());
    }

    void countsPeopleByOccupantId()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn(u"occ-alice"_s));
        // Someone else took the nickname "Alice": the occupant id says it is not us.
        s.wire->chatState(Room, u"Alice"_s, ChatState::Composing, u"occ-other"_s);
        QCOMPARE(s.states->typing(Room), QStringList { u"Alice"_s });
        // Our own reflection, whatever the nickname.
        s.wire->chatState(Room, u"Alice"_s, ChatState::Composing, u"occ-alice"_s);
        QCOMPARE(s.states->typing(Room), QStringList { u"Alice"_s });
        // One person typing twice is one.
        s.wire->chatState(Room, u"Jenny"_s, ChatState::Composing, u"occ-jenny"_s);
        s.wire->chatState(Room, u"Jenny"_s, ChatState::Composing, u"occ-jenny"_s);
        QCOMPARE(s.states->typing(Room).size(), 2);
        // Jenny changes her nickname: the same person, still typing, now as Jen.
        s.wire->nickChange(Room, u"Jenny"_s, u"Jen"_s, u"occ-jenny"_s);
        QCOMPARE(s.states->typing(Room), (QStringList { u"Alice"_s, u"Jen"_s }));
        s.wire->chatState(Room, u"Jen"_s, ChatState::Composing, u"occ-jenny"_s);
        QCOMPARE(s.states->typing(Room).size(), 2);
    }

    void followsANicknameChangeAndALeaving()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn());
        s.wire->chatState(Room, u"Jenny"_s, ChatState::Composing);
        s.wire->chatState(Room, u"Michael"_s, ChatState::Composing);
        s.wire->nickChange(Room, u"Jenny"_s, u"Jen"_s);
        QCOMPARE(s.states->typing(Room), (QStringList { u"Jen"_s, u"Michael"_s }));
        // Her next composing under the new name is the same person.
        s.wire->chatState(Room, u"Jen"_s, ChatState::Composing);
        QCOMPARE(s.states->typing(Room).size(), 2);
        s.wire->occupantPresence(Room, u"Michael"_s, false);
        QCOMPARE(s.states->typing(Room), QStringList { u"Jen"_s });
        // We go out of the room: nobody is shown typing there.
        s.wire->setOnline(false);
        QCOMPARE(s.states->typing(Room), QStringList());
    }

    void theLineNamesUpToThreeAndCountsTheRest_data()
    {
        QTest::addColumn<QStringList>("nicks");
        QTest::addColumn<QString>("line");
        QTest::newRow("none") << QStringList() << QString();
        QTest::newRow("one") << QStringList { u"Jenny"_s } << u"Jenny is typing…"_s;
        QTest::newRow("two") << QStringList { u"Jenny"_s, u"Michael"_s } << u"Jenny and Michael are typing…"_s;
        QTest::newRow("three") << QStringList { u"Jenny"_s, u"Michael"_s, u"Carol"_s }
                               << u"Jenny, Michael and Carol are typing…"_s;
        QTest::newRow("four") << QStringList { u"Jenny"_s, u"Michael"_s, u"Carol"_s, u"Bob"_s }
                              << u"Jenny, Michael and 2 others are typing…"_s;
        QTest::newRow("five") << QStringList { u"Jenny"_s, u"Michael"_s, u"Carol"_s, u"Bob"_s, u"Dan"_s }
                              << u"Jenny, Michael and 3 others are typing…"_s;
    }
    void theLineNamesUpToThreeAndCountsTheRest()
    {
        QFETCH(QStringList, nicks);
        QFETCH(QString, line);
        QCOMPARE(RoomChatStates::typingText(nicks), line);
    }

    void theWireReadsChatStatesAndMarkers()
    {
        const RoomStanza typing = RoomStanzas::message(parse(
            u"<message xmlns='jabber:client' from='team@conference.example.org/Jenny' type='groupchat'>"
            "<composing xmlns='http://jabber.org/protocol/chatstates'/>"
            "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ-j'/></message>"_s));
        QCOMPARE(typing.chatState, ChatState::Composing);
        QCOMPARE(typing.nick, u"Jenny"_s);
        QCOMPARE(typing.occupantId, u"occ-j"_s);
        QVERIFY(typing.body.isEmpty());
        const RoomStanza marker = RoomStanzas::message(parse(
            u"<message xmlns='jabber:client' from='team@conference.example.org/Jenny' type='groupchat'>"
            "<displayed xmlns='urn:xmpp:chat-markers:0' id='stanza-7'/></message>"_s));
        QCOMPARE(marker.displayedId, u"stanza-7"_s);
        QCOMPARE(marker.chatState, ChatState::None);
        // An element of another namespace is not a chat state.
        const RoomStanza other = RoomStanzas::message(parse(
            u"<message xmlns='jabber:client' from='team@conference.example.org/Jenny' type='groupchat'>"
            "<composing xmlns='urn:example:other'/><body>hi</body></message>"_s));
        QCOMPARE(other.chatState, ChatState::None);
    }
};

QTEST_GUILESS_MAIN(TestRoomChatStates)
#include "tst_roomchatstates.moc"
