#include "messagealerts.h"

#include "chatpane.h"
#include "mainwindow.h"
#include "accountfeatures.h"
#include "connection.h"
#include "messenger.h"
#include "notifier.h"
#include "mentions.h"
#include "models.h"
#include "requests.h"
#include "roomnotifications.h"
#include "rooms.h"
#include "roster.h"
#include "settings.h"
#include "uiformat.h"

namespace Jw::Ui {

MessageAlerts::MessageAlerts(
    AccountFeatures *features, Connection *connection, Settings *settings, Notifier *notifier, QObject *parent)
    : QObject(parent)
    , m_features(features)
    , m_connection(connection)
    , m_settings(settings)
    , m_notifier(notifier)
{
    connect(m_features->messenger(), &Messenger::messageAdded, this, &MessageAlerts::onMessageAdded);
    connect(m_features->rooms(), &Rooms::messageAdded, this, &MessageAlerts::onRoomMessage);
    if (m_notifier)
        connect(m_notifier, &Notifier::activated, this, &MessageAlerts::open);
}

void MessageAlerts::setWindow(MainWindow *window)
{
    if (m_window)
        m_window->chatPane()->disconnect(this);
    m_window = window;
    if (m_window && m_notifier) {
        // A chat that is opened has been seen: its notification can go.
        connect(m_window->chatPane(), &ChatPane::chatChanged, this, [this](const QString &chat) {
            if (!chat.isEmpty())
                m_notifier->withdraw(chat);
        });
    }
}

bool MessageAlerts::isInFront(const QString &chat) const
{
    return m_window && m_window->isVisible() && !m_window->isMinimized() && m_window->isActiveWindow()
        && m_window->chatPane()->chat() == chat;
}

void MessageAlerts::onMessageAdded(const Message &message)
{
    if (!m_notifier || !message.isIncoming() || !m_settings->notificationsEnabled())
        return;
    if (m_connection->presence() == PresenceStatus::DoNotDisturb)
        return;
    if (isInFront(message.chat))
        return;
    const auto alert = m_features->requests()->takeAlert(message.chat, m_settings->showRequestsFromStrangers());
    if (alert == Requests::Alert::None)
        return;
    Notification notification;
    notification.chat = message.chat;
    notification.title = m_features->roster()->displayName(message.chat);
    if (alert == Requests::Alert::MoreRequests) {
        // One for the rest of the minute's requests; a click opens the last one.
        notification.title = tr("Message requests");
        notification.body = tr("More people who are not in your contacts wrote to you. They wait in Requests.");
    } else if (alert == Requests::Alert::Request) {
        // Quiet: once per sender, and without the text (it could be anything).
        notification.title = tr("Message request");
        notification.body = tr("%1 is not in your contacts and wrote to you.").arg(message.chat);
    } else if (m_settings->hideMessageText()) {
        notification.body = tr("New message");
    } else {
        notification.body = oneLine(message.body);
        if (notification.body.size() > MaxBodyLength) {
            qsizetype cut = MaxBodyLength - 1;
            if (notification.body.at(cut).isLowSurrogate())
                --cut; // not half an emoji
            notification.body = notification.body.left(cut).trimmed() + u'…';
        }
    }
    m_notifier->show(notification);
}

void MessageAlerts::onRoomMessage(const Message &message)
{
    if (!m_notifier || !message.isIncoming() || message.nick.isEmpty() || !m_settings->notificationsEnabled())
        return;
    // What waited in the room's archive is caught up quietly: no notification per message.
    if (message.arrivedOffline || m_connection->presence() == PresenceStatus::DoNotDisturb || isInFront(message.chat))
        return;
    const Rooms *rooms = m_features->rooms();
    // A private group shows who is in it (non-anonymous): the occupants' real addresses are known.
    const QList<Occupant> occupants = rooms->occupants(message.chat);
    const bool privateGroup = std::any_of(occupants.cbegin(), occupants.cend(),
        [](const Occupant &o) { return !o.realJid.isEmpty(); });
    const bool mentioned = Mentions::mentions(message.body, rooms->nick(message.chat));
    const RoomNotify mode = RoomNotifications::mode(m_settings->path(), message.chat);
    if (!RoomNotifications::shouldNotify(mode, privateGroup, mentioned))
        return;
    Notification notification;
    notification.chat = message.chat;
    notification.title
        = tr("%1 in %2", "nickname in room").arg(message.nick, ConversationsModel::roomName(m_features, message.chat));
    notification.body = m_settings->hideMessageText() ? tr("New message") : oneLine(message.body).left(MaxBodyLength);
    m_notifier->show(notification);
}

void MessageAlerts::open(const QString &chat)
{
    if (!m_window)
        return;
    m_window->setWindowState(m_window->windowState() & ~Qt::WindowMinimized);
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
    m_window->openChat(chat);
}

} // namespace Jw::Ui
