#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QXmppBlockingManager;

namespace Jw {

class Transport;

/// XEP-0191: the server refuses what blocked addresses send us. Reads the
/// blocklist after each sign-in and follows changes made here or on
/// another of the person's devices.
class Blocking final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Blocking)

public:
    explicit Blocking(Transport *transport, QObject *parent = nullptr);

    /// Blocks `bareJid` (or lets it through again). The outcome arrives as
    /// blockedChanged or blockingFailed.
    void setBlocked(const QString &bareJid, bool blocked);

Q_SIGNALS:
    /// The server's blocklist, whole: after each sign-in.
    void blocklistReceived(const QStringList &bareJids);
    /// Addresses blocked or unblocked (by us, here or on another device).
    void blockedChanged(const QStringList &bareJids, bool blocked);
    /// Blocking or unblocking did not happen: why, as a sentence.
    void blockingFailed(const QString &bareJid, const QString &reason);

private:
    void attach();
    void fetchBlocklist();

    Transport *const m_transport;
    QPointer<QXmppBlockingManager> m_blocking; ///< on the current client
};

} // namespace Jw
