// Publishing to our own PEP nodes with publish-options (core/peppublish.h):
// what goes out, and a node that exists with other options is configured to
// ours and the publish sent once more. Against Prosody: tst_edits
// (aNodeMadeWithOtherOptionsIsSetRight).
#include "faketransport.h"
#include "peppublish.h"
#include "rawiq.h"

#include <QDomDocument>
#include <QTest>
#include <QXmppError.h>
#include <QXmppStanza.h>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

const QString Node = u"urn:example:node"_s;

/// The form's fields (FORM_TYPE among them), by var.
QHash<QString, QString> fields(const QDomElement &form)
{
    QHash<QString, QString> all;
    for (QDomElement f = form.firstChildElement(u"field"_s); !f.isNull(); f = f.nextSiblingElement(u"field"_s))
        all.insert(f.attribute(u"var"_s), f.firstChildElement(u"value"_s).text());
    return all;
}

QHash<QString, QString> expectedFields(const QString &formType)
{
    QHash<QString, QString> all { { u"FORM_TYPE"_s, formType } };
    for (const auto &[var, value] : Pep::privateStorage())
        all.insert(var, value);
    return all;
}

Transport::IqResult stanzaError(QXmppStanza::Error::Condition condition)
{
    return QXmppError { u"refused"_s, QXmppStanza::Error(QXmppStanza::Error::Cancel, condition) };
}

bool isPublish(const QDomElement &iq)
{
    return !iq.firstChildElement(u"pubsub"_s).firstChildElement(u"publish"_s).isNull();
}

bool isConfigure(const QDomElement &iq)
{
    return !iq.firstChildElement(u"pubsub"_s).firstChildElement(u"configure"_s).isNull();
}

} // namespace

class TestPepPublish final : public QObject
{
    Q_OBJECT

private:
    /// Publishes an item with id "one" and waits for the outcome.
    static std::optional<Transport::IqResult> publishOne(Test::FakeTransport &transport)
    {
        QDomDocument doc;
        QDomElement item = Xml::element(doc, u"http://jabber.org/protocol/pubsub"_s, u"item"_s);
        item.setAttribute(u"id"_s, u"one"_s);
        Xml::child(item, u"urn:example:payload"_s, u"thing"_s, u"안녕"_s);
        auto outcome = std::make_shared<std::optional<Transport::IqResult>>();
        QObject context;
        Pep::publish(&transport, &context, Node, item, Pep::privateStorage())
            .then(&context, [outcome](Transport::IqResult &&r) { *outcome = std::move(r); });
        (void)QTest::qWaitFor([&] { return outcome->has_value(); }, 2000);
        return *outcome;
    }

private Q_SLOTS:
    void publishesTheItemWithPrivateStorageOptions()
    {
        Test::FakeTransport transport;
        transport.setOnline(true);
        const auto outcome = publishOne(transport);
        QVERIFY(outcome);
        QVERIFY(std::holds_alternative<QDomElement>(*outcome));
        QCOMPARE(transport.sentIqs().size(), 1);
        const QDomElement iq = transport.sentIqs().first();
        QCOMPARE(iq.attribute(u"type"_s), u"set"_s);
        QCOMPARE(iq.attribute(u"to"_s), transport.accountJid());
        const QDomElement pubsub = iq.firstChildElement(u"pubsub"_s);
        QCOMPARE(pubsub.namespaceURI(), u"http://jabber.org/protocol/pubsub"_s);
        const QDomElement publish = pubsub.firstChildElement(u"publish"_s);
        QCOMPARE(publish.attribute(u"node"_s), Node);
        const QDomElement item = publish.firstChildElement(u"item"_s);
        QCOMPARE(item.attribute(u"id"_s), u"one"_s);
        QCOMPARE(item.firstChildElement(u"thing"_s).namespaceURI(), u"urn:example:payload"_s);
        QCOMPARE(item.firstChildElement(u"thing"_s).text(), u"안녕"_s);
        const QDomElement form = pubsub.firstChildElement(u"publish-options"_s).firstChildElement(u"x"_s);
        QCOMPARE(form.namespaceURI(), u"jabber:x:data"_s);
        QCOMPARE(fields(form), expectedFields(u"http://jabber.org/protocol/pubsub#publish-options"_s));
    }

    /// precondition-not-met (a conflict): the node is configured to our
    /// options as its owner, then the same item is published once more.
    void aNodeWithOtherOptionsIsConfiguredThenPublishedAgain()
    {
        Test::FakeTransport transport;
        transport.setOnline(true);
        int publishes = 0;
        transport.setResponder([&](const QDomElement &iq) -> std::optional<Transport::IqResult> {
            if (isPublish(iq) && ++publishes == 1)
                return stanzaError(QXmppStanza::Error::Conflict);
            return std::nullopt; // a result
        });
        const auto outcome = publishOne(transport);
        QVERIFY(outcome);
        QVERIFY(std::holds_alternative<QDomElement>(*outcome));
        QCOMPARE(transport.sentIqs().size(), 3);
        QVERIFY(isPublish(transport.sentIqs().at(0)));
        const QDomElement configure = transport.sentIqs().at(1).firstChildElement(u"pubsub"_s);
        QCOMPARE(configure.namespaceURI(), u"http://jabber.org/protocol/pubsub#owner"_s);
        QCOMPARE(configure.firstChildElement(u"configure"_s).attribute(u"node"_s), Node);
        QCOMPARE(fields(configure.firstChildElement(u"configure"_s).firstChildElement(u"x"_s)),
            expectedFields(u"http://jabber.org/protocol/pubsub#node_config"_s));
        QVERIFY(isPublish(transport.sentIqs().at(2)));
        QCOMPARE(transport.sentIqs().at(2).firstChildElement(u"pubsub"_s).firstChildElement(u"publish"_s)
                     .firstChildElement(u"item"_s).firstChildElement(u"thing"_s).text(),
            u"안녕"_s);
    }

    /// Configuring refused (not the owner, or the server allows no such
    /// option): that is the outcome, and the item is not sent again.
    void aRefusedConfigurationEndsIt()
    {
        Test::FakeTransport transport;
        transport.setOnline(true);
        transport.setResponder([&](const QDomElement &iq) -> std::optional<Transport::IqResult> {
            if (isPublish(iq))
                return stanzaError(QXmppStanza::Error::Conflict);
            if (isConfigure(iq))
                return stanzaError(QXmppStanza::Error::Forbidden);
            return std::nullopt;
        });
        const auto outcome = publishOne(transport);
        QVERIFY(outcome);
        QVERIFY(std::holds_alternative<QXmppError>(*outcome));
        QCOMPARE(transport.sentIqs().size(), 2);
    }

    /// Another refusal is the outcome as it is: nothing configured, nothing again.
    void otherRefusalsAreNotRetried()
    {
        Test::FakeTransport transport;
        transport.setOnline(true);
        transport.setResponder([&](const QDomElement &) -> std::optional<Transport::IqResult> {
            return stanzaError(QXmppStanza::Error::ServiceUnavailable);
        });
        const auto outcome = publishOne(transport);
        QVERIFY(outcome);
        QVERIFY(std::holds_alternative<QXmppError>(*outcome));
        QCOMPARE(transport.sentIqs().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPepPublish)
#include "tst_peppublish.moc"
