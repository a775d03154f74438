#pragma once

#include "types.h"

#include <QFrame>
#include <QPointer>
#include <QSet>

class QAbstractItemModel;
class QLabel;
class QPushButton;

namespace Jw::Ui {

/// The strip above a chat's messages that shows the newest invitation to a
/// room in it (core/invitations.h) with Join and Decline. Nothing joins by
/// itself: Join asks (RoomActions::askToJoin). Hidden when there is none,
/// or once the person answered it.
class InvitationBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InvitationBar)

public:
    explicit InvitationBar(QWidget *parent = nullptr);

    /// The shown chat's messages (a MessagesModel); null: none.
    void setModel(QAbstractItemModel *model);
    /// The invitation shown, null when hidden.
    RoomInvitation invitation() const { return m_invitation; }

    QLabel *textLabel() const { return m_text; }
    QPushButton *joinButton() const { return m_join; }
    QPushButton *declineButton() const { return m_decline; }

    /// "Jenny invited you to team@conference.example.org.", plain text.
    static QString sentence(const RoomInvitation &invitation, const QString &inviterName);

Q_SIGNALS:
    void joinRequested(const Jw::RoomInvitation &invitation);
    void declineRequested(const Jw::RoomInvitation &invitation);

private:
    void update();
    void answer(bool join);

    QPointer<QAbstractItemModel> m_model;
    QLabel *const m_text;
    QPushButton *const m_join;
    QPushButton *const m_decline;
    RoomInvitation m_invitation;
    qint64 m_rowId = 0;
    QSet<qint64> m_answered; ///< invitations answered in this run (by the message's row id)
};

} // namespace Jw::Ui
