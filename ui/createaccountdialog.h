#pragma once

#include "registration.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Jw::Ui {

/// Creates an account on a server that allows it (XEP-0077), from the
/// sign-in dialog: the address the person wants, a password typed twice,
/// and, rarely, the server to connect to. What the server asks beyond a
/// name and a password (an e-mail address, a question) appears below once
/// it is known; its instructions and errors are shown in its own words.
/// The dialog closes (accepted) once the account exists; jid(), password()
/// and the server fields then say how to sign in with it.
class CreateAccountDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateAccountDialog)

public:
    explicit CreateAccountDialog(QWidget *parent = nullptr);

    /// Certificates trusted though they do not verify (pinned, --trust-certificate).
    void setPinnedCertificates(const QList<QSslCertificate> &certificates);
    /// Adds a certificate the person chose to trust and tries again.
    void trustCertificateAndRetry(const QSslCertificate &certificate);
    /// As typed in the sign-in dialog: "host", "host:port".
    void setServer(const QString &text);

    QString jid() const;
    QString password() const;
    QString serverHost() const;
    quint16 serverPort() const;
    /// The certificates trusted for this server, including any accepted here.
    QList<QSslCertificate> pinnedCertificates() const { return m_pinned; }

    bool isBusy() const { return m_busy; }
    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QLineEdit *serverEdit() const { return m_server; }
    QLabel *instructionsLabel() const { return m_instructions; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *createButton() const { return m_create; }
    /// The widgets made for the server's extra fields, by the form's key.
    QHash<QString, QWidget *> extraFieldWidgets() const { return m_extraWidgets; }

Q_SIGNALS:
    /// The server's certificate does not verify. The caller may ask the
    /// person and call trustCertificateAndRetry().
    void certificateNotTrusted(const Jw::RegistrationError &error);

private:
    void validate();
    void create();
    void onFormReceived(const RegistrationForm &form);
    void onFailed(const RegistrationError &error);
    void showExtraFields(const RegistrationForm &form);
    bool extraFieldsComplete() const;
    QHash<QString, QString> extraValues() const;
    void setBusy(bool busy, const QString &status = {});
    void showError(const QString &sentence);

    AccountRegistration *const m_registration;
    QLineEdit *const m_address;
    QLabel *const m_addressError;
    QLineEdit *const m_password;
    QLineEdit *const m_repeat;
    QLabel *const m_repeatError;
    QLineEdit *const m_server;
    QLabel *const m_serverError;
    QLabel *const m_instructions;
    QWidget *const m_extraBox;
    QGridLayout *const m_extraGrid;
    QLabel *const m_error;
    QLabel *const m_status;
    QPushButton *const m_create;
    QPushButton *const m_cancel;
    QList<QSslCertificate> m_pinned;
    QHash<QString, QWidget *> m_extraWidgets;
    QStringList m_requiredExtras;
    bool m_busy = false;
    bool m_formOpen = false; ///< a form arrived and its connection waits for the answer
};

} // namespace Jw::Ui
