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
    /// What a message may carry besides its text (issue 18).
    struct Extras
    {
        QString replaces; ///< XEP-0308: the id of our message this corrects
        QString replyTo; ///< XEP-0461: the id of the message this answers
        QString replyToJid; ///< … and who wrote it
        QString quotedName; ///< the fallback quote (XEP-0428): the name and
        QString quotedText; ///< … text of what it answers; none if empty
        QString outOfBandUrl; ///< XEP-0066: a file's link, beside the link in the body (issue 16)
    };
    bool send(const QString &to, const QString &body, const QString &id, ChatState state = ChatState::None,
        const Extras &extras = {});
    /// Sends our reactions to the message `targetId` (XEP-0444): all of them.
    bool sendReactions(const QString &to, const QString &targetId, const QStringList &emojis, const QString &id);
    /// Sends a XEP-0424 retraction of our message `targetId` with the id
    /// `id`; its outcome arrives like a message's. False when not online.
    bool sendRetraction(const QString &to, const QString &targetId, const QString &id);

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
    /// Sends `message` (our `id` in `chat`): acknowledged or notSent follows.
    void sendTracked(QXmppMessage &&message, const QString &chat, const QString &id);

    Transport *const m_transport;
};

} // namespace Jw
