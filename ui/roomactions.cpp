#include "roomactions.h"

#include "accountfeatures.h"
#include "addressdialog.h"
#include "chatpane.h"
#include "composer.h"
#include "mainwindow.h"
#include "requests.h"
#include "roommembership.h"
#include "rooms.h"

#include <QAction>
#include <QLineEdit>

namespace Jw::Ui {

RoomActions::RoomActions(AccountFeatures *features, MainWindow *window)
    : QObject(window)
    , m_features(features)
    , m_window(window)
    , m_leave(new QAction(tr("&Leave Room"), window))
{
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
    updateLeave();
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
