#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <memory>

class QSystemTrayIcon;

namespace Jw::Ui {

/// One desktop notification: a new message in `chat`.
struct Notification
{
    QString chat; ///< bare address; where a click on the notification leads
    QString title; ///< who wrote
    QString body; ///< what they wrote, or a neutral sentence when hidden
};

/// Shows notifications on the desktop. Implementations: the freedesktop
/// notification service over D-Bus, the tray icon's balloon, and, in tests,
/// one that only records. A chat has at most one notification shown: a newer
/// one replaces it.
class Notifier : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    using QObject::QObject;

    virtual void show(const Notification &notification) = 0;
    /// Takes back the chat's notification, if the desktop allows (the chat was read).
    virtual void withdraw(const QString &chat) { Q_UNUSED(chat) }

Q_SIGNALS:
    /// The person clicked the notification of `chat`.
    void activated(const QString &chat);
};

/// The tray icon's message balloon (QSystemTrayIcon::showMessage). The
/// balloon carries no data: a click opens the chat of the last one shown.
class TrayNotifier final : public Notifier
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifier)

public:
    explicit TrayNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);

    void show(const Notification &notification) override;

private:
    QSystemTrayIcon *const m_tray;
    QString m_lastChat;
};

#if JABBERWOCK_HAVE_DBUS
/// org.freedesktop.Notifications over the session bus: notifications that
/// stay in the desktop's notification centre, one per chat, replaced by the
/// newest message and opened by a click ("default" action).
class DBusNotifier final : public Notifier
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DBusNotifier)

public:
    explicit DBusNotifier(QObject *parent = nullptr);

    /// Whether a notification service runs on the session bus.
    static bool isAvailable();

    void show(const Notification &notification) override;
    void withdraw(const QString &chat) override;

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    QHash<QString, uint> m_ids; ///< chat -> the notification shown for it
    bool m_markup = false; ///< the server reads the body as markup: escape it
};
#endif

/// The best notifier this desktop offers: D-Bus where a notification
/// service runs, else the tray icon's balloon where there is a tray, else null.
std::unique_ptr<Notifier> makeDesktopNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);

} // namespace Jw::Ui
