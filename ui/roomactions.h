#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class QAction;
class QActionGroup;
class QMenu;

namespace Jw {
class AccountFeatures;
enum class JoinError;
} // namespace Jw

namespace Jw::Ui {

class AddressDialog;
class MainWindow;
class ModerationActions;
class NewGroupDialog;

/// What the person does with rooms from the main window: joining one (from
/// New chat), being told in plain words why a join failed and mending it
/// there (another nickname, the password), and leaving the shown room.
class RoomActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomActions)

public:
    RoomActions(AccountFeatures *features, MainWindow *window);

    /// Joins `room` as the person asked (kept as a bookmark once in) and opens it.
    void join(const QString &room, const QString &nick, const QString &password = {});
    /// An `xmpp:room?join` link (XEP-0045 §17.4): a room the person is in
    /// opens; another asks first, in the New chat dialog with the room, the
    /// usual nickname and the link's password filled in, so that following a
    /// link never joins anything by itself. Returns that dialog, or null.
    AddressDialog *askToJoin(const QString &room, const QString &password = {});
    /// "Leave Room": leaves the shown room and removes its bookmark; its history stays.
    QAction *leaveAction() const { return m_leave; }
    /// "New Group…": asks for a name and a kind (NewGroupDialog) and makes
    /// the room (RoomCreation); it opens once made, or a message says why not.
    QAction *newGroupAction() const { return m_newGroup; }
    /// "Room Notifications": when the shown room notifies (all messages,
    /// mentions only, nothing, or the default for its kind: a private group
    /// like a chat, a channel on mentions), kept per room in the profile's
    /// settings (RoomNotifications). Enabled while a room is shown and the
    /// settings file is known (setSettingsPath).
    QMenu *notificationsMenu() const { return m_notifications; }
    void setSettingsPath(const QString &path);
    /// Opens the New Group dialog (what the action does); returns it.
    NewGroupDialog *newGroup();
    /// Nickname, subject, kick, ban, membership, destruction (ModerationActions).
    ModerationActions *moderation() const { return m_moderation; }
    /// The message saying why the last group could not be made, while it is open.
    QWidget *creationProblem() const { return m_creationProblem; }

    /// The dialog that says why the last join the person asked for failed, while it is open.
    AddressDialog *problemDialog() const;

    /// The sentence for a failed join, as the person reads it: a room that
    /// needs a password and got none is asked for one, not told it is wrong.
    static QString sentence(JoinError error, const QString &room, const QString &nick, bool passwordGiven);

private:
    void onJoinFailed(const QString &room, JoinError error);
    void updateLeave();
    void updateNotifications();

    AccountFeatures *const m_features;
    MainWindow *const m_window;
    QAction *const m_leave;
    QAction *const m_newGroup;
    QMenu *const m_notifications;
    QActionGroup *const m_notifyGroup;
    QString m_settingsPath;
    ModerationActions *const m_moderation;
    QPointer<QWidget> m_creationProblem;
    QHash<QString, std::pair<QString, QString>>
        m_asked; ///< joins the person asked for: room -> nick, password
    QPointer<AddressDialog> m_problem;
};

} // namespace Jw::Ui
