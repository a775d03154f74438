#include "faketransport.h"

#include "stanzas.h"

#include <QDomDocument>
#include <QXmlStreamWriter>
#include <QXmppClient.h>
#include <QXmppIq.h>
#include <QXmppPromise.h>

namespace Jw::Test {

FakeTransport::FakeTransport(const QString &accountJid, QObject *parent)
    : Transport(parent)
    , m_account(accountJid)
    , m_client(std::make_unique<QXmppClient>())
{
}

FakeTransport::~FakeTransport() = default;

void FakeTransport::addFirstInLine(QXmppClientExtension *extension)
{
    m_client->insertExtension(0, extension);
}

QXmppTask<QXmpp::SendResult> FakeTransport::send(QXmppMessage &&message)
{
    m_sent.append(message);
    QXmppPromise<QXmpp::SendResult> promise;
    promise.finish(QXmpp::SendSuccess {});
    return promise.task();
}

namespace {

Transport::IqResult answer(const QString &id, bool result, const QString &payload = {})
{
    if (!result)
        return QXmppError { QStringLiteral("the fake server refused it"), {} };
    QDomDocument doc;
    const QString xml = QStringLiteral("<iq type='result' id='%1' xmlns='jabber:client'>%2</iq>").arg(id, payload);
    if (!doc.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing))
        qFatal("FakeTransport: the result payload is not XML: %s", qPrintable(payload));
    return doc.documentElement();
}

} // namespace

QXmppTask<Transport::IqResult> FakeTransport::sendIq(QXmppIq &&iq)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    iq.toXml(&writer);
    QDomDocument doc;
    doc.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing);
    m_sentIqs.append(doc.documentElement());
    QXmppPromise<IqResult> promise;
    QXmppTask<IqResult> task = promise.task();
    if (m_responder) {
        if (std::optional<IqResult> answered = m_responder(m_sentIqs.last())) {
            promise.finish(std::move(*answered));
            return task;
        }
    }
    const QString payload = m_payload ? m_payload(m_sentIqs.last()) : QString();
    if (m_iqAnswer == IqAnswer::Hold)
        m_heldIqs.push_back({ iq.id(), payload, std::move(promise) });
    else
        promise.finish(answer(iq.id(), m_iqAnswer == IqAnswer::Result, payload));
    return task;
}

void FakeTransport::answerHeldIqs(bool result)
{
    std::vector<HeldIq> held = std::exchange(m_heldIqs, {});
    for (HeldIq &h : held)
        h.promise.finish(answer(h.id, result, h.payload));
}

void FakeTransport::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    Q_EMIT onlineChanged(online);
}

void FakeTransport::receiveChatState(const QString &chat, ChatState state, const QString &body)
{
    QXmppMessage message(chat + QStringLiteral("/phone"), m_account, body);
    message.setType(QXmppMessage::Chat);
    message.setState(QXmppMessage::State(Stanzas::fromChatState(state)));
    receive(message);
}

void FakeTransport::receiveText(const QString &chat, const QString &body, const QString &id)
{
    QXmppMessage message(chat + QStringLiteral("/phone"), m_account, body);
    message.setType(QXmppMessage::Chat);
    message.setId(id);
    receive(message);
}

void FakeTransport::receiveDisplayed(const QString &chat, const QString &messageId)
{
    QXmppMessage message(chat + QStringLiteral("/phone"), m_account);
    message.setType(QXmppMessage::Chat);
    message.setMarker(QXmppMessage::Displayed);
    message.setMarkerId(messageId);
    receive(message);
}

QStringList FakeTransport::displayedMarkersSentTo(const QString &chat) const
{
    QStringList ids;
    for (const QXmppMessage &m : m_sent) {
        if (m.marker() == QXmppMessage::Displayed && m.to().section(u'/', 0, 0) == chat)
            ids.append(m.markedId());
    }
    return ids;
}

} // namespace Jw::Test
