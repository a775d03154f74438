#include "stanzas.h"

#include "address.h"
#include "streamfilter.h"

#include <QXmppElement.h>
#include <QXmppMessage.h>
#include <QXmppMessageReaction.h>

#include <QDomElement>

#include <QCoreApplication>
#include <QTimeZone>

#include <algorithm>

namespace Jw::Stanzas {

using namespace Qt::StringLiterals;

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

QString retractedId(const QXmppMessage &stanza)
{
    const auto extensions = stanza.extensions();
    for (const QXmppElement &e : extensions) {
        const QString declared = e.attribute(QStringLiteral("xmlns"));
        const QString ns = declared.isEmpty() ? e.sourceDomElement().namespaceURI() : declared;
        if (e.tagName() == u"retract" && ns == NsRetract)
            return e.attribute(QStringLiteral("id"));
    }
    return {};
}

QXmppMessage retraction(const QString &to, const QString &targetId, const QString &fallbackBody)
{
    QXmppMessage message(QString(), to, fallbackBody);
    QXmppElement retract;
    retract.setTagName(QStringLiteral("retract"));
    retract.setAttribute(QStringLiteral("xmlns"), NsRetract);
    retract.setAttribute(QStringLiteral("id"), targetId);
    message.setExtensions({ retract });
    // The body is only for clients without XEP-0424 (XEP-0428), and the
    // server keeps the retraction in the archive (XEP-0334).
    message.setFallbackMarkers({ QXmppFallback(NsRetract, { { QXmppFallback::Body, std::nullopt } }) });
    message.addHint(QXmppMessage::Store);
    return message;
}

QXmppMessage reply(const QString &to, const QString &body, const QString &replyToId, const QString &replyToJid,
    const QString &quotedName, const QString &quotedText)
{
    // "> Jenny: first line\n" before the text, marked as the fallback of
    // XEP-0461 so that clients that know replies leave it out.
    const QString firstLine = quotedText.section(u'\n', 0, 0);
    const QString quote = u"> "_s + quotedName + u": "_s + firstLine + u'\n';
    QXmppMessage message(QString(), to, quote + body);
    message.setReply(QXmpp::Reply { replyToJid, replyToId });
    const auto end = uint32_t(quote.toUcs4().size()); // XEP-0428 counts code points
    message.setFallbackMarkers({ QXmppFallback(NsReply, { { QXmppFallback::Body, QXmppFallback::Range { 0, end } } }) });
    return message;
}

QXmppMessage reactions(const QString &to, const QString &targetId, const QStringList &emojis)
{
    QXmppMessage message(QString(), to);
    QXmppMessageReaction reaction;
    reaction.setMessageId(targetId);
    reaction.setEmojis(QVector<QString>(emojis.cbegin(), emojis.cend()));
    message.setReaction(reaction);
    message.addHint(QXmppMessage::Store);
    return message;
}

ReplyAndReactions replyAndReactions(const QXmppMessage &stanza)
{
    ReplyAndReactions r;
    if (const auto reply = stanza.reply(); reply && !reply->id.isEmpty()) {
        r.replyTo = reply->id;
        r.replyToJid = reply->to;
        // The quote for clients without replies; ours shows the original itself.
        const QString stripped = stanza.readFallbackRemovedText(QXmppFallback::Body, { NsReply });
        if (!stripped.trimmed().isEmpty())
            r.bodyWithoutQuote = stripped;
    }
    if (const auto reaction = stanza.reaction(); reaction && !reaction->messageId().isEmpty()) {
        r.reactsTo = reaction->messageId();
        const auto emojis = reaction->emojis();
        for (const QString &emoji : emojis) {
            if (!emoji.isEmpty() && emoji.size() <= 32 && !r.reactions.contains(emoji))
                r.reactions.append(emoji);
        }
    }
    return r;
}

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
    const QString retracts = retractedId(stanza);
    if (stanza.body().isEmpty() && retracts.isEmpty() && !stanza.reaction())
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
    m.body = retracts.isEmpty() ? stanza.body() : QString();
    m.retracts = retracts;
    m.replaces = retracts.isEmpty() ? stanza.replaceId() : QString();
    m.outOfBandUrl = retracts.isEmpty() ? stanza.outOfBandUrl() : QString();
    const ReplyAndReactions extra = replyAndReactions(stanza);
    if (!extra.replyTo.isEmpty() && retracts.isEmpty()) {
        m.replyTo = extra.replyTo;
        m.replyToJid = extra.replyToJid;
        if (extra.bodyWithoutQuote)
            m.body = *extra.bodyWithoutQuote;
    }
    if (!extra.reactsTo.isEmpty()) {
        m.reactsTo = extra.reactsTo;
        m.reactionSet = extra.reactions;
        m.body.clear();
        m.replaces.clear();
        m.outOfBandUrl.clear();
    }
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
