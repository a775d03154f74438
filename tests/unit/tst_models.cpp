#include "models.h"
#include "profilefixture.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

Message incoming(const QString &chat, const QString &id, const QString &body, qint64 sentMs)
{
    Message m;
    m.chat = chat;
    m.messageId = id;
    m.from = chat;
    m.to = u"me@example.org"_s;
    m.body = body;
    m.sentAt = QDateTime::fromMSecsSinceEpoch(sentMs, QTimeZone::UTC);
    m.receivedAt = m.sentAt;
    return m;
}

} // namespace

/// The models over a real history and a connection that is not online
/// (Test::ProfileFixture); "incoming" messages are handed to the messenger.
class TestModels final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Test::ProfileFixture> m_profile;
    HistoryStore *m_store = nullptr;
    int m_n = 0;

    AccountFeatures *features() const { return m_profile->features.get(); }
    Messenger *messenger() const { return m_profile->messenger(); }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(); // a warning is a fault here, Qt's own included
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)));
        QVERIFY(m_profile->ok());
        m_store = &m_profile->store;
    }

    void cleanup()
    {
        m_store = nullptr;
        m_profile.reset();
    }

    void messagesPageInOlderHistory()
    {
        for (int i = 0; i < 120; ++i)
            QVERIFY(m_store->addMessage(incoming(u"jenny@example.org"_s, u"m%1"_s.arg(i), u"#%1"_s.arg(i), 1000 + i))
                        .result());
        {
            // The first page is the newest 50, oldest first.
            MessagesModel firstPage(features(), u"jenny@example.org"_s, 50);
            QTRY_COMPARE(firstPage.rowCount(), 50);
            QCOMPARE(firstPage.index(0).data(MessagesModel::BodyRole).toString(), u"#70"_s);
            QCOMPARE(firstPage.index(49).data(MessagesModel::BodyRole).toString(), u"#119"_s);
            QVERIFY(firstPage.canFetchMore());
        }
        // Paging to the start, under the model tester (which fetches too).
        MessagesModel model(features(), u"jenny@example.org"_s, 50);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy pages(&model, &MessagesModel::pageLoaded);
        QDeadlineTimer deadline(10000);
        while ((model.canFetchMore() || model.isLoading() || pages.isEmpty()) && !deadline.hasExpired()) {
            if (model.canFetchMore())
                model.fetchMore();
            QTest::qWait(5);
        }
        QCOMPARE(model.rowCount(), 120);
        // No page is fetched twice: every page that arrived brought rows.
        // (The first may arrive before the spy is connected, when the history
        // thread answers before the model attaches its continuation.)
        QVERIFY(pages.size() >= 2);
        for (const auto &args : std::as_const(pages))
            QVERIFY2(args.first().toInt() > 0, "an empty page means the same page was loaded twice");
        QVERIFY(!model.canFetchMore());
        for (int i = 0; i < 120; ++i)
            QCOMPARE(model.index(i).data(MessagesModel::BodyRole).toString(), u"#%1"_s.arg(i));
    }

    void liveMessagesArriveInSendOrder()
    {
        QVERIFY(m_store->addMessage(incoming(u"jenny@example.org"_s, u"a"_s, u"first"_s, 1000)).result());
        MessagesModel model(features(), u"jenny@example.org"_s);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(model.rowCount(), 1);

        // A delayed message sent between the two goes between them.
        messenger()->receive(incoming(u"jenny@example.org"_s, u"c"_s, u"third"_s, 3000));
        Message delayed = incoming(u"jenny@example.org"_s, u"b"_s, u"second"_s, 2000);
        delayed.arrivedOffline = true;
        messenger()->receive(delayed);
        // Someone else's message is not this chat's.
        messenger()->receive(incoming(u"other@example.org"_s, u"x"_s, u"elsewhere"_s, 2500));
        // The same message again is not shown twice.
        messenger()->receive(incoming(u"jenny@example.org"_s, u"c"_s, u"third"_s, 3000));

        QTRY_COMPARE(model.rowCount(), 3);
        QTest::qWait(50);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1).data(MessagesModel::BodyRole).toString(), u"second"_s);
        QCOMPARE(model.index(1).data(MessagesModel::ArrivedOfflineRole).toBool(), true);
        QCOMPARE(model.index(2).data(MessagesModel::BodyRole).toString(), u"third"_s);
    }

    void sentMessageIsQueuedWhileOffline()
    {
        MessagesModel model(features(), u"jenny@example.org"_s);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(messenger()->sendMessage(u"jenny@example.org"_s, u"   "_s).isEmpty());
        const QString id = messenger()->sendMessage(u"jenny@example.org"_s, u"see you"_s);
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE(model.rowCount(), 1);
        const QModelIndex row = model.index(0);
        QCOMPARE(row.data(MessagesModel::BodyRole).toString(), u"see you"_s);
        QCOMPARE(row.data(MessagesModel::MessageIdRole).toString(), id);
        QCOMPARE(row.data(MessagesModel::StateRole).toInt(), int(DeliveryState::Queued));
        QCOMPARE(row.data(MessagesModel::SenderRole).toString(), u"You"_s);
        // It is in the outbox, waiting for the connection.
        QCOMPARE(m_store->pendingOutgoing().result()->size(), 1);
    }

    void conversationsNewestFirstWithUnread()
    {
        QVERIFY(m_store->addMessage(incoming(u"old@example.org"_s, u"1"_s, u"old"_s, 1000)).result());
        QVERIFY(m_store->addMessage(incoming(u"new@example.org"_s, u"2"_s, u"new"_s, 2000)).result());
        // People we talk to: a stranger's unread messages wait in Requests and are not counted.
        for (const QString &jid : { u"old@example.org"_s, u"new@example.org"_s })
            m_profile->requests()->accept(jid);
        ConversationsModel model(features());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy unread(&model, &ConversationsModel::totalUnreadChanged);
        QTRY_COMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(ConversationsModel::ChatRole).toString(), u"new@example.org"_s);
        QCOMPARE(model.totalUnread(), 2);

        // A new message moves its conversation to the top and counts as unread.
        messenger()->receive(incoming(u"old@example.org"_s, u"3"_s, u"newest"_s, 3000));
        QTRY_COMPARE(model.index(0).data(ConversationsModel::ChatRole).toString(), u"old@example.org"_s);
        QCOMPARE(model.index(0).data(ConversationsModel::LastBodyRole).toString(), u"newest"_s);
        QCOMPARE(model.index(0).data(ConversationsModel::UnreadRole).toInt(), 2);
        QCOMPARE(model.totalUnread(), 3);
        QVERIFY(!unread.isEmpty());
        QCOMPARE(unread.last().first().toInt(), 3);

        // Reading clears the count: the chat shown in the active window is
        // read up to its newest message.
        const qint64 newest = m_store->messages(u"old@example.org"_s, std::nullopt, 1).result()->first().rowId;
        m_profile->tracker()->setWindowActive(true);
        m_profile->tracker()->setShownChat(u"old@example.org"_s);
        QTRY_COMPARE(m_profile->tracker()->readPosition(u"old@example.org"_s), newest);
        QTRY_COMPARE(model.index(0).data(ConversationsModel::UnreadRole).toInt(), 0);
        QCOMPARE(model.totalUnread(), 1);

        // A chat opened by the person shows before it has messages.
        model.ensure(u"fresh@example.org"_s);
        QCOMPARE(model.rowOf(u"fresh@example.org"_s), 0);
        QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), u"fresh@example.org"_s);
    }

    void conversationBurstIsOneChange()
    {
        // Issue 12: 50,000 strangers writing at once froze the window for
        // minutes: every conversation was looked up, placed and counted
        // over the whole list, and every one was its own insertion (and a
        // re-filtering of the list's two views). A burst within one
        // event-loop turn is one insertion, in the right order.
        ConversationsModel model(features());
        QTRY_VERIFY(model.rowCount() == 0);
        QTest::qWait(50); // the (empty) history has been read
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        constexpr int N = 5000;
        for (int i = 0; i < N; ++i) {
            Conversation c;
            c.chat = u"stranger%1@example.org"_s.arg(i);
            c.lastBody = u"hello"_s;
            c.lastAt = QDateTime::fromMSecsSinceEpoch(1'000'000 + i, QTimeZone::UTC);
            c.unread = 1;
            Q_EMIT m_profile->reads()->conversationChanged(c);
        }
        QTRY_COMPARE(model.rowCount(), N);
        QVERIFY2(inserted.count() <= 3, qPrintable(QString::number(inserted.count()))); // slices of 2,000 a turn
        QCOMPARE(model.index(0).data(ConversationsModel::ChatRole).toString(), u"stranger%1@example.org"_s.arg(N - 1));
        QCOMPARE(model.rowOf(u"stranger0@example.org"_s), N - 1);

        // Older ones that get a new message move up, all in one go.
        for (int i = 0; i < 10; ++i) {
            Conversation c;
            c.chat = u"stranger%1@example.org"_s.arg(i);
            c.lastBody = u"again"_s;
            c.lastAt = QDateTime::fromMSecsSinceEpoch(2'000'000 + i, QTimeZone::UTC);
            c.unread = 2;
            Q_EMIT m_profile->reads()->conversationChanged(c);
        }
        QTRY_COMPARE(model.rowOf(u"stranger9@example.org"_s), 0);
        QCOMPARE(model.rowOf(u"stranger0@example.org"_s), 9);
        QCOMPARE(model.rowOf(u"stranger%1@example.org"_s.arg(N - 1)), 10);
        QCOMPARE(model.index(0).data(ConversationsModel::LastBodyRole).toString(), u"again"_s);
        QVERIFY(inserted.count() <= 3);
        QVERIFY(moved.count() < 10);
    }

    void contactsEmptyWithoutRoster()
    {
        ContactsModel model(m_profile->roster());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.rowOf(u"jenny@example.org"_s), -1);
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
