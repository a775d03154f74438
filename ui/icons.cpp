#include "icons.h"

#include <QIconEngine>

#include <optional>
#include <utility>

namespace Jw::Ui {
namespace {

/// An icon that is looked up (the icon theme's, else our file) when it is
/// first drawn or measured, not when it is made. A theme without an icon
/// cache costs milliseconds per name, a dozen names at start under X, while
/// the icons of the menus are not drawn until a menu opens.
class ThemedIconEngine final : public QIconEngine
{
public:
    ThemedIconEngine(QString themeName, QString file)
        : m_themeName(std::move(themeName))
        , m_file(std::move(file))
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        icon().paint(painter, rect, Qt::AlignCenter, mode, state);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().pixmap(size, mode, state);
    }
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        return icon().pixmap(size, scale, mode, state);
    }
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().actualSize(size, mode, state);
    }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return icon().availableSizes(mode, state);
    }
    /// The theme's name where the theme has it, else none (as for our file):
    /// a global menu then exports the drawing, not a name it lacks.
    QString iconName() override { return icon().name(); }
    /// Never null: our file is there when the theme has no such icon.
    bool isNull() override { return false; }
    QString key() const override { return QStringLiteral("JwThemedIconEngine"); }
    QIconEngine *clone() const override { return new ThemedIconEngine(*this); }

private:
    const QIcon &icon()
    {
        if (!m_icon)
            m_icon = QIcon::fromTheme(m_themeName, QIcon(m_file));
        return *m_icon;
    }

    QString m_themeName;
    QString m_file;
    std::optional<QIcon> m_icon;
};

} // namespace

QIcon actionIcon(ActionIcon which)
{
    const auto make = [](const char *themeName, const char *file) {
        return QIcon(new ThemedIconEngine(QString::fromLatin1(themeName),
            QStringLiteral(":/icons/actions/") + QString::fromLatin1(file) + QStringLiteral(".svg")));
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
