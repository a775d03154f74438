#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QXmppRegistrationManager;

namespace Jw {

class Transport;

/// XEP-0077: changes the account's password on the server.
class PasswordChange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordChange)

public:
    explicit PasswordChange(Transport *transport, QObject *parent = nullptr);

    /// Online only. The outcome arrives as passwordChanged or passwordChangeFailed.
    void changePassword(const QString &newPassword);

Q_SIGNALS:
    /// The server took `password`: later sign-ins use it (Session::setPassword).
    void passwordChanged(const QString &password);
    /// The server refused to change the password, or we were not online: why, as a sentence.
    void passwordChangeFailed(const QString &reason);

private:
    Transport *const m_transport;
    QPointer<QXmppRegistrationManager> m_registration; ///< made on the first change, on that client
};

} // namespace Jw
