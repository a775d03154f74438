// A long history in the real chat view: scrolling back loads older pages
// and lets the far ones go, keeping what is read in place; scrolling down
// brings them back; a jump shows any message. Also what the view shows of
// it (runs of one sender under one header, day separators, the time alone),
// a chat opened before the conversation list was read (an xmpp: link at
// start-up), and a contact's pane before the roster arrives.
#include "chatpane.h"
#include "composer.h"
#include "mainwindow.h"
#include "messagedelegate.h"
#include "messagesmodel.h"
#include "models.h"
#include "peerbanner.h"
#include "profilefixture.h"
#include "session.h"
#include "uiformat.h"

#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

namespace {

Message incoming(const QString &chat, const QString &id, const QString &body, const QDateTime &sentAt,
    Direction direction = Direction::Incoming)
{
    Message m;
    m.chat = chat;
    m.messageId = id;
    m.direction = direction;
    m.from = direction == Direction::Incoming ? chat + u"/phone"_s : u"me@example.org"_s;
    m.to = direction == Direction::Incoming ? u"me@example.org"_s : chat;
    m.body = body;
    m.state = direction == Direction::Incoming ? DeliveryState::Received : DeliveryState::Sent;
    m.sentAt = sentAt.toUTC();
    m.receivedAt = m.sentAt;
    return m;
}

int numberAt(const QModelIndex &index)
{
    return index.data(MessagesModel::BodyRole).toString().section(u'#', 1).section(u'\n', 0, 0).toInt();
}

} // namespace

class TestLongHistory final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Test::ProfileFixture> m_profile;
    std::unique_ptr<Session> m_session; ///< never connected: no roster arrives
    int m_n = 0;
    const QString bob = u"bob@example.org"_s;
    QList<qint64> m_rowIds;

    /// `count` messages from Bob, a minute apart, ending an hour ago: "message #0" … .
    void storeHistory(int count)
    {
        const QDateTime start = QDateTime::currentDateTime().addSecs(-3600 - 60 * count);
        QList<QFuture<Expected<HistoryStore::AddResult>>> stored;
        for (int i = 0; i < count; ++i) {
            const QString body = i % 7 == 0 ? u"message #%1\nwith a second line"_s.arg(i) : u"message #%1"_s.arg(i);
            stored.append(m_profile->store.addMessage(incoming(bob, u"m%1"_s.arg(i), body, start.addSecs(60 * i))));
        }
        m_rowIds.clear();
        for (auto &future : stored)
            m_rowIds.append(future.result()->message.rowId);
    }

    std::unique_ptr<ChatPane> showPane(const QString &chat)
    {
        auto pane = std::make_unique<ChatPane>(m_profile->features.get(), m_session.get());
        pane->resize(600, 500);
        pane->setChat(chat);
        pane->show();
        if (!QTest::qWaitForWindowExposed(pane.get()))
            return {};
        if (!QTest::qWaitFor([&] { return !pane->model()->isLoading(); }))
            return {};
        return pane;
    }

    /// The row at the top of the view and where it stands.
    static std::pair<int, int> topRow(QListView *view)
    {
        const int width = view->viewport()->width();
        for (int y = 0; y < 60; y += 2) {
            for (const int x : { 16, width / 2, width - 16 }) {
                const QModelIndex index = view->indexAt(QPoint(x, y));
                if (index.isValid())
                    return { numberAt(index), view->visualRect(index).top() };
            }
        }
        return { -1, 0 };
    }

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)), QString());
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
        m_profile->requests()->accept(bob);
    }

    void cleanup()
    {
        m_session.reset();
        m_profile.reset();
    }

    void scrollingBackLetsFarPagesGoAndKeepsTheReadingPlace()
    {
        storeHistory(600);
        auto pane = showPane(bob);
        QVERIFY(pane);
        MessagesModel *model = pane->model();
        QListView *view = pane->messageView();
        QScrollBar *bar = view->verticalScrollBar();
        QTRY_VERIFY(pane->isAtBottom());
        QCOMPARE(numberAt(model->index(model->rowCount() - 1)), 599);

        int pages = 0;
        while (!(model->isAtStart() && bar->value() == bar->minimum())) {
            QVERIFY(++pages < 200);
            bar->triggerAction(QAbstractSlider::SliderPageStepSub); // Page Up
            const auto [shown, shownTop] = topRow(view);
            QTRY_VERIFY(!model->isLoading());
            QCoreApplication::processEvents();
            QVERIFY(model->rowCount() <= model->maxRows());
            // Whatever came in or went out, what the person reads stays in place.
            QVERIFY(shown >= 0);
            const int row = model->rowOf(m_rowIds.at(shown));
            QVERIFY(row >= 0);
            const int stillTop = view->visualRect(view->model()->index(row, 0)).top();
            QVERIFY2(qAbs(stillTop - shownTop) <= 2, qPrintable(u"#%1: %2 -> %3"_s.arg(shown).arg(shownTop).arg(stillTop)));
        }
        QCOMPARE(topRow(view).first, 0);
        QVERIFY(!model->isAtEnd()); // the newest pages were let go of
        QCOMPARE(model->rowCount(), model->maxRows());

        // Down again to the newest: the pages come back in order.
        while (!(model->isAtEnd() && pane->isAtBottom())) {
            QVERIFY(++pages < 400);
            bar->triggerAction(QAbstractSlider::SliderPageStepAdd); // Page Down
            QTRY_VERIFY(!model->isLoading());
            QCoreApplication::processEvents();
            QVERIFY(model->rowCount() <= model->maxRows());
        }
        for (int row = 1; row < model->rowCount(); ++row)
            QCOMPARE(numberAt(model->index(row)), numberAt(model->index(row - 1)) + 1);
        QCOMPARE(numberAt(model->index(model->rowCount() - 1)), 599);
    }

    void anOlderPageKeepsTheTopMessageWhereItWas()
    {
        storeHistory(300);
        auto pane = showPane(bob);
        QVERIFY(pane);
        MessagesModel *model = pane->model();
        QListView *view = pane->messageView();
        QTRY_VERIFY(pane->isAtBottom());
        // Just short of the edge that loads the next page.
        QScrollBar *bar = view->verticalScrollBar();
        bar->setValue(view->viewport()->height() + 40);
        QCoreApplication::processEvents();
        QVERIFY(!model->isLoading());
        const auto [number, top] = topRow(view);
        QVERIFY(number > 0);
        bar->setValue(bar->value() - 60); // into the margin: an older page comes
        const auto [moved, movedTop] = topRow(view);
        QTRY_VERIFY(!model->isLoading());
        QCoreApplication::processEvents();
        QCOMPARE(model->rowCount(), 2 * model->pageSize());
        const auto [after, afterTop] = topRow(view);
        QCOMPARE(after, moved);
        QVERIFY2(qAbs(afterTop - movedTop) <= 2, qPrintable(u"%1 -> %2"_s.arg(movedTop).arg(afterTop)));
        Q_UNUSED(top);
    }

    void jumpsToAMessageFarBack()
    {
        storeHistory(600);
        auto pane = showPane(bob);
        QVERIFY(pane);
        MessagesModel *model = pane->model();
        QListView *view = pane->messageView();
        pane->showMessage(m_rowIds.at(123));
        QTRY_VERIFY(view->currentIndex().isValid() && numberAt(view->currentIndex()) == 123);
        QVERIFY(view->viewport()->rect().intersects(view->visualRect(view->currentIndex())));
        QVERIFY(!model->isAtEnd());
        QVERIFY(!pane->isAtBottom() || !model->isAtEnd());
        // Back to the newest (Esc, or sending).
        pane->scrollToNewest();
        QTRY_VERIFY(model->isAtEnd() && !model->isLoading());
        QTRY_VERIFY(pane->isAtBottom());
        QCOMPARE(numberAt(model->index(model->rowCount() - 1)), 599);
    }

    void runsOfOneSenderShareAHeaderUnderADay()
    {
        const QDateTime today = QDateTime(QDate::currentDate(), QTime(0, 30));
        const QDateTime yesterday = today.addDays(-1).addSecs(11 * 3600); // 11:30
        const QDateTime longAgo = QDateTime(QDate(2026, 4, 16), QTime(9, 0));
        const QList<Message> messages = {
            incoming(bob, u"1"_s, u"long ago"_s, longAgo),
            incoming(bob, u"2"_s, u"first"_s, yesterday),
            incoming(bob, u"3"_s, u"second"_s, yesterday.addSecs(60)),
            incoming(bob, u"4"_s, u"third"_s, yesterday.addSecs(180)),
            incoming(bob, u"5"_s, u"mine"_s, yesterday.addSecs(240), Direction::Outgoing),
            incoming(bob, u"6"_s, u"after midnight"_s, today),
        };
        for (const Message &m : messages)
            QVERIFY(m_profile->store.addMessage(m).result());
        auto pane = showPane(bob);
        QVERIFY(pane);
        QListView *view = pane->messageView();
        auto *delegate = qobject_cast<MessageDelegate *>(view->itemDelegate());
        QVERIFY(delegate);
        QTRY_COMPARE(view->model()->rowCount(), messages.size());
        QStyleOptionViewItem option;
        option.initFrom(view);
        option.widget = view;
        const auto shown = [&](int row) { return delegate->shownTexts(option, view->model()->index(row, 0)); };
        const auto time = [](const QDateTime &at) { return at.toString(u"HH:mm"_s); };
        const QString name = m_profile->roster()->displayName(bob);

        QCOMPARE(shown(0), (QStringList { QLocale().toString(longAgo.date(), QLocale::LongFormat), name, u"long ago"_s, time(longAgo) }));
        QCOMPARE(shown(1), (QStringList { u"Yesterday"_s, name, u"first"_s, time(yesterday) }));
        // The same sender minutes later: no name again, no date, only the time.
        QCOMPARE(shown(2), (QStringList { u"second"_s, time(yesterday.addSecs(60)) }));
        QCOMPARE(shown(3), (QStringList { u"third"_s, time(yesterday.addSecs(180)) }));
        // Another sender starts a run of their own.
        QCOMPARE(shown(4).mid(0, 3), (QStringList { MessagesModel::tr("You"), u"mine"_s, time(yesterday.addSecs(240)) }));
        QCOMPARE(shown(5), (QStringList { u"Today"_s, name, u"after midnight"_s, time(today) }));
        // A row in a run takes less room than one with the name above it.
        QVERIFY(view->visualRect(view->model()->index(2, 0)).height()
            < view->visualRect(view->model()->index(1, 0)).height());
        QCOMPARE(dayLabel(QDate(2026, 4, 16), QDate(2026, 5, 1)), QLocale().toString(QDate(2026, 4, 16), QLocale::LongFormat));
    }

    void aChatOpenedBeforeTheListIsReadShowsItsLastMessage()
    {
        storeHistory(3);
        // An xmpp: link at start-up opens the chat in the window's first turn,
        // before the conversation list has been read (the history is busy a moment).
        m_profile->store.run<Done>(HistoryStore::Access::Read, [](QSqlDatabase &) -> Expected<Done> {
            QThread::msleep(300);
            return Done {};
        });
        MainWindow window(m_profile->features.get(), m_session.get());
        window.openChat(bob);
        ConversationsModel *conversations = window.conversations();
        QVERIFY(conversations->rowOf(bob) >= 0);
        QVERIFY(!conversations->isLoaded());
        QSignalSpy loaded(conversations, &ConversationsModel::loaded);
        QVERIFY(loaded.wait());
        const QModelIndex row = conversations->index(conversations->rowOf(bob));
        QCOMPARE(row.data(ConversationsModel::LastBodyRole).toString(), u"message #2"_s);
        QVERIFY(row.data(ConversationsModel::LastAtRole).toDateTime().isValid());
        QTRY_COMPARE(window.chatPane()->model()->rowCount(), 3);
    }

    void beforeTheRosterArrivesNothingIsSaidOfTheStatus()
    {
        storeHistory(1);
        MainWindow window(m_profile->features.get(), m_session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openChat(bob);
        QVERIFY(!m_profile->roster()->hasArrived());
        QCOMPARE(window.chatPane()->presenceLabel()->text(), QString());
        PeerBanner *banner = window.chatPane()->peerBanner();
        QVERIFY(!banner->askButton()->isVisible());
        QVERIFY(!banner->text().contains(u"share"_s));
    }
};

QTEST_MAIN(TestLongHistory)
#include "tst_longhistory.moc"
