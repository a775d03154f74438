// Trips to the database per incoming message (issue 13): every job the
// history runs is counted while messages arrive, with the chat shown in an
// active window, with it not shown, and in a burst.

#include "historystore.h"
#include "messenger.h"
#include "readreceipts.h"
#include "readtracker.h"
#include "requests.h"
#include "session.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

Message incoming(const QString &chat, int n)
{
    Message m;
    m.chat = chat;
    m.messageId = u"m%1"_s.arg(n);
    m.from = chat + u"/phone"_s;
    m.to = u"me@example.org"_s;
    m.body = u"안녕하세요 %1"_s.arg(n);
    m.sentAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + 1000 * n, QTimeZone::UTC);
    m.receivedAt = m.sentAt;
    return m;
}

} // namespace

class TestStoreTrips final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<Messenger> m_messenger;
    const QString jenny = u"jenny@example.org"_s;
    int m_n = 0;

    /// Delivers `count` messages in one turn and returns the jobs they cost
    /// once everything has settled.
    double jobsPerMessage(int count)
    {
        const quint64 before = m_store->jobsQueued();
        QSignalSpy added(m_messenger.get(), &Messenger::messageAdded);
        for (int i = 0; i < count; ++i)
            Q_EMIT m_session->messageReceived(incoming(jenny, ++m_n));
        if (!QTest::qWaitFor([&] { return added.size() == count; }))
            return -1;
        // Settled: no job queued for a while.
        quint64 seen = m_store->jobsQueued();
        for (int quiet = 0; quiet < 3;) {
            QTest::qWait(50);
            m_store->flush();
            const quint64 now = m_store->jobsQueued();
            quiet = now == seen ? quiet + 1 : 0;
            seen = now;
        }
        return double(seen - before) / count;
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<HistoryStore>(m_dir.filePath(u"h%1.sqlite"_s.arg(++m_n)));
        QVERIFY(m_store->open().result());
        m_session = std::make_unique<Session>();
        m_messenger = std::make_unique<Messenger>(m_store.get(), m_session.get());
        m_messenger->requests()->accept(jenny);
        QVERIFY(QTest::qWaitFor([this] { return m_messenger->readReceipts()->isLoaded(); }));
        jobsPerMessage(1); // the chat exists
    }

    void cleanup()
    {
        m_messenger.reset();
        m_session.reset();
        m_store.reset();
    }

    void shownChat()
    {
        ReadTracker *tracker = m_messenger->readReceipts()->tracker();
        tracker->setWindowActive(true);
        tracker->setShownChat(jenny);
        jobsPerMessage(1);
        const double one = jobsPerMessage(1);
        const double burst = jobsPerMessage(100);
        qInfo("chat shown, window active: %.2f jobs for one message, %.2f per message in a burst of 100", one,
            burst);
        QVERIFY(one > 0);
    }

    void chatNotShown()
    {
        const double one = jobsPerMessage(1);
        const double burst = jobsPerMessage(100);
        qInfo("chat not shown: %.2f jobs for one message, %.2f per message in a burst of 100", one, burst);
        QVERIFY(one > 0);
    }
};

QTEST_GUILESS_MAIN(TestStoreTrips)
#include "tst_storetrips.moc"
