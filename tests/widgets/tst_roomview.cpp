// Rooms in the main window (issue 14): in the Chats list with their kind,
// unread count and "nick: text" line; the room's messages with nicknames,
// notices, the "New messages" and arrived-offline line; sending through
// Rooms. Offscreen, over a real history and a fake room wire
// (tests/widgets/roomprofile.h).
#include "addressdialog.h"
#include "bookmarks.h"
#include "chatpane.h"
#include "composer.h"
#include "conversationdelegate.h"
#include "mainwindow.h"
#include "messagedelegate.h"
#include "models.h"
#include "occupantsmodel.h"
#include "peerbanner.h"
#include "readtracker.h"
#include "roomactions.h"
#include "roommembership.h"
#include "roomprofile.h"
#include "session.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

class TestRoomView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Test::RoomProfile> m_profile;
    std::unique_ptr<Session> m_session; ///< the connection the window shows: never connected

    const QString room = u"team@conference.example.org"_s;

    static bool activate(QWidget *window)
    {
        window->show();
        window->activateWindow();
        return QTest::qWaitForWindowActive(window);
    }
    QModelIndex rowOf(const MainWindow &window, const QString &chat) const
    {
        const ConversationsModel *list = window.conversations();
        return list->index(list->rowOf(chat));
    }
    static QList<int> lineRows(const MessagesModel *model)
    {
        QList<int> rows;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row).data(MessagesModel::NewMessagesLineRole).toBool())
                rows.append(row);
        }
        return rows;
    }

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::RoomProfile>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)));
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
    }
    void cleanup()
    {
        m_session.reset();
        m_profile.reset();
    }

    void aRoomIsInTheChatsListWithItsLastLine()
    {
        MainWindow window(m_profile->features(), m_session.get());
        window.show();
        QVERIFY(m_profile->join(room, u"me"_s));
        // Joined: in the list at once, before anyone wrote.
        QTRY_VERIFY(rowOf(window, room).isValid());
        QCOMPARE(rowOf(window, room).data(ConversationsModel::KindRole).toInt(), int(ChatKind::GroupChat));
        QCOMPARE(rowOf(window, room).data(ConversationsModel::NameRole).toString(), u"team"_s);

        QVERIFY(m_profile->receive(room, u"alice"_s, u"lunch at noon?"_s));
        QVERIFY(m_profile->receive(room, u"bob"_s, u"yes"_s));
        QTRY_COMPARE(rowOf(window, room).data(ConversationsModel::UnreadRole).toInt(), 2);
        const QModelIndex row = rowOf(window, room);
        QCOMPARE(row.data(ConversationsModel::LastNickRole).toString(), u"bob"_s);
        QCOMPARE(row.data(ConversationsModel::LastBodyRole).toString(), u"yes"_s);
        // A room is never a message request, though nobody in it is a contact.
        QVERIFY(!row.data(ConversationsModel::RequestRole).toBool());
        QTRY_COMPARE(window.conversationList()->model()->rowCount(), 1);
        QCOMPARE(window.requestList()->model()->rowCount(), 0);
        QCOMPARE(window.conversations()->totalUnread(), 2);
        QTRY_VERIFY(window.windowTitle().startsWith(u"(2) Jabberwock"_s));
        // The line a person reads under the room's name.
        QCOMPARE(ConversationDelegate::tr("%1: %2", "room preview: nickname, text").arg(u"bob"_s, u"yes"_s),
            u"bob: yes"_s);
    }

    void aRoomShowsNicknamesNoticesAndItsSubject()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        m_profile->wire->subject(room, u"Release on Friday"_s);
        QVERIFY(m_profile->receive(room, u"alice"_s, u"hi all"_s));
        QVERIFY(m_profile->receive(room, QString(), u"The room is now moderated"_s, u"n1"_s));
        window.openChat(room);
        ChatPane *pane = window.chatPane();
        QVERIFY(pane->isRoom());
        MessagesModel *model = pane->model();
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0).data(MessagesModel::SenderRole).toString(), u"alice"_s);
        QVERIFY(!model->index(0).data(MessagesModel::NoticeRole).toBool());
        // From the room itself, without a nickname: a notice, not a person.
        QVERIFY(model->index(1).data(MessagesModel::NoticeRole).toBool());
        QCOMPARE(pane->subjectLabel()->text(), u"Release on Friday"_s);
        QVERIFY(pane->subjectLabel()->isVisible());
        QVERIFY(!pane->presenceLabel()->isVisible());
        QVERIFY(pane->peerBanner()->isHidden());
        // A notice is a line, lower than a message with its bubble and sender.
        QListView *view = pane->messageView();
        QTRY_VERIFY(view->visualRect(view->model()->index(1, 0)).height() > 0);
        QVERIFY(view->visualRect(view->model()->index(1, 0)).height()
            < view->visualRect(view->model()->index(0, 0)).height());
        m_profile->wire->subject(room, u"Release moved to Monday"_s);
        QTRY_COMPARE(pane->subjectLabel()->text(), u"Release moved to Monday"_s);
    }

    void theLineCountsWhatArrivedWhileOfflineAsFor1to1()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s, true));
        // Three waited in the room's archive; then one live.
        QTRY_COMPARE(m_profile->wire->archiveRequests.size(), 1);
        for (int i = 0; i < 3; ++i) {
            RoomStanza s = Test::FakeRoomWire::text(
                room, u"alice"_s, u"waited %1"_s.arg(i), u"w%1"_s.arg(i), u"sid%1"_s.arg(i));
            s.stamp = QDateTime::currentDateTimeUtc().addSecs(-600 + i);
            Q_EMIT m_profile->wire->archiveMessage(s);
        }
        Q_EMIT m_profile->wire->archivePageDone(room, u"sid2"_s, true);
        QTRY_VERIFY(m_profile->rooms()->isCaughtUp(room));
        QVERIFY(m_profile->receive(room, u"bob"_s, u"and one live"_s));
        QTRY_COMPARE(rowOf(window, room).data(ConversationsModel::UnreadRole).toInt(), 4);

        window.openChat(room);
        MessagesModel *model = window.chatPane()->model();
        QTRY_COMPARE(model->rowCount(), 4);
        QTRY_COMPARE(lineRows(model), QList<int> { 0 });
        QCOMPARE(model->index(0).data(MessagesModel::OfflineArrivalsRole).toInt(), 3);
        QVERIFY(model->index(2).data(MessagesModel::ArrivedOfflineRole).toBool());
        QVERIFY(!model->index(3).data(MessagesModel::ArrivedOfflineRole).toBool());
        // Shown in the active window: read, as a 1:1 chat would be.
        QTRY_COMPARE(rowOf(window, room).data(ConversationsModel::UnreadRole).toInt(), 0);
    }

    void aRoomInAnInactiveWindowStaysUnread()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        window.openChat(room);
        QWidget other;
        other.resize(200, 100);
        QVERIFY(activate(&other));
        QTRY_VERIFY(!m_profile->profile.tracker()->isWindowActive());
        QVERIFY(m_profile->receive(room, u"alice"_s, u"are you there?"_s));
        QTRY_COMPARE(window.chatPane()->model()->rowCount(), 1);
        QTest::qWait(50);
        QCOMPARE(rowOf(window, room).data(ConversationsModel::UnreadRole).toInt(), 1);
        QVERIFY(activate(&window));
        QTRY_COMPARE(rowOf(window, room).data(ConversationsModel::UnreadRole).toInt(), 0);
    }

    void theComposerSendsThroughTheRoom()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        QTRY_VERIFY(m_profile->rooms()->isCaughtUp(room));
        window.openChat(room);
        Composer *composer = window.chatPane()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, u"hello room"_s);
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_COMPARE(m_profile->wire->sent.size(), 1);
        QCOMPARE(m_profile->wire->sent.first().room, room);
        QCOMPARE(m_profile->wire->sent.first().body, u"hello room"_s);
        MessagesModel *model = window.chatPane()->model();
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0).data(MessagesModel::SenderRole).toString(), MessagesModel::tr("You"));
        QCOMPARE(model->index(0).data(MessagesModel::DirectionRole).toInt(), int(Direction::Outgoing));
        QCOMPARE(composer->toPlainText(), QString());
    }

    void theMembersPanelListsTheOccupantsAndHides()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        m_profile->wire->occupantPresence(room, u"alice"_s);
        window.openChat(room);
        ChatPane *pane = window.chatPane();
        QTRY_VERIFY(pane->occupantList()->isVisible());
        QCOMPARE(pane->occupantList()->model()->rowCount(), 2);
        m_profile->wire->occupantPresence(room, u"bob"_s);
        QCOMPARE(pane->occupantList()->model()->rowCount(), 3);
        QTest::mouseClick(pane->membersButton(), Qt::LeftButton);
        QVERIFY(!pane->occupantList()->isVisible());
        QTest::mouseClick(pane->membersButton(), Qt::LeftButton);
        QVERIFY(pane->occupantList()->isVisible());
    }

    void aMemberOpensAPrivateChatThroughTheRoom()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        m_profile->wire->occupantPresence(room, u"alice"_s);
        window.openChat(room);
        ChatPane *pane = window.chatPane();
        QListView *members = pane->occupantList();
        QTRY_VERIFY(members->isVisible());
        const auto rowOfNick = [members](const QString &nick) {
            for (int row = 0; row < members->model()->rowCount(); ++row) {
                if (members->model()->index(row, 0).data(OccupantsModel::NickRole).toString() == nick)
                    return members->model()->index(row, 0);
            }
            return QModelIndex();
        };
        // Ourselves: nothing to open.
        members->setFocus();
        members->setCurrentIndex(rowOfNick(u"me"_s));
        QTest::keyClick(members, Qt::Key_Return);
        QCOMPARE(pane->chat(), room);

        members->setCurrentIndex(rowOfNick(u"alice"_s));
        QTest::keyClick(members, Qt::Key_Return);
        const QString withAlice = room + u"/alice"_s;
        QTRY_COMPARE(pane->chat(), withAlice);
        QVERIFY(!pane->isRoom());
        QCOMPARE(pane->nameLabel()->text(), u"alice (private, through team)"_s);
        // No status to ask for, no contact to add: the room says who is there.
        QCOMPARE(pane->presenceLabel()->text(), QString());
        QCOMPARE(pane->peerBanner()->text(), QString());
        QVERIFY(!members->isVisible());
        // In the Chats list under that name, not as a request.
        QTRY_VERIFY(rowOf(window, withAlice).isValid());
        QCOMPARE(rowOf(window, withAlice).data(Qt::DisplayRole).toString(), u"alice (private, through team)"_s);

        // Written there, it is the private chat's, not the room's.
        QTRY_COMPARE(pane->composer()->hasFocus(), true);
        QTest::keyClicks(pane->composer(), u"just between us"_s);
        QTest::keyClick(pane->composer(), Qt::Key_Return);
        QTRY_COMPARE(pane->model()->rowCount(), 1);
        QCOMPARE(pane->model()->index(0).data(MessagesModel::DirectionRole).toInt(), int(Direction::Outgoing));
        QCOMPARE(m_profile->wire->sent.size(), 0);
        QCOMPARE(m_profile->profile.store.allMessages(withAlice).result()->size(), 1);
        QCOMPARE(m_profile->profile.store.allMessages(room).result()->size(), 0);
    }

    void atCompletesNicknames()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        m_profile->wire->occupantPresence(room, u"Alice"_s);
        m_profile->wire->occupantPresence(room, u"bob"_s);
        window.openChat(room);
        Composer *composer = window.chatPane()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, u"hi @al"_s);
        QCompleter *completer = window.chatPane()->nickCompleter();
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->completionCount(), 1);
        QCOMPARE(completer->currentCompletion(), u"Alice"_s);
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QTRY_COMPARE(composer->toPlainText(), u"hi @Alice "_s);
        QVERIFY(m_profile->wire->sent.isEmpty()); // Enter chose the nickname; nothing was sent
    }

    void mentionsOfOurNicknameAreMarked()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        QVERIFY(m_profile->receive(room, u"alice"_s, u"@me can you look?"_s));
        QVERIFY(m_profile->receive(room, u"bob"_s, u"meeting at 3"_s));
        window.openChat(room);
        MessagesModel *model = window.chatPane()->model();
        QTRY_COMPARE(model->rowCount(), 2);
        QVERIFY(model->index(0).data(MessagesModel::MentionRole).toBool());
        QVERIFY(!model->index(1).data(MessagesModel::MentionRole).toBool());
    }

    void ourMessageShowsHowManyHaveReadIt()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        QTRY_VERIFY(m_profile->rooms()->isCaughtUp(room));
        window.openChat(room);
        QVERIFY(m_profile->receive(room, u"alice"_s, u"lunch?"_s, u"a1"_s));
        const QString id = m_profile->rooms()->send(room, u"점심 먹으러 가요"_s);
        QTRY_COMPARE(m_profile->wire->sent.size(), 1);
        // The room reflects ours with its stanza-id; the others' markers name that id.
        m_profile->wire->receive(Test::FakeRoomWire::text(room, u"me"_s, u"점심 먹으러 가요"_s, id, u"sid-2"_s));
        MessagesModel *model = window.chatPane()->model();
        QTRY_COMPARE(model->rowCount(), 2);
        const QModelIndex mine = model->index(1);
        QCOMPARE(mine.data(MessagesModel::DirectionRole).toInt(), int(Direction::Outgoing));
        QTRY_COMPARE(mine.data(MessagesModel::StateRole).toInt(), int(DeliveryState::Sent));
        QCOMPARE(MessageDelegate::markFor(mine), MessageDelegate::stateMark(DeliveryState::Sent, {}));

        m_profile->wire->displayedMarker(room, u"alice"_s, u"sid-2"_s);
        QTRY_COMPARE(MessageDelegate::markFor(model->index(1)), u"Read by 1"_s);
        m_profile->wire->displayedMarker(room, u"me"_s, u"sid-2"_s); // ourselves: not counted
        m_profile->wire->displayedMarker(room, u"bob"_s, u"sid-2"_s);
        QTRY_COMPARE(MessageDelegate::markFor(model->index(1)), u"Read by 2"_s);
        QTest::qWait(50);
        QCOMPARE(MessageDelegate::markFor(model->index(1)), u"Read by 2"_s);
        // Alice's message is not ours: no mark.
        QCOMPARE(MessageDelegate::markFor(model->index(0)), QString());

        // The tooltip names them, as the view shows it.
        QListView *view = window.chatPane()->messageView();
        QVERIFY(qobject_cast<MessageDelegate *>(view->itemDelegate()));
        QTRY_VERIFY(view->visualRect(view->model()->index(1, 0)).height() > 0);
        const QPoint at = view->visualRect(view->model()->index(1, 0)).center();
        QHelpEvent help(QEvent::ToolTip, at, view->viewport()->mapToGlobal(at));
        QCoreApplication::sendEvent(view->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        const QString names = QLocale().createSeparatedList({ u"alice"_s, u"bob"_s });
        QVERIFY2(QToolTip::text().contains(u"Read by "_s + names), qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    void beingKickedIsSaidAndTheRoomStaysReadable()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        QVERIFY(m_profile->receive(room, u"alice"_s, u"behave"_s));
        window.openChat(room);
        m_profile->wire->selfPresence(room, u"me"_s, { 307 }, {}, false);
        QLabel *problem = window.chatPane()->roomProblemLabel();
        QTRY_VERIFY(problem->isVisible());
        QCOMPARE(problem->text(), Rooms::sentence(Rooms::Removal::Kicked, room));
        QTRY_COMPARE(window.chatPane()->model()->rowCount(), 1);
        QCOMPARE(window.chatPane()->occupantList()->model()->rowCount(), 0);
    }

    void bookmarksFromAnotherDeviceJoinAndLeave()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        m_profile->wire->setOnline(true);
        RoomMembership *membership = m_profile->features()->roomMembership();
        // Added with autojoin on another device (Bookmarks::changed): joined, with the account's name.
        membership->bookmarkChanged(RoomBookmark { room, u"Team"_s, QString(), QString(), true });
        QTRY_COMPARE(m_profile->wire->featureRequests, QStringList { room });
        Q_EMIT m_profile->wire->features(room, {}, std::nullopt);
        QTRY_COMPARE(m_profile->wire->joins.size(), 1);
        QCOMPARE(m_profile->wire->joins.first().nick, membership->defaultNick());
        m_profile->wire->selfPresence(room, m_profile->wire->joins.first().nick);
        QTRY_VERIFY(window.conversations()->rowOf(room) >= 0);
        QCOMPARE(window.conversations()->kindOf(room), ChatKind::GroupChat);
        // Removed there: left here; the history stays.
        membership->bookmarkRemoved(room);
        QTRY_COMPARE(m_profile->wire->leaves.size(), 1);
        QVERIFY(!m_profile->rooms()->rooms().contains(room));
        // A bookmark without autojoin joins nothing.
        membership->bookmarkChanged(RoomBookmark { u"other@conference.example.org"_s, {}, {}, {}, false });
        QTest::qWait(50);
        QCOMPARE(m_profile->wire->featureRequests.size(), 1);
    }

private:
    /// The person asks to join; the room answers with `error`: the dialog comes back saying why.
    AddressDialog *failedJoin(
        MainWindow &window, const QString &nick, const QString &password, JoinError error)
    {
        Test::FakeRoomWire *wire = m_profile->wire;
        wire->setOnline(true);
        const int asked = int(wire->featureRequests.size());
        window.roomActions()->join(room, nick, password);
        if (!QTest::qWaitFor([&] { return wire->featureRequests.size() > asked; }))
            return nullptr;
        const int joins = int(wire->joins.size());
        Q_EMIT wire->features(room, {}, std::nullopt);
        if (!QTest::qWaitFor([&] { return wire->joins.size() > joins; }))
            return nullptr;
        Q_EMIT wire->joinFailed(room, nick, error, QString());
        if (!QTest::qWaitFor([&] { return window.roomActions()->problemDialog() != nullptr; }))
            return nullptr;
        return window.roomActions()->problemDialog();
    }

private Q_SLOTS:
    void aTakenNicknameIsSaidAndAnotherOffered()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        AddressDialog *dialog = failedJoin(window, u"me"_s, QString(), JoinError::NickTaken);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->errorLabel()->text(), Rooms::sentence(JoinError::NickTaken, room, u"me"_s));
        QVERIFY(dialog->errorLabel()->isVisible());
        QVERIFY(dialog->isRoom());
        QCOMPARE(dialog->address(), room);
        QCOMPARE(dialog->nick(), u"me_"_s);
        const int joins = int(m_profile->wire->joins.size());
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(m_profile->wire->featureRequests.size() >= 2);
        Q_EMIT m_profile->wire->features(room, {}, std::nullopt);
        QTRY_COMPARE(m_profile->wire->joins.size(), joins + 1);
        QCOMPARE(m_profile->wire->joins.last().nick, u"me_"_s);
        m_profile->wire->selfPresence(room, u"me_"_s);
        QTRY_COMPARE(m_profile->rooms()->state(room), Rooms::State::Joined);
        QVERIFY(window.chatPane()->isRoom());
        QCOMPARE(window.chatPane()->chat(), room);
        QVERIFY(window.roomActions()->leaveAction()->isEnabled());
    }

    void aRoomWithAPasswordAsksForIt()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        AddressDialog *dialog = failedJoin(window, u"me"_s, QString(), JoinError::WrongPassword);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        // No password was given: asked for one, not told it is wrong.
        QCOMPARE(
            dialog->errorLabel()->text(), RoomActions::tr("%1 has a password. Enter it to join.").arg(room));
        QVERIFY(dialog->passwordEdit()->isVisible());
        QTest::keyClicks(dialog->passwordEdit(), u"s3cret"_s);
        const int joins = int(m_profile->wire->joins.size());
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(m_profile->wire->featureRequests.size() >= 2);
        Q_EMIT m_profile->wire->features(room, {}, std::nullopt);
        QTRY_COMPARE(m_profile->wire->joins.size(), joins + 1);
        QCOMPARE(m_profile->wire->joins.last().password, u"s3cret"_s);
    }

    void leavingKeepsTheRoomReadable()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        QVERIFY(m_profile->receive(room, u"alice"_s, u"bye"_s));
        window.openChat(room);
        QTRY_VERIFY(window.roomActions()->leaveAction()->isEnabled());
        window.roomActions()->leaveAction()->trigger();
        QTRY_COMPARE(m_profile->wire->leaves, QStringList { room + u"/me"_s });
        QVERIFY(!m_profile->rooms()->rooms().contains(room));
        QVERIFY(window.conversations()->rowOf(room) >= 0);
        QTRY_COMPARE(window.chatPane()->model()->rowCount(), 1);
    }
};

QTEST_MAIN(TestRoomView)
#include "tst_roomview.moc"
