// XEP-0077: changing the account's password.

#include "passwordchange.h"

#include "transport.h"

#include <QXmppClient.h>
#include <QXmppRegistrationManager.h>

namespace Jw {

PasswordChange::PasswordChange(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
}

void PasswordChange::changePassword(const QString &newPassword)
{
    if (!m_transport->isOnline()) {
        Q_EMIT passwordChangeFailed(tr("The password can be changed only while you are online."));
        return;
    }
    if (!m_registration) {
        // On this client; a later one (after a reconnection) gets its own.
        m_registration = m_transport->client()->addNewExtension<QXmppRegistrationManager>();
        connect(m_registration, &QXmppRegistrationManager::passwordChanged, this, [this](const QString &password) {
            Q_EMIT passwordChanged(password);
        });
        connect(m_registration, &QXmppRegistrationManager::passwordChangeFailed, this,
            [this](const QXmppStanza::Error &error) {
                QString reason;
                switch (error.condition()) {
                case QXmppStanza::Error::NotAuthorized:
                case QXmppStanza::Error::Forbidden:
                case QXmppStanza::Error::NotAllowed:
                    reason = tr("The server does not let this account change its password.");
                    break;
                case QXmppStanza::Error::NotAcceptable:
                case QXmppStanza::Error::BadRequest:
                    reason = tr("The server did not accept the new password. It may be too short or too simple.");
                    break;
                case QXmppStanza::Error::FeatureNotImplemented:
                case QXmppStanza::Error::ServiceUnavailable:
                    reason = tr("The server does not support changing the password from an app. Your provider’s "
                                "website may offer a way.");
                    break;
                default:
                    reason = tr("The server did not change the password.");
                }
                if (!error.text().isEmpty())
                    reason += u' ' + tr("It said: “%1”").arg(error.text());
                Q_EMIT passwordChangeFailed(reason);
            });
    }
    m_registration->changePassword(newPassword);
}

} // namespace Jw
