#pragma once

// Internal to core: the room configuration form (XEP-0045 §10.2,
// muc#roomconfig) filled for a kind of room. Not for ui/.

#include "roomcreation.h"

#include <QXmppDataForm.h>

namespace Jw::RoomConfig {

/// The form to submit for a room of `kind` called `name`, from the form the
/// room `offered`: only fields the offered form has are set (the rest keep
/// the service's values), and fields it has that this kind has no say on
/// are left out. Sets muc#roomconfig_roomname, _membersonly,
/// _whois ("anyone" for a private group, "moderators" for a public channel),
/// _persistentroom, _publicroom, and the archive's field where there is one
/// (Prosody's muc#roomconfig_enablearchiving, ejabberd's mam).
QXmppDataForm submission(const QXmppDataForm &offered, RoomKind kind, const QString &name);

} // namespace Jw::RoomConfig
