#include "notifier.h"

#include <QGuiApplication>
#include <QIcon>
#include <QSystemTrayIcon>

#if JABBERWOCK_HAVE_DBUS
#    include <QDBusConnection>
#    include <QDBusConnectionInterface>
#    include <QDBusMessage>
#    include <QDBusPendingCallWatcher>
#    include <QDBusPendingReply>
#endif

namespace Jw::Ui {

TrayNotifier::TrayNotifier(QSystemTrayIcon *tray, QObject *parent)
    : Notifier(parent)
    , m_tray(tray)
{
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_lastChat.isEmpty())
            Q_EMIT activated(m_lastChat);
    });
}

void TrayNotifier::show(const Notification &notification)
{
    m_lastChat = notification.chat;
    m_tray->showMessage(notification.title, notification.body, QGuiApplication::windowIcon(), 10000);
}

#if JABBERWOCK_HAVE_DBUS
namespace {

const QString Service = QStringLiteral("org.freedesktop.Notifications");
const QString Path = QStringLiteral("/org/freedesktop/Notifications");
const QString Interface = QStringLiteral("org.freedesktop.Notifications");
const QString DefaultAction = QStringLiteral("default");

} // namespace

DBusNotifier::DBusNotifier(QObject *parent)
    : Notifier(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    bus.connect(Service, Path, Interface, QStringLiteral("ActionInvoked"), this,
        SLOT(onActionInvoked(uint, QString)));
    bus.connect(
        Service, Path, Interface, QStringLiteral("NotificationClosed"), this, SLOT(onClosed(uint, uint)));

    // Network text must never be read as markup: find out whether the server would.
    const auto call = bus.asyncCall(
        QDBusMessage::createMethodCall(Service, Path, Interface, QStringLiteral("GetCapabilities")));
    auto *watcher = new QDBusPendingCallWatcher(call, this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *finished) {
        const QDBusPendingReply<QStringList> reply = *finished;
        m_markup = !reply.isValid() || reply.value().contains(QStringLiteral("body-markup"));
        finished->deleteLater();
    });
    m_markup = true; // until the answer comes, escape
}

bool DBusNotifier::isAvailable()
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    if (bus.interface()->isServiceRegistered(Service))
        return true;
    const QDBusMessage reply = bus.call(QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"),
        QStringLiteral("/org/freedesktop/DBus"), QStringLiteral("org.freedesktop.DBus"),
        QStringLiteral("ListActivatableNames")));
    return reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty()
        && reply.arguments().first().toStringList().contains(Service);
}

void DBusNotifier::show(const Notification &notification)
{
    const QString body = m_markup ? notification.body.toHtmlEscaped() : notification.body;
    QDBusMessage call = QDBusMessage::createMethodCall(Service, Path, Interface, QStringLiteral("Notify"));
    const QVariantMap hints {
        { QStringLiteral("desktop-entry"), QGuiApplication::desktopFileName() },
        { QStringLiteral("category"), QStringLiteral("im.received") },
    };
    call << QGuiApplication::applicationDisplayName() << m_ids.value(notification.chat, 0u)
         << QGuiApplication::desktopFileName() << notification.title << body
         << QStringList { DefaultAction, tr("Open") } << hints << qint32(-1);
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    const QString chat = notification.chat;
    connect(
        watcher, &QDBusPendingCallWatcher::finished, this, [this, chat](QDBusPendingCallWatcher *finished) {
            const QDBusPendingReply<uint> reply = *finished;
            if (reply.isValid())
                m_ids.insert(chat, reply.value());
            finished->deleteLater();
        });
}

void DBusNotifier::withdraw(const QString &chat)
{
    const uint id = m_ids.take(chat);
    if (id == 0)
        return;
    QDBusMessage call
        = QDBusMessage::createMethodCall(Service, Path, Interface, QStringLiteral("CloseNotification"));
    call << id;
    QDBusConnection::sessionBus().asyncCall(call);
}

void DBusNotifier::onActionInvoked(uint id, const QString &action)
{
    if (action != DefaultAction)
        return;
    const QString chat = m_ids.key(id);
    if (!chat.isEmpty())
        Q_EMIT activated(chat);
}

void DBusNotifier::onClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    const QString chat = m_ids.key(id);
    if (!chat.isEmpty())
        m_ids.remove(chat);
}
#endif

std::unique_ptr<Notifier> makeDesktopNotifier(QSystemTrayIcon *tray, QObject *parent)
{
#if JABBERWOCK_HAVE_DBUS
    if (DBusNotifier::isAvailable())
        return std::make_unique<DBusNotifier>(parent);
#endif
    if (tray && QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages())
        return std::make_unique<TrayNotifier>(tray, parent);
    return nullptr;
}

} // namespace Jw::Ui
