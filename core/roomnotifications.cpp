#include "roomnotifications.h"

#include <QSettings>

namespace Jw::RoomNotifications {
namespace {

QString key(const QString &room)
{
    // '/' and '\\' are QSettings separators; a room address has neither, but stay safe.
    QString safe = room;
    safe.replace(u'/', u'_').replace(u'\\', u'_');
    return QStringLiteral("roomNotifications/") + safe;
}

} // namespace

RoomNotify mode(const QString &settingsPath, const QString &room)
{
    const QString value = QSettings(settingsPath, QSettings::IniFormat).value(key(room)).toString();
    if (value == u"all")
        return RoomNotify::All;
    if (value == u"mentions")
        return RoomNotify::Mentions;
    if (value == u"none")
        return RoomNotify::None;
    return RoomNotify::Default;
}

void setMode(const QString &settingsPath, const QString &room, RoomNotify mode)
{
    QSettings file(settingsPath, QSettings::IniFormat);
    switch (mode) {
    case RoomNotify::Default:
        file.remove(key(room));
        break;
    case RoomNotify::All:
        file.setValue(key(room), QStringLiteral("all"));
        break;
    case RoomNotify::Mentions:
        file.setValue(key(room), QStringLiteral("mentions"));
        break;
    case RoomNotify::None:
        file.setValue(key(room), QStringLiteral("none"));
        break;
    }
}

bool shouldNotify(RoomNotify mode, bool privateGroup, bool mentioned)
{
    switch (mode) {
    case RoomNotify::All:
        return true;
    case RoomNotify::Mentions:
        return mentioned;
    case RoomNotify::None:
        return false;
    case RoomNotify::Default:
        break;
    }
    return privateGroup || mentioned;
}

} // namespace Jw::RoomNotifications
