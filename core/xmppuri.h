#pragma once

#include "expected.h"

#include <QString>

namespace Jw {

/// What an `xmpp:` link (RFC 5122) asks of Jabberwock: open the chat with
/// `jid`, and for `?message;body=…` put the body in the composer (never send).
struct XmppUri
{
    QString jid; ///< the bare address to chat with, normalised as parseAddress does
    QString action; ///< the query type as written, lower-cased ("message"); empty: none
    QString body; ///< `?message;body=`, percent-decoded; empty: none
    QString password; ///< `?join;password=` (XEP-0045 §17.4): the room's password; empty: none

    /// `?join`: the address is a room to join (XEP-0045), not a person to chat with.
    bool isJoin() const { return action == u"join"; }
};

/// The longest link accepted, in characters: a link is a pointer to a chat,
/// not a way to carry documents (and it travels to a running instance).
inline constexpr qsizetype MaxXmppUriLength = 32 * 1024;

/// Whether `text` is meant as an `xmpp:` link (the scheme, in any case).
bool looksLikeXmppUri(const QString &text);

/// Parses an `xmpp:` link (RFC 5122) as a browser or a person hands it over.
///
/// - `xmpp:node@host`, with percent-encoded (UTF-8) or Unicode characters in
///   the address; an ASCII-compatible (`xn--`) domain becomes Unicode.
/// - `xmpp://account@host/node@host`: the authority names the account that
///   should act; Jabberwock acts as the profile's account and ignores it.
/// - A resource (`/phone`) is accepted and dropped: chats are with the bare
///   address. A fragment (`#…`) is ignored.
/// - `?message;body=…` gives the draft; `subject`, `thread`, `type` and other
///   keys are accepted and ignored. `+` stays `+` (this is not a form).
/// - Other query types (`?roster`, `?subscribe`, `?vcard`, unknown ones)
///   open the chat, as RFC 5122 §2.5 says an application should do with a
///   query it does not act on. `?join` names a room to join (with an optional
///   `password`); `?invite` (asking us to invite someone) is refused.
///
/// The address is validated by parsePersonAddress, so RFC 7622's rules hold:
/// `xmpp:o%27malley@example.org` decodes to `o'malley`, which no XMPP address
/// can be, and is refused with that reason. The error is a sentence.
Expected<XmppUri> parseXmppUri(const QString &text);

} // namespace Jw
