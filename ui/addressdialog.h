#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Jw::Ui {

/// Asks for a person's address, checked as it is typed: for a new chat, or
/// with an optional name for a new contact. OK stays disabled while the
/// address is not valid, and the reason shows under the field.
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

    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *nameEdit() const { return m_name; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *okButton() const { return m_ok; }

private:
    void validate();

    QLineEdit *const m_address;
    QLabel *const m_error;
    QLineEdit *const m_name; ///< null for a new chat
    QDialogButtonBox *const m_buttons;
    QPushButton *const m_ok;
};

} // namespace Jw::Ui
