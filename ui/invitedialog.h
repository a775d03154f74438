#pragma once

#include "types.h"

#include <QDialog>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace Jw::Ui {

/// "Invite to ROOM": picks one or more contacts and an optional message.
class InviteDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InviteDialog)

public:
    InviteDialog(const QString &room, const QList<Contact> &contacts, QWidget *parent = nullptr);

    /// The contacts ticked, as bare addresses.
    QStringList chosen() const;
    QString reason() const;

    QListWidget *contactList() const { return m_list; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QPushButton *inviteButton() const { return m_invite; }

private:
    QListWidget *const m_list;
    QLineEdit *const m_reason;
    QPushButton *m_invite = nullptr;
};

} // namespace Jw::Ui
