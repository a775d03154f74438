#pragma once

#include "types.h"

#include <QObject>
#include <QString>

class QXmppMessage;

namespace Jw {

class Transport;

/// 1:1 chat messages on the wire, both ways, and carbons (XEP-0280) of
/// what the person's other devices send and receive. Storing them is
/// Messenger's; this class only speaks the protocol.
class DirectMessages final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DirectMessages)

public:
    explicit DirectMessages(Transport *transport, QObject *parent = nullptr);

    /// Sends a chat message with our id, asking for a receipt (XEP-0184) and
    /// a displayed marker (XEP-0333). The outcome arrives as acknowledged,
    /// notSent or (from the server) failed. False when not online (the
    /// message stays queued). `state`: the XEP-0085 state it carries, if any.
    /// `outOfBandUrl`: a file's link to carry as XEP-0066 out-of-band data.
    bool send(const QString &to, const QString &body, const QString &id, ChatState state = ChatState::None,
        const QString &outOfBandUrl = {});

Q_SIGNALS:
    /// A message with a body, live or a carbon, converted and checked.
    void received(const Jw::Message &message);
    /// The server acknowledged (XEP-0198) or, without stream management, took our message.
    void acknowledged(const QString &chat, const QString &id);
    /// The message did not leave: the connection went away first. It stays queued.
    void notSent(const QString &chat, const QString &id);
    /// An error stanza came back for one of our messages: why, as a sentence.
    void failed(const QString &chat, const QString &id, const QString &reason);

private:
    void onMessage(const QXmppMessage &message);

    Transport *const m_transport;
};

} // namespace Jw
