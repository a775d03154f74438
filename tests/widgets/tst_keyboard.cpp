#include "chatpane.h"
#include "composer.h"
#include "icons.h"
#include "mainwindow.h"
#include "messenger.h"
#include "models.h"
#include "profilefixture.h"
#include "quickswitcher.h"
#include "session.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

/// Working Jabberwock from the keyboard: Ctrl+K jumps to a chat, Page Up and
/// Page Down read the history while the composer keeps the focus, Esc goes
/// back; every control has a name for screen readers.
class TestKeyboard final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    /// A history and the account's features over a fake connection; the
    /// account has no address yet, as with a session never signed in.
    std::unique_ptr<Test::ProfileFixture> m_profile;
    /// The connection the window shows: never connected.
    std::unique_ptr<Session> m_session;

    const QList<QuickSwitcher::Entry> m_entries {
        { u"alice@example.org"_s, u"Alice Liddell"_s, 2 },
        { u"bob@example.org"_s, QString(), 0 },
        { u"carol@wonderland.example"_s, u"Carol"_s, 0 },
    };

    QuickSwitcher *activeSwitcher() const
    {
        return qobject_cast<QuickSwitcher *>(QApplication::activeModalWidget());
    }

    void receive(const QString &chat, const QString &body)
    {
        Message m;
        m.chat = chat;
        m.messageId = u"k%1"_s.arg(++m_n);
        m.from = chat + u"/phone"_s;
        m.to = u"me@example.org"_s;
        m.body = body;
        m.sentAt = QDateTime::currentDateTimeUtc().addSecs(-3600 + m_n);
        m.receivedAt = m.sentAt;
        m_profile->messenger()->receive(m);
    }

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"k%1.db"_s.arg(++m_n)), QString());
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
    }

    void cleanup()
    {
        m_session.reset();
        m_profile.reset();
    }

    void switcherFiltersAsYouType()
    {
        QuickSwitcher switcher;
        switcher.setEntries(m_entries);
        switcher.show();
        QVERIFY(QTest::qWaitForWindowExposed(&switcher));
        QCOMPARE(switcher.shownJids().size(), 3);
        QTest::keyClicks(switcher.filterEdit(), u"lid"_s); // part of a name
        QCOMPARE(switcher.shownJids(), QStringList { u"alice@example.org"_s });
        switcher.filterEdit()->clear();
        QTest::keyClicks(switcher.filterEdit(), u"WONDER"_s); // part of an address, any case
        QCOMPARE(switcher.shownJids(), QStringList { u"carol@wonderland.example"_s });
    }

    void arrowsChooseAndEnterOpens()
    {
        QuickSwitcher switcher;
        switcher.setEntries(m_entries);
        switcher.show();
        QVERIFY(QTest::qWaitForWindowExposed(&switcher));
        QSignalSpy chosen(&switcher, &QuickSwitcher::chatChosen);
        QTest::keyClick(switcher.filterEdit(), Qt::Key_Down);
        QTest::keyClick(switcher.filterEdit(), Qt::Key_Down);
        QTest::keyClick(switcher.filterEdit(), Qt::Key_Up);
        QVERIFY(switcher.filterEdit()->hasFocus()); // typing can go on
        QTest::keyClick(switcher.filterEdit(), Qt::Key_Return);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().first().toString(), u"bob@example.org"_s);
        QCOMPARE(switcher.result(), int(QDialog::Accepted));
    }

    void aWholeNewAddressOpensANewChat()
    {
        QuickSwitcher switcher;
        switcher.setEntries(m_entries);
        switcher.show();
        QSignalSpy chosen(&switcher, &QuickSwitcher::chatChosen);
        QTest::keyClicks(switcher.filterEdit(), u"Dave@Example.org"_s);
        QVERIFY(switcher.shownJids().isEmpty());
        QTest::keyClick(switcher.filterEdit(), Qt::Key_Return);
        QCOMPARE(chosen.value(0).value(0).toString(), u"dave@example.org"_s);

        QuickSwitcher nothing;
        nothing.setEntries(m_entries);
        nothing.show();
        QSignalSpy none(&nothing, &QuickSwitcher::chatChosen);
        QTest::keyClicks(nothing.filterEdit(), u"zzz"_s);
        QTest::keyClick(nothing.filterEdit(), Qt::Key_Return);
        QVERIFY(none.isEmpty()); // neither known nor an address
        QVERIFY(nothing.isVisible());
        QTest::keyClick(nothing.filterEdit(), Qt::Key_Escape);
        QVERIFY(!nothing.isVisible());
        QCOMPARE(nothing.result(), int(QDialog::Rejected));
    }

    void ctrlKFromTheComposerJumps()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.openChat(u"alice@example.org"_s);
        window.openChat(u"bob@example.org"_s);
        window.chatPane()->composer()->setFocus();
        QTest::keyClicks(window.chatPane()->composer(), u"half a thought"_s);

        QTest::keyClick(window.chatPane()->composer(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(activeSwitcher());
        QuickSwitcher *switcher = activeSwitcher();
        QCOMPARE(
            window.chatPane()->composer()->toPlainText(), u"half a thought"_s); // not an editing key here
        QTest::keyClicks(switcher->filterEdit(), u"alice"_s);
        QTest::keyClick(switcher->filterEdit(), Qt::Key_Return);
        QCOMPARE(window.chatPane()->chat(), u"alice@example.org"_s);
        QTRY_VERIFY(window.chatPane()->composer()->hasFocus());

        // Again: kept from the first time (making it looks its clear button's
        // icon up in the icon theme), yet it starts afresh, all chats listed.
        QTest::keyClick(window.chatPane()->composer(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(activeSwitcher());
        QCOMPARE(activeSwitcher(), switcher);
        QVERIFY(switcher->filterEdit()->text().isEmpty());
        QTRY_VERIFY(switcher->filterEdit()->hasFocus());
        const QStringList shown = switcher->shownJids();
        QVERIFY2(shown.contains(u"alice@example.org"_s) && shown.contains(u"bob@example.org"_s), qPrintable(shown.join(u' ')));
        QTest::keyClicks(switcher->filterEdit(), u"bob"_s);
        QTest::keyClick(switcher->filterEdit(), Qt::Key_Return);
        QCOMPARE(window.chatPane()->chat(), u"bob@example.org"_s);
        QTRY_VERIFY(!switcher->isVisible());
    }

    void pageKeysReadTheHistoryFromTheComposer()
    {
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        for (int i = 0; i < 60; ++i)
            receive(u"alice@example.org"_s, u"Message number %1, long enough to take some room."_s.arg(i));
        QVERIFY(QTest::qWaitFor([&] { return added.count() == 60; }));

        MainWindow window(m_profile->features.get(), m_session.get());
        window.resize(700, 400);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.openChat(u"alice@example.org"_s);
        ChatPane *pane = window.chatPane();
        QTRY_VERIFY(pane->model() && pane->model()->rowCount() > 0 && !pane->model()->isLoading());
        QScrollBar *bar = pane->messageView()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        pane->messageView()->scrollToBottom();
        QTRY_COMPARE(bar->value(), bar->maximum());
        pane->composer()->setFocus();

        const int bottom = bar->value();
        QTest::keyClick(pane->composer(), Qt::Key_PageUp);
        QVERIFY2(bar->value() < bottom, qPrintable(u"%1 -> %2"_s.arg(bottom).arg(bar->value())));
        QVERIFY(pane->composer()->hasFocus());
        const int up = bar->value();
        QTest::keyClick(pane->composer(), Qt::Key_PageDown);
        QVERIFY(bar->value() > up);
        QTest::keyClick(pane->composer(), Qt::Key_PageUp);
        QTest::keyClick(pane->composer(), Qt::Key_Escape); // back to the newest
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(pane->composer()->hasFocus());
    }

    void everyControlOfTheMainWindowHasAName()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        window.show();
        window.openChat(u"alice@example.org"_s);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto widgets = window.findChildren<QWidget *>();
        QStringList unnamed;
        for (QWidget *w : widgets) {
            const bool control = qobject_cast<QAbstractItemView *>(w) || qobject_cast<QComboBox *>(w)
                || qobject_cast<QLineEdit *>(w) || qobject_cast<QAbstractButton *>(w)
                || qobject_cast<Composer *>(w);
            if (!control || !w->isVisibleTo(&window) || w->focusPolicy() == Qt::NoFocus)
                continue;
            if (qobject_cast<QComboBox *>(w->parentWidget())
                || qobject_cast<QAbstractItemView *>(w->parentWidget()))
                continue; // a part of another control
            const auto *button = qobject_cast<QAbstractButton *>(w);
            const bool named = !w->accessibleName().isEmpty() || (button && !button->text().isEmpty());
            if (!named)
                unnamed.append(QString::fromLatin1(w->metaObject()->className()) + u' ' + w->objectName());
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));

        // The actions a person needs are reachable from the keyboard.
        QStringList shortcuts;
        const auto actions = window.findChildren<QAction *>();
        for (const QAction *a : actions)
            shortcuts.append(a->shortcut().toString(QKeySequence::PortableText));
        for (const QString &wanted : { u"Ctrl+N"_s, u"Ctrl+K"_s, u"Ctrl+,"_s })
            QVERIFY2(shortcuts.contains(wanted), qPrintable(wanted));
    }

    void actionIconsAreDrawn()
    {
        // The SVG fallbacks (no icon theme offscreen): the SVG plugin is there and they are not blank.
        for (const ActionIcon which : { ActionIcon::NewChat, ActionIcon::JumpToChat, ActionIcon::AddContact,
                 ActionIcon::Settings, ActionIcon::Quit }) {
            const QImage image = actionIcon(which).pixmap(24, 24).toImage();
            QVERIFY(!image.isNull());
            int painted = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x)
                    painted += qAlpha(image.pixel(x, y)) > 0 ? 1 : 0;
            }
            QVERIFY2(painted > 24, qPrintable(QString::number(int(which))));
        }
    }

    void anActionIconIsTheThemesWhenItIsDrawn()
    {
        // A theme with its own "document-new": a red square.
        QTemporaryDir themes;
        QVERIFY(themes.isValid());
        QDir root(themes.path());
        QVERIFY(root.mkpath(u"jwtest/24x24/actions"_s));
        QFile index(root.filePath(u"jwtest/index.theme"_s));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("[Icon Theme]\nName=jwtest\nDirectories=24x24/actions\n\n"
                    "[24x24/actions]\nSize=24\nContext=Actions\nType=Fixed\n");
        index.close();
        QImage red(24, 24, QImage::Format_ARGB32);
        red.fill(Qt::red);
        QVERIFY(red.save(root.filePath(u"jwtest/24x24/actions/document-new.png"_s)));

        // The icon is made before the theme is set (as the menus are made at
        // start, long before they are drawn) and still draws the theme's:
        // the theme is read when the icon is drawn, not when it is made.
        const QIcon newChat = actionIcon(ActionIcon::NewChat);
        const QIcon quit = actionIcon(ActionIcon::Quit);
        QVERIFY(!newChat.isNull());
        const QStringList searchPaths = QIcon::themeSearchPaths();
        const QString theme = QIcon::themeName();
        QIcon::setThemeSearchPaths({ themes.path() });
        QIcon::setThemeName(u"jwtest"_s);
        const QImage themed = newChat.pixmap(24, 24).toImage();
        // Named as the theme names it; ours, drawn from our file, has no theme name.
        QCOMPARE(newChat.name(), u"document-new"_s);
        QCOMPARE(quit.name(), QString());
        // The theme has no "application-exit": Quit keeps our own drawing.
        const QImage own = quit.pixmap(24, 24).toImage();
        QIcon::setThemeName(theme);
        QIcon::setThemeSearchPaths(searchPaths);

        QCOMPARE(themed.size(), QSize(24, 24));
        QCOMPARE(QColor(themed.pixel(12, 12)), QColor(Qt::red));
        QCOMPARE(QColor(themed.pixel(1, 1)), QColor(Qt::red));
        QVERIFY(!own.isNull());
        int painted = 0;
        int redPixels = 0;
        for (int y = 0; y < own.height(); ++y) {
            for (int x = 0; x < own.width(); ++x) {
                painted += qAlpha(own.pixel(x, y)) > 0 ? 1 : 0;
                redPixels += QColor(own.pixel(x, y)) == QColor(Qt::red) ? 1 : 0;
            }
        }
        QVERIFY(painted > 24);
        QCOMPARE(redPixels, 0);
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
