#pragma once

#include "types.h"

#include <QIcon>
#include <QObject>
#include <QPointer>

class QAction;
class QActionGroup;
class QMenu;
class QSystemTrayIcon;

namespace Jw {
class Connection;
class Settings;
} // namespace Jw

namespace Jw::Ui {

class MainWindow;

/// Jabberwock in the system tray: the unread total in the tooltip (and a
/// dot on the icon), a click that shows or hides the window, and a menu to
/// show or hide it, set the presence and quit.
///
/// It also decides what closing the window means: where a system tray is
/// available and the settings say so, the window hides and Jabberwock keeps
/// running in the tray; otherwise Jabberwock quits. Quitting from a menu
/// (or Ctrl+Q) always quits.
class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    TrayIcon(Connection *connection, Settings *settings, QObject *parent = nullptr);
    ~TrayIcon() override;

    /// The window it shows, hides and counts unread messages for; may change.
    void setWindow(MainWindow *window);

    /// Whether closing the window keeps Jabberwock running (tray there, setting on).
    bool keepsRunningOnClose() const;
    /// Whether the desktop has a system tray (tests may pretend either way).
    bool isTrayAvailable() const { return m_available; }
    void setTrayAvailable(bool available);

    QSystemTrayIcon *systemTrayIcon() const { return m_tray; }
    QMenu *menu() const { return m_menu; }
    QAction *showHideAction() const { return m_showHide; }
    QAction *quitAction() const { return m_quit; }
    /// The presence entries, in menu order, each with the status as data.
    QList<QAction *> presenceActions() const;

    /// "Jabberwock" and the unread count, as the tooltip says it.
    static QString toolTip(int unread);

public Q_SLOTS:
    /// Brings the window up, or hides it if it is up and active.
    void toggleWindow();
    void showWindow();
    /// Quits, whatever closing the window would do.
    void quit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void updateUnread();
    void updateMenu();
    void updateQuitOnClose();
    void setPresence(PresenceStatus status);

    Connection *const m_session;
    Settings *const m_settings;
    QSystemTrayIcon *const m_tray;
    QMenu *const m_menu;
    QMenu *const m_presenceMenu;
    QAction *const m_showHide;
    QActionGroup *const m_presenceGroup;
    QAction *const m_quit;
    const QIcon m_icon;
    QPointer<MainWindow> m_window;
    bool m_available;
    bool m_quitting = false;
};

} // namespace Jw::Ui
