// Invitations to rooms in the main window (issue 14): an invitation received
// shows in its chat with Join and Decline; Join asks in New chat with the
// room and password filled in (never joins by itself); Decline of a mediated
// one tells the room; "Invite…" for the shown room sends XEP-0249
// invitations to the contacts ticked. Offscreen, over a real history, a
// fake transport and a fake room wire.
#include "addressdialog.h"
#include "chatpane.h"
#include "invitationactions.h"
#include "invitationbar.h"
#include "invitedialog.h"
#include "mainwindow.h"
#include "roomactions.h"
#include "roomprofile.h"
#include "session.h"

#include <QAction>
#include <QDomDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmppClient.h>
#include <QXmppMessage.h>
#include <QXmppRosterManager.h>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

namespace {

QXmppMessage stanza(const QString &xml)
{
    QDomDocument doc;
    (void)doc.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing);
    QXmppMessage m;
    m.parse(doc.documentElement());
    return m;
}

} // namespace

class TestInvitationView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Test::RoomProfile> m_profile;
    std::unique_ptr<Session> m_session;
    const QString jenny = u"jenny@example.org"_s;
    const QString room = u"team@conference.example.org"_s;

    Test::FakeTransport &transport() { return m_profile->profile.transport; }
    bool receive(const QString &xml)
    {
        QSignalSpy added(m_profile->profile.messenger(), &Messenger::messageAdded);
        transport().receive(stanza(xml));
        return added.wait();
    }
    /// A roster push from our server, as QXmpp's roster manager takes it.
    bool addContact(const QString &jid, const QString &name)
    {
        QDomDocument doc;
        (void)doc.setContent(u"<iq xmlns='jabber:client' type='set' id='push'><query xmlns='jabber:iq:roster'>"
                              "<item jid='%1' name='%2' subscription='both'/></query></iq>"_s.arg(jid, name),
            QDomDocument::ParseOption::UseNamespaceProcessing);
        transport().client()->findExtension<QXmppRosterManager>()->handleStanza(doc.documentElement());
        return QTest::qWaitFor([&] {
            return m_profile->profile.roster()->isContact(jid)
                && m_profile->profile.requests()->standing(jid) == Standing::Contact;
        });
    }

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::RoomProfile>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)));
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
        transport().setOnline(true);
    }
    void cleanup()
    {
        m_session.reset();
        m_profile.reset();
    }

    void joinAsksWithTheRoomFilledIn()
    {
        QVERIFY(addContact(jenny, u"Jenny"_s));
        MainWindow window(m_profile->features(), m_session.get());
        window.show();
        QVERIFY(receive(u"<message xmlns='jabber:client' from='jenny@example.org/pc' id='a'>"
                        "<x xmlns='jabber:x:conference' jid='team@conference.example.org' password='열쇠' "
                        "reason='3시 회의'/></message>"_s));
        window.openChat(jenny);
        InvitationBar *bar = window.chatPane()->invitationBar();
        QVERIFY(QTest::qWaitFor([&] { return bar->isVisible(); }));
        QCOMPARE(bar->invitation().room, room);
        QVERIFY(bar->textLabel()->text().contains(u"Jenny"_s));
        QVERIFY(bar->textLabel()->text().contains(room));
        QVERIFY(bar->textLabel()->text().contains(u"3시 회의"_s));
        QCOMPARE(bar->textLabel()->textFormat(), Qt::PlainText);
        QVERIFY(m_profile->rooms()->rooms().isEmpty()); // nothing joined by itself

        QTest::mouseClick(bar->joinButton(), Qt::LeftButton);
        AddressDialog *dialog = window.roomActions()->problemDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->address(), room);
        QVERIFY(dialog->isRoom());
        QCOMPARE(dialog->password(), u"열쇠"_s);
        QVERIFY(!bar->isVisible()); // answered
        QVERIFY(m_profile->rooms()->rooms().isEmpty()); // still only asked
        dialog->accept();
        QVERIFY(QTest::qWaitFor([&] { return m_profile->rooms()->rooms().contains(room); }));
    }

    void declineTellsTheRoom()
    {
        MainWindow window(m_profile->features(), m_session.get());
        window.show();
        QVERIFY(receive(u"<message xmlns='jabber:client' from='team@conference.example.org' id='b'>"
                        "<x xmlns='http://jabber.org/protocol/muc#user'><invite from='carol@example.org/pc'>"
                        "<reason>오세요</reason></invite></x></message>"_s));
        window.openChat(room);
        InvitationBar *bar = window.chatPane()->invitationBar();
        QVERIFY(QTest::qWaitFor([&] { return bar->isVisible(); }));
        QVERIFY(bar->invitation().mediated);
        QVERIFY(bar->textLabel()->text().contains(u"carol@example.org"_s));
        const qsizetype before = transport().sent().size();
        QTest::mouseClick(bar->declineButton(), Qt::LeftButton);
        QCOMPARE(transport().sent().size(), before + 1);
        const QXmppMessage decline = transport().sent().last();
        QCOMPARE(decline.to(), room);
        QCOMPARE(decline.extensions().value(0).firstChildElement(u"decline"_s).attribute(u"to"_s),
            u"carol@example.org"_s);
        QVERIFY(!bar->isVisible());
        QVERIFY(m_profile->rooms()->rooms().isEmpty());
    }

    void invitesTheContactsTicked()
    {
        QVERIFY(addContact(jenny, u"Jenny"_s));
        QVERIFY(addContact(u"carol@example.org"_s, u"Carol"_s));
        MainWindow window(m_profile->features(), m_session.get());
        window.show();
        QAction *invite = window.invitationActions()->inviteAction();
        QVERIFY(!invite->isEnabled()); // no room shown
        QVERIFY(m_profile->join(room, u"me"_s));
        window.openChat(room);
        QVERIFY(QTest::qWaitFor([&] { return invite->isEnabled(); }));
        invite->trigger();
        InviteDialog *dialog = window.invitationActions()->inviteDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->contactList()->count(), 2);
        QVERIFY(!dialog->inviteButton()->isEnabled());
        for (int i = 0; i < dialog->contactList()->count(); ++i) {
            if (dialog->contactList()->item(i)->data(Qt::UserRole).toString() == jenny)
                dialog->contactList()->item(i)->setCheckState(Qt::Checked);
        }
        QVERIFY(dialog->inviteButton()->isEnabled());
        dialog->reasonEdit()->setText(u"들어와요"_s);
        const qsizetype before = transport().sent().size();
        QTest::mouseClick(dialog->inviteButton(), Qt::LeftButton);
        QCOMPARE(transport().sent().size(), before + 1);
        const QXmppMessage sent = transport().sent().last();
        QCOMPARE(sent.to(), jenny);
        QCOMPARE(sent.mucInvitationJid(), room);
        QCOMPARE(sent.mucInvitationReason(), u"들어와요"_s);
    }
};

QTEST_MAIN(TestInvitationView)
#include "tst_invitationview.moc"
