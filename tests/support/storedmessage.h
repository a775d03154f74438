#pragma once
// A message as the history keeps it, for tests that fill a profile's history
// directly (export, search): Alice's account talking with `chat`.

#include "types.h"

#include <QDateTime>
#include <QTimeZone>

namespace Jw::Test {

/// `ms`: when it was sent (milliseconds since the epoch, UTC); it arrived a
/// quarter of a second later.
inline Message storedMessage(const QString &chat, Direction direction, const QString &id, const QString &body,
    qint64 ms, const QString &ownAddress = QStringLiteral("alice@example.org/jabberwock"))
{
    Message m;
    m.chat = chat;
    m.direction = direction;
    m.messageId = id;
    m.from = direction == Direction::Incoming ? chat + QStringLiteral("/phone") : ownAddress;
    m.to = direction == Direction::Incoming ? ownAddress : chat;
    m.body = body;
    m.sentAt = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
    m.receivedAt = m.sentAt.addMSecs(250);
    m.state = direction == Direction::Incoming ? DeliveryState::Received : DeliveryState::Sent;
    return m;
}

} // namespace Jw::Test
