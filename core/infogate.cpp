#include "infogate.h"

#include "address.h"
#include "xmlns.h"

#include <QXmppClient.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppIq.h>

#include <QDomElement>

namespace Jw {
namespace {

const QString NsVersion = QStringLiteral("jabber:iq:version");
const QString NsTime = QStringLiteral("urn:xmpp:time");

} // namespace

InfoGate::InfoGate(IsContact isContact)
    : m_isContact(std::move(isContact))
{
}

bool InfoGate::mayKnow(const QString &from) const
{
    if (from.isEmpty())
        return true; // our own server, on our account's behalf
    const auto address = parseAddress(from);
    const auto own = parseAddress(m_own);
    if (!address || !own)
        return false;
    if (address->bare() == own->bare())
        return true; // another of our devices
    if (address->local.isEmpty() && address->domain == own->domain)
        return true; // our server (it asks for caps to route PEP notifications)
    return m_isContact && m_isContact(address->bare());
}

bool InfoGate::handleStanza(const QDomElement &stanza)
{
    if (stanza.tagName() != u"iq" || stanza.attribute(QStringLiteral("type")) != u"get")
        return false;
    const QDomElement payload = stanza.firstChildElement();
    const QString ns = payload.namespaceURI();
    if (ns != NsVersion && ns != NsTime && ns != Ns::DiscoInfo)
        return false;
    const QString from = stanza.attribute(QStringLiteral("from"));
    if (mayKnow(from))
        return false; // QXmpp's managers answer
    ++m_strangerRequests;

    if (ns == Ns::DiscoInfo) {
        QXmppDiscoveryIq reply;
        reply.setType(QXmppIq::Result);
        reply.setId(stanza.attribute(QStringLiteral("id")));
        reply.setTo(from);
        reply.setQueryType(QXmppDiscoveryIq::InfoQuery);
        reply.setQueryNode(payload.attribute(QStringLiteral("node")));
        QXmppDiscoveryIq::Identity identity;
        identity.setCategory(QStringLiteral("client"));
        identity.setType(QStringLiteral("pc"));
        reply.setIdentities({ identity });
        reply.setFeatures({ Ns::DiscoInfo });
        client()->sendPacket(reply);
        return true;
    }
    QXmppIq reply(QXmppIq::Error);
    reply.setId(stanza.attribute(QStringLiteral("id")));
    reply.setTo(from);
    reply.setError(QXmppStanza::Error(QXmppStanza::Error::Cancel, QXmppStanza::Error::ServiceUnavailable));
    client()->sendPacket(reply);
    return true;
}

} // namespace Jw
