#include "account.h"
#include "accountsettings.h"
#include "displayedsync.h"
#include "historystore.h"
#include "messenger.h"
#include "peer.h"
#include "rawiq.h"
#include "readpositions.h"
#include "readtracker.h"
#include "session.h"
#include "testserver.h"

#include <QXmppElement.h>
#include <QXmppTask.h>
#include <QXmppFallback.h>
#include <QXmppMessageReaction.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

using namespace Jw;
using namespace Qt::StringLiterals;
using Test::Account;

namespace {

QXmppMessage chat(const QString &to, const QString &body, const QString &id)
{
    QXmppMessage m(QString(), to, body);
    m.setType(QXmppMessage::Chat);
    m.setId(id);
    return m;
}

Message find(const QList<Message> &history, const QString &id)
{
    for (const Message &m : history) {
        if (m.messageId == id)
            return m;
    }
    return {};
}

/// The items of the account's XEP-0490 node, as `device` (one of the
/// account's own) reads them: the XML, or "" when there is no answer.
QString displayedNode(Test::Peer &device, const QString &account)
{
    QDomDocument q;
    QDomElement get = Xml::element(q, u"http://jabber.org/protocol/pubsub"_s, u"pubsub"_s);
    QDomElement items = Xml::child(get, u"items"_s);
    items.setAttribute(u"node"_s, u"urn:xmpp:mds:displayed:0"_s);
    // Shared: a late answer must not write where this call's frame was.
    const auto answer = std::make_shared<std::optional<QString>>();
    device.client.sendIq(RawIq(QXmppIq::Get, account, get)).then(&device, [answer](QXmppClient::IqResult &&r) {
        QString seen;
        if (const auto *e = std::get_if<QDomElement>(&r)) {
            QDomDocument d;
            d.appendChild(d.importNode(*e, true));
            seen = d.toString();
        }
        *answer = seen;
    });
    (void)QTest::qWaitFor([&] { return answer->has_value(); }, 5000);
    return answer->value_or(QString());
}

/// An IQ about the XEP-0490 node from `device`, one of the account's own:
/// `name` (publish, configure, delete …) in `ns`, filled by `fill`. The
/// answer's XML, or "error" / "no answer".
QString mdsIq(Test::Peer &device, const QString &account, QXmppIq::Type type, const QString &ns, const QString &name,
    const std::function<void(QDomElement &)> &fill)
{
    QDomDocument doc;
    QDomElement pubsub = Xml::element(doc, ns, u"pubsub"_s);
    QDomElement child = Xml::child(pubsub, name);
    child.setAttribute(u"node"_s, u"urn:xmpp:mds:displayed:0"_s);
    fill(child);
    auto answer = std::make_shared<std::optional<QString>>();
    device.client.sendIq(RawIq(type, account, pubsub)).then(&device, [answer](QXmppClient::IqResult &&r) {
        QString xml = u"error"_s;
        if (const auto *e = std::get_if<QDomElement>(&r)) {
            QDomDocument d;
            d.appendChild(d.importNode(*e, true));
            xml = d.toString();
        }
        *answer = xml;
    });
    (void)QTest::qWaitFor([&] { return answer->has_value(); }, 5000);
    return answer->value_or(u"no answer"_s);
}

/// The value of pubsub#access_model in a node configuration form's XML.
QString accessModel(const QString &xml)
{
    QDomDocument doc;
    if (!doc.setContent(xml))
        return {};
    const QDomNodeList fields = doc.elementsByTagName(u"field"_s);
    for (int i = 0; i < fields.size(); ++i) {
        const QDomElement field = fields.at(i).toElement();
        if (field.attribute(u"var"_s) == u"pubsub#access_model"_s)
            return field.firstChildElement(u"value"_s).text();
    }
    return {};
}

} // namespace

/// Issue 18 against a real server (Prosody; ejabberd as tst_edits_ejabberd)
/// with a second client (a bare QXmpp client, as another XMPP client would
/// be): corrections (XEP-0308), retractions (XEP-0424), replies with their
/// fallback (XEP-0461, XEP-0428) and reactions (XEP-0444), both ways; read
/// positions shared over PEP (XEP-0490).
class TestEdits final : public QObject
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
        QVERIFY2(m_server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s }, { u"alice:bob"_s }),
            qPrintable(m_server.errorString()));
    }

    void theirCorrectionAndRetraction()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        auto bob = peer(u"bob"_s);
        QVERIFY(bob->connectAndWait());
        Account alice(m_dir.filePath(u"in/history.db"_s), settings(u"alice"_s));
        QVERIFY(alice.opened);
        QVERIFY(alice.signIn());

        bob->client.sendPacket(chat(aliceJid, u"meet at 5"_s, u"b1"_s));
        QTRY_COMPARE_WITH_TIMEOUT(alice.history(bobJid).size(), 1, 10000);
        QXmppMessage fix = chat(aliceJid, u"meet at 6"_s, u"b2"_s);
        fix.setReplaceId(u"b1"_s);
        bob->client.sendPacket(fix);
        QTRY_COMPARE_WITH_TIMEOUT(find(alice.history(bobJid), u"b1"_s).body, u"meet at 6"_s, 10000);
        Message m = find(alice.history(bobJid), u"b1"_s);
        QVERIFY(m.edited);
        QCOMPARE(m.versions, QStringList { u"meet at 5"_s });
        QCOMPARE(alice.history(bobJid).size(), 1);

        // Retraction with the fallback body other clients show.
        QXmppElement retract;
        retract.setTagName(u"retract"_s);
        retract.setAttribute(u"xmlns"_s, u"urn:xmpp:message-retract:1"_s);
        retract.setAttribute(u"id"_s, u"b1"_s);
        QXmppMessage gone = chat(aliceJid, u"This person attempted to retract a previous message"_s, u"b3"_s);
        gone.setExtensions({ retract });
        gone.setFallbackMarkers({ QXmppFallback(u"urn:xmpp:message-retract:1"_s, { { QXmppFallback::Body, {} } }) });
        bob->client.sendPacket(gone);
        QTRY_VERIFY_WITH_TIMEOUT(find(alice.history(bobJid), u"b1"_s).retracted, 10000);
        m = find(alice.history(bobJid), u"b1"_s);
        QVERIFY(m.body.isEmpty());
        QVERIFY(m.versions.isEmpty());
        QCOMPARE(alice.history(bobJid).size(), 1);
        alice.session.disconnectFromServer();
    }

    void ourCorrectionRetractionReplyAndReactions()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        auto bob = peer(u"bob"_s);
        QList<QXmppMessage> all;
        QObject::connect(&bob->client, &QXmppClient::messageReceived, bob.get(),
            [&all](const QXmppMessage &m) { all.append(m); });
        QVERIFY(bob->connectAndWait());
        Account alice(m_dir.filePath(u"out/history.db"_s), settings(u"alice"_s));
        QVERIFY(alice.opened);
        QVERIFY(alice.signIn());
        QTRY_VERIFY_WITH_TIMEOUT(!alice.messenger.isCatchingUp(), 10000);

        const QString id = alice.messenger.sendMessage(bobJid, u"helo"_s);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(all.cbegin(), all.cend(), [&](const QXmppMessage &m) {
            return m.id() == id;
        }), 10000);
        alice.messenger.correct(bobJid, id, u"hello"_s);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(all.cbegin(), all.cend(), [&](const QXmppMessage &m) {
            return m.replaceId() == id && m.body() == u"hello"_s;
        }), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(find(alice.history(bobJid), id).body, u"hello"_s, 5000);

        // Bob writes; Alice answers it: the reply element and a quote marked as fallback.
        bob->client.sendPacket(chat(aliceJid, u"how are you?\nlong time"_s, u"b10"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!find(alice.history(bobJid), u"b10"_s).body.isEmpty(), 10000);
        const QString replyId = alice.messenger.sendReply(bobJid, u"fine!"_s, find(alice.history(bobJid), u"b10"_s));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(all.cbegin(), all.cend(), [&](const QXmppMessage &m) {
            return m.id() == replyId;
        }), 10000);
        const QXmppMessage reply = *std::find_if(all.cbegin(), all.cend(), [&](const QXmppMessage &m) {
            return m.id() == replyId;
        });
        QVERIFY(reply.reply());
        QCOMPARE(reply.reply()->id, u"b10"_s);
        QVERIFY2(reply.body().startsWith(u"> bob: how are you?\n"_s), qPrintable(reply.body()));
        QVERIFY(!reply.body().contains(u"long time"_s));
        QCOMPARE(reply.readFallbackRemovedText(QXmppFallback::Body, { u"urn:xmpp:reply:0"_s }), u"fine!"_s);
        QCOMPARE(find(alice.history(bobJid), replyId).replyTo, u"b10"_s);
        QCOMPARE(find(alice.history(bobJid), replyId).body, u"fine!"_s);

        // Bob's reply to Alice: shown without its quote.
        QXmppMessage theirs = chat(aliceJid, u"> alice: hello\ngood to hear"_s, u"b11"_s);
        theirs.setReply(QXmpp::Reply { aliceJid, id });
        theirs.setFallbackMarkers({ QXmppFallback(u"urn:xmpp:reply:0"_s,
            { { QXmppFallback::Body, QXmppFallback::Range { 0, 15 } } }) });
        bob->client.sendPacket(theirs);
        QTRY_COMPARE_WITH_TIMEOUT(find(alice.history(bobJid), u"b11"_s).body, u"good to hear"_s, 10000);
        QCOMPARE(find(alice.history(bobJid), u"b11"_s).replyTo, id);

        // Reactions: Bob's on Alice's message, then taken back; Alice's on Bob's.
        QXmppMessage react = chat(aliceJid, {}, u"b12"_s);
        QXmppMessageReaction r;
        r.setMessageId(id);
        r.setEmojis({ u"👍"_s, u"🎉"_s });
        react.setReaction(r);
        bob->client.sendPacket(react);
        QTRY_COMPARE_WITH_TIMEOUT(find(alice.history(bobJid), id).reactions.size(), 2, 10000);
        r.setEmojis({ u"🎉"_s });
        react.setId(u"b13"_s);
        react.setReaction(r);
        bob->client.sendPacket(react);
        QTRY_COMPARE_WITH_TIMEOUT(find(alice.history(bobJid), id).reactions,
            QList<Reaction>({ Reaction { bobJid, u"🎉"_s, false } }), 10000);
        alice.messenger.react(bobJid, u"b10"_s, { u"❤"_s });
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(all.cbegin(), all.cend(), [&](const QXmppMessage &m) {
            return m.reaction() && m.reaction()->messageId() == u"b10"_s && m.reaction()->emojis() == QVector<QString> { u"❤"_s };
        }), 10000);
        alice.messenger.react(bobJid, u"b10"_s, {});
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(all.cbegin(), all.cend(), [&](const QXmppMessage &m) {
            return m.reaction() && m.reaction()->messageId() == u"b10"_s && m.reaction()->emojis().isEmpty();
        }), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(find(alice.history(bobJid), u"b10"_s).reactions.isEmpty(), 5000);

        // Alice deletes hers for everyone: Bob gets the retraction with its fallback.
        alice.messenger.retract(bobJid, id);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(all.cbegin(), all.cend(), [&](const QXmppMessage &m) {
            const auto ext = m.extensions();
            return std::any_of(ext.cbegin(), ext.cend(), [&](const QXmppElement &e) {
                return e.tagName() == u"retract"_s && e.attribute(u"id"_s) == id;
            }) && !m.body().isEmpty();
        }), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(find(alice.history(bobJid), id).retracted, 5000);
        // Bob cannot correct Alice's message, nor retract it.
        QXmppMessage hijack = chat(aliceJid, u"hijacked"_s, u"b14"_s);
        hijack.setReplaceId(u"b10"_s); // his own id, fine …
        bob->client.sendPacket(hijack);
        QTRY_COMPARE_WITH_TIMEOUT(find(alice.history(bobJid), u"b10"_s).body, u"hijacked"_s, 10000);
        QXmppMessage spoof = chat(aliceJid, u"mine now"_s, u"b15"_s);
        spoof.setReplaceId(replyId); // … but Alice's is not his
        bob->client.sendPacket(spoof);
        QTest::qWait(500);
        QCOMPARE(find(alice.history(bobJid), replyId).body, u"fine!"_s);
        alice.session.disconnectFromServer();
    }

    /// XEP-0490 with two devices of one account: Jabberwock and a bare
    /// QXmpp client as Alice's other device, over the server's PEP.
    void readOnOneDeviceReadOnAll()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        auto bob = peer(u"bob"_s);
        QList<QXmppMessage> markers;
        QObject::connect(&bob->client, &QXmppClient::messageReceived, bob.get(), [&markers](const QXmppMessage &m) {
            if (m.marker() == QXmppMessage::Displayed)
                markers.append(m);
        });
        QVERIFY(bob->connectAndWait());
        auto laptop = peer(u"alice"_s); // Alice's other device
        QVERIFY(laptop->connectAndWait());
        Account alice(m_dir.filePath(u"mds/history.db"_s), settings(u"alice"_s));
        QVERIFY(alice.opened);
        QVERIFY(alice.signIn());
        QTRY_VERIFY_WITH_TIMEOUT(!alice.messenger.isCatchingUp(), 10000);
        alice.requests()->accept(bobJid);
        const int before = int(alice.history(bobJid).size());

        for (const QString &id : { u"m1"_s, u"m2"_s }) {
            QXmppMessage m = chat(aliceJid, u"read me "_s + id, id);
            m.setMarkable(true);
            bob->client.sendPacket(m);
        }
        QTRY_COMPARE_WITH_TIMEOUT(alice.history(bobJid).size(), before + 2, 10000);
        const QString stanzaId = alice.history(bobJid).last().stanzaId;
        QVERIFY(!stanzaId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(alice.store.conversation(bobJid).result()->unread >= 2, 5000);

        // The laptop read them: it publishes, Jabberwock follows.
        QDomDocument doc;
        QDomElement pubsub = Xml::element(doc, u"http://jabber.org/protocol/pubsub"_s, u"pubsub"_s);
        QDomElement publish = Xml::child(pubsub, u"publish"_s);
        publish.setAttribute(u"node"_s, u"urn:xmpp:mds:displayed:0"_s);
        QDomElement item = Xml::child(publish, u"item"_s);
        item.setAttribute(u"id"_s, bobJid);
        QDomElement displayed = Xml::child(item, u"urn:xmpp:mds:displayed:0"_s, u"displayed"_s, {});
        QDomElement sid = Xml::child(displayed, u"urn:xmpp:sid:0"_s, u"stanza-id"_s, {});
        sid.setAttribute(u"id"_s, stanzaId);
        sid.setAttribute(u"by"_s, aliceJid);
        bool published = false;
        laptop->client.sendIq(RawIq(QXmppIq::Set, aliceJid, pubsub)).then(laptop.get(),
            [&published](QXmppClient::IqResult &&r) { published = std::holds_alternative<QDomElement>(r); });
        QTRY_VERIFY_WITH_TIMEOUT(published, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(alice.store.conversation(bobJid).result()->unread, 0, 10000);
        QTest::qWait(500);
        QVERIFY(markers.isEmpty()); // the laptop's business to tell Bob, not ours again

        // Jabberwock reads a new one: the laptop finds it in the node.
        QXmppMessage third = chat(aliceJid, u"and this"_s, u"m3"_s);
        bob->client.sendPacket(third);
        QTRY_COMPARE_WITH_TIMEOUT(alice.history(bobJid).size(), before + 3, 10000);
        const QString thirdId = alice.history(bobJid).last().stanzaId;
        alice.read(bobJid);
        QString seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen = displayedNode(*laptop, aliceJid)).contains(thirdId), 10000);
        QVERIFY2(seen.contains(bobJid), qPrintable(seen));
        alice.session.disconnectFromServer();
    }

    /// XEP-0490: what Jabberwock read while offline reaches the node when
    /// it is back online.
    void readOfflineIsPublishedWhenBack()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        auto bob = peer(u"bob"_s);
        QVERIFY(bob->connectAndWait());
        auto laptop = peer(u"alice"_s);
        QVERIFY(laptop->connectAndWait());
        Account alice(m_dir.filePath(u"mds-offline/history.db"_s), settings(u"alice"_s));
        QVERIFY(alice.opened);
        // The node may still name a message of the test before, which this
        // history does not have: that one never comes, so ours goes out
        // after the grace (shortened here).
        alice.features.findChild<DisplayedSync *>()->setCatchUpGrace(1000);
        QVERIFY(alice.signIn());
        QTRY_VERIFY_WITH_TIMEOUT(!alice.messenger.isCatchingUp(), 10000);
        alice.requests()->accept(bobJid);

        QXmppMessage m = chat(aliceJid, u"read me later"_s, u"m-offline"_s);
        m.setMarkable(true);
        bob->client.sendPacket(m);
        QTRY_VERIFY_WITH_TIMEOUT(!find(alice.history(bobJid), u"m-offline"_s).stanzaId.isEmpty(), 10000);
        const QString stanzaId = find(alice.history(bobJid), u"m-offline"_s).stanzaId;
        alice.session.disconnectFromServer();
        QCOMPARE(alice.session.state(), Session::State::Offline);

        alice.read(bobJid);
        QTRY_COMPARE(alice.store.conversation(bobJid).result()->unread, 0);
        QTest::qWait(300);
        QVERIFY(!displayedNode(*laptop, aliceJid).contains(stanzaId));

        QVERIFY(alice.signIn());
        QString seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen = displayedNode(*laptop, aliceJid)).contains(stanzaId), 10000);
        QVERIFY2(seen.contains(bobJid), qPrintable(seen));
        alice.session.disconnectFromServer();
    }

    /// XEP-0490: the node was made by another client that published without
    /// options (the server's defaults: seen by contacts, few items). The
    /// server refuses Jabberwock's publish with its options; Jabberwock, the
    /// node's owner, configures it to them and publishes: kept, and private.
    void aNodeMadeWithOtherOptionsIsSetRight()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        auto bob = peer(u"bob"_s);
        QVERIFY(bob->connectAndWait());
        auto laptop = peer(u"alice"_s);
        QVERIFY(laptop->connectAndWait());
        const auto send = [&](QXmppIq::Type type, const QString &ns, const QString &name,
                              const std::function<void(QDomElement &)> &fill) {
            return mdsIq(*laptop, aliceJid, type, ns, name, fill);
        };
        const QString owner = u"http://jabber.org/protocol/pubsub#owner"_s;
        send(QXmppIq::Set, owner, u"delete"_s, [](QDomElement &) {}); // whatever the tests before left
        const QString made = send(QXmppIq::Set, u"http://jabber.org/protocol/pubsub"_s, u"publish"_s, [](QDomElement &p) {
            QDomElement item = Xml::child(p, u"item"_s);
            item.setAttribute(u"id"_s, u"someone@localhost"_s);
            QDomElement displayed = Xml::child(item, u"urn:xmpp:mds:displayed:0"_s, u"displayed"_s, {});
            QDomElement sid = Xml::child(displayed, u"urn:xmpp:sid:0"_s, u"stanza-id"_s, {});
            sid.setAttribute(u"id"_s, u"elsewhere"_s);
            sid.setAttribute(u"by"_s, u"alice@localhost"_s);
        });
        QVERIFY2(!made.startsWith(u"error"_s), qPrintable(made));
        QVERIFY2(accessModel(send(QXmppIq::Get, owner, u"configure"_s, [](QDomElement &) {})) != u"whitelist"_s,
            "the server's default is already what Jabberwock asks for: nothing to test");

        Account alice(m_dir.filePath(u"mds-options/history.db"_s), settings(u"alice"_s));
        QVERIFY(alice.opened);
        QVERIFY(alice.signIn());
        QTRY_VERIFY_WITH_TIMEOUT(!alice.messenger.isCatchingUp(), 10000);
        alice.requests()->accept(bobJid);
        QXmppMessage m = chat(aliceJid, u"read me"_s, u"m-options"_s);
        m.setMarkable(true);
        bob->client.sendPacket(m);
        QTRY_VERIFY_WITH_TIMEOUT(!find(alice.history(bobJid), u"m-options"_s).stanzaId.isEmpty(), 10000);
        const QString stanzaId = find(alice.history(bobJid), u"m-options"_s).stanzaId;
        alice.read(bobJid);
        QString seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen = displayedNode(*laptop, aliceJid)).contains(stanzaId), 10000);
        QVERIFY2(seen.contains(u"elsewhere"_s), qPrintable(seen)); // the other item kept
        const QString config = send(QXmppIq::Get, owner, u"configure"_s, [](QDomElement &) {});
        QVERIFY2(accessModel(config) == u"whitelist"_s, qPrintable(config));
        alice.session.disconnectFromServer();
    }

    /// XEP-0490: Jabberwock read offline up to Bob's first message; the
    /// laptop, online meanwhile, got his second and read it. Back online,
    /// Jabberwock does not put its older position over the laptop's.
    void aNewerPositionFromAnotherDeviceIsNotOverwritten()
    {
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString bobJid = m_server.jid(u"bob"_s);
        auto bob = peer(u"bob"_s);
        QVERIFY(bob->connectAndWait());
        auto laptop = peer(u"alice"_s);
        QString laterId; // the stanza-id Alice's server gave Bob's second message
        QObject::connect(&laptop->client, &QXmppClient::messageReceived, laptop.get(),
            [&laterId](const QXmppMessage &m) {
                if (m.id() == u"m-later"_s)
                    laterId = m.stanzaIds().value(0).id;
            });
        QVERIFY(laptop->connectAndWait());
        Account alice(m_dir.filePath(u"mds-newer/history.db"_s), settings(u"alice"_s));
        QVERIFY(alice.opened);
        QVERIFY(alice.signIn());
        QTRY_VERIFY_WITH_TIMEOUT(!alice.messenger.isCatchingUp(), 10000);
        alice.requests()->accept(bobJid);

        QXmppMessage first = chat(aliceJid, u"first"_s, u"m-first"_s);
        first.setMarkable(true);
        bob->client.sendPacket(first);
        QTRY_VERIFY_WITH_TIMEOUT(!find(alice.history(bobJid), u"m-first"_s).stanzaId.isEmpty(), 10000);
        const QString firstId = find(alice.history(bobJid), u"m-first"_s).stanzaId;
        alice.session.disconnectFromServer();
        QCOMPARE(alice.session.state(), Session::State::Offline);
        alice.read(bobJid); // offline: waits
        QTRY_COMPARE(alice.store.conversation(bobJid).result()->unread, 0);
        alice.reads()->tracker()->setShownChat({}); // what comes later is not read here
        QTest::qWait(300);
        QVERIFY(!displayedNode(*laptop, aliceJid).contains(firstId));

        QXmppMessage later = chat(aliceJid, u"later"_s, u"m-later"_s);
        later.setMarkable(true);
        bob->client.sendPacket(later);
        QTRY_VERIFY_WITH_TIMEOUT(!laterId.isEmpty(), 10000);
        // A node of the laptop's making, with XEP-0490's options (whatever the tests before left).
        mdsIq(*laptop, aliceJid, QXmppIq::Set, u"http://jabber.org/protocol/pubsub#owner"_s, u"delete"_s,
            [](QDomElement &) {});
        QDomDocument doc;
        QDomElement pubsub = Xml::element(doc, u"http://jabber.org/protocol/pubsub"_s, u"pubsub"_s);
        QDomElement publish = Xml::child(pubsub, u"publish"_s);
        publish.setAttribute(u"node"_s, u"urn:xmpp:mds:displayed:0"_s);
        QDomElement item = Xml::child(publish, u"item"_s);
        item.setAttribute(u"id"_s, bobJid);
        QDomElement displayed = Xml::child(item, u"urn:xmpp:mds:displayed:0"_s, u"displayed"_s, {});
        QDomElement sid = Xml::child(displayed, u"urn:xmpp:sid:0"_s, u"stanza-id"_s, {});
        sid.setAttribute(u"id"_s, laterId);
        sid.setAttribute(u"by"_s, aliceJid);
        // As XEP-0490 asks of every device: the server keeps the node only
        // with these (it refuses a publish whose options differ from the node's).
        QDomElement options = Xml::child(pubsub, u"publish-options"_s);
        QDomElement form = Xml::child(options, u"jabber:x:data"_s, u"x"_s, {});
        form.setAttribute(u"type"_s, u"submit"_s);
        const QList<std::pair<QString, QString>> fields {
            { u"FORM_TYPE"_s, u"http://jabber.org/protocol/pubsub#publish-options"_s },
            { u"pubsub#persist_items"_s, u"true"_s }, { u"pubsub#max_items"_s, u"max"_s },
            { u"pubsub#send_last_published_item"_s, u"never"_s }, { u"pubsub#access_model"_s, u"whitelist"_s } };
        for (const auto &[var, value] : fields) {
            QDomElement field = Xml::child(form, u"field"_s);
            field.setAttribute(u"var"_s, var);
            Xml::child(field, u"value"_s, value);
        }
        bool published = false;
        laptop->client.sendIq(RawIq(QXmppIq::Set, aliceJid, pubsub)).then(laptop.get(),
            [&published](QXmppClient::IqResult &&r) { published = std::holds_alternative<QDomElement>(r); });
        QTRY_VERIFY_WITH_TIMEOUT(published, 10000);

        QVERIFY(alice.signIn());
        // Caught up, Bob's second message is here, and the position that
        // waited has been dealt with; the node still names the laptop's.
        QTRY_VERIFY_WITH_TIMEOUT(!find(alice.history(bobJid), u"m-later"_s).body.isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!alice.messenger.isCatchingUp(), 10000);
        QTest::qWait(1000);
        const QString seen = displayedNode(*laptop, aliceJid);
        QVERIFY2(seen.contains(laterId), qPrintable(seen));
        QVERIFY2(!seen.contains(firstId), qPrintable(seen));
        alice.session.disconnectFromServer();
    }
};

QTEST_GUILESS_MAIN(TestEdits)
#include "tst_edits.moc"
