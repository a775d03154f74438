#include "blocking.h"
#include "chatstates.h"
#include "models.h"
#include "requeststore.h"
#include "profilefixture.h"

#include <QAbstractItemModelTester>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Jw;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Jw::Standing)
Q_DECLARE_METATYPE(Jw::Requests::Alert)

namespace {

const QString eve = u"eve@example.net"_s;
const QString mallory = u"mallory@example.net"_s;
const QString jenny = u"jenny@example.org"_s;

/// A chat message from `chat` (their phone) to us, as the connection hands it over.
Message incoming(const QString &chat, const QString &id, const QString &body)
{
    Message m;
    m.chat = chat;
    m.messageId = id;
    m.direction = Direction::Incoming;
    m.from = chat + u"/phone"_s;
    m.to = u"me@example.org/jabberwock"_s;
    m.body = body;
    m.sentAt = QDateTime::currentDateTimeUtc();
    m.receivedAt = m.sentAt;
    m.state = DeliveryState::Received;
    return m;
}

StandingFlags flagsOf(bool inRoster, bool accepted, bool blocked)
{
    StandingFlags f;
    f.inRoster = inRoster;
    f.accepted = accepted;
    f.blocked = blocked;
    return f;
}

} // namespace

/// The message-requests inbox (issue 6) over a real history and a
/// connection that is never online (Test::ProfileFixture): what the server
/// would say comes in through the feature objects' signals (the roster's,
/// the blocking's) and the fake transport; a "restart" is a new fixture over
/// the same history file.
class TestRequests final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString m_path;
    std::unique_ptr<Test::ProfileFixture> m_profile;
    HistoryStore *m_store = nullptr;

    Requests *requests() const { return m_profile->requests(); }
    Messenger *messenger() const { return m_profile->messenger(); }
    Roster *roster() const { return m_profile->roster(); }
    Blocking *blocking() const { return m_profile->blocking(); }

    /// Whether receipts, chat states and displayed markers may go to `chat`:
    /// the rule the account's features share (AccountFeatures).
    bool mayShareActivity(const QString &chat) const
    {
        return Requests::mayShareActivity(requests()->standing(chat));
    }

    bool start()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_path);
        if (!m_profile->ok())
            return false;
        m_store = &m_profile->store;
        return requests()->isLoaded();
    }

    void stop()
    {
        m_store = nullptr;
        m_profile.reset();
    }

    /// Quits and starts again over the same history file.
    bool restart()
    {
        stop();
        return start();
    }

    /// Lets `arrive` bring a message with `body` from `chat`, and waits until
    /// it is stored and its conversation's new state announced (what lists follow).
    bool arrives(const QString &chat, const QString &body, const std::function<void()> &arrive)
    {
        bool done = false;
        const auto watch = connect(m_profile->reads(), &ReadPositions::conversationChanged, this,
            [&](const Conversation &c) { done = done || (c.chat == chat && c.lastBody == body); });
        arrive();
        const bool ok = QTest::qWaitFor([&] { return done; });
        disconnect(watch);
        QTest::qWait(1); // the models apply what changed once per event-loop turn
        return ok;
    }

    /// A message from `chat` arrives; waits until it is stored and announced.
    bool receive(const QString &chat, const QString &body)
    {
        const Message m = incoming(chat, u"m%1"_s.arg(++m_n), body);
        return arrives(chat, body, [&] { messenger()->receive(m); });
    }

    QList<Message> stored(const QString &chat = {})
    {
        const auto all = m_store->allMessages(chat).result();
        return all ? all.value() : QList<Message>();
    }

    /// A conversations model, checked, with the history's list read.
    struct Conversations
    {
        std::unique_ptr<ConversationsModel> model;
        std::unique_ptr<QAbstractItemModelTester> tester;

        QVariant data(const QString &chat, int role) const
        {
            const int row = model->rowOf(chat);
            return row < 0 ? QVariant() : model->index(row).data(role);
        }
    };

    Conversations conversations()
    {
        Conversations c;
        c.model = std::make_unique<ConversationsModel>(m_profile->features.get());
        c.tester = std::make_unique<QAbstractItemModelTester>(
            c.model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The model's read of the history was queued first: once this one is
        // answered, that one is too, and its rows are on their way.
        const auto inHistory = m_store->conversations().result();
        if (!inHistory || !QTest::qWaitFor([&] { return c.model->rowCount() >= inHistory->size(); }, 5000))
            c.model.reset();
        else
            QCoreApplication::processEvents();
        return c;
    }

    /// Waits until nothing is left to write, so what the history holds can be read.
    void settle()
    {
        QCoreApplication::processEvents();
        m_store->flush();
        QCoreApplication::processEvents();
    }

    /// What a fresh read of the history says about `chat`.
    StandingFlags persisted(const QString &chat)
    {
        settle();
        const auto peers = RequestStore::load(*m_store).result();
        return peers ? peers->value(chat) : StandingFlags {};
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(); // a warning is a fault here, Qt's own included
        m_path = m_dir.filePath(u"h%1/history.db"_s.arg(++m_n));
        QVERIFY(start());
    }

    void cleanup() { stop(); }

    // ---- the rules -------------------------------------------------------

    void standingOf_data()
    {
        QTest::addColumn<bool>("inRoster");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<bool>("blocked");
        QTest::addColumn<Standing>("standing");
        // Every combination of the three flags.
        QTest::newRow("nothing known") << false << false << false << Standing::Request;
        QTest::newRow("accepted") << false << true << false << Standing::Accepted;
        QTest::newRow("in roster") << true << false << false << Standing::Contact;
        QTest::newRow("in roster, accepted") << true << true << false << Standing::Contact;
        QTest::newRow("blocked") << false << false << true << Standing::Blocked;
        QTest::newRow("blocked, accepted") << false << true << true << Standing::Blocked;
        QTest::newRow("blocked, in roster") << true << false << true << Standing::Blocked;
        QTest::newRow("blocked, in roster, accepted") << true << true << true << Standing::Blocked;
    }

    void standingOf()
    {
        QFETCH(bool, inRoster);
        QFETCH(bool, accepted);
        QFETCH(bool, blocked);
        QFETCH(Standing, standing);
        QCOMPARE(Requests::standingOf(flagsOf(inRoster, accepted, blocked)), standing);
        QCOMPARE(Requests::isRequest(Requests::standingOf(flagsOf(inRoster, accepted, blocked))),
            standing == Standing::Request);
    }

    void mayShareActivity_data()
    {
        QTest::addColumn<Standing>("standing");
        QTest::addColumn<bool>("mayShare");
        QTest::newRow("contact") << Standing::Contact << true;
        QTest::newRow("accepted") << Standing::Accepted << true;
        QTest::newRow("request") << Standing::Request << false;
        QTest::newRow("blocked") << Standing::Blocked << false;
    }

    void mayShareActivity()
    {
        QFETCH(Standing, standing);
        QFETCH(bool, mayShare);
        QCOMPARE(Requests::mayShareActivity(standing), mayShare);
    }

    void belongsInRequests_data()
    {
        QTest::addColumn<Standing>("standing");
        QTest::addColumn<bool>("hasMessages");
        QTest::addColumn<bool>("asksForPresence");
        QTest::addColumn<bool>("belongs");
        const std::pair<Standing, const char *> standings[]
            = { { Standing::Contact, "contact" }, { Standing::Accepted, "accepted" },
                  { Standing::Request, "request" }, { Standing::Blocked, "blocked" } };
        for (const auto &[standing, name] : standings) {
            for (const bool messages : { false, true }) {
                for (const bool asks : { false, true }) {
                    const bool belongs = standing == Standing::Request && (messages || asks);
                    QTest::addRow("%s, %s, %s", name, messages ? "messages" : "empty",
                        asks ? "asks for status" : "does not ask")
                        << standing << messages << asks << belongs;
                }
            }
        }
    }

    void belongsInRequests()
    {
        QFETCH(Standing, standing);
        QFETCH(bool, hasMessages);
        QFETCH(bool, asksForPresence);
        QFETCH(bool, belongs);
        QCOMPARE(Requests::belongsInRequests(standing, hasMessages, asksForPresence), belongs);
    }

    void alertFor_data()
    {
        using Alert = Requests::Alert;
        QTest::addColumn<Standing>("standing");
        QTest::addColumn<bool>("requestsShown");
        QTest::addColumn<bool>("senderAlerted");
        QTest::addColumn<Alert>("alert");
        for (const bool shown : { false, true }) {
            for (const bool alerted : { false, true }) {
                const QByteArray tail
                    = QByteArray(shown ? "shown" : "hidden") + (alerted ? ", alerted" : ", new");
                // Contacts and accepted people: a normal notification, whatever the request setting.
                QTest::addRow("contact, %s", tail.constData())
                    << Standing::Contact << shown << alerted << Alert::Message;
                QTest::addRow("accepted, %s", tail.constData())
                    << Standing::Accepted << shown << alerted << Alert::Message;
                // Blocked: never.
                QTest::addRow("blocked, %s", tail.constData())
                    << Standing::Blocked << shown << alerted << Alert::None;
                // A request: once per sender, and only if requests are shown at all.
                QTest::addRow("request, %s", tail.constData())
                    << Standing::Request << shown << alerted
                    << (shown && !alerted ? Alert::Request : Alert::None);
            }
        }
    }

    void alertFor()
    {
        QFETCH(Standing, standing);
        QFETCH(bool, requestsShown);
        QFETCH(bool, senderAlerted);
        QFETCH(Requests::Alert, alert);
        QCOMPARE(Requests::alertFor(standing, requestsShown, senderAlerted), alert);
    }

    // ---- the inbox over a history ---------------------------------------

    void aStrangersMessageIsARequestUntilAccepted()
    {
        {
            auto list = conversations();
            QVERIFY(list.model);
            QVERIFY(receive(eve, u"hi, we met at the conference"_s));
            QCOMPARE(stored(eve).size(), 1);
            QCOMPARE(requests()->standing(eve), Standing::Request);
            QTRY_VERIFY(list.model->rowOf(eve) >= 0);
            QCOMPARE(list.data(eve, ConversationsModel::RequestRole).toBool(), true);
            QCOMPARE(list.data(eve, ConversationsModel::StandingRole).toInt(), int(Standing::Request));
            QCOMPARE(list.data(eve, ConversationsModel::InRosterRole).toBool(), false);
            QCOMPARE(list.data(eve, ConversationsModel::BlockedRole).toBool(), false);
            QCOMPARE(list.data(eve, ConversationsModel::LastBodyRole).toString(),
                u"hi, we met at the conference"_s);

            QSignalSpy changed(requests(), &Requests::changed);
            requests()->accept(eve);
            QCOMPARE(changed.count(), 1);
            QCOMPARE(changed.first().first().toString(), eve);
            QCOMPARE(requests()->standing(eve), Standing::Accepted);
            QCOMPARE(list.data(eve, ConversationsModel::RequestRole).toBool(), false);
            QCOMPARE(list.data(eve, ConversationsModel::StandingRole).toInt(), int(Standing::Accepted));
            // A new message from them changes nothing about it.
            QVERIFY(receive(eve, u"so?"_s));
            QCOMPARE(list.data(eve, ConversationsModel::RequestRole).toBool(), false);
            QCOMPARE(list.data(eve, ConversationsModel::LastBodyRole).toString(), u"so?"_s);
        }

        QVERIFY(restart());
        QCOMPARE(requests()->standing(eve), Standing::Accepted);
        QCOMPARE(stored(eve).size(), 2);
        auto list = conversations();
        QVERIFY(list.model);
        QCOMPARE(list.data(eve, ConversationsModel::RequestRole).toBool(), false);
        QCOMPARE(list.data(eve, ConversationsModel::StandingRole).toInt(), int(Standing::Accepted));
    }

    void writingToSomeoneAcceptsThem()
    {
        QVERIFY(!messenger()->sendMessage(mallory, u"Hello, do you still sell the bike?"_s).isEmpty());
        QTRY_COMPARE(stored(mallory).size(), 1);
        QTRY_COMPARE(requests()->standing(mallory), Standing::Accepted);
        const QList<Message> outbox = stored(mallory);
        QCOMPARE(outbox.size(), 1);
        QCOMPARE(outbox.first().state, DeliveryState::Queued); // offline: waits to be sent
        QCOMPARE(requests()->standing(mallory), Standing::Accepted);
        // Their answer is not a request.
        QVERIFY(receive(mallory, u"yes"_s));
        QCOMPARE(requests()->standing(mallory), Standing::Accepted);
        {
            auto list = conversations();
            QVERIFY(list.model);
            QCOMPARE(list.data(mallory, ConversationsModel::RequestRole).toBool(), false);
        }

        QVERIFY(restart());
        QCOMPARE(requests()->standing(mallory), Standing::Accepted);
        auto list = conversations();
        QVERIFY(list.model);
        QCOMPARE(list.data(mallory, ConversationsModel::RequestRole).toBool(), false);
        QCOMPARE(list.data(mallory, ConversationsModel::StandingRole).toInt(), int(Standing::Accepted));
    }

    void theServersBlocklistIsMirrored()
    {
        QVERIFY(receive(eve, u"buy cheap watches"_s));
        {
            auto list = conversations();
            QVERIFY(list.model);
            QCOMPARE(list.data(eve, ConversationsModel::RequestRole).toBool(), true);

            Q_EMIT blocking()->blocklistReceived({ eve });
            QCOMPARE(requests()->standing(eve), Standing::Blocked);
            QCOMPARE(list.data(eve, ConversationsModel::BlockedRole).toBool(), true);
            QCOMPARE(list.data(eve, ConversationsModel::StandingRole).toInt(), int(Standing::Blocked));
            QCOMPARE(list.data(eve, ConversationsModel::RequestRole).toBool(), false);
            QVERIFY(!mayShareActivity(eve));
            QCOMPARE(persisted(eve).blocked, true);
        }

        QVERIFY(restart());
        QCOMPARE(requests()->standing(eve), Standing::Blocked);
        auto list = conversations();
        QVERIFY(list.model);
        QCOMPARE(list.data(eve, ConversationsModel::BlockedRole).toBool(), true);

        // The server's list no longer has them: neither does the history.
        Q_EMIT blocking()->blocklistReceived({});
        QCOMPARE(requests()->standing(eve), Standing::Request);
        QCOMPARE(list.data(eve, ConversationsModel::BlockedRole).toBool(), false);
        QCOMPARE(list.data(eve, ConversationsModel::RequestRole).toBool(), true);
        QCOMPARE(persisted(eve).blocked, false);

        // Blocked and unblocked (on this or another device) as it happens.
        Q_EMIT blocking()->blockedChanged({ eve, mallory }, true);
        QCOMPARE(requests()->standing(eve), Standing::Blocked);
        QCOMPARE(requests()->standing(mallory), Standing::Blocked);
        QCOMPARE(list.data(eve, ConversationsModel::BlockedRole).toBool(), true);
        QCOMPARE(persisted(mallory).blocked, true);
        Q_EMIT blocking()->blockedChanged({ eve }, false);
        QCOMPARE(requests()->standing(eve), Standing::Request);
        QCOMPARE(requests()->standing(mallory), Standing::Blocked);
        QCOMPARE(list.data(eve, ConversationsModel::BlockedRole).toBool(), false);
        QCOMPARE(persisted(eve).blocked, false);
        QCOMPARE(persisted(mallory).blocked, true);

        QVERIFY(restart());
        QCOMPARE(requests()->standing(eve), Standing::Request);
        QCOMPARE(requests()->standing(mallory), Standing::Blocked);
    }

    void theRosterIsMirrored()
    {
        QVERIFY(receive(jenny, u"안녕"_s));
        {
            auto list = conversations();
            QVERIFY(list.model);
            QCOMPARE(list.data(jenny, ConversationsModel::RequestRole).toBool(), true);

            Contact c;
            c.jid = jenny;
            c.name = u"Jenny"_s;
            c.subscription = Subscription::Both;
            c.inRoster = true;
            Q_EMIT roster()->contactChanged(c);
            QCOMPARE(requests()->standing(jenny), Standing::Contact);
            QCOMPARE(list.data(jenny, ConversationsModel::InRosterRole).toBool(), true);
            QCOMPARE(list.data(jenny, ConversationsModel::StandingRole).toInt(), int(Standing::Contact));
            QCOMPARE(list.data(jenny, ConversationsModel::RequestRole).toBool(), false);
            QVERIFY(mayShareActivity(jenny));
            QCOMPARE(persisted(jenny).inRoster, true);
        }

        // Right before the connection is up.
        QVERIFY(restart());
        QCOMPARE(requests()->standing(jenny), Standing::Contact);
        {
            auto list = conversations();
            QVERIFY(list.model);
            QCOMPARE(list.data(jenny, ConversationsModel::InRosterRole).toBool(), true);

            // The server's roster (the offline connection's is empty) no longer has her.
            QVERIFY(roster()->contacts().isEmpty());
            Q_EMIT roster()->rosterReset();
            QCOMPARE(requests()->standing(jenny), Standing::Request);
            QCOMPARE(list.data(jenny, ConversationsModel::InRosterRole).toBool(), false);
            QCOMPARE(list.data(jenny, ConversationsModel::RequestRole).toBool(), true);
            QCOMPARE(persisted(jenny).inRoster, false);
        }
        QVERIFY(restart());
        QCOMPARE(requests()->standing(jenny), Standing::Request);

        // Removed from the roster (contactChanged with inRoster false).
        Contact c;
        c.jid = mallory;
        c.inRoster = true;
        Q_EMIT roster()->contactChanged(c);
        QCOMPARE(requests()->standing(mallory), Standing::Contact);
        c.inRoster = false;
        Q_EMIT roster()->contactChanged(c);
        QCOMPARE(requests()->standing(mallory), Standing::Request);
        QCOMPARE(persisted(mallory).inRoster, false);
    }

    void removeDeletesTheConversation()
    {
        QVERIFY(receive(eve, u"first"_s));
        QVERIFY(receive(eve, u"second"_s));
        QVERIFY(receive(jenny, u"unrelated"_s));
        QVERIFY(!messenger()->sendMessage(jenny, u"reply"_s).isEmpty());
        QTRY_COMPARE(stored(jenny).size(), 2);
        requests()->accept(eve); // acceptance goes with the conversation
        auto list = conversations();
        QVERIFY(list.model);
        QVERIFY(list.model->rowOf(eve) >= 0);
        QCOMPARE(list.model->rowCount(), 2);

        QSignalSpy removed(requests(), &Requests::removed);
        QSignalSpy failed(requests(), &Requests::failed);
        requests()->remove(eve);
        QVERIFY(removed.wait());
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().first().toString(), eve);
        QCOMPARE(failed.count(), 0);

        QVERIFY(stored(eve).isEmpty());
        QCOMPARE(stored(jenny).size(), 2);
        QCOMPARE(stored().size(), 2);
        QCOMPARE(list.model->rowOf(eve), -1);
        QCOMPARE(list.model->rowCount(), 1);
        QVERIFY(list.model->rowOf(jenny) >= 0);
        QCOMPARE(requests()->standing(eve), Standing::Request);
        QCOMPARE(persisted(eve).accepted, false);
        const auto conversation = m_store->conversation(eve).result();
        QVERIFY(!conversation || !conversation->lastAt.isValid());

        // They write again: a request again, and it comes back to the list.
        QVERIFY(receive(eve, u"hello again"_s));
        QCOMPARE(requests()->standing(eve), Standing::Request);
        QTRY_VERIFY(list.model->rowOf(eve) >= 0);
        QCOMPARE(list.data(eve, ConversationsModel::RequestRole).toBool(), true);
        QCOMPARE(list.data(eve, ConversationsModel::LastBodyRole).toString(), u"hello again"_s);
        QCOMPARE(stored(eve).size(), 1);

        QVERIFY(restart());
        QCOMPARE(requests()->standing(eve), Standing::Request);
        QCOMPARE(requests()->standing(jenny), Standing::Accepted);
    }

    void aRequestToSeeOurStatus()
    {
        auto list = conversations();
        QVERIFY(list.model);
        QCOMPARE(list.model->rowCount(), 0);

        Q_EMIT roster()->presenceRequested(eve);
        QVERIFY(requests()->wantsPresence(eve));
        QCOMPARE(requests()->presenceRequests(), QStringList { eve });
        // No message, but a row to answer in, in Requests.
        QCOMPARE(list.model->rowCount(), 1);
        QCOMPARE(list.data(eve, ConversationsModel::PresenceRequestRole).toBool(), true);
        QCOMPARE(list.data(eve, ConversationsModel::RequestRole).toBool(), true);
        QVERIFY(!list.data(eve, ConversationsModel::LastAtRole).toDateTime().isValid());
        // Asked again: still one request.
        QSignalSpy changed(requests(), &Requests::changed);
        Q_EMIT roster()->presenceRequested(eve);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(list.model->rowCount(), 1);

        // A blocked address asks: nothing to decide.
        Q_EMIT blocking()->blockedChanged({ mallory }, true);
        Q_EMIT roster()->presenceRequested(mallory);
        QVERIFY(!requests()->wantsPresence(mallory));
        QCOMPARE(requests()->presenceRequests(), QStringList { eve });
        QCOMPARE(list.model->rowOf(mallory), -1);

        // Answering goes to the server: offline, it waits.
        QSignalSpy failed(requests(), &Requests::failed);
        requests()->answerPresenceRequest(eve, true);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().at(1).toString().contains(u"online"_s),
            qPrintable(failed.first().at(1).toString()));
        QVERIFY(requests()->wantsPresence(eve));
        QCOMPARE(requests()->standing(eve), Standing::Request); // allowing would have accepted them
        QCOMPARE(list.data(eve, ConversationsModel::PresenceRequestRole).toBool(), true);
        requests()->answerPresenceRequest(eve, false);
        QCOMPARE(failed.count(), 2);
        QVERIFY(requests()->wantsPresence(eve));
    }

    void blockingOfflineFails()
    {
        QVERIFY(receive(eve, u"spam"_s));
        QSignalSpy failed(requests(), &Requests::failed);
        QSignalSpy changed(requests(), &Requests::changed);
        requests()->block(eve);
        QCOMPARE(failed.count(), 1);
        const QString sentence = failed.first().at(1).toString();
        QVERIFY2(sentence.contains(u"online"_s), qPrintable(sentence));
        QVERIFY2(sentence.endsWith(u'.'), qPrintable(sentence));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(requests()->standing(eve), Standing::Request);
        QCOMPARE(persisted(eve).blocked, false);

        requests()->unblock(eve);
        QCOMPARE(failed.count(), 2);
        QVERIFY2(failed.at(1).at(1).toString().contains(u"online"_s),
            qPrintable(failed.at(1).at(1).toString()));

        QVERIFY(restart());
        QCOMPARE(requests()->standing(eve), Standing::Request);
    }

    void requestAlertsAreCappedPerMinute()
    {
        // Issue 12: a flood of strangers is not a flood of notifications:
        // a few a minute, then one that says more are waiting, then quiet.
        using Alert = Requests::Alert;
        const QDateTime start = QDateTime::currentDateTimeUtc();
        QList<Alert> alerts;
        for (int i = 0; i < 50; ++i)
            alerts.append(requests()->takeAlert(u"s%1@example.net"_s.arg(i), true, start.addSecs(i)));
        QCOMPARE(alerts.count(Alert::Request), Requests::RequestAlertsPerMinute);
        QCOMPARE(alerts.count(Alert::MoreRequests), 1);
        QCOMPARE(alerts.at(Requests::RequestAlertsPerMinute), Alert::MoreRequests);
        // A contact's message is not held back by them.
        requests()->accept(jenny);
        QCOMPARE(requests()->takeAlert(jenny, true, start.addSecs(50)), Alert::Message);
        // A minute later, one may come again; one not announced before still can be.
        QCOMPARE(requests()->takeAlert(u"s10@example.net"_s, true, start.addSecs(120)), Alert::Request);
        QCOMPARE(requests()->takeAlert(u"s0@example.net"_s, true, start.addSecs(121)), Alert::None);
    }

    void oneAlertPerStranger()
    {
        using Alert = Requests::Alert;
        requests()->accept(jenny);
        QVERIFY(receive(eve, u"one"_s));
        QCOMPARE(requests()->takeAlert(eve, true), Alert::Request);
        QVERIFY(receive(eve, u"two"_s));
        QCOMPARE(requests()->takeAlert(eve, true), Alert::None);
        QCOMPARE(requests()->takeAlert(eve, true), Alert::None);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(requests()->takeAlert(jenny, true), Alert::Message);
        // Requests hidden: not a word, and nothing is used up.
        QCOMPARE(requests()->takeAlert(mallory, false), Alert::None);
        QCOMPARE(requests()->takeAlert(mallory, true), Alert::Request);
        QCOMPARE(requests()->takeAlert(jenny, false), Alert::Message);
        // Blocked: nothing.
        Q_EMIT blocking()->blockedChanged({ u"spam@example.net"_s }, true);
        QCOMPARE(requests()->takeAlert(u"spam@example.net"_s, true), Alert::None);
        // Accepted: a normal notification from then on.
        requests()->accept(eve);
        QCOMPARE(requests()->takeAlert(eve, true), Alert::Message);
    }

    void aStrangerGetsNoActivity()
    {
        ChatStates *states = m_profile->states();
        QTRY_VERIFY(states->isLoaded());
        // Their client takes part in chat states: learnt from a message with one.
        QVERIFY(arrives(
            eve, u"hi"_s, [&] { m_profile->transport.receiveChatState(eve, ChatState::Active, u"hi"_s); }));
        QCOMPARE(states->peerState(eve).support, ChatStateSupport::Yes);
        QCOMPARE(requests()->standing(eve), Standing::Request);
        QVERIFY(!mayShareActivity(eve));

        requests()->accept(eve);
        QVERIFY(mayShareActivity(eve));

        Q_EMIT blocking()->blockedChanged({ eve }, true);
        QVERIFY(!mayShareActivity(eve));
    }
    void whatIsDecidedWhileLoadingKeepsWhatTheHistoryKnows()
    {
        Q_EMIT blocking()->blocklistReceived({ eve });
        Contact c;
        c.jid = jenny;
        c.inRoster = true;
        Q_EMIT roster()->contactChanged(c);
        QCOMPARE(persisted(eve).blocked, true);
        QCOMPARE(persisted(jenny).inRoster, true);
        stop();

        {
            // Started again, and before the history is read the person opens chats
            // (an xmpp: link on the command line, New chat…). Made by hand, not
            // with the fixture, which waits until everything is read.
            HistoryStore store(m_path);
            QVERIFY(store.open().result());
            // The history is busy (a long write at start-up): nothing is read yet.
            QSemaphore busy;
            const auto hold
                = store.run<Done>(HistoryStore::Access::Write, [&busy](QSqlDatabase &) -> Expected<Done> {
                      busy.acquire();
                      return Done {};
                  });
            Test::FakeTransport transport;
            AccountFeatures features(&store, &transport);
            Requests *requests = features.requests();
            QVERIFY(!requests->isLoaded());
            requests->startChat(eve);
            requests->startChat(jenny);
            busy.release();
            QTRY_VERIFY(requests->isLoaded());
            // Opening a chat decides nothing about the server's blocklist or roster.
            QCOMPARE(requests->standing(eve), Standing::Blocked);
            QVERIFY(!Requests::mayShareActivity(requests->standing(eve)));
            QCOMPARE(requests->flags(jenny).inRoster, true);
            QCOMPARE(requests->standing(jenny), Standing::Contact);
            store.flush();
        }
        // The history itself is right: after the next start it is all back.
        QVERIFY(restart());
        QCOMPARE(requests()->standing(eve), Standing::Blocked);
        QCOMPARE(requests()->standing(jenny), Standing::Contact);
    }
};

QTEST_GUILESS_MAIN(TestRequests)
#include "tst_requests.moc"
