#include "chatstates.h"
#include "models.h"
#include "profilefixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmppMessage.h>

#include <memory>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

const QString Jenny = u"jenny@example.org"_s;

/// A clock the test moves by hand. It starts at the real time: the stored
/// states may be read (on the history's thread's schedule) before the test
/// swaps its clock in, and both clocks must then agree on what is stale.
struct FakeClock
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    ChatStates::Clock function()
    {
        return [this] { return now; };
    }
    void advance(qint64 ms) { now = now.addMSecs(ms); }
};

/// Runs a script such as "type@0 tick@5000" against a machine and writes
/// down what it says to send: "composing@0 paused@5000". What a message
/// carries is written "msg:active@t".
QString run(const QString &script, const ChatStateTiming &timing = {})
{
    ChatStateMachine machine(timing);
    QStringList said;
    const QStringList events = script.split(u' ', Qt::SkipEmptyParts);
    for (const QString &event : events) {
        const QStringList parts = event.split(u'@');
        const QString what = parts.value(0);
        const qint64 t = parts.value(1).toLongLong();
        std::optional<ChatState> next;
        if (what == u"type"_s) {
            next = machine.typed(t);
        } else if (what == u"clear"_s) {
            next = machine.cleared(t);
        } else if (what == u"send"_s) {
            said.append(u"msg:%1@%2"_s.arg(chatStateName(machine.messageSent(t))).arg(t));
        } else if (what == u"show"_s) {
            next = machine.shown(t);
        } else if (what == u"hide"_s) {
            next = machine.hidden(t);
        } else if (what == u"leave"_s) {
            next = machine.left(t);
        } else if (what == u"close"_s) {
            next = machine.closed(t);
        } else if (what == u"tick"_s) {
            next = machine.tick(t);
        } else {
            qFatal("unknown event %s", qPrintable(what));
        }
        if (next)
            said.append(u"%1@%2"_s.arg(chatStateName(*next)).arg(t));
    }
    return said.join(u' ');
}

/// A message from `chat` that waited on the server while we were offline
/// (XEP-0203: it carries when it was sent), without a chat state.
QXmppMessage delayed(const QString &chat, const QString &id, const QString &body, const QDateTime &sentAt)
{
    QXmppMessage m(chat + u"/phone"_s, u"me@example.org"_s, body);
    m.setType(QXmppMessage::Chat);
    m.setId(id);
    m.setStamp(sentAt);
    return m;
}

} // namespace

/// XEP-0085 chat states: our state machine with injected time, and the
/// contact's side (kept in the history, decaying) over a real history and a
/// connection that is not online (Test::ProfileFixture); their states arrive
/// as stanzas through the fake transport.
class TestChatStates final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString m_path;
    std::unique_ptr<Test::ProfileFixture> m_profile;
    FakeClock m_clock;

    ChatStates *states() const { return m_profile->states(); }
    Test::FakeTransport &transport() const { return m_profile->transport; }

    /// Opens the history at m_path with chat states that use the fake clock
    /// (set once the stored states are read: setting it applies what is stale by it).
    bool start()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_path);
        if (!m_profile->ok())
            return false;
        states()->setClock(m_clock.function());
        return states()->isLoaded();
    }

    void stop() { m_profile.reset(); }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(); // a warning is a fault here, Qt's own included
        m_path = m_dir.filePath(u"h%1.db"_s.arg(++m_n));
        m_clock = FakeClock();
        QVERIFY(start());
    }

    void cleanup() { stop(); }

    void namesAreXepElementNames_data()
    {
        QTest::addColumn<ChatState>("state");
        QTest::addColumn<QString>("name");
        QTest::newRow("active") << ChatState::Active << u"active"_s;
        QTest::newRow("composing") << ChatState::Composing << u"composing"_s;
        QTest::newRow("paused") << ChatState::Paused << u"paused"_s;
        QTest::newRow("inactive") << ChatState::Inactive << u"inactive"_s;
        QTest::newRow("gone") << ChatState::Gone << u"gone"_s;
        QTest::newRow("none") << ChatState::None << QString();
    }

    void namesAreXepElementNames()
    {
        QFETCH(ChatState, state);
        QFETCH(QString, name);
        QCOMPARE(chatStateName(state), name);
        QCOMPARE(chatStateFromName(name), state);
    }

    void sentencesAPersonReads_data()
    {
        QTest::addColumn<ChatState>("state");
        QTest::addColumn<QString>("text");
        QTest::newRow("composing") << ChatState::Composing << u"Jenny is typing…"_s;
        QTest::newRow("paused") << ChatState::Paused << u"Jenny stopped typing"_s;
        QTest::newRow("inactive") << ChatState::Inactive << u"Jenny is away from this chat"_s;
        QTest::newRow("gone") << ChatState::Gone << u"Jenny closed the chat"_s;
        QTest::newRow("active") << ChatState::Active << QString();
        QTest::newRow("none") << ChatState::None << QString();
    }

    void sentencesAPersonReads()
    {
        QFETCH(ChatState, state);
        QFETCH(QString, text);
        QCOMPARE(chatStateText(state, u"Jenny"_s), text);
    }

    void machine_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("said");
        QTest::newRow("first key composes, later keys say nothing")
            << u"type@0 type@100 type@4000 tick@8999 tick@9000 tick@20000"_s << u"composing@0 paused@9000"_s;
        QTest::newRow("typing again after a pause")
            << u"type@0 tick@5000 type@6000 type@6500"_s << u"composing@0 paused@5000 composing@6000"_s;
        QTest::newRow("the message says active, nothing after")
            << u"type@0 type@900 send@1000 tick@6000 tick@200000"_s << u"composing@0 msg:active@1000"_s;
        QTest::newRow("the text deleted") << u"type@0 clear@500 tick@10000"_s << u"composing@0 active@500"_s;
        QTest::newRow("deleting after a pause")
            << u"type@0 tick@5000 clear@7000"_s << u"composing@0 paused@5000 active@7000"_s;
        QTest::newRow("nothing to delete") << u"clear@0"_s << QString();
        QTest::newRow("window left while typing, for a while")
            << u"type@0 hide@1000 tick@5000 tick@120999 tick@121000"_s
            << u"composing@0 paused@5000 inactive@121000"_s;
        QTest::newRow("window left and back within two minutes")
            << u"send@0 hide@1000 show@60000 tick@200000"_s << u"msg:active@0"_s;
        QTest::newRow("back after inactive") << u"send@0 hide@0 tick@120000 show@130000 show@140000"_s
                                             << u"msg:active@0 inactive@120000 active@130000"_s;
        QTest::newRow("long away while composing: one change")
            << u"type@0 hide@1 tick@200000"_s << u"composing@0 inactive@200000"_s;
        QTest::newRow("another chat chosen")
            << u"type@0 leave@1000 leave@2000 tick@500000"_s << u"composing@0 inactive@1000"_s;
        QTest::newRow("looking without writing says nothing")
            << u"show@0 hide@10 tick@999999 show@1000000 leave@1000001 close@1000002"_s << QString();
        QTest::newRow("closed") << u"send@0 close@10 close@20 tick@999999"_s << u"msg:active@0 gone@10"_s;
        QTest::newRow("open again after closing")
            << u"send@0 close@10 show@20"_s << u"msg:active@0 gone@10 active@20"_s;
        QTest::newRow("a message after inactive")
            << u"type@0 leave@10 send@20"_s << u"composing@0 inactive@10 msg:active@20"_s;
    }

    void machine()
    {
        QFETCH(QString, script);
        QFETCH(QString, said);
        QCOMPARE(run(script), said);
    }

    void machineSaysWhenItIsDue()
    {
        ChatStateMachine machine({ 5000, 120000, 30000 });
        QVERIFY(!machine.deadline());
        QVERIFY(machine.typed(1000));
        QCOMPARE(machine.deadline().value_or(-1), 6000LL);
        QVERIFY(!machine.typed(3000));
        QCOMPARE(machine.deadline().value_or(-1), 8000LL);
        QVERIFY(!machine.hidden(4000));
        QCOMPARE(machine.deadline().value_or(-1), 8000LL); // paused comes first
        QCOMPARE(machine.tick(8000).value_or(ChatState::None), ChatState::Paused);
        QCOMPARE(machine.deadline().value_or(-1), 124000LL);
        QCOMPARE(machine.tick(124000).value_or(ChatState::None), ChatState::Inactive);
        QVERIFY(!machine.deadline());
        QVERIFY(!machine.tick(999999));
    }

    void shortenedTimings()
    {
        const ChatStateTiming quick { 300, 1000, 500 };
        QCOMPARE(run(u"type@0 tick@299 tick@300 hide@400 tick@1399 tick@1400"_s, quick),
            u"composing@0 paused@300 inactive@1400"_s);
    }

    void staleComposingShowsAsStopped()
    {
        const QDateTime t0 = m_clock.now;
        const PeerChatState composing { ChatState::Composing, t0, ChatStateSupport::Yes };
        QCOMPARE(composing.shownAt(t0.addMSecs(29'999), 30'000), ChatState::Composing);
        QCOMPARE(composing.shownAt(t0.addSecs(30), 30'000), ChatState::Paused);
        const PeerChatState inactive { ChatState::Inactive, t0, ChatStateSupport::Yes };
        QCOMPARE(inactive.shownAt(t0.addDays(3), 30'000), ChatState::Inactive);
        QCOMPARE(PeerChatState().shownAt(t0, 30'000), ChatState::None);
    }

    void contactTypingDecaysAfterThirtySeconds()
    {
        QSignalSpy changed(states(), &ChatStates::peerStateChanged);
        transport().receiveChatState(Jenny, ChatState::Composing);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(states()->shownPeerState(Jenny), ChatState::Composing);
        QCOMPARE(states()->peerState(Jenny).at, m_clock.now);
        QCOMPARE(states()->nextDeadline(), m_clock.now.addSecs(30));

        m_clock.advance(29'000);
        states()->poll();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(states()->shownPeerState(Jenny), ChatState::Composing);

        m_clock.advance(1'000);
        states()->poll();
        QCOMPARE(changed.size(), 2); // the list and the header hear about it
        QCOMPARE(states()->shownPeerState(Jenny), ChatState::Paused);
        QCOMPARE(states()->peerState(Jenny).state, ChatState::Composing); // as stored: it said composing
        QVERIFY(!states()->nextDeadline().isValid());

        // A fresh composing starts the thirty seconds again.
        transport().receiveChatState(Jenny, ChatState::Composing);
        QCOMPARE(states()->shownPeerState(Jenny), ChatState::Composing);
        QCOMPARE(states()->nextDeadline(), m_clock.now.addSecs(30));
        transport().receiveChatState(Jenny, ChatState::Paused);
        QVERIFY(!states()->nextDeadline().isValid());
    }

    void shortenedDecay()
    {
        states()->setTiming({ 5000, 120000, 2000 });
        transport().receiveChatState(Jenny, ChatState::Composing);
        m_clock.advance(2000);
        states()->poll();
        QCOMPARE(states()->shownPeerState(Jenny), ChatState::Paused);
    }

    void lastStateIsKeptAcrossRestarts()
    {
        transport().receiveChatState(Jenny, ChatState::Gone);
        const QDateTime goneAt = m_clock.now;
        m_clock.advance(1000);
        transport().receiveChatState(u"bob@example.org"_s, ChatState::Composing);
        const QDateTime typingAt = m_clock.now;
        stop();

        // Ten seconds later: Bob's composing is still fresh, Jenny still gone.
        m_clock.advance(10'000);
        QVERIFY(start());
        QCOMPARE(states()->peerState(Jenny).state, ChatState::Gone);
        QCOMPARE(states()->peerState(Jenny).at, goneAt);
        QCOMPARE(states()->peerState(Jenny).support, ChatStateSupport::Yes);
        QCOMPARE(states()->shownPeerState(u"bob@example.org"_s), ChatState::Composing);
        QCOMPARE(states()->nextDeadline(), typingAt.addSecs(30));
        stop();

        // A day later: Bob's composing is stale and shows as stopped.
        m_clock.advance(24 * 3600 * 1000);
        QVERIFY(start());
        QCOMPARE(states()->peerState(u"bob@example.org"_s).state, ChatState::Composing);
        QCOMPARE(states()->shownPeerState(u"bob@example.org"_s), ChatState::Paused);
        QVERIFY(!states()->nextDeadline().isValid());

        const auto stored = readPeerChatStates(m_profile->store).result();
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        QCOMPARE(stored->size(), 2);
        QCOMPARE(stored->value(Jenny).state, ChatState::Gone);
        QCOMPARE(stored->value(Jenny).at, goneAt);
    }

    void supportFollowsWhatTheirMessagesCarry()
    {
        // Nothing known yet: messages may carry <active/> to find out (XEP-0085 §5.1).
        QCOMPARE(states()->peerState(Jenny).support, ChatStateSupport::Unknown);
        QCOMPARE(states()->stateForMessage(Jenny), ChatState::Active);

        // A message that carries a state.
        transport().receiveChatState(Jenny, ChatState::Active, u"hi"_s);
        QCOMPARE(states()->peerState(Jenny).support, ChatStateSupport::Yes);
        QCOMPARE(states()->stateForMessage(Jenny), ChatState::Active);

        // A standalone state, then (later) a reply without one: their client does not take part.
        transport().receiveChatState(Jenny, ChatState::Composing);
        QCoreApplication::processEvents();
        QSignalSpy changed(states(), &ChatStates::peerStateChanged);
        transport().receiveText(Jenny, u"from another app"_s, u"j2"_s);
        QCOMPARE(states()->peerState(Jenny).support, ChatStateSupport::No);
        QCOMPARE(states()->stateForMessage(Jenny), ChatState::None);
        // …and what was "typing" is over: they have written.
        QCOMPARE(states()->shownPeerState(Jenny), ChatState::None);
        QCOMPARE(changed.size(), 1);

        // A state again: they are back on a client that takes part.
        transport().receiveChatState(Jenny, ChatState::Active);
        QCOMPARE(states()->peerState(Jenny).support, ChatStateSupport::Yes);
        QCoreApplication::processEvents();
        // A message that waited on the server says nothing about their client now.
        transport().receive(delayed(Jenny, u"j0"_s, u"from last week"_s, m_clock.now.addDays(-7)));
        QCOMPARE(states()->peerState(Jenny).support, ChatStateSupport::Yes);

        // It is remembered.
        stop();
        QVERIFY(start());
        QCOMPARE(states()->peerState(Jenny).support, ChatStateSupport::Yes);
    }

    void sendingCanBeTurnedOff()
    {
        QVERIFY(states()->isSendingEnabled());
        states()->setSendingEnabled(false);
        QCOMPARE(states()->stateForMessage(Jenny), ChatState::None);
        transport().receiveChatState(Jenny, ChatState::Active);
        QCOMPARE(states()->stateForMessage(Jenny), ChatState::None);
        // Offline, nothing goes out in any case.
        QSignalSpy sent(states(), &ChatStates::stateSent);
        states()->typed(Jenny);
        QCOMPARE(sent.size(), 0);
        QCOMPARE(states()->sentState(Jenny), ChatState::None);
    }

    void conversationListLine()
    {
        ConversationsModel model(m_profile->features.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.ensure(Jenny);
        const QModelIndex row = model.index(model.rowOf(Jenny));
        QCOMPARE(row.data(ConversationsModel::ChatStateRole).toInt(), int(ChatState::None));
        QCOMPARE(row.data(ConversationsModel::ChatStateTextRole).toString(), QString());

        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        transport().receiveChatState(Jenny, ChatState::Composing);
        QCOMPARE(dataChanged.size(), 1);
        QCOMPARE(row.data(ConversationsModel::ChatStateRole).toInt(), int(ChatState::Composing));
        QCOMPARE(row.data(ConversationsModel::ChatStateAtRole).toDateTime(), m_clock.now);
        QCOMPARE(
            row.data(ConversationsModel::ChatStateTextRole).toString(), u"jenny@example.org is typing…"_s);

        m_clock.advance(30'000);
        states()->poll();
        QCOMPARE(dataChanged.size(), 2);
        QCOMPARE(row.data(ConversationsModel::ChatStateRole).toInt(), int(ChatState::Paused));
        QCOMPARE(row.data(ConversationsModel::ChatStateTextRole).toString(),
            u"jenny@example.org stopped typing"_s);

        // Older than the last message, anything but typing gives way to the message.
        const QDateTime at = states()->peerState(Jenny).at;
        QCOMPARE(states()->conversationLine(Jenny, at.addSecs(-1), u"Jenny"_s), u"Jenny stopped typing"_s);
        QCOMPARE(states()->conversationLine(Jenny, at.addSecs(1), u"Jenny"_s), QString());
        transport().receiveChatState(Jenny, ChatState::Composing);
        QCOMPARE(states()->conversationLine(Jenny, at.addSecs(1), u"Jenny"_s), u"Jenny is typing…"_s);
        transport().receiveChatState(Jenny, ChatState::Gone);
        QCOMPARE(states()->conversationLine(Jenny, at.addSecs(-1), u"Jenny"_s), u"Jenny closed the chat"_s);
        QCOMPARE(states()->conversationLine(Jenny, {}, u"Jenny"_s), u"Jenny closed the chat"_s);
        transport().receiveChatState(Jenny, ChatState::Active);
        QCOMPARE(row.data(ConversationsModel::ChatStateTextRole).toString(), QString());
    }
};

QTEST_GUILESS_MAIN(TestChatStates)
#include "tst_chatstates.moc"
