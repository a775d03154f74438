#include "account.h"
#include "historystore.h"
#include "messenger.h"
#include "models.h"
#include "peer.h"
#include "roster.h"
#include "session.h"
#include "accountsettings.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

/// Jabberwock's core against a real Prosody on loopback; the other person is
/// a plain QXmpp client.
class TestSession final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server;
    QTemporaryDir m_dir;

    ConnectionSettings settings(const QString &user, const QString &password, bool pinned = true) const
    {
        ConnectionSettings s = Test::connectionSettings(m_server, user, password);
        if (!pinned)
            s.pinnedCertificates.clear();
        return s;
    }

    static bool waitForState(Session &session, Session::State state, int ms = 15000)
    {
        QDeadlineTimer deadline(ms);
        while (session.state() != state && !deadline.hasExpired())
            QTest::qWait(20);
        return session.state() == state;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s, u"carol:carol-pw"_s }, { u"alice:bob"_s }),
            qPrintable(m_server.errorString()));
    }

    void signsInAndSeesRosterWithPresence()
    {
        Session session;
        Roster roster(session.transport());
        ContactsModel contacts(&roster);
        QAbstractItemModelTester tester(&contacts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        session.connectToServer(settings(u"alice"_s, u"alice-pw"_s));
        QVERIFY(waitForState(session, Session::State::Online));
        QCOMPARE(session.lastError().kind, SessionError::Kind::None);

        QTRY_COMPARE(contacts.rowCount(), 1);
        const QModelIndex bob = contacts.index(0);
        QCOMPARE(bob.data(ContactsModel::JidRole).toString(), m_server.jid(u"bob"_s));
        QCOMPARE(bob.data(ContactsModel::PresenceRole).toInt(), int(PresenceStatus::Offline));

        // Bob comes online, away, with a status: Alice sees it.
        Test::Peer peer(m_server.jid(u"bob"_s), u"bob-pw"_s, m_server.port(), m_server.certificatePath());
        QXmppPresence away(QXmppPresence::Available);
        away.setAvailableStatusType(QXmppPresence::Away);
        away.setStatusText(u"at lunch 🍜"_s);
        QVERIFY(peer.connectAndWait(away));
        QTRY_COMPARE(contacts.index(0).data(ContactsModel::PresenceRole).toInt(), int(PresenceStatus::Away));
        QCOMPARE(contacts.index(0).data(ContactsModel::StatusTextRole).toString(), u"at lunch 🍜"_s);

        peer.client.disconnectFromServer();
        QTRY_COMPARE(contacts.index(0).data(ContactsModel::PresenceRole).toInt(), int(PresenceStatus::Offline));
        session.disconnectFromServer();
        QCOMPARE(session.state(), Session::State::Offline);
    }

    void wrongPasswordSaysSo()
    {
        Session session;
        QSignalSpy errors(&session, &Session::errorOccurred);
        session.connectToServer(settings(u"alice"_s, u"not-the-password"_s));
        QVERIFY(waitForState(session, Session::State::Error));
        QVERIFY(!errors.isEmpty());
        const auto error = errors.last().first().value<SessionError>();
        QCOMPARE(error.kind, SessionError::Kind::WrongPassword);
        QCOMPARE(error.message, u"The server did not accept the password for %1."_s.arg(m_server.jid(u"alice"_s)));
        QCOMPARE(session.secondsUntilReconnect(), -1); // a wrong password is not retried
    }

    void untrustedCertificateIsRefusedWithItsFingerprint()
    {
        Session session;
        QSignalSpy errors(&session, &Session::errorOccurred);
        session.connectToServer(settings(u"alice"_s, u"alice-pw"_s, /*pinned*/ false));
        QVERIFY(waitForState(session, Session::State::Error));
        const auto error = errors.last().first().value<SessionError>();
        QCOMPARE(error.kind, SessionError::Kind::CertificateUntrusted);
        const QSslCertificate served = QSslCertificate::fromPath(m_server.certificatePath()).value(0);
        QCOMPARE(error.certificate, served);
        QVERIFY2(error.message.contains(fingerprint(served)), qPrintable(error.message));
        // Nothing was sent before TLS, and nothing after: still not signed in.
        QVERIFY(session.state() != Session::State::Online);
    }

    void unreachableServerIsRetried()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there now
        ConnectionSettings s = settings(u"alice"_s, u"alice-pw"_s);
        s.port = port;
        Session session;
        QSignalSpy errors(&session, &Session::errorOccurred);
        session.connectToServer(s);
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 15000);
        const auto error = errors.first().first().value<SessionError>();
        QCOMPARE(error.kind, SessionError::Kind::ServerUnreachable);
        QVERIFY2(error.message.contains(u"refused the connection"_s), qPrintable(error.message));
        QCOMPARE(session.state(), Session::State::Connecting);
        QVERIFY(session.secondsUntilReconnect() > 0);
        // Then it comes back by itself with back-off: the second attempt is counted.
        QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 2, 10000);
        session.disconnectFromServer();
        QCOMPARE(session.state(), Session::State::Offline);
        QCOMPARE(session.secondsUntilReconnect(), -1);
    }

    void twoPeopleChatAndHistorySurvivesRestart()
    {
        const QString historyPath = m_dir.filePath(u"alice/history.db"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        Test::Peer bob(bobJid, u"bob-pw"_s, m_server.port(), m_server.certificatePath());
        QVERIFY(bob.connectAndWait());
        const QString korean = u"안녕하세요, 밥! 🦉 <b>not bold</b>"_s;
        {
            HistoryStore store(historyPath);
            QVERIFY(store.open().result());
            Session session;
            AccountFeatures features(&store, session.transport());
            Test::wireAsTheAppDoes(session, features);
            Messenger &messenger = *features.messenger();
            MessagesModel model(&features, bobJid);
            session.connectToServer(settings(u"alice"_s, u"alice-pw"_s));
            QVERIFY(waitForState(session, Session::State::Online));

            const QString id = messenger.sendMessage(bobJid, korean);
            QTRY_COMPARE_WITH_TIMEOUT(bob.received.size(), 1, 10000);
            QCOMPARE(bob.received.first().body(), korean);
            QCOMPARE(bob.received.first().id(), id);
            QTRY_COMPARE(model.rowCount(), 1);
            QTRY_COMPARE(model.index(0).data(MessagesModel::StateRole).toInt(), int(DeliveryState::Sent));

            bob.send(m_server.jid(u"alice"_s), u"hi Alice — 반가워요"_s, u"bob-1"_s);
            QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 10000);
            QCOMPARE(model.index(1).data(MessagesModel::BodyRole).toString(), u"hi Alice — 반가워요"_s);
            QCOMPARE(model.index(1).data(MessagesModel::ArrivedOfflineRole).toBool(), false);
            session.disconnectFromServer();
        }

        // While Alice is away, Bob writes; then Alice starts again.
        bob.send(m_server.jid(u"alice"_s), u"are you there?"_s, u"bob-2"_s);
        QTest::qWait(300);
        {
            HistoryStore store(historyPath);
            QVERIFY(store.open().result());
            Session session;
            AccountFeatures features(&store, session.transport());
            Test::wireAsTheAppDoes(session, features);
            ConversationsModel conversations(&features);
            session.connectToServer(settings(u"alice"_s, u"alice-pw"_s));
            QVERIFY(waitForState(session, Session::State::Online));
            QTRY_COMPARE_WITH_TIMEOUT(store.allMessages(bobJid).result()->size(), 3, 10000);
            const auto all = store.allMessages(bobJid).result().value();
            QCOMPARE(all[0].body, korean);
            QCOMPARE(all[0].direction, Direction::Outgoing);
            QCOMPARE(all[0].state, DeliveryState::Sent);
            QCOMPARE(all[1].body, u"hi Alice — 반가워요"_s);
            QCOMPARE(all[2].body, u"are you there?"_s);
            QVERIFY(all[2].arrivedOffline); // delivered from offline storage with a delay stamp
            QVERIFY(all[2].sentAt <= all[2].receivedAt);
            QTRY_COMPARE(conversations.rowCount(), 1);
            QTRY_COMPARE(conversations.index(0).data(ConversationsModel::UnreadRole).toInt(), 2);
            session.disconnectFromServer();
        }
    }

    void messageQueuedOfflineGoesOutOnSignIn()
    {
        const QString carolJid = m_server.jid(u"carol"_s);
        Test::Peer carol(carolJid, u"carol-pw"_s, m_server.port(), m_server.certificatePath());
        QVERIFY(carol.connectAndWait());
        HistoryStore store(m_dir.filePath(u"alice-queue/history.db"_s));
        QVERIFY(store.open().result());
        Session session;
        AccountFeatures features(&store, session.transport());
        Test::wireAsTheAppDoes(session, features);
        Messenger &messenger = *features.messenger();
        messenger.sendMessage(carolJid, u"written while offline"_s);
        QTRY_COMPARE(store.pendingOutgoing().result()->size(), 1);
        session.connectToServer(settings(u"alice"_s, u"alice-pw"_s));
        QTRY_COMPARE_WITH_TIMEOUT(carol.received.size(), 1, 15000);
        QCOMPARE(carol.received.first().body(), u"written while offline"_s);
        QTRY_COMPARE(store.pendingOutgoing().result()->size(), 0);
        QTest::qWait(300);
        QCOMPARE(carol.received.size(), 1); // once
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
