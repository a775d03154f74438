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
    /// `chat` displayed our message `messageId` (and every one before it).
    /// Whether the id is one we sent to that chat is for the receiver to check.
    void displayed(const QString &chat, const QString &messageId);
    /// Another of our devices told `chat` it displayed their message
    /// `messageId` (seen as a carbon): read there, read here.
    void displayedElsewhere(const QString &chat, const QString &messageId);
    void onlineChanged(bool online);

private:
    void onMessage(const QXmppMessage &message);

    Transport *const m_transport;
};

} // namespace Jw
