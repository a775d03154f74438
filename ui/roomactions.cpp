#include "roomactions.h"

#include "accountfeatures.h"
#include "addressdialog.h"
#include "chatpane.h"
#include "composer.h"
#include "mainwindow.h"
#include "moderationactions.h"
#include "newgroupdialog.h"
#include "requests.h"
#include "roomcreation.h"
#include "roommembership.h"
#include "roomnotifications.h"
#include "rooms.h"
#include "roster.h"

#include <QAction>
#include <QActionGroup>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>

#include <algorithm>

namespace Jw::Ui {

RoomActions::RoomActions(AccountFeatures *features, MainWindow *window)
    : QObject(window)
    , m_features(features)
    , m_window(window)
    , m_leave(new QAction(tr("&Leave Room"), window))
    , m_newGroup(new QAction(tr("New &Group…"), window))
    , m_notifications(new QMenu(tr("Room &Notifications"), window))
    , m_notifyGroup(new QActionGroup(this))
    , m_moderation(new ModerationActions(features, window))
{
    m_notifications->setToolTip(tr("When the room shown notifies you"));
    m_notifications->setToolTipsVisible(true);
    m_notifyGroup->setExclusive(true);
    for (const RoomNotify mode : { RoomNotify::Default, RoomNotify::All, RoomNotify::Mentions, RoomNotify::None }) {
        QAction *action = m_notifications->addAction(QString());
        action->setCheckable(true);
        action->setData(int(mode));
        m_notifyGroup->addAction(action);
        if (mode == RoomNotify::Default)
            m_notifications->addSeparator();
    }
    connect(m_notifyGroup, &QActionGroup::triggered, this, [this](QAction *action) {
        const QString room = m_window->chatPane()->chat();
        if (m_settingsPath.isEmpty() || !m_window->chatPane()->isRoom() || room.isEmpty())
            return;
        RoomNotifications::setMode(m_settingsPath, room, RoomNotify(action->data().toInt()));
        updateNotifications();
    });
    // The default's words depend on the room: read when the menu opens.
    connect(m_notifications, &QMenu::aboutToShow, this, &RoomActions::updateNotifications);
    m_newGroup->setToolTip(tr("Make a private group or a public channel and invite people to it"));
    m_newGroup->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_newGroup, &QAction::triggered, this, &RoomActions::newGroup);
    RoomCreation *creation = m_features->roomCreation();
    connect(creation, &RoomCreation::created, this,
        [this](const QString &room, const QString &, const QStringList &invitees) {
            m_newGroup->setEnabled(true);
            m_window->openChat(room);
            m_window->chatPane()->composer()->setFocus();
            updateLeave();
            // Invitations (XEP-0249) to `invitees` go out here, once the
            // invitations feature is in: it connects to RoomCreation::created.
            Q_UNUSED(invitees);
        });
    connect(creation, &RoomCreation::failed, this, [this](const QString &name, const QString &sentence) {
        m_newGroup->setEnabled(true);
        if (m_creationProblem)
            m_creationProblem->close();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("New Group"),
            tr("The group “%1” could not be made.").arg(name), QMessageBox::Ok, m_window);
        box->setInformativeText(sentence);
        box->setAttribute(Qt::WA_DeleteOnClose);
        m_creationProblem = box;
        box->open();
    });
    m_leave->setToolTip(tr("Leave the room shown; its messages stay in your history"));
    connect(m_leave, &QAction::triggered, this, [this] {
        const QString room = m_window->chatPane()->chat();
        if (m_window->chatPane()->isRoom() && !room.isEmpty())
            m_features->roomMembership()->leave(room);
    });
    const Rooms *rooms = m_features->rooms();
    connect(rooms, &Rooms::joinFailed, this,
        [this](const QString &room, JoinError error) { onJoinFailed(room, error); });
    connect(rooms, &Rooms::joined, this, [this](const QString &room) {
        m_asked.remove(room);
        updateLeave();
    });
    connect(rooms, &Rooms::left, this, &RoomActions::updateLeave);
    connect(rooms, &Rooms::removed, this, &RoomActions::updateLeave);
    connect(m_window->chatPane(), &ChatPane::chatChanged, this, &RoomActions::updateLeave);
    connect(m_window->chatPane(), &ChatPane::chatChanged, this, &RoomActions::updateNotifications);
    updateLeave();
    updateNotifications();
}

AddressDialog *RoomActions::problemDialog() const
{
    return m_problem;
}

void RoomActions::setSettingsPath(const QString &path)
{
    m_settingsPath = path;
    updateNotifications();
}

void RoomActions::updateNotifications()
{
    const ChatPane *pane = m_window->chatPane();
    const QString room = pane->chat();
    const bool usable = !m_settingsPath.isEmpty() && pane->isRoom() && !room.isEmpty();
    m_notifications->setEnabled(usable);
    const RoomNotify current = usable ? RoomNotifications::mode(m_settingsPath, room) : RoomNotify::Default;
    const bool privateGroup = usable && m_features->rooms()->isPrivateGroup(room);
    for (QAction *action : m_notifyGroup->actions()) {
        const auto mode = RoomNotify(action->data().toInt());
        switch (mode) {
        case RoomNotify::Default:
            action->setText(privateGroup ? tr("&Default for a Private Group (Every Message)")
                                         : tr("&Default for a Channel (Mentions of You)"));
            break;
        case RoomNotify::All:
            action->setText(tr("&Every Message"));
            break;
        case RoomNotify::Mentions:
            action->setText(tr("&Only Mentions of You"));
            break;
        case RoomNotify::None:
            action->setText(tr("&Nothing"));
            break;
        }
        action->setChecked(mode == current);
    }
}

void RoomActions::join(const QString &room, const QString &nick, const QString &password)
{
    if (room.isEmpty() || nick.isEmpty())
        return;
    m_asked.insert(room, { nick, password });
    m_features->roomMembership()->join(room, nick, password);
    m_window->openChat(room);
    m_window->chatPane()->composer()->setFocus();
    updateLeave();
}

AddressDialog *RoomActions::askToJoin(const QString &room, const QString &password)
{
    if (room.isEmpty())
        return nullptr;
    if (m_features->rooms()->rooms().contains(room)) {
        m_window->openChat(room);
        m_window->chatPane()->composer()->setFocus();
        return nullptr;
    }
    if (m_problem)
        m_problem->close();
    auto *dialog = new AddressDialog(AddressDialog::Purpose::NewChat, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_problem = dialog;
    dialog->addressEdit()->setText(room);
    dialog->setRoom(true);
    dialog->setNick(m_features->roomMembership()->defaultNick());
    dialog->passwordEdit()->setText(password);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->isRoom()) {
            join(dialog->address(), dialog->nick(), dialog->password());
        } else {
            // The person unticked "room": a chat with that address, as New chat does.
            m_features->requests()->startChat(dialog->address());
            m_window->openChat(dialog->address());
        }
    });
    dialog->open();
    dialog->nickEdit()->setFocus();
    return dialog;
}

NewGroupDialog *RoomActions::newGroup()
{
    QList<Contact> contacts = m_features->roster()->contacts();
    contacts.removeIf([](const Contact &c) { return !c.inRoster; });
    std::sort(contacts.begin(), contacts.end(), [](const Contact &a, const Contact &b) {
        const auto shown = [](const Contact &c) { return c.name.isEmpty() ? c.jid : c.name; };
        return QString::localeAwareCompare(shown(a), shown(b)) < 0;
    });
    auto *dialog = new NewGroupDialog(contacts, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_newGroup->setEnabled(false); // one at a time; back once made or refused
        m_features->roomCreation()->create(dialog->name(), dialog->kind(), dialog->invitees());
    });
    dialog->open();
    return dialog;
}

QString RoomActions::sentence(JoinError error, const QString &room, const QString &nick, bool passwordGiven)
{
    if (error == JoinError::WrongPassword && !passwordGiven)
        return tr("%1 has a password. Enter it to join.").arg(room);
    return Rooms::sentence(error, room, nick);
}

void RoomActions::onJoinFailed(const QString &room, JoinError error)
{
    updateLeave();
    const auto asked = m_asked.constFind(room);
    if (asked == m_asked.cend())
        return; // a join at sign-in: the room's view says it (ChatPane)
    const auto [nick, password] = *asked;
    m_asked.erase(asked);
    if (m_problem)
        m_problem->close();
    // The person asked for this join just now: ask again, saying what went wrong.
    auto *dialog = new AddressDialog(AddressDialog::Purpose::NewChat, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_problem = dialog;
    const bool nickTaken = error == JoinError::NickTaken;
    dialog->setNick(nickTaken ? nick + u'_' : nick);
    dialog->passwordEdit()->setText(password);
    dialog->showJoinProblem(
        room, sentence(error, room, nick, !password.isEmpty()), nickTaken, error == JoinError::WrongPassword);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { join(dialog->address(), dialog->nick(), dialog->password()); });
    dialog->open();
}

void RoomActions::updateLeave()
{
    const ChatPane *pane = m_window->chatPane();
    m_leave->setEnabled(pane->isRoom() && m_features->rooms()->rooms().contains(pane->chat()));
}

} // namespace Jw::Ui
