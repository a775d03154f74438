#pragma once

// XML namespaces that more than one core file reads or writes, in one place.
// A namespace only one file uses stays in that file.

#include <QString>

namespace Jw::Ns {

inline const QString Mam = QStringLiteral("urn:xmpp:mam:2"); // XEP-0313
inline const QString Forward = QStringLiteral("urn:xmpp:forward:0"); // XEP-0297
inline const QString Delay = QStringLiteral("urn:xmpp:delay"); // XEP-0203
inline const QString LegacyDelay = QStringLiteral("jabber:x:delay"); // XEP-0091
inline const QString Carbons = QStringLiteral("urn:xmpp:carbons:2"); // XEP-0280
inline const QString Rsm = QStringLiteral("http://jabber.org/protocol/rsm"); // XEP-0059
inline const QString Roster = QStringLiteral("jabber:iq:roster"); // RFC 6121
inline const QString Blocking = QStringLiteral("urn:xmpp:blocking"); // XEP-0191
inline const QString DiscoInfo = QStringLiteral("http://jabber.org/protocol/disco#info"); // XEP-0030

} // namespace Jw::Ns
