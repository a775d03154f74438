#include "chatpane.h"
#include "historystore.h"
#include "mainwindow.h"
#include "messagedelegate.h"
#include "messenger.h"
#include "models.h"
#include "profilefixture.h"
#include "readpositions.h"
#include "readstore.h"
#include "readtracker.h"
#include "requests.h"
#include "session.h"

#include <QApplication>
#include <QListView>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

namespace {

Message incoming(const QString &chat, const QString &id, const QString &body, const QDateTime &sentAt)
{
    Message m;
    m.markable = true; // as most clients send them (XEP-0333)
    m.chat = chat;
    m.messageId = id;
    m.from = chat + u"/phone"_s;
    m.to = u"me@example.org"_s;
    m.body = body;
    m.sentAt = sentAt.toUTC();
    m.receivedAt = m.sentAt;
    return m;
}

QStandardItem *outgoingItem(const QString &body)
{
    auto *item = new QStandardItem;
    item->setData(body, MessagesModel::BodyRole);
    item->setData(int(Direction::Outgoing), MessagesModel::DirectionRole);
    item->setData(u"You"_s, MessagesModel::SenderRole);
    item->setData(QDateTime::currentDateTimeUtc(), MessagesModel::SentAtRole);
    item->setData(int(DeliveryState::Sent), MessagesModel::StateRole);
    return item;
}

} // namespace

/// What counts as read, the "New messages" line, unread counts and the
/// "Seen" mark, in the main window offscreen. Activation is real where the
/// offscreen platform reports it (another window taking the focus) and sent
/// as events where it need not be. Over a real history and a connection
/// that is not online (Test::ProfileFixture: messages and markers arrive as
/// the connection would hand them over), and a session never connected for
/// the window.
class TestReadPosition final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path; ///< this case's history
    /// The account has no address yet, as with a session never signed in.
    std::unique_ptr<Test::ProfileFixture> m_profile;
    std::unique_ptr<Session> m_session; ///< the connection the window shows: never connected
    int m_n = 0;
    QDateTime m_clock;

    const QString alice = u"alice@example.org"_s;
    const QString bob = u"bob@example.org"_s;

    ReadTracker *tracker() const { return m_profile->tracker(); }

    /// The profile over this case's history, as it is at start.
    bool openProfile()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_path, QString());
        if (!m_profile->ok())
            return false;
        // Offline there is no roster: these are people we chose to talk to, not requests.
        for (const QString &jid : { alice, bob })
            m_profile->requests()->accept(jid);
        return true;
    }

    void receive(const QString &chat, const QString &id, const QString &body = u"hello"_s)
    {
        m_clock = m_clock.addSecs(1);
        m_profile->messenger()->receive(incoming(chat, id, body, m_clock));
    }

    static QList<int> lineRows(const MessagesModel *model)
    {
        QList<int> rows;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row).data(MessagesModel::NewMessagesLineRole).toBool())
                rows.append(row);
        }
        return rows;
    }

    static int unreadOf(const MainWindow &window, const QString &chat)
    {
        const ConversationsModel *conversations = window.conversations();
        return conversations->index(conversations->rowOf(chat)).data(ConversationsModel::UnreadRole).toInt();
    }

    static bool activate(QWidget *window)
    {
        window->show();
        window->activateWindow();
        return QTest::qWaitForWindowActive(window);
    }

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(u"h%1.db"_s.arg(++m_n));
        QVERIFY(openProfile()); // the read positions are loaded
        m_session = std::make_unique<Session>();
        m_clock = QDateTime::currentDateTimeUtc().addSecs(-3600);
    }

    void cleanup()
    {
        m_session.reset();
        m_profile.reset();
    }

    void inactiveWindowLeavesNewMessagesUnreadUnderTheLine()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(tracker()->isWindowActive());
        receive(bob, u"b1"_s);
        QTRY_COMPARE(window.windowTitle(), u"(1) Jabberwock"_s);
        window.openChat(bob);
        QTRY_COMPARE(window.windowTitle(), u"Jabberwock"_s);
        MessagesModel *model = window.chatPane()->model();
        QTRY_COMPARE(model->rowCount(), 1);

        // Another window takes the focus: Jabberwock is no longer active.
        QWidget other;
        other.resize(200, 100);
        QVERIFY(activate(&other));
        QTRY_VERIFY(!tracker()->isWindowActive());

        receive(bob, u"b2"_s, u"while you were away"_s);
        QTRY_COMPARE(model->rowCount(), 2);
        QTRY_COMPARE(window.windowTitle(), u"(1) Jabberwock"_s);
        QCOMPARE(unreadOf(window, bob), 1);
        QCOMPARE(lineRows(model), QList<int> { 1 }); // above the unread message
        // The line takes room of its own above the message.
        QListView *view = window.chatPane()->messageView();
        // (Row 0 has a band of its own too: the day.)
        QTRY_VERIFY(view->visualRect(view->model()->index(1, 0)).height()
            >= view->visualRect(view->model()->index(0, 0)).height());

        // Back in Jabberwock: read, the count drops, the line stays.
        QVERIFY(activate(&window));
        QTRY_VERIFY(tracker()->isWindowActive());
        QTRY_COMPARE(window.windowTitle(), u"Jabberwock"_s);
        QCOMPARE(unreadOf(window, bob), 0);
        QCOMPARE(window.conversations()->totalUnread(), 0);
        QCOMPARE(lineRows(model), QList<int> { 1 });
    }

    void theLineSaysHowManyArrivedWhileOffline()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        QVERIFY(activate(&window));
        window.openChat(alice);
        // Jenny's three messages waited on the server; one came live after.
        for (int i = 0; i < 3; ++i) {
            Message waited = incoming(bob, u"w%1"_s.arg(i), u"waited %1"_s.arg(i), m_clock.addSecs(i));
            waited.arrivedOffline = true;
            waited.receivedAt = QDateTime::currentDateTimeUtc();
            m_profile->messenger()->receive(waited);
        }
        m_clock = m_clock.addSecs(10);
        receive(bob, u"live"_s, u"and one live"_s);
        QTRY_COMPARE(window.conversations()->index(window.conversations()->rowOf(bob))
                         .data(ConversationsModel::UnreadRole)
                         .toInt(),
            4);
        window.openChat(bob);
        MessagesModel *model = window.chatPane()->model();
        QTRY_COMPARE(model->rowCount(), 4);
        QTRY_COMPARE(lineRows(model), QList<int> { 0 });
        QCOMPARE(model->index(0).data(MessagesModel::OfflineArrivalsRole).toInt(), 3);
        QCOMPARE(model->index(1).data(MessagesModel::OfflineArrivalsRole).toInt(), 0);
        // What a person reads above the first of them.
        QCOMPARE(MessageDelegate::tr("New messages · %n arrived while you were offline", nullptr, 3),
            u"New messages · 3 arrived while you were offline"_s);
    }

    void anotherChatShownLeavesMessagesUnread()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        QVERIFY(activate(&window));
        receive(alice, u"a1"_s);
        QTRY_COMPARE(window.conversations()->rowCount(), 1);
        window.openChat(alice);
        QTRY_COMPARE(window.chatPane()->model()->rowCount(), 1);
        QTRY_COMPARE(window.windowTitle(), u"Jabberwock"_s);

        receive(bob, u"b1"_s);
        QTRY_COMPARE(window.windowTitle(), u"(1) Jabberwock"_s);
        receive(alice, u"a2"_s); // the shown chat: read at once
        QTRY_COMPARE(window.chatPane()->model()->rowCount(), 2);
        QTest::qWait(50);
        QCOMPARE(window.windowTitle(), u"(1) Jabberwock"_s);
        QCOMPARE(unreadOf(window, bob), 1);
        QCOMPARE(unreadOf(window, alice), 0);
        QCOMPARE(lineRows(window.chatPane()->model()), QList<int> { 0 }); // a1 was unread when opened

        // Opening Bob's chat reads it, with the line above what was unread.
        window.openChat(bob);
        QTRY_COMPARE(window.windowTitle(), u"Jabberwock"_s);
        QTRY_COMPARE(window.chatPane()->model()->rowCount(), 1);
        QCOMPARE(lineRows(window.chatPane()->model()), QList<int> { 0 });
    }

    void minimisedWindowReadsNothing()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        QVERIFY(activate(&window));
        receive(bob, u"b1"_s);
        QTRY_COMPARE(window.windowTitle(), u"(1) Jabberwock"_s);
        window.openChat(bob);
        QTRY_COMPARE(window.windowTitle(), u"Jabberwock"_s);

        window.showMinimized();
        QVERIFY(!tracker()->isWindowActive());
        receive(bob, u"b2"_s);
        QTRY_COMPARE(window.windowTitle(), u"(1) Jabberwock"_s);

        window.showNormal();
        QVERIFY(activate(&window));
        QTRY_COMPARE(window.windowTitle(), u"Jabberwock"_s);
    }

    void activationEventsDriveTheTracker()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QEvent deactivate(QEvent::WindowDeactivate);
        QApplication::sendEvent(&window, &deactivate);
        QVERIFY(!tracker()->isWindowActive());
        receive(bob, u"b1"_s);
        QTRY_COMPARE(window.windowTitle(), u"(1) Jabberwock"_s);
        window.openChat(bob);
        QTest::qWait(50);
        QCOMPARE(window.windowTitle(), u"(1) Jabberwock"_s);

        QEvent activateEvent(QEvent::WindowActivate);
        QApplication::sendEvent(&window, &activateEvent);
        QVERIFY(tracker()->isWindowActive());
        QTRY_COMPARE(window.windowTitle(), u"Jabberwock"_s);

        // Hidden (closed to the tray, say), nothing more is read.
        window.hide();
        QVERIFY(!tracker()->isWindowActive());
    }

    void jumpToTheFirstUnread()
    {
        // A history from an earlier run, all read.
        m_profile.reset();
        {
            HistoryStore store(m_path);
            QVERIFY(store.open().result());
            qint64 newest = 0;
            for (int i = 0; i < 30; ++i) {
                const auto added = store
                                       .addMessage(incoming(bob, u"old%1"_s.arg(i),
                                           u"read long ago #%1"_s.arg(i), m_clock.addSecs(-1000 + i)))
                                       .result();
                QVERIFY(added);
                newest = added->message.rowId;
            }
            ChatReadState read;
            read.lastRead = newest;
            QVERIFY(ReadStore::save(store, bob, read).result());
            store.flush();
        }
        QVERIFY(openProfile()); // the read positions are loaded

        MainWindow window(m_profile->features.get(), m_session.get());
        QVERIFY(activate(&window));
        window.openChat(bob);
        MessagesModel *model = window.chatPane()->model();
        QTRY_COMPARE(model->rowCount(), 30);
        auto *jump = window.chatPane()->findChild<QToolButton *>(u"newMessagesButton"_s);
        QVERIFY(jump);
        QVERIFY(!jump->accessibleName().isEmpty());
        QTest::qWait(20);
        QVERIFY(!jump->isVisible()); // nothing unread: no line, no button

        QWidget other;
        QVERIFY(activate(&other));
        QTRY_VERIFY(!tracker()->isWindowActive());
        for (int i = 0; i < 30; ++i)
            receive(bob, u"new%1"_s.arg(i), u"new message #%1\nwith a second line"_s.arg(i));
        QTRY_COMPARE(model->rowCount(), 60);
        QCOMPARE(lineRows(model), QList<int> { 30 });
        QTRY_VERIFY(window.chatPane()->isAtBottom());

        // The line is far above what is in view: the button offers to go there.
        QTRY_VERIFY(jump->isVisible());
        QVERIFY2(jump->text().contains(u"New messages"_s), qPrintable(jump->text()));
        QListView *view = window.chatPane()->messageView();
        const QModelIndex lineRow = view->model()->index(30, 0);
        QVERIFY(view->visualRect(lineRow).top() < 0);

        QTest::mouseClick(jump, Qt::LeftButton);
        QTRY_VERIFY(!jump->isVisible());
        QVERIFY2(qAbs(view->visualRect(lineRow).top()) <= 2,
            qPrintable(u"line row at %1"_s.arg(view->visualRect(lineRow).top())));
    }

    void seenShowsOnOurMessagesTheOtherSideDisplayed()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        QVERIFY(activate(&window));
        window.openChat(bob);
        const QString first = m_profile->messenger()->sendMessage(bob, u"first"_s);
        m_profile->messenger()->sendMessage(bob, u"second"_s);
        MessagesModel *model = window.chatPane()->model();
        QTRY_COMPARE(model->rowCount(), 2);

        m_profile->transport.receiveDisplayed(bob, first);
        QTRY_VERIFY(model->index(0).data(MessagesModel::DisplayedRole).toBool());
        QVERIFY(!model->index(1).data(MessagesModel::DisplayedRole).toBool());
        // A marker from someone else for the second changes nothing.
        const QString second = model->index(1).data(MessagesModel::MessageIdRole).toString();
        m_profile->transport.receiveDisplayed(alice, second);
        QTest::qWait(50);
        QVERIFY(!model->index(1).data(MessagesModel::DisplayedRole).toBool());
    }

    void delegateDrawsSeenAndTheLine()
    {
        QCOMPARE(MessageDelegate::displayedMark(), u"Seen"_s);
        QCOMPARE(MessageDelegate::newMessagesText(), u"New messages"_s);

        QStandardItemModel model;
        model.appendRow(outgoingItem(u"hi"_s));
        MessageDelegate delegate;
        QStyleOptionViewItem option;
        option.font = QApplication::font();
        option.rect = QRect(0, 0, 600, 0);
        const QModelIndex index = model.index(0, 0);
        const QSize plain = delegate.sizeHint(option, index);

        // "Seen" takes the place of the narrower "✓".
        model.setData(index, true, MessagesModel::DisplayedRole);
        const QSize seen = delegate.sizeHint(option, index);
        QVERIFY2(seen.width() > plain.width(), qPrintable(u"%1 vs %2"_s.arg(seen.width()).arg(plain.width())));
        QCOMPARE(seen.height(), plain.height());

        // The line adds a band above the message.
        model.setData(index, true, MessagesModel::NewMessagesLineRole);
        const QSize withLine = delegate.sizeHint(option, index);
        QVERIFY(withLine.height() >= seen.height() + QFontMetrics(option.font).height() / 2);

        // And is painted: the band is not blank.
        QImage image(600, withLine.height(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        option.rect = QRect(QPoint(0, 0), QSize(600, withLine.height()));
        option.state = QStyle::State_Enabled | QStyle::State_Active;
        delegate.paint(&painter, option, index);
        painter.end();
        const int bandBottom = withLine.height() - seen.height();
        bool inked = false;
        for (int y = 0; y < bandBottom && !inked; ++y) {
            for (int x = 0; x < 600 && !inked; ++x)
                inked = image.pixel(x, y) != qRgb(255, 255, 255);
        }
        QVERIFY2(inked, "the New messages line was not painted");
    }
};

QTEST_MAIN(TestReadPosition)
#include "tst_readposition.moc"
