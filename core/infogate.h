#pragma once

// Internal to core: what another XMPP entity may learn about this client.
// Not for ui/.

#include <QXmppClientExtension.h>

#include <functional>

namespace Jw {

/// Answers XEP-0092 software version, XEP-0202 entity time and XEP-0030
/// disco#info requests from anyone who is not a contact as if the client
/// did not exist beyond the minimum: version and time get the
/// `service-unavailable` error (the answer for a feature the client does
/// not have, so it tells nothing), and
/// disco#info gets one identity (client/pc, no name) and the disco#info
/// feature, which XEP-0030 requires. A contact (someone on the roster with a
/// subscription either way), our own account and our own server get
/// QXmpp's full answers (the version without the operating system).
///
/// Why strangers get less than contacts rather than one answer for all: the
/// features (receipts, markers, chat states) are promises this client keeps
/// only for people the person accepted, so telling a stranger of them would
/// be false as well as a fingerprint.
class InfoGate final : public QXmppClientExtension
{
    Q_OBJECT

public:
    /// Whether `bareJid` may see the full answers.
    using IsContact = std::function<bool(const QString &bareJid)>;
    explicit InfoGate(IsContact isContact);

    void setAccount(const QString &bareJid) { m_own = bareJid; }
    bool handleStanza(const QDomElement &stanza) override;

    /// Requests answered as for a stranger since this gate was made.
    int strangerRequests() const { return m_strangerRequests; }

private:
    bool mayKnow(const QString &from) const;

    const IsContact m_isContact;
    QString m_own;
    int m_strangerRequests = 0;
};

} // namespace Jw
