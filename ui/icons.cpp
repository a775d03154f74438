#include "icons.h"

namespace Jw::Ui {

QIcon actionIcon(ActionIcon which)
{
    const auto make = [](const char *themeName, const char *file) {
        return QIcon::fromTheme(QString::fromLatin1(themeName),
            QIcon(QStringLiteral(":/icons/actions/") + QString::fromLatin1(file) + QStringLiteral(".svg")));
    };
    switch (which) {
    case ActionIcon::NewChat:
        return make("document-new", "new-chat");
    case ActionIcon::JumpToChat:
        return make("edit-find", "jump");
    case ActionIcon::AddContact:
        return make("contact-new", "add-contact");
    case ActionIcon::Settings:
        return make("preferences-system", "settings");
    case ActionIcon::Quit:
        return make("application-exit", "quit");
    }
    return {};
}

} // namespace Jw::Ui
