#include "readtracker.h"

#include <QSignalSpy>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

/// Plays a script of events on a tracker. One event per entry:
///   show CHAT | show -        the chat shown (or none)
///   active | inactive         the window
///   in CHAT N | out CHAT N    message with row id N (stanza id CHAT + N) stored;
///                             "in" asks for markers (XEP-0333 <markable/>)
///   plain CHAT N              a received message that does not ask for them
///   elsewhere CHAT N          another device displayed message N
///   sent CHAT                 the owed marker went out
///   send | nosend             sending displayed markers on or off
///   load CHAT READ NEWEST MARKER [pending]   what the history knows
void play(ReadTracker &tracker, const QStringList &script)
{
    for (const QString &event : script) {
        const QStringList w = event.split(u' ');
        const QString &verb = w.at(0);
        const QString chat = w.value(1) == u"-"_s ? QString() : w.value(1);
        const auto id = [&](int i) { return chat + w.value(i); };
        if (verb == u"show"_s)
            tracker.setShownChat(chat);
        else if (verb == u"active"_s)
            tracker.setWindowActive(true);
        else if (verb == u"inactive"_s)
            tracker.setWindowActive(false);
        else if (verb == u"in"_s || verb == u"plain"_s)
            tracker.messageArrived(chat, w.at(2).toLongLong(), id(2), Direction::Incoming, verb == u"in"_s);
        else if (verb == u"out"_s)
            tracker.messageArrived(chat, w.at(2).toLongLong(), id(2), Direction::Outgoing, false);
        else if (verb == u"elsewhere"_s)
            tracker.readElsewhere(chat, w.at(2).toLongLong(), id(2));
        else if (verb == u"sent"_s)
            tracker.markerSent(chat);
        else if (verb == u"send"_s || verb == u"nosend"_s)
            tracker.setSendMarkers(verb == u"send"_s);
        else if (verb == u"load"_s) {
            ChatReadState s;
            s.lastRead = w.at(2).toLongLong();
            s.newestIncoming = w.at(3).toLongLong();
            s.newestIncomingId = id(3);
            s.newestMarkable = s.newestIncoming; // it asked for markers
            s.newestMarkableId = s.newestIncomingId;
            s.marker = w.at(4).toLongLong();
            s.markerId = id(4);
            s.markerPending = w.value(5) == u"pending"_s;
            tracker.load(chat, s);
        } else
            QFAIL(qPrintable(u"unknown event: "_s + event));
    }
}

} // namespace

/// The read/unread decisions, without a window, a history or a connection.
class TestReadTracker final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decides_data()
    {
        QTest::addColumn<QStringList>("script");
        QTest::addColumn<qint64>("read"); ///< read position of chat "a"
        QTest::addColumn<qint64>("line"); ///< where the line of "a" stands, -1 none
        QTest::addColumn<QStringList>("markers"); ///< displayed markers due, in order
        QTest::addColumn<bool>("pending"); ///< a marker of "a" still owed

        QTest::newRow("another chat shown: stays unread")
            << QStringList { u"active"_s, u"show b"_s, u"in a 1"_s } << 0ll << -1ll << QStringList {} << false;
        QTest::newRow("no chat shown: stays unread")
            << QStringList { u"show -"_s, u"active"_s, u"in a 1"_s } << 0ll << -1ll << QStringList {} << false;
        QTest::newRow("shown, window inactive: stays unread, line above it")
            << QStringList { u"show a"_s, u"in a 1"_s } << 0ll << 0ll << QStringList {} << false;
        QTest::newRow("shown in the active window: read at once, no line")
            << QStringList { u"active"_s, u"show a"_s, u"in a 1"_s } << 1ll << -1ll << QStringList { u"a1"_s }
            << true;
        QTest::newRow("window activated: read, the line stays")
            << QStringList { u"show a"_s, u"in a 1"_s, u"in a 2"_s, u"active"_s } << 2ll << 0ll
            << QStringList { u"a2"_s } << true;
        QTest::newRow("shown chat opened with unread: line above the first unread")
            << QStringList { u"in a 1"_s, u"active"_s, u"show b"_s, u"show a"_s, u"in a 2"_s, u"in a 3"_s,
                   u"show b"_s, u"in a 4"_s, u"show a"_s }
            << 4ll << 3ll << QStringList { u"a1"_s, u"a2"_s, u"a3"_s, u"a4"_s } << true;
        QTest::newRow("the line stays while reading")
            << QStringList { u"show a"_s, u"in a 1"_s, u"active"_s, u"in a 2"_s, u"in a 3"_s } << 3ll << 0ll
            << QStringList { u"a1"_s, u"a2"_s, u"a3"_s } << true;
        QTest::newRow("window inactive and new messages: the line moves to them")
            << QStringList { u"show a"_s, u"in a 1"_s, u"active"_s, u"in a 2"_s, u"inactive"_s, u"in a 3"_s,
                   u"in a 4"_s }
            << 2ll << 2ll << QStringList { u"a1"_s, u"a2"_s } << true;
        QTest::newRow("... and activated again: read, the line stays above them")
            << QStringList { u"show a"_s, u"in a 1"_s, u"active"_s, u"in a 2"_s, u"inactive"_s, u"in a 3"_s,
                   u"in a 4"_s, u"active"_s }
            << 4ll << 2ll << QStringList { u"a1"_s, u"a2"_s, u"a4"_s } << true;
        QTest::newRow("inactive and active again with nothing new: the line stays")
            << QStringList { u"show a"_s, u"in a 1"_s, u"active"_s, u"inactive"_s, u"active"_s } << 1ll << 0ll
            << QStringList { u"a1"_s } << true;
        QTest::newRow("leaving takes the line away; back with nothing new: no line")
            << QStringList { u"show a"_s, u"in a 1"_s, u"active"_s, u"show b"_s, u"show a"_s } << 1ll << -1ll
            << QStringList { u"a1"_s } << true;
        QTest::newRow("a marker goes out once, for the newest read")
            << QStringList { u"in a 1"_s, u"in a 2"_s, u"show a"_s, u"active"_s, u"sent a"_s, u"inactive"_s,
                   u"active"_s, u"show b"_s, u"show a"_s }
            << 2ll << -1ll << QStringList { u"a2"_s } << false;
        QTest::newRow("no marker for a message that did not ask; read all the same")
            << QStringList { u"show a"_s, u"active"_s, u"plain a 1"_s } << 1ll << -1ll << QStringList {}
            << false;
        QTest::newRow("the marker names the newest read message that asked")
            << QStringList { u"in a 1"_s, u"plain a 2"_s, u"show a"_s, u"active"_s } << 2ll << 0ll
            << QStringList { u"a1"_s } << true;
        QTest::newRow("what did not ask adds no marker to one already sent")
            << QStringList { u"show a"_s, u"active"_s, u"in a 1"_s, u"sent a"_s, u"plain a 2"_s } << 2ll
            << -1ll << QStringList { u"a1"_s } << false;
        QTest::newRow("sending off: read, but no marker and none owed")
            << QStringList { u"nosend"_s, u"show a"_s, u"active"_s, u"in a 1"_s } << 1ll << -1ll
            << QStringList {} << false;
        QTest::newRow("sending turned off drops an owed marker")
            << QStringList { u"show a"_s, u"active"_s, u"in a 1"_s, u"nosend"_s } << 1ll << -1ll
            << QStringList { u"a1"_s } << false;
        QTest::newRow("what was read while sending was off is not told later")
            << QStringList { u"nosend"_s, u"show a"_s, u"active"_s, u"in a 1"_s, u"send"_s, u"inactive"_s,
                   u"active"_s }
            << 1ll << -1ll << QStringList {} << false;
        QTest::newRow("our own message reads what came before, sends no marker")
            << QStringList { u"in a 1"_s, u"out a 2"_s } << 2ll << -1ll << QStringList {} << false;
        QTest::newRow("read on another device: read up to there, nothing owed")
            << QStringList { u"in a 1"_s, u"in a 2"_s, u"in a 3"_s, u"elsewhere a 2"_s } << 2ll << -1ll
            << QStringList {} << false;
        QTest::newRow("read on another device settles an owed marker")
            << QStringList { u"show a"_s, u"active"_s, u"in a 1"_s, u"elsewhere a 1"_s } << 1ll << -1ll
            << QStringList { u"a1"_s } << false;
        QTest::newRow("read on another device while shown and inactive: the line follows")
            << QStringList { u"show a"_s, u"in a 1"_s, u"in a 2"_s, u"elsewhere a 1"_s } << 1ll << 1ll
            << QStringList {} << false;
        QTest::newRow("an older device marker does not move back")
            << QStringList { u"show a"_s, u"active"_s, u"in a 1"_s, u"in a 2"_s, u"sent a"_s,
                   u"elsewhere a 1"_s }
            << 2ll << -1ll << QStringList { u"a1"_s, u"a2"_s } << false;
        QTest::newRow("loaded: positions never move backwards")
            << QStringList { u"active"_s, u"show a"_s, u"in a 5"_s, u"load a 3 4 3"_s } << 5ll << -1ll
            << QStringList { u"a5"_s } << true;
        QTest::newRow("loaded unread in the shown chat of the active window: read, with the line")
            << QStringList { u"active"_s, u"show a"_s, u"load a 2 4 2"_s } << 4ll << 2ll
            << QStringList { u"a4"_s } << true;
        QTest::newRow("loaded unread in the shown chat of an inactive window: the line")
            << QStringList { u"show a"_s, u"load a 2 4 2"_s } << 2ll << 2ll << QStringList {} << false;
        QTest::newRow("an owed marker survives in the history")
            << QStringList { u"load a 3 3 3 pending"_s } << 3ll << -1ll << QStringList {} << true;
        QTest::newRow("an owed marker from the history with sending off is dropped")
            << QStringList { u"nosend"_s, u"load a 3 3 3 pending"_s } << 3ll << -1ll << QStringList {} << false;
    }

    void decides()
    {
        QFETCH(QStringList, script);
        QFETCH(qint64, read);
        QFETCH(qint64, line);
        QFETCH(QStringList, markers);
        QFETCH(bool, pending);

        ReadTracker tracker;
        QStringList due;
        connect(&tracker, &ReadTracker::markerDue, this,
            [&](const QString &chat, const QString &id) {
                due.append(chat == u"a"_s ? id : chat + u':' + id);
            });
        play(tracker, script);

        QCOMPARE(tracker.readPosition(u"a"_s), read);
        QCOMPARE(tracker.markerLine(u"a"_s).value_or(-1), line);
        QCOMPARE(due, markers);
        QCOMPARE(tracker.state(u"a"_s).markerPending, pending);
        QCOMPARE(tracker.pendingMarkers().contains(u"a"_s), pending);
    }

    void signalsWhatToKeep()
    {
        ReadTracker tracker;
        QSignalSpy kept(&tracker, &ReadTracker::readStateChanged);
        QSignalSpy lines(&tracker, &ReadTracker::markerLineChanged);
        tracker.setShownChat(u"a"_s);
        tracker.messageArrived(u"a"_s, 1, u"a1"_s, Direction::Incoming, true);
        QCOMPARE(kept.size(), 0); // nothing read: nothing to keep
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.at(0).at(0).toString(), u"a"_s);

        tracker.setWindowActive(true);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.at(0).at(0).toString(), u"a"_s);
        QCOMPARE(lines.size(), 1); // the line stayed

        tracker.markerSent(u"a"_s);
        QCOMPARE(kept.size(), 2);
        QVERIFY(!tracker.state(u"a"_s).markerPending);
        tracker.markerSent(u"a"_s); // nothing owed: nothing changes
        QCOMPARE(kept.size(), 2);

        // Leaving the chat takes its line away, and says so for that chat.
        tracker.setShownChat(u"b"_s);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(1).at(0).toString(), u"a"_s);
        QVERIFY(!tracker.markerLine(u"a"_s));
        QVERIFY(!tracker.markerLine(u"b"_s));
    }

    /// Replying means having read: the tracker alone says so, and asks for
    /// the position to be kept (the history no longer moves it itself).
    void ourMessageReadsWhatCameBeforeAndIsKept()
    {
        ReadTracker tracker;
        QSignalSpy kept(&tracker, &ReadTracker::readStateChanged);
        QSignalSpy due(&tracker, &ReadTracker::markerDue);
        tracker.messageArrived(u"a"_s, 1, u"a1"_s, Direction::Incoming, true);
        tracker.messageArrived(u"a"_s, 2, u"a2"_s, Direction::Incoming, true);
        QCOMPARE(kept.size(), 0);
        QVERIFY(tracker.state(u"a"_s).hasUnread());
        tracker.messageArrived(u"a"_s, 3, u"a3"_s, Direction::Outgoing, false);
        QCOMPARE(tracker.readPosition(u"a"_s), 3);
        QVERIFY(!tracker.state(u"a"_s).hasUnread());
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.at(0).at(0).toString(), u"a"_s);
        QCOMPARE(due.size(), 0);
        // A lower row id moves nothing back.
        tracker.messageArrived(u"a"_s, 1, u"a1"_s, Direction::Outgoing, false);
        QCOMPARE(tracker.readPosition(u"a"_s), 3);
        QCOMPARE(kept.size(), 1);
    }

    void readingIsOnlyTheShownChatOfTheActiveWindow()
    {
        ReadTracker tracker;
        QVERIFY(!tracker.isReading(u"a"_s));
        tracker.setShownChat(u"a"_s);
        QVERIFY(!tracker.isReading(u"a"_s));
        tracker.setWindowActive(true);
        QVERIFY(tracker.isReading(u"a"_s));
        QVERIFY(!tracker.isReading(u"b"_s));
        QVERIFY(!tracker.isReading(QString()));
        tracker.setWindowActive(false);
        QVERIFY(!tracker.isReading(u"a"_s));
    }

    void markerWithoutAnIdIsNotOwed()
    {
        ReadTracker tracker;
        tracker.setShownChat(u"a"_s);
        tracker.setWindowActive(true);
        QSignalSpy due(&tracker, &ReadTracker::markerDue);
        tracker.messageArrived(u"a"_s, 1, QString(), Direction::Incoming, true);
        QCOMPARE(tracker.readPosition(u"a"_s), 1);
        QCOMPARE(due.size(), 0);
        QVERIFY(tracker.pendingMarkers().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReadTracker)
#include "tst_readtracker.moc"
