#pragma once

// Internal to core: the door every stanza passes before QXmpp's managers and
// our code see it. Not for ui/.

#include <QXmppClientExtension.h>

#include <QElapsedTimer>
#include <QTimer>

#include <optional>

class QDomElement;

namespace Jw {

/// The rules the door applies, as functions of a stanza alone (unit-tested
/// without a network).
namespace StanzaRules {

/// RFC 7622: the first address in `stanza` that does not parse (as it
/// stands, for the log), or nothing. Looks at the stanza's from and to, the
/// messages it forwards (XEP-0280 carbons, XEP-0313 results) and the items of
/// roster (RFC 6121) and blocklist (XEP-0191) pushes.
std::optional<QString> invalidAddress(const QDomElement &stanza);

/// A chat message with a body whose sender is a server (a bare domain):
/// not a person, so never a chat.
bool isChatFromServer(const QDomElement &stanza);

/// XEP-0203: whether a delay stamped by `from` may be believed. Only our own
/// server (its domain: Prosody's and ejabberd's offline storage) or our own
/// account (ejabberd's stream management resending) hold messages for us;
/// anyone else's stamp is the sender's clock.
bool isTrustedDelaySource(const QString &from, const QString &ownBareJid);

/// Removes, in place, every XEP-0203 <delay/> (and legacy XEP-0091
/// jabber:x:delay) of `stanza` and of the messages it carries as carbons or
/// archive results that was not stamped by a trusted source. The stamp of an
/// archive result itself (the <delay/> of its <forwarded/>) is the archive's
/// and stays. Returns how many were removed.
int removeUntrustedDelays(const QDomElement &stanza, const QString &ownBareJid);

} // namespace StanzaRules

/// First in QXmpp's line of extensions: refuses stanzas with malformed
/// addresses (dropped and logged once per burst, never a chat) and strips
/// delays that a sender, not our server, stamped, so that nothing downstream
/// (QXmppMessage::stamp(), the carbon manager, our conversion) believes a
/// stranger's clock.
class StanzaCheck final : public QXmppClientExtension
{
    Q_OBJECT

public:
    StanzaCheck();

    void setAccount(const QString &bareJid) { m_own = bareJid; }
    bool handleStanza(const QDomElement &stanza) override;

    /// Stanzas refused since this check was made.
    int refusedCount() const { return m_refused; }

Q_SIGNALS:
    void refused(const QString &address, const QString &reason);

private:
    void refuse(const QString &address, const QString &reason);
    void reportBurst();

    QString m_own;
    int m_refused = 0;
    int m_unreported = 0; ///< refused since the last line in the log
    QTimer m_burstEnd; ///< the log says how many more a burst had when it ends
};

} // namespace Jw
