#include "models.h"
#include "profilefixture.h"
#include "readstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

constexpr int ReadReceiptsSchema = 4; ///< the migration that added the marker columns

/// A message as most clients send it: asking for chat markers (XEP-0333
/// <markable/>) unless `markable` is false.
Message incoming(const QString &chat, const QString &id, qint64 sentMs, bool markable = true)
{
    Message m;
    m.markable = markable;
    m.chat = chat;
    m.messageId = id;
    m.from = chat + u"/phone"_s;
    m.to = u"me@example.org"_s;
    m.body = u"message "_s + id;
    m.sentAt = QDateTime::fromMSecsSinceEpoch(sentMs, QTimeZone::UTC);
    m.receivedAt = m.sentAt;
    return m;
}

} // namespace

/// Read positions and displayed markers over a real history and a
/// connection that is not online (Test::ProfileFixture): incoming messages
/// are handed to the messenger, markers arrive through the fake transport;
/// what would be sent stays owed.
class TestReadPositions final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Test::ProfileFixture> m_profile;
    HistoryStore *m_store = nullptr;
    int m_n = 0;

    const QString jenny = u"jenny@example.org"_s;
    const QString bob = u"bob@example.org"_s;

    ReadPositions *reads() const { return m_profile->reads(); }
    ReadTracker *tracker() const { return m_profile->tracker(); }
    Messenger *messenger() const { return m_profile->messenger(); }
    AccountFeatures *features() const { return m_profile->features.get(); }

    bool start()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_path);
        if (!m_profile->ok())
            return false;
        m_store = &m_profile->store;
        // Offline there is no roster: these are people we chose to talk to, not requests.
        for (const QString &jid : { jenny, bob })
            m_profile->requests()->accept(jid);
        return reads()->isLoaded();
    }

    void stop()
    {
        m_store = nullptr;
        m_profile.reset();
    }

    /// Delivers messages as the session would and waits until everyone was told they are stored.
    bool receive(const QString &chat, const QStringList &ids, bool markable = true)
    {
        const qsizetype before = stored(chat).size();
        QStringList told;
        const auto connection
            = connect(messenger(), &Messenger::messageAdded, this, [&](const Message &m) {
                  if (m.chat == chat && m.isIncoming() && ids.contains(m.messageId))
                      told.append(m.messageId);
              });
        for (int i = 0; i < ids.size(); ++i)
            messenger()->receive(incoming(chat, ids[i], 1'700'000'000'000 + 1000 * (before + i), markable));
        const bool ok = QTest::qWaitFor([&] { return told.size() == ids.size(); });
        disconnect(connection);
        return ok;
    }

    QList<Message> stored(const QString &chat) const
    {
        return m_store->allMessages(chat).result().value();
    }

    qint64 rowIdOf(const QString &chat, const QString &id) const
    {
        const QList<Message> all = stored(chat);
        for (const Message &m : all) {
            if (m.messageId == id)
                return m.rowId;
        }
        return -1;
    }

    int unread(const QString &chat) const
    {
        return m_store->conversation(chat).result()->unread;
    }

    StoredReadState storedState(const QString &chat) const
    {
        const auto list = ReadStore::load(*m_store, chat).result();
        return list && !list->isEmpty() ? list->first() : StoredReadState {};
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(); // a warning is a fault here, Qt's own included
        m_path = m_dir.filePath(u"h%1.db"_s.arg(++m_n));
        QVERIFY(start());
    }

    void cleanup()
    {
        stop();
    }

    void readingKeepsThePositionAndOwesTheMarkerWhileOffline()
    {
        QVERIFY(receive(jenny, { u"j1"_s, u"j2"_s }));
        QCOMPARE(unread(jenny), 2);

        // Shown but the window is not active: nothing is read.
        tracker()->setShownChat(jenny);
        QTest::qWait(20);
        QCOMPARE(unread(jenny), 2);

        tracker()->setWindowActive(true);
        QTRY_COMPARE(unread(jenny), 0);
        StoredReadState s = storedState(jenny);
        QCOMPARE(s.read.lastRead, rowIdOf(jenny, u"j2"_s));
        // Offline: the marker for the newest read message is owed, and kept so.
        QCOMPARE(s.read.marker, rowIdOf(jenny, u"j2"_s));
        QCOMPARE(s.read.markerId, u"j2"_s);
        QVERIFY(s.read.markerPending);

        // After a restart the position and the owed marker are still there.
        stop();
        QVERIFY(start());
        QCOMPARE(tracker()->readPosition(jenny), rowIdOf(jenny, u"j2"_s));
        QCOMPARE(tracker()->pendingMarkers(), QStringList { jenny });
        QCOMPARE(tracker()->state(jenny).markerId, u"j2"_s);
        QCOMPARE(unread(jenny), 0);
    }

    /// XEP-0333 §4: no marker for a message that did not ask for one
    /// (<markable/>); reading it still moves the read position.
    void onlyMarkableMessagesGetAMarker()
    {
        // Bob's client does not ask for markers at all.
        QVERIFY(receive(bob, { u"b1"_s, u"b2"_s }, false));
        tracker()->setShownChat(bob);
        tracker()->setWindowActive(true);
        QTRY_COMPARE(unread(bob), 0);
        StoredReadState s = storedState(bob);
        QCOMPARE(s.read.lastRead, rowIdOf(bob, u"b2"_s));
        QCOMPARE(s.read.marker, 0);
        QVERIFY(!s.read.markerPending);
        QVERIFY(tracker()->pendingMarkers().isEmpty());

        // Jenny's asks, except for her last message: the marker names the
        // newest one that asked (it says "read up to here"), also when they
        // were read after a restart.
        tracker()->setShownChat(QString());
        QVERIFY(receive(jenny, { u"j1"_s, u"j2"_s }));
        QVERIFY(receive(jenny, { u"j3"_s }, false));
        QCOMPARE(unread(jenny), 3);
        stop();
        QVERIFY(start());
        tracker()->setShownChat(jenny);
        tracker()->setWindowActive(true);
        QTRY_COMPARE(unread(jenny), 0);
        s = storedState(jenny);
        QCOMPARE(s.read.lastRead, rowIdOf(jenny, u"j3"_s));
        QCOMPARE(s.read.marker, rowIdOf(jenny, u"j2"_s));
        QCOMPARE(s.read.markerId, u"j2"_s);
        QVERIFY(s.read.markerPending);
        QCOMPARE(tracker()->pendingMarkers(), QStringList { jenny });
    }

    void sendingOffOwesNoMarker()
    {
        reads()->setSendDisplayedMarkers(false);
        QVERIFY(!reads()->sendsDisplayedMarkers());
        tracker()->setShownChat(jenny);
        tracker()->setWindowActive(true);
        QVERIFY(receive(jenny, { u"j1"_s }));
        QTRY_COMPARE(unread(jenny), 0);
        const StoredReadState s = storedState(jenny);
        QCOMPARE(s.read.lastRead, rowIdOf(jenny, u"j1"_s));
        QVERIFY(!s.read.markerPending);
        QVERIFY(tracker()->pendingMarkers().isEmpty());
    }

    void unreadCountsDropInTheConversationList()
    {
        ConversationsModel conversations(features());
        QAbstractItemModelTester tester(&conversations, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(receive(jenny, { u"j1"_s, u"j2"_s }));
        QVERIFY(receive(bob, { u"b1"_s }));
        QTRY_COMPARE(conversations.totalUnread(), 3);
        QSignalSpy total(&conversations, &ConversationsModel::totalUnreadChanged);
        tracker()->setWindowActive(true);
        tracker()->setShownChat(bob);
        QTRY_COMPARE(conversations.totalUnread(), 2);
        const auto unreadOf = [&](const QString &chat) {
            return conversations.index(conversations.rowOf(chat)).data(ConversationsModel::UnreadRole).toInt();
        };
        QCOMPARE(unreadOf(bob), 0);
        QCOMPARE(unreadOf(jenny), 2);
        QVERIFY(!total.isEmpty());
    }

    void peerMarkerCountsForOurMessagesUpToIt()
    {
        const QString o1 = messenger()->sendMessage(jenny, u"one"_s);
        const QString o2 = messenger()->sendMessage(jenny, u"two"_s);
        const QString o3 = messenger()->sendMessage(jenny, u"three"_s);
        QTRY_COMPARE(stored(jenny).size(), 3);
        MessagesModel model(features(), jenny);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(model.rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QVERIFY(!model.index(row).data(MessagesModel::DisplayedRole).toBool());

        QSignalSpy displayed(reads(), &ReadPositions::displayedChanged);
        m_profile->transport.receiveDisplayed(jenny, o2);
        QTRY_COMPARE(displayed.size(), 1);
        QCOMPARE(displayed.at(0).at(0).toString(), jenny);
        QCOMPARE(reads()->displayedUpTo(jenny), rowIdOf(jenny, o2));
        QVERIFY(model.index(0).data(MessagesModel::DisplayedRole).toBool());
        QVERIFY(model.index(1).data(MessagesModel::DisplayedRole).toBool());
        QVERIFY(!model.index(2).data(MessagesModel::DisplayedRole).toBool());

        // An older marker moves nothing back; a newer one moves on.
        m_profile->transport.receiveDisplayed(jenny, o1);
        m_profile->transport.receiveDisplayed(jenny, o3);
        QTRY_COMPARE(displayed.size(), 2);
        QCOMPARE(reads()->displayedUpTo(jenny), rowIdOf(jenny, o3));
        QVERIFY(model.index(2).data(MessagesModel::DisplayedRole).toBool());

        stop();
        QVERIFY(start());
        QCOMPARE(reads()->displayedUpTo(jenny), rowIdOf(jenny, o3));
        QCOMPARE(storedState(jenny).displayed, rowIdOf(jenny, o3));
    }

    void markerThatDoesNotCountIsIgnored_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("id"); ///< "ours": our message to jenny; "ours-to-bob"; else as is
        QTest::newRow("from a third address") << u"mallory@example.org"_s << u"ours"_s;
        QTest::newRow("from our own address") << u"me@example.org"_s << u"ours"_s;
        QTest::newRow("for an id we did not send") << u"jenny@example.org"_s << u"nope"_s;
        QTest::newRow("for their own message") << u"jenny@example.org"_s << u"j1"_s;
        QTest::newRow("for our message to someone else") << u"jenny@example.org"_s << u"ours-to-bob"_s;
        QTest::newRow("without an id") << u"jenny@example.org"_s << QString();
    }

    void markerThatDoesNotCountIsIgnored()
    {
        QFETCH(QString, from);
        QFETCH(QString, id);
        const QString ours = messenger()->sendMessage(jenny, u"for Jenny"_s);
        const QString oursToBob = messenger()->sendMessage(bob, u"for Bob"_s);
        QVERIFY(receive(jenny, { u"j1"_s }));
        QTRY_COMPARE(stored(bob).size(), 1);
        QSignalSpy displayed(reads(), &ReadPositions::displayedChanged);

        const QString markedId = id == u"ours"_s ? ours : id == u"ours-to-bob"_s ? oursToBob : id;
        m_profile->transport.receiveDisplayed(from, markedId);
        // A marker that counts, queued after it: once it is taken, the first was judged.
        m_profile->transport.receiveDisplayed(bob, oursToBob);
        QTRY_COMPARE(displayed.size(), 1);
        QCOMPARE(displayed.at(0).at(0).toString(), bob);
        QCOMPARE(reads()->displayedUpTo(jenny), 0);
        QCOMPARE(reads()->displayedUpTo(from), 0);
        QCOMPARE(storedState(jenny).displayed, 0);
    }

    void readOnAnotherDeviceReadsHereToo()
    {
        QVERIFY(receive(jenny, { u"j1"_s, u"j2"_s, u"j3"_s }));
        const QString ours = messenger()->sendMessage(bob, u"hi"_s);
        QTRY_COMPARE(stored(bob).size(), 1);
        QCOMPARE(unread(jenny), 3);
        QSignalSpy conversations(reads(), &ReadPositions::conversationChanged);

        reads()->markReadElsewhere(jenny, u"j2"_s);
        QTRY_COMPARE(unread(jenny), 1);
        // The list hears of it (after any change still on its way from before).
        QTRY_VERIFY(!conversations.isEmpty() && conversations.last().at(0).value<Conversation>().unread == 1);
        const StoredReadState s = storedState(jenny);
        QCOMPARE(s.read.lastRead, rowIdOf(jenny, u"j2"_s));
        // The other device told Jenny: nothing is owed from here.
        QCOMPARE(s.read.marker, rowIdOf(jenny, u"j2"_s));
        QVERIFY(!s.read.markerPending);

        // Ids that are not a received message of that chat change nothing.
        reads()->markReadElsewhere(jenny, u"unknown"_s);
        reads()->markReadElsewhere(bob, ours);
        reads()->markReadElsewhere(bob, u"j3"_s);
        reads()->markReadElsewhere(jenny, u"j1"_s); // older: no step back
        reads()->markReadElsewhere(jenny, u"j3"_s); // the sentinel
        QTRY_COMPARE(unread(jenny), 0);
        QCOMPARE(tracker()->readPosition(bob), rowIdOf(bob, ours)); // ours, as stored
        QCOMPARE(storedState(jenny).read.lastRead, rowIdOf(jenny, u"j3"_s));
    }

    void newMessagesLineInTheModel()
    {
        QVERIFY(receive(jenny, { u"j1"_s }));
        MessagesModel model(features(), jenny);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(model.rowCount(), 1);
        const auto lineRows = [&] {
            QList<int> rows;
            for (int row = 0; row < model.rowCount(); ++row) {
                if (model.index(row).data(MessagesModel::NewMessagesLineRole).toBool())
                    rows.append(row);
            }
            return rows;
        };

        // Opened in the active window: read, the line above what was unread.
        tracker()->setShownChat(jenny);
        tracker()->setWindowActive(true);
        QTRY_COMPARE(unread(jenny), 0);
        QCOMPARE(lineRows(), QList<int> { 0 });

        // The window goes inactive; two messages come: the line moves above them.
        tracker()->setWindowActive(false);
        QVERIFY(receive(jenny, { u"j2"_s, u"j3"_s }));
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(lineRows(), QList<int> { 1 });
        QCOMPARE(unread(jenny), 2);

        // Back: they are read, the line stays while reading.
        tracker()->setWindowActive(true);
        QTRY_COMPARE(unread(jenny), 0);
        QVERIFY(receive(jenny, { u"j4"_s }));
        QTRY_COMPARE(model.rowCount(), 4);
        QCOMPARE(lineRows(), QList<int> { 1 });
        QTRY_COMPARE(unread(jenny), 0);

        // Leaving the chat takes it away.
        tracker()->setShownChat(bob);
        QCOMPARE(lineRows(), QList<int> {});
    }

    void migrationSettlesWhatWasReadBefore()
    {
        stop();
        m_path = m_dir.filePath(u"migrate.db"_s);
        {
            HistoryStore old(m_path);
            QVERIFY(old.open(ReadReceiptsSchema - 1).result());
            const auto filled = old.run<Done>(HistoryStore::Access::Write, [](QSqlDatabase &db) -> Expected<Done> {
                QSqlQuery q(db);
                const QStringList statements {
                    u"INSERT INTO messages (id, chat, message_id, direction, sender, recipient, body, sent_at, "
                    "received_at, sort_at, state) VALUES "
                    "(1, 'jenny@example.org', 'j1', 0, 'jenny@example.org', 'me@example.org', 'a', 1, 1, 1, 4), "
                    "(2, 'jenny@example.org', 'j2', 0, 'jenny@example.org', 'me@example.org', 'b', 2, 2, 2, 4), "
                    "(3, 'jenny@example.org', 'o1', 1, 'me@example.org', 'jenny@example.org', 'c', 3, 3, 3, 1), "
                    "(4, 'jenny@example.org', 'j3', 0, 'jenny@example.org', 'me@example.org', 'd', 4, 4, 4, 4)"_s,
                    u"INSERT INTO chats (chat, last_read_id) VALUES ('jenny@example.org', 3)"_s,
                };
                for (const QString &statement : statements) {
                    if (!q.exec(statement))
                        return Error { q.lastError().text() };
                }
                return Done {};
            });
            QVERIFY2(filled.result(), qPrintable(filled.result().errorMessage()));
        }
        QVERIFY(start());
        const StoredReadState s = storedState(jenny);
        QCOMPARE(s.read.lastRead, 3);
        QCOMPARE(s.read.marker, 2); // the newest received message read: settled, not owed
        QCOMPARE(s.read.markerId, u"j2"_s);
        QVERIFY(!s.read.markerPending);
        QCOMPARE(s.read.newestIncoming, 4);
        QCOMPARE(s.read.newestIncomingId, u"j3"_s);
        QCOMPARE(s.displayed, 0);
        QVERIFY(tracker()->pendingMarkers().isEmpty());
        QCOMPARE(unread(jenny), 1);
    }
};

QTEST_GUILESS_MAIN(TestReadPositions)
#include "tst_readpositions.moc"
