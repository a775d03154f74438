#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include "types.h"

namespace Jw {
class AccountFeatures;
class Connection;
class Settings;
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
///
/// Coming back online is not a burst of notifications: what arrives flagged
/// as offline during the catch-up after going online (Messenger::isCatchingUp)
/// is counted, and when the catch-up is over one summary is shown ("12
/// messages from 3 people arrived while you were offline"; a single message
/// is shown as itself). A click on it opens the first unread chat. Requests
/// keep their own quiet rules, catch-up or not; live messages notify as always.
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
    /// The summary's key (Notification::chat): no address looks like it.
    static QString summaryKey();
    /// The summary's sentence: `messages` from the people named (one name
    /// is said, more are counted).
    static QString summaryText(int messages, const QStringList &names);

private:
    void onMessageAdded(const Message &message);
    /// A room's message (issue 14): see RoomNotifications::shouldNotify.
    void onRoomMessage(const Message &message);
    void notify(const Message &message);
    void onCaughtUp();
    void open(const QString &key);
    /// The chat a click on the summary opens: the first in the list that is
    /// unread, preferring those the summary counted.
    QString firstUnreadChat() const;

    AccountFeatures *const m_features;
    Connection *const m_connection;
    Settings *const m_settings;
    Notifier *const m_notifier;
    QPointer<MainWindow> m_window;
    /// The catch-up's messages not yet told, oldest first.
    QList<Message> m_caughtUp;
    QStringList m_summaryChats; ///< those of the summary shown last
};

} // namespace Jw::Ui
