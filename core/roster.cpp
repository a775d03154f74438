// The roster and presence subscriptions (RFC 6121).

#include "roster.h"

#include "address.h"
#include "transport.h"

#include <QCoreApplication>
#include <QXmppClient.h>
#include <QXmppPresence.h>
#include <QXmppRosterManager.h>

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

} // namespace

Roster::Roster(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    qRegisterMetaType<Jw::Contact>();
    attach();
    connect(m_transport, &Transport::clientReplaced, this, &Roster::attach);
    // QXmpp may forget presences with the stream: the book is only a cache of what it holds.
    connect(m_transport, &Transport::onlineChanged, this, [this](bool online) {
        if (!online)
            m_presences.clear();
    });
}

bool Roster::hasArrived() const
{
    return m_roster && m_roster->isRosterReceived();
}

void Roster::attach()
{
    m_presences.clear();
    m_roster = m_transport->client()->findExtension<QXmppRosterManager>();
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
    connect(m_roster, &QXmppRosterManager::subscriptionRequestReceived, this,
        [this](const QString &bareJid, const QXmppPresence &) {
            if (!bareJid.isEmpty() && bareJid != m_transport->accountJid())
                Q_EMIT presenceRequested(bareJid);
        });
}

void Roster::addContact(const QString &bareJid, const QString &name)
{
    m_roster->addItem(bareJid, name);
    m_roster->subscribeTo(bareJid);
}

bool Roster::isOnline() const
{
    return m_transport->isOnline();
}

bool Roster::isContact(const QString &bareJid) const
{
    const auto item = m_roster->getRosterEntry(bareJid);
    return !item.bareJid().isEmpty() && item.subscriptionType() != QXmppRosterIq::Item::None
        && item.subscriptionType() != QXmppRosterIq::Item::Remove;
}

void Roster::contactDirty(const QString &bareJid)
{
    m_dirtyContacts.insert(bareJid);
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    QMetaObject::invokeMethod(this, &Roster::flushContacts, Qt::QueuedConnection);
}

void Roster::flushContacts()
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

QString Roster::displayName(const QString &chat) const
{
    if (const auto occupant = occupantOf(chat)) {
        const QString room = occupant->room.section(u'@', 0, 0);
        return tr("%1 (private, through %2)").arg(occupant->nick, room.isEmpty() ? occupant->room : room);
    }
    return contact(chat).displayName();
}

Contact Roster::contact(const QString &bareJid) const
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

QList<Contact> Roster::contacts() const
{
    QList<Contact> list;
    const QStringList jids = validAddresses(m_roster->getRosterBareJids());
    for (const QString &jid : jids)
        list.append(contact(jid));
    return list;
}

void Roster::askForPresence(const QString &bareJid)
{
    if (!m_transport->isOnline() || bareJid.isEmpty())
        return;
    m_roster->subscribeTo(bareJid);
}

void Roster::answerPresenceRequest(const QString &bareJid, bool allow)
{
    if (!m_transport->isOnline() || bareJid.isEmpty())
        return;
    if (allow)
        m_roster->acceptSubscription(bareJid);
    else
        m_roster->refuseSubscription(bareJid);
}

} // namespace Jw
