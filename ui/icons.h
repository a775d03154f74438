#pragma once

#include <QIcon>

namespace Jw::Ui {

enum class ActionIcon
{
    NewChat,
    JumpToChat,
    AddContact,
    Settings,
    Quit
};

/// The icon of an action: the desktop's own where its icon theme has one
/// (freedesktop names), else Jabberwock's SVG from resources/icons/actions.
/// Looked up when first drawn, not when made (menus are not drawn at start).
QIcon actionIcon(ActionIcon which);

} // namespace Jw::Ui
