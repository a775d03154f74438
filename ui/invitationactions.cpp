#include "invitationactions.h"

#include "accountfeatures.h"
#include "addressdialog.h"
#include "chatpane.h"
#include "invitationbar.h"
#include "invitations.h"
#include "invitedialog.h"
#include "mainwindow.h"
#include "roomactions.h"
#include "rooms.h"
#include "roster.h"

#include <QAction>
#include <QStatusBar>

namespace Jw::Ui {

InvitationActions::InvitationActions(AccountFeatures *features, MainWindow *window, RoomActions *roomActions)
    : QObject(window)
    , m_features(features)
    , m_window(window)
    , m_roomActions(roomActions)
    , m_invite(new QAction(tr("&Invite…"), window))
{
    m_invite->setToolTip(tr("Invite contacts to the room shown"));
    connect(m_invite, &QAction::triggered, this, [this] { askToInvite(m_window->chatPane()->chat()); });
    Rooms *rooms = m_features->rooms();
    connect(rooms, &Rooms::joined, this, &InvitationActions::update);
    connect(rooms, &Rooms::left, this, &InvitationActions::update);
    connect(rooms, &Rooms::removed, this, &InvitationActions::update);
    connect(m_window->chatPane(), &ChatPane::chatChanged, this, &InvitationActions::update);
    update();

    InvitationBar *bar = m_window->chatPane()->invitationBar();
    connect(bar, &InvitationBar::joinRequested, this, [this](const RoomInvitation &invitation) {
        m_roomActions->askToJoin(invitation.room, invitation.password);
    });
    connect(bar, &InvitationBar::declineRequested, this, [this](const RoomInvitation &invitation) {
        if (!m_features->invitations()->decline(invitation))
            m_window->statusBar()->showMessage(tr("Not connected: the room was not told."), 5000);
    });
}

InviteDialog *InvitationActions::askToInvite(const QString &room)
{
    if (room.isEmpty())
        return nullptr;
    QList<Contact> contacts = m_features->roster()->contacts();
    contacts.removeIf([](const Contact &c) { return !c.inRoster; });
    auto *dialog = new InviteDialog(room, contacts, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, room] {
        const int sent = m_features->invitations()->invite(room, dialog->chosen(), dialog->reason());
        m_window->statusBar()->showMessage(sent > 0 ? tr("Invited %n people to %1.", nullptr, sent).arg(room)
                                                    : tr("Not connected: nobody was invited."),
            5000);
    });
    dialog->open();
    return dialog;
}

void InvitationActions::update()
{
    const ChatPane *pane = m_window->chatPane();
    m_invite->setEnabled(pane->isRoom() && m_features->rooms()->state(pane->chat()) == Rooms::State::Joined);
}

} // namespace Jw::Ui
