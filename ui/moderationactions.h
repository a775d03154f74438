#pragma once

#include "nickdialog.h"
#include "roommoderation.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QMenu;
class QPoint;

namespace Jw {
class AccountFeatures;
} // namespace Jw

namespace Jw::Ui {

class MainWindow;

/// What the person does to the shown room beyond joining and leaving
/// (issue 14): change their nickname, change the subject where allowed,
/// kick or ban (with an optional reason), make or unmake members from the
/// occupant list's context menu, add a member by address, destroy a room they own. Each is offered only
/// as our role and affiliation allow (RoomModeration::may…); a kick, a ban
/// and a destruction are confirmed first; a refusal is said in a message box.
class ModerationActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModerationActions)

public:
    ModerationActions(AccountFeatures *features, MainWindow *window);

    QAction *nickAction() const { return m_nick; }
    QAction *subjectAction() const { return m_subject; }
    QAction *addMemberAction() const { return m_addMember; }
    QAction *destroyAction() const { return m_destroy; }

    /// The occupant list's menu for `nick` in the shown room: Kick, Ban…,
    /// Make Member, Remove Membership (object names "kick", "ban",
    /// "grantMembership", "revokeMembership"), each enabled as allowed.
    /// Deleted when closed.
    QMenu *occupantMenu(const QString &nick, QWidget *parent);

    /// What the actions open, while open (for tests).
    NickDialog *changeNick();
    QInputDialog *changeSubject();
    QInputDialog *addMember();
    /// Kick… and Ban… ask for an optional reason, which the room tells everyone.
    QInputDialog *confirmKick(const QString &nick);
    QInputDialog *confirmBan(const QString &nick);
    QMessageBox *confirmDestroy();
    NickDialog *nickDialog() const { return m_nickDialog; }
    /// The open reason, subject or address dialog.
    QInputDialog *inputDialog() const { return m_input; }
    QMessageBox *confirmation() const { return m_confirmation; }
    /// The message saying why the last action failed, while open.
    QMessageBox *problem() const { return m_problem; }

private:
    QString shownRoom() const;
    void update();
    void showOccupantMenu(const QPoint &at);
    void onFailed(const QString &room, const QString &sentence);
    QMessageBox *confirm(const QString &text, const QString &detail, const QString &yes);
    QInputDialog *askReason(const QString &title, const QString &label, const QString &yes,
        std::function<void(const QString &)> doIt);

    AccountFeatures *const m_features;
    RoomModeration *const m_moderation;
    MainWindow *const m_window;
    QAction *const m_nick;
    QAction *const m_subject;
    QAction *const m_addMember;
    QAction *const m_destroy;
    QPointer<NickDialog> m_nickDialog;
    QPointer<QInputDialog> m_input;
    QPointer<QMessageBox> m_confirmation;
    QPointer<QMessageBox> m_problem;
    QString m_nickAsked; ///< the room whose nickname change the person asked for
};

} // namespace Jw::Ui
