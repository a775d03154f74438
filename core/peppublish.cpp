#include "peppublish.h"

#include "rawiq.h"

#include <QDomDocument>
#include <QObject>
#include <QXmppPromise.h>
#include <QXmppStanza.h>

#include <memory>

namespace Jw::Pep {
namespace {

const QString NsPubSub = QStringLiteral("http://jabber.org/protocol/pubsub");
const QString NsPubSubOwner = QStringLiteral("http://jabber.org/protocol/pubsub#owner");
const QString NsData = QStringLiteral("jabber:x:data");

void addForm(QDomElement &parent, const QString &formType, const Options &options)
{
    QDomElement form = Xml::child(parent, NsData, QStringLiteral("x"), {});
    form.setAttribute(QStringLiteral("type"), QStringLiteral("submit"));
    QDomElement type = Xml::child(form, QStringLiteral("field"));
    type.setAttribute(QStringLiteral("var"), QStringLiteral("FORM_TYPE"));
    type.setAttribute(QStringLiteral("type"), QStringLiteral("hidden"));
    Xml::child(type, QStringLiteral("value"), formType);
    for (const auto &[var, value] : options) {
        QDomElement field = Xml::child(form, QStringLiteral("field"));
        field.setAttribute(QStringLiteral("var"), var);
        Xml::child(field, QStringLiteral("value"), value);
    }
}

RawIq publishIq(const QString &account, const QString &node, const QDomElement &item, const Options &options)
{
    QDomDocument doc;
    QDomElement pubsub = Xml::element(doc, NsPubSub, QStringLiteral("pubsub"));
    QDomElement publish = Xml::child(pubsub, QStringLiteral("publish"));
    publish.setAttribute(QStringLiteral("node"), node);
    publish.appendChild(doc.importNode(item, true));
    QDomElement publishOptions = Xml::child(pubsub, QStringLiteral("publish-options"));
    addForm(publishOptions, QStringLiteral("http://jabber.org/protocol/pubsub#publish-options"), options);
    return RawIq(QXmppIq::Set, account, pubsub);
}

RawIq configureIq(const QString &account, const QString &node, const Options &options)
{
    QDomDocument doc;
    QDomElement pubsub = Xml::element(doc, NsPubSubOwner, QStringLiteral("pubsub"));
    QDomElement configure = Xml::child(pubsub, QStringLiteral("configure"));
    configure.setAttribute(QStringLiteral("node"), node);
    addForm(configure, QStringLiteral("http://jabber.org/protocol/pubsub#node_config"), options);
    return RawIq(QXmppIq::Set, account, pubsub);
}

/// XEP-0060 §7.1.5: <conflict/> with pubsub#errors' <precondition-not-met/>.
/// QXmpp 1.10 keeps only the stanza condition; for a publish with options,
/// a conflict is this one.
bool optionsRefused(const Transport::IqResult &result)
{
    const auto *error = std::get_if<QXmppError>(&result);
    if (!error)
        return false;
    const auto stanzaError = error->value<QXmppStanza::Error>();
    return stanzaError && stanzaError->condition() == QXmppStanza::Error::Conflict;
}

} // namespace

Options privateStorage()
{
    return {
        { QStringLiteral("pubsub#persist_items"), QStringLiteral("true") },
        { QStringLiteral("pubsub#max_items"), QStringLiteral("max") },
        { QStringLiteral("pubsub#send_last_published_item"), QStringLiteral("never") },
        { QStringLiteral("pubsub#access_model"), QStringLiteral("whitelist") },
    };
}

QXmppTask<Transport::IqResult> publish(
    Transport *transport, QObject *context, const QString &node, const QDomElement &item, const Options &options)
{
    // Shared: the continuations are copied by QXmppTask, a promise is not.
    auto promise = std::make_shared<QXmppPromise<Transport::IqResult>>();
    QXmppTask<Transport::IqResult> task = promise->task();
    const QString account = transport->accountJid();
    // The item is copied into a document of its own: the caller's may be gone
    // by the time it is sent again.
    auto kept = std::make_shared<QDomDocument>();
    kept->appendChild(kept->importNode(item, true));
    transport->sendIq(publishIq(account, node, kept->documentElement(), options))
        .then(context, [transport, context, promise, account, node, kept, options](Transport::IqResult &&first) {
            if (!optionsRefused(first)) {
                promise->finish(std::move(first));
                return;
            }
            qInfo("pep: %s exists with other options; configuring it to ours", qPrintable(node));
            transport->sendIq(configureIq(account, node, options))
                .then(context, [transport, context, promise, account, node, kept, options](
                                   Transport::IqResult &&configured) {
                    if (std::holds_alternative<QXmppError>(configured)) {
                        qInfo("pep: %s could not be configured", qPrintable(node));
                        promise->finish(std::move(configured));
                        return;
                    }
                    transport->sendIq(publishIq(account, node, kept->documentElement(), options))
                        .then(context, [promise](Transport::IqResult &&second) { promise->finish(std::move(second)); });
                });
        });
    return task;
}

} // namespace Jw::Pep
