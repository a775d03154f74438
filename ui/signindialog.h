#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Jw::Ui {

/// Asks for an account's address and password (and, rarely needed, the
/// server to connect to). Fields are checked as they are typed; "Sign in"
/// stays disabled until the address and server are valid and a password is
/// there. The dialog does not close itself: the caller closes it once the
/// session is online, or calls showError() with the reason it is not.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    /// `keychainAvailable`: PasswordStore::isAvailable(); without a keychain
    /// the password cannot be remembered across runs, and the dialog says so.
    explicit SignInDialog(bool keychainAvailable, QWidget *parent = nullptr);

    /// Fills the fields for an account the profile already knows.
    void setJid(const QString &jid);
    /// As typed: "host", "host:port" or "[v6]:port".
    void setServer(const QString &text);
    void setServer(const QString &host, quint16 port);

    /// The normalised bare address; empty while it is not valid.
    QString jid() const;
    QString password() const;
    /// The server typed, if any; empty for "find it through DNS".
    QString serverHost() const;
    /// 0 for the default.
    quint16 serverPort() const;
    bool rememberPassword() const;

    /// While signing in, the fields are locked and "Signing in…" shows.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    /// Shows why signing in failed, and lets the person try again.
    void showError(const QString &sentence);

    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *serverEdit() const { return m_server; }
    QCheckBox *rememberCheck() const { return m_remember; }
    QLabel *addressErrorLabel() const { return m_addressError; }
    QLabel *serverErrorLabel() const { return m_serverError; }
    QLabel *keychainNoteLabel() const { return m_keychainNote; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *signInButton() const { return m_signIn; }
    QPushButton *createAccountButton() const { return m_createAccount; }

Q_SIGNALS:
    /// "Sign in" was pressed with valid fields; the dialog is busy from then
    /// until showError() or setBusy(false).
    void signInRequested();
    /// "Create Account…" was pressed (XEP-0077 in-band registration).
    void createAccountRequested();

private:
    void validate();
    void requestSignIn();

    QLineEdit *const m_address;
    QLabel *const m_addressError;
    QLineEdit *const m_password;
    QLineEdit *const m_server;
    QLabel *const m_serverError;
    QCheckBox *const m_remember;
    QLabel *const m_keychainNote;
    QLabel *const m_status;
    QLabel *const m_error;
    QPushButton *const m_signIn;
    QPushButton *const m_cancel;
    QPushButton *const m_createAccount;
    const bool m_keychainAvailable;
    bool m_busy = false;
};

} // namespace Jw::Ui
