#include "appearance.h"

#include <QApplication>
#include <QStyleHints>

namespace Jw::Ui {
namespace {

Qt::ColorScheme toQt(Settings::ColorScheme scheme)
{
    switch (scheme) {
    case Settings::ColorScheme::Light:
        return Qt::ColorScheme::Light;
    case Settings::ColorScheme::Dark:
        return Qt::ColorScheme::Dark;
    case Settings::ColorScheme::System:
        break;
    }
    return Qt::ColorScheme::Unknown;
}

} // namespace

Appearance::Appearance(Settings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_systemFont(QApplication::font())
    , m_systemPalette(QApplication::palette())
{
    connect(m_settings, &Settings::colorSchemeChanged, this, &Appearance::applyColorScheme);
    connect(m_settings, &Settings::fontSizeChanged, this, &Appearance::applyFont);
    applyColorScheme();
    applyFont();
}

Appearance::~Appearance()
{
    // Leave the application as it was found (tests make several in a row).
    QGuiApplication::styleHints()->unsetColorScheme();
    if (m_ownPalette)
        QApplication::setPalette(m_systemPalette);
    QApplication::setFont(m_systemFont);
}

void Appearance::applyColorScheme()
{
    const Settings::ColorScheme scheme = m_settings->colorScheme();
    QStyleHints *hints = QGuiApplication::styleHints();
    if (scheme == Settings::ColorScheme::System)
        hints->unsetColorScheme();
    else
        hints->setColorScheme(toQt(scheme));

    const bool platformFollowed
        = scheme == Settings::ColorScheme::System || hints->colorScheme() == toQt(scheme);
    if (!platformFollowed) {
        QApplication::setPalette(scheme == Settings::ColorScheme::Dark ? darkPalette() : lightPalette());
        m_ownPalette = true;
    } else if (m_ownPalette) {
        QApplication::setPalette(m_systemPalette);
        m_ownPalette = false;
    }
}

void Appearance::applyFont()
{
    QFont font = m_systemFont;
    if (m_settings->fontSize() > 0)
        font.setPointSize(m_settings->fontSize());
    QApplication::setFont(font);
}

QPalette Appearance::lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf3, 0xf3, 0xf3));
    p.setColor(QPalette::WindowText, QColor(0x1f, 0x1f, 0x1f));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf7, 0xf7));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    p.setColor(QPalette::ToolTipText, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(0x76, 0x76, 0x76));
    p.setColor(QPalette::Text, QColor(0x1f, 0x1f, 0x1f));
    p.setColor(QPalette::Button, QColor(0xf3, 0xf3, 0xf3));
    p.setColor(QPalette::ButtonText, QColor(0x1f, 0x1f, 0x1f));
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe3, 0xe3, 0xe3));
    p.setColor(QPalette::Mid, QColor(0xb8, 0xb8, 0xb8));
    p.setColor(QPalette::Dark, QColor(0x9f, 0x9f, 0x9f));
    p.setColor(QPalette::Shadow, QColor(0x76, 0x76, 0x76));
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x00, 0x5a, 0x9e));
    p.setColor(QPalette::LinkVisited, QColor(0x6a, 0x3d, 0x9a));
    for (const auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0x9a, 0x9a, 0x9a));
    return p;
}

QPalette Appearance::darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3c, 0x3c));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8c, 0x8c));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x3e, 0x3e));
    p.setColor(QPalette::Mid, QColor(0x2f, 0x2f, 0x2f));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x7d, 0xb8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xdb));
    for (const auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0x7a, 0x7a, 0x7a));
    return p;
}

} // namespace Jw::Ui
