#include "addressdialog.h"
#include "application.h"
#include "chatpane.h"
#include "composer.h"
#include "mainwindow.h"
#include "models.h"
#include "occupantsmodel.h"
#include "roomactions.h"
#include "session.h"
#include "settingsdialog.h"
#include "signindialog.h"
#include "testserver.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

namespace {

template<typename T> T *topLevel()
{
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget *w : widgets) {
        if (auto *found = qobject_cast<T *>(w); found && found->isVisible())
            return found;
    }
    return nullptr;
}

QAction *actionNamed(QWidget *window, const QString &text)
{
    const auto actions = window->findChildren<QAction *>();
    for (QAction *a : actions) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
}

} // namespace

/// The application as wired in app/: signed in to a private Prosody from the
/// command line, then the settings dialog from the main window's menu, a
/// language switch while running, and a password change on the server.
class TestApplication final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Test::TestServer m_server;

    CommandLine commandLine(const QString &password) const
    {
        const QString passwordFile = m_dir.filePath(u"password"_s);
        QFile file(passwordFile);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(password.toUtf8() + '\n');
        CommandLine line;
        line.profileDir = m_dir.filePath(u"profile"_s);
        line.jid = m_server.jid(u"alice"_s);
        line.passwordFile = passwordFile;
        line.serverHost = u"127.0.0.1"_s;
        line.serverPort = m_server.port();
        line.trustCertificate = m_server.certificatePath();
        return line;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The test server loads mod_register (which also changes passwords) only with this.
        m_server.setAllowRegistration(true);
        QVERIFY2(m_server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s }, { u"alice:bob"_s }),
            qPrintable(m_server.errorString()));
    }

    /// One instance per profile: a later start's link opens the chat in the
    /// running one, with the body as a draft; nothing is sent.
    void aLaterStartOpensTheChatWithADraft()
    {
        CommandLine first = commandLine(u"bob-pw"_s);
        first.jid = m_server.jid(u"bob"_s);
        first.profileDir = m_dir.filePath(u"links"_s);
        App::Application app(first);
        QCOMPARE(app.handToRunningInstance().value(), false);
        QVERIFY(app.start());
        QTRY_VERIFY_WITH_TIMEOUT(topLevel<MainWindow>(), 10000);
        QPointer<MainWindow> window = topLevel<MainWindow>();
        QVERIFY(window->chatPane()->chat().isEmpty());

        const QString alice = m_server.jid(u"alice"_s);
        const auto later = parseCommandLine({ u"jabberwock"_s, u"--profile"_s, first.profileDir,
            u"xmpp:%1?message;body=hi%20there"_s.arg(alice) });
        QVERIFY2(later, qPrintable(later.errorMessage()));
        {
            App::Application second(later.value());
            QCOMPARE(second.handToRunningInstance().value(), true);
        }
        QTRY_COMPARE(window->chatPane()->chat(), alice);
        QCOMPARE(window->chatPane()->composer()->toPlainText(), u"hi there"_s);
        QCOMPARE(window->conversations()->rowCount(), 1);

        // The same link again adds nothing; what the person then writes stays.
        const auto again = [&] {
            App::Application second(later.value());
            return second.handToRunningInstance().value();
        };
        QVERIFY(again());
        QTest::qWait(100);
        QCOMPARE(window->chatPane()->composer()->toPlainText(), u"hi there"_s);
        window->chatPane()->composer()->setPlainText(u"hi there, Alice"_s);
        QVERIFY(again());
        QTRY_COMPARE(window->chatPane()->composer()->toPlainText(), u"hi there, Alice\nhi there"_s);

        // Nothing was sent.
        QTRY_VERIFY_WITH_TIMEOUT(window->connectionLabel()->text().startsWith(u"Online"_s), 15000);
        QTest::qWait(200);
        QCOMPARE(window->chatPane()->model()->rowCount(), 0);

        // Without a link: "show yourself".
        window->hide();
        {
            App::Application second(
                parseCommandLine({ u"jabberwock"_s, u"--profile"_s, first.profileDir }).value());
            QCOMPARE(second.handToRunningInstance().value(), true);
        }
        QTRY_VERIFY(window->isVisible());
        QCOMPARE(window->chatPane()->chat(), alice);
    }

    /// An `xmpp:room?join` link asks first, in New chat with the room filled
    /// in, and joins once the person says so; the room then shows its members.
    void aJoinLinkAsksThenJoinsTheRoom()
    {
        CommandLine first = commandLine(u"bob-pw"_s);
        first.jid = m_server.jid(u"bob"_s);
        first.profileDir = m_dir.filePath(u"join-link"_s);
        App::Application app(first);
        QCOMPARE(app.handToRunningInstance().value(), false);
        QVERIFY(app.start());
        QTRY_VERIFY_WITH_TIMEOUT(topLevel<MainWindow>(), 10000);
        QPointer<MainWindow> window = topLevel<MainWindow>();
        QTRY_VERIFY_WITH_TIMEOUT(window->connectionLabel()->text().startsWith(u"Online"_s), 15000);

        const QString room = u"팀@conference."_s + m_server.domain();
        const auto later = parseCommandLine({ u"jabberwock"_s, u"--profile"_s, first.profileDir,
            u"xmpp:%ED%8C%80@conference.%1?join"_s.arg(m_server.domain()) });
        QVERIFY2(later, qPrintable(later.errorMessage()));
        {
            App::Application second(later.value());
            QCOMPARE(second.handToRunningInstance().value(), true);
        }
        QTRY_VERIFY(topLevel<AddressDialog>());
        AddressDialog *dialog = topLevel<AddressDialog>();
        QCOMPARE(dialog->addressEdit()->text(), room);
        QVERIFY(dialog->isRoom());
        QVERIFY(!dialog->nick().isEmpty());
        // Nothing is joined before the person says so.
        QVERIFY(window->chatPane()->chat().isEmpty());
        dialog->nickEdit()->setText(u"밥"_s);
        QVERIFY(dialog->okButton()->isEnabled());
        dialog->okButton()->click();

        QTRY_COMPARE(window->chatPane()->chat(), room);
        QVERIFY(window->chatPane()->isRoom());
        QTRY_VERIFY_WITH_TIMEOUT(window->chatPane()->occupants()->rowCount() >= 1, 15000);
        QVERIFY(window->roomActions()->leaveAction()->isEnabled());

        // The same link again: the room the person is in just opens.
        window->openChat(m_server.jid(u"alice"_s));
        {
            App::Application second(later.value());
            QCOMPARE(second.handToRunningInstance().value(), true);
        }
        QTRY_COMPARE(window->chatPane()->chat(), room);
        QTest::qWait(100);
        QVERIFY(!topLevel<AddressDialog>());
    }

    /// A link that arrives before signing in waits for the main window.
    void aLinkWaitsForSigningIn()
    {
        CommandLine first = commandLine(u"bob-pw"_s);
        first.jid.clear();
        first.passwordFile.clear();
        first.profileDir = m_dir.filePath(u"links-sign-in"_s);
        App::Application app(first);
        QCOMPARE(app.handToRunningInstance().value(), false);
        QVERIFY(app.start());
        QTRY_VERIFY(topLevel<SignInDialog>());
        SignInDialog *dialog = topLevel<SignInDialog>();

        const QString alice = m_server.jid(u"alice"_s);
        {
            App::Application second(
                parseCommandLine({ u"jabberwock"_s, u"--profile"_s, first.profileDir,
                                     u"xmpp:%1?message;body=%EC%95%88%EB%85%95"_s.arg(alice) })
                    .value());
            QCOMPARE(second.handToRunningInstance().value(), true);
        }
        QTest::qWait(100);
        QVERIFY(!topLevel<MainWindow>());

        dialog->setJid(m_server.jid(u"bob"_s));
        dialog->passwordEdit()->setText(u"bob-pw"_s);
        dialog->signInButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(topLevel<MainWindow>(), 15000);
        MainWindow *window = topLevel<MainWindow>();
        QCOMPARE(window->chatPane()->chat(), alice);
        QCOMPARE(window->chatPane()->composer()->toPlainText(), u"안녕"_s);
    }

    void settingsLanguageAndPasswordWhileRunning()
    {
        {
            App::Application app(commandLine(u"alice-pw"_s));
            QVERIFY(app.start());
            QTRY_VERIFY_WITH_TIMEOUT(topLevel<MainWindow>(), 10000);
            QPointer<MainWindow> window = topLevel<MainWindow>();
            QTRY_VERIFY_WITH_TIMEOUT(window->connectionLabel()->text().startsWith(u"Online"_s), 15000);
            window->openChat(m_server.jid(u"bob"_s));
            QTest::keyClicks(window->chatPane()->composer(), u"half written"_s);

            // Settings from the main window's menu.
            QAction *settings = actionNamed(window, u"&Settings…"_s);
            QVERIFY(settings);
            settings->trigger();
            QTRY_VERIFY(topLevel<SettingsDialog>());
            SettingsDialog *dialog = topLevel<SettingsDialog>();
            QVERIFY(dialog->profileLabel()->text().endsWith(u"profile"_s));
            QVERIFY(dialog->historyLabel()->text().endsWith(u"history.db"_s));
            QVERIFY(dialog->changePasswordButton()->isEnabled() == false); // nothing typed yet

            // Korean, at once: the main window is made anew, on the same chat and draft.
            QComboBox *language = dialog->languageSelector();
            const int korean = language->findData(u"ko"_s);
            QVERIFY(korean > 0);
            language->setCurrentIndex(korean);
            Q_EMIT language->activated(korean);
            QTRY_VERIFY(window.isNull());
            QTRY_VERIFY(topLevel<MainWindow>());
            MainWindow *rebuilt = topLevel<MainWindow>();
            QVERIFY2(rebuilt->menuBar()->actions().first()->text() == u"대화(&C)"_s,
                qPrintable(rebuilt->menuBar()->actions().first()->text()));
            QCOMPARE(rebuilt->chatPane()->chat(), m_server.jid(u"bob"_s));
            QCOMPARE(rebuilt->chatPane()->composer()->toPlainText(), u"half written"_s);
            QTRY_VERIFY(dialog->windowTitle() != u"Jabberwock Settings"_s);
            QTRY_VERIFY_WITH_TIMEOUT(
                rebuilt->connectionLabel()->text().contains(m_server.jid(u"alice"_s)), 15000);

            // A new password, on the server.
            dialog->newPasswordEdit()->setText(u"alice-pw-2"_s);
            dialog->repeatPasswordEdit()->setText(u"alice-pw-2"_s);
            QVERIFY(dialog->changePasswordButton()->isEnabled());
            dialog->changePasswordButton()->click();
            // Cleared only when the server took it; an error would stay in the status line.
            QTRY_VERIFY2_WITH_TIMEOUT(dialog->newPasswordEdit()->text().isEmpty(),
                qPrintable(dialog->passwordStatusLabel()->text()), 15000);

            language->setCurrentIndex(language->findData(u"en"_s));
            Q_EMIT language->activated(language->currentIndex());
            QTRY_VERIFY(topLevel<MainWindow>()
                && topLevel<MainWindow>()->menuBar()->actions().first()->text() == u"&Chat"_s);
        }
        // Kept in the profile; the new password signs in.
        QCOMPARE(QSettings(m_dir.filePath(u"profile/jabberwock.ini"_s), QSettings::IniFormat)
                     .value(u"appearance/language"_s)
                     .toString(),
            u"en"_s);
        Session session;
        ConnectionSettings settings;
        settings.jid = m_server.jid(u"alice"_s);
        settings.password = u"alice-pw-2"_s;
        settings.host = u"127.0.0.1"_s;
        settings.port = m_server.port();
        settings.pinnedCertificates = QSslCertificate::fromPath(m_server.certificatePath());
        session.connectToServer(settings);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Online, 15000);
    }
};

QTEST_MAIN(TestApplication)
#include "tst_application.moc"
