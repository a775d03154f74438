#pragma once

#include <QHash>
#include <QObject>
#include <QString>

class QXmppMessage;

namespace Jw {

class Transport;

/// XEP-0184 delivery receipts, both ways: which of our messages the other
/// side confirmed, and our confirmation once their message is stored.
class Receipts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Receipts)

public:
    explicit Receipts(Transport *transport, QObject *parent = nullptr);

    /// Tells the sender of message `messageId` that it is stored here, if
    /// they asked for it. Call once the message is safely stored.
    void confirm(const QString &messageId);

Q_SIGNALS:
    /// `sender` (the full address it came from) confirmed it received our
    /// message `messageId`. Which conversation that is (conversationOf: an
    /// occupant's private chat, or the bare address's) and whether the id is
    /// one we sent there is for the receiver to decide.
    void received(const QString &sender, const QString &messageId);

private:
    void onMessage(const QXmppMessage &message);

    Transport *const m_transport;
    QHash<QString, QString> m_owed; ///< message id -> full address that asked for a receipt
};

} // namespace Jw
