// Who is typing in a room, in the room view (issue 14): the header line
// for the occupants' chat states, and what the composer tells the room.
// Offscreen, over a real history and a fake room wire (roomprofile.h).
#include "chatpane.h"
#include "chatstatelabel.h"
#include "composer.h"
#include "mainwindow.h"
#include "roomchatstates.h"
#include "roomprofile.h"
#include "session.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

class TestRoomTyping final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Test::RoomProfile> m_profile;
    std::unique_ptr<Session> m_session; ///< the connection the window shows: never connected

    const QString room = u"team@conference.example.org"_s;
    const QString other = u"other@conference.example.org"_s;

    static bool activate(QWidget *window)
    {
        window->show();
        window->activateWindow();
        return QTest::qWaitForWindowActive(window);
    }
    QList<ChatState> sentTo(const QString &to) const
    {
        QList<ChatState> states;
        for (const auto &[r, state] : std::as_const(m_profile->wire->chatStates)) {
            if (r == to)
                states.append(state);
        }
        return states;
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

    void theHeaderSaysWhoIsTyping()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        window.openChat(room);
        const ChatStateLabel *label = window.chatPane()->chatStateLabel();
        QCOMPARE(label->text(), QString());

        Test::FakeRoomWire *wire = m_profile->wire;
        wire->chatState(room, u"me"_s, ChatState::Composing); // our own reflection
        QCOMPARE(label->text(), QString());
        wire->chatState(room, u"Jenny"_s, ChatState::Composing);
        QCOMPARE(label->text(), u"Jenny is typing…"_s);
        QVERIFY(label->isVisible());
        wire->chatState(room, u"Michael"_s, ChatState::Composing);
        QCOMPARE(label->text(), u"Jenny and Michael are typing…"_s);
        wire->chatState(room, u"Carol"_s, ChatState::Composing);
        wire->chatState(room, u"Bob"_s, ChatState::Composing);
        QCOMPARE(label->text(), u"Jenny, Michael and 2 others are typing…"_s);
        // Bob leaves, Carol sends her message, Michael pauses: Jenny is left.
        wire->occupantPresence(room, u"Bob"_s, false);
        QVERIFY(m_profile->receive(room, u"Carol"_s, u"here it is"_s));
        wire->chatState(room, u"Michael"_s, ChatState::Paused);
        QCOMPARE(label->text(), u"Jenny is typing…"_s);

        // Another room's typing is not this room's.
        QVERIFY(m_profile->join(other, u"me"_s));
        wire->chatState(other, u"Zed"_s, ChatState::Composing);
        QCOMPARE(label->text(), u"Jenny is typing…"_s);
        window.openChat(other);
        QCOMPARE(window.chatPane()->chatStateLabel()->text(), u"Zed is typing…"_s);
    }

    void theComposerTellsTheRoom()
    {
        MainWindow window(m_profile->features(), m_session.get());
        QVERIFY(activate(&window));
        QVERIFY(m_profile->join(room, u"me"_s));
        QTRY_VERIFY(m_profile->rooms()->isCaughtUp(room));
        window.openChat(room);
        Composer *composer = window.chatPane()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, u"hel"_s);
        QCOMPARE(sentTo(room), QList<ChatState> { ChatState::Composing }); // once, not per key
        // Deleting everything: active.
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(composer, Qt::Key_Backspace);
        QCOMPARE(sentTo(room), (QList<ChatState> { ChatState::Composing, ChatState::Active }));
        QTest::keyClicks(composer, u"hello"_s);
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_COMPARE(m_profile->wire->sent.size(), 1);
        QTRY_COMPARE(m_profile->features()->roomChatStates()->sentState(room), ChatState::Active);
        // Another chat chosen while writing: inactive to the room.
        QTest::keyClicks(composer, u"more"_s);
        QCOMPARE(sentTo(room).last(), ChatState::Composing);
        window.openChat(other);
        QCOMPARE(sentTo(room).last(), ChatState::Inactive);
        QVERIFY(!sentTo(room).contains(ChatState::Gone));
    }
};

QTEST_MAIN(TestRoomTyping)
#include "tst_roomtyping.moc"
