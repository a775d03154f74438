#include "hostileserver.h"
#include "session.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

/// The connection against a misbehaving server (tests/support/hostile-server):
/// it comes back on its own after any loss, never loops without back-off,
/// and "signed in" means the server proved that it knows the password.
class TestConnection final : public QObject
{
    Q_OBJECT

private:
    static ConnectionSettings settings(const Test::HostileServer &server, const QString &password = u"alice-pw"_s)
    {
        ConnectionSettings s;
        s.jid = server.jid(u"alice"_s);
        s.password = password;
        s.host = u"127.0.0.1"_s;
        s.port = server.port();
        s.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
        return s;
    }

    static SessionError lastErrorOf(const QSignalSpy &errors)
    {
        return errors.isEmpty() ? SessionError() : errors.last().first().value<SessionError>();
    }

private Q_SLOTS:
    /// A server that goes silent: the keep-alive notices, and the session
    /// connects again by itself.
    void silentServerIsLeftAndReconnected()
    {
        Test::HostileServer server;
        server.setScript({ u"silent"_s }); // the first connection only
        QVERIFY2(server.start({ u"alice:alice-pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
        ConnectionSettings s = settings(server);
        s.keepAliveIntervalSeconds = 2; // QXmpp restarts the timeout with every ping: keep it shorter
        s.keepAliveTimeoutSeconds = 1;
        Session session;
        QSignalSpy errors(&session, &Session::errorOccurred);
        session.connectToServer(s);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Online, 15000);

        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 10000);
        const SessionError error = lastErrorOf(errors);
        QCOMPARE(error.kind, SessionError::Kind::ConnectionLost);
        QVERIFY2(error.isTransient(), qPrintable(error.message));
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Online, 15000);
    }

    /// Every path that reconnects goes through the same back-off: a server
    /// that drops (or refuses) every sign-in is not hammered.
    void serverDroppingEverySignInIsRetriedWithBackOff_data()
    {
        QTest::addColumn<QString>("action");
        QTest::newRow("close") << u"close"_s;
        QTest::newRow("sm-failed") << u"sm-failed"_s;
    }

    void serverDroppingEverySignInIsRetriedWithBackOff()
    {
        QFETCH(QString, action);
        Test::HostileServer server;
        server.setScript({ u"every-connection"_s, action });
        QVERIFY2(server.start({ u"alice:alice-pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
        Session session;
        QSignalSpy scheduled(&session, &Session::reconnectScheduled);
        session.connectToServer(settings(server));
        QTRY_VERIFY_WITH_TIMEOUT(server.connectionCount() >= 1, 15000);
        QTest::qWait(7000);
        // Back-off 1, 2, 4 s: at most four sign-ins in 7 s (each one is a
        // full TLS handshake and authentication).
        const int count = server.connectionCount();
        QVERIFY2(count >= 2 && count <= 4, qPrintable(u"%1 connections in 7 s"_s.arg(count)));
        QVERIFY(!scheduled.isEmpty());
        QVERIFY2(scheduled.last().first().toInt() >= 2, qPrintable(scheduled.last().first().toString()));
        QCOMPARE(session.state(), Session::State::Connecting);
        // Between attempts the person sees the wait. At 7 s an attempt may be
        // under way (1 + 2 + 4 s), so look right after the next one fails.
        const qsizetype waits = scheduled.size();
        QTRY_VERIFY_WITH_TIMEOUT(scheduled.size() > waits, 15000);
        QCOMPARE(session.state(), Session::State::Connecting);
        QVERIFY(session.secondsUntilReconnect() >= 0);
    }

    /// The person can say "now" instead of waiting for the back-off.
    void reconnectNowDoesNotWait()
    {
        Test::HostileServer server;
        server.setScript({ u"every-connection"_s, u"close"_s });
        QVERIFY2(server.start({ u"alice:alice-pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
        Session session;
        QSignalSpy scheduled(&session, &Session::reconnectScheduled);
        session.connectToServer(settings(server));
        QTRY_VERIFY_WITH_TIMEOUT(scheduled.size() >= 2, 15000); // the second wait: 2 s
        QVERIFY(session.secondsUntilReconnect() >= 1);
        QCOMPARE(session.state(), Session::State::Connecting);
        const int before = server.connectionCount();
        session.reconnectNow();
        QCOMPARE(session.secondsUntilReconnect(), -1);
        QTRY_VERIFY_WITH_TIMEOUT(server.connectionCount() > before, 900);
    }

    /// Signed in means authenticated: a server that does not prove that it
    /// knows the password is refused, with a sentence, and not retried.
    void serverThatDoesNotAuthenticateItselfIsRefused_data()
    {
        QTest::addColumn<Test::HostileServer::Auth>("auth");
        QTest::newRow("no-mechanisms") << Test::HostileServer::Auth::NoMechanisms;
        QTest::newRow("success-without-signature") << Test::HostileServer::Auth::SuccessWithoutSignature;
        QTest::newRow("bad-signature") << Test::HostileServer::Auth::BadSignature;
    }

    void serverThatDoesNotAuthenticateItselfIsRefused()
    {
        QFETCH(Test::HostileServer::Auth, auth);
        Test::HostileServer server;
        server.setAuth(auth);
        QVERIFY2(server.start({ u"alice:alice-pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
        Session session;
        QSignalSpy errors(&session, &Session::errorOccurred);
        QSignalSpy states(&session, &Session::stateChanged);
        session.connectToServer(settings(server));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Error, 15000);
        const SessionError error = lastErrorOf(errors);
        QCOMPARE(error.kind, SessionError::Kind::AccountUnusable);
        QVERIFY2(error.message.startsWith(u"The server 127.0.0.1 did not prove that it knows the password of %1"_s
                                              .arg(server.jid(u"alice"_s))),
            qPrintable(error.message));
        QVERIFY(!error.isTransient());
        for (const QList<QVariant> &state : std::as_const(states))
            QVERIFY(state.first().value<Session::State>() != Session::State::Online);
        // Nothing after the sign-in went out: no resource bound, no presence.
        const QByteArray sent = server.clientLog();
        QVERIFY2(!sent.contains("urn:ietf:params:xml:ns:xmpp-bind"), sent.constData());
        QVERIFY2(!sent.contains("<presence"), sent.constData());
        // And no retry.
        QTest::qWait(2500);
        QCOMPARE(server.connectionCount(), 1);
        QCOMPARE(session.secondsUntilReconnect(), -1);
    }

    /// The real thing still signs in (the check does not refuse an honest server).
    void honestServerIsBelieved()
    {
        Test::HostileServer server;
        QVERIFY2(server.start({ u"alice:alice-pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
        Session session;
        session.connectToServer(settings(server));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Online, 15000);
        QCOMPARE(session.lastError().kind, SessionError::Kind::None);
    }
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
