// Floods and big input from a misbehaving server (issue 12): what the app
// holds after them, with sizes that run in seconds (bench/bench_floods.cpp
// carries the big numbers).

#include "account.h"
#include "hostileserver.h"
#include "models.h"
#include "requests.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

class TestFloods final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    std::unique_ptr<Test::Account> account(const Test::HostileServer &server)
    {
        ConnectionSettings settings;
        settings.jid = server.jid(u"alice"_s);
        settings.password = u"pw"_s;
        settings.host = u"127.0.0.1"_s;
        settings.port = server.port();
        settings.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
        return std::make_unique<Test::Account>(m_dir.filePath(u"alice%1.db"_s.arg(++m_n)), settings);
    }

private Q_SLOTS:
    void presenceFloodFromOneContact()
    {
        // Every presence used to be announced on its own after a walk over
        // all of the contact's resources: O(N²), 177 s for 50,000.
        constexpr int N = 3000;
        Test::HostileServer server;
        server.setScript({ u"flood-presence %1"_s.arg(N) });
        QVERIFY2(server.start({ u"alice:pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
        auto alice = account(server);
        QVERIFY(alice->opened);
        ContactsModel contacts(alice->roster());
        QAbstractItemModelTester tester(&contacts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changes(alice->roster(), &Roster::contactChanged);
        QVERIFY(alice->signIn());
        const QString bob = server.jid(u"bob"_s);
        QTRY_VERIFY_WITH_TIMEOUT(contacts.rowOf(bob) >= 0
                && contacts.index(contacts.rowOf(bob)).data(ContactsModel::PresenceRole).toInt()
                    == int(PresenceStatus::Available),
            20000);
        // Quiet for a moment: the flood is over.
        qsizetype seen = -1;
        while (seen != changes.size()) {
            seen = changes.size();
            QTest::qWait(500);
        }
        QCOMPARE(alice->roster()->contact(bob).presence, PresenceStatus::Available);
        // Batched per event-loop turn: far fewer announcements than presences.
        QVERIFY2(changes.size() < N / 10, qPrintable(u"%1 changes for %2 presences"_s.arg(changes.size()).arg(N)));
    }

    void strangersFloodIsStoredWhole()
    {
        constexpr int N = 1000;
        Test::HostileServer server;
        server.setScript({ u"flood-strangers %1"_s.arg(N) });
        QVERIFY2(server.start({ u"alice:pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
        auto alice = account(server);
        QVERIFY(alice->opened);
        ConversationsModel conversations(&alice->features);
        QAbstractItemModelTester tester(&conversations, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&conversations, &QAbstractItemModel::rowsInserted);
        QVERIFY(alice->signIn());
        // None dropped: every stranger's message is in the history and listed, as a request.
        QTRY_COMPARE_WITH_TIMEOUT(conversations.rowCount(), N, 30000);
        const auto stored = alice->store.conversations().result();
        QVERIFY(stored);
        QCOMPARE(stored->size(), N);
        for (int i : { 0, N / 2, N - 1 }) {
            const QString chat = u"stranger%1@%2"_s.arg(i).arg(server.domain());
            const int row = conversations.rowOf(chat);
            QVERIFY2(row >= 0, qPrintable(chat));
            QVERIFY(conversations.index(row).data(ConversationsModel::RequestRole).toBool());
            QCOMPARE(alice->history(chat).size(), 1);
        }
        // Listed in batches, not one insertion (and one re-filtering of each list view) per stranger.
        QVERIFY2(inserted.size() < N / 10, qPrintable(u"%1 insertions for %2 strangers"_s.arg(inserted.size()).arg(N)));
        // Announced within the per-minute cap.
        int announced = 0;
        for (int i = 0; i < N; ++i) {
            const auto alert = alice->requests()->takeAlert(u"stranger%1@%2"_s.arg(i).arg(server.domain()), true);
            announced += alert == Requests::Alert::Request ? 1 : 0;
        }
        QCOMPARE(announced, Requests::RequestAlertsPerMinute);
    }

    void bigMessageBecomesANoteAndTheStreamGoesOn()
    {
        // 600,000 Hangul characters: over the message limit, under the
        // stream's. It used to reach QXmpp whole (and at 16.7 million,
        // 1.17 GB and a dropped connection, and no trace of the message).
        Test::HostileServer server;
        server.setScript({ u"big-message 600000"_s,
            u"send <message type='chat' from='bob@{domain}/x' to='{jid}' id='after'><body>after</body></message>"_s });
        QVERIFY2(server.start({ u"alice:pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
        auto alice = account(server);
        QVERIFY(alice->opened);
        QVERIFY(alice->signIn());
        const QString bob = server.jid(u"bob"_s);
        QTRY_COMPARE_WITH_TIMEOUT(alice->history(bob).size(), 2, 20000);
        const QList<Message> history = alice->history(bob);
        QVERIFY2(history.at(0).body.startsWith(u"A message from %1 was too large to show: "_s.arg(bob)),
            qPrintable(history.at(0).body.left(200)));
        QVERIFY2(history.at(0).body.endsWith(u" MB"_s), qPrintable(history.at(0).body.left(200)));
        QCOMPARE(history.at(1).body, u"after"_s);
        QCOMPARE(alice->session.state(), Session::State::Online);
        QCOMPARE(server.connectionCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestFloods)
#include "tst_floods.moc"
