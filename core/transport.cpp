#include "transport.h"

#include "address.h"

#include <QXmppClient.h>
#include <QXmppMessage.h>

namespace Jw {

static_assert(std::is_same_v<Transport::IqResult, QXmppClient::IqResult>);

QXmppTask<Transport::IqResult> Transport::sendIq(QXmppIq &&iq)
{
    return client()->sendIq(std::move(iq));
}

Peer peerOf(const QXmppMessage &message, const QString &ownBareJid)
{
    const QString from = bareOf(message.from());
    // From our own account: a XEP-0280 carbon of what another of our devices sent.
    const bool fromOwnDevice = from.isEmpty() || from == ownBareJid;
    const QString peer = fromOwnDevice ? bareOf(message.to()) : from;
    if (peer.isEmpty() || peer == ownBareJid)
        return {};
    return { peer, fromOwnDevice };
}

Peer oneToOnePeer(const QXmppMessage &message, const QString &ownBareJid)
{
    if (message.type() != QXmppMessage::Chat && message.type() != QXmppMessage::Normal)
        return {};
    return peerOf(message, ownBareJid);
}

} // namespace Jw
