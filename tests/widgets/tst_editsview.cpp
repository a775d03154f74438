#include "chatpane.h"
#include "composer.h"
#include "messageactions.h"
#include "messagedelegate.h"
#include "messenger.h"
#include "models.h"
#include "profilefixture.h"
#include "requests.h"
#include "session.h"
#include "settings.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QMenu>
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
    const QString bob = u"bob@example.org"_s;

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

    /// Sends `text` in the pane's chat and makes it the current message.
    static bool sendAndSelect(ChatPane *pane, const QString &text)
    {
        const int before = pane->model()->rowCount();
        QTest::keyClicks(pane->composer(), text);
        QTest::keyClick(pane->composer(), Qt::Key_Return);
        if (!QTest::qWaitFor([&] { return pane->model()->rowCount() == before + 1; }))
            return false;
        pane->messageView()->setCurrentIndex(last(pane));
        return true;
    }

    /// Opens the React menu of the current message as the person would and
    /// returns what it shows, in order; `choose`: then clicks that emoji.
    static QStringList openPicker(ChatPane *pane, const QString &choose = {})
    {
        QMenu *picker = pane->messageActions()->reactAction()->menu();
        if (!picker)
            return {};
        picker->popup(pane->mapToGlobal(QPoint(20, 20)));
        if (!QTest::qWaitFor([picker] { return picker->isVisible(); }))
            return {};
        QStringList shown;
        QAction *chosen = nullptr;
        const auto actions = picker->actions();
        for (QAction *a : actions) {
            if (a->isSeparator() || !a->isVisible())
                continue;
            shown.append(a->text());
            if (a->text() == choose)
                chosen = a;
        }
        if (chosen) {
            // With the keyboard, as the menu offers it: down to the emoji, then Enter.
            for (int i = 0; i < 20 && picker->activeAction() != chosen; ++i)
                QTest::keyClick(picker, Qt::Key_Down);
            if (picker->activeAction() != chosen)
                return {};
            QTest::keyClick(picker, Qt::Key_Return);
        } else {
            picker->close();
        }
        (void)QTest::qWaitFor([picker] { return !picker->isVisible(); });
        return shown;
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

    /// The emoji used lately come first in the picker: in the pane where it
    /// was used, in another chat's pane, and after a restart (a new
    /// Settings read from the file, a new pane and its MessageActions).
    void recentEmojiFollowTheUserAcrossPanesAndRestarts()
    {
        m_profile->requests()->accept(bob);
        const QString settingsPath = m_dir.filePath(u"settings%1/jabberwock.ini"_s.arg(m_n));
        auto settings = std::make_unique<Settings>(settingsPath);
        const QString pray = u"\U0001F64F"_s; // the last of the common ones
        const QString party = u"\U0001F389"_s; // not among them

        auto withAlice = showPane(alice);
        QVERIFY(withAlice);
        withAlice->messageActions()->setSettings(settings.get());
        QVERIFY(sendAndSelect(withAlice.get(), u"lunch?"_s));
        const QStringList before = openPicker(withAlice.get());
        QCOMPARE(before.size(), 6);
        QVERIFY(before.first() != pray);
        QCOMPARE(before.last(), pray);

        openPicker(withAlice.get(), pray); // chosen in the menu
        QTRY_COMPARE(last(withAlice.get()).data(MessagesModel::ReactionsRole).toList().size(), 1);
        QCOMPARE(openPicker(withAlice.get()).value(0), pray);
        QCOMPARE(openPicker(withAlice.get()).size(), 6); // first now, not twice
        QCOMPARE(settings->recentEmoji(), QStringList { pray });

        // Another chat, another pane over the same settings.
        auto withBob = showPane(bob);
        QVERIFY(withBob);
        withBob->messageActions()->setSettings(settings.get());
        QVERIFY(sendAndSelect(withBob.get(), u"tonight?"_s));
        QStringList shown = openPicker(withBob.get());
        QCOMPARE(shown.value(0), pray);
        QCOMPARE(shown.count(pray), 1);
        // One that is not among the common ones (MessageActions::toggleReaction takes any).
        withBob->messageActions()->toggleReaction(last(withBob.get()), party);
        QTRY_COMPARE(last(withBob.get()).data(MessagesModel::ReactionsRole).toList().size(), 1);
        shown = openPicker(withBob.get());
        QCOMPARE(shown.mid(0, 2), (QStringList { party, pray }));
        QCOMPARE(shown.size(), 7);
        QCOMPARE(openPicker(withAlice.get()).mid(0, 2), (QStringList { party, pray }));

        // A restart: the settings read again from the file, a new pane.
        withAlice.reset();
        withBob.reset();
        settings = std::make_unique<Settings>(settingsPath);
        auto again = showPane(alice);
        QVERIFY(again);
        again->messageActions()->setSettings(settings.get());
        again->messageView()->setCurrentIndex(last(again.get()));
        shown = openPicker(again.get());
        QCOMPARE(shown.mid(0, 2), (QStringList { party, pray }));
        QCOMPARE(shown.size(), 7);
    }
};

QTEST_MAIN(TestEditsView)
#include "tst_editsview.moc"
