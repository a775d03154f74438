#include "stanzas.h"

#include "address.h"
#include "streamfilter.h"

#include <QXmppElement.h>
#include <QXmppMessage.h>

#include <QDomElement>

#include <QCoreApplication>
#include <QTimeZone>

#include <algorithm>

namespace Jw::Stanzas {

namespace {

/// The stream guard's stand-in for a message too large to pass on
/// (ServerStreamFilter::Limits::maxMessageCharacters) becomes a note in the
/// chat, stored like a message, so nothing is lost without a word.
std::optional<QXmppMessage> fromStandIn(const QXmppMessage &stanza)
{
    const auto extensions = stanza.extensions();
    for (const QXmppElement &e : extensions) {
        // The key is random per run: a server cannot forge a stand-in.
        if (e.tagName() != u"oversized" || e.attribute(QStringLiteral("key")) != oversizedMessageKey())
            continue;
        QXmppMessage note = stanza;
        // A carbon or an archive result: the message inside it is the one that counts.
        if (const QString from = e.attribute(QStringLiteral("from")); !from.isEmpty()) {
            note.setFrom(from);
            note.setTo(e.attribute(QStringLiteral("to")));
        }
        const double megabytes = e.attribute(QStringLiteral("bytes")).toDouble() / 1e6;
        note.setBody(QCoreApplication::translate("Jw::Stanzas", "A message from %1 was too large to show: %2 MB")
                .arg(bareOf(note.from()), QString::number(megabytes, 'f', 1)));
        return note;
    }
    return std::nullopt;
}

/// Whether a room handed this message on from one of its occupants
/// (XEP-0045 §7.5: the room marks it with `<x xmlns='…muc#user'/>`).
bool isThroughRoom(const QXmppMessage &stanza)
{
    const auto extensions = stanza.extensions();
    return std::any_of(extensions.cbegin(), extensions.cend(), [](const QXmppElement &e) {
        const QString declared = e.attribute(QStringLiteral("xmlns"));
        const QString ns = declared.isEmpty() ? e.sourceDomElement().namespaceURI() : declared;
        // An invitation (§7.8.2) comes from the room itself, not through it.
        return e.tagName() == u"x" && ns == u"http://jabber.org/protocol/muc#user"
            && e.firstChildElement(QStringLiteral("invite")).isNull();
    });
}

} // namespace

ChatState toChatState(int qxmppState)
{
    switch (QXmppMessage::State(qxmppState)) {
    case QXmppMessage::Active:
        return ChatState::Active;
    case QXmppMessage::Inactive:
        return ChatState::Inactive;
    case QXmppMessage::Gone:
        return ChatState::Gone;
    case QXmppMessage::Composing:
        return ChatState::Composing;
    case QXmppMessage::Paused:
        return ChatState::Paused;
    case QXmppMessage::None:
        break;
    }
    return ChatState::None;
}

int fromChatState(ChatState state)
{
    switch (state) {
    case ChatState::Active:
        return QXmppMessage::Active;
    case ChatState::Inactive:
        return QXmppMessage::Inactive;
    case ChatState::Gone:
        return QXmppMessage::Gone;
    case ChatState::Composing:
        return QXmppMessage::Composing;
    case ChatState::Paused:
        return QXmppMessage::Paused;
    case ChatState::None:
        break;
    }
    return QXmppMessage::None;
}

std::optional<QDateTime> plausibleTime(const QDateTime &stamp, const QDateTime &now)
{
    static const QDateTime earliest(QDate(2000, 1, 1), QTime(0, 0), QTimeZone::UTC);
    if (!stamp.isValid() || stamp < earliest || stamp > now.addSecs(MaxClockSkewSeconds))
        return std::nullopt;
    return stamp.toUTC();
}

std::optional<Message> toMessage(const QXmppMessage &original, const QString &ownBareJid, Origin origin,
    const QDateTime &now, const QString &archiveId, const QDateTime &archiveStamp)
{
    const std::optional<QXmppMessage> note = fromStandIn(original);
    const QXmppMessage &stanza = note ? *note : original;
    if (stanza.body().isEmpty())
        return std::nullopt;
    if (stanza.type() != QXmppMessage::Chat && stanza.type() != QXmppMessage::Normal)
        return std::nullopt;
    const QString own = bareOf(ownBareJid);
    const QString from = bareOf(stanza.from());
    const QString to = bareOf(stanza.to());
    // A message with no from is from our own server on our behalf: ours.
    const bool outgoing = from.isEmpty() || from == own;

    Message m;
    m.direction = outgoing ? Direction::Outgoing : Direction::Incoming;
    m.chat = outgoing ? to : from;
    if (m.chat.isEmpty() || (outgoing && m.chat == own && origin == Origin::Live))
        return std::nullopt;
    // A chat is with a person: a server (a bare domain) or an address that
    // does not parse never becomes one (StanzaCheck refused those that came
    // live; this also covers archive results).
    if (!parsePersonAddress(m.chat).ok())
        return std::nullopt;
    // A private message through a room is a chat with that occupant, kept
    // under the occupant's address (the room's own conversation is the
    // room's; Messenger checks the room is one we know).
    const QString peer = outgoing ? stanza.to() : stanza.from();
    if (const auto occupant = occupantOf(peer); occupant && isThroughRoom(stanza))
        m.chat = occupantChat(occupant->room, occupant->nick);
    m.messageId = stanza.originId().isEmpty() ? stanza.id() : stanza.originId();
    m.from = stanza.from().isEmpty() ? own : stanza.from();
    m.to = stanza.to();
    m.body = stanza.body();
    m.outOfBandUrl = stanza.outOfBandUrl();
    m.receivedAt = now;
    m.state = outgoing ? DeliveryState::Sent : DeliveryState::Received;

    // The stamp is believed only where the protocol makes it trustworthy:
    // the archive's (Origin::Archive), or a XEP-0203 delay our own server
    // stamped (offline storage): StanzaCheck removed every other delay
    // before QXmpp parsed the stanza. Such a message waited for us.
    const QDateTime stamp = origin == Origin::Archive && archiveStamp.isValid() ? archiveStamp : stanza.stamp();
    m.arrivedOffline = !outgoing && (stamp.isValid() || origin == Origin::Archive);
    m.markable = !outgoing && stanza.isMarkable();
    m.sentAt = plausibleTime(stamp, now).value_or(now);
    if (origin == Origin::Archive) {
        m.stanzaId = archiveId;
    } else {
        // XEP-0359: trust a stanza-id only when our own server stamped it.
        const auto ids = stanza.stanzaIds();
        for (const auto &stanzaId : ids) {
            if (bareOf(stanzaId.by) == own)
                m.stanzaId = stanzaId.id;
        }
    }
    return m;
}

} // namespace Jw::Stanzas
