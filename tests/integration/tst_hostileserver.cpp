#include "directmessages.h"
#include "hostileserver.h"
#include "roster.h"
#include "session.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

/// The misbehaving test server itself (tests/support/hostile-server), told to
/// behave: Jabberwock's Session signs in to it, and it records what the
/// client did.
class TestHostileServer final : public QObject
{
    Q_OBJECT

private:
    static ConnectionSettings settings(const Test::HostileServer &server, const QString &user,
        const QString &password)
    {
        ConnectionSettings s;
        s.jid = server.jid(user);
        s.password = password;
        s.host = u"127.0.0.1"_s;
        s.port = server.port();
        s.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
        return s;
    }

private Q_SLOTS:
    void sessionSignsInAndClosesCleanly_data()
    {
        QTest::addColumn<bool>("streamManagement");
        QTest::newRow("sm on") << true;
        QTest::newRow("sm off") << false;
    }

    void sessionSignsInAndClosesCleanly()
    {
        QFETCH(bool, streamManagement);
        Test::HostileServer server;
        server.setStreamManagement(streamManagement);
        server.setScript({ u"send <message type='chat' from='bob@{domain}/phone' to='{full}' id='m1'><body>hello 👋</body></message>"_s });
        QVERIFY2(server.start({ u"alice:alice-pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));

        Session session;
        // What the session's transport hands over: 1:1 messages and the roster.
        DirectMessages direct(session.transport());
        Roster roster(session.transport());
        QSignalSpy messages(&direct, &DirectMessages::received);
        session.connectToServer(settings(server, u"alice"_s, u"alice-pw"_s));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Online, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, 10000);
        QCOMPARE(messages.first().first().value<Message>().body, u"hello 👋"_s);
        QTRY_COMPARE(roster.contacts().size(), 1);
        QCOMPARE(roster.contacts().first().jid, server.jid(u"bob"_s));
        QCOMPARE(server.connectionCount(), 1);
        QVERIFY(server.clientLog().contains("<presence"));

        session.disconnectFromServer();
        QTRY_VERIFY_WITH_TIMEOUT(server.clientLog().contains("</stream:stream>"), 5000);
    }

    void wrongPasswordIsRefused()
    {
        Test::HostileServer server;
        QVERIFY2(server.start({ u"alice:alice-pw"_s }), qPrintable(server.errorString()));
        Session session;
        session.connectToServer(settings(server, u"alice"_s, u"wrong"_s));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Error, 15000);
        QCOMPARE(session.lastError().kind, SessionError::Kind::WrongPassword);
    }
};

QTEST_GUILESS_MAIN(TestHostileServer)
#include "tst_hostileserver.moc"
