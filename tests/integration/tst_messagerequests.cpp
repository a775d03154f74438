#include "account.h"
#include "accountsettings.h"
#include "models.h"
#include "peer.h"
#include "requests.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

/// Direct messages with people outside the roster (issue 6) against a real
/// Prosody: message requests, accepting, blocking (XEP-0191), errors for
/// addresses that do not exist, and asking to see someone's status. The
/// other person is a plain QXmpp client. Each case has accounts of its own.
class TestMessageRequests final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server;
    QTemporaryDir m_dir;

    QString historyOf(const QString &user) const { return m_dir.filePath(user + u".db"_s); }

    std::unique_ptr<Test::Account> signIn(const QString &user)
    {
        auto account = std::make_unique<Test::Account>(historyOf(user), Test::connectionSettings(m_server, user));
        if (!account->opened || !account->signIn())
            return {};
        // Who is who is known once the history was read and the roster came.
        if (!QTest::qWaitFor([&] { return account->requests()->isLoaded(); }, 5000))
            return {};
        return account;
    }

    std::unique_ptr<Test::Peer> peer(const QString &user)
    {
        auto p = std::make_unique<Test::Peer>(
            m_server.jid(user), user + u"-pw"_s, m_server.port(), m_server.certificatePath());
        if (!p->connectAndWait())
            return {};
        return p;
    }

    static void sendAskingForReceipt(Test::Peer &from, const QString &to, const QString &body, const QString &id)
    {
        QXmppMessage m(QString(), to, body);
        m.setType(QXmppMessage::Chat);
        m.setId(id);
        m.setReceiptRequested(true);
        from.client.sendPacket(m);
    }

    static int receiptsFor(const QList<QXmppMessage> &all, const QString &id)
    {
        return int(std::count_if(all.cbegin(), all.cend(), [&](const QXmppMessage &m) { return m.receiptId() == id; }));
    }

    static bool hasBody(const QList<Message> &history, const QString &body)
    {
        return std::any_of(history.cbegin(), history.cend(), [&](const Message &m) { return m.body == body; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStringList users;
        for (const QString &name : { u"alice1"_s, u"eve1"_s, u"alice2"_s, u"eve2"_s, u"alice3"_s, u"eve3"_s,
                 u"alice4"_s, u"alice5"_s, u"eve5"_s, u"alice6"_s, u"eve6"_s })
            users.append(name + u':' + name + u"-pw"_s);
        QVERIFY2(m_server.start(users), qPrintable(m_server.errorString()));
    }

    void cleanupTestCase() { m_server.stop(); }

    void aStrangerLandsInRequestsLearnsNothingAndStaysAfterRestart()
    {
        const QString eveJid = m_server.jid(u"eve1"_s);
        auto alice = signIn(u"alice1"_s);
        QVERIFY(alice);
        auto eve = peer(u"eve1"_s);
        QVERIFY(eve);
        QList<QXmppMessage> toEve;
        connect(&eve->client, &QXmppClient::messageReceived, this, [&](const QXmppMessage &m) { toEve.append(m); });

        ConversationsModel list(&alice->features);
        QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        sendAskingForReceipt(*eve, alice->settings.jid, u"hi, you don't know me"_s, u"e1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(alice->history(eveJid).size(), 1, 10000);
        QCOMPARE(alice->requests()->standing(eveJid), Standing::Request);
        QTRY_VERIFY(list.rowOf(eveJid) >= 0);
        QVERIFY(list.index(list.rowOf(eveJid)).data(ConversationsModel::RequestRole).toBool());

        // A receipt would tell a stranger that the address is in use and read.
        // A later message from a roster-less account that asks for one shows
        // the server's path is quiet: nothing at all comes back to Eve.
        QTest::qWait(1500);
        QCOMPARE(receiptsFor(toEve, u"e1"_s), 0);

        alice.reset();
        auto again = signIn(u"alice1"_s);
        QVERIFY(again);
        QCOMPARE(again->requests()->standing(eveJid), Standing::Request);
        QCOMPARE(again->history(eveJid).size(), 1);
        ConversationsModel after(&again->features);
        QTRY_VERIFY(after.rowOf(eveJid) >= 0);
        QVERIFY(after.index(after.rowOf(eveJid)).data(ConversationsModel::RequestRole).toBool());
    }

    void acceptingMovesTheChatAndLetsReceiptsThrough()
    {
        const QString eveJid = m_server.jid(u"eve2"_s);
        auto alice = signIn(u"alice2"_s);
        QVERIFY(alice);
        auto eve = peer(u"eve2"_s);
        QVERIFY(eve);
        QList<QXmppMessage> toEve;
        connect(&eve->client, &QXmppClient::messageReceived, this, [&](const QXmppMessage &m) { toEve.append(m); });
        ConversationsModel list(&alice->features);
        QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);

        sendAskingForReceipt(*eve, alice->settings.jid, u"first"_s, u"f1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(alice->history(eveJid).size(), 1, 10000);
        QTRY_VERIFY(list.rowOf(eveJid) >= 0);
        alice->requests()->accept(eveJid);
        QCOMPARE(alice->requests()->standing(eveJid), Standing::Accepted);
        QVERIFY(!list.index(list.rowOf(eveJid)).data(ConversationsModel::RequestRole).toBool());

        sendAskingForReceipt(*eve, alice->settings.jid, u"second"_s, u"f2"_s);
        QTRY_COMPARE_WITH_TIMEOUT(receiptsFor(toEve, u"f2"_s), 1, 10000);
        QCOMPARE(receiptsFor(toEve, u"f1"_s), 0); // nothing owed from before the decision

        alice.reset();
        auto again = signIn(u"alice2"_s);
        QVERIFY(again);
        QCOMPARE(again->requests()->standing(eveJid), Standing::Accepted);
    }

    void blockingMakesTheServerRefuseTheirMessages()
    {
        const QString eveJid = m_server.jid(u"eve3"_s);
        auto alice = signIn(u"alice3"_s);
        QVERIFY(alice);
        auto eve = peer(u"eve3"_s);
        QVERIFY(eve);
        QList<QXmppMessage> toEve;
        connect(&eve->client, &QXmppClient::messageReceived, this, [&](const QXmppMessage &m) { toEve.append(m); });

        eve->send(alice->settings.jid, u"buy now"_s, u"b1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(alice->history(eveJid).size(), 1, 10000);
        QSignalSpy failed(alice->requests(), &Requests::failed);
        alice->requests()->block(eveJid);
        QTRY_COMPARE_WITH_TIMEOUT(alice->requests()->standing(eveJid), Standing::Blocked, 10000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));

        // On Eve's side: the server sends her message back as an error.
        eve->send(alice->settings.jid, u"buy now!!"_s, u"b2"_s);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(toEve.cbegin(), toEve.cend(),
                                     [](const QXmppMessage &m) {
                                         return m.type() == QXmppMessage::Error && m.id() == u"b2"_s;
                                     }),
            10000);
        QTest::qWait(500);
        QVERIFY(!hasBody(alice->history(eveJid), u"buy now!!"_s));

        // The server keeps the list: after a restart it is read back from there.
        alice.reset();
        auto again = signIn(u"alice3"_s);
        QVERIFY(again);
        QCOMPARE(again->requests()->standing(eveJid), Standing::Blocked);
        again->requests()->unblock(eveJid);
        QTRY_COMPARE_WITH_TIMEOUT(again->requests()->standing(eveJid), Standing::Request, 10000);
        eve->send(again->settings.jid, u"sorry"_s, u"b3"_s);
        QTRY_VERIFY_WITH_TIMEOUT(hasBody(again->history(eveJid), u"sorry"_s), 10000);
    }

    void aMessageToNobodyShowsTheServersAnswer()
    {
        auto alice = signIn(u"alice4"_s);
        QVERIFY(alice);
        const QString nobody = m_server.jid(u"nobody-here"_s);
        alice->requests()->startChat(nobody);
        QSignalSpy changed(&alice->messenger, &Messenger::messageChanged);
        alice->messenger.sendMessage(nobody, u"hello?"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!alice->history(nobody).isEmpty()
                && alice->history(nobody).first().state == DeliveryState::Failed,
            10000);
        const Message failed = alice->history(nobody).first();
        QVERIFY2(failed.error.contains(u"no such user"_s), qPrintable(failed.error));
        QVERIFY2(failed.error.contains(nobody), qPrintable(failed.error));
        QTRY_VERIFY(!changed.isEmpty()); // the open chat heard of it (told after the history has it)
    }

    void askingToSeeTheirStatusAndAnsweringTheirs()
    {
        const QString eveJid = m_server.jid(u"eve5"_s);
        auto alice = signIn(u"alice5"_s);
        QVERIFY(alice);
        auto eve = peer(u"eve5"_s);
        QVERIFY(eve);
        auto *eveRoster = eve->client.findExtension<QXmppRosterManager>();
        QSignalSpy asked(eveRoster, &QXmppRosterManager::subscriptionRequestReceived);

        alice->requests()->startChat(eveJid);
        QVERIFY(!alice->roster()->contact(eveJid).sharesPresence());
        alice->requests()->askForPresence(eveJid);
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 10000);
        QCOMPARE(asked.first().first().toString(), alice->settings.jid);
        QTRY_VERIFY(alice->roster()->contact(eveJid).askPending);
        eveRoster->acceptSubscription(alice->settings.jid);
        QTRY_VERIFY_WITH_TIMEOUT(alice->roster()->contact(eveJid).sharesPresence(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(alice->roster()->contact(eveJid).presence, PresenceStatus::Available, 10000);

        // The other way: Eve asks, Alice answers from the same place.
        QSignalSpy changed(alice->requests(), &Requests::changed);
        eveRoster->subscribe(alice->settings.jid);
        QTRY_VERIFY_WITH_TIMEOUT(alice->requests()->wantsPresence(eveJid), 10000);
        alice->requests()->answerPresenceRequest(eveJid, true);
        QVERIFY(!alice->requests()->wantsPresence(eveJid));
        QTRY_VERIFY_WITH_TIMEOUT(!eveRoster->getAllPresencesForBareJid(alice->settings.jid).isEmpty(), 10000);
        const auto presences = eveRoster->getAllPresencesForBareJid(alice->settings.jid);
        QCOMPARE(presences.first().type(), QXmppPresence::Available);
    }

    void aStrangersStatusRequestWaitsInRequestsAndCanBeDenied()
    {
        const QString eveJid = m_server.jid(u"eve6"_s);
        auto alice = signIn(u"alice6"_s);
        QVERIFY(alice);
        ConversationsModel list(&alice->features);
        QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto eve = peer(u"eve6"_s);
        QVERIFY(eve);
        auto *eveRoster = eve->client.findExtension<QXmppRosterManager>();
        eveRoster->subscribe(alice->settings.jid);
        QTRY_VERIFY_WITH_TIMEOUT(list.rowOf(eveJid) >= 0, 10000);
        const QModelIndex row = list.index(list.rowOf(eveJid));
        QVERIFY(row.data(ConversationsModel::RequestRole).toBool());
        QVERIFY(row.data(ConversationsModel::PresenceRequestRole).toBool());

        QSignalSpy refused(eveRoster, &QXmppRosterManager::itemChanged);
        alice->requests()->answerPresenceRequest(eveJid, false);
        QVERIFY(!alice->requests()->wantsPresence(eveJid));
        // Eve is told no, and sees nothing of Alice.
        QTest::qWait(1000);
        QVERIFY(eveRoster->getAllPresencesForBareJid(alice->settings.jid).isEmpty());
        const auto item = eveRoster->getRosterEntry(alice->settings.jid);
        QVERIFY(item.subscriptionType() != QXmppRosterIq::Item::To && item.subscriptionType() != QXmppRosterIq::Item::Both);
    }
};

QTEST_MAIN(TestMessageRequests)
#include "tst_messagerequests.moc"
