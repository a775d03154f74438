#include "types.h"

#include <algorithm>

namespace Jw {

qint64 Message::sortKey() const
{
    const qint64 sent = sentAt.isValid() ? sentAt.toMSecsSinceEpoch() : 0;
    if (!arrivedOffline || sent % 1000 != 0 || !receivedAt.isValid())
        return sent;
    return std::max(sent, std::min(sent + 999, receivedAt.toMSecsSinceEpoch()));
}

QString stateName(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Queued:
        return QStringLiteral("queued");
    case DeliveryState::Sent:
        return QStringLiteral("sent");
    case DeliveryState::Delivered:
        return QStringLiteral("delivered");
    case DeliveryState::Failed:
        return QStringLiteral("failed");
    case DeliveryState::Received:
        return QStringLiteral("received");
    }
    return {};
}

QString directionName(Direction direction)
{
    return direction == Direction::Incoming ? QStringLiteral("in") : QStringLiteral("out");
}

QString kindName(ChatKind kind)
{
    return kind == ChatKind::GroupChat ? QStringLiteral("groupchat") : QStringLiteral("chat");
}

ChatKind kindFromName(const QString &name)
{
    return name == u"groupchat" ? ChatKind::GroupChat : ChatKind::Chat;
}

} // namespace Jw
