#pragma once

#include "invitedialog.h"
#include "types.h"

#include <QObject>
#include <QPointer>

class QAction;

namespace Jw {
class AccountFeatures;
} // namespace Jw

namespace Jw::Ui {

class MainWindow;
class RoomActions;

/// Invitations to rooms from the main window (core/invitations.h):
/// "Invite…" for the shown room, and the answers to an invitation received
/// (the chat's InvitationBar): Join asks in New chat with the room and
/// password filled in (RoomActions::askToJoin), Decline tells a room that
/// sent it.
class InvitationActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InvitationActions)

public:
    InvitationActions(AccountFeatures *features, MainWindow *window, RoomActions *roomActions);

    /// "Invite…": enabled while a room we are in is shown.
    QAction *inviteAction() const { return m_invite; }
    /// Opens the dialog for `room`; what is ticked is invited on OK.
    InviteDialog *askToInvite(const QString &room);
    InviteDialog *inviteDialog() const { return m_dialog; }

private:
    void update();

    AccountFeatures *const m_features;
    MainWindow *const m_window;
    RoomActions *const m_roomActions;
    QAction *const m_invite;
    QPointer<InviteDialog> m_dialog;
};

} // namespace Jw::Ui
