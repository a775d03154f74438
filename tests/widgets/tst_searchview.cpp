// Search in the window (issue 17): Ctrl+F in a chat, results as the person
// types, a hit opened deep in a long conversation, and Up/Down to the next
// and previous hit; Ctrl+Shift+F over all chats.
#include "chatpane.h"
#include "mainwindow.h"
#include "messagesmodel.h"
#include "profilefixture.h"
#include "searchpane.h"
#include "session.h"

#include <QAction>
#include <QDomDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QXmppClient.h>
#include <QXmppRosterManager.h>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

namespace {

Message incoming(const QString &chat, const QString &body, const QDateTime &sentAt)
{
    Message m;
    m.chat = chat;
    m.direction = Direction::Incoming;
    m.from = chat + u"/phone"_s;
    m.to = u"me@example.org"_s;
    m.body = body;
    m.state = DeliveryState::Received;
    m.sentAt = sentAt.toUTC();
    m.receivedAt = m.sentAt;
    return m;
}

} // namespace

class TestSearchView final : public QObject
{
    Q_OBJECT

private:
    static constexpr int Count = 20000;
    static constexpr int FirstHit = 1234;
    static constexpr int SecondHit = 15000;

    QTemporaryDir m_dir;
    std::unique_ptr<Test::ProfileFixture> m_profile;
    std::unique_ptr<Session> m_session;
    const QString bob = u"bob@example.org"_s;
    const QString alice = u"alice@example.org"_s;
    QHash<int, qint64> m_rowIds;

    /// The message the chat shows as chosen: its number ("#n"), or -1.
    static int shownNumber(ChatPane *pane)
    {
        const QModelIndex index = pane->messageView()->currentIndex();
        if (!index.isValid())
            return -1;
        return index.data(MessagesModel::BodyRole).toString().section(u'#', 1).section(u' ', 0, 0).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"search.db"_s), QString());
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
        m_profile->requests()->accept(bob);
        m_profile->requests()->accept(alice);
        const QDateTime start = QDateTime::currentDateTime().addDays(-30);
        QList<std::pair<int, QFuture<Expected<HistoryStore::AddResult>>>> stored;
        for (int i = 0; i < Count; ++i) {
            QString body = u"message #%1 about lunch"_s.arg(i);
            if (i == FirstHit || i == SecondHit)
                body = u"message #%1 내일 정기회의를 합니다"_s.arg(i);
            stored.append({ i, m_profile->store.addMessage(incoming(bob, body, start.addSecs(60 * i))) });
        }
        for (auto &[i, future] : stored)
            m_rowIds.insert(i, future.result()->message.rowId);
        QVERIFY(m_profile->store.addMessage(incoming(alice, u"message #1 프로젝트회의 자료"_s, start)).result());
    }

    void cleanupTestCase()
    {
        m_session.reset();
        m_profile.reset();
    }

    void findInChatAndStepThroughHits()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openChat(bob);
        ChatPane *pane = window.chatPane();
        QTRY_VERIFY(!pane->model()->isLoading() && pane->model()->rowCount() > 0);

        SearchPane *search = window.searchPane();
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(search->field()->hasFocus());
        search->field()->insert(u"회의"_s); // typed through an input method

        // Results as the person types: this chat only (not Alice's), newest first.
        QListView *results = search->results();
        QTRY_COMPARE(results->model()->rowCount(), 2);
        QVERIFY(results->isVisible());
        QVERIFY(!window.lists()->isVisible());
        const QModelIndex first = results->model()->index(0, 0);
        QVERIFY2(first.data().toString().contains(u"#%1 "_s.arg(SecondHit)), qPrintable(first.data().toString()));
        QVERIFY(results->model()->index(1, 0).data().toString().contains(u"#%1 "_s.arg(FirstHit)));
        QVERIFY(first.data(Qt::UserRole + 3).toString().contains(bob)); // chat · time
        const QVariantList ranges = first.data(Qt::UserRole + 4).toList();
        QCOMPARE(ranges.size(), 1);
        QCOMPARE(first.data().toString().mid(ranges.first().toPoint().x(), ranges.first().toPoint().y()), u"회의"_s);

        // Enter opens the chat at the hit, far back in the history, chosen.
        QTest::keyClick(search->field(), Qt::Key_Return);
        QTRY_COMPARE(shownNumber(pane), SecondHit);
        QCOMPARE(pane->chat(), bob);
        QVERIFY(pane->model()->rowCount() < Count); // loaded around it, not all
        // Down: the next (older) hit; Up: back.
        QTest::keyClick(search->field(), Qt::Key_Down);
        QTRY_COMPARE(shownNumber(pane), FirstHit);
        QCOMPARE(pane->messageView()->currentIndex().data(MessagesModel::RowIdRole).toLongLong(), m_rowIds.value(FirstHit));
        QTest::keyClick(search->field(), Qt::Key_Up);
        QTRY_COMPARE(shownNumber(pane), SecondHit);

        // More words narrow it; nothing found says so.
        search->field()->insert(u" 점심"_s);
        QTRY_COMPARE(results->model()->rowCount(), 0);
        QTRY_COMPARE(search->status()->text(), SearchPane::tr("No messages found."));

        // Esc: the lists come back.
        QTest::keyClick(search->field(), Qt::Key_Escape);
        QVERIFY(search->field()->text().isEmpty());
        QVERIFY(window.lists()->isVisible());
    }

    void theClearButtonEmptiesTheField()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        SearchPane *search = window.searchPane();
        QLineEdit *field = search->field();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Not at start (its icon is looked up in the icon theme), nor when the
        // window is activated: when the field is first about to be typed in.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(!field->hasFocus());
        QVERIFY(!field->isClearButtonEnabled());

        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(field->hasFocus());
        QVERIFY(field->isClearButtonEnabled());
        QTest::keyClicks(field, u"lunch"_s);
        QTRY_COMPARE(search->results()->model()->rowCount() > 0, true);
        const auto *clear = field->findChild<QAction *>(u"_q_qlineeditclearaction"_s);
        QVERIFY(clear);
        QToolButton *button = nullptr;
        for (QToolButton *b : field->findChildren<QToolButton *>()) {
            if (b->defaultAction() == clear)
                button = b;
        }
        QVERIFY(button);
        QVERIFY(button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(field->text().isEmpty());
        QTRY_VERIFY(window.lists()->isVisible()); // the lists come back
    }

    void searchAllChats()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openChat(bob);
        SearchPane *search = window.searchPane();
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(search->field()->hasFocus());
        search->field()->insert(u"회의"_s); // typed through an input method
        QTRY_COMPARE(search->results()->model()->rowCount(), 3);
        // Newest first by the time sent: Alice's was stored last (after
        // Bob's whole history, as a catch-up stores an old message) but
        // sent first, so it comes last.
        QListView *results = search->results();
        QVERIFY(results->model()->index(0, 0).data().toString().contains(u"#%1 "_s.arg(SecondHit)));
        QVERIFY(results->model()->index(1, 0).data().toString().contains(u"#%1 "_s.arg(FirstHit)));
        // A click on Alice's hit opens her chat at it.
        const QModelIndex alices = results->model()->index(2, 0);
        QVERIFY(alices.data().toString().contains(u"프로젝트회의"_s));
        QTest::mouseClick(results->viewport(), Qt::LeftButton, {}, results->visualRect(alices).center());
        QTRY_COMPARE(window.chatPane()->chat(), alice);
        QTRY_COMPARE(shownNumber(window.chatPane()), 1);
    }

    void theFieldFindsChatsByNameAndInitialConsonants()
    {
        // 제니 is in the contacts (a roster push), with no chat yet.
        const QString jenny = u"jenny@example.org"_s;
        QDomDocument push;
        QVERIFY(push.setContent(u"<iq type='set' id='push-1'><query xmlns='jabber:iq:roster'>"
                                "<item jid='jenny@example.org' name='제니' subscription='both'/></query></iq>"_s,
            QDomDocument::ParseOption::UseNamespaceProcessing));
        auto *rosterManager = m_profile->transport.client()->findExtension<QXmppRosterManager>();
        QVERIFY(rosterManager);
        QVERIFY(rosterManager->handleStanza(push.documentElement()));
        QTRY_COMPARE(m_profile->roster()->displayName(jenny), u"제니"_s);

        MainWindow window(m_profile->features.get(), m_session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openChat(bob);
        SearchPane *search = window.searchPane();
        QListView *results = search->results();
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(search->field()->hasFocus());

        // Initial consonants (초성) find her by name, above the messages;
        // no message says ㅈㄴ.
        search->field()->insert(u"ㅈㄴ"_s);
        QTRY_COMPARE(search->status()->text(), SearchPane::tr("No messages found."));
        QCOMPARE(results->model()->rowCount(), 1);
        const QModelIndex found = results->model()->index(0, 0);
        QCOMPARE(found.data().toString(), u"제니"_s);
        QVERIFY(found.data(Qt::UserRole + 3).toString().contains(jenny)); // "Chat · address"
        QCOMPARE(results->currentIndex(), found);
        // Enter opens her chat; the search is over and the lists come back.
        QTest::keyClick(search->field(), Qt::Key_Return);
        QTRY_COMPARE(window.chatPane()->chat(), jenny);
        QVERIFY(search->field()->text().isEmpty());
        QVERIFY(window.lists()->isVisible());

        // A chat of the list by its address: Bob's chat comes first, then
        // the messages that name him.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        search->field()->insert(u"BOB"_s);
        QTRY_VERIFY(results->model()->rowCount() >= 1);
        QCOMPARE(results->model()->index(0, 0).data(Qt::UserRole + 1).toString(), bob);
        QCOMPARE(results->model()->index(0, 0).data(Qt::UserRole + 2).toLongLong(), 0); // a chat, not a message
        QTest::mouseClick(results->viewport(), Qt::LeftButton, {},
            results->visualRect(results->model()->index(0, 0)).center());
        QTRY_COMPARE(window.chatPane()->chat(), bob);
        QVERIFY(search->field()->text().isEmpty());

        // In one chat (Ctrl+F) the field looks for messages only.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        search->field()->insert(u"ㅈㄴ"_s);
        QTRY_COMPARE(search->status()->text(), SearchPane::tr("No messages found."));
        QCOMPARE(results->model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestSearchView)
#include "tst_searchview.moc"
