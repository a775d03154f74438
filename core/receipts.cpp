#include "receipts.h"

#include "transport.h"

#include <QXmppMessage.h>

namespace Jw {

Receipts::Receipts(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    connect(m_transport, &Transport::messageReceived, this, &Receipts::onMessage);
}

void Receipts::onMessage(const QXmppMessage &message)
{
    const Peer peer = oneToOnePeer(message, m_transport->accountJid());
    if (peer.chat.isEmpty() || peer.fromOwnDevice)
        return;
    if (!message.receiptId().isEmpty())
        Q_EMIT received(message.from().isEmpty() ? peer.chat : message.from(), message.receiptId());
    if (message.isReceiptRequested() && !message.body().isEmpty()) {
        const QString id = message.originId().isEmpty() ? message.id() : message.originId();
        if (!id.isEmpty())
            m_owed.insert(id, message.from());
    }
}

void Receipts::confirm(const QString &messageId)
{
    // Sent once the message is stored, to the device that asked.
    const QString to = m_owed.take(messageId);
    if (to.isEmpty() || !m_transport->isOnline())
        return;
    QXmppMessage receipt(QString(), to);
    receipt.setType(QXmppMessage::Chat);
    receipt.setReceiptId(messageId);
    receipt.addHint(QXmppMessage::Store);
    m_transport->send(std::move(receipt));
}

} // namespace Jw
