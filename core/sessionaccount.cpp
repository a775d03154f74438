// Session, continued: what the server keeps for the account and the person
// decides about: the roster and what is known of each contact's presence,
// presence subscriptions (asked and answered by the person, never
// automatically), the blocklist (XEP-0191) and the password (XEP-0077).

#include "session.h"

#include "address.h"

#include <QXmppBlockingManager.h>
#include <QXmppClient.h>
#include <QXmppPresence.h>
#include <QXmppRegistrationManager.h>
#include <QXmppRosterManager.h>
#include <QXmppTask.h>

namespace Jw {
namespace {

Subscription toSubscription(QXmppRosterIq::Item::SubscriptionType type)
{
    switch (type) {
    case QXmppRosterIq::Item::From:
        return Subscription::From;
    case QXmppRosterIq::Item::To:
        return Subscription::To;
    case QXmppRosterIq::Item::Both:
        return Subscription::Both;
    default:
        return Subscription::None;
    }
}

PresenceStatus toStatus(const QXmppPresence &presence)
{
    if (presence.type() != QXmppPresence::Available)
        return PresenceStatus::Offline;
    switch (presence.availableStatusType()) {
    case QXmppPresence::Away:
    case QXmppPresence::XA:
        return PresenceStatus::Away;
    case QXmppPresence::DND:
        return PresenceStatus::DoNotDisturb;
    default:
        return PresenceStatus::Available;
    }
}

/// Results of our own requests (the roster, the blocklist) reach QXmpp
/// before StanzaCheck sees them: their addresses are checked here.
QStringList validAddresses(const QStringList &jids)
{
    QStringList valid;
    valid.reserve(jids.size());
    for (const QString &jid : jids) {
        if (parseAddress(jid).ok())
            valid.append(jid);
        else
            qWarning("ignored an unusable address from the server: \"%s\"", qPrintable(jid.left(80)));
    }
    return valid;
}

} // namespace

void Session::addContact(const QString &bareJid, const QString &name)
{
    m_roster->addItem(bareJid, name);
    m_roster->subscribeTo(bareJid);
}

void Session::wireRoster()
{
    connect(m_roster, &QXmppRosterManager::rosterReceived, this, [this] {
        m_presences.clear(); // read again from QXmpp when asked
        Q_EMIT rosterReset();
    });
    const auto changed = [this](const QString &bareJid) { contactDirty(bareJid); };
    connect(m_roster, &QXmppRosterManager::itemAdded, this, changed);
    connect(m_roster, &QXmppRosterManager::itemChanged, this, changed);
    connect(m_roster, &QXmppRosterManager::itemRemoved, this, changed);
    connect(m_roster, &QXmppRosterManager::presenceChanged, this,
        [this](const QString &bareJid, const QString &resource) {
            // One resource at a time: O(1), whatever the number of resources.
            if (m_presences.knows(bareJid)) {
                const QXmppPresence p = m_roster->getPresence(bareJid, resource);
                m_presences.set(bareJid, resource, toStatus(p), p.statusText());
            }
            contactDirty(bareJid);
        });
    // QXmpp may forget presences with the stream: the book is only a cache of what it holds.
    connect(m_client.get(), &QXmppClient::disconnected, this, [this] { m_presences.clear(); });
}

void Session::contactDirty(const QString &bareJid)
{
    m_dirtyContacts.insert(bareJid);
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    QMetaObject::invokeMethod(this, &Session::flushContacts, Qt::QueuedConnection);
}

void Session::flushContacts()
{
    m_flushQueued = false;
    const QSet<QString> dirty = std::exchange(m_dirtyContacts, {});
    QList<Contact> changed;
    changed.reserve(dirty.size());
    for (const QString &jid : dirty)
        changed.append(contact(jid));
    Q_EMIT contactsChanged(changed);
    for (const Contact &c : std::as_const(changed))
        Q_EMIT contactChanged(c);
}

Contact Session::contact(const QString &bareJid) const
{
    Contact c;
    c.jid = bareJid;
    const auto item = m_roster->getRosterEntry(bareJid);
    c.name = item.name();
    c.inRoster = !item.bareJid().isEmpty();
    c.subscription = toSubscription(item.subscriptionType());
    c.askPending = item.subscriptionStatus() == u"subscribe";
    if (!m_presences.knows(bareJid)) {
        // Once per contact and connection; later presences update the book one by one.
        const auto presences = m_roster->getAllPresencesForBareJid(bareJid);
        for (auto it = presences.cbegin(); it != presences.cend(); ++it)
            m_presences.set(bareJid, it.key(), toStatus(*it), it->statusText());
    }
    const PresenceBook::Best best = m_presences.best(bareJid);
    c.presence = best.status;
    c.statusText = best.statusText;
    return c;
}

QList<Contact> Session::contacts() const
{
    QList<Contact> list;
    const QStringList jids = validAddresses(m_roster->getRosterBareJids());
    for (const QString &jid : jids)
        list.append(contact(jid));
    return list;
}

void Session::askForPresence(const QString &bareJid)
{
    if (m_state != State::Online || bareJid.isEmpty())
        return;
    m_roster->subscribeTo(bareJid);
}

void Session::answerPresenceRequest(const QString &bareJid, bool allow)
{
    if (m_state != State::Online || bareJid.isEmpty())
        return;
    if (allow)
        m_roster->acceptSubscription(bareJid);
    else
        m_roster->refuseSubscription(bareJid);
}

void Session::fetchBlocklist()
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

void Session::setBlocked(const QString &bareJid, bool blocked)
{
    if (m_state != State::Online) {
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

void Session::changePassword(const QString &newPassword)
{
    if (m_state != State::Online) {
        Q_EMIT passwordChangeFailed(tr("The password can be changed only while you are online."));
        return;
    }
    if (!m_registration) {
        m_registration = m_client->addNewExtension<QXmppRegistrationManager>();
        connect(m_registration, &QXmppRegistrationManager::passwordChanged, this, [this](const QString &password) {
            m_settings.password = password; // the next connection signs in with it
            Q_EMIT passwordChanged();
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
