#include "chatpane.h"
#include "mainwindow.h"
#include "models.h"
#include "offlinemessages.h"
#include "peerbanner.h"
#include "profilefixture.h"
#include "requests.h"
#include "session.h"

#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

/// Message requests as a person meets them (issue 6): the Requests tab, the
/// banner's decisions, the chat header. Offscreen, over a real history and a
/// connection that is never online (Test::ProfileFixture: messages are handed
/// to the messenger as the connection would), and a session never connected
/// for the window.
class TestRequestsView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    /// The account has no address yet, as with a session never signed in.
    std::unique_ptr<Test::ProfileFixture> m_profile;
    std::unique_ptr<Session> m_session; ///< the connection the window shows: never connected
    std::unique_ptr<MainWindow> m_window;

    const QString alice = u"alice@example.org"_s; // someone we talk to
    const QString eve = u"eve@example.net"_s; // strangers
    const QString mallory = u"mallory@example.net"_s;

    /// A message from `chat` arrives; waits until it is stored and announced.
    bool receive(const QString &chat, const QString &body)
    {
        return Test::receive(*m_profile, Test::incoming(chat, u"m%1"_s.arg(++m_n), body));
    }

    /// The row of `chat` in one of the window's lists (invalid if not there).
    static QModelIndex rowIn(const QListView *list, const QString &chat)
    {
        const QAbstractItemModel *model = list->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(ConversationsModel::ChatRole).toString() == chat)
                return index;
        }
        return {};
    }

    int requestsTab() const { return m_window->lists()->indexOf(m_window->requestList()); }
    bool requestsTabShown() const { return m_window->lists()->isTabVisible(requestsTab()); }

    /// Clicks the Requests tab, then the row of `chat` in it, as a person would.
    bool openRequest(const QString &chat)
    {
        QTabBar *tabs = m_window->lists()->tabBar();
        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(requestsTab()).center());
        if (m_window->lists()->currentWidget() != m_window->requestList())
            return false;
        QListView *list = m_window->requestList();
        const QModelIndex index = rowIn(list, chat);
        if (!index.isValid())
            return false;
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
        return m_window->chatPane()->chat() == chat
            && QTest::qWaitFor([this] { return !m_window->chatPane()->model()->isLoading(); });
    }

    static bool shown(const QWidget *w) { return w->isVisible(); }

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)), QString());
        QVERIFY(m_profile->ok()); // the requests are loaded
        m_session = std::make_unique<Session>();
        // Offline there is no roster: someone we chose to talk to.
        m_profile->requests()->accept(alice);
        m_window = std::make_unique<MainWindow>(m_profile->features.get(), m_session.get());
        m_profile->store.flush(); // the (empty) list is read
        QCoreApplication::processEvents();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(receive(alice, u"lunch?"_s));
    }

    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        m_profile.reset();
    }

    void aStrangerWritesAndARequestAppears()
    {
        QVERIFY(!requestsTabShown()); // nothing to decide: no tab
        QVERIFY(rowIn(m_window->conversationList(), alice).isValid());

        QVERIFY(receive(eve, u"hi! saw your talk"_s));
        QTRY_VERIFY(requestsTabShown());
        const QString tabText = m_window->lists()->tabText(requestsTab());
        QVERIFY2(tabText.contains(u"(1)"_s), qPrintable(tabText));
        QVERIFY(!rowIn(m_window->conversationList(), eve).isValid());
        const QModelIndex request = rowIn(m_window->requestList(), eve);
        QVERIFY(request.isValid());
        QCOMPARE(m_window->requestList()->model()->rowCount(), 1);
        // The row says it is a request (the delegate writes "Not in your contacts").
        QCOMPARE(request.data(ConversationsModel::RequestRole).toBool(), true);
        QCOMPARE(request.data(ConversationsModel::LastBodyRole).toString(), u"hi! saw your talk"_s);

        QVERIFY(openRequest(eve));
        PeerBanner *banner = m_window->chatPane()->peerBanner();
        QVERIFY(shown(banner));
        QVERIFY2(banner->text().contains(u"not in your contacts"_s), qPrintable(banner->text()));
        QVERIFY(shown(banner->acceptButton()));
        QVERIFY(shown(banner->blockButton()));
        QVERIFY(shown(banner->deleteButton()));
        QVERIFY(banner->acceptButton()->isEnabled());
        QVERIFY(banner->deleteButton()->isEnabled());
        QCOMPARE(m_window->chatPane()->model()->rowCount(), 1);

        // A second one counts too.
        QVERIFY(receive(mallory, u"hello"_s));
        QTRY_VERIFY(m_window->lists()->tabText(requestsTab()).contains(u"(2)"_s));

        // A chat with someone we talk to has no such banner.
        m_window->openChat(alice);
        QVERIFY(!banner->text().contains(u"wrote to you first"_s));
        QVERIFY(!shown(banner->acceptButton()));
    }

    void acceptMovesItToTheChats()
    {
        QVERIFY(receive(eve, u"hi"_s));
        QTRY_VERIFY(requestsTabShown());
        QVERIFY(openRequest(eve));
        PeerBanner *banner = m_window->chatPane()->peerBanner();
        QVERIFY(shown(banner->acceptButton()));

        QTest::mouseClick(banner->acceptButton(), Qt::LeftButton);
        QTRY_VERIFY(rowIn(m_window->conversationList(), eve).isValid());
        QVERIFY(!rowIn(m_window->requestList(), eve).isValid());
        QVERIFY(!requestsTabShown());
        QCOMPARE(m_window->lists()->currentWidget(), m_window->conversationList());
        // Still the open chat, now chosen in the chats.
        QCOMPARE(m_window->chatPane()->chat(), eve);
        QCOMPARE(
            m_window->conversationList()->currentIndex().data(ConversationsModel::ChatRole).toString(), eve);
        QVERIFY(!shown(banner->acceptButton()));
        QVERIFY(!shown(banner->deleteButton()));
        QVERIFY2(!banner->text().contains(u"wrote to you first"_s), qPrintable(banner->text()));
        QCOMPARE(m_profile->requests()->standing(eve), Standing::Accepted);
    }

    void deleteRemovesTheConversation()
    {
        QVERIFY(receive(eve, u"one"_s));
        QVERIFY(receive(mallory, u"buy now"_s));
        QVERIFY(receive(mallory, u"last chance"_s));
        QTRY_VERIFY(m_window->lists()->tabText(requestsTab()).contains(u"(2)"_s));
        QVERIFY(openRequest(mallory));
        QCOMPARE(m_window->chatPane()->model()->rowCount(), 2);
        PeerBanner *banner = m_window->chatPane()->peerBanner();

        QTest::mouseClick(banner->deleteButton(), Qt::LeftButton);
        QTRY_VERIFY(!rowIn(m_window->requestList(), mallory).isValid());
        QVERIFY(!rowIn(m_window->conversationList(), mallory).isValid());
        QCOMPARE(m_window->conversations()->rowOf(mallory), -1);
        QVERIFY(m_window->chatPane()->chat() != mallory);
        // Nothing is left to show: another stranger's chat must not open by itself.
        QVERIFY2(m_window->chatPane()->chat().isEmpty(), qPrintable(m_window->chatPane()->chat()));
        QVERIFY(!m_window->chatPane()->model());
        const auto left = m_profile->store.allMessages(mallory).result();
        QVERIFY(left);
        QVERIFY(left->isEmpty());
        // The other request stays.
        QVERIFY(rowIn(m_window->requestList(), eve).isValid());
        QVERIFY(requestsTabShown());
        QVERIFY(m_window->lists()->tabText(requestsTab()).contains(u"(1)"_s));
        QCOMPARE(m_profile->store.allMessages(eve).result()->size(), 1);
    }

    void blockingNeedsTheServer()
    {
        QVERIFY(receive(eve, u"spam"_s));
        QTRY_VERIFY(requestsTabShown());
        QVERIFY(openRequest(eve));
        PeerBanner *banner = m_window->chatPane()->peerBanner();
        QVERIFY(shown(banner->blockButton()));
        QVERIFY(!shown(banner->errorLabel()));

        // Blocking is the server's (XEP-0191): offline, pressing Block says why nothing happened.
        QVERIFY(banner->blockButton()->isEnabled());
        QTest::mouseClick(banner->blockButton(), Qt::LeftButton);
        QVERIFY(shown(banner->errorLabel()));
        const QString sentence = banner->errorLabel()->text();
        QVERIFY2(sentence.contains(u"online"_s), qPrintable(sentence));
        QVERIFY2(sentence.endsWith(u'.'), qPrintable(sentence));
        // Nothing changed.
        QCOMPARE(m_profile->requests()->standing(eve), Standing::Request);
        QVERIFY(rowIn(m_window->requestList(), eve).isValid());
        QVERIFY(shown(banner->acceptButton()));

        // Another chat: the sentence was about this one.
        m_window->openChat(alice);
        QVERIFY(!shown(banner->errorLabel()));
    }

    void requestsCanBeHidden()
    {
        QVERIFY(receive(eve, u"hi"_s));
        QTRY_VERIFY(requestsTabShown());
        m_window->setRequestsShown(false);
        QVERIFY(!requestsTabShown());
        QVERIFY(!rowIn(m_window->conversationList(), eve).isValid()); // not mixed into the chats either
        QVERIFY(receive(mallory, u"hello?"_s));
        QVERIFY(!requestsTabShown());
        m_window->setRequestsShown(true);
        QVERIFY(requestsTabShown());
        QVERIFY(m_window->lists()->tabText(requestsTab()).contains(u"(2)"_s));
    }

    void theHeaderGuessesNoStatusBeforeTheRoster()
    {
        QVERIFY(receive(eve, u"hi"_s));
        QTRY_VERIFY(requestsTabShown());
        QVERIFY(openRequest(eve));
        // Offline no roster arrived: neither "Offline" nor "Status not shared" would be known (issue 19).
        QCOMPARE(m_window->chatPane()->presenceLabel()->text(), QString());
        m_window->openChat(alice);
        QCOMPARE(m_window->chatPane()->presenceLabel()->text(), QString());
    }

    void aStrangersTextIsPlainText()
    {
        const QString body = u"<img src=\"http://example.invalid/x.png\"> <b>bold</b>"_s;
        QVERIFY(receive(eve, body));
        QTRY_VERIFY(requestsTabShown());
        const QModelIndex request = rowIn(m_window->requestList(), eve);
        QVERIFY(request.isValid());
        QCOMPARE(request.data(ConversationsModel::LastBodyRole).toString(), body);
        QVERIFY(openRequest(eve));
        MessagesModel *messages = m_window->chatPane()->model();
        QCOMPARE(messages->rowCount(), 1);
        QCOMPARE(messages->index(0).data(Qt::DisplayRole).toString(), body);
        QCOMPARE(messages->index(0).data(MessagesModel::BodyRole).toString(), body);
        // What the view shows goes through the view's own model.
        const QModelIndex shownRow = m_window->chatPane()->messageView()->model()->index(0, 0);
        QCOMPARE(shownRow.data(MessagesModel::BodyRole).toString(), body);
        // The banner names them as plain text too.
        QCOMPARE(m_window->chatPane()->peerBanner()->textLabel()->textFormat(), Qt::PlainText);
    }
};

QTEST_MAIN(TestRequestsView)
#include "tst_requests.moc"
