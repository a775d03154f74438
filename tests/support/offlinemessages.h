#pragma once

// For tests over a real history and a connection that never goes online: what
// the server would hand over is handed to the account's Messenger.

#include "accountfeatures.h"
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

/// Lets `message` arrive at the account (Messenger::receive, as the
/// connection hands it over) and waits until it is stored and its
/// conversation's new state announced (ReadPositions::conversationChanged,
/// what lists follow).
inline bool receive(AccountFeatures &features, const Message &message)
{
    bool done = false;
    ReadPositions *reads = features.readPositions();
    const auto watch = QObject::connect(reads, &ReadPositions::conversationChanged, reads,
        [&](const Conversation &c) { done = done || (c.chat == message.chat && c.lastBody == message.body); });
    features.messenger()->receive(message);
    const bool ok = QTest::qWaitFor([&] { return done; });
    QObject::disconnect(watch);
    QTest::qWait(1); // the models apply what changed once per event-loop turn
    return ok;
}

/// The same for a ProfileFixture.
inline bool receive(ProfileFixture &profile, const Message &message)
{
    return receive(*profile.features, message);
}

} // namespace Jw::Test
