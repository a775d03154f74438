#include "invitations.h"

#include "address.h"
#include "messenger.h"
#include "requests.h"
#include "transport.h"

#include <QXmppElement.h>
#include <QXmppMessage.h>

#include <QDomElement>

namespace Jw {
namespace {

const QString NsMucUser = QStringLiteral("http://jabber.org/protocol/muc#user");

QString namespaceOf(const QXmppElement &e)
{
    const QString declared = e.attribute(QStringLiteral("xmlns"));
    return declared.isEmpty() ? e.sourceDomElement().namespaceURI() : declared;
}

/// The `<x xmlns='…muc#user'>` of a message, if any.
QXmppElement mucUserOf(const QXmppMessage &message)
{
    const QXmppElementList extensions = message.extensions();
    for (const QXmppElement &e : extensions) {
        if (e.tagName() == u"x" && namespaceOf(e) == NsMucUser)
            return e;
    }
    return {};
}

QString cut(const QString &text)
{
    if (text.size() <= Invitations::MaxReasonLength)
        return text;
    return text.left(Invitations::MaxReasonLength) + QChar(0x2026);
}

QXmppElement element(const QString &name, const QString &ns = {})
{
    QXmppElement e;
    e.setTagName(name);
    if (!ns.isEmpty())
        e.setAttribute(QStringLiteral("xmlns"), ns);
    return e;
}

} // namespace

Invitations::Invitations(Transport *transport, Messenger *messenger, Requests *requests, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_messenger(messenger)
    , m_requests(requests)
{
    connect(m_transport, &Transport::messageReceived, this, &Invitations::onMessage);
}

std::optional<Expected<RoomInvitation>> Invitations::parse(const QXmppMessage &message, const QString &ownBareJid)
{
    if (message.type() != QXmppMessage::Normal && message.type() != QXmppMessage::Chat)
        return std::nullopt;
    const QXmppElement mucUser = mucUserOf(message);
    const QXmppElement invite = mucUser.isNull() ? QXmppElement() : mucUser.firstChildElement(QStringLiteral("invite"));
    const QString direct = message.mucInvitationJid();
    const bool directForm = !direct.isEmpty() || !message.mucInvitationReason().isEmpty()
        || !message.mucInvitationPassword().isEmpty();
    if (invite.isNull() && !directForm)
        return std::nullopt;
    const QString from = message.from();
    const QString sender = bareOf(from);
    if (sender.isEmpty() || sender == bareOf(ownBareJid))
        return std::nullopt; // ours (a carbon of what another device sent)

    RoomInvitation i;
    if (!invite.isNull()) {
        // Mediated (XEP-0045 §7.8.2): the room itself sends it, from its bare
        // address, and can invite only to itself.
        const auto room = parsePersonAddress(from);
        if (!room)
            return Expected<RoomInvitation>(Error { tr("A room invitation came from “%1”, which is not a room's "
                                                       "address: %2")
                                                        .arg(from, room.errorMessage()) });
        if (!direct.isEmpty() && bareOf(direct.trimmed()) != room.value())
            return Expected<RoomInvitation>(
                Error { tr("The room %1 sent an invitation to another room, %2.").arg(room.value(), direct) });
        i.room = room.value();
        i.mediated = true;
        // A semi-anonymous room names the inviter by their occupant address
        // (room/nick, as Prosody does): kept whole, the nickname is all it says.
        const auto inviter = parseAddress(invite.attribute(QStringLiteral("from")));
        if (inviter)
            i.inviter = inviter->bare() == i.room ? inviter->full() : inviter->bare();
        i.reason = cut(invite.firstChildElement(QStringLiteral("reason")).value());
        i.password = cut(mucUser.firstChildElement(QStringLiteral("password")).value());
        return Expected<RoomInvitation>(i);
    }
    // Direct (XEP-0249): the inviter is whoever sent it, nobody it names.
    const auto room = parsePersonAddress(direct);
    if (!room)
        return Expected<RoomInvitation>(Error {
            tr("An invitation from %1 names “%2”, which is not a room's address: %3")
                .arg(sender, direct, room.errorMessage()) });
    i.room = room.value();
    i.inviter = sender;
    i.reason = cut(message.mucInvitationReason());
    i.password = cut(message.mucInvitationPassword());
    return Expected<RoomInvitation>(i);
}

QXmppMessage Invitations::directInvitation(const QString &to, const RoomInvitation &invitation)
{
    QXmppMessage m(QString(), to);
    m.setType(QXmppMessage::Normal);
    m.setMucInvitationJid(invitation.room);
    m.setMucInvitationReason(invitation.reason);
    m.setMucInvitationPassword(invitation.password);
    return m;
}

QXmppMessage Invitations::declineOf(const RoomInvitation &invitation, const QString &reason)
{
    QXmppMessage m(QString(), invitation.room);
    m.setType(QXmppMessage::Normal);
    QXmppElement x = element(QStringLiteral("x"), NsMucUser);
    QXmppElement decline = element(QStringLiteral("decline"));
    if (!invitation.inviter.isEmpty())
        decline.setAttribute(QStringLiteral("to"), invitation.inviter);
    if (!reason.isEmpty()) {
        QXmppElement r = element(QStringLiteral("reason"));
        r.setValue(reason);
        decline.appendChild(r);
    }
    x.appendChild(decline);
    m.setExtensions({ x });
    return m;
}

int Invitations::invite(const QString &room, const QStringList &contacts, const QString &reason, const QString &password)
{
    if (!m_transport->isOnline())
        return 0;
    int sent = 0;
    for (const QString &contact : contacts) {
        if (contact.isEmpty())
            continue;
        m_transport->send(directInvitation(contact, { room, password, reason, {}, false }));
        ++sent;
    }
    return sent;
}

bool Invitations::decline(const RoomInvitation &invitation, const QString &reason)
{
    if (!invitation.mediated)
        return true; // a direct invitation asks for no answer (XEP-0249)
    if (!m_transport->isOnline())
        return false;
    m_transport->send(declineOf(invitation, reason));
    return true;
}

void Invitations::onMessage(const QXmppMessage &message)
{
    const auto parsed = parse(message, m_transport->accountJid());
    if (!parsed)
        return;
    const QString sender = bareOf(message.from());
    if (!parsed->ok()) {
        // DirectMessages keeps the rest of the message (a body) as it would any other.
        qWarning("invitations: refused one from %s: %s", qPrintable(message.from()),
            qPrintable(parsed->errorMessage()));
        Q_EMIT dropped(sender, parsed->errorMessage());
        return;
    }
    if (m_requests->standing(sender) == Standing::Blocked) {
        Q_EMIT dropped(sender, tr("%1 is blocked.").arg(sender));
        return;
    }
    const RoomInvitation &invitation = parsed->value();
    Message m;
    m.chat = sender;
    m.messageId = message.originId().isEmpty() ? message.id() : message.originId();
    m.direction = Direction::Incoming;
    m.from = message.from();
    m.to = message.to();
    // What the list shows as the last message; the chat shows the invitation itself.
    m.body = message.body().isEmpty() ? invitation.room : message.body();
    m.receivedAt = QDateTime::currentDateTimeUtc();
    m.sentAt = m.receivedAt;
    m.state = DeliveryState::Received;
    m.invitation = invitation;
    m_messenger->receive(m);
}

} // namespace Jw
