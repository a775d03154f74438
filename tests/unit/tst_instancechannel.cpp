#include "instancechannel.h"

#include <QElapsedTimer>
#include <QFile>
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

QByteArray request(const QByteArray &payload, quint8 version = InstanceChannel::Version)
{
    char length[4];
    qToBigEndian(quint32(payload.size()), length);
    return "JWKI" + QByteArray(1, char(version)) + QByteArray(length, 4) + payload;
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
        QTest::newRow("another version") << request("xmpp:bob@localhost", 2);
        QTest::newRow("claims a huge length")
            << request(QByteArray()).left(5) + QByteArray("\x7f\xff\xff\xff", 4);
        QTest::newRow("too long") << request(QByteArray(InstanceChannel::MaxRequestBytes + 1, 'x'));
        QTest::newRow("bytes after the request") << request("xmpp:bob@localhost") + "xmpp:eve@localhost";
        QTest::newRow("not utf-8") << request("xmpp:bob@localhost?message;body=\xc3\x28");
        QTest::newRow("not a link") << request("rm -rf /");
        QTest::newRow("a link the parser refuses") << request("xmpp:@@");
        QTest::newRow("a group chat") << request("xmpp:room@conference.localhost?join");
        QTest::newRow("nul bytes") << request(QByteArray(16, '\0'));
    }

    void garbageIsRefused()
    {
        QFETCH(QByteArray, bytes);
        const QString profile = newProfile();
        InstanceChannel first(profile);
        QSignalSpy requests(&first, &InstanceChannel::requested);
        QCOMPARE(first.claim(QString()).value(), InstanceChannel::Role::Running);
        const QByteArray answer = sendRaw(profile, bytes);
        QCOMPARE(answer, QByteArray("JWKI\x01\x01", 6));
        QTest::qWait(50);
        QCOMPARE(requests.size(), 0);
        // Still serving.
        QCOMPARE(sendRaw(profile, request("xmpp:bob@localhost")), QByteArray("JWKI\x01\x00", 6));
        QTRY_COMPARE(requests.size(), 1);
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
        const auto handed = second.claim(u"xmpp:room@conference.localhost?join"_s);
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
