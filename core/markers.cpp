#include "markers.h"

#include "transport.h"

#include <QXmppMessage.h>

namespace Jw {

Markers::Markers(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    connect(m_transport, &Transport::messageReceived, this, &Markers::onMessage);
    connect(m_transport, &Transport::onlineChanged, this, &Markers::onlineChanged);
}

bool Markers::isOnline() const
{
    return m_transport->isOnline();
}

void Markers::onMessage(const QXmppMessage &message)
{
    const Peer peer = oneToOnePeer(message, m_transport->accountJid());
    if (peer.chat.isEmpty() || message.marker() != QXmppMessage::Displayed || message.markedId().isEmpty())
        return;
    if (peer.fromOwnDevice)
        Q_EMIT displayedElsewhere(peer.chat, message.markedId());
    else
        Q_EMIT displayed(message.from().isEmpty() ? peer.chat : message.from(), message.markedId());
}

bool Markers::sendDisplayed(const QString &to, const QString &messageId)
{
    if (!m_transport->isOnline() || messageId.isEmpty())
        return false;
    QXmppMessage message(QString(), to);
    message.setType(QXmppMessage::Chat);
    message.setMarker(QXmppMessage::Displayed);
    message.setMarkerId(messageId);
    m_transport->send(std::move(message));
    return true;
}

} // namespace Jw
