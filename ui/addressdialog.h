#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Jw::Ui {

/// Asks for a person's address, checked as it is typed: for a new chat, or
/// with an optional name for a new contact. OK stays disabled while the
/// address is not valid, and the reason shows under the field.
///
/// A new chat can be a room instead (XEP-0045): the person says so with
/// "Join it as a room", which asks for the nickname (and a password, for a
/// room that has one). The person chooses rather than Jabberwock asking the
/// address what it is: that works offline, sends nothing to an address
/// before the person confirms it, and is how the clients people know do it
/// (Dino's "Join channel", Conversations' "Join channel").
class AddressDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddressDialog)

public:
    enum class Purpose { NewChat, AddContact };

    explicit AddressDialog(Purpose purpose, QWidget *parent = nullptr);

    /// The normalised bare address; empty while what was typed is not valid.
    QString address() const;
    /// The name typed for a new contact (trimmed); empty for a new chat.
    QString name() const;

    /// A new chat: whether it is a room to join, and as whom.
    bool isRoom() const;
    void setRoom(bool room);
    /// The nickname for the room (trimmed); what the field starts with is `nick`.
    QString nick() const;
    void setNick(const QString &nick);
    QString password() const;
    /// A room that could not be joined: its address stays, the sentence shows
    /// under it, and the field to mend (the nickname, the password) takes the focus.
    void showJoinProblem(const QString &room, const QString &sentence, bool nickTaken, bool needsPassword);

    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *nameEdit() const { return m_name; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *okButton() const { return m_ok; }
    QCheckBox *roomCheck() const { return m_roomCheck; }
    QLineEdit *nickEdit() const { return m_nick; }
    QLineEdit *passwordEdit() const { return m_password; }

private:
    void validate();

    QLineEdit *const m_address;
    QLabel *const m_error;
    QLineEdit *const m_name; ///< null for a new chat
    QCheckBox *const m_roomCheck; ///< null for a new contact
    QLineEdit *const m_nick; ///< null for a new contact
    QLineEdit *const m_password; ///< null for a new contact
    QString m_problem; ///< a join problem shown until the address changes
    QDialogButtonBox *const m_buttons;
    QPushButton *const m_ok;
};

} // namespace Jw::Ui
