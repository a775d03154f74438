#include "account.h"
#include "accountsettings.h"
#include "historystore.h"
#include "messenger.h"
#include "models.h"
#include "peer.h"
#include "readpositions.h"
#include "readstore.h"
#include "readtracker.h"
#include "session.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Jw;
using namespace Qt::StringLiterals;
using Test::Account;

namespace {

QString bareOf(const QString &jid)
{
    return jid.section(u'/', 0, 0);
}

QXmppMessage markable(const QString &to, const QString &body, const QString &id)
{
    QXmppMessage m(QString(), to, body);
    m.setType(QXmppMessage::Chat);
    m.setId(id);
    m.setMarkable(true);
    return m;
}

QXmppMessage displayed(const QString &to, const QString &id)
{
    QXmppMessage m(QString(), to);
    m.setType(QXmppMessage::Chat);
    m.setMarker(QXmppMessage::Displayed);
    m.setMarkerId(id);
    return m;
}

/// Collects the displayed markers `peer` receives into `markers`, which must outlive it.
void collectMarkers(Test::Peer &peer, QList<QXmppMessage> &markers)
{
    QObject::connect(&peer.client, &QXmppClient::messageReceived, &peer, [&markers](const QXmppMessage &m) {
        if (m.marker() == QXmppMessage::Displayed)
            markers.append(m);
    });
}

} // namespace

/// XEP-0333 displayed markers both ways against a real Prosody (issue 4).
class TestReadMarkers final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server;
    QTemporaryDir m_dir;

    ConnectionSettings settings(const QString &user) const { return Test::connectionSettings(m_server, user); }

    std::unique_ptr<Test::Peer> peer(const QString &user) const
    {
        return std::make_unique<Test::Peer>(m_server.jid(user), user + u"-pw"_s, m_server.port(),
            m_server.certificatePath());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s, u"carol:carol-pw"_s }, { u"alice:bob"_s }),
            qPrintable(m_server.errorString()));
    }

    void readingSendsADisplayedMarker()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        QList<QXmppMessage> markers;
        auto bob = peer(u"bob"_s);
        collectMarkers(*bob, markers);
        QVERIFY(bob->connectAndWait());
        Account alice(m_dir.filePath(u"read/history.db"_s), settings(u"alice"_s));
        QVERIFY(alice.opened);
        QVERIFY(alice.signIn());

        bob->client.sendPacket(markable(aliceJid, u"first"_s, u"bob-1"_s));
        bob->client.sendPacket(markable(aliceJid, u"second"_s, u"bob-2"_s));
        QTRY_COMPARE_WITH_TIMEOUT(alice.history(bobJid).size(), 2, 10000);
        // Stored is not read: Bob hears nothing yet.
        QTest::qWait(300);
        QVERIFY(markers.isEmpty());

        alice.read(bobJid);
        QTRY_COMPARE_WITH_TIMEOUT(markers.size(), 1, 10000);
        // One marker, for the newest message read; it stands for both.
        QCOMPARE(markers.at(0).markedId(), u"bob-2"_s);
        QCOMPARE(bareOf(markers.at(0).from()), aliceJid);

        // While the chat stays shown and active, what comes is read and marked too, once.
        bob->client.sendPacket(markable(aliceJid, u"third"_s, u"bob-3"_s));
        QTRY_COMPARE_WITH_TIMEOUT(markers.size(), 2, 10000);
        QCOMPARE(markers.at(1).markedId(), u"bob-3"_s);
        QTest::qWait(300);
        QCOMPARE(markers.size(), 2);
        const auto conversation = alice.store.conversation(bobJid).result();
        QCOMPARE(conversation->unread, 0);
        alice.session.disconnectFromServer();
    }

    /// XEP-0333 §4: a message that did not ask for markers (no <markable/>)
    /// gets none, and reading it still moves the read position.
    void aMessageThatDidNotAskGetsNoMarker()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        QList<QXmppMessage> markers;
        auto bob = peer(u"bob"_s);
        collectMarkers(*bob, markers);
        QVERIFY(bob->connectAndWait());
        Account alice(m_dir.filePath(u"plain/history.db"_s), settings(u"alice"_s));
        QVERIFY(alice.opened);
        QVERIFY(alice.signIn());
        QTest::qWait(1000); // what earlier cases left offline has come
        alice.read(bobJid);
        const int before = alice.history(bobJid).size();

        bob->send(aliceJid, u"no markers, please"_s, u"bob-plain-1"_s); // no <markable/>
        QTRY_COMPARE_WITH_TIMEOUT(alice.history(bobJid).size(), before + 1, 10000);
        QTRY_COMPARE(alice.store.conversation(bobJid).result()->unread, 0); // read
        QTRY_COMPARE(alice.reads()->tracker()->readPosition(bobJid), alice.history(bobJid).last().rowId);
        // A message that did ask, on the same stream, is marked: by then the first was judged.
        // Markers for what earlier cases left may come too (their catch-up can
        // take longer than the wait above): only this case's ids count.
        const auto markedHere = [&markers] {
            QStringList ids;
            for (const QXmppMessage &m : std::as_const(markers)) {
                if (m.markedId().startsWith(u"bob-plain-"_s))
                    ids.append(m.markedId());
            }
            return ids;
        };
        bob->client.sendPacket(markable(aliceJid, u"this one may be marked"_s, u"bob-plain-2"_s));
        QTRY_COMPARE_WITH_TIMEOUT(markedHere(), QStringList { u"bob-plain-2"_s }, 10000);
        QTest::qWait(300);
        QCOMPARE(markedHere(), QStringList { u"bob-plain-2"_s });
        alice.session.disconnectFromServer();
    }

    void readingOnAnotherDeviceClearsTheCountHere()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        auto bob = peer(u"bob"_s);
        QVERIFY(bob->connectAndWait());
        Account alice(m_dir.filePath(u"elsewhere/history.db"_s), settings(u"alice"_s));
        QVERIFY(alice.opened);
        QVERIFY(alice.signIn());
        QTest::qWait(1000); // carbons are on, and what earlier cases left offline has come
        const int before = alice.store.conversation(bobJid).result()->unread;
        bob->client.sendPacket(markable(aliceJid, u"read me on your phone"_s, u"bob-phone-1"_s));
        QTRY_COMPARE_WITH_TIMEOUT(alice.store.conversation(bobJid).result()->unread, before + 1, 10000);

        // Alice's phone (the same account) tells Bob it displayed the message.
        auto phone = peer(u"alice"_s);
        QVERIFY(phone->connectAndWait());
        QXmppMessage marker(QString(), bobJid);
        marker.setType(QXmppMessage::Chat);
        marker.setMarker(QXmppMessage::Displayed);
        marker.setMarkerId(u"bob-phone-1"_s);
        phone->client.sendPacket(marker);
        QTRY_COMPARE_WITH_TIMEOUT(alice.store.conversation(bobJid).result()->unread, 0, 10000);
        alice.session.disconnectFromServer();
    }

    void theirMarkerShowsOursDisplayedButNotASpoofedOne()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        const QString carolJid = m_server.jid(u"carol"_s);
        auto bob = peer(u"bob"_s);
        auto carol = peer(u"carol"_s);
        QVERIFY(bob->connectAndWait());
        QVERIFY(carol->connectAndWait());
        Account alice(m_dir.filePath(u"seen/history.db"_s), settings(u"alice"_s));
        QVERIFY(alice.signIn());
        MessagesModel model(&alice.features, bobJid);
        // What earlier cases left in the offline store arrives with the sign-in: count from after it.
        QTest::qWait(1000);
        const int base = model.rowCount();

        const QString first = alice.messenger.sendMessage(bobJid, u"did you see this?"_s);
        const QString second = alice.messenger.sendMessage(bobJid, u"and this?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(bob->received.size(), 2, 10000);
        QTRY_COMPARE(model.rowCount(), base + 2);

        // Carol claims Bob's side displayed it: a third address does not count.
        carol->client.sendPacket(displayed(aliceJid, second));
        // Then a message from Carol on the same stream: once it is stored, her marker was judged.
        carol->send(aliceJid, u"sync"_s, u"carol-sync"_s);
        QTRY_COMPARE_WITH_TIMEOUT(alice.history(carolJid).size(), 1, 10000);
        QTest::qWait(100);
        QVERIFY(!model.index(base).data(MessagesModel::DisplayedRole).toBool());
        QVERIFY(!model.index(base + 1).data(MessagesModel::DisplayedRole).toBool());
        QCOMPARE(alice.reads()->displayedUpTo(bobJid), 0);

        // Bob's own marker for the first message: that one is displayed, the second not yet.
        bob->client.sendPacket(displayed(aliceJid, first));
        QTRY_VERIFY_WITH_TIMEOUT(model.index(base).data(MessagesModel::DisplayedRole).toBool(), 10000);
        QVERIFY(!model.index(base + 1).data(MessagesModel::DisplayedRole).toBool());
        // For the second: everything up to it.
        bob->client.sendPacket(displayed(aliceJid, second));
        QTRY_VERIFY_WITH_TIMEOUT(model.index(base + 1).data(MessagesModel::DisplayedRole).toBool(), 10000);
        const auto stored = ReadStore::load(alice.store, bobJid).result();
        QVERIFY(stored && stored->size() == 1);
        QCOMPARE(stored->first().displayed, model.index(base + 1).data(MessagesModel::RowIdRole).toLongLong());
        alice.session.disconnectFromServer();
    }

    void readOfflineIsSentWhenBackEvenAfterARestart()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        if (m_server.isEjabberd())
            QSKIP("open on ejabberd: the owed marker was not recorded after a read while offline, "
                  "perhaps because earlier cases' messages arrive after this one (issue 12's closing note)");
        const QString historyPath = m_dir.filePath(u"offline/history.db"_s);
        QList<QXmppMessage> markers;
        auto bob = peer(u"bob"_s);
        collectMarkers(*bob, markers);
        QVERIFY(bob->connectAndWait());
        {
            Account alice(historyPath, settings(u"alice"_s));
            QSignalSpy fetch(&alice.messenger, &Messenger::archiveFetchProgress);
            QVERIFY(alice.signIn());
            // What the sign-in's archive catch-up brings (our own messages of
            // the case before, archived within the same second) is stored
            // first: a message of ours stored after Bob's would count as
            // having read it, and no marker would be owed.
            QTRY_VERIFY_WITH_TIMEOUT(!fetch.isEmpty() && !fetch.last().at(0).toBool(), 10000);
            bob->client.sendPacket(markable(aliceJid, u"are you there?"_s, u"bob-offline-1"_s));
            // (What earlier cases left in the offline store may come too.)
            const auto arrived = [&] {
                const auto history = alice.history(bobJid);
                return std::any_of(history.cbegin(), history.cend(),
                    [](const Message &m) { return m.messageId == u"bob-offline-1"_s; });
            };
            QTRY_VERIFY_WITH_TIMEOUT(arrived(), 10000);
            QTest::qWait(300);
            alice.session.disconnectFromServer();
            QCOMPARE(alice.session.state(), Session::State::Offline);

            // Read while offline: owed, and kept so.
            alice.read(bobJid);
            QTRY_COMPARE(alice.store.conversation(bobJid).result()->unread, 0);
            QTRY_VERIFY(ReadStore::load(alice.store, bobJid).result()->first().read.markerPending);
        }
        QTest::qWait(200);
        QVERIFY(markers.isEmpty());

        // Jabberwock starts again and signs in: the owed marker goes out, once.
        Account alice(historyPath, settings(u"alice"_s));
        QTRY_VERIFY(alice.reads()->isLoaded());
        QCOMPARE(alice.reads()->tracker()->pendingMarkers(), QStringList { bobJid });
        QVERIFY(alice.signIn());
        QTRY_COMPARE_WITH_TIMEOUT(markers.size(), 1, 10000);
        QCOMPARE(markers.at(0).markedId(), u"bob-offline-1"_s);
        QTRY_VERIFY(!ReadStore::load(alice.store, bobJid).result()->first().read.markerPending);
        QTest::qWait(300);
        QCOMPARE(markers.size(), 1);
        alice.session.disconnectFromServer();
    }
};

QTEST_GUILESS_MAIN(TestReadMarkers)
#include "tst_readmarkers.moc"
