#pragma once

#include <QObject>
#include <QString>

class QXmppMessage;

namespace Jw {

class Transport;

/// XEP-0333 displayed markers on the wire, both ways. What the person has
/// read, and which marker is owed, is ReadPositions' to decide.
class Markers final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Markers)

public:
    explicit Markers(Transport *transport, QObject *parent = nullptr);

    bool isOnline() const;
    /// Tells `to` that we displayed their message `messageId`. False when
    /// not online (the marker stays owed).
    bool sendDisplayed(const QString &to, const QString &messageId);

Q_SIGNALS:
    /// `sender` (the full address it came from) displayed our message
    /// `messageId` (and every one before it). Which conversation that is
    /// (conversationOf) and whether the id is one we sent there is for the
    /// receiver to decide.
    void displayed(const QString &sender, const QString &messageId);
    /// Another of our devices told `chat` it displayed their message
    /// `messageId` (seen as a carbon): read there, read here.
    void displayedElsewhere(const QString &chat, const QString &messageId);
    void onlineChanged(bool online);

private:
    void onMessage(const QXmppMessage &message);

    Transport *const m_transport;
};

} // namespace Jw
