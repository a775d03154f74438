// "Read by" in rooms (core/roomreadby.h) over a fake room wire: who has
// displayed our messages, counted by occupant id where the room gives ids,
// by nickname where it does not, never ourselves, kept over a restart.
// tests/integration/tst_rooms.cpp runs it against real servers.
#include "fakeroomwire.h"
#include "profilefixture.h"
#include "roomreadby.h"
#include "rooms.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Jw::Test;
using namespace Qt::StringLiterals;

namespace {

const QString Room = u"team@conference.example.org"_s;

} // namespace

class TestRoomReadBy final : public QObject
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
        }
        std::unique_ptr<RoomWire> makeWire()
        {
            auto owned = std::make_unique<FakeRoomWire>();
            wire = owned.get();
            return owned;
        }
        Rooms *rooms() const { return profile.features->rooms(); }
        RoomReadBy *readBy() const { return profile.features->roomReadBy(); }
        /// Joined as Alice (our occupant id `ownId`, if the room gives ids), caught up.
        bool joinIn(const QString &ownId = {})
        {
            if (!profile.ok() || !QTest::qWaitFor([this] { return rooms()->isLoaded() && readBy()->isLoaded(); }))
                return false;
            wire->setOnline(true);
            rooms()->join(Room, u"Alice"_s);
            if (!QTest::qWaitFor([&] { return !wire->featureRequests.isEmpty(); }))
                return false;
            Q_EMIT wire->features(Room, { u"urn:xmpp:mam:2"_s }, std::nullopt);
            if (!QTest::qWaitFor([&] { return !wire->joins.isEmpty(); }))
                return false;
            wire->selfPresence(Room, u"Alice"_s, {}, ownId);
            Q_EMIT wire->archivePageDone(Room, QString(), true);
            return QTest::qWaitFor([&] { return rooms()->isCaughtUp(Room); });
        }
        /// Someone else says something; the room stamps `stanzaId`. Its row id.
        qint64 hear(const QString &nick, const QString &body, const QString &stanzaId, const QString &occupantId = {})
        {
            RoomStanza s = FakeRoomWire::text(Room, nick, body, stanzaId + u"-origin"_s, stanzaId);
            s.occupantId = occupantId;
            wire->receive(s);
            return rowOf(stanzaId);
        }
        /// We say something; the room reflects it with `stanzaId`. Its row id.
        qint64 say(const QString &body, const QString &stanzaId, const QString &ownId = {})
        {
            const QString id = rooms()->send(Room, body);
            if (!QTest::qWaitFor([&] { return !wire->sent.isEmpty() && wire->sent.last().id == id; }))
                return 0;
            RoomStanza s = FakeRoomWire::text(Room, u"Alice"_s, body, id, stanzaId);
            s.occupantId = ownId;
            wire->receive(s);
            return rowOf(stanzaId);
        }
        qint64 rowOf(const QString &stanzaId)
        {
            qint64 row = 0;
            const bool found = QTest::qWaitFor([&] {
                const auto all = profile.store.allMessages(Room).result();
                for (const Message &m : all.value()) {
                    if (m.stanzaId == stanzaId)
                        row = m.rowId;
                }
                return row > 0;
            });
            return found ? row : 0;
        }
        /// Waits until the store has answered everything asked so far.
        void settle()
        {
            (void)profile.store.allMessages(Room).result();
            QCoreApplication::processEvents();
            QCoreApplication::processEvents();
        }
        QStringList readers(qint64 row)
        {
            settle();
            return readBy()->readBy(Room, row);
        }

        FakeRoomWire *wire = nullptr;
        ProfileFixture profile;
    };

    QString nextPath() { return m_dir.filePath(u"h%1.db"_s.arg(++m_n)); }

private Q_SLOTS:
    void countsEachOccupantOnceByOccupantId()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn(u"id-alice"_s));
        const qint64 mine = s.say(u"회의는 3시에 합니다"_s, u"s-1"_s, u"id-alice"_s);
        QVERIFY(mine > 0);
        QCOMPARE(s.readers(mine), QStringList());

        QSignalSpy changed(s.readBy(), &RoomReadBy::readByChanged);
        s.wire->displayedMarker(Room, u"Bob"_s, u"s-1"_s, u"id-bob"_s);
        QCOMPARE(s.readers(mine), QStringList { u"Bob"_s });
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toString(), Room);
        s.wire->displayedMarker(Room, u"Carol"_s, u"s-1"_s, u"id-carol"_s);
        QCOMPARE(s.readers(mine), (QStringList { u"Bob"_s, u"Carol"_s }));
        // Bob again, even under another nickname: still one person.
        s.wire->displayedMarker(Room, u"Bob"_s, u"s-1"_s, u"id-bob"_s);
        s.wire->displayedMarker(Room, u"Bobby"_s, u"s-1"_s, u"id-bob"_s);
        QCOMPARE(s.readers(mine).size(), 2);
        QVERIFY(s.readers(mine).contains(u"Bobby"_s));
        // A marker for a message we do not have moves nobody.
        s.wire->displayedMarker(Room, u"Dave"_s, u"unknown"_s, u"id-dave"_s);
        QCOMPARE(s.readers(mine).size(), 2);
    }

    void ourOwnMarkersNeverCount()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn(u"id-alice"_s));
        const qint64 mine = s.say(u"hello"_s, u"s-1"_s, u"id-alice"_s);
        QVERIFY(mine > 0);
        // Ourselves, reflected; and another of our devices under another nickname (same occupant id).
        s.wire->displayedMarker(Room, u"Alice"_s, u"s-1"_s, u"id-alice"_s);
        s.wire->displayedMarker(Room, u"Alice (phone)"_s, u"s-1"_s, u"id-alice"_s);
        QCOMPARE(s.readers(mine), QStringList());
    }

    void aMarkerWithoutOccupantIdInARoomWithIdsDoesNotCount()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn(u"id-alice"_s));
        const qint64 mine = s.say(u"hello"_s, u"s-1"_s, u"id-alice"_s);
        QVERIFY(mine > 0);
        s.wire->displayedMarker(Room, u"Mallory"_s, u"s-1"_s);
        QCOMPARE(s.readers(mine), QStringList());
        // The room itself (no nickname) is nobody.
        s.wire->displayedMarker(Room, QString(), u"s-1"_s, u"id-room"_s);
        QCOMPARE(s.readers(mine), QStringList());
    }

    void aMarkerReadsEverythingUpToItsMessage()
    {
        Setup s(nextPath());
        QVERIFY(s.joinIn(u"id-alice"_s));
        const qint64 first = s.say(u"first"_s, u"s-1"_s, u"id-alice"_s);
        const qint64 theirs = s.hear(u"Bob"_s, u"between"_s, u"s-2"_s, u"id-bob"_s);
        const qint64 second = s.say(u"second"_s, u"s-3"_s, u"id-alice"_s);
        QVERIFY(first > 0 && theirs > first && second > theirs);
        // Carol read up to Bob's message: our first, not our second.
        s.wire->displayedMarker(Room, u"Carol"_s, u"s-2"_s, u"id-carol"_s);
        QCOMPARE(s.readers(first), QStringList { u"Carol"_s });
        QCOMPARE(s.readers(second), QStringList());
        // A marker for an older message does not move her back.
        s.wire->displayedMarker(Room, u"Carol"_s, u"s-3"_s, u"id-carol"_s);
        s.wire->displayedMarker(Room, u"Carol"_s, u"s-1"_s, u"id-carol"_s);
        QCOMPARE(s.readers(second), QStringList { u"Carol"_s });
        // Some clients name our own id (the origin-id) instead of the room's.
        const qint64 third = s.say(u"third"_s, u"s-4"_s, u"id-alice"_s);
        QString thirdId;
        const auto all = s.profile.store.allMessages(Room).result();
        QVERIFY(all);
        for (const Message &m : all.value()) {
            if (m.rowId == third)
                thirdId = m.messageId;
        }
        QVERIFY(!thirdId.isEmpty());
        s.wire->displayedMarker(Room, u"Bob"_s, thirdId, u"id-bob"_s);
        QCOMPARE(s.readers(third), QStringList { u"Bob"_s });
    }

    void followsANicknameChange()
    {
        // With occupant ids: the presence under the new nickname carries the same id.
        {
            Setup s(nextPath());
            QVERIFY(s.joinIn(u"id-alice"_s));
            const qint64 mine = s.say(u"hello"_s, u"s-1"_s, u"id-alice"_s);
            s.wire->occupantPresence(Room, u"Bob"_s, true, u"participant"_s, u"id-bob"_s);
            s.wire->displayedMarker(Room, u"Bob"_s, u"s-1"_s, u"id-bob"_s);
            QCOMPARE(s.readers(mine), QStringList { u"Bob"_s });
            s.wire->nickChange(Room, u"Bob"_s, u"Robert"_s, u"id-bob"_s);
            QCOMPARE(s.readers(mine), QStringList { u"Robert"_s });
        }
        // Without: the nickname is followed (303), and counted once after it.
        {
            Setup s(nextPath());
            QVERIFY(s.joinIn());
            const qint64 mine = s.say(u"hello"_s, u"s-1"_s);
            s.wire->occupantPresence(Room, u"Bob"_s);
            s.wire->displayedMarker(Room, u"Bob"_s, u"s-1"_s);
            s.wire->displayedMarker(Room, u"Alice"_s, u"s-1"_s); // ourselves, by nickname
            QCOMPARE(s.readers(mine), QStringList { u"Bob"_s });
            s.wire->nickChange(Room, u"Bob"_s, u"Robert"_s);
            QCOMPARE(s.readers(mine), QStringList { u"Robert"_s });
            s.wire->displayedMarker(Room, u"Robert"_s, u"s-1"_s);
            QCOMPARE(s.readers(mine), QStringList { u"Robert"_s });
            // A sender's own occupant-id claim means nothing in a room without ids.
            s.wire->displayedMarker(Room, u"Alice"_s, u"s-1"_s, u"id-forged"_s);
            QCOMPARE(s.readers(mine), QStringList { u"Robert"_s });
        }
    }

    void keptOverARestart()
    {
        const QString path = nextPath();
        qint64 mine = 0;
        {
            Setup s(path);
            QVERIFY(s.joinIn(u"id-alice"_s));
            mine = s.say(u"hello"_s, u"s-1"_s, u"id-alice"_s);
            s.wire->displayedMarker(Room, u"Bob"_s, u"s-1"_s, u"id-bob"_s);
            s.wire->displayedMarker(Room, u"Carol"_s, u"s-1"_s, u"id-carol"_s);
            QCOMPARE(s.readers(mine), (QStringList { u"Bob"_s, u"Carol"_s }));
        }
        Setup again(path);
        QVERIFY(again.profile.ok());
        QTRY_VERIFY(again.readBy()->isLoaded());
        QCOMPARE(again.readBy()->readBy(Room, mine), (QStringList { u"Bob"_s, u"Carol"_s }));
    }
};

QTEST_GUILESS_MAIN(TestRoomReadBy)
#include "tst_roomreadby.moc"
