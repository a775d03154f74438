#include "types.h"

namespace Jw {

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

} // namespace Jw
