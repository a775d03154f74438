#include "historystore.h"
#include "readstore.h"
#include "roomstore.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

Message incoming(const QString &chat, const QString &id, const QString &body, qint64 sentMs)
{
    Message m;
    m.chat = chat;
    m.messageId = id;
    m.direction = Direction::Incoming;
    m.from = chat + u"/phone"_s;
    m.to = u"me@example.org/jabberwock"_s;
    m.body = body;
    m.sentAt = QDateTime::fromMSecsSinceEpoch(sentMs, QTimeZone::UTC);
    m.receivedAt = m.sentAt.addSecs(1);
    m.state = DeliveryState::Received;
    return m;
}

// The shape of the schema: every table's columns and every index's SQL.
QStringList schemaShape(HistoryStore &store)
{
    return store
        .run<QStringList>(HistoryStore::Access::Read,
            [](QSqlDatabase &db) -> Expected<QStringList> {
                QStringList shape;
                QSqlQuery q(db);
                q.exec(u"SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"_s);
                QList<std::pair<QString, QString>> objects;
                while (q.next())
                    objects.append({ q.value(0).toString(), q.value(1).toString() });
                for (const auto &[type, name] : objects) {
                    if (type == u"table"_s) {
                        QSqlQuery cols(db);
                        cols.exec(u"PRAGMA table_info(%1)"_s.arg(name));
                        while (cols.next()) {
                            shape.append(u"%1.%2 %3 notnull=%4 default=%5 pk=%6"_s.arg(name, cols.value(1).toString(),
                                cols.value(2).toString(), cols.value(3).toString(), cols.value(4).toString(),
                                cols.value(5).toString()));
                        }
                    } else {
                        QSqlQuery sql(db);
                        sql.prepare(u"SELECT sql FROM sqlite_master WHERE name = ?"_s);
                        sql.addBindValue(name);
                        sql.exec();
                        sql.next();
                        shape.append(type + u' ' + name + u": "_s + sql.value(0).toString().simplified());
                    }
                }
                return shape;
            })
        .result()
        .value();
}

} // namespace

class TestHistoryStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void opensWithWalAndLatestVersion()
    {
        HistoryStore store(path(u"fresh/history.db"_s));
        const auto opened = store.open().result();
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        QCOMPARE(store.schemaVersion().result().value(), Schema::LatestVersion);
        const auto mode = store.run<QString>(HistoryStore::Access::Read, [](QSqlDatabase &db) -> Expected<QString> {
            QSqlQuery q(db);
            q.exec(u"PRAGMA journal_mode"_s);
            q.next();
            return q.value(0).toString();
        });
        QCOMPARE(mode.result().value(), u"wal"_s);
    }

    void migratesOldestSchemaToSameShapeAsFresh()
    {
        const QString oldPath = path(u"old.db"_s);
        {
            HistoryStore old(oldPath);
            QVERIFY(old.open(1).result());
            QCOMPARE(old.schemaVersion().result().value(), 1);
            // A version-1 database with history in it.
            QVERIFY(old.run<Done>(HistoryStore::Access::Write, [](QSqlDatabase &db) -> Expected<Done> {
                QSqlQuery q(db);
                const bool ok = q.exec(u"INSERT INTO messages (chat, message_id, direction, sender, recipient, body, "
                                       "sent_at, received_at, sort_at, state) VALUES "
                                       "('jenny@example.org', 'a', 0, 'jenny@example.org', 'me@example.org', "
                                       "'안녕하세요', 1000, 1001, 1000, 4),"
                                       "('jenny@example.org', 'b', 1, 'me@example.org', 'jenny@example.org', "
                                       "'hi', 2000, 2000, 2000, 1)"_s);
                return ok ? Expected<Done>(Done {}) : Expected<Done>(Error { q.lastError().text() });
            }).result());
        }
        HistoryStore migrated(oldPath);
        const auto opened = migrated.open().result();
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        QCOMPARE(migrated.schemaVersion().result().value(), Schema::LatestVersion);

        HistoryStore fresh(path(u"fresh-compare.db"_s));
        QVERIFY(fresh.open().result());
        QCOMPARE(schemaShape(migrated), schemaShape(fresh));

        // The history is intact and the old messages count as read.
        const auto all = migrated.allMessages().result();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).body, u"안녕하세요"_s);
        const auto conversation = migrated.conversation(u"jenny@example.org"_s).result();
        QVERIFY(conversation);
        QCOMPARE(conversation->unread, 0);
        QCOMPARE(conversation->lastBody, u"hi"_s);
    }

    // Version 7 (rooms): what a version-6 history holds keeps its meaning,
    // every conversation becomes a chat, and the shape is a fresh one's.
    void migratesVersion6ForRooms()
    {
        const QString oldPath = path(u"v6.db"_s);
        {
            HistoryStore old(oldPath);
            QVERIFY(old.open(6).result());
            QVERIFY(old.run<Done>(HistoryStore::Access::Write, [](QSqlDatabase &db) -> Expected<Done> {
                QSqlQuery q(db);
                bool ok = q.exec(u"INSERT INTO messages (chat, message_id, direction, sender, recipient, body, "
                                 "sent_at, received_at, sort_at, state, arrived_offline, stanza_id) VALUES "
                                 "('jenny@example.org', 'a', 0, 'jenny@example.org/phone', 'me@example.org', "
                                 "'안녕', 1000, 1001, 1000, 4, 1, 'sid-1')"_s);
                ok = ok && q.exec(u"INSERT INTO chats (chat, last_read_id) VALUES ('jenny@example.org', 0)"_s);
                return ok ? Expected<Done>(Done {}) : Expected<Done>(Error { q.lastError().text() });
            }).result());
        }
        HistoryStore migrated(oldPath);
        const auto opened = migrated.open().result();
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        QCOMPARE(migrated.schemaVersion().result().value(), Schema::LatestVersion);
        HistoryStore fresh(path(u"v7-fresh.db"_s));
        QVERIFY(fresh.open().result());
        QCOMPARE(schemaShape(migrated), schemaShape(fresh));

        const auto all = migrated.allMessages().result();
        QVERIFY(all);
        QCOMPARE(all->size(), 1);
        const Message old = all->first();
        QCOMPARE(old.kind, ChatKind::Chat);
        QCOMPARE(old.nick, QString());
        QCOMPARE(old.occupantId, QString());
        QCOMPARE(old.stanzaId, u"sid-1"_s);
        QVERIFY(old.arrivedOffline);
        QVERIFY(!old.markable); // no marker is owed for old history (version 8)
        QVERIFY(old.invitation.isNull()); // no old message is an invitation (version 9)
        const auto conversation = migrated.conversation(u"jenny@example.org"_s).result();
        QVERIFY(conversation);
        QCOMPARE(conversation->kind, ChatKind::Chat);
        QCOMPARE(conversation->unread, 1);
        QVERIFY(RoomStore::load(migrated).result()->isEmpty());
        // The same stanza-id given by another archive (a room's) is another message.
        Message roomMessage = incoming(u"team@conference.example.org"_s, u"r"_s, u"안녕"_s, 2000);
        roomMessage.kind = ChatKind::GroupChat;
        roomMessage.stanzaId = u"sid-1"_s;
        const auto added = migrated.addMessage(roomMessage).result();
        QVERIFY2(added, qPrintable(added.errorMessage()));
        QVERIFY(added->inserted);
        // Still unique within one conversation.
        QVERIFY(!migrated.addMessage(roomMessage).result()->inserted);
    }

    // Version 10 ("read by" in rooms): a version-9 history with a room in it
    // gets an empty table of who read what, and the shape of a fresh one.
    // Version 13 (files): a version-12 history gets the out-of-band link
    // column (empty for every old message), an empty table of transfers,
    // and the shape of a fresh one; a link and its transfer are kept.
    void migratesVersion12ForFiles()
    {
        const QString oldPath = path(u"v12.db"_s);
        {
            HistoryStore old(oldPath);
            QVERIFY(old.open(12).result());
            QVERIFY(old.run<Done>(HistoryStore::Access::Write, [](QSqlDatabase &db) -> Expected<Done> {
                QSqlQuery q(db);
                const bool ok = q.exec(u"INSERT INTO messages (chat, message_id, direction, sender, recipient, body, "
                                       "sent_at, received_at, sort_at, state) VALUES "
                                       "('jenny@example.org', 'a', 0, 'jenny@example.org/phone', 'me@example.org', "
                                       "'https://upload.example.org/x/photo.png', 1000, 1001, 1000, 4)"_s);
                return ok ? Expected<Done>(Done {}) : Expected<Done>(Error { q.lastError().text() });
            }).result());
        }
        HistoryStore migrated(oldPath);
        const auto opened = migrated.open(13).result();
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        QCOMPARE(migrated.schemaVersion().result().value(), 13);
        HistoryStore fresh(path(u"v13-fresh.db"_s));
        QVERIFY(fresh.open(13).result());
        QCOMPARE(schemaShape(migrated), schemaShape(fresh));
        const auto all = migrated.allMessages().result();
        QCOMPARE(all->size(), 1);
        QVERIFY(all->first().outOfBandUrl.isEmpty());

        Message withLink = incoming(u"jenny@example.org"_s, u"b"_s, u"https://upload.example.org/y/a.pdf"_s, 2000);
        withLink.outOfBandUrl = withLink.body;
        QVERIFY(migrated.addMessage(withLink).result());
        QCOMPARE(migrated.allMessages().result()->last().outOfBandUrl, withLink.body);
        const auto transfers = migrated.run<int>(HistoryStore::Access::Read, [](QSqlDatabase &db) -> Expected<int> {
            QSqlQuery q(db);
            if (!q.exec(u"SELECT COUNT(*) FROM transfers"_s) || !q.next())
                return Error { q.lastError().text() };
            return q.value(0).toInt();
        }).result();
        QVERIFY2(transfers, qPrintable(transfers.errorMessage()));
        QCOMPARE(transfers.value(), 0);
    }

    void migratesVersion9ForReadBy()
    {
        const QString oldPath = path(u"v9.db"_s);
        {
            HistoryStore old(oldPath);
            QVERIFY(old.open(9).result());
            QVERIFY(RoomStore::save(old, u"team@conference.example.org"_s, u"Alice"_s, true).result());
            // Written as a version-9 history holds it (addMessage writes the newest schema's columns).
            QVERIFY(old.run<Done>(HistoryStore::Access::Write, [](QSqlDatabase &db) -> Expected<Done> {
                QSqlQuery q(db);
                bool ok = q.exec(u"INSERT INTO messages (chat, message_id, direction, sender, recipient, body, "
                                 "sent_at, received_at, sort_at, state, stanza_id, nick) VALUES "
                                 "('team@conference.example.org', 'r', 0, 'team@conference.example.org/Jenny', "
                                 "'me@example.org', '읽었어요?', 2000, 3000, 2000, 4, 'sid-1', 'Jenny')"_s);
                ok = ok && q.exec(u"INSERT OR REPLACE INTO chats (chat, kind) VALUES "
                                  "('team@conference.example.org', 'groupchat')"_s);
                return ok ? Expected<Done>(Done {}) : Expected<Done>(Error { q.lastError().text() });
            }).result());
        }
        HistoryStore migrated(oldPath);
        const auto opened = migrated.open().result();
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        QCOMPARE(migrated.schemaVersion().result().value(), Schema::LatestVersion);
        HistoryStore fresh(path(u"v10-fresh.db"_s));
        QVERIFY(fresh.open().result());
        QCOMPARE(schemaShape(migrated), schemaShape(fresh));
        QCOMPARE(migrated.allMessages().result()->size(), 1);
        const auto readers = migrated.run<int>(HistoryStore::Access::Read, [](QSqlDatabase &db) -> Expected<int> {
            QSqlQuery q(db);
            if (!q.exec(u"SELECT COUNT(*) FROM room_reads"_s) || !q.next())
                return Error { q.lastError().text() };
            return q.value(0).toInt();
        }).result();
        QVERIFY2(readers, qPrintable(readers.errorMessage()));
        QCOMPARE(readers.value(), 0);
    }

    void keepsRoomsAndTheirMessages()
    {
        HistoryStore store(path(u"rooms.db"_s));
        QVERIFY(store.open().result());
        const QString room = u"team@conference.example.org"_s;
        QVERIFY(RoomStore::save(store, room, u"Alice"_s, true).result());
        // Joined before anything was said: the room is in the list already, as a room.
        auto conversation = store.conversation(room).result();
        QVERIFY(conversation);
        QCOMPARE(conversation->kind, ChatKind::GroupChat);
        QCOMPARE(store.conversations().result()->size(), 1);

        Message m = incoming(room, u"o-1"_s, u"회의는 3시에"_s, 1000);
        m.kind = ChatKind::GroupChat;
        m.from = room + u"/Jenny"_s;
        m.nick = u"Jenny"_s;
        m.occupantId = u"occ-jenny"_s;
        m.stanzaId = u"room-sid-1"_s;
        QVERIFY(store.addMessage(m).result()->inserted);
        Message notice = incoming(room, QString(), u"This room is not anonymous."_s, 2000);
        notice.kind = ChatKind::GroupChat;
        notice.from = room;
        QVERIFY(store.addMessage(notice).result()->inserted);
        const auto all = store.allMessages(room).result();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).kind, ChatKind::GroupChat);
        QCOMPARE(all->at(0).nick, u"Jenny"_s);
        QCOMPARE(all->at(0).occupantId, u"occ-jenny"_s);
        QCOMPARE(all->at(0).from, u"team@conference.example.org/Jenny"_s);
        QCOMPARE(all->at(1).nick, QString());
        conversation = store.conversation(room).result();
        QCOMPARE(conversation->unread, 2);
        QCOMPARE(conversation->kind, ChatKind::GroupChat);

        QVERIFY(RoomStore::setArchivePosition(store, room, u"room-sid-1"_s).result());
        QVERIFY(RoomStore::save(store, room, u"Alice2"_s, false).result());
        const auto rooms = RoomStore::load(store).result();
        QVERIFY(rooms);
        QCOMPARE(rooms->size(), 1);
        QCOMPARE(rooms->first().room, room);
        QCOMPARE(rooms->first().nick, u"Alice2"_s);
        QCOMPARE(rooms->first().joined, false);
        QCOMPARE(rooms->first().archiveLast, u"room-sid-1"_s); // saving the nickname keeps it
        const auto readStates = ReadStore::load(store, room).result();
        QCOMPARE(readStates->first().kind, ChatKind::GroupChat);
    }

    void keepsAnInvitationWithItsMessage()
    {
        HistoryStore store(path(u"invitation.db"_s));
        QVERIFY(store.open().result());
        Message m = incoming(u"jenny@example.org"_s, u"inv-1"_s, u"team@conference.example.org"_s, 1000);
        m.invitation = { u"team@conference.example.org"_s, u"비밀"_s, u"회의 시작"_s, u"jenny@example.org"_s, false };
        QVERIFY(store.addMessage(m).result());
        Message mediated = incoming(u"club@conference.example.org"_s, u"inv-2"_s, u"club"_s, 2000);
        mediated.invitation = { u"club@conference.example.org"_s, {}, {}, u"carol@example.org"_s, true };
        QVERIFY(store.addMessage(mediated).result());
        QVERIFY(store.addMessage(incoming(u"jenny@example.org"_s, u"plain"_s, u"hi"_s, 3000)).result());

        HistoryStore reopened(path(u"invitation.db"_s));
        QVERIFY(reopened.open().result());
        const auto all = reopened.allMessages().result();
        QVERIFY(all);
        QCOMPARE(all->size(), 3);
        for (const Message &stored : all.value()) {
            if (stored.messageId == u"inv-1")
                QCOMPARE(stored.invitation, m.invitation);
            else if (stored.messageId == u"inv-2")
                QCOMPARE(stored.invitation, mediated.invitation);
            else
                QVERIFY(stored.invitation.isNull());
        }
    }

    void storesEachMessageOnce()
    {
        HistoryStore store(path(u"dedupe.db"_s));
        QVERIFY(store.open().result());
        const Message m = incoming(u"jenny@example.org"_s, u"id-1"_s, u"hello"_s, 1000);
        const auto first = store.addMessage(m).result();
        QVERIFY2(first, qPrintable(first.errorMessage()));
        QVERIFY(first->inserted);
        QVERIFY(first->message.rowId > 0);
        const auto second = store.addMessage(m).result();
        QVERIFY(second);
        QVERIFY(!second->inserted);
        QCOMPARE(second->message.rowId, first->message.rowId);
        // Without an id nothing can be recognised: both are kept.
        QVERIFY(store.addMessage(incoming(u"jenny@example.org"_s, QString(), u"x"_s, 2000)).result()->inserted);
        QVERIFY(store.addMessage(incoming(u"jenny@example.org"_s, QString(), u"x"_s, 2000)).result()->inserted);
        QCOMPARE(store.allMessages().result()->size(), 3);
    }

    void keepsTextByteIdentical()
    {
        HistoryStore store(path(u"text.db"_s));
        QVERIFY(store.open().result());
        const QString text = u"안녕하세요, 오프라인 메시지입니다 🦉 \u0000 <b>&amp;</b> \n 👩‍👩‍👧 e\u0301"_s;
        QVERIFY(store.addMessage(incoming(u"jenny@example.org"_s, u"t"_s, text, 1)).result());
        QCOMPARE(store.allMessages().result()->first().body.toUtf8(), text.toUtf8());
    }

    void pagesNewestFirstInSendOrder()
    {
        HistoryStore store(path(u"paging.db"_s));
        QVERIFY(store.open().result());
        // Stored out of order (as offline messages arrive), read in send order.
        QList<QFuture<Expected<HistoryStore::AddResult>>> pending;
        for (int i = 0; i < 120; ++i) {
            const int n = (i * 37) % 120;
            pending.append(store.addMessage(incoming(u"jenny@example.org"_s, u"m%1"_s.arg(n), u"#%1"_s.arg(n),
                1'000'000 + n * 1000)));
        }
        for (auto &f : pending)
            QVERIFY(f.result());

        QStringList seen;
        std::optional<HistoryStore::Cursor> cursor;
        QList<int> pageSizes;
        for (;;) {
            const auto page = store.messages(u"jenny@example.org"_s, cursor, 50).result();
            QVERIFY(page);
            if (page->isEmpty())
                break;
            pageSizes.append(int(page->size()));
            QStringList bodies;
            for (const Message &m : page.value())
                bodies.append(m.body);
            seen = bodies + seen;
            cursor = HistoryStore::Cursor::before(page->first());
        }
        QCOMPARE(pageSizes, (QList<int> { 50, 50, 20 }));
        QCOMPARE(seen.size(), 120);
        for (int i = 0; i < 120; ++i)
            QCOMPARE(seen.at(i), u"#%1"_s.arg(i));
    }

    void delayedStampsWithWholeSecondsKeepArrivalOrder()
    {
        HistoryStore store(path(u"stamps.db"_s));
        QVERIFY(store.open().result());
        // Live at 10.400 s; then, after a reconnect, one that waited on the
        // server, stamped 10 s (whole seconds, as servers often do) and
        // received at 12 s: it was sent after the live one.
        Message live = incoming(u"j@example.org"_s, u"live"_s, u"live"_s, 10'400);
        Message waited = incoming(u"j@example.org"_s, u"waited"_s, u"waited"_s, 10'000);
        waited.arrivedOffline = true;
        waited.receivedAt = QDateTime::fromMSecsSinceEpoch(12'000, QTimeZone::UTC);
        // A delayed stamp with milliseconds is exact and kept as it is.
        Message exact = incoming(u"j@example.org"_s, u"exact"_s, u"exact"_s, 10'200);
        exact.arrivedOffline = true;
        exact.receivedAt = waited.receivedAt;
        // Received at 10.300 s: its whole-second stamp cannot sort after that.
        Message early = incoming(u"j@example.org"_s, u"early"_s, u"early"_s, 10'000);
        early.arrivedOffline = true;
        early.receivedAt = QDateTime::fromMSecsSinceEpoch(10'300, QTimeZone::UTC);
        for (const Message &m : { live, waited, exact, early })
            QVERIFY(store.addMessage(m).result());
        QStringList order;
        const auto all = store.allMessages().result();
        for (const Message &m : all.value())
            order.append(m.body);
        QCOMPARE(order, (QStringList { u"exact"_s, u"early"_s, u"live"_s, u"waited"_s }));
        // The original send time is what is kept and shown.
        QCOMPARE(store.allMessages().result()->last().sentAt.toMSecsSinceEpoch(), 10'000);
    }

    void updatesStateOfOwnMessages()
    {
        HistoryStore store(path(u"state.db"_s));
        QVERIFY(store.open().result());
        Message out = incoming(u"jenny@example.org"_s, u"o1"_s, u"bye"_s, 5000);
        out.direction = Direction::Outgoing;
        out.state = DeliveryState::Queued;
        QVERIFY(store.addMessage(out).result());
        QCOMPARE(store.pendingOutgoing().result()->size(), 1);
        const auto failed = store.updateState(u"jenny@example.org"_s, u"o1"_s, DeliveryState::Failed,
                                     u"recipient-unavailable"_s)
                                .result();
        QVERIFY(failed);
        QCOMPARE(failed->state, DeliveryState::Failed);
        QCOMPARE(failed->error, u"recipient-unavailable"_s);
        QCOMPARE(store.pendingOutgoing().result()->size(), 0);
        // A late acknowledgement does not hide the failure.
        QCOMPARE(store.updateState(u"jenny@example.org"_s, u"o1"_s, DeliveryState::Sent).result()->state,
            DeliveryState::Failed);
        QVERIFY(!store.updateState(u"jenny@example.org"_s, u"nope"_s, DeliveryState::Sent).result());
    }

    // Issue 19: a long queue is stored in batches of at most
    // MaxJobsPerBatch (one transaction each, their results reaching the UI
    // thread a batch at a time), in the order queued, every message once.
    void aLongQueueIsStoredInBoundedBatchesInOrder()
    {
        HistoryStore store(path(u"batches.db"_s));
        QVERIFY(store.open().result());
        // Hold the worker so that the whole burst is queued when it looks.
        QSemaphore started;
        QSemaphore gate;
        auto held = store.run<Done>(HistoryStore::Access::Read, [&](QSqlDatabase &) -> Expected<Done> {
            started.release();
            gate.acquire();
            return Done {};
        });
        started.acquire(); // its batch is counted, and the worker waits in it
        const quint64 batchesBefore = store.batchesRun();
        constexpr int Burst = int(HistoryStore::MaxJobsPerBatch) * 2 + 300;
        QList<qint64> rowIds;
        QObject context;
        for (int i = 0; i < Burst; ++i) {
            store.addMessage(incoming(u"jenny@example.org"_s, u"b-%1"_s.arg(i), u"메시지 %1"_s.arg(i), 1000 + i))
                .then(&context, [&rowIds](Expected<HistoryStore::AddResult> added) {
                    rowIds.append(added && added->inserted ? added->message.rowId : -1);
                });
        }
        gate.release();
        QVERIFY(held.result());
        QTRY_COMPARE_WITH_TIMEOUT(rowIds.size(), Burst, 30000);
        // The burst in three: 500, 500 and 300.
        QCOMPARE(store.batchesRun() - batchesBefore, quint64(3));
        for (int i = 1; i < Burst; ++i)
            QVERIFY2(rowIds.at(i) > rowIds.at(i - 1), qPrintable(u"result %1 out of order"_s.arg(i)));
        QVERIFY(rowIds.first() > 0);
        QCOMPARE(store.allMessages(u"jenny@example.org"_s).result()->size(), Burst);
    }

    // After work the store says once that it has gone quiet (the app then
    // gives freed memory back: app/memorytrim.h), not again while idle.
    void saysOnceWhenItGoesQuiet()
    {
        HistoryStore store(path(u"quiet.db"_s));
        QSignalSpy quiet(&store, &HistoryStore::quiet);
        QVERIFY(store.open().result());
        QVERIFY(store.addMessage(incoming(u"jenny@example.org"_s, u"q1"_s, u"hi"_s, 1000)).result());
        QVERIFY(quiet.wait(10000));
        QTest::qWait(2500);
        QCOMPARE(quiet.size(), 1);
        // More work: once more.
        QVERIFY(store.addMessage(incoming(u"jenny@example.org"_s, u"q2"_s, u"hi"_s, 2000)).result());
        QTRY_COMPARE_WITH_TIMEOUT(quiet.size(), 2, 10000);
    }

    void readPositionMovesOnlyForward()
    {
        HistoryStore store(path(u"read.db"_s));
        QVERIFY(store.open().result());
        qint64 ids[3];
        for (int i = 0; i < 3; ++i)
            ids[i] = store.addMessage(incoming(u"jenny@example.org"_s, u"r%1"_s.arg(i), u"x"_s, 1000 + i))
                         .result()
                         ->message.rowId;
        QCOMPARE(store.conversation(u"jenny@example.org"_s).result()->unread, 3);
        const auto readUpTo = [&](qint64 rowId) {
            ChatReadState state;
            state.lastRead = rowId;
            return ReadStore::save(store, u"jenny@example.org"_s, state).result();
        };
        QCOMPARE(readUpTo(ids[1])->unread, 1);
        const auto back = readUpTo(ids[0]);
        QCOMPARE(back->unread, 1);
        QCOMPARE(back->lastReadRowId, ids[1]);
        // "Replying means having read" is ReadTracker's (tst_readtracker).
    }

    void survivesReopening()
    {
        const QString file = path(u"reopen.db"_s);
        {
            HistoryStore store(file);
            QVERIFY(store.open().result());
            // A burst in one turn of the event loop: one transaction.
            for (int i = 0; i < 500; ++i)
                (void)store.addMessage(incoming(u"jenny@example.org"_s, u"b%1"_s.arg(i), u"burst"_s, i));
            QVERIFY(store.setAccountValue(u"mam.last"_s, u"abc"_s).result());
        } // destroyed right after queuing: everything queued is still written
        HistoryStore again(file);
        QVERIFY(again.open().result());
        QCOMPARE(again.allMessages().result()->size(), 500);
        QCOMPARE(again.accountValue(u"mam.last"_s).result().value(), u"abc"_s);
        QCOMPARE(again.conversations().result()->size(), 1);
    }

    void refusesAFileThatIsNotAHistory()
    {
        const QString file = path(u"garbage.db"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray garbage(8192, 'x');
        f.write(garbage);
        f.close();
        HistoryStore store(file);
        const auto opened = store.open().result();
        QVERIFY(!opened);
        QVERIFY2(opened.errorMessage().contains(u"Could not open the history"_s), qPrintable(opened.errorMessage()));
        // Calls on a store that did not open fail with a sentence, not a crash.
        QVERIFY(!store.addMessage(incoming(u"j@example.org"_s, u"1"_s, u"x"_s, 1)).result());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), garbage); // nothing was changed
    }

    void refusesANewerSchema()
    {
        const QString file = path(u"newer.db"_s);
        {
            HistoryStore store(file);
            QVERIFY(store.open().result());
            QVERIFY(store.addMessage(incoming(u"j@example.org"_s, u"1"_s, u"kept"_s, 1)).result());
            QVERIFY(store.run<Done>(HistoryStore::Access::Read, [](QSqlDatabase &db) -> Expected<Done> {
                QSqlQuery(db).exec(u"PRAGMA user_version = 99"_s);
                return Done {};
            }).result());
        }
        HistoryStore store(file);
        const auto opened = store.open().result();
        QVERIFY(!opened);
        QVERIFY2(opened.errorMessage().contains(u"newer Jabberwock"_s), qPrintable(opened.errorMessage()));
    }

    void reportsAFolderThatCannotBeCreated()
    {
        QFile blocker(path(u"blocker"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        HistoryStore store(path(u"blocker/sub/history.db"_s));
        const auto opened = store.open().result();
        QVERIFY(!opened);
        QVERIFY2(opened.errorMessage().contains(u"Could not create the folder"_s), qPrintable(opened.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
