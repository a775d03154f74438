#include "invitationbar.h"

#include "models.h"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Jw::Ui {

InvitationBar::InvitationBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_join(new QPushButton(tr("&Join"), this))
    , m_decline(new QPushButton(tr("&Decline"), this))
{
    setFrameShape(QFrame::StyledPanel);
    m_text->setTextFormat(Qt::PlainText); // the reason and the names come from others
    m_text->setWordWrap(true);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_join);
    layout->addWidget(m_decline);
    connect(m_join, &QPushButton::clicked, this, [this] { answer(true); });
    connect(m_decline, &QPushButton::clicked, this, [this] { answer(false); });
    hide();
}

QString InvitationBar::sentence(const RoomInvitation &invitation, const QString &inviterName)
{
    QString text = invitation.mediated
        ? (invitation.inviter.isEmpty()
                  ? tr("The room %1 invites you.").arg(invitation.room)
                  : tr("The room %1 says %2 invited you.").arg(invitation.room, invitation.inviter))
        : tr("%1 invited you to the room %2.").arg(inviterName, invitation.room);
    if (!invitation.reason.isEmpty())
        text += u' ' + tr("“%1”").arg(invitation.reason);
    return text;
}

void InvitationBar::setModel(QAbstractItemModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model) {
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &InvitationBar::update);
        connect(m_model, &QAbstractItemModel::modelReset, this, &InvitationBar::update);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &InvitationBar::update);
    }
    update();
}

void InvitationBar::update()
{
    m_invitation = {};
    m_rowId = 0;
    if (m_model) {
        // The newest invitation not answered yet.
        for (int row = m_model->rowCount() - 1; row >= 0; --row) {
            const QModelIndex i = m_model->index(row, 0);
            const QString room = i.data(MessagesModel::InvitationRoomRole).toString();
            if (room.isEmpty())
                continue;
            const qint64 rowId = i.data(MessagesModel::RowIdRole).toLongLong();
            if (m_answered.contains(rowId))
                break;
            m_rowId = rowId;
            m_invitation.room = room;
            m_invitation.password = i.data(MessagesModel::InvitationPasswordRole).toString();
            m_invitation.reason = i.data(MessagesModel::InvitationReasonRole).toString();
            m_invitation.inviter = i.data(MessagesModel::InvitationInviterRole).toString();
            m_invitation.mediated = i.data(MessagesModel::InvitationMediatedRole).toBool();
            m_text->setText(sentence(m_invitation, i.data(MessagesModel::SenderRole).toString()));
            m_decline->setToolTip(m_invitation.mediated ? tr("Tell the room you will not join")
                                                        : tr("Put the invitation away"));
            break;
        }
    }
    setVisible(!m_invitation.isNull());
}

void InvitationBar::answer(bool join)
{
    if (m_invitation.isNull())
        return;
    const RoomInvitation invitation = m_invitation;
    m_answered.insert(m_rowId);
    update();
    if (join)
        Q_EMIT joinRequested(invitation);
    else
        Q_EMIT declineRequested(invitation);
}

} // namespace Jw::Ui
