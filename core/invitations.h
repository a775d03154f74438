#pragma once

#include "expected.h"
#include "types.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class QXmppMessage;

namespace Jw {

class Messenger;
class Requests;
class Transport;

/// Invitations to rooms, both ways: XEP-0249 direct invitations
/// (`<x xmlns='jabber:x:conference' jid='room'/>` in a message from the
/// inviter) and XEP-0045 mediated ones (§7.8.2: sent by the room, naming the
/// inviter in `<invite from='…'/>`, which is only the room's word).
///
/// An invitation received is stored as a message (Message::invitation) in
/// the chat of whoever sent it: the inviter's for a direct one, the room's
/// for a mediated one. It takes the road of every message (Messenger::receive):
/// from someone not in the contacts it waits under Requests, with the same
/// notification rules; a blocked sender's is dropped. Nothing joins by itself.
class Invitations final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Invitations)

public:
    Invitations(Transport *transport, Messenger *messenger, Requests *requests, QObject *parent = nullptr);

    /// Reads the invitation a message stanza carries: nullopt when it carries
    /// none (or it is our own, a carbon), an Error with the reason when it
    /// carries one that cannot be trusted (a room address that is not a
    /// valid bare address, a room inviting to another room).
    static std::optional<Expected<RoomInvitation>> parse(const QXmppMessage &message, const QString &ownBareJid);
    /// The XEP-0249 invitation to `to`.
    static QXmppMessage directInvitation(const QString &to, const RoomInvitation &invitation);
    /// The XEP-0045 decline of a mediated invitation (to the room, for the inviter).
    static QXmppMessage declineOf(const RoomInvitation &invitation, const QString &reason);
    /// The longest reason kept; the rest is cut (a hostile sender's megabyte stays out).
    static constexpr int MaxReasonLength = 1000;

    /// Sends a direct invitation to `room` to each of `contacts`. Returns how
    /// many went out (none when offline).
    int invite(const QString &room, const QStringList &contacts, const QString &reason = {},
        const QString &password = {});
    /// Declines an invitation: a mediated one tells the room (and so the
    /// inviter); a direct one has nothing to send. False when offline.
    bool decline(const RoomInvitation &invitation, const QString &reason = {});

Q_SIGNALS:
    /// An invitation was refused as untrustworthy or from a blocked sender.
    void dropped(const QString &from, const QString &why);

private:
    void onMessage(const QXmppMessage &message);

    Transport *const m_transport;
    Messenger *const m_messenger;
    Requests *const m_requests;
};

} // namespace Jw
