#pragma once

// What the other person's client receives that could carry a chat state
// (XEP-0085), as "composing", "paused", "active+body", …

#include "peer.h"

#include <QStringList>

namespace Jw::Test {

inline QString chatStateName(QXmppMessage::State state)
{
    switch (state) {
    case QXmppMessage::Active:
        return QStringLiteral("active");
    case QXmppMessage::Inactive:
        return QStringLiteral("inactive");
    case QXmppMessage::Gone:
        return QStringLiteral("gone");
    case QXmppMessage::Composing:
        return QStringLiteral("composing");
    case QXmppMessage::Paused:
        return QStringLiteral("paused");
    case QXmppMessage::None:
        break;
    }
    return QStringLiteral("none");
}

class ChatStateRecorder final : public QObject
{
public:
    explicit ChatStateRecorder(Peer &peer)
    {
        connect(&peer.client, &QXmppClient::messageReceived, this, [this](const QXmppMessage &m) {
            // Receipts and markers are not chat states: only what could carry one counts.
            if (!m.receiptId().isEmpty() || m.marker() != QXmppMessage::NoMarker)
                return;
            if (m.state() == QXmppMessage::None && m.body().isEmpty())
                return;
            said.append(m.body().isEmpty() ? chatStateName(m.state())
                                           : chatStateName(m.state()) + QStringLiteral("+body"));
            if (!m.body().isEmpty())
                messages.append(m);
        });
    }

    QStringList said;
    QList<QXmppMessage> messages;
};

} // namespace Jw::Test
