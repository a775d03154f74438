#pragma once

#include "settings.h"

#include <QFont>
#include <QObject>
#include <QPalette>

namespace Jw::Ui {

/// Makes the application look as the settings say, at once and whenever
/// they change: the colour scheme (light, dark or the system's) and the font
/// size.
///
/// The scheme is asked of the platform (QStyleHints::setColorScheme). Where
/// the platform cannot change it (a plain X11 session, offscreen), a light or
/// dark palette of our own is set instead, and taken away again for "System".
class Appearance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Appearance)

public:
    explicit Appearance(Settings *settings, QObject *parent = nullptr);
    ~Appearance() override;

    static QPalette lightPalette();
    static QPalette darkPalette();

private:
    void applyColorScheme();
    void applyFont();

    Settings *const m_settings;
    const QFont m_systemFont;
    const QPalette m_systemPalette;
    bool m_ownPalette = false;
};

} // namespace Jw::Ui
