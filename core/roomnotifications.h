#pragma once

#include <QString>

namespace Jw {

/// When a room notifies (issue 14), per room, kept in the profile's
/// settings file (jabberwock.ini, group "roomNotifications").
enum class RoomNotify
{
    Default,
    All,
    Mentions,
    None
};

namespace RoomNotifications {

/// The room's choice; Default when the person made none.
RoomNotify mode(const QString &settingsPath, const QString &room);
void setMode(const QString &settingsPath, const QString &room, RoomNotify mode);

/// Whether a message from someone else in a room deserves a notification:
/// a private group notifies like a 1:1 chat, a public channel only when our
/// nickname is mentioned; a room set to all, mentions or none does that.
bool shouldNotify(RoomNotify mode, bool privateGroup, bool mentioned);

} // namespace RoomNotifications
} // namespace Jw
