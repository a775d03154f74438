// Moderating the shown room (issue 14) over a fake room wire: the occupant
// list's context menu offers what our role and affiliation allow for that
// person, a ban and a destruction are confirmed, the subject and the
// nickname are changed through their dialogs, a taken nickname is said and
// another offered, and a refusal is said in a sentence.
#include "addressdialog.h"
#include "chatpane.h"
#include "mainwindow.h"
#include "moderationactions.h"
#include "nickdialog.h"
#include "roomactions.h"
#include "roommoderation.h"
#include "roomprofile.h"
#include "session.h"

#include <QAction>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

class TestModeration final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Test::RoomProfile> m_profile;
    std::unique_ptr<Session> m_session; ///< the connection the window shows: never connected
    std::unique_ptr<MainWindow> m_window;

    const QString room = u"team@conference.example.org"_s;

    ModerationActions *actions() const { return m_window->roomActions()->moderation(); }

    /// In the room as "me" with `role` and `affiliation`, shown; Bob
    /// (participant, member), Carol (participant, none) and Dave (moderator,
    /// admin) are in.
    bool enter(const QString &role, const QString &affiliation)
    {
        if (!m_profile->join(room, u"me"_s))
            return false;
        Test::FakeRoomWire *wire = m_profile->wire;
        wire->occupantPresence(room, u"Bob"_s, true, u"participant"_s, {}, u"member"_s, u"bob@example.org"_s);
        wire->occupantPresence(room, u"Carol"_s, true, u"participant"_s, {}, u"none"_s);
        wire->occupantPresence(room, u"Dave"_s, true, u"moderator"_s, {}, u"admin"_s);
        wire->selfPresence(room, u"me"_s, {}, {}, true, role, affiliation);
        m_window->openChat(room);
        return m_window->chatPane()->isRoom() && m_window->chatPane()->chat() == room;
    }

    /// The enabled actions of the occupant menu for `nick`, by object name.
    QStringList enabledFor(const QString &nick)
    {
        std::unique_ptr<QMenu> menu(actions()->occupantMenu(nick, m_window.get()));
        QStringList enabled;
        const QList<QAction *> all = menu->actions();
        for (const QAction *a : all) {
            if (!a->isSeparator() && a->isEnabled())
                enabled.append(a->objectName());
        }
        return enabled;
    }

    QAction *menuAction(QMenu *menu, const QString &name)
    {
        const QList<QAction *> all = menu->actions();
        for (QAction *a : all) {
            if (a->objectName() == name)
                return a;
        }
        return nullptr;
    }

    static void confirm(QMessageBox *box)
    {
        QVERIFY(box);
        auto *yes = box->findChild<QPushButton *>(u"confirm"_s);
        QVERIFY(yes);
        yes->click();
    }

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::RoomProfile>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)));
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
        m_window = std::make_unique<MainWindow>(m_profile->features(), m_session.get());
        m_window->show();
    }
    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        m_profile.reset();
    }

    void theOccupantMenuOffersWhatWeMay_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("affiliation");
        QTest::addColumn<QString>("nick");
        QTest::addColumn<QStringList>("enabled");
        const QString kick = u"kick"_s, ban = u"ban"_s, grant = u"grantMembership"_s, revoke = u"revokeMembership"_s;
        QTest::newRow("owner, member") << u"moderator"_s << u"owner"_s << u"Bob"_s << QStringList { kick, ban, revoke };
        QTest::newRow("owner, none") << u"moderator"_s << u"owner"_s << u"Carol"_s << QStringList { kick, ban, grant };
        QTest::newRow("owner, admin") << u"moderator"_s << u"owner"_s << u"Dave"_s << QStringList { ban };
        QTest::newRow("admin, admin") << u"moderator"_s << u"admin"_s << u"Dave"_s << QStringList();
        QTest::newRow("moderator, member") << u"moderator"_s << u"none"_s << u"Bob"_s << QStringList { kick };
        QTest::newRow("participant") << u"participant"_s << u"member"_s << u"Carol"_s << QStringList();
        QTest::newRow("ourselves") << u"moderator"_s << u"owner"_s << u"me"_s << QStringList();
    }

    void theOccupantMenuOffersWhatWeMay()
    {
        QFETCH(QString, role);
        QFETCH(QString, affiliation);
        QFETCH(QString, nick);
        QFETCH(QStringList, enabled);
        QVERIFY(enter(role, affiliation));
        QCOMPARE(enabledFor(nick), enabled);
        // The room menu too.
        QCOMPARE(actions()->destroyAction()->isEnabled(), affiliation == u"owner");
        QCOMPARE(actions()->subjectAction()->isEnabled(), role == u"moderator");
        QCOMPARE(actions()->addMemberAction()->isEnabled(), affiliation == u"owner" || affiliation == u"admin");
        QVERIFY(actions()->nickAction()->isEnabled());
        // The list asks for its menu on a right click.
        QCOMPARE(m_window->chatPane()->occupantList()->contextMenuPolicy(), Qt::CustomContextMenu);
    }

    void kickBanAndMembershipGoToTheRoom()
    {
        QVERIFY(enter(u"moderator"_s, u"owner"_s));
        Test::FakeRoomWire *wire = m_profile->wire;
        std::unique_ptr<QMenu> menu(actions()->occupantMenu(u"Carol"_s, m_window.get()));
        // A kick asks for a reason, which goes with it.
        menuAction(menu.get(), u"kick"_s)->trigger();
        QInputDialog *kick = actions()->inputDialog();
        QVERIFY(kick);
        QVERIFY(kick->labelText().contains(u"Carol"_s));
        QCOMPARE(wire->requests.size(), 0);
        kick->setTextValue(u" 도배 그만 "_s);
        kick->accept();
        QCOMPARE(wire->requests.size(), 1);
        QCOMPARE(wire->requests.last().item.nick, u"Carol"_s);
        QCOMPARE(wire->requests.last().item.role, u"none"_s);
        QCOMPARE(wire->requests.last().item.reason, u"도배 그만"_s);

        // A ban asks first; cancelled, nothing goes out.
        menuAction(menu.get(), u"ban"_s)->trigger();
        QInputDialog *ban = actions()->inputDialog();
        QVERIFY(ban);
        QVERIFY(ban->labelText().contains(u"Carol"_s));
        ban->reject();
        QCOMPARE(wire->requests.size(), 1);
        menuAction(menu.get(), u"ban"_s)->trigger();
        ban = actions()->inputDialog();
        QVERIFY(ban);
        ban->accept(); // no reason: none is sent
        QCOMPARE(wire->requests.size(), 2);
        QCOMPARE(wire->requests.last().item.affiliation, u"outcast"_s);
        QCOMPARE(wire->requests.last().item.reason, QString());

        menuAction(menu.get(), u"grantMembership"_s)->trigger();
        QCOMPARE(wire->requests.last().item.affiliation, u"member"_s);
        std::unique_ptr<QMenu> bobs(actions()->occupantMenu(u"Bob"_s, m_window.get()));
        menuAction(bobs.get(), u"revokeMembership"_s)->trigger();
        QCOMPARE(wire->requests.last().item.affiliation, u"none"_s);
        QCOMPARE(wire->requests.last().item.jid, u"bob@example.org"_s);

        // By address.
        QInputDialog *add = actions()->addMember();
        QVERIFY(add);
        add->setTextValue(u" erin@example.org/phone "_s);
        add->accept();
        QCOMPARE(wire->requests.last().item.jid, u"erin@example.org"_s);
        QCOMPARE(wire->requests.last().item.affiliation, u"member"_s);

        // The room refuses: said in a sentence.
        Q_EMIT wire->requestAnswered(room, wire->requests.last().id, u"not-allowed"_s, {});
        QTRY_VERIFY(actions()->problem());
        QCOMPARE(actions()->problem()->text(),
            RoomModeration::sentence(RoomRules::Action::GrantMembership, room, u"erin@example.org"_s,
                u"not-allowed"_s));
    }

    void theSubjectAndTheDestructionFromTheRoomMenu()
    {
        QVERIFY(enter(u"moderator"_s, u"owner"_s));
        Test::FakeRoomWire *wire = m_profile->wire;
        m_profile->wire->subject(room, u"old"_s);
        actions()->subjectAction()->trigger();
        QInputDialog *dialog = actions()->changeSubject();
        QVERIFY(dialog);
        QCOMPARE(dialog->textValue(), u"old"_s);
        dialog->setTextValue(u"출시 준비"_s);
        dialog->accept();
        QCOMPARE(wire->requests.last().kind, u"subject"_s);
        QCOMPARE(wire->requests.last().text, u"출시 준비"_s);
        // The room's reflection is what the header shows.
        wire->subject(room, u"출시 준비"_s);
        QTRY_VERIFY(m_window->chatPane()->subjectLabel()->text().contains(u"출시 준비"_s));

        const qsizetype before = wire->requests.size();
        actions()->destroyAction()->trigger();
        QMessageBox *box = actions()->confirmation();
        QVERIFY(box);
        QVERIFY(box->text().contains(room));
        confirm(box);
        QCOMPARE(wire->requests.size(), before + 1);
        QCOMPARE(wire->requests.last().kind, u"destroy"_s);
        // The room is gone: the view says so and stays readable.
        RoomPresence gone;
        gone.room = room;
        gone.occupant.nick = u"me"_s;
        gone.available = false;
        gone.destroyed = true;
        Q_EMIT wire->presenceReceived(gone);
        QTRY_VERIFY(m_window->chatPane()->roomProblemLabel()->isVisible());
        QCOMPARE(m_window->chatPane()->roomProblemLabel()->text(),
            Rooms::sentence(Rooms::Removal::Destroyed, room));
        QVERIFY(!actions()->destroyAction()->isEnabled());
        QCOMPARE(m_window->chatPane()->chat(), room);
    }

    void aTakenNicknameIsSaidAndAnotherOffered()
    {
        QVERIFY(enter(u"participant"_s, u"none"_s));
        Test::FakeRoomWire *wire = m_profile->wire;
        actions()->nickAction()->trigger();
        NickDialog *dialog = actions()->nickDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->nick(), u"me"_s);
        auto *ok = dialog->findChild<QPushButton *>();
        QVERIFY(ok);
        QVERIFY(!dialog->problemLabel()->isVisible());
        dialog->nickEdit()->setText(u"Bob"_s);
        dialog->accept();
        QCOMPARE(wire->nickChanges.last(), room + u"/Bob"_s);
        // The room says the nickname is taken (409).
        Q_EMIT wire->joinFailed(room, u"Bob"_s, JoinError::NickTaken, {});
        QTRY_VERIFY(actions()->nickDialog() && actions()->nickDialog() != dialog);
        NickDialog *again = actions()->nickDialog();
        QTRY_VERIFY(again->problemLabel()->isVisible());
        QCOMPARE(again->problemLabel()->text(), Rooms::sentence(JoinError::NickTaken, room, u"Bob"_s));
        QCOMPARE(again->nick(), u"Bob_"_s);
        again->accept();
        QCOMPARE(wire->nickChanges.last(), room + u"/Bob_"_s);
        // The room takes it: our nickname follows.
        RoomPresence moved;
        moved.room = room;
        moved.occupant.nick = u"me"_s;
        moved.available = false;
        moved.statusCodes = { 303, 110 };
        moved.newNick = u"Bob_"_s;
        Q_EMIT wire->presenceReceived(moved);
        wire->selfPresence(room, u"Bob_"_s);
        QTRY_COMPARE(m_profile->rooms()->nick(room), u"Bob_"_s);
    }
};

QTEST_MAIN(TestModeration)
#include "tst_moderation.moc"
