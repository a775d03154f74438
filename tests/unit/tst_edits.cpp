#include "editoutbox.h"
#include "edits.h"
#include "exporter.h"
#include "fakeroomwire.h"
#include "rooms.h"
#include "historystore.h"
#include "profile.h"
#include "profilefixture.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QXmppElement.h>
#include <QXmppMessage.h>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

const QString Jenny = u"jenny@example.org"_s;
const QString Me = u"me@example.org"_s;
const QString Room = u"team@rooms.example.org"_s;

Message message(const QString &chat, const QString &id, const QString &body, const QString &from,
    Direction direction = Direction::Incoming)
{
    Message m;
    m.chat = chat;
    m.messageId = id;
    m.direction = direction;
    m.from = from;
    m.to = direction == Direction::Incoming ? Me : chat;
    m.body = body;
    m.sentAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    m.receivedAt = m.sentAt;
    m.state = direction == Direction::Incoming ? DeliveryState::Received : DeliveryState::Sent;
    return m;
}

Message inRoom(const QString &id, const QString &body, const QString &nick, const QString &occupantId)
{
    Message m = message(Room, id, body, Room + u'/' + nick);
    m.kind = ChatKind::GroupChat;
    m.nick = nick;
    m.occupantId = occupantId;
    return m;
}

Message correction(Message from, const QString &target, const QString &id, const QString &body)
{
    from.messageId = id;
    from.replaces = target;
    from.body = body;
    from.sentAt = from.sentAt.addSecs(10);
    return from;
}

Message retraction(Message from, const QString &target, const QString &id)
{
    from.messageId = id;
    from.retracts = target;
    from.body.clear();
    from.sentAt = from.sentAt.addSecs(20);
    return from;
}

} // namespace

/// Who may correct (XEP-0308) and retract (XEP-0424) what, in what order
/// they may arrive, and that a retracted text leaves the history and its
/// search index.
class TestEdits final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<HistoryStore> m_store;

    HistoryStore::AddResult add(const Message &m)
    {
        auto result = m_store->addMessage(m).result();
        if (!result)
            qFatal("store: %s", qPrintable(result.errorMessage()));
        return result.value();
    }

    Message stored(const QString &chat, const QString &id)
    {
        const auto all = m_store->allMessages(chat).result().value();
        for (const Message &m : all) {
            if (m.messageId == id)
                return m;
        }
        return {};
    }

    int count(const QString &sql, const QVariantList &binds = {})
    {
        return m_store
            ->run<int>(HistoryStore::Access::Read,
                [sql, binds](QSqlDatabase &db) -> Expected<int> {
                    QSqlQuery q(db);
                    q.prepare(sql);
                    for (const QVariant &b : binds)
                        q.addBindValue(b);
                    if (!q.exec() || !q.next())
                        return Error { u"query failed: "_s + sql };
                    return q.value(0).toInt();
                })
            .result()
            .value();
    }

    int searchHits(const QString &word)
    {
        return count(u"SELECT COUNT(*) FROM message_search WHERE message_search MATCH ?"_s, { word });
    }

    /// Alice (occupant id "occ-me") is in Room over the fake wire: it comes
    /// online, `join` asks to join (else the room is joined again by itself,
    /// as after a reconnection or a restart), and the room answers.
    static bool enterRoom(Rooms &rooms, Test::FakeRoomWire *wire, bool join)
    {
        const qsizetype asked = wire->featureRequests.size();
        const qsizetype joins = wire->joins.size();
        wire->setOnline(true);
        if (join)
            rooms.join(Room, u"Alice"_s);
        if (!QTest::qWaitFor([&] { return wire->featureRequests.size() > asked; }))
            return false;
        Q_EMIT wire->features(Room, {}, std::nullopt);
        if (!QTest::qWaitFor([&] { return wire->joins.size() > joins; }))
            return false;
        wire->selfPresence(Room, u"Alice"_s, {}, u"occ-me"_s);
        return QTest::qWaitFor([&] { return rooms.state(Room) == Rooms::State::Joined; });
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<HistoryStore>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)));
        QVERIFY(m_store->open().result().ok());
    }

    void cleanup() { m_store.reset(); }

    void whoMayChange_data()
    {
        QTest::addColumn<Message>("target");
        QTest::addColumn<Message>("edit");
        QTest::addColumn<bool>("allowed");

        const Message fromJenny = message(Jenny, u"m1"_s, u"hello"_s, Jenny + u"/phone"_s);
        QTest::newRow("same full address") << fromJenny << correction(fromJenny, u"m1"_s, u"c1"_s, u"hi"_s) << true;
        Message bare = correction(fromJenny, u"m1"_s, u"c1"_s, u"hi"_s);
        bare.from = Jenny;
        QTest::newRow("resource not known") << fromJenny << bare << true;
        Message otherResource = correction(fromJenny, u"m1"_s, u"c1"_s, u"hi"_s);
        otherResource.from = Jenny + u"/laptop"_s;
        QTest::newRow("other resource") << fromJenny << otherResource << false;
        Message stranger = correction(fromJenny, u"m1"_s, u"c1"_s, u"hi"_s);
        stranger.chat = u"stranger@spam.example"_s;
        stranger.from = u"stranger@spam.example/bot"_s;
        QTest::newRow("stranger's chat (a request)") << fromJenny << stranger << false;
        const Message ours = message(Jenny, u"o1"_s, u"mine"_s, Me, Direction::Outgoing);
        QTest::newRow("ours, by us") << ours << correction(ours, u"o1"_s, u"c2"_s, u"my fix"_s) << true;
        Message theirsOnOurs = correction(fromJenny, u"o1"_s, u"c2"_s, u"hijack"_s);
        QTest::newRow("ours, by them") << ours << theirsOnOurs << false;
        Message foreignCarbon = correction(ours, u"o1"_s, u"c3"_s, u"forged"_s);
        foreignCarbon.from = u"mallory@evil.example/x"_s;
        QTest::newRow("carbon from a foreign address") << ours << foreignCarbon << false;
        QTest::newRow("theirs, by us") << fromJenny << correction(ours, u"m1"_s, u"c4"_s, u"x"_s) << false;

        const Message alice = inRoom(u"r1"_s, u"room text"_s, u"alice"_s, u"occ-a"_s);
        QTest::newRow("room: same occupant id")
            << alice << correction(alice, u"r1"_s, u"c5"_s, u"fixed"_s) << true;
        Message renamed = correction(alice, u"r1"_s, u"c5"_s, u"fixed"_s);
        renamed.nick = u"alice2"_s;
        renamed.from = Room + u"/alice2"_s;
        QTest::newRow("room: same occupant id, new nick") << alice << renamed << true;
        Message otherOccupant = correction(alice, u"r1"_s, u"c6"_s, u"spoof"_s);
        otherOccupant.occupantId = u"occ-m"_s;
        QTest::newRow("room: other occupant id, same nick") << alice << otherOccupant << false;
        Message noId = correction(alice, u"r1"_s, u"c7"_s, u"spoof"_s);
        noId.occupantId.clear();
        QTest::newRow("room: occupant id missing") << alice << noId << false;
        const Message plain = inRoom(u"r2"_s, u"old room"_s, u"bob"_s, {});
        QTest::newRow("room without ids: same nick") << plain << correction(plain, u"r2"_s, u"c8"_s, u"x"_s) << true;
        Message otherNick = correction(plain, u"r2"_s, u"c9"_s, u"x"_s);
        otherNick.nick = u"eve"_s;
        QTest::newRow("room without ids: other nick") << plain << otherNick << false;
    }

    void whoMayChange()
    {
        QFETCH(Message, target);
        QFETCH(Message, edit);
        QFETCH(bool, allowed);
        target.rowId = 1;
        QCOMPARE(Edits::mayChange(target, edit), allowed);
        // The history applies the same rule, to corrections and retractions alike.
        for (const bool retract : { false, true }) {
            init();
            Message original = target;
            original.rowId = 0;
            original.retracted = false;
            QVERIFY(add(original).inserted);
            const Message before = stored(original.chat, original.messageId);
            Message e = retract ? retraction(edit, original.messageId, edit.messageId + u"r"_s) : edit;
            const auto result = add(e);
            QCOMPARE(result.amended, allowed);
            const Message after = stored(original.chat, original.messageId);
            if (allowed) {
                QCOMPARE(after.retracted, retract);
                QCOMPARE(after.body, retract ? QString() : edit.body);
            } else {
                QCOMPARE(after.body, before.body);
                QVERIFY(!after.edited);
                QVERIFY(!after.retracted);
                // Refused in the target's chat: stored nowhere.
                QCOMPARE(count(u"SELECT COUNT(*) FROM message_versions"_s), 0);
                if (e.chat == original.chat)
                    QCOMPARE(count(u"SELECT COUNT(*) FROM early_edits"_s), 0);
            }
            cleanup();
        }
    }

    void correctionKeepsVersionsAndIndex()
    {
        const Message m = message(Jenny, u"m1"_s, u"see you at the pineapple stand"_s, Jenny + u"/phone"_s);
        QVERIFY(add(m).inserted);
        auto first = add(correction(m, u"m1"_s, u"c1"_s, u"see you at the mango stand"_s));
        QVERIFY(first.amended);
        QCOMPARE(first.message.body, u"see you at the mango stand"_s);
        // A second correction names the original (XEP-0308) or, as some clients do, the first correction.
        auto second = add(correction(m, u"c1"_s, u"c2"_s, u"see you at the kiwi stand"_s));
        QVERIFY(second.amended);
        // The same correction again (live, then from the archive): applied once.
        QVERIFY(!add(correction(m, u"c1"_s, u"c2"_s, u"see you at the kiwi stand"_s)).amended);
        const Message now = stored(Jenny, u"m1"_s);
        QVERIFY(now.edited);
        QCOMPARE(now.body, u"see you at the kiwi stand"_s);
        QCOMPARE(now.versions,
            QStringList({ u"see you at the pineapple stand"_s, u"see you at the mango stand"_s }));
        QCOMPARE(searchHits(u"kiwi"_s), 1);
        QCOMPARE(searchHits(u"mango"_s), 0); // the index holds the current text
        // Not a message of its own: the chat still has one.
        QCOMPARE(m_store->allMessages(Jenny).result().value().size(), 1);
    }

    void retractionRemovesTheText()
    {
        const Message m = message(Jenny, u"m1"_s, u"my secret password is swordfish"_s, Jenny + u"/phone"_s);
        QVERIFY(add(m).inserted);
        QVERIFY(add(correction(m, u"m1"_s, u"c1"_s, u"my secret password is marlin"_s)).amended);
        QCOMPARE(searchHits(u"marlin"_s), 1);
        QVERIFY(add(retraction(m, u"m1"_s, u"x1"_s)).amended);
        const Message now = stored(Jenny, u"m1"_s);
        QVERIFY(now.retracted);
        QVERIFY(now.body.isEmpty());
        QVERIFY(now.versions.isEmpty());
        QCOMPARE(searchHits(u"marlin"_s), 0);
        QCOMPARE(searchHits(u"swordfish"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM messages WHERE body LIKE '%marlin%' OR body LIKE '%swordfish%'"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM message_versions"_s), 0);
        // Nothing brings it back.
        QVERIFY(!add(correction(m, u"m1"_s, u"c9"_s, u"resurrected"_s)).amended);
        QVERIFY(stored(Jenny, u"m1"_s).body.isEmpty());
    }

    void earlyEditsWaitForTheirTarget_data()
    {
        QTest::addColumn<bool>("retract");
        QTest::addColumn<bool>("spoofed");
        QTest::newRow("correction") << false << false;
        QTest::newRow("retraction") << true << false;
        QTest::newRow("spoofed correction") << false << true;
        QTest::newRow("spoofed retraction") << true << true;
    }

    void earlyEditsWaitForTheirTarget()
    {
        QFETCH(bool, retract);
        QFETCH(bool, spoofed);
        // Archive order: the edit comes before the message it is about.
        const Message m = message(Jenny, u"m1"_s, u"the original walrus text"_s, Jenny + u"/phone"_s);
        Message sender = m;
        if (spoofed)
            sender.from = Jenny + u"/other"_s;
        const Message e = retract ? retraction(sender, u"m1"_s, u"e1"_s)
                                  : correction(sender, u"m1"_s, u"e1"_s, u"the corrected narwhal text"_s);
        const auto early = add(e);
        QVERIFY(!early.amended);
        QCOMPARE(early.edit, Edits::Outcome::Deferred);
        QVERIFY(m_store->allMessages(Jenny).result().value().isEmpty());
        const auto arrived = add(m);
        QVERIFY(arrived.inserted);
        const Message now = stored(Jenny, u"m1"_s);
        QCOMPARE(arrived.message.body, now.body);
        if (spoofed) {
            QCOMPARE(now.body, m.body);
            QVERIFY(!now.edited && !now.retracted);
        } else if (retract) {
            QVERIFY(now.retracted);
            QVERIFY(now.body.isEmpty());
            QCOMPARE(searchHits(u"walrus"_s), 0);
        } else {
            QCOMPARE(now.body, u"the corrected narwhal text"_s);
            QCOMPARE(now.versions, QStringList { m.body });
            QCOMPARE(searchHits(u"narwhal"_s), 1);
            QCOMPARE(searchHits(u"walrus"_s), 0);
        }
        QCOMPARE(count(u"SELECT COUNT(*) FROM early_edits"_s), 0); // used up either way
    }

    void deleteForMeRemovesTheRow()
    {
        const Message m = message(Jenny, u"m1"_s, u"a platypus"_s, Jenny + u"/phone"_s);
        const auto added = add(m);
        QVERIFY(add(correction(m, u"m1"_s, u"c1"_s, u"an echidna"_s)).amended);
        QVERIFY(m_store->deleteLocally(Jenny, added.message.rowId).result().ok());
        QVERIFY(m_store->allMessages(Jenny).result().value().isEmpty());
        QCOMPARE(searchHits(u"echidna"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM message_versions"_s), 0);
    }

    /// Reactions (XEP-0444): each sender's newest set replaces their
    /// earlier one; a stranger's cannot land on another chat's message.
    void reactionsPerSender()
    {
        const Message m = message(Jenny, u"m1"_s, u"lunch?"_s, Jenny + u"/phone"_s);
        QVERIFY(add(m).inserted);
        Message theirs = m;
        theirs.messageId = u"r1"_s;
        theirs.body.clear();
        theirs.reactsTo = u"m1"_s;
        theirs.reactionSet = QStringList { u"👍"_s, u"🍕"_s };
        QVERIFY(add(theirs).amended);
        Message ours = message(Jenny, u"r2"_s, {}, Me, Direction::Outgoing);
        ours.reactsTo = u"m1"_s;
        ours.reactionSet = QStringList { u"👍"_s };
        QVERIFY(add(ours).amended);
        theirs.messageId = u"r3"_s;
        theirs.reactionSet = QStringList { u"🍕"_s }; // took back the thumbs up
        QVERIFY(add(theirs).amended);
        Message stranger = theirs;
        stranger.chat = u"stranger@spam.example"_s;
        stranger.from = u"stranger@spam.example/x"_s;
        stranger.messageId = u"r4"_s;
        stranger.reactionSet = QStringList { u"💩"_s };
        QVERIFY(!add(stranger).amended);
        Message forged = theirs; // says it is Jenny's, comes from someone else
        forged.from = u"mallory@evil.example/x"_s;
        forged.messageId = u"r5"_s;
        forged.reactionSet = QStringList { u"💩"_s };
        QVERIFY(!add(forged).amended);
        const Message now = stored(Jenny, u"m1"_s);
        QCOMPARE(now.reactions.size(), 2);
        QVERIFY(now.reactions.contains(Reaction { Jenny, u"🍕"_s, false }));
        QVERIFY(now.reactions.contains(Reaction { Me, u"👍"_s, true }));
        ours.messageId = u"r6"_s;
        ours.reactionSet.clear(); // ours removed
        QVERIFY(add(ours).amended);
        QCOMPARE(stored(Jenny, u"m1"_s).reactions, QList<Reaction>({ Reaction { Jenny, u"🍕"_s, false } }));
    }

    /// The export (a public interface: only new fields): edited, versions,
    /// reply_to, reactions, retracted.
    void exportShowsEdits()
    {
        const QString profileDir = m_dir.filePath(u"profile%1"_s.arg(++m_n));
        const Profile profile(profileDir);
        QVERIFY(profile.saveAccount({ Me, {}, 0 }));
        {
            HistoryStore store(profile.historyPath(Me));
            QVERIFY(store.open().result());
            const Message m = message(Jenny, u"m1"_s, u"first"_s, Jenny + u"/phone"_s);
            QVERIFY(store.addMessage(m).result());
            QVERIFY(store.addMessage(correction(m, u"m1"_s, u"c1"_s, u"second"_s)).result()->amended);
            QVERIFY(store.addMessage(correction(m, u"m1"_s, u"c2"_s, u"third"_s)).result()->amended);
            Message answer = message(Jenny, u"o1"_s, u"yes"_s, Me, Direction::Outgoing);
            answer.replyTo = u"m1"_s;
            answer.sentAt = m.sentAt.addSecs(30);
            QVERIFY(store.addMessage(answer).result());
            Message reaction = message(Jenny, u"r1"_s, {}, Jenny + u"/phone"_s);
            reaction.reactsTo = u"o1"_s;
            reaction.reactionSet = QStringList { u"❤"_s };
            QVERIFY(store.addMessage(reaction).result()->amended);
            const Message gone = message(Jenny, u"m2"_s, u"oops secret"_s, Jenny + u"/phone"_s);
            QVERIFY(store.addMessage(gone).result());
            QVERIFY(store.addMessage(retraction(gone, u"m2"_s, u"x1"_s)).result()->amended);
        }
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(exportHistory(profileDir, Jenny, ExportFormat::Json, out));
        const QJsonArray messages =
            QJsonDocument::fromJson(out.data()).array().at(0).toObject().value(u"messages"_s).toArray();
        QCOMPARE(messages.size(), 3);
        QJsonObject byId[3];
        for (const QJsonValue &v : messages) {
            const QJsonObject o = v.toObject();
            const QString id = o.value(u"id"_s).toString();
            byId[id == u"m1"_s ? 0 : id == u"o1"_s ? 1 : 2] = o;
        }
        QCOMPARE(byId[0].value(u"body"_s).toString(), u"third"_s);
        QCOMPARE(byId[0].value(u"edited"_s), QJsonValue(true));
        QCOMPARE(byId[0].value(u"versions"_s).toArray(), QJsonArray({ u"first"_s, u"second"_s }));
        QVERIFY(byId[0].value(u"reply_to"_s).isNull());
        QCOMPARE(byId[0].value(u"retracted"_s), QJsonValue(false));
        QCOMPARE(byId[1].value(u"reply_to"_s).toString(), u"m1"_s);
        QCOMPARE(byId[1].value(u"edited"_s), QJsonValue(false));
        QCOMPARE(byId[1].value(u"reactions"_s).toArray(),
            QJsonArray({ QJsonObject { { u"from"_s, Jenny }, { u"emoji"_s, u"❤"_s } } }));
        QCOMPARE(byId[2].value(u"retracted"_s), QJsonValue(true));
        QCOMPARE(byId[2].value(u"body"_s).toString(), QString());
        QVERIFY(!out.data().contains("oops secret"));
    }

    /// A room (XEP-0045) over a fake wire: a correction counts by occupant
    /// id (XEP-0421), not by nickname; ours goes out as a correction, our
    /// retraction names the room's stanza-id.
    void roomEditsFollowTheOccupantId()
    {
        Test::ProfileFixture profile(m_dir.filePath(u"room%1.db"_s.arg(++m_n)));
        QVERIFY(profile.ok());
        auto owned = std::make_unique<Test::FakeRoomWire>();
        Test::FakeRoomWire *wire = owned.get();
        Rooms rooms(&profile.store, std::move(owned));
        QVERIFY(QTest::qWaitFor([&] { return rooms.isLoaded(); }));
        QVERIFY(enterRoom(rooms, wire, true));
        const auto history = [&] { return profile.store.allMessages(Room).result().value(); };

        RoomStanza jenny = Test::FakeRoomWire::text(Room, u"Jenny"_s, u"the quokka plan"_s, u"j1"_s, u"room-1"_s);
        jenny.occupantId = u"occ-jenny"_s;
        wire->receive(jenny);
        QTRY_COMPARE(history().size(), 1);
        // Someone else under Jenny's nickname (she left; they took it).
        RoomStanza impostor = Test::FakeRoomWire::text(Room, u"Jenny"_s, u"the wombat plan"_s, u"x1"_s, u"room-2"_s);
        impostor.occupantId = u"occ-impostor"_s;
        impostor.replaces = u"j1"_s;
        wire->receive(impostor);
        RoomStanza fix = Test::FakeRoomWire::text(Room, u"Jen"_s, u"the koala plan"_s, u"j2"_s, u"room-3"_s);
        fix.occupantId = u"occ-jenny"_s; // renamed, still her
        fix.replaces = u"j1"_s;
        QSignalSpy changed(&rooms, &Rooms::messageChanged);
        wire->receive(fix);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(history().size(), 1);
        QCOMPARE(history().at(0).body, u"the koala plan"_s);
        QCOMPARE(history().at(0).versions, QStringList { u"the quokka plan"_s });

        // Ours: corrected and retracted through the wire.
        const QString id = rooms.send(Room, u"my tpyo"_s);
        QTRY_COMPARE(wire->sent.size(), 1);
        RoomStanza echo = Test::FakeRoomWire::text(Room, u"Alice"_s, u"my tpyo"_s, id, u"room-4"_s);
        echo.occupantId = u"occ-me"_s;
        wire->receive(echo);
        QTRY_COMPARE(history().size(), 2);
        QTRY_COMPARE(history().at(1).stanzaId, u"room-4"_s);
        rooms.correct(Room, id, u"my typo"_s);
        QTRY_COMPARE(wire->edits.size(), 1);
        QCOMPARE(wire->edits.at(0).replaces, id);
        QCOMPARE(wire->edits.at(0).body, u"my typo"_s);
        QTRY_COMPARE(history().at(1).body, u"my typo"_s);
        // Jenny cannot retract ours.
        RoomStanza spoof = Test::FakeRoomWire::text(Room, u"Jenny"_s, {}, u"j3"_s, u"room-5"_s);
        spoof.occupantId = u"occ-jenny"_s;
        spoof.retracts = u"room-4"_s;
        wire->receive(spoof);
        rooms.retract(Room, id);
        QTRY_COMPARE(wire->edits.size(), 2);
        QCOMPARE(wire->edits.at(1).retracts, u"room-4"_s);
        QTRY_VERIFY(history().at(1).retracted);
        QVERIFY(!history().at(0).retracted);
    }

    /// Replies and reactions in a room (XEP-0461, XEP-0444): what arrives is
    /// kept per occupant (a new set from the same occupant id replaces the
    /// old one, even under a new nickname); ours name the room's stanza-id
    /// and carry the quote for clients without replies.
    void roomRepliesAndReactions()
    {
        Test::ProfileFixture profile(m_dir.filePath(u"roomreact%1.db"_s.arg(++m_n)));
        QVERIFY(profile.ok());
        auto owned = std::make_unique<Test::FakeRoomWire>();
        Test::FakeRoomWire *wire = owned.get();
        Rooms rooms(&profile.store, std::move(owned));
        QVERIFY(QTest::qWaitFor([&] { return rooms.isLoaded(); }));
        QVERIFY(enterRoom(rooms, wire, true));
        const auto history = [&] { return profile.store.allMessages(Room).result().value(); };

        RoomStanza jenny = Test::FakeRoomWire::text(Room, u"Jenny"_s, u"회의는 3시\n회의실 B"_s, u"j1"_s, u"room-1"_s);
        jenny.occupantId = u"occ-jenny"_s;
        wire->receive(jenny);
        QTRY_COMPARE(history().size(), 1);

        // Bob reacts by the room's id, then changes his mind under a new nick.
        RoomStanza like = Test::FakeRoomWire::text(Room, u"Bob"_s, {}, u"b1"_s, u"room-2"_s);
        like.occupantId = u"occ-bob"_s;
        like.reactsTo = u"room-1"_s;
        like.reactions = QStringList { u"👍"_s };
        wire->receive(like);
        QTRY_COMPARE(history().at(0).reactions.size(), 1);
        QCOMPARE(history().at(0).reactions.at(0).emoji, u"👍"_s);
        RoomStanza change = like;
        change.nick = u"Bobby"_s;
        change.id = u"b2"_s;
        change.stanzaId = u"room-3"_s;
        change.reactions = QStringList { u"🎉"_s };
        wire->receive(change);
        QTRY_COMPARE(history().at(0).reactions.at(0).emoji, u"🎉"_s);
        QCOMPARE(history().at(0).reactions.size(), 1);
        QCOMPARE(history().size(), 1); // reactions are no messages of their own

        // Carol answers; her quote was stripped by the wire, the reply kept.
        RoomStanza answer = Test::FakeRoomWire::text(Room, u"Carol"_s, u"갈게요"_s, u"c1"_s, u"room-4"_s);
        answer.occupantId = u"occ-carol"_s;
        answer.replyTo = u"room-1"_s;
        wire->receive(answer);
        QTRY_COMPARE(history().size(), 2);
        QCOMPARE(history().at(1).replyTo, u"room-1"_s);
        QCOMPARE(history().at(1).body, u"갈게요"_s);

        // Ours: a reply and a reaction name Jenny's message by the room's id.
        const QString replyId = rooms.sendReply(Room, u"저도요"_s, history().at(0));
        QTRY_COMPARE(wire->sent.size(), 1);
        QCOMPARE(wire->sent.at(0).id, replyId);
        QCOMPARE(wire->sent.at(0).body, u"저도요"_s);
        QCOMPARE(wire->sent.at(0).reply.id, u"room-1"_s);
        QCOMPARE(wire->sent.at(0).reply.jid, Room + u"/Jenny"_s);
        QCOMPARE(wire->sent.at(0).reply.quotedName, u"Jenny"_s);
        QCOMPARE(wire->sent.at(0).reply.quotedText, u"회의는 3시\n회의실 B"_s);
        QTRY_COMPARE(history().size(), 3);
        QCOMPARE(history().at(2).replyTo, u"room-1"_s);

        rooms.react(Room, u"j1"_s, { u"❤"_s });
        QTRY_COMPARE(wire->reactions.size(), 1);
        QCOMPARE(wire->reactions.at(0).targetId, u"room-1"_s);
        QCOMPARE(wire->reactions.at(0).emojis, QStringList { u"❤"_s });
        QTRY_COMPARE(history().at(0).reactions.size(), 2);
        const QList<Reaction> onJenny = history().at(0).reactions;
        const auto own = std::find_if(onJenny.cbegin(), onJenny.cend(), [](const Reaction &r) { return r.own; });
        QVERIFY(own != onJenny.cend());
        QCOMPARE(own->emoji, u"❤"_s);
        // Taken back: an empty set.
        rooms.react(Room, u"j1"_s, {});
        QTRY_COMPARE(wire->reactions.size(), 2);
        QVERIFY(wire->reactions.at(1).emojis.isEmpty());
        QTRY_COMPARE(history().at(0).reactions.size(), 1);

        // A reaction to a message of another room (or none) changes nothing.
        RoomStanza stray = like;
        stray.id = u"b3"_s;
        stray.stanzaId = u"room-5"_s;
        stray.reactsTo = u"elsewhere-1"_s;
        wire->receive(stray);
        QTest::qWait(100);
        profile.store.flush();
        QCOMPARE(history().size(), 3);
        QCOMPARE(history().at(0).reactions.at(0).emoji, u"🎉"_s);
    }

    /// Our correction, reactions and retraction made while out of the room
    /// (the connection went) are shown at once, wait in the history, survive
    /// a restart and go out after the next join, naming the messages as the
    /// room does; each once: what the server took is not sent again, what it
    /// did not take is.
    void roomChangesMadeWhileOutGoOutAfterTheJoin()
    {
        Test::ProfileFixture profile(m_dir.filePath(u"roomout%1.db"_s.arg(++m_n)));
        QVERIFY(profile.ok());
        const auto history = [&] { return profile.store.allMessages(Room).result().value(); };
        const auto waiting = [&] { return EditOutbox::pending(profile.store).result().value(); };
        QString ours;
        QString doomed;
        {
            auto owned = std::make_unique<Test::FakeRoomWire>();
            Test::FakeRoomWire *wire = owned.get();
            Rooms rooms(&profile.store, std::move(owned));
            QVERIFY(QTest::qWaitFor([&] { return rooms.isLoaded(); }));
            QVERIFY(enterRoom(rooms, wire, true));
            RoomStanza jenny = Test::FakeRoomWire::text(Room, u"Jenny"_s, u"회의 자료 보셨어요?"_s, u"j1"_s, u"room-1"_s);
            jenny.occupantId = u"occ-jenny"_s;
            wire->receive(jenny);
            ours = rooms.send(Room, u"회의는 3시"_s);
            doomed = rooms.send(Room, u"잘못 보낸 메시지"_s);
            QTRY_COMPARE(wire->sent.size(), 2);
            // Reflected by the room with its ids.
            for (const auto &[id, body, roomId] : { std::tuple { ours, u"회의는 3시"_s, u"room-2"_s },
                     std::tuple { doomed, u"잘못 보낸 메시지"_s, u"room-3"_s } }) {
                RoomStanza back = Test::FakeRoomWire::text(Room, u"Alice"_s, body, id, roomId);
                back.occupantId = u"occ-me"_s;
                wire->receive(back);
            }
            QTRY_VERIFY(history().size() == 3 && history().at(2).stanzaId == u"room-3"_s);

            wire->setOnline(false);
            QTRY_VERIFY(rooms.state(Room) != Rooms::State::Joined);
            rooms.correct(Room, ours, u"회의는 4시"_s);
            rooms.react(Room, u"room-1"_s, { u"👍"_s });
            rooms.react(Room, u"room-1"_s, { u"👍"_s, u"🎉"_s }); // replaces the waiting set
            rooms.retract(Room, doomed);
            // Shown here at once; nothing went out.
            QTRY_VERIFY(history().at(2).retracted);
            QCOMPARE(history().at(1).body, u"회의는 4시"_s);
            QVERIFY(history().at(1).edited);
            QCOMPARE(history().at(0).reactions.size(), 2);
            QVERIFY(wire->edits.isEmpty());
            QVERIFY(wire->reactions.isEmpty());
            QCOMPARE(waiting().size(), 3);
        } // quit while out

        auto owned = std::make_unique<Test::FakeRoomWire>();
        Test::FakeRoomWire *wire = owned.get();
        Rooms rooms(&profile.store, std::move(owned));
        QVERIFY(QTest::qWaitFor([&] { return rooms.isLoaded(); }));
        QVERIFY(enterRoom(rooms, wire, false));
        QTRY_COMPARE(wire->edits.size(), 2);
        QTRY_COMPARE(wire->reactions.size(), 1);
        const auto correction = wire->edits.at(0);
        QCOMPARE(correction.replaces, ours); // XEP-0308: our own id
        QCOMPARE(correction.body, u"회의는 4시"_s);
        QVERIFY(correction.retracts.isEmpty());
        const auto retraction = wire->edits.at(1);
        QCOMPARE(retraction.retracts, u"room-3"_s); // XEP-0424 in a room: the room's id
        const auto reaction = wire->reactions.at(0);
        QCOMPARE(reaction.targetId, u"room-1"_s);
        QCOMPARE(reaction.emojis, (QStringList { u"👍"_s, u"🎉"_s }));
        // The server took the correction and retraction; the reactions were
        // cut off with the connection: they alone go again after the next join.
        Q_EMIT wire->sendSettled(Room, correction.id, true);
        Q_EMIT wire->sendSettled(Room, retraction.id, true);
        Q_EMIT wire->sendSettled(Room, reaction.id, false);
        QTRY_COMPARE(waiting().size(), 1);
        wire->setOnline(false);
        QTRY_VERIFY(rooms.state(Room) != Rooms::State::Joined);
        QVERIFY(enterRoom(rooms, wire, false));
        QTRY_COMPARE(wire->reactions.size(), 2);
        QCOMPARE(wire->reactions.at(1).id, reaction.id);
        Q_EMIT wire->sendSettled(Room, reaction.id, true);
        QTRY_VERIFY(waiting().isEmpty());
        QTest::qWait(100);
        QCOMPARE(wire->edits.size(), 2);
        QCOMPARE(wire->reactions.size(), 2);
        // What the person sees is unchanged by the sending.
        QCOMPARE(history().at(1).body, u"회의는 4시"_s);
        QVERIFY(history().at(2).retracted);
    }

    /// XEP-0490: another device of ours read the chat up to a message (a
    /// PEP notification from our own account): read here too, the unread
    /// count cleared, and no displayed marker goes to the other person again.
    /// The same notification from anyone else changes nothing.
    void readOnAnotherDevice()
    {
        Test::ProfileFixture profile(m_dir.filePath(u"mds%1.db"_s.arg(++m_n)));
        QVERIFY(profile.ok());
        profile.requests()->accept(Jenny); // one we share read state with
        profile.transport.setOnline(true);
        for (int i = 1; i <= 2; ++i) {
            Message m = message(Jenny, u"j%1"_s.arg(i), u"hello %1"_s.arg(i), Jenny + u"/phone"_s);
            m.stanzaId = u"s%1"_s.arg(i);
            m.markable = true;
            m.sentAt = m.sentAt.addSecs(i);
            QVERIFY(profile.receive(m));
        }
        QTRY_COMPARE(profile.store.conversation(Jenny).result()->unread, 2);

        const auto notification = [](const QString &from, const QString &stanzaId) {
            QXmppElement sid;
            sid.setTagName(u"stanza-id"_s);
            sid.setAttribute(u"xmlns"_s, u"urn:xmpp:sid:0"_s);
            sid.setAttribute(u"id"_s, stanzaId);
            sid.setAttribute(u"by"_s, Me);
            QXmppElement displayed;
            displayed.setTagName(u"displayed"_s);
            displayed.setAttribute(u"xmlns"_s, u"urn:xmpp:mds:displayed:0"_s);
            displayed.appendChild(sid);
            QXmppElement item;
            item.setTagName(u"item"_s);
            item.setAttribute(u"id"_s, Jenny);
            item.appendChild(displayed);
            QXmppElement items;
            items.setTagName(u"items"_s);
            items.setAttribute(u"node"_s, u"urn:xmpp:mds:displayed:0"_s);
            items.appendChild(item);
            QXmppElement event;
            event.setTagName(u"event"_s);
            event.setAttribute(u"xmlns"_s, u"http://jabber.org/protocol/pubsub#event"_s);
            event.appendChild(items);
            QXmppMessage m(from, Me);
            m.setType(QXmppMessage::Headline);
            m.setExtensions({ event });
            return m;
        };
        profile.transport.receive(notification(Jenny, u"s2"_s)); // not ours to say
        QTest::qWait(200);
        profile.store.flush();
        QCOMPARE(profile.store.conversation(Jenny).result()->unread, 2);

        profile.transport.receive(notification(Me, u"s1"_s));
        QTRY_COMPARE(profile.store.conversation(Jenny).result()->unread, 1);
        profile.transport.receive(notification(Me, u"s2"_s));
        QTRY_COMPARE(profile.store.conversation(Jenny).result()->unread, 0);
        QTest::qWait(200);
        QVERIFY(profile.transport.displayedMarkersSentTo(Jenny).isEmpty());
    }

    /// From the wire: the stanza parts (XEP-0308 <replace/>, XEP-0424
    /// <retract/>) reach the history through Messenger.
    void stanzasFromTheWire()
    {
        Test::ProfileFixture profile(m_dir.filePath(u"wire%1.db"_s.arg(++m_n)));
        QVERIFY(profile.ok());
        QXmppMessage original(Jenny + u"/phone"_s, Me, u"wire original"_s);
        original.setType(QXmppMessage::Chat);
        original.setId(u"w1"_s);
        QSignalSpy added(profile.messenger(), &Messenger::messageAdded);
        QSignalSpy changed(profile.messenger(), &Messenger::messageChanged);
        profile.transport.receive(original);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 5000);

        QXmppMessage spoof(Jenny + u"/laptop"_s, Me, u"spoofed"_s);
        spoof.setType(QXmppMessage::Chat);
        spoof.setId(u"w2"_s);
        spoof.setReplaceId(u"w1"_s);
        profile.transport.receive(spoof);
        QXmppMessage fix(Jenny + u"/phone"_s, Me, u"wire corrected"_s);
        fix.setType(QXmppMessage::Chat);
        fix.setId(u"w3"_s);
        fix.setReplaceId(u"w1"_s);
        profile.transport.receive(fix);
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 5000);
        auto m = changed.at(0).at(0).value<Message>();
        QCOMPARE(m.body, u"wire corrected"_s);
        QCOMPARE(m.versions, QStringList { u"wire original"_s });

        QXmppElement retract;
        retract.setTagName(u"retract"_s);
        retract.setAttribute(u"xmlns"_s, u"urn:xmpp:message-retract:1"_s);
        retract.setAttribute(u"id"_s, u"w1"_s);
        QXmppMessage gone(Jenny + u"/phone"_s, Me, u"This person attempted to retract a previous message"_s);
        gone.setType(QXmppMessage::Chat);
        gone.setId(u"w4"_s);
        gone.setExtensions({ retract });
        profile.transport.receive(gone);
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 5000);
        m = changed.at(1).at(0).value<Message>();
        QVERIFY(m.retracted);
        QVERIFY(m.body.isEmpty());
        QCOMPARE(added.size(), 1); // neither became a message of its own
        QCOMPARE(profile.store.allMessages(Jenny).result().value().size(), 1);
    }

    /// Our own correction and retraction: stored at once, then on the wire.
    void ourEditsGoOut()
    {
        Test::ProfileFixture profile(m_dir.filePath(u"out%1.db"_s.arg(++m_n)));
        QVERIFY(profile.ok());
        profile.transport.setOnline(true);
        QSignalSpy added(profile.messenger(), &Messenger::messageAdded);
        QSignalSpy changed(profile.messenger(), &Messenger::messageChanged);
        const QString id = profile.messenger()->sendMessage(Jenny, u"teh typo"_s);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 5000);
        profile.messenger()->correct(Jenny, id, u"the typo"_s);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(changed.cbegin(), changed.cend(),
                                     [](const QList<QVariant> &args) {
                                         return args.at(0).value<Message>().edited;
                                     }),
            5000);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(profile.transport.sent().cbegin(), profile.transport.sent().cend(),
                                     [&](const QXmppMessage &s) {
                                         return s.replaceId() == id && s.body() == u"the typo"_s;
                                     }),
            5000);
        profile.messenger()->retract(Jenny, id);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(profile.transport.sent().cbegin(), profile.transport.sent().cend(),
                                     [&](const QXmppMessage &s) {
                                         const auto ext = s.extensions();
                                         return std::any_of(ext.cbegin(), ext.cend(), [&](const QXmppElement &e) {
                                             return e.tagName() == u"retract"_s && e.attribute(u"id"_s) == id;
                                         });
                                     }),
            5000);
        QTRY_VERIFY_WITH_TIMEOUT(profile.store.allMessages(Jenny).result().value().value(0).retracted, 5000);
        // Jenny cannot correct ours.
        QXmppMessage hijack(Jenny + u"/phone"_s, Me, u"hijacked"_s);
        hijack.setType(QXmppMessage::Chat);
        hijack.setId(u"h1"_s);
        hijack.setReplaceId(id);
        profile.transport.receive(hijack);
        QTest::qWait(100);
        profile.store.flush();
        QVERIFY(profile.store.allMessages(Jenny).result().value().value(0).body.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEdits)
#include "tst_edits.moc"
