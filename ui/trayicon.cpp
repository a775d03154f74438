#include "trayicon.h"

#include "icons.h"
#include "mainwindow.h"
#include "models.h"
#include "connection.h"
#include "settings.h"
#include "uiformat.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QMenu>
#include <QPainter>
#include <QSessionManager>
#include <QSystemTrayIcon>

namespace Jw::Ui {
namespace {

constexpr PresenceStatus MenuStatuses[] = { PresenceStatus::Available, PresenceStatus::Away,
    PresenceStatus::DoNotDisturb, PresenceStatus::Offline };

/// The application icon with a dot in the corner while something is unread.
QIcon iconWithDot(const QIcon &icon, bool dot)
{
    if (!dot)
        return icon;
    QIcon marked;
    for (const int size : { 16, 22, 24, 32, 48, 64 }) {
        QPixmap pixmap = icon.pixmap(size, size);
        if (pixmap.isNull())
            continue;
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal d = size * 0.45;
        const QRectF spot(size - d, 0, d, d);
        painter.setPen(QPen(Qt::white, qMax(1.0, size / 16.0)));
        painter.setBrush(QColor(0xd9, 0x30, 0x25));
        painter.drawEllipse(spot.adjusted(0.5, 0.5, -0.5, -0.5));
        painter.end();
        marked.addPixmap(pixmap);
    }
    return marked.isNull() ? icon : marked;
}

} // namespace

TrayIcon::TrayIcon(Connection *session, Settings *settings, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_settings(settings)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
    , m_presenceMenu(new QMenu(m_menu))
    , m_showHide(new QAction(this))
    , m_presenceGroup(new QActionGroup(this))
    , m_quit(new QAction(this))
    , m_icon(QGuiApplication::windowIcon())
    , m_available(QSystemTrayIcon::isSystemTrayAvailable())
{
    for (const PresenceStatus status : MenuStatuses) {
        auto *action = new QAction(this);
        action->setCheckable(true);
        action->setData(int(status));
        m_presenceGroup->addAction(action);
        m_presenceMenu->addAction(action);
        connect(action, &QAction::triggered, this, [this, status] { setPresence(status); });
    }
    m_menu->addAction(m_showHide);
    m_menu->addSeparator();
    m_menu->addMenu(m_presenceMenu);
    m_menu->addSeparator();
    m_menu->addAction(m_quit);
    m_quit->setMenuRole(QAction::QuitRole);
    m_quit->setIcon(actionIcon(ActionIcon::Quit));
    m_menu->installEventFilter(this); // LanguageChange

    connect(m_showHide, &QAction::triggered, this, &TrayIcon::toggleWindow);
    connect(m_quit, &QAction::triggered, this, &TrayIcon::quit);
    connect(m_menu, &QMenu::aboutToShow, this, &TrayIcon::updateMenu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            toggleWindow();
    });
    connect(m_settings, &Settings::keepRunningInTrayChanged, this, &TrayIcon::updateQuitOnClose);
    // Logging out of the desktop must not be stopped by a window that hides.
    connect(
        qApp, &QGuiApplication::commitDataRequest, this, [this](QSessionManager &) { m_quitting = true; });

    m_tray->setContextMenu(m_menu);
    m_tray->setIcon(m_icon);
    retranslate();
    updateUnread();
    updateQuitOnClose();
    m_tray->setVisible(m_available);
}

TrayIcon::~TrayIcon()
{
    if (m_window)
        m_window->removeEventFilter(this);
    QGuiApplication::setQuitOnLastWindowClosed(true);
    m_tray->setContextMenu(nullptr);
    delete m_menu;
}

void TrayIcon::setWindow(MainWindow *window)
{
    if (m_window) {
        m_window->removeEventFilter(this);
        m_window->conversations()->disconnect(this);
        m_window->disconnect(this);
    }
    m_window = window;
    if (m_window) {
        m_window->installEventFilter(this);
        connect(m_window->conversations(), &ConversationsModel::totalUnreadChanged, this,
            &TrayIcon::updateUnread);
        connect(m_window, &MainWindow::quitRequested, this, [this] { m_quitting = true; });
    }
    updateUnread();
}

void TrayIcon::setTrayAvailable(bool available)
{
    m_available = available;
    m_tray->setVisible(available && QSystemTrayIcon::isSystemTrayAvailable());
    updateQuitOnClose();
}

bool TrayIcon::keepsRunningOnClose() const
{
    return m_available && m_settings->keepRunningInTray();
}

QList<QAction *> TrayIcon::presenceActions() const
{
    return m_presenceGroup->actions();
}

QString TrayIcon::toolTip(int unread)
{
    if (unread <= 0)
        return tr("Jabberwock");
    return tr("Jabberwock — %n unread message(s)", nullptr, unread);
}

void TrayIcon::retranslate()
{
    m_presenceMenu->setTitle(tr("S&tatus"));
    for (QAction *action : m_presenceGroup->actions())
        action->setText(presenceText(PresenceStatus(action->data().toInt())));
    m_quit->setText(tr("&Quit Jabberwock"));
    updateMenu();
    updateUnread();
}

void TrayIcon::updateUnread()
{
    const int unread = m_window ? m_window->conversations()->totalUnread() : 0;
    m_tray->setToolTip(toolTip(unread));
    m_tray->setIcon(iconWithDot(m_icon, unread > 0));
}

void TrayIcon::updateMenu()
{
    const bool shown = m_window && m_window->isVisible() && !m_window->isMinimized();
    m_showHide->setText(shown ? tr("&Hide Jabberwock") : tr("&Show Jabberwock"));
    m_showHide->setEnabled(m_window != nullptr);
    const PresenceStatus current = m_session->presence();
    for (QAction *action : m_presenceGroup->actions())
        action->setChecked(PresenceStatus(action->data().toInt()) == current);
}

void TrayIcon::updateQuitOnClose()
{
    QGuiApplication::setQuitOnLastWindowClosed(!keepsRunningOnClose());
}

void TrayIcon::toggleWindow()
{
    if (!m_window)
        return;
    if (m_window->isVisible() && !m_window->isMinimized() && m_window->isActiveWindow())
        m_window->hide();
    else
        showWindow();
}

void TrayIcon::showWindow()
{
    if (!m_window)
        return;
    m_window->setWindowState(m_window->windowState() & ~Qt::WindowMinimized);
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void TrayIcon::quit()
{
    m_quitting = true;
    QCoreApplication::quit();
}

void TrayIcon::setPresence(PresenceStatus status)
{
    m_session->setPresence(status);
    if (m_window) {
        // The window's selector shows what was chosen here too.
        QComboBox *selector = m_window->presenceSelector();
        selector->setCurrentIndex(selector->findData(int(status)));
    }
}

bool TrayIcon::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_menu && event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (watched == m_window && event->type() == QEvent::Close && !m_quitting
        && keepsRunningOnClose()) {
        m_window->hide();
        event->ignore();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Jw::Ui
