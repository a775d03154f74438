// When a room's message raises a desktop notification (issue 14): a private
// group like a 1:1 chat, a public channel only on a mention of our
// nickname, and each room's own choice (all / mentions / none, kept in the
// profile's settings). Offscreen, rooms over a fake wire.
#include "chatpane.h"
#include "mainwindow.h"
#include "messagealerts.h"
#include "notifier.h"
#include "roomnotifications.h"
#include "roomactions.h"
#include "roomprofile.h"
#include "session.h"
#include "settings.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

namespace {
class RecordingNotifier final : public Notifier
{
public:
    using Notifier::Notifier;
    void show(const Notification &notification) override { shown.append(notification); }
    QList<Notification> shown;
};
} // namespace

class TestRoomNotifications final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Test::RoomProfile> m_profile;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<RecordingNotifier> m_notifier;
    std::unique_ptr<MessageAlerts> m_alerts;
    const QString room = u"team@conference.example.org"_s;

    /// Joins; in a private group the others' real addresses are shown (non-anonymous).
    bool joinAs(bool privateGroup)
    {
        if (!m_profile->join(room, u"me"_s))
            return false;
        RoomPresence p;
        p.room = room;
        p.occupant.nick = u"alice"_s;
        p.occupant.role = u"participant"_s;
        p.occupant.affiliation = u"member"_s;
        if (privateGroup)
            p.occupant.realJid = u"alice@example.org"_s;
        Q_EMIT m_profile->wire->presenceReceived(p);
        return true;
    }

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::RoomProfile>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)));
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
        m_settings = std::make_unique<Settings>(m_dir.filePath(u"p%1/jabberwock.ini"_s.arg(m_n)));
        m_window = std::make_unique<MainWindow>(m_profile->features(), m_session.get());
        m_notifier = std::make_unique<RecordingNotifier>();
        m_alerts = std::make_unique<MessageAlerts>(
            m_profile->features(), m_session.get(), m_settings.get(), m_notifier.get());
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

    void aPrivateGroupNotifiesLikeAChat()
    {
        QVERIFY(joinAs(true));
        QVERIFY(m_profile->receive(room, u"alice"_s, u"lunch?"_s));
        QTRY_COMPARE(m_notifier->shown.size(), 1);
        QCOMPARE(m_notifier->shown.first().chat, room);
        QCOMPARE(m_notifier->shown.first().title, u"alice in team"_s);
        QCOMPARE(m_notifier->shown.first().body, u"lunch?"_s);
    }

    void aPublicChannelNotifiesOnlyOnAMention()
    {
        QVERIFY(joinAs(false));
        QVERIFY(m_profile->receive(room, u"alice"_s, u"lunch?"_s));
        QTest::qWait(50);
        QCOMPARE(m_notifier->shown.size(), 0);
        QVERIFY(m_profile->receive(room, u"alice"_s, u"@me lunch?"_s));
        QTRY_COMPARE(m_notifier->shown.size(), 1);
        QCOMPARE(m_notifier->shown.first().body, u"@me lunch?"_s);
    }

    void eachRoomsChoiceHolds()
    {
        QVERIFY(joinAs(true));
        RoomNotifications::setMode(m_settings->path(), room, RoomNotify::Mentions);
        QCOMPARE(RoomNotifications::mode(m_settings->path(), room), RoomNotify::Mentions);
        QVERIFY(m_profile->receive(room, u"alice"_s, u"lunch?"_s));
        QTest::qWait(50);
        QCOMPARE(m_notifier->shown.size(), 0);
        RoomNotifications::setMode(m_settings->path(), room, RoomNotify::None);
        QVERIFY(m_profile->receive(room, u"alice"_s, u"me, lunch?"_s));
        QTest::qWait(50);
        QCOMPARE(m_notifier->shown.size(), 0);
        RoomNotifications::setMode(m_settings->path(), room, RoomNotify::All);
        QVERIFY(m_profile->receive(room, u"alice"_s, u"anyone?"_s));
        QTRY_COMPARE(m_notifier->shown.size(), 1);
        // Our own messages and the room's notices never notify.
        QVERIFY(m_profile->receive(room, QString(), u"The room is now moderated"_s, u"n1"_s));
        QTest::qWait(50);
        QCOMPARE(m_notifier->shown.size(), 1);
    }

    /// The person's choice, from the Chat menu's "Room Notifications", for the room shown.
    void theMenuSetsTheShownRoomsChoice()
    {
        QMenu *menu = m_window->roomActions()->notificationsMenu();
        // Part of the Chat menu.
        QVERIFY(m_window->menuBar()->actions().first()->menu()->actions().contains(menu->menuAction()));
        m_window->roomActions()->setSettingsPath(m_settings->path());
        QVERIFY(m_profile->join(room, u"me"_s, false, { u"muc_open"_s, u"muc_semianonymous"_s }));
        const auto action = [menu](RoomNotify mode) -> QAction * {
            for (QAction *a : menu->actions()) {
                if (!a->isSeparator() && a->data().toInt() == int(mode))
                    return a;
            }
            return nullptr;
        };
        const auto checked = [menu]() -> QAction * {
            for (QAction *a : menu->actions()) {
                if (a->isChecked())
                    return a;
            }
            return nullptr;
        };
        QVERIFY(!menu->isEnabled()); // no room shown
        m_window->openChat(room);
        QTRY_VERIFY(menu->isEnabled());
        // The default says what it means for this room: a channel, mentions.
        QCOMPARE(checked(), action(RoomNotify::Default));
        QVERIFY2(action(RoomNotify::Default)->text().contains(u"Mentions"_s),
            qPrintable(action(RoomNotify::Default)->text()));

        action(RoomNotify::None)->trigger();
        QCOMPARE(RoomNotifications::mode(m_settings->path(), room), RoomNotify::None);
        QCOMPARE(checked(), action(RoomNotify::None));
        m_window->openChat(u"bob@example.org"_s); // away from the room, so that it may notify
        QVERIFY(!menu->isEnabled());
        QVERIFY(m_profile->receive(room, u"alice"_s, u"@me lunch?"_s));
        QTest::qWait(50);
        QCOMPARE(m_notifier->shown.size(), 0);

        m_window->openChat(room);
        QTRY_VERIFY(menu->isEnabled());
        QCOMPARE(checked(), action(RoomNotify::None)); // kept
        action(RoomNotify::All)->trigger();
        m_window->openChat(u"bob@example.org"_s);
        QVERIFY(m_profile->receive(room, u"alice"_s, u"lunch at noon"_s));
        QTRY_COMPARE(m_notifier->shown.size(), 1);
        QCOMPARE(m_notifier->shown.first().body, u"lunch at noon"_s);

        // Back to the default: forgotten in the file, mentions again.
        m_window->openChat(room);
        action(RoomNotify::Default)->trigger();
        QCOMPARE(RoomNotifications::mode(m_settings->path(), room), RoomNotify::Default);
        QVERIFY(!QSettings(m_settings->path(), QSettings::IniFormat).contains(u"roomNotifications/"_s + room));
    }

    void aPrivateGroupsDefaultIsEveryMessage()
    {
        m_window->roomActions()->setSettingsPath(m_settings->path());
        QVERIFY(m_profile->join(room, u"me"_s, false, { u"muc_membersonly"_s, u"muc_nonanonymous"_s }));
        QVERIFY(m_profile->rooms()->isPrivateGroup(room));
        m_window->openChat(room);
        QMenu *menu = m_window->roomActions()->notificationsMenu();
        QTRY_VERIFY(menu->isEnabled());
        Q_EMIT menu->aboutToShow();
        const QList<QAction *> actions = menu->actions();
        const auto it = std::find_if(actions.cbegin(), actions.cend(),
            [](QAction *a) { return a->data().toInt() == int(RoomNotify::Default) && !a->isSeparator(); });
        QVERIFY(it != actions.cend());
        QVERIFY2((*it)->text().contains(u"Every Message"_s), qPrintable((*it)->text()));
        // Even with nobody's address shown, the room's own word makes it a private group.
        m_window->openChat(u"bob@example.org"_s);
        QVERIFY(m_profile->receive(room, u"alice"_s, u"anyone for lunch?"_s));
        QTRY_COMPARE(m_notifier->shown.size(), 1);
    }
};

QTEST_MAIN(TestRoomNotifications)
#include "tst_roomnotifications.moc"
