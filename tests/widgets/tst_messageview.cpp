#include "chatpane.h"
#include "composer.h"
#include "mainwindow.h"
#include "messagedelegate.h"
#include "messenger.h"
#include "models.h"
#include "profilefixture.h"
#include "requests.h"
#include "session.h"

#include <QApplication>
#include <QListView>
#include <QPainter>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

namespace {

Message incoming(const QString &chat, const QString &id, const QString &body, const QDateTime &sentAt)
{
    Message m;
    m.chat = chat;
    m.messageId = id;
    m.from = chat + u"/phone"_s;
    m.to = u"me@example.org"_s;
    m.body = body;
    m.sentAt = sentAt.toUTC();
    m.receivedAt = m.sentAt;
    return m;
}

/// How many different colours an image holds (a blank one has one).
int colourCount(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

QStandardItem *messageItem(const QString &body, Direction direction = Direction::Incoming)
{
    auto *item = new QStandardItem;
    item->setData(body, MessagesModel::BodyRole);
    item->setData(int(direction), MessagesModel::DirectionRole);
    item->setData(u"Alice"_s, MessagesModel::SenderRole);
    item->setData(QDateTime::currentDateTimeUtc(), MessagesModel::SentAtRole);
    item->setData(int(direction == Direction::Incoming ? DeliveryState::Received : DeliveryState::Sent),
        MessagesModel::StateRole);
    return item;
}

} // namespace

/// The chat pane and main window over a real history and a connection that
/// is not online (Test::ProfileFixture, and a session never connected for
/// the window): sending queues, incoming messages are handed to the
/// messenger as the connection would.
class TestMessageView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    /// The account has no address yet, as with a session never signed in.
    std::unique_ptr<Test::ProfileFixture> m_profile;
    std::unique_ptr<Session> m_session; ///< the connection the window shows: never connected
    int m_n = 0;

    const QString alice = u"alice@example.org"_s;
    const QString bob = u"bob@example.org"_s;

    /// A pane showing `chat`, on screen, with its first page loaded.
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

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)), QString());
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
        // Offline there is no roster: these are people we chose to talk to, not requests.
        for (const QString &jid : { alice, bob })
            m_profile->requests()->accept(jid);
    }

    void cleanup()
    {
        m_session.reset();
        m_profile.reset();
    }

    void enterSendsAQueuedMessage()
    {
        auto pane = showPane(alice);
        QVERIFY(pane);
        Composer *composer = pane->composer();
        QCOMPARE(composer->placeholderText(), u"Write a message…"_s);
        QVERIFY(!composer->accessibleName().isEmpty());
        QSignalSpy requested(composer, &Composer::sendRequested);

        QTest::keyClicks(composer, u"Hello there"_s);
        QTest::keyClick(composer, Qt::Key_Enter, Qt::KeypadModifier);

        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), u"Hello there"_s);
        QVERIFY(composer->toPlainText().isEmpty());
        MessagesModel *model = pane->model();
        QTRY_COMPARE(model->rowCount(), 1);
        const QModelIndex row = model->index(0);
        QCOMPARE(row.data(MessagesModel::BodyRole).toString(), u"Hello there"_s);
        QCOMPARE(row.data(MessagesModel::StateRole).toInt(), int(DeliveryState::Queued));
        QCOMPARE(row.data(MessagesModel::DirectionRole).toInt(), int(Direction::Outgoing));
        QCOMPARE(pane->messageView()->model()->rowCount(), 1);
    }

    void shiftEnterBreaksTheLine()
    {
        auto pane = showPane(alice);
        QVERIFY(pane);
        Composer *composer = pane->composer();
        QSignalSpy requested(composer, &Composer::sendRequested);

        QTest::keyClicks(composer, u"line one"_s);
        QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(composer, u"line two"_s);
        QCOMPARE(requested.size(), 0);
        QCOMPARE(composer->toPlainText(), u"line one\nline two"_s);

        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_COMPARE(pane->model()->rowCount(), 1);
        QCOMPARE(pane->model()->index(0).data(MessagesModel::BodyRole).toString(), u"line one\nline two"_s);
    }

    void blankTextIsNotSent()
    {
        auto pane = showPane(alice);
        QVERIFY(pane);
        QSignalSpy requested(pane->composer(), &Composer::sendRequested);
        QTest::keyClicks(pane->composer(), u"   "_s);
        QTest::keyClick(pane->composer(), Qt::Key_Return);
        QTest::keyClick(pane->composer(), Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClick(pane->composer(), Qt::Key_Return);
        QCOMPARE(requested.size(), 0);
        QTest::qWait(50);
        QCOMPARE(pane->model()->rowCount(), 0);
    }

    void markupInABodyIsShownAsText()
    {
        auto pane = showPane(alice);
        QVERIFY(pane);
        const QString markup = u"<b>x</b> &amp; <img src=\"y\">"_s;
        m_profile->messenger()->receive(incoming(alice, u"m1"_s, markup, QDateTime::currentDateTime()));
        QTRY_COMPARE(pane->model()->rowCount(), 1);
        QCOMPARE(pane->model()->index(0).data(MessagesModel::BodyRole).toString(), markup);

        // Rendered, the view is not blank: a bubble and its text are there.
        QCoreApplication::processEvents();
        const QImage shot = pane->messageView()->viewport()->grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY2(colourCount(shot) > 4, "the message view rendered nothing");

        // Laid out as text, "<b>x</b>" is as wide as its eight characters;
        // as rich text it would be one bold "x".
        QStandardItemModel model;
        model.appendRow(messageItem(u"<b>x</b>"_s));
        model.appendRow(messageItem(u"x"_s));
        for (int row = 0; row < 2; ++row) { // so that the bubble, not the sender line, sets the width
            model.setData(model.index(row, 0), QString(), MessagesModel::SenderRole);
            model.setData(model.index(row, 0), QDateTime(), MessagesModel::SentAtRole);
        }
        MessageDelegate delegate;
        QStyleOptionViewItem option;
        option.rect = QRect(0, 0, 600, 0);
        option.font = QApplication::font();
        const int asMarkup = delegate.sizeHint(option, model.index(0, 0)).width();
        const int asLetter = delegate.sizeHint(option, model.index(1, 0)).width();
        const int tags = QFontMetrics(option.font).horizontalAdvance(u"<b></b>"_s);
        QVERIFY2(asMarkup >= asLetter + tags * 3 / 4,
            qPrintable(u"markup %1, letter %2, tags %3"_s.arg(asMarkup).arg(asLetter).arg(tags)));
    }

    void aMessageNamingUsShowsItsText()
    {
        // The demo's room showed a message that names Alice as an empty
        // bubble: its highlight threw the laid-out lines away. Painted, the
        // marked message has as much ink as the same text unmarked.
        const QString body = u"@alice, could you look at the 한국어 strings?"_s;
        QStandardItemModel model;
        model.appendRow(messageItem(body));
        model.appendRow(messageItem(body));
        model.setData(model.index(0, 0), true, MessagesModel::MentionRole);
        model.setData(model.index(0, 0), u"alice"_s, MessagesModel::OwnNickRole);
        MessageDelegate delegate;
        const auto ink = [&](int row) {
            QStyleOptionViewItem option;
            option.font = QApplication::font();
            option.palette = QApplication::palette();
            option.state = QStyle::State_Enabled | QStyle::State_Active;
            option.rect = QRect(0, 0, 600, 0);
            option.rect.setSize(delegate.sizeHint(option, model.index(row, 0)));
            QImage image(option.rect.size(), QImage::Format_ARGB32);
            image.fill(option.palette.color(QPalette::Base));
            QPainter painter(&image);
            delegate.paint(&painter, option, model.index(row, 0));
            painter.end();
            const QColor text = option.palette.color(QPalette::Text);
            int inked = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    inked += std::abs(c.lightness() - text.lightness()) < 40 ? 1 : 0;
                }
            }
            return inked;
        };
        const int plain = ink(1);
        const int marked = ink(0);
        QVERIFY2(plain > 50, qPrintable(u"plain %1"_s.arg(plain)));
        QVERIFY2(marked > plain / 2, qPrintable(u"marked %1, plain %2"_s.arg(marked).arg(plain)));
    }

    void rowsWrapToTheViewWidth()
    {
        QStandardItemModel model;
        model.appendRow(messageItem(u"word "_s.repeated(80), Direction::Outgoing));
        MessageDelegate delegate;
        QStyleOptionViewItem option;
        option.font = QApplication::font();
        option.rect = QRect(0, 0, 800, 0);
        const QSize wide = delegate.sizeHint(option, model.index(0, 0));
        option.rect = QRect(0, 0, 300, 0);
        const QSize narrow = delegate.sizeHint(option, model.index(0, 0));
        QVERIFY(wide.width() <= 800);
        QVERIFY(narrow.width() <= 300);
        QVERIFY2(narrow.height() > wide.height(), "a narrower view must wrap into more lines");
    }

    void longTextIsCollapsedUntilExpanded()
    {
        // Issue 12: a long message is shown by its start, with a line that
        // expands it; laying out all of it on every scroll froze the view.
        QStandardItemModel model;
        model.appendRow(messageItem(u"가나다라 마바사 "_s.repeated(4000))); // 32,000 characters
        model.appendRow(messageItem(u"line\n"_s.repeated(200).chopped(1))); // 200 short lines
        model.appendRow(messageItem(u"short"_s));
        model.item(0)->setData(qint64(1), MessagesModel::RowIdRole);
        model.item(1)->setData(qint64(2), MessagesModel::RowIdRole);
        QListView view;
        auto *delegate = new MessageDelegate(&view);
        view.setItemDelegate(delegate);
        view.setResizeMode(QListView::Adjust);
        view.setModel(&model);
        view.resize(600, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int line = QFontMetrics(QApplication::font()).height();
        for (int row : { 0, 1 }) {
            const int height = view.visualRect(model.index(row, 0)).height();
            QVERIFY2(height < 2 * MessageDelegate::CollapsedLines * line, // whole: hundreds of lines
                qPrintable(u"row %1: %2 px for lines of %3 px"_s.arg(row).arg(height).arg(line)));
            QVERIFY(!delegate->isExpanded(model.index(row, 0)));
        }
        QVERIFY(!MessageDelegate::isLong(u"short"_s));

        // A click on "Show all" (the last line in the bubble) expands it.
        const QRect collapsed = view.visualRect(model.index(0, 0));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(collapsed.left() + 30, collapsed.bottom() - 14));
        QVERIFY(delegate->isExpanded(model.index(0, 0)));
        QTRY_VERIFY(view.visualRect(model.index(0, 0)).height() > 5 * collapsed.height());
        // The other stays collapsed.
        QVERIFY(!delegate->isExpanded(model.index(1, 0)));
    }

    void deliveryMarks()
    {
        QCOMPARE(MessageDelegate::stateMark(DeliveryState::Sent, {}), u"✓"_s);
        QCOMPARE(MessageDelegate::stateMark(DeliveryState::Delivered, {}), u"✓✓"_s);
        QCOMPARE(MessageDelegate::stateMark(DeliveryState::Queued, {}), u"…"_s);
        QCOMPARE(MessageDelegate::stateMark(DeliveryState::Queued, {}, true), u"🕓"_s);
        QCOMPARE(MessageDelegate::stateMark(DeliveryState::Failed, u"Recipient unavailable"_s),
            u"⚠ Recipient unavailable"_s);
        QVERIFY(MessageDelegate::stateMark(DeliveryState::Received, {}).isEmpty());
    }

    void olderPagesLoadAtTheTopOnly()
    {
        const QDateTime start = QDateTime::currentDateTime().addDays(-1);
        for (int i = 0; i < 120; ++i)
            QVERIFY(m_profile->store
                        .addMessage(incoming(bob, u"m%1"_s.arg(i), u"message #%1"_s.arg(i), start.addSecs(i)))
                        .result());
        auto pane = showPane(bob);
        QVERIFY(pane);
        MessagesModel *model = pane->model();
        QTRY_COMPARE(model->rowCount(), 50);
        QTRY_VERIFY(pane->isAtBottom());
        // Showing the newest messages does not page through the whole history.
        QTest::qWait(100);
        QCOMPARE(model->rowCount(), 50);

        QListView *view = pane->messageView();
        QScrollBar *bar = view->verticalScrollBar();
        // Where the oldest row shows once scrolled to the top. (Measured
        // before: the older page may arrive within setValue().)
        const int oldestTop = view->visualRect(view->model()->index(0, 0)).top() + bar->value();
        bar->setValue(0);
        QTRY_COMPARE(model->rowCount(), 100);
        // The rows that were in view stay where they were.
        QVERIFY(bar->value() > 0);
        const QModelIndex oldestBefore = view->model()->index(50, 0);
        QCOMPARE(oldestBefore.data(MessagesModel::BodyRole).toString(), u"message #70"_s);
        QVERIFY2(qAbs(view->visualRect(oldestBefore).top() - oldestTop) <= 2,
            qPrintable(u"was at %1, now at %2 (bar %3 of %4)"_s.arg(oldestTop).arg(view->visualRect(oldestBefore).top()).arg(bar->value()).arg(bar->maximum())));

        bar->setValue(0);
        QTRY_COMPARE(model->rowCount(), 120);
        QVERIFY(!model->canFetchMore());
    }

    void staysAtTheBottomAsMessagesArrive()
    {
        const QDateTime start = QDateTime::currentDateTime().addSecs(-3600);
        for (int i = 0; i < 30; ++i)
            QVERIFY(m_profile->store
                        .addMessage(incoming(bob, u"m%1"_s.arg(i), u"message #%1"_s.arg(i), start.addSecs(i)))
                        .result());
        auto pane = showPane(bob);
        QVERIFY(pane);
        QTRY_COMPARE(pane->model()->rowCount(), 30);
        QTRY_VERIFY(pane->isAtBottom());
        QVERIFY(pane->messageView()->verticalScrollBar()->maximum() > 0);

        m_profile->messenger()->receive(
            incoming(bob, u"new"_s, u"a new message\nover two lines"_s, QDateTime::currentDateTime()));
        QTRY_COMPARE(pane->model()->rowCount(), 31);
        QTRY_VERIFY(pane->isAtBottom());

        // Someone reading further up is not pulled down.
        QScrollBar *bar = pane->messageView()->verticalScrollBar();
        bar->setValue(bar->maximum() / 2);
        const int reading = bar->value();
        m_profile->messenger()->receive(
            incoming(bob, u"newer"_s, u"another one"_s, QDateTime::currentDateTime().addSecs(1)));
        QTRY_COMPARE(pane->model()->rowCount(), 32);
        QCoreApplication::processEvents();
        QCOMPARE(bar->value(), reading);
    }

    void titleCountsUnreadMessages()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        QCOMPARE(window.windowTitle(), u"Jabberwock"_s); // the session has no account yet
        m_profile->messenger()->receive(incoming(bob, u"b1"_s, u"hi"_s, QDateTime::currentDateTime()));
        QTRY_COMPARE(window.windowTitle(), u"(1) Jabberwock"_s);
        m_profile->messenger()->receive(incoming(alice, u"a1"_s, u"hello"_s, QDateTime::currentDateTime()));
        m_profile->messenger()->receive(
            incoming(alice, u"a2"_s, u"are you there?"_s, QDateTime::currentDateTime()));
        QTRY_COMPARE(window.windowTitle(), u"(3) Jabberwock"_s);
        QTRY_COMPARE(window.conversationList()->model()->rowCount(), 2);
    }

    void openingAChatInTheActiveWindowReadsIt()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        m_profile->messenger()->receive(incoming(bob, u"b1"_s, u"hi"_s, QDateTime::currentDateTime()));
        QTRY_COMPARE(window.windowTitle(), u"(1) Jabberwock"_s);

        window.openChat(bob);
        QCOMPARE(window.chatPane()->chat(), bob);
        QCOMPARE(window.conversationList()->currentIndex().data(ConversationsModel::ChatRole).toString(), bob);
        QTRY_COMPARE(window.windowTitle(), u"Jabberwock"_s);

        // While the chat is shown, what arrives is read at once.
        m_profile->messenger()->receive(
            incoming(bob, u"b2"_s, u"still there?"_s, QDateTime::currentDateTime()));
        QTRY_COMPARE(window.chatPane()->model()->rowCount(), 2);
        QTRY_COMPARE(window.conversations()->totalUnread(), 0);
        QCOMPARE(window.windowTitle(), u"Jabberwock"_s);
    }

    void selectingAConversationOpensIt()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        m_profile->messenger()->receive(incoming(alice, u"a1"_s, u"hello"_s, QDateTime::currentDateTime()));
        QTRY_COMPARE(window.conversationList()->model()->rowCount(), 1);
        window.conversationList()->setCurrentIndex(window.conversationList()->model()->index(0, 0));
        QCOMPARE(window.chatPane()->chat(), alice);
        QTRY_COMPARE(window.chatPane()->model()->rowCount(), 1);
    }
};

QTEST_MAIN(TestMessageView)
#include "tst_messageview.moc"
