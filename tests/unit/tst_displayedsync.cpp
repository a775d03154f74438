// XEP-0490 publishing (core/displayedsync.h): a read position that could not
// be published (read offline, or refused) goes out when the connection is
// back, the newest per chat only, a few chats at a time. What another device
// says is tested in tst_edits (readOnAnotherDevice); the real PEP service in
// tests/integration/tst_edits.cpp.
#include "displayedsync.h"
#include "profilefixture.h"

#include <QDomElement>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QXmppElement.h>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

const QString Me = u"me@example.org"_s;

struct Publish
{
    QString chat; ///< the item id
    QString stanzaId; ///< the message read up to
    friend bool operator==(const Publish &, const Publish &) = default;
};

QDebug operator<<(QDebug debug, const Publish &p)
{
    return debug << p.chat << p.stanzaId;
}

/// The read positions published in the IQs sent, oldest first.
QList<Publish> publishes(const Test::FakeTransport &transport)
{
    QList<Publish> list;
    for (const QDomElement &iq : transport.sentIqs()) {
        const QDomElement publish = iq.firstChildElement(u"pubsub"_s).firstChildElement(u"publish"_s);
        if (publish.attribute(u"node"_s) != DisplayedSync::Node)
            continue;
        const QDomElement item = publish.firstChildElement(u"item"_s);
        const QDomElement sid = item.firstChildElement(u"displayed"_s).firstChildElement(u"stanza-id"_s);
        list.append({ item.attribute(u"id"_s), sid.attribute(u"id"_s) });
    }
    return list;
}

/// The chats whose item of the node was asked for (before publishing a
/// position that waited over a lost connection), oldest first.
QStringList retrievals(const Test::FakeTransport &transport)
{
    QStringList list;
    for (const QDomElement &iq : transport.sentIqs()) {
        const QDomElement items = iq.firstChildElement(u"pubsub"_s).firstChildElement(u"items"_s);
        if (iq.attribute(u"type"_s) == u"get"_s && items.attribute(u"node"_s) == DisplayedSync::Node)
            list.append(items.firstChildElement(u"item"_s).attribute(u"id"_s));
    }
    return list;
}

/// The chats whose waiting read position is kept in the history (mds_waiting).
QStringList keptChats(Test::ProfileFixture &profile)
{
    const Expected<QStringList> chats = profile.store
                                            .run<QStringList>(HistoryStore::Access::Read,
                                                [](QSqlDatabase &db) -> Expected<QStringList> {
                                                    QSqlQuery q(db);
                                                    if (!q.exec(u"SELECT chat FROM mds_waiting ORDER BY chat"_s))
                                                        return Error { q.lastError().text() };
                                                    QStringList list;
                                                    while (q.next())
                                                        list.append(q.value(0).toString());
                                                    return list;
                                                })
                                            .result();
    return chats ? chats.value() : QStringList { u"(unreadable: %1)"_s.arg(chats.errorMessage()) };
}

/// The node holds, for `chat`, the read position `stanzaId` (another device's).
void nodeHolds(Test::FakeTransport &transport, const QString &chat, const QString &stanzaId)
{
    transport.setResultPayload([chat, stanzaId](const QDomElement &iq) {
        if (iq.attribute(u"type"_s) != u"get"_s)
            return QString();
        return u"<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='%1'><item id='%2'>"
               "<displayed xmlns='%1'><stanza-id xmlns='urn:xmpp:sid:0' id='%3' by='%4'/></displayed>"
               "</item></items></pubsub>"_s.arg(DisplayedSync::Node, chat, stanzaId, Me);
    });
}

} // namespace

class TestDisplayedSync final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    QString freshPath() { return m_dir.filePath(u"mds%1.db"_s.arg(++m_n)); }

    /// `chat` sends a markable message with the stanza-id our server gave it.
    static bool receive(Test::ProfileFixture &profile, const QString &chat, const QString &stanzaId)
    {
        static int n = 0;
        Message m;
        m.chat = chat;
        m.messageId = u"m%1"_s.arg(++n);
        m.stanzaId = stanzaId;
        m.direction = Direction::Incoming;
        m.from = chat + u"/phone"_s;
        m.to = Me;
        m.body = u"hello "_s + stanzaId;
        m.markable = true;
        m.sentAt = QDateTime::currentDateTimeUtc().addSecs(-600 + n);
        m.receivedAt = m.sentAt;
        m.state = DeliveryState::Received;
        return profile.receive(m);
    }

    /// The person reads `chat` (shown in the active window) up to its newest message.
    static bool read(Test::ProfileFixture &profile, const QString &chat)
    {
        profile.tracker()->setWindowActive(true);
        profile.tracker()->setShownChat(chat);
        return QTest::qWaitFor([&] {
            const auto c = profile.store.conversation(chat).result();
            return c && c->unread == 0;
        });
    }

    static DisplayedSync *sync(Test::ProfileFixture &profile)
    {
        return profile.features->findChild<DisplayedSync *>();
    }

    /// Lets queued work (the history, the queued flush) run; the fake answers at once.
    static void settle(Test::ProfileFixture &profile)
    {
        profile.store.flush();
        QTest::qWait(100);
    }

private Q_SLOTS:
    /// Read while offline, twice: nothing goes out then; back online, one
    /// publish with the newest position.
    void readOfflineIsPublishedWhenBack()
    {
        Test::ProfileFixture profile(freshPath());
        QVERIFY(profile.ok());
        const QString jenny = u"jenny@example.org"_s;
        profile.requests()->accept(jenny);
        QVERIFY(receive(profile, jenny, u"s1"_s));
        QVERIFY(read(profile, jenny));
        QVERIFY(receive(profile, jenny, u"s2"_s)); // read at once: the chat is shown
        QTRY_COMPARE(profile.tracker()->readPosition(jenny), profile.store.conversation(jenny).result()->lastReadRowId);
        settle(profile);
        QVERIFY(profile.transport.sentIqs().isEmpty());
        QTRY_COMPARE(sync(profile)->waitingChats(), QStringList { jenny });

        profile.transport.setOnline(true);
        QTRY_COMPARE(publishes(profile.transport).size(), 1);
        QCOMPARE(publishes(profile.transport).first(), (Publish { jenny, u"s2"_s }));
        // First what the node holds for the chat (here: nothing), then the publish.
        QCOMPARE(retrievals(profile.transport), QStringList { jenny });
        QCOMPARE(profile.transport.sentIqs().size(), 2);
        QTRY_VERIFY(sync(profile)->waitingChats().isEmpty());

        // Published: the next connection sends nothing again.
        profile.transport.setOnline(false);
        profile.transport.setOnline(true);
        settle(profile);
        QCOMPARE(profile.transport.sentIqs().size(), 2);
    }

    /// A refused publish is not tried again and again on the same
    /// connection; it is with the next one.
    void refusedIsTriedAgainWithTheNextConnection()
    {
        Test::ProfileFixture profile(freshPath());
        QVERIFY(profile.ok());
        const QString jenny = u"jenny@example.org"_s;
        profile.requests()->accept(jenny);
        profile.transport.setOnline(true);
        profile.transport.setIqAnswer(Test::FakeTransport::IqAnswer::Error);
        QVERIFY(receive(profile, jenny, u"s1"_s));
        QVERIFY(read(profile, jenny));
        QTRY_COMPARE(publishes(profile.transport).size(), 1);
        settle(profile);
        QCOMPARE(publishes(profile.transport).size(), 1);
        QCOMPARE(sync(profile)->waitingChats(), QStringList { jenny });

        profile.transport.setIqAnswer(Test::FakeTransport::IqAnswer::Result);
        profile.transport.setOnline(false);
        profile.transport.setOnline(true);
        QTRY_COMPARE(publishes(profile.transport).size(), 2);
        QCOMPARE(publishes(profile.transport).last(), (Publish { jenny, u"s1"_s }));
        QTRY_VERIFY(sync(profile)->waitingChats().isEmpty());
        settle(profile);
        QCOMPARE(publishes(profile.transport).size(), 2);
    }

    /// Reading on while a publish is on its way: one more publish after it,
    /// with the newest position, not one per message read.
    void readsWhileOneIsOnItsWayBecomeOne()
    {
        Test::ProfileFixture profile(freshPath());
        QVERIFY(profile.ok());
        const QString jenny = u"jenny@example.org"_s;
        profile.requests()->accept(jenny);
        profile.transport.setOnline(true);
        profile.transport.setIqAnswer(Test::FakeTransport::IqAnswer::Hold);
        QVERIFY(receive(profile, jenny, u"s1"_s));
        QVERIFY(read(profile, jenny));
        QTRY_COMPARE(profile.transport.heldIqCount(), 1);
        for (const QString &sid : { u"s2"_s, u"s3"_s, u"s4"_s })
            QVERIFY(receive(profile, jenny, sid)); // each read at once
        settle(profile);
        QCOMPARE(profile.transport.heldIqCount(), 1);

        profile.transport.setIqAnswer(Test::FakeTransport::IqAnswer::Result);
        profile.transport.answerHeldIqs(true);
        QTRY_COMPARE(publishes(profile.transport).size(), 2);
        QCOMPARE(publishes(profile.transport), (QList<Publish> { { jenny, u"s1"_s }, { jenny, u"s4"_s } }));
        settle(profile);
        QCOMPARE(publishes(profile.transport).size(), 2);
        QVERIFY(sync(profile)->waitingChats().isEmpty());
    }

    /// Many chats read offline: back online, each chat once, a few at a time.
    void manyChatsGoOutAFewAtATime()
    {
        Test::ProfileFixture profile(freshPath());
        QVERIFY(profile.ok());
        QStringList chats;
        for (int i = 1; i <= 5; ++i) {
            const QString chat = u"friend%1@example.org"_s.arg(i);
            chats.append(chat);
            profile.requests()->accept(chat);
            QVERIFY(receive(profile, chat, u"%1-a"_s.arg(i)));
            QVERIFY(receive(profile, chat, u"%1-b"_s.arg(i)));
            QVERIFY(read(profile, chat));
        }
        settle(profile);
        QTRY_COMPARE(sync(profile)->waitingChats().size(), 5);
        QVERIFY(profile.transport.sentIqs().isEmpty());

        profile.transport.setIqAnswer(Test::FakeTransport::IqAnswer::Hold);
        profile.transport.setOnline(true);
        QTRY_COMPARE(profile.transport.heldIqCount(), DisplayedSync::MaxInFlight);
        settle(profile);
        QCOMPARE(profile.transport.heldIqCount(), DisplayedSync::MaxInFlight);
        // Each chat: its item asked for, then its publish; never more than a
        // few on their way.
        for (int round = 0; round < 12 && !sync(profile)->waitingChats().isEmpty(); ++round) {
            profile.transport.answerHeldIqs(true);
            settle(profile);
            QVERIFY(profile.transport.heldIqCount() <= DisplayedSync::MaxInFlight);
        }
        QVERIFY(sync(profile)->waitingChats().isEmpty());
        QCOMPARE(publishes(profile.transport).size(), 5);
        QCOMPARE(retrievals(profile.transport).size(), 5);

        QStringList published;
        for (const Publish &p : publishes(profile.transport)) {
            published.append(p.chat);
            QVERIFY2(p.stanzaId.endsWith(u"-b"_s), qPrintable(p.stanzaId)); // the newest only
        }
        published.sort();
        QCOMPARE(published, chats);
    }

    /// Read positions from before this start are not published again (a
    /// message arriving in such a chat changes its row, not its position),
    /// and one that another device has passed since is not published.
    void knownPositionsAreNotPublishedAgain()
    {
        const QString path = freshPath();
        const QString jenny = u"jenny@example.org"_s;
        const QString tom = u"tom@example.org"_s;
        {
            Test::ProfileFixture profile(path);
            QVERIFY(profile.ok());
            profile.requests()->accept(jenny);
            profile.requests()->accept(tom);
            profile.transport.setOnline(true); // read online: published at once
            QVERIFY(receive(profile, jenny, u"j1"_s));
            QVERIFY(read(profile, jenny));
            QTRY_VERIFY(profile.store.conversation(jenny).result()->lastReadRowId > 0);
            settle(profile);
            QVERIFY(!profile.transport.sentIqs().isEmpty());
        }
        Test::ProfileFixture profile(path);
        QVERIFY(profile.ok());
        profile.transport.setOnline(true);
        QVERIFY(receive(profile, jenny, u"j2"_s)); // not shown: unread
        settle(profile);
        QVERIFY(profile.transport.sentIqs().isEmpty());

        // Tom's chat read offline; then another device says it read further.
        profile.transport.setOnline(false);
        QVERIFY(receive(profile, tom, u"t1"_s));
        QVERIFY(receive(profile, tom, u"t2"_s));
        profile.tracker()->setWindowActive(true);
        profile.tracker()->setShownChat(tom);
        QTRY_COMPARE(sync(profile)->waitingChats(), QStringList { tom });
        profile.tracker()->setShownChat({});

        QXmppElement sid;
        sid.setTagName(u"stanza-id"_s);
        sid.setAttribute(u"xmlns"_s, u"urn:xmpp:sid:0"_s);
        sid.setAttribute(u"id"_s, u"t2"_s);
        sid.setAttribute(u"by"_s, Me);
        QXmppElement displayed;
        displayed.setTagName(u"displayed"_s);
        displayed.setAttribute(u"xmlns"_s, DisplayedSync::Node);
        displayed.appendChild(sid);
        QXmppElement item;
        item.setTagName(u"item"_s);
        item.setAttribute(u"id"_s, tom);
        item.appendChild(displayed);
        QXmppElement items;
        items.setTagName(u"items"_s);
        items.setAttribute(u"node"_s, DisplayedSync::Node);
        items.appendChild(item);
        QXmppElement event;
        event.setTagName(u"event"_s);
        event.setAttribute(u"xmlns"_s, u"http://jabber.org/protocol/pubsub#event"_s);
        event.appendChild(items);
        QXmppMessage notification(Me, Me);
        notification.setType(QXmppMessage::Headline);
        notification.setExtensions({ event });
        profile.transport.receive(notification);
        QTRY_VERIFY(sync(profile)->waitingChats().isEmpty());

        profile.transport.setOnline(true);
        settle(profile);
        QVERIFY(profile.transport.sentIqs().isEmpty());
    }

    /// Read here while offline up to s2; meanwhile the phone read up to s3
    /// (its notification came while we were away, and is not sent again).
    /// Back online, the node says s3: nothing is published over it, and s3
    /// counts as read here too.
    void aNewerPositionOnTheNodeIsTakenNotOverwritten()
    {
        Test::ProfileFixture profile(freshPath());
        QVERIFY(profile.ok());
        const QString jenny = u"jenny@example.org"_s;
        profile.requests()->accept(jenny);
        QVERIFY(receive(profile, jenny, u"s1"_s));
        QVERIFY(receive(profile, jenny, u"s2"_s));
        QVERIFY(read(profile, jenny));
        profile.tracker()->setShownChat({});
        QVERIFY(receive(profile, jenny, u"s3"_s)); // not shown: unread here
        QTRY_COMPARE(profile.store.conversation(jenny).result()->unread, 1);
        QTRY_COMPARE(sync(profile)->waitingChats(), QStringList { jenny });

        nodeHolds(profile.transport, jenny, u"s3"_s);
        profile.transport.setOnline(true);
        QTRY_COMPARE(retrievals(profile.transport), QStringList { jenny });
        QTRY_VERIFY(sync(profile)->waitingChats().isEmpty());
        QTRY_COMPARE(profile.store.conversation(jenny).result()->unread, 0);
        settle(profile);
        QVERIFY(publishes(profile.transport).isEmpty());
    }

    /// The node holds an older position than the one read here: ours goes out.
    void anOlderPositionOnTheNodeIsPublishedOver()
    {
        Test::ProfileFixture profile(freshPath());
        QVERIFY(profile.ok());
        const QString jenny = u"jenny@example.org"_s;
        profile.requests()->accept(jenny);
        QVERIFY(receive(profile, jenny, u"s1"_s));
        QVERIFY(receive(profile, jenny, u"s2"_s));
        QVERIFY(read(profile, jenny));
        QTRY_COMPARE(sync(profile)->waitingChats(), QStringList { jenny });

        nodeHolds(profile.transport, jenny, u"s1"_s);
        profile.transport.setOnline(true);
        QTRY_COMPARE(publishes(profile.transport), (QList<Publish> { { jenny, u"s2"_s } }));
        QCOMPARE(retrievals(profile.transport), QStringList { jenny });
        QTRY_VERIFY(sync(profile)->waitingChats().isEmpty());
    }

    /// The node names a message this device does not have (the phone read
    /// what has not reached us yet): ours is older, and is not published.
    /// When that message comes (the catch-up), it is read here too, and one
    /// after it is not.
    void aPositionOnTheNodeBeyondWhatIsHereIsNotOverwritten()
    {
        Test::ProfileFixture profile(freshPath());
        QVERIFY(profile.ok());
        const QString jenny = u"jenny@example.org"_s;
        profile.requests()->accept(jenny);
        QVERIFY(receive(profile, jenny, u"s1"_s));
        QVERIFY(read(profile, jenny));
        profile.tracker()->setShownChat({});
        QTRY_COMPARE(sync(profile)->waitingChats(), QStringList { jenny });

        nodeHolds(profile.transport, jenny, u"s9"_s);
        profile.transport.setOnline(true);
        QTRY_COMPARE(retrievals(profile.transport), QStringList { jenny });
        settle(profile);
        QVERIFY(publishes(profile.transport).isEmpty());
        QCOMPARE(sync(profile)->waitingChats(), QStringList { jenny }); // held for s9

        QVERIFY(receive(profile, jenny, u"s8"_s));
        QTRY_COMPARE(profile.store.conversation(jenny).result()->unread, 1);
        QVERIFY(receive(profile, jenny, u"s9"_s));
        QTRY_COMPARE(profile.store.conversation(jenny).result()->unread, 0);
        QTRY_VERIFY(sync(profile)->waitingChats().isEmpty());
        QVERIFY(receive(profile, jenny, u"s10"_s));
        QTRY_COMPARE(profile.store.conversation(jenny).result()->unread, 1);
        settle(profile);
        QVERIFY(publishes(profile.transport).isEmpty()); // it came from there
    }

    /// The node names a message that never comes (older than this device's
    /// history): after the grace, ours goes out over it.
    void aPositionOnTheNodeOlderThanThisHistoryIsPublishedOver()
    {
        Test::ProfileFixture profile(freshPath());
        QVERIFY(profile.ok());
        sync(profile)->setCatchUpGrace(300);
        const QString jenny = u"jenny@example.org"_s;
        profile.requests()->accept(jenny);
        QVERIFY(receive(profile, jenny, u"s1"_s));
        QVERIFY(read(profile, jenny));
        QTRY_COMPARE(sync(profile)->waitingChats(), QStringList { jenny });

        nodeHolds(profile.transport, jenny, u"s0"_s);
        profile.transport.setOnline(true);
        QTRY_COMPARE(retrievals(profile.transport), QStringList { jenny });
        QVERIFY(publishes(profile.transport).isEmpty());
        QTRY_COMPARE(publishes(profile.transport), (QList<Publish> { { jenny, u"s1"_s } }));
        QCOMPARE(retrievals(profile.transport).size(), 1); // compared once
        QTRY_VERIFY(sync(profile)->waitingChats().isEmpty());
    }

    /// Read while offline, then Jabberwock quits before the connection is
    /// back: at the next start the position still goes out (compared with
    /// the node first), once; after that, a start sends nothing.
    void aPositionReadOfflineSurvivesARestart()
    {
        const QString path = freshPath();
        const QString jenny = u"jenny@example.org"_s;
        {
            Test::ProfileFixture profile(path);
            QVERIFY(profile.ok());
            profile.requests()->accept(jenny);
            QVERIFY(receive(profile, jenny, u"s1"_s));
            QVERIFY(receive(profile, jenny, u"s2"_s));
            QVERIFY(read(profile, jenny));
            QTRY_COMPARE(sync(profile)->waitingChats(), QStringList { jenny });
            settle(profile);
            // In the history within a second, not only when this ends (a crash).
            QTRY_COMPARE_WITH_TIMEOUT(keptChats(profile), QStringList { jenny }, DisplayedSync::KeepDelayMs + 2000);
        }
        {
            Test::ProfileFixture profile(path);
            QVERIFY(profile.ok());
            QTRY_COMPARE(sync(profile)->waitingChats(), QStringList { jenny });
            profile.transport.setOnline(true);
            QTRY_COMPARE(publishes(profile.transport), (QList<Publish> { { jenny, u"s2"_s } }));
            QCOMPARE(retrievals(profile.transport), QStringList { jenny });
            QTRY_VERIFY(sync(profile)->waitingChats().isEmpty());
            settle(profile);
            QTRY_VERIFY(keptChats(profile).isEmpty());
        }
        Test::ProfileFixture profile(path);
        QVERIFY(profile.ok());
        profile.transport.setOnline(true);
        settle(profile);
        QVERIFY(sync(profile)->waitingChats().isEmpty());
        QVERIFY(profile.transport.sentIqs().isEmpty());
    }

    /// Read while online: published at once, without asking the node first
    /// (a notification from another device would have come).
    void readOnlineIsPublishedWithoutAskingFirst()
    {
        Test::ProfileFixture profile(freshPath());
        QVERIFY(profile.ok());
        const QString jenny = u"jenny@example.org"_s;
        profile.requests()->accept(jenny);
        profile.transport.setOnline(true);
        QVERIFY(receive(profile, jenny, u"s1"_s));
        QVERIFY(read(profile, jenny));
        QTRY_COMPARE(publishes(profile.transport), (QList<Publish> { { jenny, u"s1"_s } }));
        QVERIFY(retrievals(profile.transport).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDisplayedSync)
#include "tst_displayedsync.moc"
