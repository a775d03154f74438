#pragma once

#include <QDialog>
#include <QList>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;

namespace Jw {
struct Contact;
enum class RoomKind;
} // namespace Jw

namespace Jw::Ui {

/// "New Group…": the person names the room, chooses a private group or a
/// public channel, and may pick contacts to invite. Nothing else is asked:
/// the address is made from the name, and the room's settings follow the
/// kind (RoomCreation). Create stays disabled while the name is blank.
class NewGroupDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewGroupDialog)

public:
    /// `contacts`: the people who can be picked to invite, in the order shown.
    explicit NewGroupDialog(const QList<Contact> &contacts, QWidget *parent = nullptr);

    /// The name typed (trimmed).
    QString name() const;
    RoomKind kind() const;
    void setKind(RoomKind kind);
    /// The bare addresses of the contacts picked, in the order shown.
    QStringList invitees() const;

    QLineEdit *nameEdit() const { return m_name; }
    QRadioButton *privateButton() const { return m_private; }
    QRadioButton *publicButton() const { return m_public; }
    QListWidget *contactList() const { return m_contacts; }
    QLabel *kindLabel() const { return m_kindText; }
    QPushButton *createButton() const { return m_create; }

private:
    void update();

    QLineEdit *const m_name;
    QRadioButton *const m_private;
    QRadioButton *const m_public;
    QLabel *const m_kindText; ///< what the chosen kind means
    QListWidget *const m_contacts;
    QDialogButtonBox *const m_buttons;
    QPushButton *const m_create;
};

} // namespace Jw::Ui
