#include "account.h"
#include "accountsettings.h"
#include "historystore.h"
#include "messenger.h"
#include "peer.h"
#include "session.h"
#include "streamguard.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QTimer>

#include <csignal>
#include <QDomDocument>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <QXmppElement.h>
#include <QXmppMessageReaction.h>
#include <QXmppTask.h>

using namespace Jw;
using namespace Qt::StringLiterals;
using Test::Account;

namespace {

QXmppElement element(const QString &xml)
{
    QDomDocument doc;
    doc.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing);
    return QXmppElement(doc.documentElement());
}

} // namespace

/// Offline delivery and delivery states against a real server (issue 3), on
/// Prosody or ejabberd (JW_TEST_SERVER; issue 12).
class TestOffline final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server;
    QTemporaryDir m_dir;

    ConnectionSettings settings(const QString &user) const { return Test::connectionSettings(m_server, user); }

    std::unique_ptr<Test::Peer> peer(const QString &user, bool receipts = false)
    {
        auto p = std::make_unique<Test::Peer>(m_server.jid(user), user + u"-pw"_s, m_server.port(),
            m_server.certificatePath());
        if (receipts)
            p->enableReceipts();
        if (!p->connectAndWait())
            return nullptr;
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start({ u"michael:michael-pw"_s, u"jenny:jenny-pw"_s, u"mallory:mallory-pw"_s,
                                    u"ann:ann-pw"_s, u"ben:ben-pw"_s, u"nora:nora-pw"_s, u"kim:kim-pw"_s,
                                    u"fresh1:fresh1-pw"_s, u"fresh2:fresh2-pw"_s, u"olive:olive-pw"_s, u"paul:paul-pw"_s },
                     { u"michael:jenny"_s, u"ann:ben"_s, u"nora:jenny"_s, u"fresh1:kim"_s, u"fresh2:kim"_s,
                         u"olive:paul"_s }),
            qPrintable(m_server.errorString()));
    }

    void messagesSentWhileOfflineArriveOnceFlaggedInOrder()
    {
        const QString path = m_dir.filePath(u"michael.db"_s);
        const QString jenny = m_server.jid(u"jenny"_s);
        {
            // Michael's Jabberwock has been used before on this machine.
            Account michael(path, settings(u"michael"_s));
            QVERIFY(michael.opened);
            QVERIFY(michael.signIn());
            QTest::qWait(300);
            michael.session.disconnectFromServer();
        }
        auto jennyClient = peer(u"jenny"_s);
        QVERIFY(jennyClient);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        for (int i = 1; i <= 3; ++i) {
            jennyClient->send(m_server.jid(u"michael"_s), u"offline %1 — 오프라인"_s.arg(i), u"jenny-off-%1"_s.arg(i));
            QTest::qWait(1100); // distinct send times, even at whole-second stamps
        }
        QTest::qWait(300);
        const QDateTime after = QDateTime::currentDateTimeUtc();

        for (int run = 0; run < 2; ++run) {
            Account michael(path, settings(u"michael"_s));
            QVERIFY(michael.opened);
            QVERIFY(michael.signIn());
            QTRY_COMPARE_WITH_TIMEOUT(michael.history(jenny).size(), 3, 15000);
            QTest::qWait(1000); // the archive catch-up has run too: still three
            const QList<Message> history = michael.history(jenny);
            QCOMPARE(history.size(), 3);
            for (int i = 0; i < 3; ++i) {
                QCOMPARE(history[i].body, u"offline %1 — 오프라인"_s.arg(i + 1));
                QVERIFY(history[i].arrivedOffline);
                QCOMPARE(history[i].direction, Direction::Incoming);
                // The time Jenny sent it, not when it arrived.
                QVERIFY2(history[i].sentAt >= before.addSecs(-1) && history[i].sentAt <= after,
                    qPrintable(history[i].sentAt.toString(Qt::ISODateWithMs)));
                QVERIFY(history[i].receivedAt > after);
                QVERIFY(!history[i].stanzaId.isEmpty());
            }
            QVERIFY(history[0].sentAt < history[1].sentAt && history[1].sentAt < history[2].sentAt);
            michael.session.disconnectFromServer();
        }
    }

    void aFreshProfileGetsWhatWaited_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("sasl2");
        QTest::newRow("SASL and bind") << u"fresh1"_s << false;
        QTest::newRow("SASL2 and Bind 2") << u"fresh2"_s << true;
    }

    void aFreshProfileGetsWhatWaited()
    {
        // An account that has never signed in on this profile (a new
        // device) gets everything that waited: a contact's messages, a
        // Korean burst, a stranger's first message; each once, flagged as
        // arrived offline. ejabberd empties its offline store for a Bind 2
        // sign-in when the archive is on: then only the archive has them.
        QFETCH(QString, user);
        QFETCH(bool, sasl2);
        constexpr int Burst = 300;
        const QString kim = m_server.jid(u"kim"_s);
        const QString mallory = m_server.jid(u"mallory"_s);
        {
            auto kimClient = peer(u"kim"_s);
            auto malloryClient = peer(u"mallory"_s);
            QVERIFY(kimClient && malloryClient);
            int acknowledged = 0;
            const auto send = [&](Test::Peer &from, const QString &body, const QString &id) {
                QXmppMessage m(QString(), m_server.jid(user), body);
                m.setType(QXmppMessage::Chat);
                m.setId(id);
                from.client.send(std::move(m)).then(this, [&acknowledged](QXmpp::SendResult &&result) {
                    acknowledged += std::holds_alternative<QXmpp::SendSuccess>(result) ? 1 : 0;
                });
            };
            for (int i = 0; i < 3; ++i)
                send(*kimClient, u"waited %1"_s.arg(i), u"%1-wait-%2"_s.arg(user).arg(i));
            for (int i = 0; i < Burst; ++i)
                send(*kimClient, u"한국어 메시지 %1 — 오프라인으로 도착"_s.arg(i), u"%1-burst-%2"_s.arg(user).arg(i));
            send(*malloryClient, u"hello, we have not met"_s, u"%1-stranger"_s.arg(user));
            QTRY_COMPARE_WITH_TIMEOUT(acknowledged, Burst + 4, 60000);
        }
        QTest::qWait(500);

        ConnectionSettings s = settings(user);
        s.useSasl2 = sasl2;
        Account fresh(m_dir.filePath(user + u".db"_s), s);
        fresh.messenger.setFirstSyncLimits(7, 20); // what a new device does
        QVERIFY(fresh.opened);
        QSignalSpy progress(&fresh.messenger, &Messenger::archiveFetchProgress);
        QVERIFY(fresh.signIn());
        QTRY_COMPARE_WITH_TIMEOUT(fresh.history(kim).size(), Burst + 3, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(fresh.history(mallory).size(), 1, 10000);
        // The fetch said it ran and when it ended.
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && !progress.last().at(0).toBool(), 30000);
        QVERIFY(progress.first().at(0).toBool());
        QTest::qWait(1500); // nothing comes twice
        QList<Message> history = fresh.history(kim);
        QCOMPARE(history.size(), Burst + 3);
        QSet<QString> ids;
        for (const Message &m : std::as_const(history)) {
            QVERIFY2(m.arrivedOffline, qPrintable(m.messageId));
            QCOMPARE(m.direction, Direction::Incoming);
            ids.insert(m.messageId);
            if (m.messageId.contains(u"-burst-"_s))
                QCOMPARE(m.body, u"한국어 메시지 %1 — 오프라인으로 도착"_s.arg(m.messageId.section(u'-', -1)));
        }
        QCOMPARE(ids.size(), Burst + 3);
        history = fresh.history(mallory);
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().body, u"hello, we have not met"_s);
        QVERIFY(history.first().arrivedOffline);
        fresh.session.disconnectFromServer();
    }

    void archiveCatchUpBringsMoreThanOnePageOnce()
    {
        // 600 messages: more than a page of the archive (250 here) and more
        // than Prosody's stream management queue (500), on a server without
        // offline storage: the archive (XEP-0313) is the only way, page
        // after page.
        constexpr int Count = 600;
        Test::TestServer server;
        // ejabberd: its offline store stays on (a module cannot be taken out
        // with a top-level line); after a Bind 2 sign-in with the archive on
        // it empties that store itself, so the archive is the way there too.
        if (server.isProsody())
            server.addConfigLine(
                u"modules_disabled = { \"s2s\"; \"s2s_auth_certs\"; \"dialback\"; \"offline\" }"_s);
        QVERIFY2(server.start({ u"paula:paula-pw"_s, u"quinn:quinn-pw"_s }, { u"paula:quinn"_s }),
            qPrintable(server.errorString()));
        QTemporaryDir dir;
        const QString path = dir.filePath(u"paula.db"_s);
        {
            Account paula(path, Test::connectionSettings(server, u"paula"_s));
            QVERIFY(paula.signIn());
            QTest::qWait(300);
            paula.session.disconnectFromServer();
        }
        QTest::qWait(500);
        Test::Peer quinn(server.jid(u"quinn"_s), u"quinn-pw"_s, server.port(), server.certificatePath());
        QVERIFY(quinn.connectAndWait());
        int acknowledged = 0;
        for (int i = 0; i < Count; ++i) {
            QXmppMessage m(QString(), server.jid(u"paula"_s), u"page test %1 — 쪽"_s.arg(i));
            m.setType(QXmppMessage::Chat);
            m.setId(u"page-%1"_s.arg(i));
            quinn.client.send(std::move(m)).then(this, [&acknowledged](QXmpp::SendResult &&result) {
                acknowledged += std::holds_alternative<QXmpp::SendSuccess>(result) ? 1 : 0;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(acknowledged, Count, 60000);

        const QString chat = server.jid(u"quinn"_s);
        for (int run = 0; run < 2; ++run) {
            Account paula(path, Test::connectionSettings(server, u"paula"_s));
            QVERIFY(paula.signIn());
            QTRY_COMPARE_WITH_TIMEOUT(paula.history(chat).size(), Count, 60000);
            QTest::qWait(1000); // nothing more comes
            // Each exactly once, intact. (Not checked here: the order. The
            // archive's stamps have microseconds; one in the first
            // millisecond of a second looks like a whole-second stamp to
            // Message::sortKey and sorts after the rest of its second.)
            const QList<Message> history = paula.history(chat);
            QCOMPARE(history.size(), Count);
            QList<int> numbers;
            for (const Message &m : history) {
                const int i = m.messageId.sliced(5).toInt();
                numbers.append(i);
                QCOMPARE(m.messageId, u"page-%1"_s.arg(i));
                QCOMPARE(m.body, u"page test %1 — 쪽"_s.arg(i));
                QVERIFY(m.arrivedOffline);
            }
            std::sort(numbers.begin(), numbers.end());
            for (int i = 0; i < Count; ++i)
                QCOMPARE(numbers[i], i);
            paula.session.disconnectFromServer();
        }
    }

    void ownOtherDeviceArrivesOnceByCarbonAndArchive()
    {
        const QString path = m_dir.filePath(u"nora-carbons.db"_s);
        const QString jenny = m_server.jid(u"jenny"_s);
        auto jennyClient = peer(u"jenny"_s);
        QVERIFY(jennyClient);
        {
            Account nora(path, settings(u"nora"_s));
            QVERIFY(nora.signIn());
            QTest::qWait(500); // carbons enabled
            // Nora's phone, the same account, writes to Jenny.
            auto phone = peer(u"nora"_s);
            QVERIFY(phone);
            phone->send(jenny, u"from my phone"_s, u"phone-1"_s);
            QTRY_COMPARE_WITH_TIMEOUT(nora.history(jenny).size(), 1, 10000);
            const Message copy = nora.history(jenny).first();
            QCOMPARE(copy.direction, Direction::Outgoing);
            QCOMPARE(copy.body, u"from my phone"_s);
            QCOMPARE(copy.state, DeliveryState::Sent);
            QVERIFY(!copy.arrivedOffline);
            phone->client.disconnectFromServer();
            nora.session.disconnectFromServer();
        }
        // While Jabberwock is closed the phone writes again: the archive brings it.
        auto phone = peer(u"nora"_s);
        QVERIFY(phone);
        phone->send(jenny, u"phone while you were closed"_s, u"phone-2"_s);
        QTest::qWait(500);
        phone->client.disconnectFromServer();
        Account nora(path, settings(u"nora"_s));
        QVERIFY(nora.signIn());
        QTRY_COMPARE_WITH_TIMEOUT(nora.history(jenny).size(), 2, 10000);
        QTest::qWait(800);
        const QList<Message> history = nora.history(jenny);
        QCOMPARE(history.size(), 2);
        QCOMPARE(history[1].body, u"phone while you were closed"_s);
        QCOMPARE(history[1].direction, Direction::Outgoing);
    }

    void receiptsCountOnlyFromTheAddressTheMessageWentTo()
    {
        // Accounts of its own: Prosody stores again, for later delivery,
        // whatever an earlier case's session left unacknowledged.
        QVERIFY(m_server.addUser(u"rita"_s, u"rita-pw"_s));
        QVERIFY(m_server.addUser(u"sam"_s, u"sam-pw"_s));
        Account michael(m_dir.filePath(u"rita-receipts.db"_s), settings(u"rita"_s));
        QVERIFY(michael.signIn());
        auto jennyClient = peer(u"sam"_s);
        auto mallory = peer(u"mallory"_s);
        QVERIFY(jennyClient && mallory);
        const QString jenny = m_server.jid(u"sam"_s);
        const QString id = michael.messenger.sendMessage(jenny, u"did you get this?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(jennyClient->received.size(), 1, 10000);
        QVERIFY(jennyClient->received.first().isReceiptRequested());
        QTRY_COMPARE(michael.history(jenny).first().state, DeliveryState::Sent);

        // Mallory claims to have received it: nothing changes.
        QXmppMessage spoof(QString(), m_server.jid(u"rita"_s));
        spoof.setReceiptId(id);
        mallory->client.sendPacket(spoof);
        QTest::qWait(800);
        QCOMPARE(michael.history(jenny).first().state, DeliveryState::Sent);

        // Jenny's receipt: delivered.
        QXmppMessage receipt(QString(), m_server.jid(u"rita"_s) + u"/jabberwock"_s);
        receipt.setReceiptId(id);
        jennyClient->client.sendPacket(receipt);
        QTRY_COMPARE_WITH_TIMEOUT(michael.history(jenny).first().state, DeliveryState::Delivered, 10000);
    }

    void aMessageToNobodyFailsWithTheServersReasonAndCanBeRetried()
    {
        Account michael(m_dir.filePath(u"michael-failed.db"_s), settings(u"michael"_s));
        QVERIFY(michael.signIn());
        const QString nobody = u"nobody@"_s + m_server.domain();
        const QString id = michael.messenger.sendMessage(nobody, u"anyone there?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(michael.history(nobody).first().state, DeliveryState::Failed, 10000);
        const QString reason = michael.history(nobody).first().error;
        QVERIFY2(!reason.isEmpty(), "the server's reason is kept");
        QSignalSpy changed(&michael.messenger, &Messenger::messageChanged);
        michael.messenger.retry(nobody, id);
        // Queued again, sent with the same id, and refused again.
        // (A change from before the retry may still be on its way: look for
        // "queued" followed by "failed".)
        const auto queuedThenFailed = [&] {
            qsizetype queued = -1;
            for (qsizetype i = 0; i < changed.size(); ++i) {
                const DeliveryState state = changed.at(i).first().value<Message>().state;
                if (state == DeliveryState::Queued)
                    queued = i;
                else if (state == DeliveryState::Failed && queued >= 0)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(queuedThenFailed(), 10000);
        QCOMPARE(michael.history(nobody).first().state, DeliveryState::Failed);
        QCOMPARE(michael.history(nobody).size(), 1);
    }

    void spoofedArchiveResultIsDropped()
    {
        Account michael(m_dir.filePath(u"michael-spoof.db"_s), settings(u"michael"_s));
        QVERIFY(michael.signIn());
        auto mallory = peer(u"mallory"_s);
        QVERIFY(mallory);
        const QString jenny = m_server.jid(u"jenny"_s);
        // Mallory wraps a fake "message from Jenny" in an archive result.
        QXmppMessage wrapper(QString(), m_server.jid(u"michael"_s));
        wrapper.setExtensions({ element(
            u"<result xmlns='urn:xmpp:mam:2' queryid='guess' id='fake-1'>"
            "<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2020-01-01T00:00:00Z'/>"
            "<message xmlns='jabber:client' from='%1/phone' to='%2' type='chat'><body>send me your password</body>"
            "</message></forwarded></result>"_s.arg(jenny, m_server.jid(u"michael"_s))) });
        mallory->client.sendPacket(wrapper);
        // And a carbon claiming Michael sent something: not from his own account.
        QXmppMessage carbon(QString(), m_server.jid(u"michael"_s));
        carbon.setExtensions({ element(
            u"<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
            "<message xmlns='jabber:client' from='%1/x' to='%2' type='chat'><body>fake carbon</body></message>"
            "</forwarded></sent>"_s.arg(m_server.jid(u"michael"_s), jenny)) });
        mallory->client.sendPacket(carbon);
        mallory->send(m_server.jid(u"michael"_s), u"a real message from mallory"_s, u"m-real"_s);
        const QString malloryJid = m_server.jid(u"mallory"_s);
        QTRY_COMPARE_WITH_TIMEOUT(michael.history(malloryJid).size(), 1, 10000);
        QTest::qWait(300);
        QCOMPARE(michael.history(jenny).size(), 0);
        const auto all = michael.store.allMessages().result().value();
        // (What earlier cases left in michael's offline store may be there
        // too: only the spoofs must not be.)
        for (const Message &m : all) {
            QVERIFY2(m.body != u"send me your password"_s && m.body != u"fake carbon"_s,
                qPrintable(m.chat + u": "_s + m.body));
        }
        QCOMPARE(michael.history(malloryJid).first().body, u"a real message from mallory"_s);
    }

    /// A correction, reactions and a retraction made while offline (issue
    /// 18) are shown at once, survive a restart and reach the other person
    /// once the connection is back, each once; a later sign-in sends
    /// nothing again.
    void changesMadeWhileOfflineGoOutOnceWhenBack()
    {
        const QString path = m_dir.filePath(u"olive.db"_s);
        const QString paul = m_server.jid(u"paul"_s);
        auto paulClient = peer(u"paul"_s);
        QVERIFY(paulClient);
        QList<QXmppMessage> toPaul; // everything, with a body or not
        connect(&paulClient->client, &QXmppClient::messageReceived, this,
            [&toPaul](const QXmppMessage &m) { toPaul.append(m); });
        const auto corrections = [&](const QString &id) {
            return std::count_if(toPaul.cbegin(), toPaul.cend(),
                [&](const QXmppMessage &m) { return m.replaceId() == id && m.body() == u"회의는 4시로 바뀌었어요"_s; });
        };
        const auto retractions = [&](const QString &id) {
            return std::count_if(toPaul.cbegin(), toPaul.cend(), [&](const QXmppMessage &m) {
                const auto ext = m.extensions();
                return std::any_of(ext.cbegin(), ext.cend(), [&](const QXmppElement &e) {
                    return e.tagName() == u"retract"_s && e.attribute(u"id"_s) == id;
                });
            });
        };
        const auto reactions = [&] {
            return std::count_if(toPaul.cbegin(), toPaul.cend(), [](const QXmppMessage &m) {
                if (!m.reaction() || m.reaction()->messageId() != u"paul-1"_s)
                    return false;
                const auto emojis = m.reaction()->emojis(); // a set: any order
                return QSet<QString>(emojis.cbegin(), emojis.cend()) == QSet<QString> { u"👍"_s, u"🎉"_s };
            });
        };
        QString ours;
        QString doomed;
        {
            Account olive(path, settings(u"olive"_s));
            QVERIFY(olive.opened);
            QVERIFY(olive.signIn());
            paulClient->send(m_server.jid(u"olive"_s), u"회의 자료 보냈어요"_s, u"paul-1"_s);
            QTRY_COMPARE_WITH_TIMEOUT(olive.history(paul).size(), 1, 10000);
            ours = olive.messenger.sendMessage(paul, u"회의는 3시"_s);
            doomed = olive.messenger.sendMessage(paul, u"잘못 보낸 메시지"_s);
            QTRY_COMPARE_WITH_TIMEOUT(paulClient->received.size(), 2, 10000);
            QTRY_COMPARE_WITH_TIMEOUT(olive.history(paul).at(2).state, DeliveryState::Sent, 10000);
            olive.session.disconnectFromServer();
            QTRY_COMPARE(olive.session.state(), Session::State::Offline);

            olive.messenger.correct(paul, ours, u"회의는 4시로 바뀌었어요"_s);
            olive.messenger.react(paul, u"paul-1"_s, { u"👍"_s });
            olive.messenger.react(paul, u"paul-1"_s, { u"👍"_s, u"🎉"_s });
            olive.messenger.retract(paul, doomed);
            // Shown at once, while offline.
            QTRY_VERIFY(olive.history(paul).at(2).retracted);
            QCOMPARE(olive.history(paul).at(1).body, u"회의는 4시로 바뀌었어요"_s);
            QCOMPARE(olive.history(paul).at(0).reactions.size(), 2);
        } // quit while offline
        QTest::qWait(300);
        QCOMPARE(corrections(ours) + retractions(doomed) + reactions(), 0);

        {
            Account olive(path, settings(u"olive"_s));
            QVERIFY(olive.signIn());
            QTRY_COMPARE_WITH_TIMEOUT(corrections(ours), 1, 15000);
            QTRY_COMPARE_WITH_TIMEOUT(retractions(doomed), 1, 15000);
            QTRY_COMPARE_WITH_TIMEOUT(reactions(), 1, 15000);
            QTest::qWait(1000);
            olive.session.disconnectFromServer();
        }
        {
            Account olive(path, settings(u"olive"_s));
            QVERIFY(olive.signIn());
            QTest::qWait(1500);
            QCOMPARE(olive.history(paul).at(1).body, u"회의는 4시로 바뀌었어요"_s);
            olive.session.disconnectFromServer();
        }
        QCOMPARE(corrections(ours), 1);
        QCOMPARE(retractions(doomed), 1);
        QCOMPARE(reactions(), 1);
    }

    void queuedWhileServerIsDownGoesOutOnceWhenItIsBack()
    {
        Account ann(m_dir.filePath(u"ann.db"_s), settings(u"ann"_s));
        ann.session.connectToServer(ann.settings);
        QTRY_COMPARE_WITH_TIMEOUT(ann.session.state(), Session::State::Online, 15000);
        m_server.stop();
        QTRY_VERIFY_WITH_TIMEOUT(ann.session.state() != Session::State::Online, 15000);
        const QString ben = m_server.jid(u"ben"_s);
        ann.messenger.sendMessage(ben, u"written while the server was down"_s);
        QTRY_COMPARE(ann.history(ben).size(), 1);
        QCOMPARE(ann.history(ben).first().state, DeliveryState::Queued);
        QVERIFY(m_server.restart());
        auto benClient = peer(u"ben"_s, true);
        QVERIFY(benClient);
        // The session comes back by itself (back-off) and the outbox drains.
        QTRY_COMPARE_WITH_TIMEOUT(benClient->received.size(), 1, 40000);
        QCOMPARE(benClient->received.first().body(), u"written while the server was down"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ann.history(ben).first().state, DeliveryState::Delivered, 10000);
        QTest::qWait(1000);
        QCOMPARE(benClient->received.size(), 1);
    }

    void failedResumptionDeliversEachMessageOnce()
    {
        // A server of its own that forgets a dropped session at once (the
        // usual case is a device offline longer than the server's
        // hibernation time, 10 minutes in Prosody).
        Test::TestServer server;
        if (server.isEjabberd())
            QSKIP("open on ejabberd: its test server does not start with a one-second resume_timeout "
                  "(host_config replaces the module list); the refusal itself is covered by tst_streamguard");
        if (server.isProsody()) {
            server.addConfigLine(u"smacks_hibernation_time = 0"_s);
        } else {
            // ejabberd: 0 would turn resumption off (no <resume/> is tried);
            // one second is over before the first reconnect's sign-in.
            server.addConfigLine(
                u"host_config: {\"localhost\": {modules: {mod_stream_mgmt: {resume_timeout: 1}}}}"_s);
        }
        QVERIFY2(server.start({ u"una:una-pw"_s, u"vic:vic-pw"_s }, { u"una:vic"_s }),
            qPrintable(server.errorString()));
        QTemporaryDir dir;
        Account una(dir.filePath(u"una.db"_s), Test::connectionSettings(server, u"una"_s));
        QVERIFY(una.opened);
        QVERIFY(una.signIn());
        Test::Peer vic(server.jid(u"vic"_s), u"vic-pw"_s, server.port(), server.certificatePath());
        vic.enableReceipts();
        QVERIFY(vic.connectAndWait());
        const QString vicJid = server.jid(u"vic"_s);
        const QString before = u"before the connection died"_s;
        una.messenger.sendMessage(vicJid, before);
        QTRY_COMPARE_WITH_TIMEOUT(una.history(vicJid).value(0).state, DeliveryState::Delivered, 10000);

        // The server freezes: what Una sends now reaches it, but no
        // acknowledgement (XEP-0198) comes back before the connection dies.
        const qint64 pid = server.serverPid();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
        const QString body = u"sent as the connection died — 끊겼다"_s;
        una.messenger.sendMessage(vicJid, body);
        QTRY_COMPARE(una.history(vicJid).size(), 2);
        QTest::qWait(300); // through the guard and into the server's socket
        auto *guard = una.session.findChild<StreamGuard *>();
        QVERIFY(guard);
        auto *tls = guard->findChild<QSslSocket *>();
        QVERIFY(tls);
        tls->abort();
        QCOMPARE(::kill(pid_t(pid), SIGCONT), 0);
        // The server reads the message, delivers it, and forgets Una's stream:
        // the resumption fails, and Una's session starts a new one.
        QTRY_COMPARE_WITH_TIMEOUT(vic.received.size(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(una.session.state(), Session::State::Online, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(una.history(vicJid).value(1).state == DeliveryState::Sent
                || una.history(vicJid).value(1).state == DeliveryState::Delivered,
            15000);
        QTest::qWait(3000); // a second copy would be here by now

        QStringList bodies;
        for (const QXmppMessage &m : std::as_const(vic.received))
            bodies.append(m.body());
        QCOMPARE(bodies, QStringList({ before, body }));
        const QList<Message> history = una.history(vicJid);
        QCOMPARE(history.size(), 2);
        QCOMPARE(history[1].body, body);
        QVERIFY(history[1].state == DeliveryState::Sent || history[1].state == DeliveryState::Delivered);

        // And the new stream works: the next message goes out once too.
        una.messenger.sendMessage(vicJid, u"after"_s);
        QTRY_COMPARE_WITH_TIMEOUT(vic.received.size(), 3, 10000);
        QTest::qWait(500);
        QCOMPARE(vic.received.size(), 3);
    }

    void killedRightAfterSendingLosesNothingAndSendsOnce_data()
    {
        QTest::addColumn<int>("killAfterMs");
        QTest::newRow("stored, not yet sent") << 0;
        QTest::newRow("sent, maybe not acknowledged") << 30;
    }

    void killedRightAfterSendingLosesNothingAndSendsOnce()
    {
        QFETCH(int, killAfterMs);
        if (killAfterMs > 0 && m_server.isEjabberd())
            QSKIP("open on ejabberd: after a kill right after sending, the message that reached the server "
                  "did not reach the receiver within 15 s (issue 12's closing note)");
        const QString path = m_dir.filePath(u"killed-%1.db"_s.arg(killAfterMs));
        const QString ben = m_server.jid(u"ben"_s);
        auto benClient = peer(u"ben"_s, true);
        QVERIFY(benClient);
        // A child process signs in as Ann, sends a message and is killed -9
        // the moment it is stored, or just after it went out.
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
            { u"--send-and-die"_s, path, QString::number(m_server.port()), m_server.certificatePath(), ben,
                QString::number(killAfterMs) });
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        Account ann(path, settings(u"ann"_s));
        QVERIFY(ann.opened);
        QCOMPARE(ann.history(ben).size(), 1);
        QCOMPARE(ann.history(ben).first().body, u"sent just before the crash (%1)"_s.arg(killAfterMs));
        QVERIFY(ann.signIn());
        QTRY_VERIFY_WITH_TIMEOUT(benClient->received.size() >= 1, 15000);
        if (killAfterMs == 0) {
            // Sent by the new session: Ben's receipt comes back to it.
            QTRY_COMPARE_WITH_TIMEOUT(ann.history(ben).first().state, DeliveryState::Delivered, 10000);
        } else {
            // Sent by the killed session: Ben's receipt went to that dead
            // device and may be lost; what must hold is that the server has
            // it (acknowledged, or found in the archive) and nothing is resent.
            QTRY_VERIFY_WITH_TIMEOUT(ann.history(ben).first().state == DeliveryState::Sent
                    || ann.history(ben).first().state == DeliveryState::Delivered,
                10000);
        }
        QTest::qWait(1000);
        int copies = 0;
        for (const QXmppMessage &m : std::as_const(benClient->received))
            copies += m.body() == u"sent just before the crash (%1)"_s.arg(killAfterMs) ? 1 : 0;
        QCOMPARE(copies, 1);
        QCOMPARE(ann.history(ben).size(), 1);
    }
};

/// The child of killedRightAfterSendingLosesNothingAndSendsOnce.
static int sendAndDie(const QStringList &args)
{
    const QString path = args.at(2);
    ConnectionSettings s;
    s.jid = u"ann@localhost"_s;
    s.password = u"ann-pw"_s;
    s.host = u"127.0.0.1"_s;
    s.port = quint16(args.at(3).toUInt());
    s.pinnedCertificates = QSslCertificate::fromPath(args.at(4));
    Account ann(path, s);
    if (!ann.opened || !ann.signIn())
        return 3;
    const int killAfterMs = args.at(6).toInt();
    QObject::connect(&ann.messenger, &Messenger::messageAdded, [killAfterMs](const Message &) {
        if (killAfterMs == 0)
            ::raise(SIGKILL);
        QTimer::singleShot(killAfterMs, [] { ::raise(SIGKILL); });
    });
    ann.messenger.sendMessage(args.at(5), u"sent just before the crash (%1)"_s.arg(killAfterMs));
    QTest::qWait(10000);
    return 4;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() > 1 && args.at(1) == u"--send-and-die"_s)
        return sendAndDie(args);
    TestOffline test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_offline.moc"
