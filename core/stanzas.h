#pragma once

// Internal to core: turns QXmpp's messages into ours. Not for ui/.

#include "types.h"

#include <QDateTime>

#include <optional>

class QXmppMessage;

namespace Jw::Stanzas {

/// Where a message came from, which decides how far it is trusted and how it
/// is flagged.
enum class Origin {
    Live, ///< delivered on our stream (possibly with a XEP-0203 delay: then it waited offline)
    Carbon, ///< XEP-0280 copy of what another of our devices sent or received
    Archive, ///< XEP-0313 catch-up: always arrived while we were offline
};

/// XEP-0085 states between QXmpp's names and ours (None both ways).
ChatState toChatState(int qxmppState);
int fromChatState(ChatState state);

/// XEP-0424 message retraction's namespace.
inline const QString NsRetract = QStringLiteral("urn:xmpp:message-retract:1");
/// The id a XEP-0424 `<retract/>` in `stanza` names; empty if it has none.
QString retractedId(const QXmppMessage &stanza);
/// A XEP-0424 retraction of our message `targetId` to `to`, with a fallback
/// body (XEP-0428) and a hint to store it (XEP-0334). Type and id are the caller's.
QXmppMessage retraction(const QString &to, const QString &targetId, const QString &fallbackBody);

/// XEP-0461 message replies' namespace.
inline const QString NsReply = QStringLiteral("urn:xmpp:reply:0");
/// A XEP-0461 reply to `to`: `body` after a quote of the message answered
/// ("> name: its first line"), the quote marked as fallback (XEP-0428).
QXmppMessage reply(const QString &to, const QString &body, const QString &replyToId, const QString &replyToJid,
    const QString &quotedName, const QString &quotedText);

/// XEP-0444 message reactions' namespace.
inline const QString NsReactions = QStringLiteral("urn:xmpp:reactions:0");

/// Our reactions (XEP-0444) to `to`: the whole set for the message `targetId`
/// (empty: taken back), with a hint to store it (XEP-0334) as it has no body.
/// Type and id are the caller's.
QXmppMessage reactions(const QString &to, const QString &targetId, const QStringList &emojis);

/// What a reply (XEP-0461) and reactions (XEP-0444) in a stanza say, read
/// alike for 1:1 chats and rooms.
struct ReplyAndReactions
{
    QString replyTo; ///< the id answered ("" if not a reply)
    QString replyToJid;
    /// A reply's text without the quote marked as fallback (XEP-0428), when
    /// something is left of it.
    std::optional<QString> bodyWithoutQuote;
    QString reactsTo; ///< the id reacted to ("" if not reactions)
    QStringList reactions; ///< the sender's whole set, distinct, sane sizes (empty: taken back)
};
ReplyAndReactions replyAndReactions(const QXmppMessage &stanza);

/// How far a sender's clock may be ahead of ours and still be believed.
inline constexpr int MaxClockSkewSeconds = 300;

/// `stamp` in UTC if it is plausible as a send time: not before 2000-01-01
/// (year 0001 and other garbage) and not in the future beyond a small clock
/// skew. Otherwise nothing: the message's time is when it arrived.
std::optional<QDateTime> plausibleTime(const QDateTime &stamp, const QDateTime &now);

/// The chat message in `stanza`, or nothing (no body, groupchat, error).
/// `ownBareJid` decides the direction: a message from our own account was
/// sent by one of our devices. `archiveId` and `archiveStamp` come from the
/// MAM result around the message (Origin::Archive only).
std::optional<Message> toMessage(const QXmppMessage &stanza, const QString &ownBareJid, Origin origin,
    const QDateTime &now, const QString &archiveId = {}, const QDateTime &archiveStamp = {});

} // namespace Jw::Stanzas
