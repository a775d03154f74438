#include "instancechannel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

/// A request as the wire format says; version 2 and later carry `token`.
QByteArray request(
    const QByteArray &payload, quint8 version = InstanceChannel::Version, const QByteArray &token = {})
{
    char length[4];
    qToBigEndian(quint32(payload.size()), length);
    QByteArray bytes = "JWKI" + QByteArray(1, char(version)) + QByteArray(length, 4) + payload;
    if (version >= 2) {
        char tokenLength[2];
        qToBigEndian(quint16(token.size()), tokenLength);
        bytes += QByteArray(tokenLength, 2) + token;
    }
    return bytes;
}

QByteArray reply(quint8 version, char status)
{
    return "JWKI" + QByteArray(1, char(version)) + QByteArray(1, status);
}

/// What a crash leaves: a socket file nobody listens on.
bool leaveStaleSocket(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    const QByteArray name = QFile::encodeName(path);
    std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    ::close(fd);
    return bound && QFile::exists(path);
}

} // namespace

/// One Jabberwock per profile: a later start's request reaches the running
/// one, whatever a crash left behind, and nothing else gets in.
class TestInstanceChannel final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_runtime; // the user's runtime folder, 0700 as a session has it
    int m_n = 0;

    QString newProfile() { return m_dir.filePath(u"profile-%1"_s.arg(++m_n)); }

    /// Sends raw bytes to the instance of `profile`; returns what it answered.
    static QByteArray sendRaw(const QString &profile, const QByteArray &bytes)
    {
        QLocalSocket socket;
        socket.connectToServer(InstanceChannel::socketPath(profile));
        if (!QTest::qWaitFor([&] { return socket.state() == QLocalSocket::ConnectedState; }, 3000))
            return "not connected";
        socket.write(bytes);
        QByteArray answer;
        [[maybe_unused]] const bool closed = QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return socket.state() == QLocalSocket::UnconnectedState;
            },
            8000);
        return answer + socket.readAll();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid() && m_runtime.isValid());
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
        QVERIFY(InstanceChannel::socketPath(m_dir.path()).startsWith(m_runtime.path() + u"/jabberwock-"_s));
    }

    void theSecondStartsRequestArrivesAtTheFirst()
    {
        const QString profile = newProfile();
        InstanceChannel first(profile);
        QSignalSpy requests(&first, &InstanceChannel::requested);
        QCOMPARE(first.claim(QString()).value(), InstanceChannel::Role::Running);
        QVERIFY(first.isListening());

        InstanceChannel second(profile);
        const auto handed = second.claim(u"xmpp:bob@localhost?message;body=hi%20there"_s);
        QVERIFY2(handed, qPrintable(handed.errorMessage()));
        QCOMPARE(handed.value(), InstanceChannel::Role::HandedOver);
        QVERIFY(!second.isListening());
        QTRY_COMPARE(requests.size(), 1);
        const auto uri = requests.takeFirst().first().value<XmppUri>();
        QCOMPARE(uri.jid, u"bob@localhost"_s);
        QCOMPARE(uri.body, u"hi there"_s);

        // No link: "show yourself".
        InstanceChannel third(profile);
        QCOMPARE(third.claim(QString()).value(), InstanceChannel::Role::HandedOver);
        QTRY_COMPARE(requests.size(), 1);
        QVERIFY(requests.takeFirst().first().value<XmppUri>().jid.isEmpty());
    }

    void profilesAreSeparate()
    {
        const QString a = newProfile();
        const QString b = newProfile();
        QVERIFY(InstanceChannel::socketPath(a) != InstanceChannel::socketPath(b));
        QCOMPARE(InstanceChannel::socketPath(a), InstanceChannel::socketPath(a + u"/"_s));
        InstanceChannel first(a);
        QCOMPARE(first.claim(QString()).value(), InstanceChannel::Role::Running);
        InstanceChannel other(b);
        QCOMPARE(other.claim(QString()).value(), InstanceChannel::Role::Running);
    }

    void theNextStartRunsOnceTheFirstHasGone()
    {
        const QString profile = newProfile();
        {
            InstanceChannel first(profile);
            QCOMPARE(first.claim(QString()).value(), InstanceChannel::Role::Running);
        }
        QVERIFY(!QFile::exists(InstanceChannel::socketPath(profile)));
        InstanceChannel next(profile);
        QCOMPARE(next.claim(QString()).value(), InstanceChannel::Role::Running);
        QVERIFY(next.isListening());
    }

    void whatACrashLeftIsRecovered()
    {
        const QString profile = newProfile();
        const QString path = InstanceChannel::socketPath(profile);
        QVERIFY(leaveStaleSocket(path));
        // And a lock of a process that is gone.
        QProcess gone;
        gone.start(u"true"_s);
        QVERIFY(gone.waitForFinished());
        const qint64 deadPid = gone.processId() ? gone.processId() : 999999;
        {
            QFile lock(path + u".lock"_s);
            QVERIFY(lock.open(QIODevice::WriteOnly));
            lock.write(QByteArray::number(deadPid) + "\njabberwock\n\n");
        }

        InstanceChannel next(profile);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(next.claim(QString()).value(), InstanceChannel::Role::Running);
        QVERIFY(next.isListening());
        QVERIFY(timer.elapsed() < 2000);

        QSignalSpy requests(&next, &InstanceChannel::requested);
        InstanceChannel later(profile);
        QCOMPARE(later.claim(u"xmpp:alice@localhost"_s).value(), InstanceChannel::Role::HandedOver);
        QTRY_COMPARE(requests.size(), 1);
    }

    void garbageIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("http") << QByteArray("GET / HTTP/1.0\r\n\r\n");
        QTest::newRow("another version") << request("xmpp:bob@localhost", 3);
        QTest::newRow("version 0") << request("xmpp:bob@localhost", 0);
        QTest::newRow("claims a huge length")
            << request(QByteArray()).left(5) + QByteArray("\x7f\xff\xff\xff", 4);
        QTest::newRow("too long") << request(QByteArray(InstanceChannel::MaxRequestBytes + 1, 'x'));
        QTest::newRow("bytes after the request") << request("xmpp:bob@localhost") + "xmpp:eve@localhost";
        QTest::newRow("not utf-8") << request("xmpp:bob@localhost?message;body=\xc3\x28");
        QTest::newRow("not a link") << request("rm -rf /");
        QTest::newRow("a link the parser refuses") << request("xmpp:@@");
        QTest::newRow("a group chat") << request("xmpp:room@conference.localhost?invite;jid=bob@localhost");
        QTest::newRow("nul bytes") << request(QByteArray(16, '\0'));
        QTest::newRow("a token with a newline") << request("xmpp:bob@localhost", 2, "kwin-1\nrm");
        QTest::newRow("a token with a space") << request(QByteArray(), 2, "kwin 1");
        QTest::newRow("a token too long")
            << request(QByteArray(), 2, QByteArray(InstanceChannel::MaxActivationTokenBytes + 1, 'x'));
        QTest::newRow("bytes after the token") << request(QByteArray(), 2, "kwin-1") + "x";
    }

    void garbageIsRefused()
    {
        QFETCH(QByteArray, bytes);
        const QString profile = newProfile();
        InstanceChannel first(profile);
        QSignalSpy requests(&first, &InstanceChannel::requested);
        QCOMPARE(first.claim(QString()).value(), InstanceChannel::Role::Running);
        const QByteArray answer = sendRaw(profile, bytes);
        QCOMPARE(answer.left(4), QByteArray("JWKI"));
        QCOMPARE(answer.mid(5), QByteArray(1, '\x01')); // refused
        QTest::qWait(50);
        QCOMPARE(requests.size(), 0);
        // Still serving.
        QCOMPARE(sendRaw(profile, request("xmpp:bob@localhost")), reply(2, 0));
        QTRY_COMPARE(requests.size(), 1);
    }

    /// Wayland: the later start's XDG_ACTIVATION_TOKEN travels with its
    /// request, for the running instance to raise its window with.
    void theActivationTokenIsHandedOver()
    {
        const QString profile = newProfile();
        InstanceChannel first(profile);
        QSignalSpy requests(&first, &InstanceChannel::requested);
        QCOMPARE(first.claim(QString()).value(), InstanceChannel::Role::Running);

        InstanceChannel second(profile);
        const QString token = u"kwin-42_ab.c/TIME:1234"_s;
        QCOMPARE(second.claim(u"xmpp:bob@localhost"_s, token).value(), InstanceChannel::Role::HandedOver);
        QTRY_COMPARE(requests.size(), 1);
        QList<QVariant> got = requests.takeFirst();
        QCOMPARE(got.at(0).value<XmppUri>().jid, u"bob@localhost"_s);
        QCOMPARE(got.at(1).toString(), token);

        // Started without one: none arrives.
        InstanceChannel third(profile);
        QCOMPARE(third.claim(QString()).value(), InstanceChannel::Role::HandedOver);
        QTRY_COMPARE(requests.size(), 1);
        got = requests.takeFirst();
        QVERIFY(got.at(1).toString().isEmpty());

        // Something that cannot be a token is not passed on; the request still is.
        InstanceChannel fourth(profile);
        QCOMPARE(fourth.claim(QString(), u"tok\nen"_s).value(), InstanceChannel::Role::HandedOver);
        QTRY_COMPARE(requests.size(), 1);
        QVERIFY(requests.takeFirst().at(1).toString().isEmpty());

        // An older start (version 1, no token) is still served, in its version.
        QCOMPARE(sendRaw(profile, request("xmpp:carol@localhost", 1)), reply(1, 0));
        QTRY_COMPARE(requests.size(), 1);
        QCOMPARE(requests.takeFirst().at(0).value<XmppUri>().jid, u"carol@localhost"_s);
    }

    /// A running instance from before version 2 refuses the new request:
    /// the later start asks again in version 1, without the token.
    void anOlderRunningInstanceIsAskedInItsVersion()
    {
        const QString profile = newProfile();
        const QString path = InstanceChannel::socketPath(profile);
        QLockFile lock(path + u".lock"_s);
        QVERIFY(lock.tryLock(0));
        QLocalServer old; // speaks version 1 only, as the earlier release did
        QLocalServer::removeServer(path);
        QVERIFY(old.listen(path));
        QList<QByteArray> received;
        connect(&old, &QLocalServer::newConnection, this, [&] {
            QLocalSocket *socket = old.nextPendingConnection();
            connect(socket, &QLocalSocket::readyRead, socket, [&, socket] {
                const QByteArray bytes = socket->readAll();
                received.append(bytes);
                socket->write(reply(1, bytes.at(4) == 1 ? 0 : 1));
                socket->disconnectFromServer();
            });
        });
        InstanceChannel later(profile);
        const auto handed = later.claim(u"xmpp:bob@localhost"_s, u"kwin-7"_s);
        QVERIFY2(handed, qPrintable(handed.errorMessage()));
        QCOMPARE(handed.value(), InstanceChannel::Role::HandedOver);
        QCOMPARE(received.size(), 2);
        QCOMPARE(received.at(0), request("xmpp:bob@localhost", 2, "kwin-7"));
        QCOMPARE(received.at(1), request("xmpp:bob@localhost", 1));
    }

    void aSilentConnectionIsClosed()
    {
        const QString profile = newProfile();
        InstanceChannel first(profile);
        QCOMPARE(first.claim(QString()).value(), InstanceChannel::Role::Running);
        QCOMPARE(sendRaw(profile, "JWKI"), QByteArray()); // closed after a while, unanswered
    }

    void aRefusalIsASentence()
    {
        const QString profile = newProfile();
        InstanceChannel first(profile);
        QCOMPARE(first.claim(QString()).value(), InstanceChannel::Role::Running);
        InstanceChannel second(profile);
        const auto handed = second.claim(u"xmpp:room@conference.localhost?invite;jid=bob@localhost"_s);
        QVERIFY(!handed);
        QVERIFY2(handed.errorMessage().contains(u"refused"_s), qPrintable(handed.errorMessage()));
    }

    void anInstanceThatDoesNotAnswer()
    {
        const QString profile = newProfile();
        // Holds the lock (a live process: this one) but never listens.
        QLockFile lock(InstanceChannel::socketPath(profile) + u".lock"_s);
        QVERIFY(lock.tryLock(0));
        InstanceChannel second(profile);
        const auto handed = second.claim(QString());
        QVERIFY(!handed);
        QVERIFY2(handed.errorMessage().contains(u"does not answer"_s), qPrintable(handed.errorMessage()));
        QVERIFY(handed.errorMessage().contains(QString::number(QCoreApplication::applicationPid())));
    }
};

QTEST_GUILESS_MAIN(TestInstanceChannel)
#include "tst_instancechannel.moc"
