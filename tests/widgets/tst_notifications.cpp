#include "account.h"
#include "accountsettings.h"
#include "chatpane.h"
#include "mainwindow.h"
#include "messagealerts.h"
#include "messenger.h"
#include "models.h"
#include "notifier.h"
#include "peer.h"
#include "profilefixture.h"
#include "requests.h"
#include "roster.h"
#include "session.h"
#include "settings.h"
#include "testserver.h"
#include "translation.h"
#include "trayicon.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

namespace {

/// Keeps what it was asked to show, for the test to look at.
class RecordingNotifier final : public Notifier
{
public:
    using Notifier::Notifier;
    void show(const Notification &notification) override { shown.append(notification); }
    void withdraw(const QString &chat) override { withdrawn.append(chat); }

    QList<Notification> shown;
    QStringList withdrawn;
};

} // namespace

/// When a new message raises a desktop notification and what it says; the
/// tray icon's count, menu and what closing the window means. Offscreen,
/// over a real history and a connection that is not online
/// (Test::ProfileFixture; messages are handed to the messenger as the
/// connection would), and a session never connected for the presence. The
/// summary after a catch-up signs in to a private Prosody, with plain QXmpp
/// clients as the people who wrote meanwhile.
class TestNotifications final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    /// The account has no address yet, as with a session never signed in.
    std::unique_ptr<Test::ProfileFixture> m_profile;
    std::unique_ptr<Session> m_session; ///< the connection: never connected
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<RecordingNotifier> m_notifier;
    std::unique_ptr<MessageAlerts> m_alerts;

    const QString alice = u"alice@example.org"_s;
    const QString bob = u"bob@example.org"_s;
    Localization m_localization; // English plural forms ("1 unread message")

    void receive(const QString &chat, const QString &body)
    {
        Message m;
        m.chat = chat;
        m.messageId = u"m%1"_s.arg(++m_n);
        m.from = chat + u"/phone"_s;
        m.to = u"me@example.org"_s;
        m.body = body;
        m.sentAt = QDateTime::currentDateTimeUtc();
        m.receivedAt = m.sentAt;
        m_profile->messenger()->receive(m);
    }

    /// Waits until `count` messages have been stored and announced.
    bool waitForMessages(QSignalSpy &added, int count)
    {
        return QTest::qWaitFor([&] { return added.count() >= count; });
    }

    bool showWindowOn(const QString &chat)
    {
        m_window->show();
        m_window->openChat(chat);
        m_window->activateWindow();
        return QTest::qWaitForWindowActive(m_window.get());
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_localization.apply(u"en"_s), u"en"_s); }

    void init()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)), QString());
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
        // Offline there is no roster: these are people we chose to talk to, not requests.
        for (const QString &jid : { alice, bob })
            m_profile->requests()->accept(jid);
        m_settings = std::make_unique<Settings>(m_dir.filePath(u"p%1/jabberwock.ini"_s.arg(m_n)));
        m_window = std::make_unique<MainWindow>(m_profile->features.get(), m_session.get());
        m_notifier = std::make_unique<RecordingNotifier>();
        m_alerts = std::make_unique<MessageAlerts>(
            m_profile->features.get(), m_session.get(), m_settings.get(), m_notifier.get());
        m_alerts->setWindow(m_window.get());
    }

    void cleanup()
    {
        m_alerts.reset();
        m_notifier.reset();
        m_window.reset();
        m_settings.reset();
        m_session.reset();
        m_profile.reset();
    }

    void messageToAChatNotInFrontIsNotified()
    {
        QVERIFY(showWindowOn(alice));
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        receive(bob, u"Are you there?"_s);
        QVERIFY(waitForMessages(added, 1));
        QCOMPARE(m_notifier->shown.size(), 1);
        const Notification n = m_notifier->shown.first();
        QCOMPARE(n.chat, bob);
        QCOMPARE(n.title, m_profile->roster()->displayName(bob));
        QCOMPARE(n.body, u"Are you there?"_s);
    }

    void messageToTheChatInFrontIsNot()
    {
        QVERIFY(showWindowOn(alice));
        QVERIFY(m_alerts->isInFront(alice));
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        receive(alice, u"Hi"_s);
        QVERIFY(waitForMessages(added, 1));
        QVERIFY(m_notifier->shown.isEmpty());
    }

    void theShownChatIsNotifiedWhenTheWindowIsNotInFront()
    {
        QVERIFY(showWindowOn(alice));
        m_window->hide(); // e.g. kept in the tray
        QVERIFY(!m_alerts->isInFront(alice));
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        receive(alice, u"Still there?"_s);
        QVERIFY(waitForMessages(added, 1));
        QCOMPARE(m_notifier->shown.size(), 1);

        // Another window in front: the same.
        QVERIFY(showWindowOn(alice));
        QWidget other;
        other.show();
        other.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&other));
        QVERIFY(!m_alerts->isInFront(alice));
    }

    void doNotDisturbSilencesThem()
    {
        QVERIFY(showWindowOn(alice));
        m_session->setPresence(PresenceStatus::DoNotDisturb);
        QCOMPARE(m_session->presence(), PresenceStatus::DoNotDisturb);
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        receive(bob, u"Urgent?"_s);
        QVERIFY(waitForMessages(added, 1));
        QVERIFY(m_notifier->shown.isEmpty());

        m_session->setPresence(PresenceStatus::Away);
        receive(bob, u"Now?"_s);
        QVERIFY(waitForMessages(added, 2));
        QCOMPARE(m_notifier->shown.size(), 1);
    }

    void aRequestIsAnnouncedOnceQuietlyAndWithoutItsText()
    {
        const QString stranger = u"stranger@example.net"_s;
        QVERIFY(showWindowOn(alice));
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        receive(stranger, u"click this link"_s);
        receive(stranger, u"hello??"_s);
        receive(bob, u"Lunch?"_s);
        QVERIFY(waitForMessages(added, 3));
        QCOMPARE(m_notifier->shown.size(), 2);
        const Notification request = m_notifier->shown.at(0);
        QCOMPARE(request.chat, stranger);
        QCOMPARE(request.title, u"Message request"_s);
        QVERIFY2(!request.body.contains(u"click"_s), qPrintable(request.body));
        QVERIFY(request.body.contains(stranger));
        QCOMPARE(m_notifier->shown.at(1).body, u"Lunch?"_s);
    }

    void hiddenRequestsAreNotAnnounced()
    {
        m_settings->setShowRequestsFromStrangers(false);
        QVERIFY(showWindowOn(alice));
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        receive(u"stranger@example.net"_s, u"anyone?"_s);
        QVERIFY(waitForMessages(added, 1));
        QVERIFY(m_notifier->shown.isEmpty());
        // Stored all the same: nothing is lost, it is only not shown.
        QCOMPARE(m_profile->store.allMessages(u"stranger@example.net"_s).result()->size(), 1);
    }

    void hideTextSettingHidesTheBody()
    {
        m_settings->setHideMessageText(true);
        QVERIFY(showWindowOn(alice));
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        receive(bob, u"my PIN is 1234"_s);
        QVERIFY(waitForMessages(added, 1));
        QCOMPARE(m_notifier->shown.size(), 1);
        const Notification n = m_notifier->shown.first();
        QCOMPARE(n.title, m_profile->roster()->displayName(bob)); // who, still
        QVERIFY2(!n.body.contains(u"1234"_s), qPrintable(n.body));
        QCOMPARE(n.body, u"New message"_s);
    }

    void notificationsOffMeansNone()
    {
        m_settings->setNotificationsEnabled(false);
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        receive(bob, u"Hello"_s);
        QVERIFY(waitForMessages(added, 1));
        QVERIFY(m_notifier->shown.isEmpty());
    }

    void ownMessagesAreNeverNotified()
    {
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        m_profile->messenger()->sendMessage(bob, u"I wrote this"_s);
        QVERIFY(waitForMessages(added, 1));
        QVERIFY(m_notifier->shown.isEmpty());
    }

    void longTextIsShortenedToOneLine()
    {
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        receive(bob, u"first line\nsecond line "_s + QString(500, u'x'));
        QVERIFY(waitForMessages(added, 1));
        const QString body = m_notifier->shown.value(0).body;
        QVERIFY(!body.contains(u'\n'));
        QVERIFY(body.size() <= MessageAlerts::MaxBodyLength);
        QVERIFY(body.endsWith(u'…'));
    }

    void clickingTheNotificationOpensTheChat()
    {
        QVERIFY(showWindowOn(alice));
        m_window->showMinimized();
        Q_EMIT m_notifier->activated(bob);
        QCOMPARE(m_window->chatPane()->chat(), bob);
        QVERIFY(m_window->isVisible());
        QVERIFY(!m_window->isMinimized());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(m_notifier->withdrawn.contains(bob)); // seen now
    }

    void summarySaysHowManyFromWhom()
    {
        QCOMPARE(MessageAlerts::summaryText(12, { u"Bob"_s, u"Carol"_s, u"Dave"_s }),
            u"12 messages from 3 people arrived while you were offline."_s);
        QCOMPARE(MessageAlerts::summaryText(3, { u"Bob"_s }),
            u"3 messages from Bob arrived while you were offline."_s);
        Localization korean;
        QCOMPARE(korean.apply(u"ko"_s), u"ko"_s);
        const QString ko = MessageAlerts::summaryText(12, { u"Bob"_s, u"Carol"_s, u"Dave"_s });
        QVERIFY(m_localization.apply(u"en"_s) == u"en"_s);
        QCOMPARE(ko, u"오프라인인 동안 3명에게서 메시지 12개가 도착했습니다."_s);
    }

    /// Coming back online: what waited is one notification, not one per
    /// message or chat; a click opens the first unread chat; what arrives
    /// live afterwards is notified as always.
    void whatArrivedOfflineIsOneSummary()
    {
        Test::TestServer server;
        QVERIFY2(server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s, u"carol:carol-pw"_s },
                     { u"alice:bob"_s, u"alice:carol"_s }),
            qPrintable(server.errorString()));
        const QString path = m_dir.filePath(u"alice-offline.db"_s);
        const QString aliceJid = server.jid(u"alice"_s);
        const QString bobJid = server.jid(u"bob"_s);
        const QString carolJid = server.jid(u"carol"_s);
        {
            // Alice's Jabberwock has been used before on this machine.
            Test::Account alice(path, Test::connectionSettings(server, u"alice"_s));
            QVERIFY(alice.opened);
            QVERIFY(alice.signIn());
            QTRY_VERIFY(alice.roster()->isContact(bobJid) && alice.roster()->isContact(carolJid));
            QTest::qWait(300);
            alice.session.disconnectFromServer();
        }
        Test::Peer bobClient(bobJid, u"bob-pw"_s, server.port(), server.certificatePath());
        Test::Peer carolClient(carolJid, u"carol-pw"_s, server.port(), server.certificatePath());
        QVERIFY(bobClient.connectAndWait());
        QVERIFY(carolClient.connectAndWait());
        for (int i = 1; i <= 3; ++i)
            bobClient.send(aliceJid, u"bob %1"_s.arg(i));
        QTest::qWait(1100); // Carol's come later: her chat is on top
        for (int i = 1; i <= 2; ++i)
            carolClient.send(aliceJid, u"carol %1"_s.arg(i));
        QTest::qWait(300);

        Test::Account alice(path, Test::connectionSettings(server, u"alice"_s));
        QVERIFY(alice.opened);
        MainWindow window(&alice.features, &alice.session);
        RecordingNotifier notifier;
        MessageAlerts alerts(&alice.features, &alice.session, m_settings.get(), &notifier);
        alerts.setWindow(&window);
        QSignalSpy caughtUp(&alice.messenger, &Messenger::caughtUp);
        QVERIFY(alice.signIn());
        QTRY_COMPARE_WITH_TIMEOUT(caughtUp.size(), 1, 15000);
        QCOMPARE(alice.history(bobJid).size(), 3);
        QCOMPARE(alice.history(carolJid).size(), 2);
        QTest::qWait(500); // nothing more comes of it
        QCOMPARE(notifier.shown.size(), 1);
        const Notification summary = notifier.shown.first();
        QCOMPARE(summary.chat, MessageAlerts::summaryKey());
        QCOMPARE(summary.title, u"New messages"_s);
        QCOMPARE(summary.body, u"5 messages from 2 people arrived while you were offline."_s);

        QTRY_COMPARE(window.conversations()->totalUnread(), 5);
        QVERIFY(!window.isVisible());
        Q_EMIT notifier.activated(summary.chat);
        QVERIFY(window.isVisible());
        QCOMPARE(window.chatPane()->chat(), carolJid);
        QVERIFY(notifier.withdrawn.contains(MessageAlerts::summaryKey()));

        // Live again: Bob's next message is told as itself.
        bobClient.send(aliceJid, u"Are you back?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(notifier.shown.size(), 2, 10000);
        QCOMPARE(notifier.shown.at(1).chat, bobJid);
        QCOMPARE(notifier.shown.at(1).body, u"Are you back?"_s);
        alice.session.disconnectFromServer();
    }

    void trayShowsTheUnreadCount()
    {
        TrayIcon tray(m_session.get(), m_settings.get());
        tray.setWindow(m_window.get());
        QCOMPARE(tray.systemTrayIcon()->toolTip(), u"Jabberwock"_s);
        QVERIFY(showWindowOn(alice));
        QSignalSpy added(m_profile->messenger(), &Messenger::messageAdded);
        receive(bob, u"one"_s);
        receive(bob, u"two"_s);
        QVERIFY(waitForMessages(added, 2));
        QTRY_COMPARE(m_window->conversations()->totalUnread(), 2);
        QCOMPARE(tray.systemTrayIcon()->toolTip(), u"Jabberwock — 2 unread messages"_s);
        QCOMPARE(TrayIcon::toolTip(1), u"Jabberwock — 1 unread message"_s);
    }

    void trayMenuSetsThePresenceAndShowsTheWindow()
    {
        TrayIcon tray(m_session.get(), m_settings.get());
        tray.setWindow(m_window.get());
        const QList<QAction *> statuses = tray.presenceActions();
        QCOMPARE(statuses.size(), 4);
        QAction *dnd = *std::find_if(statuses.cbegin(), statuses.cend(),
            [](QAction *a) { return a->data().toInt() == int(PresenceStatus::DoNotDisturb); });
        dnd->trigger();
        QCOMPARE(m_session->presence(), PresenceStatus::DoNotDisturb);
        QCOMPARE(m_window->presenceSelector()->currentData().toInt(), int(PresenceStatus::DoNotDisturb));
        Q_EMIT tray.menu()->aboutToShow();
        QVERIFY(dnd->isChecked());

        QVERIFY(!m_window->isVisible());
        Q_EMIT tray.menu()->aboutToShow();
        QCOMPARE(tray.showHideAction()->text(), u"&Show Jabberwock"_s);
        tray.showHideAction()->trigger();
        QVERIFY(m_window->isVisible());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        Q_EMIT tray.menu()->aboutToShow();
        QCOMPARE(tray.showHideAction()->text(), u"&Hide Jabberwock"_s);
        tray.showHideAction()->trigger();
        QVERIFY(!m_window->isVisible());
    }

    void closingKeepsRunningInTheTrayOnlyWhereThereIsOne()
    {
        TrayIcon tray(m_session.get(), m_settings.get());
        tray.setWindow(m_window.get());

        // This platform (offscreen) has no tray: closing quits as always.
        QCOMPARE(tray.isTrayAvailable(), QSystemTrayIcon::isSystemTrayAvailable());
        tray.setTrayAvailable(false);
        QVERIFY(!tray.keepsRunningOnClose());
        QVERIFY(QGuiApplication::quitOnLastWindowClosed());
        m_window->show();
        QVERIFY(m_window->close());

        // With a tray: closing only hides, and Jabberwock runs on.
        tray.setTrayAvailable(true);
        QVERIFY(tray.keepsRunningOnClose());
        QVERIFY(!QGuiApplication::quitOnLastWindowClosed());
        m_window->show();
        QVERIFY(!m_window->close());
        QVERIFY(!m_window->isVisible());

        // … unless the setting says otherwise.
        m_settings->setKeepRunningInTray(false);
        QVERIFY(QGuiApplication::quitOnLastWindowClosed());
        m_window->show();
        QVERIFY(m_window->close());

        // Quitting from the window's menu always lets it close.
        m_settings->setKeepRunningInTray(true);
        m_window->show();
        Q_EMIT m_window->quitRequested();
        QVERIFY(m_window->close());
    }
};

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
