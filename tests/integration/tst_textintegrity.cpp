// Issue 8: text arrives byte-identical in Jabberwock, live, in an offline
// burst of thousands and in large messages, against a real Prosody on
// loopback. The sender is a plain QXmpp client; the receiver is Jabberwock's
// Session (QXmpp 1.10 behind the stream guard). bench/bench_textintegrity
// runs the same scenario on a plain QXmpp 1.10 receiver and counts the damage.

#include "account.h"
#include "directmessages.h"
#include "historystore.h"
#include "messenger.h"
#include "peer.h"
#include "session.h"
#include "accountsettings.h"
#include "testserver.h"
#include "textsamples.h"

#include <QXmppTask.h>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

using Test::bodyOfBytes;
using Test::longBody;
using Test::shortBody;

struct Sent
{
    QString id;
    QString body;
};

/// What a receiver got, by message id: the 1:1 messages the session's
/// transport hands over, as DirectMessages reads them (nothing is stored).
class Received final : public QObject
{
public:
    explicit Received(Session *session)
        : m_direct(session->transport())
    {
        connect(&m_direct, &DirectMessages::received, this, [this](const Jw::Message &m) {
            if (!m.body.isEmpty()) {
                bodies.insert(m.messageId, m.body);
                offline.insert(m.messageId, m.arrivedOffline);
                ++count;
            }
        });
    }
    QHash<QString, QString> bodies;
    QHash<QString, bool> offline;
    int count = 0;

private:
    DirectMessages m_direct;
};

/// Differences between what was sent and what arrived, as lines to show.
QStringList damage(const QList<Sent> &sent, const QHash<QString, QString> &bodies)
{
    QStringList problems;
    for (const Sent &s : sent) {
        const auto it = bodies.constFind(s.id);
        if (it == bodies.constEnd())
            problems.append(u"%1: missing"_s.arg(s.id));
        else if (*it != s.body)
            problems.append(u"%1: %2 characters sent, %3 arrived, %4 U+FFFD"_s.arg(s.id)
                                .arg(s.body.size())
                                .arg(it->size())
                                .arg(it->count(QChar(0xFFFD))));
    }
    return problems;
}

} // namespace

class TestTextIntegrity final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server;
    QTemporaryDir m_dir;

    ConnectionSettings settings(const QString &user) const { return Test::connectionSettings(m_server, user); }

    std::unique_ptr<Test::Peer> peer(const QString &user)
    {
        auto p = std::make_unique<Test::Peer>(m_server.jid(user), user + u"-pw"_s, m_server.port(),
            m_server.certificatePath());
        return p;
    }

    /// Sends and waits until the server acknowledged every message (XEP-0198),
    /// so that all of them are stored or delivered.
    static bool sendAll(Test::Peer &from, const QString &to, const QList<Sent> &messages, int timeoutMs = 120000)
    {
        auto acknowledged = std::make_shared<int>(0);
        auto failed = std::make_shared<int>(0);
        for (const Sent &s : messages) {
            QXmppMessage m(QString(), to, s.body);
            m.setType(QXmppMessage::Chat);
            m.setId(s.id);
            from.client.send(std::move(m)).then(&from, [acknowledged, failed](QXmpp::SendResult &&result) {
                const auto *success = std::get_if<QXmpp::SendSuccess>(&result);
                ++*(success && success->acknowledged ? acknowledged : failed);
            });
        }
        QDeadlineTimer deadline(timeoutMs);
        while (*acknowledged + *failed < messages.size() && !deadline.hasExpired())
            QTest::qWait(20);
        return *acknowledged == messages.size();
    }

    static bool waitForOnline(Session &session)
    {
        QDeadlineTimer deadline(30000);
        while (session.state() != Session::State::Online && !deadline.hasExpired())
            QTest::qWait(20);
        if (session.state() != Session::State::Online)
            qWarning("not online (state %d): %s", int(session.state()), qPrintable(session.lastError().message));
        return session.state() == Session::State::Online;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s, u"carol:carol-pw"_s, u"dave:dave-pw"_s },
                     { u"alice:bob"_s, u"carol:bob"_s, u"dave:bob"_s }),
            qPrintable(m_server.errorString()));
    }

    void offlineBurstArrivesIntact()
    {
        // 2,000 short messages and one of 90,000 characters, sent while the
        // account is offline; Prosody delivers them in one burst at sign-in.
        QList<Sent> sent;
        for (int i = 0; i < 2000; ++i)
            sent.append({ u"burst-%1"_s.arg(i), shortBody(i) });
        sent.append({ u"large-90k"_s, longBody(90000, u"large"_s) });

        auto bob = peer(u"bob"_s);
        QVERIFY(bob->connectAndWait());
        QVERIFY(sendAll(*bob, m_server.jid(u"alice"_s), sent));

        Session session;
        Received received(&session);
        QElapsedTimer timer;
        timer.start();
        session.connectToServer(settings(u"alice"_s));
        QVERIFY(waitForOnline(session));
        QTRY_VERIFY_WITH_TIMEOUT(received.count >= sent.size(), 120000);
        qInfo("offline burst of %d messages received in %lld ms", int(sent.size()), timer.elapsed());

        const QStringList problems = damage(sent, received.bodies);
        QVERIFY2(problems.isEmpty(), qPrintable(u"%1 of %2 damaged or missing:\n"_s.arg(problems.size()).arg(sent.size())
                                         + problems.mid(0, 20).join(u'\n')));
        QCOMPARE(received.count, sent.size()); // each once
        QVERIFY(received.offline.value(u"burst-0"_s));
        QVERIFY(received.offline.value(u"large-90k"_s));
    }

    void liveMessagesArriveIntact()
    {
        // Signed in: a burst and large messages up to near the server's
        // stanza limit (c2s_stanza_size_limit, 4 MiB in the test server).
        Session session;
        Received received(&session);
        session.connectToServer(settings(u"carol"_s));
        QVERIFY(waitForOnline(session));

        QList<Sent> sent;
        for (int i = 0; i < 2000; ++i)
            sent.append({ u"live-%1"_s.arg(i), shortBody(i) });
        sent.append({ u"live-60k"_s, longBody(60000, u"60k"_s) });
        sent.append({ u"live-200k"_s, bodyOfBytes(200 * 1000, u"200KB"_s) });
        // The largest a message may be (ServerStreamFilter::Limits::maxMessageCharacters,
        // 512 Ki characters: about 1.2 MB of this text); larger ones become a
        // "too large" note (tst_floods).
        sent.append({ u"live-1m2"_s, bodyOfBytes(1200 * 1000, u"1.2MB"_s) });

        auto bob = peer(u"bob"_s);
        QVERIFY(bob->connectAndWait());
        QVERIFY(sendAll(*bob, m_server.jid(u"carol"_s), sent));
        QTRY_VERIFY_WITH_TIMEOUT(received.count >= sent.size(), 120000);
        const QStringList problems = damage(sent, received.bodies);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 20).join(u'\n')));
        QCOMPARE(received.count, sent.size());
        QVERIFY(!received.offline.value(u"live-1m2"_s));
        QCOMPARE(session.state(), Session::State::Online); // nothing tripped a limit
    }

    void storedHistoryIsIntact()
    {
        // Through Messenger into the SQLite history, after a restart.
        const QString bobJid = m_server.jid(u"bob"_s);
        QList<Sent> sent;
        for (int i = 0; i < 300; ++i)
            sent.append({ u"stored-%1"_s.arg(i), shortBody(i) });
        sent.append({ u"stored-large"_s, longBody(90000, u"stored"_s) });

        auto bob = peer(u"bob"_s);
        QVERIFY(bob->connectAndWait());
        QVERIFY(sendAll(*bob, m_server.jid(u"dave"_s), sent));

        const QString path = m_dir.filePath(u"dave/history.db"_s);
        {
            HistoryStore store(path);
            QVERIFY(store.open().result());
            Session session;
            AccountFeatures features(&store, session.transport());
            Test::wireAsTheAppDoes(session, features);
            session.connectToServer(settings(u"dave"_s));
            QVERIFY(waitForOnline(session));
            QTRY_COMPARE_WITH_TIMEOUT(store.allMessages(bobJid).result()->size(), sent.size(), 60000);
            session.disconnectFromServer();
        }
        HistoryStore store(path);
        QVERIFY(store.open().result());
        const auto stored = store.allMessages(bobJid).result().value();
        QHash<QString, QString> bodies;
        for (const Jw::Message &m : stored)
            bodies.insert(m.messageId, m.body);
        const QStringList problems = damage(sent, bodies);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 20).join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestTextIntegrity)
#include "tst_textintegrity.moc"
