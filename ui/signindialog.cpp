#include "signindialog.h"

#include "address.h"
#include "profile.h"
#include "uiformat.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Jw::Ui {

SignInDialog::SignInDialog(bool keychainAvailable, QWidget *parent)
    : QDialog(parent)
    , m_address(new QLineEdit(this))
    , m_addressError(makeErrorLabel(this))
    , m_password(new QLineEdit(this))
    , m_server(new QLineEdit(this))
    , m_serverError(makeErrorLabel(this))
    , m_remember(new QCheckBox(tr("&Remember password"), this))
    , m_keychainNote(makeSentenceLabel(this))
    , m_status(new QLabel(this))
    , m_error(makeErrorLabel(this))
    , m_signIn(new QPushButton(tr("&Sign In"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_createAccount(new QPushButton(tr("&Create Account…"), this))
    , m_keychainAvailable(keychainAvailable)
{
    setWindowTitle(tr("Sign In to Jabberwock"));

    m_address->setPlaceholderText(tr("name@example.org"));
    m_address->setAccessibleName(tr("Address"));
    m_addressError->setAccessibleName(tr("Address problem"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_server->setPlaceholderText(tr("Optional: host or host:port"));
    m_server->setAccessibleName(tr("Server"));
    m_server->setAccessibleDescription(tr("Leave empty to find the server from the address."));
    m_serverError->setAccessibleName(tr("Server problem"));
    m_remember->setAccessibleName(tr("Remember password"));
    m_remember->setChecked(keychainAvailable);
    m_remember->setEnabled(keychainAvailable);
    m_keychainNote->setText(tr("No system keychain was found: the password will be kept only until you quit."));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setText(tr("Signing in…"));
    m_error->setAccessibleName(tr("Sign-in problem"));

    FormGrid form(this);
    form.addField(tr("&Address:"), m_address);
    form.addBelow(m_addressError);
    form.addField(tr("&Password:"), m_password);
    form.addField(tr("Ser&ver:"), m_server);
    form.addBelow(m_serverError);
    form.addBelow(m_remember);
    form.addBelow(m_keychainNote);
    m_keychainNote->setVisible(!keychainAvailable);

    auto *buttons = new QDialogButtonBox(this);
    // Not AcceptRole: pressing it starts signing in; the dialog stays open.
    buttons->addButton(m_signIn, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    // Help role: on the far side from "Sign in", where a new person looks for it.
    buttons->addButton(m_createAccount, QDialogButtonBox::HelpRole);
    m_createAccount->setToolTip(tr("Make a new account on a server that allows it"));
    m_createAccount->setAutoDefault(false);
    m_signIn->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form.layout());
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    // Wide enough that a sentence under a field wraps into few lines; the
    // window's width comes from here (see fitHeightToWidth).
    m_address->setMinimumWidth(m_address->fontMetrics().averageCharWidth() * 40);
    m_error->hide();
    m_status->hide();

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::requestSignIn);
    connect(m_createAccount, &QPushButton::clicked, this, &SignInDialog::createAccountRequested);
    connect(m_address, &QLineEdit::textChanged, this, &SignInDialog::validate);
    connect(m_password, &QLineEdit::textChanged, this, &SignInDialog::validate);
    connect(m_server, &QLineEdit::textChanged, this, &SignInDialog::validate);
    validate();
}

void SignInDialog::setJid(const QString &jid)
{
    m_address->setText(jid);
    if (!jid.isEmpty())
        m_password->setFocus();
}

void SignInDialog::setServer(const QString &text)
{
    m_server->setText(text);
}

void SignInDialog::setServer(const QString &host, quint16 port)
{
    QString text = host.contains(u':') ? u'[' + host + u']' : host;
    if (!host.isEmpty() && port != 0)
        text += u':' + QString::number(port);
    setServer(text);
}

QString SignInDialog::jid() const
{
    const auto parsed = parsePersonAddress(m_address->text());
    return parsed ? parsed.value() : QString();
}

QString SignInDialog::password() const
{
    return m_password->text();
}

QString SignInDialog::serverHost() const
{
    const auto parsed = parseServer(m_server->text());
    return parsed ? parsed->host : QString();
}

quint16 SignInDialog::serverPort() const
{
    const auto parsed = parseServer(m_server->text());
    return parsed ? parsed->port : 0;
}

bool SignInDialog::rememberPassword() const
{
    return m_keychainAvailable && m_remember->isChecked();
}

void SignInDialog::validate()
{
    const bool addressShown = !m_addressError->isHidden();
    const bool serverShown = !m_serverError->isHidden();

    // A field left empty is not a mistake yet: it only keeps the button off.
    const auto address = parsePersonAddress(m_address->text());
    const QString addressProblem = m_address->text().trimmed().isEmpty() ? QString() : address.errorMessage();
    m_addressError->setText(addressProblem);
    m_addressError->setVisible(!addressProblem.isEmpty());
    m_address->setAccessibleDescription(addressProblem);

    const auto server = parseServer(m_server->text());
    m_serverError->setText(server.errorMessage());
    m_serverError->setVisible(!server.ok());

    m_signIn->setEnabled(!m_busy && address.ok() && server.ok() && !m_password->text().isEmpty());
    if (addressShown != !m_addressError->isHidden() || serverShown != !m_serverError->isHidden())
        fitHeightToWidth(this);
}

void SignInDialog::requestSignIn()
{
    validate();
    if (!m_signIn->isEnabled())
        return;
    setBusy(true);
    Q_EMIT signInRequested();
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *input : { static_cast<QWidget *>(m_address), static_cast<QWidget *>(m_password),
             static_cast<QWidget *>(m_server) })
        input->setEnabled(!busy);
    m_remember->setEnabled(!busy && m_keychainAvailable);
    m_createAccount->setEnabled(!busy);
    m_status->setVisible(busy);
    if (busy)
        m_error->hide();
    validate();
    fitHeightToWidth(this);
}

void SignInDialog::showError(const QString &sentence)
{
    setBusy(false);
    m_error->setText(sentence);
    m_error->setVisible(!sentence.isEmpty());
    fitHeightToWidth(this);
    m_password->setFocus();
    m_password->selectAll();
}

} // namespace Jw::Ui
