// Session's connection through the stream guard (issue 8) against a real
// Prosody: stream management resumption after the connection drops, a
// <see-other-host/> redirect followed through the guard, and a server that
// offers no STARTTLS. The last two put a tiny plaintext stand-in in front of
// the first connection attempt only; everything after it is real.

#include "address.h"
#include "directmessages.h"
#include "peer.h"
#include "session.h"
#include "streamguard.h"
#include "accountsettings.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

/// Answers a client's stream header with `reply`, before any TLS.
class PlaintextServer final : public QObject
{
public:
    explicit PlaintextServer(const QByteArray &reply)
    {
        m_listener.listen(QHostAddress::LocalHost);
        connect(&m_listener, &QTcpServer::newConnection, this, [this, reply] {
            QTcpSocket *socket = m_listener.nextPendingConnection();
            ++connections;
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket, reply] {
                received += socket->readAll();
                if (received.contains("<stream:stream") && !m_answered) {
                    m_answered = true;
                    socket->write(reply);
                }
            });
        });
    }
    quint16 port() const { return m_listener.serverPort(); }
    QByteArray received;
    int connections = 0;

private:
    QTcpServer m_listener;
    bool m_answered = false;
};

const QByteArray StreamHeader = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                                "xmlns:stream='http://etherx.jabber.org/streams' id='fake' from='localhost' "
                                "version='1.0'>";

} // namespace

class TestGuardedConnection final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server;

    ConnectionSettings settings(const QString &user) const { return Test::connectionSettings(m_server, user); }

    static bool waitForState(Session &session, Session::State state, int ms = 20000)
    {
        QDeadlineTimer deadline(ms);
        while (session.state() != state && !deadline.hasExpired())
            QTest::qWait(20);
        return session.state() == state;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s, u"erin:erin-pw"_s }, { u"alice:bob"_s }),
            qPrintable(m_server.errorString()));
    }

    void signsInThroughTheGuard()
    {
        Session session;
        session.connectToServer(settings(u"erin"_s));
        QVERIFY(waitForState(session, Session::State::Online));
        const auto guards = session.findChildren<StreamGuard *>();
        QCOMPARE(guards.size(), 1);
        QCOMPARE(guards.first()->state(), StreamGuard::State::Piping);
        // TLS to the server is the guard's, with the server's certificate.
        const auto tls = guards.first()->findChild<QSslSocket *>();
        QVERIFY(tls && tls->isEncrypted());
        QCOMPARE(tls->peerPort(), m_server.port());
        QCOMPARE(tls->peerCertificate(), QSslCertificate::fromPath(m_server.certificatePath()).value(0));
    }

    void streamIsResumedAfterTheConnectionDrops()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        Test::Peer bob(m_server.jid(u"bob"_s), u"bob-pw"_s, m_server.port(), m_server.certificatePath());
        QVERIFY(bob.connectAndWait());
        int aliceUnavailable = 0;
        int aliceAvailable = 0;
        connect(&bob.client, &QXmppClient::presenceReceived, this, [&](const QXmppPresence &p) {
            if (bareOf(p.from()) != aliceJid)
                return;
            ++(p.type() == QXmppPresence::Unavailable ? aliceUnavailable : aliceAvailable);
        });

        Session session;
        // 1:1 messages both ways over the session's transport (nothing stored).
        DirectMessages direct(session.transport());
        QList<Jw::Message> received;
        connect(&direct, &DirectMessages::received, this, [&](const Jw::Message &m) {
            if (!m.body.isEmpty())
                received.append(m);
        });
        session.connectToServer(settings(u"alice"_s));
        QVERIFY(waitForState(session, Session::State::Online));
        QTRY_VERIFY_WITH_TIMEOUT(aliceAvailable > 0, 10000);
        QTest::qWait(200);
        const int availableBefore = aliceAvailable;
        const int unavailableBefore = aliceUnavailable; // the server's answer to Bob's probe

        // The network goes away under the guard: its TLS connection dies.
        auto *guard = session.findChild<StreamGuard *>();
        QVERIFY(guard);
        auto *tls = guard->findChild<QSslSocket *>();
        QVERIFY(tls);
        tls->abort();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Connecting, 5000);

        // Bob writes while Alice is away; the server keeps it for the stream.
        bob.send(aliceJid, u"while you were away — 잠깐 🦉"_s, u"during-drop"_s);

        QVERIFY(waitForState(session, Session::State::Online));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 15000);
        QCOMPARE(received.first().body, u"while you were away — 잠깐 🦉"_s);
        QCOMPARE(received.first().messageId, u"during-drop"_s);

        // Resumed, not a new session: Bob never saw Alice go offline or come back.
        QTest::qWait(500);
        QCOMPARE(aliceUnavailable, unavailableBefore);
        QCOMPARE(aliceAvailable, availableBefore);
        QCOMPARE(received.size(), 1);

        // And the resumed stream carries our messages too.
        QVERIFY(direct.send(m_server.jid(u"bob"_s), u"back 🦉"_s, u"after-resume"_s));
        QTRY_COMPARE_WITH_TIMEOUT(bob.received.size(), 1, 10000);
        QCOMPARE(bob.received.first().body(), u"back 🦉"_s);
        session.disconnectFromServer();
    }

    void closingEndsTheSessionAtTheServer_data()
    {
        QTest::addColumn<bool>("destroyAtOnce");
        QTest::newRow("disconnect, then the event loop runs") << false;
        QTest::newRow("disconnect and destroy at once") << true;
    }

    void closingEndsTheSessionAtTheServer()
    {
        // The server must see the stream closed, not a dropped connection it
        // would hold open for resumption (and whose queue it would re-route).
        QFETCH(bool, destroyAtOnce);
        const QString erinJid = m_server.jid(u"erin"_s);
        Test::Peer watcher(erinJid, u"erin-pw"_s, m_server.port(), m_server.certificatePath());
        QVERIFY(watcher.connectAndWait());
        int gone = 0;
        connect(&watcher.client, &QXmppClient::presenceReceived, this, [&](const QXmppPresence &p) {
            if (p.from() == erinJid + u"/jabberwock"_s && p.type() == QXmppPresence::Unavailable)
                ++gone;
        });
        {
            Session session;
            ConnectionSettings erin = settings(u"erin"_s);
            erin.resource = u"jabberwock"_s; // the one the watcher looks for
            session.connectToServer(erin);
            QVERIFY(waitForState(session, Session::State::Online));
            QTest::qWait(300);
            session.disconnectFromServer();
            if (!destroyAtOnce)
                QTest::qWait(300);
        }
        QTRY_COMPARE_WITH_TIMEOUT(gone, 1, 5000);
    }

    void redirectIsFollowedThroughTheGuard()
    {
        // The first server sends Jabberwock elsewhere before TLS; QXmpp never
        // sees it (it would follow on its own, without TLS): the next attempt
        // goes there through a new guard.
        PlaintextServer redirecting(StreamHeader
            + "<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>127.0.0.1:"
            + QByteArray::number(m_server.port()) + "</see-other-host></stream:error></stream:stream>");
        ConnectionSettings s = settings(u"erin"_s);
        s.port = redirecting.port();
        Session session;
        QSignalSpy errors(&session, &Session::errorOccurred);
        session.connectToServer(s);
        QVERIFY(waitForState(session, Session::State::Online));
        QCOMPARE(redirecting.connections, 1);
        QVERIFY(errors.isEmpty());
        QVERIFY(!redirecting.received.contains("erin")); // nothing about the account before TLS
        session.disconnectFromServer();
    }

    void serverWithoutStartTlsIsRefused()
    {
        PlaintextServer plain(StreamHeader
            + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
              "<mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>");
        ConnectionSettings s = settings(u"erin"_s);
        s.port = plain.port();
        Session session;
        QSignalSpy errors(&session, &Session::errorOccurred);
        session.connectToServer(s);
        QVERIFY(waitForState(session, Session::State::Error));
        const auto error = errors.last().first().value<SessionError>();
        QCOMPARE(error.kind, SessionError::Kind::AccountUnusable);
        QVERIFY2(error.message.contains(u"no safe way to sign in"_s), qPrintable(error.message));
        QCOMPARE(session.secondsUntilReconnect(), -1);
        QTest::qWait(200);
        QCOMPARE(plain.connections, 1);
        QVERIFY(!plain.received.contains("<auth")); // the password never left
        QVERIFY(!plain.received.contains("erin"));
    }
};

QTEST_GUILESS_MAIN(TestGuardedConnection)
#include "tst_guardedconnection.moc"
