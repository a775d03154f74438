// "New Group…" (issue 14): the dialog asks only for a name, a kind and,
// optionally, contacts to invite; from the main window's Chat menu it makes
// the room through RoomCreation, and says why when it cannot. Offscreen;
// tests/integration/tst_roomcreation.cpp makes rooms on a real Prosody.
#include "addressdialog.h"
#include "mainwindow.h"
#include "newgroupdialog.h"
#include "roomactions.h"
#include "roomcreation.h"
#include "roomprofile.h"
#include "session.h"
#include "types.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

namespace {

Contact contact(const QString &jid, const QString &name)
{
    Contact c;
    c.jid = jid;
    c.name = name;
    c.inRoster = true;
    return c;
}

} // namespace

class TestNewGroupDialog final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void aNameAKindAndWhomToInvite()
    {
        NewGroupDialog dialog(
            { contact(u"bob@example.org"_s, u"Bob"_s), contact(u"carol@example.org"_s, QString()) });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // Nothing typed: Create is off, and Enter does not make anything.
        QVERIFY(!dialog.createButton()->isEnabled());
        QTest::keyClicks(dialog.nameEdit(), u"   "_s);
        QVERIFY(!dialog.createButton()->isEnabled());
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
        QVERIFY(dialog.isVisible());

        // A private group unless the person chooses otherwise, and what that means is said.
        QVERIFY(dialog.privateButton()->isChecked());
        QCOMPARE(dialog.kind(), RoomKind::PrivateGroup);
        QVERIFY(dialog.kindLabel()->text().contains(u"Only the people invited"_s));
        dialog.publicButton()->click();
        QCOMPARE(dialog.kind(), RoomKind::PublicChannel);
        QVERIFY(dialog.kindLabel()->text().contains(u"Anyone can find it"_s));
        dialog.privateButton()->click();
        QCOMPARE(dialog.kind(), RoomKind::PrivateGroup);

        // The contacts by name (the address where there is none), none picked.
        QListWidget *list = dialog.contactList();
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->item(0)->text(), u"Bob"_s);
        QCOMPARE(list->item(1)->text(), u"carol@example.org"_s);
        QVERIFY(dialog.invitees().isEmpty());
        list->item(1)->setCheckState(Qt::Checked);
        QCOMPARE(dialog.invitees(), QStringList { u"carol@example.org"_s });

        // Hangul comes through the input method: as committed text.
        dialog.nameEdit()->clear();
        dialog.nameEdit()->insert(u" 팀"_s);
        QTest::keyClicks(dialog.nameEdit(), u" Team "_s);
        QVERIFY(dialog.createButton()->isEnabled());
        QCOMPARE(dialog.name(), u"팀 Team"_s);
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void withoutContactsTheListIsHidden()
    {
        NewGroupDialog dialog({});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.contactList()->isVisible());
        QVERIFY(dialog.invitees().isEmpty());
    }

    /// From the Chat menu: the dialog opens; offline, nothing is made and a message says why.
    void fromTheChatMenuOfflineSaysWhy()
    {
        QVERIFY(m_dir.isValid());
        Test::RoomProfile profile(m_dir.filePath(u"menu.db"_s));
        QVERIFY(profile.ok());
        Session session;
        MainWindow window(profile.features(), &session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QAction *action = window.roomActions()->newGroupAction();
        bool inChatMenu = false;
        for (QAction *menu : window.menuBar()->actions()) {
            if (menu->menu() && menu->menu()->actions().contains(action))
                inChatMenu = true;
        }
        QVERIFY(inChatMenu);
        QCOMPARE(action->text(), u"New &Group…"_s);

        QSignalSpy failed(profile.features()->roomCreation(), &RoomCreation::failed);
        action->trigger();
        NewGroupDialog *dialog = window.findChild<NewGroupDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->nameEdit()->insert(u"팀 Team"_s);
        dialog->createButton()->click();
        QCOMPARE(failed.size(), 1);
        QTRY_VERIFY(window.roomActions()->creationProblem());
        auto *box = qobject_cast<QMessageBox *>(window.roomActions()->creationProblem());
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), u"The group “팀 Team” could not be made."_s);
        QVERIFY(box->informativeText().contains(u"offline"_s));
        QVERIFY(profile.rooms()->rooms().isEmpty());
        QVERIFY(action->isEnabled()); // the person can try again
    }
};

QTEST_MAIN(TestNewGroupDialog)
#include "tst_newgroupdialog.moc"
