#include "messagealerts.h"

#include "chatpane.h"
#include "mainwindow.h"
#include "accountfeatures.h"
#include "connection.h"
#include "messenger.h"
#include "models.h"
#include "notifier.h"
#include "mentions.h"
#include "models.h"
#include "requests.h"
#include "roomnotifications.h"
#include "rooms.h"
#include "roster.h"
#include "settings.h"
#include "uiformat.h"

#include <utility>

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
    connect(m_features->messenger(), &Messenger::caughtUp, this, &MessageAlerts::onCaughtUp);
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
    if (alert == Requests::Alert::Message) {
        if (message.arrivedOffline && m_features->messenger()->isCatchingUp())
            m_caughtUp.append(message); // told in one summary when the catch-up is over
        else
            notify(message);
        return;
    }
    Notification notification;
    notification.chat = message.chat;
    if (alert == Requests::Alert::MoreRequests) {
        // One for the rest of the minute's requests; a click opens the last one.
        notification.title = tr("Message requests");
        notification.body = tr("More people who are not in your contacts wrote to you. They wait in Requests.");
    } else {
        // Quiet: once per sender, and without the text (it could be anything).
        notification.title = tr("Message request");
        notification.body = tr("%1 is not in your contacts and wrote to you.").arg(message.chat);
    }
    m_notifier->show(notification);
}

void MessageAlerts::notify(const Message &message)
{
    Notification notification;
    notification.chat = message.chat;
    notification.title = m_features->roster()->displayName(message.chat);
    if (m_settings->hideMessageText()) {
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
    // A private group: as the room says (members-only, non-anonymous), or
    // as it shows itself (the occupants' real addresses are known).
    const QList<Occupant> occupants = rooms->occupants(message.chat);
    const bool privateGroup = rooms->isPrivateGroup(message.chat)
        || std::any_of(occupants.cbegin(), occupants.cend(), [](const Occupant &o) { return !o.realJid.isEmpty(); });
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

QString MessageAlerts::summaryKey()
{
    return QStringLiteral("<offline>"); // '<' and '>' are in no address (RFC 7622)
}

QString MessageAlerts::summaryText(int messages, const QStringList &names)
{
    //: who wrote, as in "12 messages from 3 people arrived while you were offline."
    const QString people = tr("%n person(s)", nullptr, int(names.size()));
    const QString from = names.size() == 1 ? names.first() : people;
    //: %1 is a person's name, or "3 people"
    return tr("%n message(s) from %1 arrived while you were offline.", nullptr, messages).arg(from);
}

void MessageAlerts::onCaughtUp()
{
    const QList<Message> messages = std::exchange(m_caughtUp, {});
    if (!m_notifier || messages.isEmpty())
        return;
    // What the person saw or silenced meanwhile is not told again.
    if (!m_settings->notificationsEnabled() || m_connection->presence() == PresenceStatus::DoNotDisturb)
        return;
    QStringList chats;
    QList<Message> unseen;
    for (const Message &m : messages) {
        if (isInFront(m.chat))
            continue;
        unseen.append(m);
        if (!chats.contains(m.chat))
            chats.append(m.chat);
    }
    if (unseen.size() == 1) {
        notify(unseen.first());
        return;
    }
    if (unseen.isEmpty())
        return;
    QStringList names;
    for (const QString &chat : std::as_const(chats))
        names.append(m_features->roster()->displayName(chat));
    m_summaryChats = chats;
    Notification notification;
    notification.chat = summaryKey();
    notification.title = tr("New messages");
    notification.body = summaryText(int(unseen.size()), names);
    m_notifier->show(notification);
}

QString MessageAlerts::firstUnreadChat() const
{
    const ConversationsModel *list = m_window->conversations();
    QString anyUnread;
    for (int row = 0; row < list->rowCount(); ++row) {
        const QModelIndex index = list->index(row);
        if (index.data(ConversationsModel::UnreadRole).toInt() == 0
            || index.data(ConversationsModel::RequestRole).toBool()
            || index.data(ConversationsModel::BlockedRole).toBool())
            continue;
        const QString chat = index.data(ConversationsModel::ChatRole).toString();
        if (m_summaryChats.contains(chat))
            return chat;
        if (anyUnread.isEmpty())
            anyUnread = chat;
    }
    if (!anyUnread.isEmpty())
        return anyUnread;
    return m_summaryChats.value(0); // all read meanwhile: where the summary began
}

void MessageAlerts::open(const QString &key)
{
    if (!m_window)
        return;
    const bool summary = key == summaryKey();
    const QString chat = summary ? firstUnreadChat() : key;
    if (summary && m_notifier)
        m_notifier->withdraw(key);
    if (chat.isEmpty())
        return;
    m_window->setWindowState(m_window->windowState() & ~Qt::WindowMinimized);
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
    m_window->openChat(chat);
}

} // namespace Jw::Ui
