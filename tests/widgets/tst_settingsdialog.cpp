#include "appearance.h"
#include "blockedmodel.h"
#include "blocking.h"
#include "profilefixture.h"
#include "settings.h"
#include "settingsdialog.h"
#include "translation.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

/// The settings dialog offscreen: every change takes effect at once, is
/// written to the profile, and is there again when the dialog is made anew.
class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString m_path;
    const QStringList m_languages { u"en"_s, u"ko"_s };

    std::unique_ptr<SettingsDialog> show(Settings *settings)
    {
        auto dialog = std::make_unique<SettingsDialog>(settings, m_languages);
        dialog->setAccount(u"alice@example.org"_s, QString(), 0);
        dialog->setLocations(m_dir.path(), m_dir.filePath(u"accounts/alice@example.org/history.db"_s));
        dialog->show();
        if (!QTest::qWaitForWindowExposed(dialog.get()))
            return {};
        return dialog;
    }

    static void choose(QComboBox *box, const QVariant &data)
    {
        const int index = box->findData(data);
        QVERIFY(index >= 0);
        box->setCurrentIndex(index);
        Q_EMIT box->activated(index); // as a person choosing it would
    }

private Q_SLOTS:
    void init() { m_path = m_dir.filePath(u"profile-%1/jabberwock.ini"_s.arg(++m_n)); }

    /// Privacy lists whom the account blocks (XEP-0191), as the server says,
    /// and Unblock asks for the selected one.
    void blockedAddressesAreListedWithUnblock()
    {
        const QString eve = u"eve@example.net"_s;
        const QString mallory = u"mallory@example.net"_s;
        const QString history = m_dir.filePath(u"blocked-%1.db"_s.arg(m_n));
        auto fixture = std::make_unique<Test::ProfileFixture>(history);
        Test::ProfileFixture &profile = *fixture;
        QVERIFY(profile.ok());
        auto blocked = std::make_unique<BlockedModel>(profile.requests());
        auto tester = std::make_unique<QAbstractItemModelTester>(
            blocked.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        Settings settings(m_path);
        auto dialog = show(&settings);
        QVERIFY(dialog);
        dialog->setBlockedAddresses(blocked.get());
        dialog->showPage(SettingsDialog::Page::Privacy);
        QListView *list = dialog->blockedList();
        QVERIFY(dialog->blockedEmptyLabel()->isVisible());
        QVERIFY(!list->isVisible());
        QVERIFY(!dialog->unblockButton()->isVisible());

        // The server's blocklist after sign-in, then one more blocked elsewhere.
        Q_EMIT profile.blocking()->blocklistReceived({ mallory });
        Q_EMIT profile.blocking()->blockedChanged({ eve }, true);
        QTRY_VERIFY(list->isVisible());
        QVERIFY(!dialog->blockedEmptyLabel()->isVisible());
        QCOMPARE(list->model()->rowCount(), 2);
        QCOMPARE(list->model()->index(0, 0).data().toString(), eve);
        QCOMPARE(list->model()->index(1, 0).data().toString(), mallory);
        QVERIFY(!dialog->unblockButton()->isEnabled()); // no one chosen yet

        QSignalSpy unblock(dialog.get(), &SettingsDialog::unblockRequested);
        const QRect row = list->visualRect(list->model()->index(1, 0));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
        QVERIFY(dialog->unblockButton()->isEnabled());
        QTest::mouseClick(dialog->unblockButton(), Qt::LeftButton);
        QCOMPARE(unblock.size(), 1);
        QCOMPARE(unblock.first().first().toString(), mallory);

        // The server's answer takes them off the list.
        Q_EMIT profile.blocking()->blockedChanged({ mallory }, false);
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(list->model()->index(0, 0).data().toString(), eve);
        Q_EMIT profile.blocking()->blockedChanged({ eve }, false);
        QVERIFY(dialog->blockedEmptyLabel()->isVisible());
        QVERIFY(!list->isVisible());

        // Blocked in an earlier run: listed from the history, before any sign-in.
        Q_EMIT profile.blocking()->blockedChanged({ eve }, true);
        dialog->setBlockedAddresses(nullptr);
        tester.reset();
        blocked.reset();
        fixture.reset(); // flushes the history
        Test::ProfileFixture again(history);
        QVERIFY(again.ok());
        BlockedModel fromHistory(again.requests());
        dialog->setBlockedAddresses(&fromHistory);
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(list->model()->index(0, 0).data().toString(), eve);
        QVERIFY(list->isVisible());
    }

    void everySettingTakesEffectAndPersists()
    {
        {
            Settings settings(m_path);
            auto dialog = show(&settings);
            QVERIFY(dialog);
            QSignalSpy typing(&settings, &Settings::sendTypingNotificationsChanged);
            QSignalSpy scheme(&settings, &Settings::colorSchemeChanged);

            dialog->showPage(SettingsDialog::Page::Privacy);
            dialog->typingCheck()->click();
            QCOMPARE(typing.count(), 1); // at once, no "Apply"
            QVERIFY(!settings.sendTypingNotifications());
            dialog->receiptsCheck()->click();
            QVERIFY(!settings.sendReadReceipts());
            dialog->strangersCheck()->click();
            QVERIFY(!settings.showRequestsFromStrangers());

            dialog->showPage(SettingsDialog::Page::Notifications);
            dialog->hideTextCheck()->click();
            QVERIFY(settings.hideMessageText());
            dialog->notificationsCheck()->click();
            QVERIFY(!settings.notificationsEnabled());
            QVERIFY(!dialog->hideTextCheck()->isEnabled()); // nothing to hide without notifications
            dialog->trayCheck()->click();
            QVERIFY(!settings.keepRunningInTray());

            dialog->showPage(SettingsDialog::Page::Appearance);
            choose(dialog->colorSchemeSelector(), int(Settings::ColorScheme::Dark));
            QCOMPARE(scheme.count(), 1);
            QCOMPARE(settings.colorScheme(), Settings::ColorScheme::Dark);
            dialog->fontSizeSpin()->setValue(15);
            QCOMPARE(settings.fontSize(), 15);
            choose(dialog->languageSelector(), u"en"_s);
            QCOMPARE(settings.language(), u"en"_s);
        }
        // Made anew from the same profile: everything is as it was left.
        Settings settings(m_path);
        auto dialog = show(&settings);
        QVERIFY(dialog);
        QVERIFY(!dialog->typingCheck()->isChecked());
        QVERIFY(!dialog->receiptsCheck()->isChecked());
        QVERIFY(!dialog->strangersCheck()->isChecked());
        QVERIFY(!dialog->notificationsCheck()->isChecked());
        QVERIFY(dialog->hideTextCheck()->isChecked());
        QVERIFY(!dialog->trayCheck()->isChecked());
        QCOMPARE(dialog->colorSchemeSelector()->currentData().toInt(), int(Settings::ColorScheme::Dark));
        QCOMPARE(dialog->fontSizeSpin()->value(), 15);
        QCOMPARE(dialog->languageSelector()->currentData().toString(), u"en"_s);
    }

    void followsChangesMadeElsewhere()
    {
        Settings settings(m_path);
        auto dialog = show(&settings);
        QVERIFY(dialog);
        QVERIFY(dialog->notificationsCheck()->isChecked());
        settings.setNotificationsEnabled(false); // e.g. from another window
        QVERIFY(!dialog->notificationsCheck()->isChecked());
        settings.setFontSize(0);
        QCOMPARE(dialog->fontSizeSpin()->text(), dialog->fontSizeSpin()->specialValueText());
    }

    void appearanceAppliesAtOnce()
    {
        const QColor systemWindow = QApplication::palette().color(QPalette::Window);
        const QFont systemFont = QApplication::font();
        {
            Settings settings(m_path);
            Appearance appearance(&settings);
            auto dialog = show(&settings);
            QVERIFY(dialog);

            choose(dialog->colorSchemeSelector(), int(Settings::ColorScheme::Dark));
            QVERIFY2(QApplication::palette().color(QPalette::Window).lightness() < 100,
                qPrintable(QApplication::palette().color(QPalette::Window).name()));
            QTRY_VERIFY2(dialog->palette().color(QPalette::Window).lightness() < 100,
                qPrintable(dialog->palette().color(QPalette::Window).name())); // shown windows follow
            choose(dialog->colorSchemeSelector(), int(Settings::ColorScheme::Light));
            QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
            choose(dialog->colorSchemeSelector(), int(Settings::ColorScheme::System));
            QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);

            dialog->fontSizeSpin()->setValue(18);
            QCOMPARE(QApplication::font().pointSize(), 18);
            QTRY_COMPARE(dialog->font().pointSize(), 18); // shown windows follow
            dialog->fontSizeSpin()->setValue(dialog->fontSizeSpin()->minimum()); // "System size"
            QCOMPARE(settings.fontSize(), 0);
            QCOMPARE(QApplication::font(), systemFont);
        }
        // A profile that was left dark starts dark.
        {
            Settings settings(m_path);
            settings.setColorScheme(Settings::ColorScheme::Dark);
        }
        Settings settings(m_path);
        Appearance appearance(&settings);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    }

    void languageSwitchesAtOnce()
    {
        Localization localization; // the catalogues compiled into this test
        QCOMPARE(localization.languages(), m_languages);
        Settings settings(m_path);
        connect(&settings, &Settings::languageChanged, &settings,
            [&](const QString &code) { localization.apply(code); });
        auto dialog = show(&settings);
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), u"Jabberwock Settings"_s);
        QCOMPARE(dialog->languageSelector()->itemText(2), u"한국어"_s); // each language in itself

        choose(dialog->languageSelector(), u"ko"_s);
        QCOMPARE(localization.current(), u"ko"_s);
        QTRY_VERIFY2(dialog->windowTitle() != u"Jabberwock Settings"_s, qPrintable(dialog->windowTitle()));
        QVERIFY(!dialog->tabs()->tabText(0).contains(u"Account"_s));
        QCOMPARE(dialog->languageSelector()->currentData().toString(), u"ko"_s);

        choose(dialog->languageSelector(), QString()); // like the system (C here: English)
        QCOMPARE(localization.current(), u"en"_s);
        QTRY_COMPARE(dialog->windowTitle(), u"Jabberwock Settings"_s);
        QCOMPARE(Settings(m_path).language(), QString());
    }

    void serverIsCheckedAndAppliedWhenDone()
    {
        Settings settings(m_path);
        auto dialog = show(&settings);
        QVERIFY(dialog);
        dialog->showPage(SettingsDialog::Page::Account);
        QSignalSpy changed(dialog.get(), &SettingsDialog::serverChanged);
        QLineEdit *server = dialog->serverEdit();
        server->setFocus();
        QTest::keyClicks(server, u"xmpp.example.org:99999"_s);
        QVERIFY(dialog->serverErrorLabel()->isVisible());
        QVERIFY(dialog->serverErrorLabel()->text().contains(u"99999"_s));
        Q_EMIT server->editingFinished();
        QCOMPARE(changed.count(), 0);

        server->clear();
        QTest::keyClicks(server, u"xmpp.example.org:5223"_s);
        QVERIFY(!dialog->serverErrorLabel()->isVisible());
        QTest::keyClick(server, Qt::Key_Return);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toString(), u"xmpp.example.org"_s);
        QCOMPARE(changed.first().at(1).value<quint16>(), quint16(5223));
        Q_EMIT server->editingFinished(); // the same again: nothing new
        QCOMPARE(changed.count(), 1);
    }

    void passwordChangeNeedsTwoEqualEntriesAndReportsBack()
    {
        Settings settings(m_path);
        auto dialog = show(&settings);
        QVERIFY(dialog);
        QSignalSpy requested(dialog.get(), &SettingsDialog::passwordChangeRequested);
        QPushButton *change = dialog->changePasswordButton();

        dialog->setPasswordChangeAvailable(false);
        QTest::keyClicks(dialog->newPasswordEdit(), u"s3cret-2"_s);
        QTest::keyClicks(dialog->repeatPasswordEdit(), u"s3cret-2"_s);
        QVERIFY(!change->isEnabled()); // offline
        QVERIFY(!dialog->passwordStatusLabel()->text().isEmpty());

        dialog->setPasswordChangeAvailable(true);
        QVERIFY(change->isEnabled());
        QTest::keyClick(dialog->repeatPasswordEdit(), Qt::Key_Backspace);
        QVERIFY(!change->isEnabled());
        QVERIFY(dialog->passwordStatusLabel()->text().contains(u"not the same"_s));
        QTest::keyClicks(dialog->repeatPasswordEdit(), u"2"_s);
        QVERIFY(change->isEnabled());

        change->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().toString(), u"s3cret-2"_s);
        QVERIFY(!change->isEnabled()); // busy until the server answers

        dialog->showPasswordChangeResult(u"The server said no."_s);
        QCOMPARE(dialog->passwordStatusLabel()->text(), u"The server said no."_s);
        QVERIFY(change->isEnabled()); // try again
        change->click();
        dialog->showPasswordChangeResult(QString());
        QCOMPARE(dialog->passwordStatusLabel()->text(), u"The password was changed."_s);
        QVERIFY(dialog->newPasswordEdit()->text().isEmpty());
    }

    void showsWhereTheHistoryLives()
    {
        Settings settings(m_path);
        auto dialog = show(&settings);
        QVERIFY(dialog);
        QCOMPARE(dialog->profileLabel()->text(), QDir::toNativeSeparators(m_dir.path()));
        QVERIFY(dialog->historyLabel()->text().endsWith(u"history.db"_s));
        QVERIFY(dialog->profileLabel()->textInteractionFlags() & Qt::TextSelectableByMouse);
    }

    void withoutTrayClosingQuits()
    {
        Settings settings(m_path);
        auto dialog = show(&settings);
        QVERIFY(dialog);
        dialog->setTrayAvailable(false);
        QVERIFY(!dialog->trayCheck()->isEnabled());
        QVERIFY(!dialog->trayCheck()->isChecked());
        QVERIFY(settings.keepRunningInTray()); // the choice is kept for a desktop that has one
        dialog->setTrayAvailable(true);
        QVERIFY(dialog->trayCheck()->isChecked());
    }

    void everyControlHasAName()
    {
        Settings settings(m_path);
        auto dialog = show(&settings);
        QVERIFY(dialog);
        const auto widgets = dialog->findChildren<QWidget *>();
        for (QWidget *w : widgets) {
            if (!qobject_cast<QLineEdit *>(w) && !qobject_cast<QComboBox *>(w)
                && !qobject_cast<QSpinBox *>(w))
                continue;
            if (qobject_cast<QSpinBox *>(w->parentWidget()) || qobject_cast<QComboBox *>(w->parentWidget()))
                continue; // a part of another control
            const bool labelled = !w->accessibleName().isEmpty() || [&] {
                const auto labels = dialog->findChildren<QLabel *>();
                return std::any_of(
                    labels.cbegin(), labels.cend(), [&](QLabel *l) { return l->buddy() == w; });
            }();
            QVERIFY2(labelled, w->metaObject()->className());
        }
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
