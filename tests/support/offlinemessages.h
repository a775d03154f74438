#pragma once

// For tests over a real history and a session that is never connected: what
// the server would hand over comes in through the session's signal.

#include "messenger.h"
#include "session.h"
#include "types.h"

#include <QDateTime>
#include <QTest>

namespace Jw::Test {

/// A chat message from `chat` (their phone) to us, as the session hands it over.
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

/// Lets `message` arrive through `session` and waits until `messenger` has
/// stored it and announced its conversation's new state (what lists follow).
inline bool receive(Session &session, Messenger &messenger, const Message &message)
{
    bool done = false;
    const auto watch = QObject::connect(&messenger, &Messenger::conversationChanged, &messenger,
        [&](const Conversation &c) { done = done || (c.chat == message.chat && c.lastBody == message.body); });
    Q_EMIT session.messageReceived(message);
    const bool ok = QTest::qWaitFor([&] { return done; });
    QObject::disconnect(watch);
    QTest::qWait(1); // the models apply what changed once per event-loop turn
    return ok;
}

} // namespace Jw::Test
