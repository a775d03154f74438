#pragma once

#include <QObject>
#include <QPointer>

namespace Jw {
class AccountFeatures;
class Connection;
class Settings;
struct Message;
} // namespace Jw

namespace Jw::Ui {

class MainWindow;
class Notifier;

/// Decides when a new message deserves a desktop notification, and what it
/// says: one for each incoming message whose chat is not the one in front
/// of the person (shown in the active, unminimised window), unless
/// notifications are off or the account is set to "do not disturb". The
/// notification names the sender and, unless the settings hide it, the text.
/// Clicking it brings the window up with that chat open.
class MessageAlerts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageAlerts)

public:
    MessageAlerts(AccountFeatures *features, Connection *connection, Settings *settings, Notifier *notifier,
        QObject *parent = nullptr);

    /// The window whose shown chat and activity count; may change (a
    /// language change rebuilds it) or be null.
    void setWindow(MainWindow *window);

    /// Whether a message in `chat` is seen without a notification.
    bool isInFront(const QString &chat) const;

    /// At most this many characters of a message go into a notification.
    static constexpr int MaxBodyLength = 200;

private:
    void onMessageAdded(const Message &message);
    /// A room's message (issue 14): see RoomNotifications::shouldNotify.
    void onRoomMessage(const Message &message);
    void open(const QString &chat);

    AccountFeatures *const m_features;
    Connection *const m_connection;
    Settings *const m_settings;
    Notifier *const m_notifier;
    QPointer<MainWindow> m_window;
};

} // namespace Jw::Ui
