#pragma once

#include "presencebook.h"
#include "types.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class QXmppRosterManager;

namespace Jw {

class Transport;

/// The account's contacts (RFC 6121): the roster, what is known of each
/// contact's presence, and presence subscriptions, asked and answered by the
/// person, never automatically. Built on QXmpp's roster manager.
class Roster final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Roster)

public:
    explicit Roster(Transport *transport, QObject *parent = nullptr);

    /// Whether the account is online: what the person asks of the server can be done now.
    bool isOnline() const;
    /// Whether the server's roster has arrived in this session (rosterReset).
    /// Until then nothing is known of subscriptions: "not shared" would be a guess.
    bool hasArrived() const;
    QList<Contact> contacts() const;
    Contact contact(const QString &bareJid) const;
    /// Whether `bareJid` is a contact: in the roster with a subscription
    /// either way (what strangers may not learn, they may: InfoGate).
    bool isContact(const QString &bareJid) const;
    /// The name to show for a chat: the roster name, or the address.
    /// The contact's name, else the address; for a private chat through a
    /// room (occupantOf), "nick (private, through room)".
    QString displayName(const QString &chat) const;

    void addContact(const QString &bareJid, const QString &name);
    /// Asks `bareJid` to share their status with us (a subscription request).
    void askForPresence(const QString &bareJid);
    /// Answers `bareJid`'s request to see our status.
    void answerPresenceRequest(const QString &bareJid, bool allow);

Q_SIGNALS:
    /// The whole roster arrived (after each sign-in).
    void rosterReset();
    /// Roster items and presences that changed, at most once per contact
    /// and event-loop turn (a flood of presences is one signal per turn);
    /// contactChanged follows for each, for whoever shows one contact.
    void contactsChanged(const QList<Jw::Contact> &contacts);
    void contactChanged(const Jw::Contact &contact);
    /// Someone asked to see our status (RFC 6121 subscription request).
    /// The server repeats unanswered requests at every sign-in.
    void presenceRequested(const QString &bareJid);

private:
    void attach();
    void contactDirty(const QString &bareJid);
    void flushContacts();

    Transport *const m_transport;
    QPointer<QXmppRosterManager> m_roster; ///< the current client's
    mutable PresenceBook m_presences; ///< each contact's best presence (issue 12)
    QSet<QString> m_dirtyContacts; ///< to announce at the end of this event-loop turn
    bool m_flushQueued = false;
};

} // namespace Jw
