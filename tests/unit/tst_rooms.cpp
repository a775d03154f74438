// Rooms (core/rooms.h) over a fake wire: what is stored, sent and told for
// what the room says, without a network. The wire itself (raw stanzas) is
// read by RoomStanzas, tested at the end; tests/integration/tst_rooms.cpp
// runs the whole against Prosody.
#include "address.h"
#include "fakeroomwire.h"
#include "profilefixture.h"
#include "messenger.h"
#include "qxmpproomwire.h"
#include "readpositions.h"
#include "readtracker.h"
#include "requests.h"
#include "roomstore.h"
#include "rooms.h"

#include <QDomDocument>
#include <QXmppMessage.h>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Jw::Test;
using namespace Qt::StringLiterals;

namespace {

const QString Room = u"team@conference.example.org"_s;
const QString NsMam = u"urn:xmpp:mam:2"_s;

QDomElement parse(const QString &xml)
{
    static QDomDocument doc; // the elements must outlive this call
    doc.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing);
    return doc.documentElement();
}

} // namespace

class TestRooms final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    // A profile (history, read positions) and Rooms over a fake wire, wired
    // as AccountFeatures wires the real one.
    struct Setup
    {
        explicit Setup(const QString &path)
            : profile(path)
        {
            auto owned = std::make_unique<FakeRoomWire>();
            wire = owned.get();
            rooms = std::make_unique<Rooms>(&profile.store, std::move(owned));
            QObject::connect(rooms.get(), &Rooms::messageAdded, profile.reads(), &ReadPositions::messageStored);
        }
        ~Setup()
        {
            rooms.reset();
            profile.store.flush();
        }
        bool ready() { return profile.ok() && QTest::qWaitFor([this] { return rooms->isLoaded(); }); }
        QList<Message> history() { return profile.store.allMessages(Room).result().value(); }
        /// Joins as `nick`: the room (with or without archive) lets us in.
        bool joinIn(const QString &nick, bool archive, const QString &occupantId = {}, QStringList features = {})
        {
            wire->setOnline(true);
            rooms->join(Room, nick);
            if (!QTest::qWaitFor([&] { return !wire->featureRequests.isEmpty(); }))
                return false;
            const int joins = int(wire->joins.size());
            if (archive)
                features.append(NsMam);
            Q_EMIT wire->features(Room, features, std::nullopt);
            if (!QTest::qWaitFor([&] { return wire->joins.size() > joins; }))
                return false;
            wire->selfPresence(Room, nick, {}, occupantId);
            return rooms->state(Room) == Rooms::State::Joined;
        }

        ProfileFixture profile;
        FakeRoomWire *wire = nullptr;
        std::unique_ptr<Rooms> rooms;
    };

    QString nextPath() { return m_dir.filePath(u"h%1.db"_s.arg(++m_n)); }

private Q_SLOTS:
    void joinsWithoutReplayAndCatchesUpFromTheArchive()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QSignalSpy caught(s.rooms.get(), &Rooms::caughtUp);
        QVERIFY(s.joinIn(u"Alice"_s, true));
        QCOMPARE(s.wire->joins.last().withoutHistory, true);
        QCOMPARE(s.wire->archiveRequests, QStringList { Room + u"|"_s });

        // The archive: Jenny twice, then ours (sent from another device).
        RoomStanza a = FakeRoomWire::text(Room, u"Jenny"_s, u"first"_s, u"j1"_s, u"arch-1"_s);
        a.stamp = QDateTime::currentDateTimeUtc().addSecs(-300);
        RoomStanza b = FakeRoomWire::text(Room, u"Jenny"_s, u"second"_s, u"j2"_s, u"arch-2"_s);
        b.stamp = QDateTime::currentDateTimeUtc().addSecs(-200);
        RoomStanza c = FakeRoomWire::text(Room, u"Alice"_s, u"mine"_s, u"a1"_s, u"arch-3"_s);
        c.stamp = QDateTime::currentDateTimeUtc().addSecs(-100);
        for (const RoomStanza &m : { a, b, c })
            Q_EMIT s.wire->archiveMessage(m);
        Q_EMIT s.wire->archivePageDone(Room, u"arch-3"_s, true);
        QVERIFY(caught.wait());
        QCOMPARE(caught.first().at(1).toInt(), 3);
        // Live, the newest again (the archive and the stream overlap): not twice.
        s.wire->receive(FakeRoomWire::text(Room, u"Jenny"_s, u"second"_s, u"j2"_s, u"arch-2"_s));

        QTRY_COMPARE(s.history().size(), 3);
        const QList<Message> h = s.history();
        QCOMPARE(h[0].body, u"first"_s);
        QCOMPARE(h[1].body, u"second"_s);
        QCOMPARE(h[2].body, u"mine"_s);
        QVERIFY(h[0].arrivedOffline && h[1].arrivedOffline);
        QCOMPARE(h[2].direction, Direction::Outgoing);
        QVERIFY(!h[2].arrivedOffline);
        QCOMPARE(h[0].kind, ChatKind::GroupChat);
        QCOMPARE(h[0].from, Room + u"/Jenny"_s);
        // The same road as 1:1: our message after Jenny's (written on another
        // device) means they were read there, so nothing is left unread
        // once the read position is saved; and the conversation is a room.
        QTRY_COMPARE(s.profile.reads()->tracker()->readPosition(Room), h[2].rowId);
        QTRY_COMPARE(s.profile.store.conversation(Room).result()->unread, 0);
        QCOMPARE(s.profile.store.conversation(Room).result()->kind, ChatKind::GroupChat);
        // The next join continues after the last page; the live copy of an
        // older message (arch-2) does not move it back.
        QTRY_COMPARE(RoomStore::load(s.profile.store).result()->first().archiveLast, u"arch-3"_s);
        QTest::qWait(200);
        QCOMPARE(RoomStore::load(s.profile.store).result()->first().archiveLast, u"arch-3"_s);
    }

    void ourMarkerGoesToAPrivateGroupOnlyByTheRoomsId_data()
    {
        QTest::addColumn<QStringList>("features");
        QTest::addColumn<bool>("privateGroup");
        QTest::newRow("private group") << QStringList { u"muc_membersonly"_s, u"muc_nonanonymous"_s } << true;
        QTest::newRow("members-only, semi-anonymous")
            << QStringList { u"muc_membersonly"_s, u"muc_semianonymous"_s } << false;
        QTest::newRow("open, non-anonymous") << QStringList { u"muc_open"_s, u"muc_nonanonymous"_s } << false;
        QTest::newRow("open channel") << QStringList { u"muc_open"_s, u"muc_semianonymous"_s } << false;
    }

    void ourMarkerGoesToAPrivateGroupOnlyByTheRoomsId()
    {
        QFETCH(QStringList, features);
        QFETCH(bool, privateGroup);
        Setup s(nextPath());
        QVERIFY(s.ready());
        ReadPositions *reads = s.profile.reads();
        reads->setRoomMarkerSender(
            [rooms = s.rooms.get()](const QString &room, const QString &id) { return rooms->sendDisplayed(room, id); });
        QObject::connect(s.rooms.get(), &Rooms::caughtUp, reads, &ReadPositions::sendOwedMarkers);
        QVERIFY(s.joinIn(u"Alice"_s, false, {}, features));
        QCOMPARE(s.rooms->isPrivateGroup(Room), privateGroup);
        // The room is shown in an active window: what comes is read at once.
        reads->tracker()->setWindowActive(true);
        reads->tracker()->setShownChat(Room);
        s.wire->receive(FakeRoomWire::text(Room, u"Jenny"_s, u"회의 자료 보셨어요?"_s, u"jenny-1"_s, u"room-id-1"_s));
        QTRY_COMPARE(s.history().size(), 1);
        QCOMPARE(s.history().first().markable, privateGroup);
        QTRY_COMPARE(reads->tracker()->readPosition(Room), s.history().first().rowId);
        // The room's id, not Jenny's; and only in a private group.
        QTRY_COMPARE(s.wire->displayed, privateGroup ? QStringList { Room + u"|room-id-1"_s } : QStringList());
        QVERIFY(!reads->tracker()->state(Room).markerPending);
        if (!privateGroup)
            return;

        // Read while out of the room (the connection went): owed, and sent once joined again.
        reads->tracker()->setWindowActive(false);
        s.wire->receive(FakeRoomWire::text(Room, u"Jenny"_s, u"하나 더"_s, u"jenny-2"_s, u"room-id-2"_s));
        QTRY_COMPARE(s.history().size(), 2);
        s.wire->setOnline(false);
        reads->tracker()->setWindowActive(true);
        QTRY_VERIFY(reads->tracker()->state(Room).markerPending);
        QCOMPARE(s.wire->displayed.size(), 1);
        s.wire->setOnline(true);
        QTRY_COMPARE(s.wire->featureRequests.size(), 2);
        Q_EMIT s.wire->features(Room, features, std::nullopt);
        QTRY_COMPARE(s.wire->joins.size(), 2);
        s.wire->selfPresence(Room, u"Alice"_s);
        s.wire->subject(Room, QString());
        QTRY_COMPARE(s.wire->displayed, (QStringList { Room + u"|room-id-1"_s, Room + u"|room-id-2"_s }));
        QVERIFY(!reads->tracker()->state(Room).markerPending);
    }

    /// Jenny's client answers a private message through the room: her
    /// receipt and displayed marker come from her occupant address and count
    /// in the private chat, not in the room's conversation.
    void receiptsAndMarkersFromAnOccupantCountInThePrivateChat()
    {
        auto owned = std::make_unique<FakeRoomWire>();
        FakeRoomWire *wire = owned.get();
        ProfileFixture profile(nextPath(), u"me@example.org"_s, std::move(owned));
        QVERIFY(profile.ok());
        Rooms *rooms = profile.features->rooms();
        QVERIFY(QTest::qWaitFor([&] { return rooms->isLoaded(); }));
        wire->setOnline(true);
        rooms->join(Room, u"Alice"_s);
        QTRY_COMPARE(wire->featureRequests.size(), 1);
        Q_EMIT wire->features(Room, {}, std::nullopt);
        QTRY_COMPARE(wire->joins.size(), 1);
        wire->selfPresence(Room, u"Alice"_s);
        QCOMPARE(rooms->state(Room), Rooms::State::Joined);
        profile.transport.setOnline(true);

        const QString jenny = occupantChat(Room, u"Jenny"_s);
        const QString id = profile.messenger()->sendMessage(jenny, u"회의 몇 시예요?"_s);
        QVERIFY(!id.isEmpty());
        const auto stored = [&] {
            const auto messages = profile.store.allMessages(jenny).result();
            return messages && messages->size() == 1 ? messages->first() : Message {};
        };
        QTRY_COMPARE(stored().state, DeliveryState::Sent);

        QXmppMessage receipt(jenny, u"me@example.org/desk"_s);
        receipt.setType(QXmppMessage::Chat);
        receipt.setReceiptId(id);
        profile.transport.receive(receipt);
        QTRY_COMPARE(stored().state, DeliveryState::Delivered);

        QXmppMessage displayed(jenny, u"me@example.org/desk"_s);
        displayed.setType(QXmppMessage::Chat);
        displayed.setMarker(QXmppMessage::Displayed);
        displayed.setMarkerId(id);
        profile.transport.receive(displayed);
        QTRY_VERIFY(profile.reads()->isDisplayed(stored()));
        QCOMPARE(profile.reads()->displayedUpTo(jenny), stored().rowId);
        QCOMPARE(profile.reads()->displayedUpTo(Room), 0);
        QVERIFY(profile.store.allMessages(Room).result()->isEmpty());

        // A person's receipt from one of their devices still counts for their bare address.
        const QString bob = u"bob@example.org"_s;
        profile.requests()->startChat(bob);
        const QString toBob = profile.messenger()->sendMessage(bob, u"hi"_s);
        const auto bobs = [&] {
            const auto messages = profile.store.allMessages(bob).result();
            return messages && messages->size() == 1 ? messages->first() : Message {};
        };
        QTRY_COMPARE(bobs().state, DeliveryState::Sent);
        QXmppMessage fromPhone(u"Bob@Example.org/phone"_s, u"me@example.org/desk"_s);
        fromPhone.setType(QXmppMessage::Chat);
        fromPhone.setReceiptId(toBob);
        profile.transport.receive(fromPhone);
        QTRY_COMPARE(bobs().state, DeliveryState::Delivered);
        profile.store.flush();
    }

    void anArchivePageMovesThePositionAndTheNextJoinContinues()
    {
        const QString path = nextPath();
        {
            Setup s(path);
            QVERIFY(s.ready());
            QVERIFY(s.joinIn(u"Alice"_s, true));
            Q_EMIT s.wire->archiveMessage(FakeRoomWire::text(Room, u"Jenny"_s, u"one"_s, u"j1"_s, u"p-1"_s));
            Q_EMIT s.wire->archivePageDone(Room, u"p-1"_s, false);
            QTRY_COMPARE(RoomStore::load(s.profile.store).result()->first().archiveLast, u"p-1"_s);
        }
        Setup again(path);
        QVERIFY(again.ready());
        // Joined at sign-in, without being asked again.
        QCOMPARE(again.rooms->rooms(), QStringList { Room });
        again.wire->setOnline(true);
        QTRY_COMPARE(again.wire->featureRequests, QStringList { Room });
        Q_EMIT again.wire->features(Room, { NsMam }, std::nullopt);
        QTRY_COMPARE(again.wire->joins.size(), 1);
        QCOMPARE(again.wire->joins.first().nick, u"Alice"_s);
        again.wire->selfPresence(Room, u"Alice"_s);
        QCOMPARE(again.wire->archiveRequests, QStringList { Room + u"|p-1"_s });
    }

    // A page that does not come (the server timed out under load) is asked
    // again from where the stored pages end; when it keeps failing, the
    // catch-up ends (what was written while out goes out) but the position
    // stays, live messages do not move it past the gap, and the next join
    // reads on from there.
    void aFailedArchivePageIsAskedAgainAndNothingIsSkipped()
    {
        const QString path = nextPath();
        {
            Setup s(path);
            QVERIFY(s.ready());
            QSignalSpy caught(s.rooms.get(), &Rooms::caughtUp);
            QVERIFY(s.joinIn(u"Alice"_s, true));
            s.wire->subject(Room, QString()); // the replay is over: what comes now is live
            QCOMPARE(s.wire->archiveRequests, QStringList { Room + u"|"_s });
            Q_EMIT s.wire->archiveMessage(FakeRoomWire::text(Room, u"Jenny"_s, u"one"_s, u"j1"_s, u"p-1"_s));
            Q_EMIT s.wire->archivePageDone(Room, u"p-1"_s, false);
            // The next page fails: asked again after a second, from p-1.
            Q_EMIT s.wire->archiveFailed(Room, u"timeout"_s);
            QTRY_COMPARE_WITH_TIMEOUT(s.wire->archiveRequests.size(), 2, 3000);
            QCOMPARE(s.wire->archiveRequests.last(), Room + u"|p-1"_s);
            QCOMPARE(caught.size(), 0);
            // It comes: the retries start again from nothing for the next page.
            Q_EMIT s.wire->archiveMessage(FakeRoomWire::text(Room, u"Jenny"_s, u"two"_s, u"j2"_s, u"p-2"_s));
            Q_EMIT s.wire->archivePageDone(Room, u"p-2"_s, false);
            for (int failure = 1; failure <= 3; ++failure) {
                Q_EMIT s.wire->archiveFailed(Room, u"timeout"_s);
                QTRY_COMPARE_WITH_TIMEOUT(s.wire->archiveRequests.size(), 2 + failure, 10000);
                QCOMPARE(s.wire->archiveRequests.last(), Room + u"|p-2"_s);
                QCOMPARE(caught.size(), 0);
            }
            // A fourth failure in a row: the catch-up ends without the rest.
            Q_EMIT s.wire->archiveFailed(Room, u"timeout"_s);
            QTRY_COMPARE(caught.size(), 1);
            QTest::qWait(1200);
            QCOMPARE(s.wire->archiveRequests.size(), 5); // not asked again
            // Live messages are stored and shown, but the position stays at p-2.
            Q_EMIT s.wire->messageReceived(FakeRoomWire::text(Room, u"Jenny"_s, u"live"_s, u"j9"_s, u"p-9"_s));
            QTRY_COMPARE(s.history().size(), 3);
            QTest::qWait(100);
            QCOMPARE(RoomStore::load(s.profile.store).result()->first().archiveLast, u"p-2"_s);
        }
        // The next join reads on from p-2, and when that catch-up is
        // complete, live messages move the position again.
        Setup again(path);
        QVERIFY(again.ready());
        again.wire->setOnline(true);
        QTRY_COMPARE(again.wire->featureRequests, QStringList { Room });
        Q_EMIT again.wire->features(Room, { NsMam }, std::nullopt);
        QTRY_COMPARE(again.wire->joins.size(), 1);
        again.wire->selfPresence(Room, u"Alice"_s);
        again.wire->subject(Room, QString());
        QCOMPARE(again.wire->archiveRequests, QStringList { Room + u"|p-2"_s });
        Q_EMIT again.wire->archiveMessage(FakeRoomWire::text(Room, u"Jenny"_s, u"three"_s, u"j3"_s, u"p-3"_s));
        Q_EMIT again.wire->archivePageDone(Room, u"p-9"_s, true);
        QTRY_COMPARE(RoomStore::load(again.profile.store).result()->first().archiveLast, u"p-9"_s);
        Q_EMIT again.wire->messageReceived(FakeRoomWire::text(Room, u"Jenny"_s, u"later"_s, u"j10"_s, u"p-10"_s));
        QTRY_COMPARE(RoomStore::load(again.profile.store).result()->first().archiveLast, u"p-10"_s);
        QStringList bodies;
        for (const Message &m : again.history())
            bodies.append(m.body);
        bodies.sort();
        QCOMPARE(bodies, (QStringList { u"later"_s, u"live"_s, u"one"_s, u"three"_s, u"two"_s }));
    }

    // A retry waiting when the connection drops belongs to the catch-up that
    // ended with it: after the join that follows, only that join's own read
    // runs (another one would end it halfway and read the same pages again).
    void aRetryFromBeforeARejoinIsDropped()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QSignalSpy caught(s.rooms.get(), &Rooms::caughtUp);
        QVERIFY(s.joinIn(u"Alice"_s, true));
        s.wire->subject(Room, QString());
        Q_EMIT s.wire->archiveMessage(FakeRoomWire::text(Room, u"Jenny"_s, u"one"_s, u"j1"_s, u"p-1"_s));
        Q_EMIT s.wire->archivePageDone(Room, u"p-1"_s, false);
        Q_EMIT s.wire->archiveFailed(Room, u"timeout"_s); // a retry in a second
        s.wire->setOnline(false);
        QCOMPARE(s.rooms->state(Room), Rooms::State::Out);
        QVERIFY(s.joinIn(u"Alice"_s, true)); // back within the second
        s.wire->subject(Room, QString());
        QCOMPARE(s.wire->archiveRequests, (QStringList { Room + u"|"_s, Room + u"|p-1"_s }));
        QTest::qWait(1500); // past the retry's time
        QCOMPARE(s.wire->archiveRequests.size(), 2);
        // The join's read goes on to its end, and the room is caught up once.
        Q_EMIT s.wire->archiveMessage(FakeRoomWire::text(Room, u"Jenny"_s, u"two"_s, u"j2"_s, u"p-2"_s));
        Q_EMIT s.wire->archivePageDone(Room, u"p-2"_s, true);
        QTRY_COMPARE(caught.size(), 1);
        QCOMPARE(s.history().size(), 2);
    }

    // An archive that refuses the query (it no longer has the position we
    // ask from) is not asked again: the catch-up ends, and live messages
    // move the position on, so the next join does not meet the same refusal.
    void anArchiveThatRefusesIsNotAskedAgain()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QSignalSpy caught(s.rooms.get(), &Rooms::caughtUp);
        QVERIFY(s.joinIn(u"Alice"_s, true));
        s.wire->subject(Room, QString());
        Q_EMIT s.wire->archiveFailed(Room, u"item-not-found"_s, false);
        QCOMPARE(caught.size(), 1);
        Q_EMIT s.wire->messageReceived(FakeRoomWire::text(Room, u"Jenny"_s, u"live"_s, u"j1"_s, u"p-1"_s));
        QTRY_COMPARE(RoomStore::load(s.profile.store).result()->first().archiveLast, u"p-1"_s);
        QTest::qWait(1200);
        QCOMPARE(s.wire->archiveRequests.size(), 1);
    }

    void ownMessageIsStoredOnceWithTheRoomsId()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QVERIFY(s.joinIn(u"Alice"_s, false, u"occ-me"_s));
        const QString id = s.rooms->send(Room, u"안녕하세요 여러분"_s);
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE(s.wire->sent.size(), 1);
        QCOMPARE(s.wire->sent.first().id, id);
        Q_EMIT s.wire->sendSettled(Room, id, true);
        // The room reflects it, with its stanza-id.
        RoomStanza echo = FakeRoomWire::text(Room, u"Alice"_s, u"안녕하세요 여러분"_s, id, u"room-77"_s);
        echo.occupantId = u"occ-me"_s;
        QSignalSpy changed(s.rooms.get(), &Rooms::messageChanged);
        s.wire->receive(echo);
        QTRY_VERIFY(!changed.isEmpty());
        QTRY_COMPARE(s.history().size(), 1);
        const Message m = s.history().first();
        QCOMPARE(m.direction, Direction::Outgoing);
        QCOMPARE(m.stanzaId, u"room-77"_s);
        QCOMPARE(m.state, DeliveryState::Sent);
        QCOMPARE(m.nick, u"Alice"_s);
        QCOMPARE(m.from, Room + u"/Alice"_s);
    }

    void aMessageWrittenWhileOutGoesOnceAfterTheJoin()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        s.rooms->join(Room, u"Alice"_s); // offline: remembered
        const QString id = s.rooms->send(Room, u"written on the train"_s);
        QTRY_COMPARE(s.history().size(), 1);
        QCOMPARE(s.history().first().state, DeliveryState::Queued);
        QVERIFY(s.wire->sent.isEmpty());
        QVERIFY(s.joinIn(u"Alice"_s, false));
        QTRY_COMPARE(s.wire->sent.size(), 1);
        QCOMPARE(s.wire->sent.first().id, id);
        // The connection drops before the server took it, and comes back.
        Q_EMIT s.wire->sendSettled(Room, id, false);
        s.wire->setOnline(false);
        QVERIFY(s.joinIn(u"Alice"_s, false));
        QTRY_COMPARE(s.wire->sent.size(), 2); // still queued: once more, same id
        QCOMPARE(s.wire->sent.last().id, id);
        Q_EMIT s.wire->sendSettled(Room, id, true);
        QTRY_COMPARE(s.history().first().state, DeliveryState::Sent);
        s.wire->setOnline(false);
        QVERIFY(s.joinIn(u"Alice"_s, false));
        QTest::qWait(50);
        QCOMPARE(s.wire->sent.size(), 2); // sent: not again
    }

    // The history's outbox holds 1:1 and room messages; Messenger, which
    // sends what is queued when the connection is back, leaves rooms alone.
    void theOneToOneOutboxDoesNotSendRoomMessages()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        s.rooms->join(Room, u"Alice"_s);
        s.rooms->send(Room, u"for the room only"_s);
        s.profile.messenger()->sendMessage(u"jenny@example.org"_s, u"for Jenny"_s);
        QTRY_COMPARE(s.profile.store.pendingOutgoing().result()->size(), 2);
        QSignalSpy progress(s.profile.messenger(), &Messenger::archiveFetchProgress);
        s.profile.transport.setOnline(true); // the 1:1 side signs in; the catch-up fails at once here
        QTRY_VERIFY(std::any_of(s.profile.transport.sent().cbegin(), s.profile.transport.sent().cend(),
            [](const QXmppMessage &m) { return m.body() == u"for Jenny"_s; }));
        QTest::qWait(50);
        for (const QXmppMessage &m : s.profile.transport.sent())
            QVERIFY2(m.to() != Room && m.body() != u"for the room only"_s, qPrintable(m.to()));
    }

    void aReplayDoesNotStoreWhatIsStoredAlready()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QVERIFY(s.joinIn(u"Alice"_s, false));
        QCOMPARE(s.wire->joins.last().withoutHistory, false);
        // The replay (before the subject): no ids, as some clients send.
        s.wire->receive(FakeRoomWire::text(Room, u"Jenny"_s, u"old news"_s));
        s.wire->subject(Room, u"Release on Friday"_s);
        s.wire->receive(FakeRoomWire::text(Room, u"Jenny"_s, u"live"_s));
        QTRY_COMPARE(s.history().size(), 2);
        QCOMPARE(s.rooms->subject(Room), u"Release on Friday"_s);
        QVERIFY(s.history().first().arrivedOffline); // the replay waited
        QVERIFY(!s.history().last().arrivedOffline);
        // Reconnect: the room replays the same again, and one new message.
        s.wire->setOnline(false);
        QVERIFY(s.joinIn(u"Alice"_s, false));
        s.wire->receive(FakeRoomWire::text(Room, u"Jenny"_s, u"old news"_s));
        s.wire->receive(FakeRoomWire::text(Room, u"Jenny"_s, u"live"_s));
        s.wire->receive(FakeRoomWire::text(Room, u"Michael"_s, u"said while you were away"_s));
        s.wire->subject(Room, u"Release on Friday"_s);
        QTRY_COMPARE(s.history().size(), 3);
        QTest::qWait(50);
        QCOMPARE(s.history().size(), 3);
        QCOMPARE(s.history().last().nick, u"Michael"_s);
        QVERIFY(s.history().last().arrivedOffline);
    }

    void aMessageWithoutNickIsANotice()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QVERIFY(s.joinIn(u"Alice"_s, false));
        s.wire->subject(Room, {});
        s.wire->receive(FakeRoomWire::text(Room, QString(), u"This room is now non-anonymous"_s));
        QTRY_COMPARE(s.history().size(), 1);
        const Message notice = s.history().first();
        QCOMPARE(notice.nick, QString());
        QCOMPARE(notice.from, Room);
        QCOMPARE(notice.direction, Direction::Incoming);
    }

    void joinErrorsAreSentences_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("words");
        QTest::newRow("no such room") << int(JoinError::RoomNotFound) << u"does not exist"_s;
        QTest::newRow("nickname taken") << int(JoinError::NickTaken) << u"“Alice” is already taken"_s;
        QTest::newRow("members only") << int(JoinError::MembersOnly) << u"for members only"_s;
        QTest::newRow("banned") << int(JoinError::Banned) << u"banned"_s;
        QTest::newRow("wrong password") << int(JoinError::WrongPassword) << u"password"_s;
        QTest::newRow("no service") << int(JoinError::ServiceNotFound) << u"conference.example.org was not found"_s;
        QTest::newRow("full") << int(JoinError::RoomFull) << u"is full"_s;
    }

    void joinErrorsAreSentences()
    {
        QFETCH(int, error);
        QFETCH(QString, words);
        Setup s(nextPath());
        QVERIFY(s.ready());
        QSignalSpy failed(s.rooms.get(), &Rooms::joinFailed);
        s.wire->setOnline(true);
        s.rooms->join(Room, u"Alice"_s);
        Q_EMIT s.wire->features(Room, { NsMam }, std::nullopt);
        Q_EMIT s.wire->joinFailed(Room, u"Alice"_s, JoinError(error), {});
        QCOMPARE(failed.size(), 1);
        const QString sentence = failed.first().at(2).toString();
        QVERIFY2(sentence.contains(words), qPrintable(sentence));
        QVERIFY(sentence.endsWith(u'.'));
        QCOMPARE(s.rooms->state(Room), Rooms::State::Out);
    }

    void theServiceNotFoundFailsBeforeTheJoin()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QSignalSpy failed(s.rooms.get(), &Rooms::joinFailed);
        s.wire->setOnline(true);
        s.rooms->join(u"room@nowhere.example"_s, u"Alice"_s);
        Q_EMIT s.wire->features(u"room@nowhere.example"_s, {}, JoinError::ServiceNotFound);
        QCOMPARE(failed.size(), 1);
        QVERIFY(s.wire->joins.isEmpty());
        QVERIFY(failed.first().at(2).toString().contains(u"nowhere.example"_s));
    }

    void occupantsNicknamesAndTheServicesRewrite()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QSignalSpy joinedOnes(s.rooms.get(), &Rooms::occupantJoined);
        QSignalSpy leftOnes(s.rooms.get(), &Rooms::occupantLeft);
        QSignalSpy renamed(s.rooms.get(), &Rooms::nickChanged);
        s.wire->setOnline(true);
        s.rooms->join(Room, u"Alice"_s);
        Q_EMIT s.wire->features(Room, {}, std::nullopt);
        QTRY_COMPARE(s.wire->joins.size(), 1);
        s.wire->occupantPresence(Room, u"Jenny"_s, true, u"moderator"_s);
        // The service gives us another nickname (status 210): followed.
        s.wire->selfPresence(Room, u"alice-2"_s, { 210 });
        QCOMPARE(s.rooms->state(Room), Rooms::State::Joined);
        QCOMPARE(s.rooms->nick(Room), u"alice-2"_s);
        QCOMPARE(renamed.size(), 1);
        QCOMPARE(s.rooms->occupants(Room).size(), 2);
        QCOMPARE(joinedOnes.size(), 2);
        // Messages under the rewritten nickname are ours.
        s.wire->receive(FakeRoomWire::text(Room, u"alice-2"_s, u"hello"_s, u"x1"_s));
        QTRY_COMPARE(s.history().size(), 1);
        QCOMPARE(s.history().first().direction, Direction::Outgoing);
        // Our own change: 303 under the old nick, then the new one.
        s.rooms->changeNick(Room, u"Alice"_s);
        QCOMPARE(s.wire->nickChanges, QStringList { Room + u"/Alice"_s });
        s.wire->selfPresence(Room, u"alice-2"_s, { 303 }, {}, false);
        s.wire->selfPresence(Room, u"Alice"_s);
        QCOMPARE(s.rooms->nick(Room), u"Alice"_s);
        QCOMPARE(renamed.size(), 2);
        QCOMPARE(s.rooms->state(Room), Rooms::State::Joined);
        QTRY_COMPARE(RoomStore::load(s.profile.store).result()->first().nick, u"Alice"_s);
        // Jenny leaves.
        s.wire->occupantPresence(Room, u"Jenny"_s, false);
        QVERIFY(leftOnes.contains(QVariantList { Room, u"Jenny"_s }));
        QCOMPARE(s.rooms->occupants(Room).size(), 1);
    }

    void beingKickedIsSaidAndNotRejoined()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QVERIFY(s.joinIn(u"Alice"_s, false));
        QSignalSpy removed(s.rooms.get(), &Rooms::removed);
        s.wire->selfPresence(Room, u"Alice"_s, { 307 }, {}, false);
        QCOMPARE(removed.size(), 1);
        QVERIFY(removed.first().at(2).toString().contains(u"removed from team@conference.example.org"_s));
        QCOMPARE(s.rooms->state(Room), Rooms::State::Out);
        const int asked = int(s.wire->featureRequests.size());
        s.wire->setOnline(false);
        s.wire->setOnline(true);
        QTest::qWait(50);
        QCOMPARE(s.wire->featureRequests.size(), asked);
    }

    // Someone else kicked or banned (301, 307): a notice in the room, with
    // the reason; someone merely leaving adds nothing to the history.
    void othersPutOutAreSaidInTheRoom()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QVERIFY(s.joinIn(u"Alice"_s, false));
        s.wire->subject(Room, {});
        for (const QString &nick : { u"Carol"_s, u"Dave"_s, u"Erin"_s })
            s.wire->occupantPresence(Room, nick);
        const auto gone = [&](const QString &nick, QList<int> codes, const QString &reason) {
            RoomPresence p;
            p.room = Room;
            p.occupant.nick = nick;
            p.occupant.role = u"none"_s;
            p.available = false;
            p.statusCodes = codes;
            p.reason = reason;
            Q_EMIT s.wire->presenceReceived(p);
        };
        gone(u"Dave"_s, {}, {});
        gone(u"Carol"_s, { 307 }, u"광고 금지"_s);
        gone(u"Erin"_s, { 301 }, {});
        QTRY_COMPARE(s.history().size(), 2);
        QTest::qWait(50);
        const QList<Message> h = s.history();
        QCOMPARE(h.size(), 2);
        QCOMPARE(h.at(0).body, Rooms::othersSentence(Rooms::Removal::Kicked, u"Carol"_s, u"광고 금지"_s));
        QVERIFY(h.at(0).body.contains(u"Carol was removed"_s));
        QVERIFY(h.at(0).body.contains(u"광고 금지"_s));
        QCOMPARE(h.at(1).body, u"Erin was banned from the room."_s);
        for (const Message &m : h) {
            QCOMPARE(m.nick, QString()); // the room's notice, not a person's message
            QCOMPARE(m.from, Room);
            QCOMPARE(m.kind, ChatKind::GroupChat);
        }
        QCOMPARE(s.rooms->occupants(Room).size(), 1); // only we are left
    }

    // ejabberd tells each occupant of a destroyed room without status 110
    // (XEP-0045 §10.9 asks for none): still ours, from our own nickname.
    void aDestroyedRoomIsSaidWithOrWithoutStatus110()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QVERIFY(s.joinIn(u"Alice"_s, false));
        QSignalSpy removed(s.rooms.get(), &Rooms::removed);
        RoomPresence p;
        p.room = Room;
        p.occupant.nick = u"Alice"_s;
        p.occupant.role = u"none"_s;
        p.occupant.affiliation = u"none"_s;
        p.available = false;
        p.destroyed = true;
        p.reason = u"끝"_s;
        Q_EMIT s.wire->presenceReceived(p);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().at(1).value<Rooms::Removal>(), Rooms::Removal::Destroyed);
        QCOMPARE(removed.first().at(2).toString(), Rooms::sentence(Rooms::Removal::Destroyed, Room, u"끝"_s));
        QCOMPARE(s.rooms->state(Room), Rooms::State::Out);
        QVERIFY(!s.rooms->rooms().contains(Room));
    }

    void rejoinsAfterReconnectAndAfterAFailedSelfPing()
    {
        Setup s(nextPath());
        QVERIFY(s.ready());
        QVERIFY(s.joinIn(u"Alice"_s, false));
        QSignalSpy left(s.rooms.get(), &Rooms::left);
        s.wire->setOnline(false);
        QCOMPARE(left.size(), 1);
        QCOMPARE(s.rooms->state(Room), Rooms::State::Out);
        s.wire->setOnline(true);
        QCOMPARE(s.wire->featureRequests.size(), 2);
        Q_EMIT s.wire->features(Room, {}, std::nullopt);
        QTRY_COMPARE(s.wire->joins.size(), 2);
        s.wire->selfPresence(Room, u"Alice"_s);
        // A self-ping finds us out (a silent kick, a restarted room): join again.
        s.rooms->setSelfPingInterval(10);
        QTRY_VERIFY(!s.wire->pings.isEmpty());
        QCOMPARE(s.wire->pings.first(), Room + u"/Alice"_s);
        s.rooms->setSelfPingInterval(3600'000);
        Q_EMIT s.wire->pinged(Room, false);
        QCOMPARE(s.rooms->state(Room), Rooms::State::Joining);
        QCOMPARE(s.wire->featureRequests.size(), 3);
    }

    void leavingIsKept()
    {
        const QString path = nextPath();
        {
            Setup s(path);
            QVERIFY(s.ready());
            QVERIFY(s.joinIn(u"Alice"_s, false));
            s.rooms->leave(Room);
            QCOMPARE(s.wire->leaves, QStringList { Room + u"/Alice"_s });
            QSignalSpy left(s.rooms.get(), &Rooms::left);
            s.wire->selfPresence(Room, u"Alice"_s, {}, {}, false);
            QCOMPARE(left.size(), 1);
            QCOMPARE(s.rooms->rooms(), QStringList());
        }
        Setup again(path);
        QVERIFY(again.ready());
        again.wire->setOnline(true);
        QTest::qWait(50);
        QVERIFY(again.wire->featureRequests.isEmpty());
        // Its history and conversation stay: still a room.
        QCOMPARE(again.profile.store.conversation(Room).result()->kind, ChatKind::GroupChat);
    }

    // The wire's reading of raw stanzas.
    void readsAPresence()
    {
        const auto p = RoomStanzas::presence(parse(
            u"<presence xmlns='jabber:client' from='team@conference.example.org/Jenny' type='unavailable'>"
            "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'>"
            "<reason>spam</reason></item><status code='307'/><status code='110'/></x>"
            "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ-9'/></presence>"_s));
        QVERIFY(p);
        QCOMPARE(p->room, Room);
        QCOMPARE(p->occupant.nick, u"Jenny"_s);
        QVERIFY(!p->available);
        QVERIFY(p->isSelf());
        QCOMPARE(p->statusCodes, (QList<int> { 307, 110 }));
        QCOMPARE(p->reason, u"spam"_s);
        QCOMPARE(p->occupant.occupantId, u"occ-9"_s);
        QVERIFY(!RoomStanzas::presence(parse(u"<presence xmlns='jabber:client' from='team@conference.example.org'/>"_s)));
    }

    void trustsOnlyTheRoomsStanzaId()
    {
        const RoomStanza m = RoomStanzas::message(parse(
            u"<message xmlns='jabber:client' from='team@conference.example.org/Jenny' type='groupchat' id='x'>"
            "<body>hi</body><origin-id xmlns='urn:xmpp:sid:0' id='o-1'/>"
            "<stanza-id xmlns='urn:xmpp:sid:0' by='me@example.org' id='mine-1'/>"
            "<stanza-id xmlns='urn:xmpp:sid:0' by='team@conference.example.org' id='room-1'/>"
            "<stanza-id xmlns='urn:xmpp:sid:0' by='evil@example.org' id='evil-1'/>"
            "</message>"_s));
        QCOMPARE(m.room, Room);
        QCOMPARE(m.nick, u"Jenny"_s);
        QCOMPARE(m.id, u"o-1"_s);
        QCOMPARE(m.stanzaId, u"room-1"_s);
        QCOMPARE(m.body, u"hi"_s);
        QCOMPARE(RoomStanzas::joinErrorOf(u"conflict"_s), JoinError::NickTaken);
        QCOMPARE(RoomStanzas::joinErrorOf(u"registration-required"_s), JoinError::MembersOnly);
        QCOMPARE(RoomStanzas::joinErrorOf(u"not-authorized"_s), JoinError::WrongPassword);
    }

    // ejabberd stamps a room's archive to the microsecond, Prosody to the
    // second: an ejabberd stamp ending in .000 is not one to the second, and
    // keeps its place before the messages later in that second.
    void aPreciseStampOnAWholeSecondKeepsItsPlace()
    {
        const auto stamped = [](const QString &stamp) {
            return RoomStanzas::message(parse(
                u"<message xmlns='jabber:client' from='team@conference.example.org/Jenny' type='groupchat'>"
                "<body>hi</body><delay xmlns='urn:xmpp:delay' stamp='%1'/></message>"_s.arg(stamp)));
        };
        const RoomStanza precise = stamped(u"2026-05-01T09:00:03.000456Z"_s);
        QVERIFY(precise.preciseStamp);
        QCOMPARE(precise.stamp, QDateTime(QDate(2026, 5, 1), QTime(9, 0, 3), QTimeZone::UTC));
        QVERIFY(!stamped(u"2026-05-01T09:00:03Z"_s).preciseStamp);

        Setup s(nextPath());
        QVERIFY(s.ready());
        QSignalSpy caught(s.rooms.get(), &Rooms::caughtUp);
        QVERIFY(s.joinIn(u"Alice"_s, true));
        const QDateTime second = QDateTime::currentDateTimeUtc().addSecs(-60);
        const QDateTime whole = second.addMSecs(-second.time().msec());
        RoomStanza a = FakeRoomWire::text(Room, u"Jenny"_s, u"first"_s, u"j1"_s, u"arch-1"_s);
        a.stamp = whole; // .000 456
        a.preciseStamp = true;
        RoomStanza b = FakeRoomWire::text(Room, u"Bob"_s, u"second"_s, u"b1"_s, u"arch-2"_s);
        b.stamp = whole.addMSecs(400);
        b.preciseStamp = true;
        Q_EMIT s.wire->archiveMessage(a);
        Q_EMIT s.wire->archiveMessage(b);
        Q_EMIT s.wire->archivePageDone(Room, u"arch-2"_s, true);
        QVERIFY(caught.wait());
        QTRY_COMPARE(s.history().size(), 2);
        QCOMPARE(s.history().at(0).body, u"first"_s);
        QCOMPARE(s.history().at(1).body, u"second"_s);
    }
};

QTEST_GUILESS_MAIN(TestRooms)
#include "tst_rooms.moc"
