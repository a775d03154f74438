// MessagesModel as a window over a long history: pages in order without
// duplicates, far pages unloaded and loaded again, jumps to any message,
// and the grouping roles the view draws headers and day separators from.
#include "messagesmodel.h"
#include "messenger.h"
#include "profilefixture.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

const QString Jenny = u"jenny@example.org"_s;
constexpr int Count = 500;
constexpr int PageSize = 20;
constexpr int MaxRows = 60;
/// Noon, UTC: the same calendar day in every time zone a test machine has.
const qint64 Noon = QDateTime(QDate(2026, 4, 16), QTime(12, 0), QTimeZone::UTC).toMSecsSinceEpoch();

Message message(const QString &chat, const QString &id, const QString &body, qint64 sentMs,
    Direction direction = Direction::Incoming)
{
    Message m;
    m.chat = chat;
    m.messageId = id;
    m.direction = direction;
    m.from = direction == Direction::Incoming ? chat : u"me@example.org"_s;
    m.to = direction == Direction::Incoming ? u"me@example.org"_s : chat;
    m.body = body;
    m.state = direction == Direction::Incoming ? DeliveryState::Received : DeliveryState::Sent;
    m.sentAt = QDateTime::fromMSecsSinceEpoch(sentMs, QTimeZone::UTC);
    m.receivedAt = m.sentAt;
    return m;
}

/// The number in a body "#n".
int numberAt(const MessagesModel &model, int row)
{
    return model.index(row).data(MessagesModel::BodyRole).toString().mid(1).toInt();
}

} // namespace

class TestMessageWindow final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Test::ProfileFixture> m_profile;
    QList<qint64> m_rowIds; ///< Jenny's messages "#0".."#499", oldest first
    int m_n = 0;

    AccountFeatures *features() const { return m_profile->features.get(); }

    /// Rows hold consecutive messages, in order, each once, and never more than the window.
    static QString checkWindow(const MessagesModel &model)
    {
        if (model.rowCount() > model.maxRows())
            return u"%1 rows, more than %2"_s.arg(model.rowCount()).arg(model.maxRows());
        QSet<qint64> ids;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (ids.contains(model.messageAt(row).rowId))
                return u"row %1 twice"_s.arg(row);
            ids.insert(model.messageAt(row).rowId);
            if (row > 0 && numberAt(model, row) != numberAt(model, row - 1) + 1)
                return u"row %1 is #%2 after #%3"_s.arg(row).arg(numberAt(model, row)).arg(numberAt(model, row - 1));
        }
        return {};
    }

    static bool settle(MessagesModel &model)
    {
        return QTest::qWaitFor([&] { return !model.isLoading(); });
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning();
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)));
        QVERIFY(m_profile->ok());
        m_rowIds.clear();
        QFuture<Expected<HistoryStore::AddResult>> last;
        QList<QFuture<Expected<HistoryStore::AddResult>>> stored;
        for (int i = 0; i < Count; ++i)
            stored.append(m_profile->store.addMessage(message(Jenny, u"m%1"_s.arg(i), u"#%1"_s.arg(i), Noon + i * 1000)));
        for (auto &future : stored) {
            const auto result = future.result();
            QVERIFY(result);
            m_rowIds.append(result->message.rowId);
        }
        QVERIFY(m_profile->store.addMessage(message(u"bob@example.org"_s, u"b"_s, u"#0"_s, Noon)).result());
    }

    void cleanup() { m_profile.reset(); }

    void pagesUnderTheModelTester()
    {
        // The tester fetches on its own too, whenever rows come in.
        MessagesModel model(features(), Jenny, PageSize, MaxRows);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(settle(model));
        while (model.canFetchMore()) {
            model.fetchMore();
            QVERIFY(settle(model));
        }
        QVERIFY2(checkWindow(model).isEmpty(), qPrintable(checkWindow(model)));
        QCOMPARE(numberAt(model, 0), 0);
        while (model.canFetchNewer()) {
            model.fetchNewer();
            QVERIFY(settle(model));
        }
        QVERIFY2(checkWindow(model).isEmpty(), qPrintable(checkWindow(model)));
        model.loadAround(m_rowIds.at(250));
        QTRY_VERIFY(!model.isLoading());
        QVERIFY(model.rowOf(m_rowIds.at(250)) >= 0);
        QVERIFY2(checkWindow(model).isEmpty(), qPrintable(checkWindow(model)));
    }

    void pagesBackAndForthInOrderWithinTheWindow()
    {
        MessagesModel model(features(), Jenny, PageSize, MaxRows);
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), PageSize);
        QCOMPARE(numberAt(model, PageSize - 1), Count - 1);
        QVERIFY(model.isAtEnd());
        QVERIFY(!model.canFetchNewer());

        int pages = 0;
        while (model.canFetchMore()) {
            model.fetchMore();
            QVERIFY(settle(model));
            const QString fault = checkWindow(model);
            QVERIFY2(fault.isEmpty(), qPrintable(fault));
            QVERIFY(++pages <= Count / PageSize);
        }
        QCOMPARE(pages, Count / PageSize); // 24 full pages, then one that finds nothing
        QVERIFY(model.isAtStart());
        QCOMPARE(numberAt(model, 0), 0);
        QCOMPARE(model.rowCount(), MaxRows);
        // The newest pages were let go of.
        QVERIFY(!model.isAtEnd());
        QCOMPARE(numberAt(model, model.rowCount() - 1), MaxRows - 1);

        // Down again: the pages come back, the oldest go.
        pages = 0;
        while (model.canFetchNewer()) {
            model.fetchNewer();
            QVERIFY(settle(model));
            const QString fault = checkWindow(model);
            QVERIFY2(fault.isEmpty(), qPrintable(fault));
            QVERIFY(++pages <= Count / PageSize);
        }
        QVERIFY(model.isAtEnd());
        QVERIFY(!model.isAtStart());
        QCOMPARE(numberAt(model, model.rowCount() - 1), Count - 1);
        QCOMPARE(model.rowCount(), MaxRows);
    }

    void liveMessagesWaitWhileTheNewestAreUnloaded()
    {
        MessagesModel model(features(), Jenny, PageSize, MaxRows);
        QVERIFY(settle(model));
        for (int i = 0; i < 3; ++i) {
            model.fetchMore();
            QVERIFY(settle(model));
        }
        QVERIFY(!model.isAtEnd());
        const int rows = model.rowCount();
        const int newestShown = numberAt(model, rows - 1);
        QVERIFY(m_profile->receive(message(Jenny, u"live"_s, u"#%1"_s.arg(Count), Noon + Count * 1000)));
        QCoreApplication::processEvents();
        // Not glued after a gap: it comes with its page.
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(numberAt(model, rows - 1), newestShown);
        while (model.canFetchNewer()) {
            model.fetchNewer();
            QVERIFY(settle(model));
        }
        QCOMPARE(numberAt(model, model.rowCount() - 1), Count);
        const QString fault = checkWindow(model);
        QVERIFY2(fault.isEmpty(), qPrintable(fault));

        // At the end, a live message shows at once.
        QVERIFY(m_profile->receive(message(Jenny, u"live2"_s, u"#%1"_s.arg(Count + 1), Noon + (Count + 1) * 1000)));
        QTRY_COMPARE(numberAt(model, model.rowCount() - 1), Count + 1);
    }

    void jumpsToAnyMessage_data()
    {
        QTest::addColumn<int>("target");
        QTest::addColumn<bool>("atStart");
        QTest::addColumn<bool>("atEnd");
        QTest::newRow("middle") << 250 << false << false;
        QTest::newRow("near the start") << 5 << true << false;
        QTest::newRow("the oldest") << 0 << true << false;
        QTest::newRow("a page from the end") << Count - PageSize - 1 << false << true;
        QTest::newRow("beyond a page from the end") << Count - PageSize - 2 << false << false;
    }

    void jumpsToAnyMessage()
    {
        QFETCH(int, target);
        QFETCH(bool, atStart);
        QFETCH(bool, atEnd);
        MessagesModel model(features(), Jenny, PageSize, MaxRows);
        QVERIFY(settle(model));
        // What the row holds when it is announced.
        QList<int> shown;
        connect(&model, &MessagesModel::aroundLoaded, this, [&](int row) {
            shown.append(row >= 0 ? numberAt(model, row) : -1);
            if (row >= 0)
                QCOMPARE(model.rowOf(m_rowIds.at(target)), row);
        });
        model.loadAround(m_rowIds.at(target));
        QTRY_COMPARE(shown.size(), 1);
        QCOMPARE(shown.first(), target);
        QVERIFY(settle(model));
        QCoreApplication::processEvents();
        QCOMPARE(model.isAtStart(), atStart);
        QCOMPARE(model.isAtEnd(), atEnd);
        QCOMPARE(numberAt(model, 0), std::max(0, target - PageSize));
        QCOMPARE(numberAt(model, model.rowCount() - 1), std::min(Count - 1, target + PageSize));
        const QString fault = checkWindow(model);
        QVERIFY2(fault.isEmpty(), qPrintable(fault));

        // From there, both ways.
        if (model.canFetchMore()) {
            const int first = numberAt(model, 0);
            model.fetchMore();
            QVERIFY(settle(model));
            QCOMPARE(numberAt(model, 0), std::max(0, first - PageSize));
        }
        if (model.canFetchNewer()) {
            const int last = numberAt(model, model.rowCount() - 1);
            model.fetchNewer();
            QVERIFY(settle(model));
            QCOMPARE(numberAt(model, model.rowCount() - 1), std::min(Count - 1, last + PageSize));
        }
        QVERIFY2(checkWindow(model).isEmpty(), qPrintable(checkWindow(model)));

        // And back to the newest.
        model.loadNewest();
        QTRY_VERIFY(model.isAtEnd() && !model.isLoading());
        QCOMPARE(numberAt(model, model.rowCount() - 1), Count - 1);
    }

    void aJumpToALoadedMessageKeepsTheWindow()
    {
        MessagesModel model(features(), Jenny, PageSize, MaxRows);
        QVERIFY(settle(model));
        QSignalSpy around(&model, &MessagesModel::aroundLoaded);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.loadAround(m_rowIds.at(Count - 3));
        QTRY_COMPARE(around.size(), 1);
        QCOMPARE(around.first().first().toInt(), PageSize - 3);
        QCOMPARE(reset.size(), 0);
    }

    void aJumpToAnotherChatsMessageChangesNothing()
    {
        MessagesModel model(features(), Jenny, PageSize, MaxRows);
        QVERIFY(settle(model));
        const qint64 bobs = m_rowIds.constLast() + 1; // stored after Jenny's
        QSignalSpy around(&model, &MessagesModel::aroundLoaded);
        model.loadAround(bobs);
        QTRY_COMPARE(around.size(), 1);
        QCOMPARE(around.first().first().toInt(), -1);
        QCOMPARE(model.rowCount(), PageSize);
        QCOMPARE(numberAt(model, PageSize - 1), Count - 1);
    }

    void aPageAskedBeforeAJumpIsDropped()
    {
        MessagesModel model(features(), Jenny, PageSize, MaxRows);
        QVERIFY(settle(model));
        model.fetchMore(); // its answer comes after the jump was asked
        QSignalSpy around(&model, &MessagesModel::aroundLoaded);
        model.loadAround(m_rowIds.at(100));
        QTRY_COMPARE(around.size(), 1);
        QVERIFY(settle(model));
        QCoreApplication::processEvents();
        QCOMPARE(numberAt(model, 0), 100 - PageSize);
        QCOMPARE(numberAt(model, model.rowCount() - 1), 100 + PageSize);
        QVERIFY2(checkWindow(model).isEmpty(), qPrintable(checkWindow(model)));
    }

    void groupsRunsOfOneSenderAndStartsDays()
    {
        const QString sam = u"sam@example.org"_s;
        const qint64 minute = 60 * 1000;
        const QList<Message> messages = {
            message(sam, u"1"_s, u"a"_s, Noon), // 0: day, header
            message(sam, u"2"_s, u"b"_s, Noon + 2 * minute), // 1: same run
            message(sam, u"3"_s, u"c"_s, Noon + 4 * minute), // 2: same run
            message(sam, u"4"_s, u"d"_s, Noon + 20 * minute), // 3: a pause: header
            message(sam, u"5"_s, u"e"_s, Noon + 21 * minute, Direction::Outgoing), // 4: another sender
            message(sam, u"6"_s, u"f"_s, Noon + 22 * minute, Direction::Outgoing), // 5: same run
            message(sam, u"7"_s, u"g"_s, Noon + 24 * 60 * minute, Direction::Outgoing), // 6: next day
        };
        for (const Message &m : messages)
            QVERIFY(m_profile->store.addMessage(m).result());
        MessagesModel model(features(), sam, PageSize, MaxRows);
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), messages.size());
        const QList<bool> days = { true, false, false, false, false, false, true };
        const QList<bool> headers = { true, false, false, true, true, false, true };
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.index(row).data(MessagesModel::DayStartRole).toBool(), days.at(row));
            QCOMPARE(model.index(row).data(MessagesModel::GroupStartRole).toBool(), headers.at(row));
        }
    }
};

QTEST_GUILESS_MAIN(TestMessageWindow)
#include "tst_messagewindow.moc"
