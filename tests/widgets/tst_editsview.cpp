#include "chatpane.h"
#include "composer.h"
#include "messageactions.h"
#include "messagedelegate.h"
#include "messenger.h"
#include "models.h"
#include "profilefixture.h"
#include "requests.h"
#include "session.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

/// Issue 18 in the chat pane: Up in an empty composer corrects the last
/// message (the "edited" mark, its earlier versions in the tooltip), a reply
/// shows a quote that opens the original, deleting for everyone, reactions.
class TestEditsView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Test::ProfileFixture> m_profile;
    std::unique_ptr<Session> m_session;
    int m_n = 0;
    const QString alice = u"alice@example.org"_s;

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

    static QModelIndex last(ChatPane *pane)
    {
        const QAbstractItemModel *model = pane->messageView()->model();
        return model->index(model->rowCount() - 1, 0);
    }

    static MessageDelegate *delegate(ChatPane *pane)
    {
        return qobject_cast<MessageDelegate *>(pane->messageView()->itemDelegate());
    }

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"e%1.db"_s.arg(++m_n)));
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
        m_profile->requests()->accept(alice);
    }

    void cleanup()
    {
        m_session.reset();
        m_profile.reset();
    }

    void upArrowEditsTheLastMessage()
    {
        auto pane = showPane(alice);
        QVERIFY(pane);
        Composer *composer = pane->composer();
        QTest::keyClicks(composer, u"teh typo"_s);
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_COMPARE(pane->model()->rowCount(), 1);

        QTest::keyClick(composer, Qt::Key_Up);
        QCOMPARE(composer->toPlainText(), u"teh typo"_s);
        QCOMPARE(pane->messageActions()->mode(), MessageActions::Mode::Edit);
        QVERIFY(pane->messageActions()->bar()->isVisible());

        composer->clear();
        QTest::keyClicks(composer, u"the typo"_s);
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_VERIFY(last(pane.get()).data(MessagesModel::EditedRole).toBool());
        QCOMPARE(pane->model()->rowCount(), 1); // the same message, not a new one
        const QModelIndex row = last(pane.get());
        QCOMPARE(row.data(MessagesModel::BodyRole).toString(), u"the typo"_s);
        QCOMPARE(row.data(MessagesModel::VersionsRole).toStringList(), QStringList { u"teh typo"_s });
        QVERIFY(!pane->messageActions()->bar()->isVisible());

        // The mark after the time, and the earlier text in the tooltip.
        QStyleOptionViewItem option;
        option.initFrom(pane->messageView()->viewport());
        option.rect = pane->messageView()->visualRect(row);
        const QStringList shown = delegate(pane.get())->shownTexts(option, row);
        QVERIFY2(std::any_of(shown.cbegin(), shown.cend(),
                     [](const QString &t) { return t.contains(MessageDelegate::editedMark()); }),
            qPrintable(shown.join(u" | "_s)));
        QVERIFY(MessageDelegate::toolTipFor(row).contains(u"teh typo"_s));
    }

    void escapeLeavesTheEdit()
    {
        auto pane = showPane(alice);
        QVERIFY(pane);
        QTest::keyClicks(pane->composer(), u"keep me"_s);
        QTest::keyClick(pane->composer(), Qt::Key_Return);
        QTRY_COMPARE(pane->model()->rowCount(), 1);
        QTest::keyClick(pane->composer(), Qt::Key_Up);
        QCOMPARE(pane->messageActions()->mode(), MessageActions::Mode::Edit);
        QTest::keyClick(pane->composer(), Qt::Key_Escape);
        QCOMPARE(pane->messageActions()->mode(), MessageActions::Mode::None);
        QVERIFY(pane->composer()->toPlainText().isEmpty());
        // Up with text in the field moves the cursor, as always.
        QTest::keyClicks(pane->composer(), u"draft"_s);
        QTest::keyClick(pane->composer(), Qt::Key_Up);
        QCOMPARE(pane->messageActions()->mode(), MessageActions::Mode::None);
    }

    void replyShowsAQuoteThatOpensTheOriginal()
    {
        auto pane = showPane(alice);
        QVERIFY(pane);
        Message m;
        m.chat = alice;
        m.messageId = u"a1"_s;
        m.from = alice + u"/phone"_s;
        m.to = u"me@example.org"_s;
        m.body = u"first line\nsecond line"_s;
        m.sentAt = QDateTime::currentDateTimeUtc().addSecs(-30);
        m.receivedAt = m.sentAt;
        QVERIFY(m_profile->receive(m));
        QTRY_COMPARE(pane->model()->rowCount(), 1);
        const QModelIndex original = last(pane.get());
        pane->messageView()->setCurrentIndex(original);
        QVERIFY(pane->messageActions()->replyAction()->isEnabled());
        QVERIFY(!pane->messageActions()->editAction()->isEnabled()); // not ours
        pane->messageActions()->replyAction()->trigger();
        QCOMPARE(pane->messageActions()->mode(), MessageActions::Mode::Reply);
        QVERIFY(pane->messageActions()->bar()->text().contains(u"first line"_s));
        QTest::keyClicks(pane->composer(), u"the answer"_s);
        QTest::keyClick(pane->composer(), Qt::Key_Return);
        QTRY_COMPARE(pane->model()->rowCount(), 2);
        const QModelIndex reply = last(pane.get());
        QCOMPARE(reply.data(MessagesModel::BodyRole).toString(), u"the answer"_s);
        QCOMPARE(reply.data(MessagesModel::ReplyToRole).toString(), u"a1"_s);
        const QString quote = reply.data(MessagesModel::ReplyQuoteRole).toString();
        QVERIFY2(quote.contains(u"first line"_s) && !quote.contains(u"second line"_s), qPrintable(quote));

        // A click on the quote opens the original.
        QSignalSpy clicked(delegate(pane.get()), &MessageDelegate::quoteClicked);
        QTRY_VERIFY(pane->messageView()->visualRect(reply).isValid());
        QStyleOptionViewItem option;
        option.initFrom(pane->messageView()->viewport());
        option.rect = pane->messageView()->visualRect(reply);
        const QRectF area = delegate(pane.get())->quoteArea(option, reply);
        QVERIFY(!area.isEmpty());
        QTest::mouseClick(pane->messageView()->viewport(), Qt::LeftButton, {},
            (area.center() + option.rect.topLeft()).toPoint());
        QTRY_COMPARE(clicked.size(), 1);
        QCOMPARE(clicked.at(0).at(0).toLongLong(), original.data(MessagesModel::RowIdRole).toLongLong());
        QTRY_COMPARE(pane->messageView()->currentIndex().data(MessagesModel::MessageIdRole).toString(), u"a1"_s);
    }

    void deleteForEveryoneAndReactions()
    {
        auto pane = showPane(alice);
        QVERIFY(pane);
        QTest::keyClicks(pane->composer(), u"regrettable"_s);
        QTest::keyClick(pane->composer(), Qt::Key_Return);
        QTRY_COMPARE(pane->model()->rowCount(), 1);
        pane->messageView()->setCurrentIndex(last(pane.get()));

        MessageActions *actions = pane->messageActions();
        QVERIFY(actions->reactAction()->isEnabled());
        QVERIFY(actions->pickerEmoji().size() >= 6);
        actions->toggleReaction(last(pane.get()), u"👍"_s);
        QTRY_COMPARE(last(pane.get()).data(MessagesModel::ReactionsRole).toList().size(), 1);
        const QVariantMap reaction = last(pane.get()).data(MessagesModel::ReactionsRole).toList().at(0).toMap();
        QCOMPARE(reaction.value(u"count"_s).toInt(), 1);
        QVERIFY(reaction.value(u"own"_s).toBool());
        QVERIFY(MessageDelegate::reactionsText(last(pane.get())).contains(u"👍"_s));
        QCOMPARE(actions->pickerEmoji().value(0), u"\U0001F44D"_s);
        actions->toggleReaction(last(pane.get()), u"👍"_s); // one's own again: taken away
        QTRY_VERIFY(last(pane.get()).data(MessagesModel::ReactionsRole).toList().isEmpty());

        QVERIFY(actions->retractAction()->isEnabled());
        actions->retractAction()->trigger();
        QTRY_VERIFY(last(pane.get()).data(MessagesModel::RetractedRole).toBool());
        QCOMPARE(last(pane.get()).data(MessagesModel::BodyRole).toString(), MessagesModel::deletedText());
        QVERIFY(!actions->editAction()->isEnabled());
        QVERIFY(!actions->retractAction()->isEnabled());

        actions->deleteLocallyAction()->trigger();
        QTRY_COMPARE(pane->model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestEditsView)
#include "tst_editsview.moc"
