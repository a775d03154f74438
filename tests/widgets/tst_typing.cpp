#include "accountfeatures.h"
#include "chatpane.h"
#include "chatstatelabel.h"
#include "chatstaterecorder.h"
#include "chatstates.h"
#include "composer.h"
#include "historystore.h"
#include "mainwindow.h"
#include "models.h"
#include "peer.h"
#include "profilefixture.h"
#include "readpositions.h"
#include "requests.h"
#include "roster.h"
#include "session.h"
#include "testserver.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QListView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

/// Typing indicators (XEP-0085) in the window: the contact's state in the
/// chat header and the conversation list (states arriving through a fake
/// connection, Test::ProfileFixture), and keys in the composer reaching
/// another client through a real Prosody.
class TestTyping final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    /// The account has no address yet, as with a session never signed in.
    std::unique_ptr<Test::ProfileFixture> m_profile;
    std::unique_ptr<Session> m_session; ///< the connection the window shows: never connected
    int m_n = 0;

    const QString jenny = u"jenny@example.org"_s;
    const QString bob = u"bob@example.org"_s;

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)), QString());
        QVERIFY(m_profile->ok());
        m_session = std::make_unique<Session>();
        // Offline there is no roster: these are people we chose to talk to, not requests.
        for (const QString &jid : { jenny, bob })
            m_profile->requests()->accept(jid);
    }

    void cleanup()
    {
        m_session.reset();
        m_profile.reset();
    }

    void headerSaysWhatTheContactIsDoing()
    {
        ChatPane pane(m_profile->features.get(), m_session.get());
        pane.resize(600, 400);
        pane.setChat(jenny);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QLabel *label = pane.chatStateLabel();
        QCOMPARE(label->text(), QString());
        QCOMPARE(label->textFormat(), Qt::PlainText);

        m_profile->transport.receiveChatState(jenny, ChatState::Composing);
        QCOMPARE(label->text(), u"jenny@example.org is typing…"_s);
        QVERIFY(label->isVisible());
        QVERIFY(label->width() > 0);
        m_profile->transport.receiveChatState(jenny, ChatState::Paused);
        QCOMPARE(label->text(), u"jenny@example.org stopped typing"_s);
        m_profile->transport.receiveChatState(jenny, ChatState::Inactive);
        QCOMPARE(label->text(), u"jenny@example.org is away from this chat"_s);
        m_profile->transport.receiveChatState(jenny, ChatState::Gone);
        QCOMPARE(label->text(), u"jenny@example.org closed the chat"_s);
        m_profile->transport.receiveChatState(jenny, ChatState::Active);
        QCOMPARE(label->text(), QString());

        // Another chat's states stay in that chat.
        m_profile->transport.receiveChatState(jenny, ChatState::Composing);
        pane.setChat(bob);
        QCOMPARE(label->text(), QString());
        m_profile->transport.receiveChatState(jenny, ChatState::Paused);
        QCOMPARE(label->text(), QString());
        pane.setChat(jenny);
        QCOMPARE(label->text(), u"jenny@example.org stopped typing"_s);
    }

    void staleTypingInTheHeaderStops()
    {
        ChatPane pane(m_profile->features.get(), m_session.get());
        pane.setChat(jenny);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        m_profile->states()->setTiming({ 5000, 120000, 300 });
        m_profile->transport.receiveChatState(jenny, ChatState::Composing);
        QCOMPARE(pane.chatStateLabel()->text(), u"jenny@example.org is typing…"_s);
        QTRY_COMPARE(pane.chatStateLabel()->text(), u"jenny@example.org stopped typing"_s);
    }

    void conversationListSaysItToo()
    {
        MainWindow window(m_profile->features.get(), m_session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openChat(jenny);
        QListView *list = window.conversationList();
        const QModelIndex row = list->model()->index(window.conversations()->rowOf(jenny), 0);
        const QImage before = list->grab().toImage();

        m_profile->transport.receiveChatState(jenny, ChatState::Composing);
        QCOMPARE(
            row.data(ConversationsModel::ChatStateTextRole).toString(), u"jenny@example.org is typing…"_s);
        QCOMPARE(window.chatPane()->chatStateLabel()->text(), u"jenny@example.org is typing…"_s);
        QTRY_VERIFY(list->grab().toImage() != before); // the row now reads differently
        m_profile->transport.receiveChatState(jenny, ChatState::Paused);
        QCOMPARE(row.data(ConversationsModel::ChatStateTextRole).toString(),
            u"jenny@example.org stopped typing"_s);
    }

    void composerReportsThePersonsEditsOnly()
    {
        Composer composer;
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QSignalSpy edited(&composer, &Composer::edited);
        QTest::keyClicks(&composer, u"ab"_s);
        QCOMPARE(edited.size(), 2);
        QTest::keyClick(&composer, Qt::Key_Left);
        QCOMPARE(edited.size(), 2); // moving is not writing
        QTest::keyClick(&composer, Qt::Key_Backspace);
        QCOMPARE(edited.size(), 3);
        QTest::keyClick(&composer, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(edited.size(), 4);
        composer.setPlainText(u"a draft put back"_s);
        QCOMPARE(edited.size(), 4);
        QTest::keyClick(&composer, Qt::Key_Return); // sends and clears
        QVERIFY(composer.toPlainText().isEmpty());
        QCOMPARE(edited.size(), 4);
    }

    void keysInTheComposerReachTheContact()
    {
        Test::TestServer server;
        QVERIFY2(server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s }, { u"alice:bob"_s }),
            qPrintable(server.errorString()));
        const QString aliceJid = server.jid(u"alice"_s);
        const QString bobJid = server.jid(u"bob"_s);

        Test::Peer peer(bobJid, u"bob-pw"_s, server.port(), server.certificatePath());
        QVERIFY(peer.connectAndWait());
        // What Bob's client receives that could carry a chat state.
        Test::ChatStateRecorder recorder(peer);
        const QStringList &said = recorder.said;
        const QList<QXmppMessage> &messages = recorder.messages;

        // Alice's side: a history, her session, and her account's features
        // over it, as the app wires them.
        HistoryStore store(m_dir.filePath(u"alice%1.db"_s.arg(m_n)));
        QVERIFY(store.open().result());
        Session session;
        AccountFeatures features(&store, session.transport());
        session.setContactRule([r = features.roster()](const QString &j) { return r->isContact(j); });
        QTRY_VERIFY(features.readPositions()->isLoaded() && features.chatStates()->isLoaded()
            && features.requests()->isLoaded());

        MainWindow window(&features, &session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ConnectionSettings settings;
        settings.jid = aliceJid;
        settings.password = u"alice-pw"_s;
        settings.host = u"127.0.0.1"_s;
        settings.port = server.port();
        settings.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
        session.connectToServer(settings);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Online, 15000);

        // Bob's client takes part in chat states: his message carries one.
        QXmppMessage hello(QString(), aliceJid, u"hi Alice"_s);
        hello.setType(QXmppMessage::Chat);
        hello.setState(QXmppMessage::Active);
        peer.client.sendPacket(hello);
        ChatStates *states = features.chatStates();
        QTRY_COMPARE_WITH_TIMEOUT(states->peerState(bobJid).support, ChatStateSupport::Yes, 10000);
        states->setTiming({ 500, 120000, 30000 }); // paused after 0.5 s instead of 5

        window.openChat(bobJid);
        Composer *composer = window.chatPane()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, u"Hello Bob"_s);
        QTRY_COMPARE(said, (QStringList { u"composing"_s }));
        QTRY_COMPARE(said, (QStringList { u"composing"_s, u"paused"_s }));
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_COMPARE(messages.size(), 1);
        QCOMPARE(messages.first().body(), u"Hello Bob"_s);
        QCOMPARE(messages.first().state(), QXmppMessage::Active);
        QTest::qWait(800); // long enough for a second "paused" if one were coming
        QCOMPARE(said, (QStringList { u"composing"_s, u"paused"_s, u"active+body"_s }));

        // And what Bob does shows in the header.
        QXmppMessage typing(QString(), aliceJid);
        typing.setType(QXmppMessage::Chat);
        typing.setState(QXmppMessage::Composing);
        peer.client.sendPacket(typing);
        const QString name = features.roster()->displayName(bobJid);
        QTRY_COMPARE(window.chatPane()->chatStateLabel()->text(), u"%1 is typing…"_s.arg(name));

        session.disconnectFromServer();
        peer.client.disconnectFromServer();
    }
};

QTEST_MAIN(TestTyping)
#include "tst_typing.moc"
