#include "account.h"
#include "accountsettings.h"
#include "peer.h"
#include "testserver.h"

#include <QXmppDiscoveryManager.h>
#include <QXmppEntityTimeIq.h>
#include <QXmppEntityTimeManager.h>
#include <QXmppError.h>
#include <QXmppTask.h>
#include <QXmppVersionIq.h>

#include <QDomElement>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

template<typename T>
bool finish(QXmppTask<T> &task)
{
    return QTest::qWaitFor([&] { return task.isFinished(); }, 10000);
}

/// The condition of an error answer, or nothing if it was not an error.
template<typename Variant>
std::optional<QXmppStanza::Error::Condition> errorCondition(const Variant &result)
{
    if (const auto *error = std::get_if<QXmppError>(&result)) {
        if (auto stanzaError = error->template value<QXmppStanza::Error>())
            return stanzaError->condition();
        return QXmppStanza::Error::UndefinedCondition;
    }
    return std::nullopt;
}

} // namespace

/// Issue 12, "Believe only what may be believed", against a real Prosody:
/// what a stranger and a contact learn by asking our client (XEP-0092,
/// XEP-0202, XEP-0030), the resource, a sender's lying delay, and a message
/// id used again with another text. Alice is Jabberwock; Bob is her contact,
/// Carol a stranger (both plain QXmpp clients).
class TestTrust final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<Test::Account> m_alice;
    std::unique_ptr<Test::Peer> m_bob;
    std::unique_ptr<Test::Peer> m_carol;
    QString m_aliceFull;

    QString alice() const { return m_server.jid(u"alice"_s); }
    QString bob() const { return m_server.jid(u"bob"_s); }

    std::unique_ptr<Test::Peer> peer(const QString &user)
    {
        auto p = std::make_unique<Test::Peer>(
            m_server.jid(user), user + u"-pw"_s, m_server.port(), m_server.certificatePath());
        if (!p->connectAndWait())
            return {};
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s, u"carol:carol-pw"_s }, { u"alice:bob"_s }),
            qPrintable(m_server.errorString()));
        m_bob = peer(u"bob"_s);
        m_carol = peer(u"carol"_s);
        QVERIFY(m_bob && m_carol);
        // As the app does without a profile: no resource given.
        m_alice = std::make_unique<Test::Account>(
            m_dir.filePath(u"alice.db"_s), Test::connectionSettings(m_server, u"alice"_s));
        QVERIFY(m_alice->opened);
        QVERIFY(m_alice->signIn());
        // Bob, a contact, sees Alice's presence and so her full address.
        auto *roster = m_bob->client.findExtension<QXmppRosterManager>();
        QVERIFY(QTest::qWaitFor([&] { return !roster->getResources(alice()).isEmpty(); }, 10000));
        m_aliceFull = alice() + u'/' + roster->getResources(alice()).first();
    }

    void cleanupTestCase()
    {
        m_alice.reset();
        m_server.stop();
    }

    void resourceNamesNothingFixed()
    {
        const QString resource = m_aliceFull.section(u'/', 1);
        QVERIFY2(resource != u"jabberwock"_s, qPrintable(resource));
        QVERIFY2(resource.startsWith(u"jabberwock-"_s) && resource.size() > 15, qPrintable(resource));
    }

    void strangerGetsNoVersionNoTime()
    {
        QXmppVersionIq request;
        request.setType(QXmppIq::Get);
        request.setTo(m_aliceFull);
        auto version = m_carol->client.sendIq(std::move(request));
        QVERIFY(finish(version));
        QVERIFY(errorCondition(version.result()) == QXmppStanza::Error::ServiceUnavailable);

        auto time = m_carol->client.findExtension<QXmppEntityTimeManager>()->requestEntityTime(m_aliceFull);
        QVERIFY(finish(time));
        QVERIFY(errorCondition(time.result()) == QXmppStanza::Error::ServiceUnavailable);
    }

    void strangerGetsMinimalDisco()
    {
        auto info = m_carol->client.findExtension<QXmppDiscoveryManager>()->requestDiscoInfo(m_aliceFull);
        QVERIFY(finish(info));
        const auto *iq = std::get_if<QXmppDiscoveryIq>(&info.result());
        QVERIFY2(iq, "disco#info must be answered (XEP-0030)");
        QCOMPARE(iq->features(), QStringList { u"http://jabber.org/protocol/disco#info"_s });
        QCOMPARE(iq->identities().size(), 1);
        QCOMPARE(iq->identities().first().category(), u"client"_s);
        QVERIFY(iq->identities().first().name().isEmpty());
    }

    void contactGetsVersionWithoutOs()
    {
        QXmppVersionIq request;
        request.setType(QXmppIq::Get);
        request.setTo(m_aliceFull);
        auto version = m_bob->client.sendIq(std::move(request));
        QVERIFY(finish(version));
        const auto *element = std::get_if<QDomElement>(&version.result());
        QVERIFY2(element, "a contact is answered");
        QXmppVersionIq answer;
        answer.parse(*element);
        QCOMPARE(answer.name(), u"Jabberwock"_s);
        QVERIFY(!answer.version().isEmpty());
        QVERIFY2(answer.os().isEmpty(), qPrintable(answer.os()));

        auto time = m_bob->client.findExtension<QXmppEntityTimeManager>()->requestEntityTime(m_aliceFull);
        QVERIFY(finish(time));
        QVERIFY(!errorCondition(time.result()));

        auto info = m_bob->client.findExtension<QXmppDiscoveryManager>()->requestDiscoInfo(m_aliceFull);
        QVERIFY(finish(info));
        const auto *iq = std::get_if<QXmppDiscoveryIq>(&info.result());
        QVERIFY(iq);
        QVERIFY(iq->features().contains(u"jabber:iq:version"_s));
    }

    void sendersDelayDoesNotMoveTheMessage()
    {
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        m_bob->send(alice(), u"first, undated"_s, u"d1"_s);
        for (const auto &[id, stamp] : { std::pair { u"d2"_s, QDateTime(QDate(1, 1, 1), QTime(0, 0), QTimeZone::UTC) },
                 std::pair { u"d3"_s, QDateTime(QDate(2020, 5, 1), QTime(8, 0), QTimeZone::UTC) } }) {
            QXmppMessage lying(QString(), alice(), u"dated by the sender "_s + id);
            lying.setType(QXmppMessage::Chat);
            lying.setId(id);
            lying.setStamp(stamp); // a XEP-0203 delay without our server's from
            m_bob->client.sendPacket(lying);
        }
        QVERIFY(QTest::qWaitFor([&] { return m_alice->history(bob()).size() >= 3; }, 10000));
        const auto history = m_alice->history(bob());
        QStringList order;
        for (const Message &m : history) {
            order.append(m.messageId);
            QVERIFY2(m.sentAt >= before, qPrintable(m.body + u" at "_s + m.sentAt.toString(Qt::ISODate)));
            QVERIFY2(!m.arrivedOffline, qPrintable(m.body));
        }
        QCOMPARE(order, (QStringList { u"d1"_s, u"d2"_s, u"d3"_s }));
    }

    void serverHeldMessageKeepsItsTime()
    {
        // Prosody's offline storage stamps <delay from='localhost'>: believed.
        const QDateTime sent = QDateTime::currentDateTimeUtc();
        m_alice->session.disconnectFromServer();
        QTest::qWait(500);
        m_bob->send(alice(), u"while you were away"_s, u"held-1"_s);
        QTest::qWait(1500);
        QVERIFY(m_alice->signIn());
        QVERIFY(QTest::qWaitFor([&] {
            const auto h = m_alice->history(bob());
            return std::any_of(h.cbegin(), h.cend(), [](const Message &m) { return m.messageId == u"held-1"_s; });
        }, 10000));
        for (const Message &m : m_alice->history(bob())) {
            if (m.messageId != u"held-1"_s)
                continue;
            QVERIFY(m.arrivedOffline);
            QVERIFY2(m.sentAt < m.receivedAt.addMSecs(-500), qPrintable(m.sentAt.toString(Qt::ISODateWithMs)));
            QVERIFY(m.sentAt >= sent.addSecs(-1));
        }
        // Bob sees the new presence with the same resource (the session keeps it).
    }

    void idUsedAgainWithAnotherTextIsAnotherMessage()
    {
        m_bob->send(alice(), u"see you at five"_s, u"reused"_s);
        QVERIFY(QTest::qWaitFor([&] {
            const auto h = m_alice->history(bob());
            return std::any_of(h.cbegin(), h.cend(), [](const Message &m) { return m.body == u"see you at five"_s; });
        }, 10000));
        m_bob->send(alice(), u"running late"_s, u"reused"_s);
        m_bob->send(alice(), u"after the reuse"_s, u"marker"_s);
        QVERIFY(QTest::qWaitFor([&] {
            const auto h = m_alice->history(bob());
            return std::any_of(h.cbegin(), h.cend(), [](const Message &m) { return m.messageId == u"marker"_s; });
        }, 10000));
        QStringList bodies;
        for (const Message &m : m_alice->history(bob())) {
            if (m.messageId == u"reused"_s)
                bodies.append(m.body);
        }
        QCOMPARE(bodies, (QStringList { u"see you at five"_s, u"running late"_s }));
    }
};

QTEST_GUILESS_MAIN(TestTrust)
#include "tst_trust.moc"
