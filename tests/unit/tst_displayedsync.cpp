// XEP-0490 publishing (core/displayedsync.h): a read position that could not
// be published (read offline, or refused) goes out when the connection is
// back, the newest per chat only, a few chats at a time. What another device
// says is tested in tst_edits (readOnAnotherDevice); the real PEP service in
// tests/integration/tst_edits.cpp.
#include "displayedsync.h"
#include "profilefixture.h"

#include <QDomElement>
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
        QTRY_VERIFY(sync(profile)->waitingChats().isEmpty());

        // Published: the next connection sends nothing again.
        profile.transport.setOnline(false);
        profile.transport.setOnline(true);
        settle(profile);
        QCOMPARE(profile.transport.sentIqs().size(), 1);
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
        profile.transport.answerHeldIqs(true);
        QTRY_COMPARE(publishes(profile.transport).size(), 5);
        profile.transport.answerHeldIqs(true);
        QTRY_VERIFY(sync(profile)->waitingChats().isEmpty());

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
            QVERIFY(receive(profile, jenny, u"j1"_s));
            QVERIFY(read(profile, jenny));
            QTRY_VERIFY(profile.store.conversation(jenny).result()->lastReadRowId > 0);
            settle(profile);
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
};

QTEST_GUILESS_MAIN(TestDisplayedSync)
#include "tst_displayedsync.moc"
