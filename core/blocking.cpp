// XEP-0191 blocking.

#include "blocking.h"

#include "address.h"
#include "transport.h"

#include <QXmppBlockingManager.h>
#include <QXmppClient.h>
#include <QXmppTask.h>

namespace Jw {

Blocking::Blocking(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    attach();
    connect(m_transport, &Transport::clientReplaced, this, &Blocking::attach);
    connect(m_transport, &Transport::onlineChanged, this, [this](bool online) {
        if (online)
            fetchBlocklist();
    });
}

void Blocking::attach()
{
    m_blocking = m_transport->client()->addNewExtension<QXmppBlockingManager>();
    connect(m_blocking, &QXmppBlockingManager::blocked, this,
        [this](const QVector<QString> &jids) { Q_EMIT blockedChanged(QStringList(jids.cbegin(), jids.cend()), true); });
    connect(m_blocking, &QXmppBlockingManager::unblocked, this, [this](const QVector<QString> &jids) {
        Q_EMIT blockedChanged(QStringList(jids.cbegin(), jids.cend()), false);
    });
}

void Blocking::fetchBlocklist()
{
    m_blocking->fetchBlocklist().then(this, [this](QXmppBlockingManager::BlocklistResult &&result) {
        if (const auto *list = std::get_if<QXmppBlocklist>(&result)) {
            const auto entries = list->entries();
            Q_EMIT blocklistReceived(validAddresses(QStringList(entries.cbegin(), entries.cend())));
        } else {
            // The server may not support XEP-0191; nothing is known to be blocked.
            qWarning("blocklist not available: %s", qPrintable(std::get<QXmppError>(result).description));
        }
    });
}

void Blocking::setBlocked(const QString &bareJid, bool blocked)
{
    if (!m_transport->isOnline()) {
        Q_EMIT blockingFailed(bareJid,
            blocked ? tr("You can block someone only while you are online.")
                    : tr("You can unblock someone only while you are online."));
        return;
    }
    auto task = blocked ? m_blocking->block(bareJid) : m_blocking->unblock(bareJid);
    task.then(this, [this, bareJid, blocked](QXmppBlockingManager::Result &&result) {
        if (const auto *error = std::get_if<QXmppError>(&result)) {
            const QString why = error->description.isEmpty() ? QString() : u' ' + tr("It said: “%1”").arg(error->description);
            Q_EMIT blockingFailed(bareJid,
                (blocked ? tr("The server did not block %1.") : tr("The server did not unblock %1.")).arg(bareJid)
                    + why);
            return;
        }
        // Servers also push the change (XEP-0191); saying it twice is harmless.
        Q_EMIT blockedChanged({ bareJid }, blocked);
    });
}

} // namespace Jw
