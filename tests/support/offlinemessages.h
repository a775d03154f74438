#pragma once

// For tests over a real history and a connection that is never online
// (ProfileFixture): what the server would hand over is given to the
// messenger as the connection would.

#include "messenger.h"
#include "profilefixture.h"
#include "readpositions.h"
#include "types.h"

#include <QDateTime>
#include <QTest>

namespace Jw::Test {

/// A chat message from `chat` (their phone) to us, as the connection hands it over.
inline Message incoming(const QString &chat, const QString &id, const QString &body,
    const QDateTime &sentAt = QDateTime::currentDateTimeUtc())
{
    Message m;
    m.chat = chat;
    m.messageId = id;
    m.direction = Direction::Incoming;
    m.from = chat + QStringLiteral("/phone");
    m.to = QStringLiteral("me@example.org/jabberwock");
    m.body = body;
    m.sentAt = sentAt;
    m.receivedAt = sentAt;
    m.state = DeliveryState::Received;
    return m;
}

/// Lets `message` arrive in `profile` and waits until it is stored and its
/// conversation's new state announced (ReadPositions::conversationChanged,
/// what lists follow).
inline bool receive(ProfileFixture &profile, const Message &message)
{
    bool done = false;
    ReadPositions *reads = profile.reads();
    const auto watch
        = QObject::connect(reads, &ReadPositions::conversationChanged, reads, [&](const Conversation &c) {
              done = done || (c.chat == message.chat && c.lastBody == message.body);
          });
    profile.messenger()->receive(message);
    const bool ok = QTest::qWaitFor([&] { return done; });
    QObject::disconnect(watch);
    QTest::qWait(1); // the models apply what changed once per event-loop turn
    return ok;
}

} // namespace Jw::Test
