#pragma once

#include "expected.h"

#include <QString>
#include <QStringList>

#include <functional>

#include <optional>

namespace Jw {

/// An XMPP address (RFC 7622): localpart@domainpart/resourcepart.
struct Address
{
    QString local;
    QString domain;
    QString resource;

    QString bare() const;
    QString full() const;
};

/// Parses and normalises an address a person typed or a server sent.
/// Accepts surrounding white space and an `xmpp:` prefix; lower-cases the
/// domain and the localpart (both compare case-insensitively). The error is a
/// sentence that says what is wrong.
Expected<Address> parseAddress(const QString &input);

/// Like parseAddress, for the address of a person to chat with: it must have
/// a localpart and no resource. Returns the bare address.
Expected<QString> parsePersonAddress(const QString &input);

/// The bare part of a full address, without validation ("" for "").
QString bareOf(const QString &jid);

/// A private chat through a room (XEP-0045 §7.5) is kept under the
/// occupant's address, `room@service/nick`: apart from the room's own
/// conversation and from any person's bare address.
struct OccupantAddress
{
    QString room; ///< bare, lower case
    QString nick;
};
/// The room and nickname of a private chat's key; nothing for a bare address.
std::optional<OccupantAddress> occupantOf(const QString &chat);
/// The key of the private chat with `nick` through `room`.
QString occupantChat(const QString &room, const QString &nick);
/// The conversation of `key` (a bare address, or a full one such as a
/// sender's): a private chat's key (occupantOf) only through a room we know
/// (`isRoom`, Rooms::knows); anything else is the ordinary chat with the bare
/// address. So a receipt or marker from Jenny's occupant address counts in
/// the private chat with her, one from bob@example.org/phone in Bob's chat.
QString conversationOf(const QString &key, const std::function<bool(const QString &room)> &isRoom);

/// The addresses in `jids` that parse; the others are dropped with a line
/// in the log. For what the server lists (the roster, the blocklist):
/// results of our own requests reach QXmpp before StanzaCheck sees them.
QStringList validAddresses(const QStringList &jids);

} // namespace Jw
