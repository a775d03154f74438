#include "account.h"
#include "accountsettings.h"
#include "chatstaterecorder.h"
#include "chatstates.h"
#include "historystore.h"
#include "messenger.h"
#include "models.h"
#include "peer.h"
#include "session.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;
using Test::Account;

namespace {

void sendState(Test::Peer &peer, const QString &to, QXmppMessage::State state, const QString &body = {})
{
    QXmppMessage m(QString(), to, body);
    m.setType(QXmppMessage::Chat);
    m.setState(state);
    peer.client.sendPacket(m);
}

} // namespace

/// Chat states (XEP-0085, issue 5) against a real Prosody; the other person
/// is a plain QXmpp client.
class TestChatStates final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server;
    QTemporaryDir m_dir;
    int m_n = 0;

    ConnectionSettings settings(const QString &user) const { return Test::connectionSettings(m_server, user); }

    std::unique_ptr<Account> alice()
    {
        auto account
            = std::make_unique<Account>(m_dir.filePath(u"alice%1.db"_s.arg(++m_n)), settings(u"alice"_s));
        if (!account->opened || !account->signIn())
            return {};
        return account;
    }

    std::unique_ptr<Test::Peer> peer(const QString &user)
    {
        auto p = std::make_unique<Test::Peer>(
            m_server.jid(user), user + u"-pw"_s, m_server.port(), m_server.certificatePath());
        if (!p->connectAndWait())
            return {};
        return p;
    }

    /// The contact writes with a chat state: from now on they take part.
    static bool introduce(Account &account, Test::Peer &contact, const QString &contactJid)
    {
        sendState(contact, account.settings.jid, QXmppMessage::Active, u"hi, it's me"_s);
        return QTest::qWaitFor(
            [&] { return account.states()->peerState(contactJid).support == ChatStateSupport::Yes; }, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s, u"carol:carol-pw"_s,
                                    u"dave:dave-pw"_s, u"erin:erin-pw"_s },
                     { u"alice:bob"_s, u"alice:carol"_s, u"alice:dave"_s, u"alice:erin"_s }),
            qPrintable(m_server.errorString()));
    }

    void contactTypingShowsInTheListAndDecays()
    {
        const auto me = alice();
        QVERIFY(me);
        ConversationsModel conversations(&me->features);
        QAbstractItemModelTester tester(
            &conversations, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString bobJid = m_server.jid(u"bob"_s);
        conversations.ensure(bobJid);
        const auto bob = peer(u"bob"_s);
        QVERIFY(bob);
        const auto row = [&] { return conversations.index(conversations.rowOf(bobJid)); };
        const auto state = [&] { return ChatState(row().data(ConversationsModel::ChatStateRole).toInt()); };
        const auto line = [&] { return row().data(ConversationsModel::ChatStateTextRole).toString(); };
        const QString name = me->roster()->displayName(bobJid);

        sendState(*bob, me->settings.jid, QXmppMessage::Composing);
        QTRY_COMPARE(state(), ChatState::Composing);
        QCOMPARE(line(), u"%1 is typing…"_s.arg(name));
        QCOMPARE(me->states()->peerState(bobJid).support, ChatStateSupport::Yes);

        sendState(*bob, me->settings.jid, QXmppMessage::Paused);
        QTRY_COMPARE(state(), ChatState::Paused);
        QCOMPARE(line(), u"%1 stopped typing"_s.arg(name));

        // A composing with no update decays (shortened from 30 s to 0.7 s).
        me->states()->setTiming({ 5000, 120000, 700 });
        sendState(*bob, me->settings.jid, QXmppMessage::Composing);
        QTRY_COMPARE(state(), ChatState::Composing);
        QElapsedTimer typing;
        typing.start();
        QCOMPARE(line(), u"%1 is typing…"_s.arg(name));
        QTRY_COMPARE_WITH_TIMEOUT(state(), ChatState::Paused, 5000);
        QVERIFY2(typing.elapsed() >= 500, qPrintable(QString::number(typing.elapsed())));
        QCOMPARE(line(), u"%1 stopped typing"_s.arg(name));
        // Stored as it came, with its time.
        const auto stored = readPeerChatStates(me->store).result();
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        QCOMPARE(stored->value(bobJid).state, ChatState::Composing);
        QVERIFY(stored->value(bobJid).at.isValid());
        QCOMPARE(stored->value(bobJid).support, ChatStateSupport::Yes);

        sendState(*bob, me->settings.jid, QXmppMessage::Inactive);
        QTRY_COMPARE(line(), u"%1 is away from this chat"_s.arg(name));
        sendState(*bob, me->settings.jid, QXmppMessage::Gone);
        QTRY_COMPARE(line(), u"%1 closed the chat"_s.arg(name));

        // They come back and write: the message says active, the line goes.
        sendState(*bob, me->settings.jid, QXmppMessage::Active, u"back"_s);
        QTRY_COMPARE(state(), ChatState::Active);
        QTRY_COMPARE(row().data(ConversationsModel::LastBodyRole).toString(), u"back"_s);
        QCOMPARE(line(), QString());
    }

    void typingGoesOutOnceEachThenActiveWithTheMessage()
    {
        const auto me = alice();
        QVERIFY(me);
        const auto bob = peer(u"bob"_s);
        QVERIFY(bob);
        const QString bobJid = m_server.jid(u"bob"_s);
        QVERIFY(introduce(*me, *bob, bobJid));
        Test::ChatStateRecorder received(*bob);
        me->states()->setTiming({ 300, 120000, 30000 });

        for (int i = 0; i < 5; ++i) {
            me->states()->typed(bobJid);
            QTest::qWait(40);
        }
        QTRY_COMPARE(received.said, (QStringList { u"composing"_s }));
        QTRY_COMPARE(received.said, (QStringList { u"composing"_s, u"paused"_s }));
        QTest::qWait(400); // nothing more while nothing happens
        QCOMPARE(received.said.size(), 2);

        const QString id = me->messenger.sendMessage(bobJid, u"typed it"_s);
        QTRY_COMPARE(received.messages.size(), 1);
        QCOMPARE(received.messages.first().id(), id);
        QCOMPARE(received.messages.first().state(), QXmppMessage::Active);
        QTest::qWait(500);
        QCOMPARE(received.said, (QStringList { u"composing"_s, u"paused"_s, u"active+body"_s }));
    }

    void leavingComingBackAndClosing()
    {
        const auto me = alice();
        QVERIFY(me);
        const auto bob = peer(u"bob"_s);
        QVERIFY(bob);
        const QString bobJid = m_server.jid(u"bob"_s);
        QVERIFY(introduce(*me, *bob, bobJid));
        Test::ChatStateRecorder received(*bob);
        me->states()->setTiming({ 5000, 400, 30000 });

        me->states()->typed(bobJid);
        me->states()->chatLeft(bobJid); // another chat chosen
        me->states()->chatShown(bobJid); // and this one again
        me->states()->chatHidden(bobJid); // the window left, for longer than 0.4 s
        QTRY_COMPARE(
            received.said, (QStringList { u"composing"_s, u"inactive"_s, u"active"_s, u"inactive"_s }));
        me->states()->closeAll(); // the window closes
        QTRY_COMPARE(received.said.size(), 5);
        QCOMPARE(received.said.last(), u"gone"_s);
        QTest::qWait(300);
        QCOMPARE(received.said.size(), 5);
    }

    void nothingGoesToAContactWhoseMessagesCarryNoState()
    {
        const auto me = alice();
        QVERIFY(me);
        const auto carol = peer(u"carol"_s);
        QVERIFY(carol);
        const QString carolJid = m_server.jid(u"carol"_s);
        Test::ChatStateRecorder received(*carol);
        carol->send(me->settings.jid, u"I use a client without chat states"_s);
        QTRY_COMPARE(me->states()->peerState(carolJid).support, ChatStateSupport::No);
        me->states()->setTiming({ 200, 400, 30000 });

        me->states()->typed(carolJid);
        QTest::qWait(700);
        me->messenger.sendMessage(carolJid, u"plain"_s);
        QTRY_COMPARE(received.messages.size(), 1);
        QCOMPARE(received.messages.first().state(), QXmppMessage::None);
        QCOMPARE(received.said, (QStringList { u"none+body"_s }));

        // Remembered in the history.
        const auto stored = readPeerChatStates(me->store).result();
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        QCOMPARE(stored->value(carolJid).support, ChatStateSupport::No);
    }

    void anUnknownContactGetsActiveOnlyWithMessages()
    {
        const auto me = alice();
        QVERIFY(me);
        const auto dave = peer(u"dave"_s);
        QVERIFY(dave);
        const QString daveJid = m_server.jid(u"dave"_s);
        Test::ChatStateRecorder received(*dave);
        me->states()->setTiming({ 200, 400, 30000 });

        me->states()->typed(daveJid); // Dave has never written: no standalone states
        QTest::qWait(700);
        me->messenger.sendMessage(daveJid, u"do you see me typing?"_s);
        QTRY_COMPARE(received.messages.size(), 1);
        QCOMPARE(received.said, (QStringList { u"active+body"_s })); // XEP-0085 §5.1: to find out
    }

    void sendingTurnedOffSendsNothing()
    {
        const auto me = alice();
        QVERIFY(me);
        const auto erin = peer(u"erin"_s);
        QVERIFY(erin);
        const QString erinJid = m_server.jid(u"erin"_s);
        QVERIFY(introduce(*me, *erin, erinJid));
        Test::ChatStateRecorder received(*erin);
        me->states()->setSendingEnabled(false);
        me->states()->setTiming({ 200, 400, 30000 });

        me->states()->typed(erinJid);
        me->states()->chatLeft(erinJid);
        QTest::qWait(700);
        me->messenger.sendMessage(erinJid, u"quietly"_s);
        QTRY_COMPARE(received.messages.size(), 1);
        QCOMPARE(received.said, (QStringList { u"none+body"_s }));
        // Her states still show here: only sending is off.
        sendState(*erin, me->settings.jid, QXmppMessage::Composing);
        QTRY_COMPARE(me->states()->shownPeerState(erinJid), ChatState::Composing);
    }
};

QTEST_GUILESS_MAIN(TestChatStates)
#include "tst_chatstates.moc"
