// What the door (StanzaCheck) and the conversion (Stanzas::toMessage) make
// of stanzas from the network: whose clock is believed, which addresses
// are refused. No network: stanzas are parsed from text as QXmpp would.

#include "stanzacheck.h"
#include "stanzas.h"

#include <QXmppMessage.h>

#include <QDomDocument>
#include <QTest>
#include <QTimeZone>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

const QString Own = u"alice@localhost"_s;
const QDateTime Now(QDate(2026, 12, 4), QTime(18, 0), QTimeZone::UTC);

QDomElement parse(const QString &xml)
{
    QDomDocument document;
    const auto result = document.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing);
    if (!result)
        qFatal("bad test XML: %s", qPrintable(result.errorMessage));
    return document.documentElement();
}

QString chat(const QString &inner, const QString &from = u"bob@example.org/phone"_s)
{
    return u"<message xmlns='jabber:client' type='chat' from='%1' to='alice@localhost/desk' id='m1'>"
           "<body>hi</body>%2</message>"_s.arg(from, inner);
}

QString delay(const QString &stamp, const QString &from = {})
{
    return from.isEmpty() ? u"<delay xmlns='urn:xmpp:delay' stamp='%1'/>"_s.arg(stamp)
                          : u"<delay xmlns='urn:xmpp:delay' stamp='%1' from='%2'/>"_s.arg(stamp, from);
}

/// What the session does with a live stanza: the door, QXmpp's parser, our conversion.
std::optional<Message> receiveLive(const QString &xml, Stanzas::Origin origin = Stanzas::Origin::Live)
{
    const QDomElement element = parse(xml);
    StanzaCheck check;
    check.setAccount(Own);
    if (check.handleStanza(element))
        return std::nullopt; // refused
    QXmppMessage message;
    message.parse(element);
    return Stanzas::toMessage(message, Own, origin, Now);
}

} // namespace

class TestStanzas final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendTime_data()
    {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QDateTime>("sentAt");
        QTest::addColumn<bool>("arrivedOffline");
        const QDateTime held(QDate(2026, 12, 1), QTime(9, 30), QTimeZone::UTC);
        const QString heldText = u"2026-12-01T09:30:00Z"_s;

        QTest::newRow("live, no delay") << chat({}) << Now << false;
        QTest::newRow("sender's delay without from") << chat(delay(heldText)) << Now << false;
        QTest::newRow("sender's delay of year 0001") << chat(delay(u"0001-01-01T00:00:00Z"_s)) << Now << false;
        QTest::newRow("delay from the sender's server")
            << chat(delay(heldText, u"example.org"_s)) << Now << false;
        QTest::newRow("delay claiming another account") << chat(delay(heldText, u"carol@localhost"_s)) << Now << false;
        QTest::newRow("delay from a full address of ours") << chat(delay(heldText, u"alice@localhost/phone"_s)) << Now
                                                           << false;
        QTest::newRow("legacy jabber:x:delay from the sender")
            << chat(u"<x xmlns='jabber:x:delay' stamp='20261201T09:30:00' from='bob@example.org'/>"_s) << Now << false;
        QTest::newRow("offline storage (Prosody, ejabberd: our domain)")
            << chat(delay(heldText, u"localhost"_s)) << held << true;
        QTest::newRow("our domain, any case") << chat(delay(heldText, u"LocalHost"_s)) << held << true;
        QTest::newRow("resent by our account (ejabberd)") << chat(delay(heldText, Own)) << held << true;
        QTest::newRow("sender's delay before our server's")
            << chat(delay(u"1999-01-01T00:00:00Z"_s) + delay(heldText, u"localhost"_s)) << held << true;
        QTest::newRow("our server, year 0001: held, but the time is arrival")
            << chat(delay(u"0001-01-01T00:00:00Z"_s, u"localhost"_s)) << Now << true;
        QTest::newRow("our server, 1999: implausible") << chat(delay(u"1999-12-31T23:59:59Z"_s, u"localhost"_s)) << Now
                                                       << true;
        QTest::newRow("our server, year 9999") << chat(delay(u"9999-12-31T23:59:59Z"_s, u"localhost"_s)) << Now << true;
        QTest::newRow("our server, a minute ahead (clock skew)")
            << chat(delay(u"2026-12-04T18:01:00Z"_s, u"localhost"_s))
            << QDateTime(QDate(2026, 12, 4), QTime(18, 1), QTimeZone::UTC) << true;
        QTest::newRow("our server, an hour ahead") << chat(delay(u"2026-12-04T19:00:00Z"_s, u"localhost"_s)) << Now
                                                   << true;
        QTest::newRow("our server, garbage") << chat(delay(u"yesterday"_s, u"localhost"_s)) << Now << false;
    }

    void sendTime()
    {
        QFETCH(QString, xml);
        QFETCH(QDateTime, sentAt);
        QFETCH(bool, arrivedOffline);
        const auto message = receiveLive(xml);
        QVERIFY(message);
        QCOMPARE(message->sentAt, sentAt);
        QCOMPARE(message->arrivedOffline, arrivedOffline);
        QCOMPARE(message->receivedAt, Now);
    }

    /// XEP-0333: whether the sender asked for chat markers is kept with the
    /// message (a displayed marker may only name one that did).
    void markableIsKept()
    {
        const auto asked
            = receiveLive(u"<message xmlns='jabber:client' type='chat' from='bob@example.org/phone' "
                          "to='alice@localhost' id='m1'><body>hi</body>"
                          "<markable xmlns='urn:xmpp:chat-markers:0'/></message>"_s);
        QVERIFY(asked);
        QVERIFY(asked->markable);
        const auto plain
            = receiveLive(u"<message xmlns='jabber:client' type='chat' from='bob@example.org/phone' "
                          "to='alice@localhost' id='m2'><body>hi</body></message>"_s);
        QVERIFY(plain);
        QVERIFY(!plain->markable);
    }

    void carbonKeepsOnlyTrustedDelays()
    {
        // A copy of what Bob sent to another of our devices, with his own stamp inside.
        const QString xml = u"<message xmlns='jabber:client' from='alice@localhost' to='alice@localhost/desk'>"
                            "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                            "<delay xmlns='urn:xmpp:delay' stamp='2001-01-01T00:00:00Z'/>"
                            "<message xmlns='jabber:client' type='chat' from='bob@example.org/phone' "
                            "to='alice@localhost/phone' id='c1'><body>hi</body>"
                            "<delay xmlns='urn:xmpp:delay' stamp='2001-01-01T00:00:00Z' from='example.org'/>"
                            "</message></forwarded></received></message>"_s;
        const QDomElement element = parse(xml);
        QCOMPARE(StanzaRules::removeUntrustedDelays(element, Own), 2);
        QVERIFY(element.elementsByTagNameNS(u"urn:xmpp:delay"_s, u"delay"_s).isEmpty());
    }

    void archiveResultKeepsTheArchiveStamp()
    {
        const QString xml = u"<message xmlns='jabber:client' to='alice@localhost/desk'>"
                            "<result xmlns='urn:xmpp:mam:2' queryid='q' id='a1'><forwarded xmlns='urn:xmpp:forward:0'>"
                            "<delay xmlns='urn:xmpp:delay' stamp='2026-12-01T09:30:00Z'/>"
                            "<message xmlns='jabber:client' type='chat' from='bob@example.org/phone' "
                            "to='alice@localhost' id='c1'><body>hi</body>"
                            "<delay xmlns='urn:xmpp:delay' stamp='0001-01-01T00:00:00Z'/>"
                            "</message></forwarded></result></message>"_s;
        const QDomElement element = parse(xml);
        QCOMPARE(StanzaRules::removeUntrustedDelays(element, Own), 1);
        const auto left = element.elementsByTagNameNS(u"urn:xmpp:delay"_s, u"delay"_s);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).parentNode().toElement().tagName(), u"forwarded"_s);
    }

    void addresses_data()
    {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<bool>("refused");
        const QString longLocal = QString(3000, u'x');
        QTest::newRow("a person") << chat({}) << false;
        QTest::newRow("a resource with spaces (RFC 7622 allows)") << chat({}, u"bob@example.org/my phone"_s) << false;
        QTest::newRow("@@") << chat({}, u"@@"_s) << true;
        QTest::newRow("a@b@c") << chat({}, u"a@b@c"_s) << true;
        QTest::newRow("empty localpart") << chat({}, u"@example.org"_s) << true;
        QTest::newRow("space in the localpart") << chat({}, u"bob smith@example.org"_s) << true;
        QTest::newRow("space in the domain") << chat({}, u"bob@exa mple.org"_s) << true;
        QTest::newRow("3,000-byte localpart") << chat({}, longLocal + u"@example.org"_s) << true;
        QTest::newRow("a bare domain starts no chat") << chat({}, u"example.org"_s) << true;
        QTest::newRow("our server's error bounce") << u"<message xmlns='jabber:client' type='error' from='example.org' "
                                                      "to='alice@localhost/desk'><body>hi</body></message>"_s
                                                   << false;
        QTest::newRow("malformed to") << u"<message xmlns='jabber:client' type='chat' from='bob@example.org' "
                                         "to='a@b@c'><body>hi</body></message>"_s
                                      << true;
        QTest::newRow("receipt from a@b@c") << u"<message xmlns='jabber:client' from='a@b@c/x' to='alice@localhost'>"
                                               "<received xmlns='urn:xmpp:receipts' id='m1'/></message>"_s
                                            << true;
        QTest::newRow("marker from @@") << u"<message xmlns='jabber:client' from='@@' to='alice@localhost'>"
                                           "<displayed xmlns='urn:xmpp:chat-markers:0' id='m1'/></message>"_s
                                        << true;
        QTest::newRow("chat state from spaces") << u"<message xmlns='jabber:client' from='b b@x.org' type='chat'>"
                                                   "<composing xmlns='http://jabber.org/protocol/chatstates'/>"
                                                   "</message>"_s
                                                << true;
        QTest::newRow("presence") << u"<presence xmlns='jabber:client' from='a@b@c/x'/>"_s << true;
        QTest::newRow("subscription request")
            << u"<presence xmlns='jabber:client' type='subscribe' from='@@'/>"_s << true;
        QTest::newRow("presence from our server") << u"<presence xmlns='jabber:client' from='localhost'/>"_s << false;
        QTest::newRow("carbon of a malformed sender")
            << u"<message xmlns='jabber:client' from='alice@localhost' to='alice@localhost/desk'>"
               "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
               "<message xmlns='jabber:client' type='chat' from='a@b@c' to='alice@localhost'><body>hi</body>"
               "</message></forwarded></received></message>"_s
            << true;
        QTest::newRow("roster push") << u"<iq xmlns='jabber:client' type='set' id='r1'><query xmlns='jabber:iq:roster'>"
                                        "<item jid='a@b@c' subscription='both'/></query></iq>"_s
                                     << true;
        QTest::newRow("roster push, good") << u"<iq xmlns='jabber:client' type='set' id='r1'>"
                                              "<query xmlns='jabber:iq:roster'><item jid='bob@example.org'/></query></iq>"_s
                                           << false;
        QTest::newRow("blocklist push") << u"<iq xmlns='jabber:client' type='set' id='b1'>"
                                           "<block xmlns='urn:xmpp:blocking'><item jid='x y@example.org'/></block></iq>"_s
                                        << true;
        QTest::newRow("blocklist push without jid") << u"<iq xmlns='jabber:client' type='set' id='b1'>"
                                                       "<unblock xmlns='urn:xmpp:blocking'><item/></unblock></iq>"_s
                                                    << true;
    }

    void addresses()
    {
        QFETCH(QString, xml);
        QFETCH(bool, refused);
        StanzaCheck check;
        check.setAccount(Own);
        QCOMPARE(check.handleStanza(parse(xml)), refused);
        QCOMPARE(check.refusedCount(), refused ? 1 : 0);
    }

    /// XEP-0045 §7.5: a private message through a room is a chat with the
    /// occupant, kept under its address, never in the room's conversation
    /// nor under the room's bare address.
    void privateMessagesThroughARoom_data()
    {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("chat");
        QTest::addColumn<bool>("outgoing");
        const QString x = u"<x xmlns='http://jabber.org/protocol/muc#user'/>"_s;
        QTest::newRow("from an occupant") << chat(x, u"team@conference.example.org/Jenny"_s)
                                          << u"team@conference.example.org/Jenny"_s << false;
        QTest::newRow("a Korean nickname, the room's case folded")
            << chat(x, u"Team@Conference.example.org/제니"_s) << u"team@conference.example.org/제니"_s << false;
        // As the carbon manager hands on what another of our devices sent.
        QTest::newRow("ours, from another device")
            << u"<message xmlns='jabber:client' type='chat' from='alice@localhost/phone' "
               "to='team@conference.example.org/Jenny' id='p1'><body>hi</body>"
               "<x xmlns='http://jabber.org/protocol/muc#user'/></message>"_s
            << u"team@conference.example.org/Jenny"_s << true;
        QTest::newRow("a person's device, not through a room")
            << chat({}, u"bob@example.org/phone"_s) << u"bob@example.org"_s << false;
        QTest::newRow("an invitation is from the room, not through it")
            << chat(u"<x xmlns='http://jabber.org/protocol/muc#user'><invite from='bob@example.org'/></x>"_s,
                   u"team@conference.example.org/Jenny"_s)
            << u"team@conference.example.org"_s << false;
        QTest::newRow("the room's bare address") << chat(x, u"team@conference.example.org"_s)
                                                 << u"team@conference.example.org"_s << false;
    }

    void privateMessagesThroughARoom()
    {
        QFETCH(QString, xml);
        QFETCH(QString, chat);
        QFETCH(bool, outgoing);
        const QDomElement element = parse(xml);
        QXmppMessage message;
        message.parse(element);
        const auto m = Stanzas::toMessage(message, Own, Stanzas::Origin::Live, Now);
        QVERIFY(m);
        QCOMPARE(m->chat, chat);
        QCOMPARE(m->direction, outgoing ? Direction::Outgoing : Direction::Incoming);
        QCOMPARE(m->kind, ChatKind::Chat);
    }

    void noChatFromAnUnusableAddress()
    {
        // Even past the door (an archive result), a server or a malformed
        // address never becomes a chat.
        for (const QString &from : { u"example.org"_s, u"a@b@c"_s, u"bob smith@example.org"_s }) {
            QXmppMessage message(from, Own, u"hi"_s);
            message.setType(QXmppMessage::Chat);
            QVERIFY2(!Stanzas::toMessage(message, Own, Stanzas::Origin::Archive, Now, u"a1"_s, Now),
                qPrintable(from));
        }
    }

    void refusalsAreLoggedOncePerBurst()
    {
        static int warnings = 0;
        warnings = 0;
        const auto previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &) {
            if (type == QtWarningMsg)
                ++warnings;
        });
        StanzaCheck check;
        check.setAccount(Own);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(check.handleStanza(parse(chat({}, u"stranger%1@@example.org"_s.arg(i)))));
        qInstallMessageHandler(previous);
        QCOMPARE(check.refusedCount(), 1000);
        QCOMPARE(warnings, 1);
    }
};

QTEST_GUILESS_MAIN(TestStanzas)
#include "tst_stanzas.moc"
