#include "createaccountdialog.h"

#include "address.h"
#include "profile.h"
#include "uiformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Jw::Ui {

CreateAccountDialog::CreateAccountDialog(QWidget *parent)
    : QDialog(parent)
    , m_registration(new AccountRegistration(this))
    , m_address(new QLineEdit(this))
    , m_addressError(makeErrorLabel(this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_repeatError(makeErrorLabel(this))
    , m_server(new QLineEdit(this))
    , m_serverError(makeErrorLabel(this))
    , m_instructions(makeSentenceLabel(this))
    , m_extraBox(new QWidget(this))
    , m_extraGrid(new QGridLayout(m_extraBox))
    , m_error(makeErrorLabel(this))
    , m_status(new QLabel(this))
    , m_create(new QPushButton(tr("&Create Account"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Create an Account"));

    auto *intro = makeSentenceLabel(this);
    intro->setText(tr("Choose the address you want on a server that lets apps create accounts. "
                      "Some servers ask for more; their questions appear below."));
    m_address->setPlaceholderText(tr("name@example.org"));
    m_address->setAccessibleName(tr("New address"));
    m_addressError->setAccessibleName(tr("Address problem"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_repeat->setAccessibleName(tr("Repeat the password"));
    m_repeatError->setAccessibleName(tr("Password problem"));
    m_server->setPlaceholderText(tr("Optional: host or host:port"));
    m_server->setAccessibleName(tr("Server"));
    m_serverError->setAccessibleName(tr("Server problem"));
    m_instructions->setAccessibleName(tr("The server's instructions"));
    m_instructions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setAccessibleName(tr("Problem creating the account"));
    m_status->setTextFormat(Qt::PlainText);
    m_extraGrid->setContentsMargins(0, 0, 0, 0);
    m_extraGrid->setColumnStretch(1, 1);

    FormGrid form(this);
    form.addField(tr("&Address:"), m_address);
    form.addBelow(m_addressError);
    form.addField(tr("&Password:"), m_password);
    form.addField(tr("&Repeat:"), m_repeat);
    form.addBelow(m_repeatError);
    form.addField(tr("Ser&ver:"), m_server);
    form.addBelow(m_serverError);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_create, QDialogButtonBox::ActionRole); // stays open while the server answers
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    m_create->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form.layout());
    layout->addWidget(m_instructions);
    layout->addWidget(m_extraBox);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    m_address->setMinimumWidth(m_address->fontMetrics().averageCharWidth() * 40);
    for (QWidget *hidden : { static_cast<QWidget *>(m_addressError), static_cast<QWidget *>(m_repeatError),
             static_cast<QWidget *>(m_serverError), static_cast<QWidget *>(m_instructions), m_extraBox,
             static_cast<QWidget *>(m_error), static_cast<QWidget *>(m_status) })
        hidden->hide();

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::rejected, m_registration, &AccountRegistration::cancel);
    connect(m_create, &QPushButton::clicked, this, &CreateAccountDialog::create);
    for (QLineEdit *edit : { m_address, m_password, m_repeat, m_server })
        connect(edit, &QLineEdit::textChanged, this, &CreateAccountDialog::validate);
    // A different server or name needs the form again.
    for (QLineEdit *edit : { m_address, m_server })
        connect(edit, &QLineEdit::textEdited, this, [this] {
            if (m_formOpen && !m_busy) {
                m_registration->cancel();
                m_formOpen = false;
            }
        });
    connect(m_registration, &AccountRegistration::formReceived, this, &CreateAccountDialog::onFormReceived);
    connect(m_registration, &AccountRegistration::failed, this, &CreateAccountDialog::onFailed);
    connect(m_registration, &AccountRegistration::succeeded, this, [this] {
        setBusy(false);
        accept();
    });
    validate();
}

void CreateAccountDialog::setPinnedCertificates(const QList<QSslCertificate> &certificates)
{
    m_pinned = certificates;
}

void CreateAccountDialog::trustCertificateAndRetry(const QSslCertificate &certificate)
{
    if (!m_pinned.contains(certificate))
        m_pinned.append(certificate);
    create();
}

void CreateAccountDialog::setServer(const QString &text)
{
    m_server->setText(text);
}

QString CreateAccountDialog::jid() const
{
    const auto parsed = parsePersonAddress(m_address->text());
    return parsed ? parsed.value() : QString();
}

QString CreateAccountDialog::password() const
{
    return m_password->text();
}

QString CreateAccountDialog::serverHost() const
{
    const auto parsed = parseServer(m_server->text());
    return parsed ? parsed->host : QString();
}

quint16 CreateAccountDialog::serverPort() const
{
    const auto parsed = parseServer(m_server->text());
    return parsed ? parsed->port : 0;
}

void CreateAccountDialog::validate()
{
    const auto address = parsePersonAddress(m_address->text());
    const QString addressProblem = m_address->text().trimmed().isEmpty() ? QString() : address.errorMessage();
    m_addressError->setText(addressProblem);
    m_addressError->setVisible(!addressProblem.isEmpty());
    m_address->setAccessibleDescription(addressProblem);

    const bool repeated = m_password->text() == m_repeat->text();
    const QString repeatProblem
        = m_repeat->text().isEmpty() || repeated ? QString() : tr("The two passwords are not the same.");
    m_repeatError->setText(repeatProblem);
    m_repeatError->setVisible(!repeatProblem.isEmpty());

    const auto server = parseServer(m_server->text());
    m_serverError->setText(server.errorMessage());
    m_serverError->setVisible(!server.ok());

    m_create->setEnabled(!m_busy && address.ok() && server.ok() && !m_password->text().isEmpty() && repeated
        && extraFieldsComplete());
}

void CreateAccountDialog::create()
{
    validate();
    if (!m_create->isEnabled())
        return;
    m_error->hide();
    const Address address = parseAddress(jid()).value();
    if (m_formOpen && m_registration->isBusy()) {
        // The server's form is already here (it asked for more): send it.
        setBusy(true, tr("Creating the account…"));
        m_registration->submit(address.local, password(), extraValues());
        return;
    }
    setBusy(true, tr("Asking %1…").arg(address.domain));
    m_registration->setPinnedCertificates(m_pinned);
    m_registration->requestForm(address.domain, serverHost(), serverPort());
}

void CreateAccountDialog::onFormReceived(const RegistrationForm &form)
{
    m_formOpen = true;
    m_instructions->setText(form.instructions);
    m_instructions->setVisible(!form.instructions.trimmed().isEmpty());
    const bool usable
        = form.hasField(QStringLiteral("username")) && form.hasField(QStringLiteral("password"));
    if (!usable || form.hasChallenge) {
        m_registration->cancel();
        m_formOpen = false;
        setBusy(false);
        showError(form.url.isEmpty()
                ? tr("%1 asks for something Jabberwock cannot show here. Create the account on the "
                     "server's website, then sign in.")
                      .arg(form.domain)
                : tr("%1 creates accounts on its website: %2. Then sign in here.")
                      .arg(form.domain, form.url));
        return;
    }
    showExtraFields(form);
    if (!extraFieldsComplete()) {
        setBusy(false);
        showError(tr("%1 asks for a little more: fill in the fields below, then press Create Account again.")
                      .arg(form.domain));
        fitHeightToWidth(this);
        return;
    }
    setBusy(true, tr("Creating the account…"));
    m_registration->submit(parseAddress(jid())->local, password(), extraValues());
}

void CreateAccountDialog::onFailed(const RegistrationError &error)
{
    m_formOpen = false; // a new try asks for a new form
    setBusy(false);
    showError(error.message);
    if (error.kind == RegistrationError::Kind::CertificateUntrusted)
        Q_EMIT certificateNotTrusted(error);
    if (error.kind == RegistrationError::Kind::NameTaken) {
        m_address->setFocus();
        m_address->setSelection(0, int(m_address->text().indexOf(u'@')));
    }
}

void CreateAccountDialog::showExtraFields(const RegistrationForm &form)
{
    // Keep what was typed into fields the server asks for again.
    const QHash<QString, QString> typed = extraValues();
    while (QLayoutItem *item = m_extraGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_extraWidgets.clear();
    m_requiredExtras.clear();
    int row = 0;
    const auto fields = form.extraFields();
    for (const RegistrationField &field : fields) {
        const QString label = field.label.isEmpty() ? field.key : field.label;
        QWidget *input = nullptr;
        switch (field.kind) {
        case RegistrationField::Kind::Fixed: {
            QLabel *text = makeSentenceLabel(m_extraBox);
            text->setText(field.value);
            m_extraGrid->addWidget(text, row++, 0, 1, 2);
            continue;
        }
        case RegistrationField::Kind::Boolean: {
            auto *check = new QCheckBox(label, m_extraBox);
            check->setChecked(typed.value(field.key, field.value) == u'1');
            connect(check, &QCheckBox::toggled, this, &CreateAccountDialog::validate);
            m_extraGrid->addWidget(check, row++, 1);
            input = check;
            break;
        }
        case RegistrationField::Kind::Choice: {
            auto *choice = new QComboBox(m_extraBox);
            for (const auto &[optionLabel, optionValue] : field.options)
                choice->addItem(optionLabel.isEmpty() ? optionValue : optionLabel, optionValue);
            const int current = choice->findData(typed.value(field.key, field.value));
            choice->setCurrentIndex(current < 0 ? 0 : current);
            input = choice;
            break;
        }
        case RegistrationField::Kind::Text:
        case RegistrationField::Kind::Password: {
            auto *edit = new QLineEdit(m_extraBox);
            edit->setText(typed.value(field.key, field.value));
            if (field.kind == RegistrationField::Kind::Password)
                edit->setEchoMode(QLineEdit::Password);
            edit->setPlaceholderText(field.required ? QString() : tr("Optional"));
            connect(edit, &QLineEdit::textChanged, this, &CreateAccountDialog::validate);
            input = edit;
            break;
        }
        case RegistrationField::Kind::Hidden:
            continue;
        }
        input->setAccessibleName(label);
        input->setAccessibleDescription(field.description);
        input->setToolTip(field.description);
        input->setProperty("jwKey", field.key);
        if (!qobject_cast<QCheckBox *>(input)) {
            auto *name = new QLabel(label + u':', m_extraBox);
            name->setTextFormat(Qt::PlainText);
            name->setBuddy(input);
            m_extraGrid->addWidget(name, row, 0);
            m_extraGrid->addWidget(input, row++, 1);
        }
        m_extraWidgets.insert(field.key, input);
        if (field.required && field.kind != RegistrationField::Kind::Boolean)
            m_requiredExtras.append(field.key);
    }
    m_extraBox->setVisible(!m_extraWidgets.isEmpty() || row > 0);
    validate();
}

bool CreateAccountDialog::extraFieldsComplete() const
{
    const QHash<QString, QString> values = extraValues();
    return std::all_of(m_requiredExtras.cbegin(), m_requiredExtras.cend(),
        [&](const QString &key) { return !values.value(key).trimmed().isEmpty(); });
}

QHash<QString, QString> CreateAccountDialog::extraValues() const
{
    QHash<QString, QString> values;
    for (auto it = m_extraWidgets.cbegin(); it != m_extraWidgets.cend(); ++it) {
        if (const auto *edit = qobject_cast<QLineEdit *>(it.value()))
            values.insert(it.key(), edit->text());
        else if (const auto *check = qobject_cast<QCheckBox *>(it.value()))
            values.insert(it.key(), check->isChecked() ? QStringLiteral("1") : QStringLiteral("0"));
        else if (const auto *choice = qobject_cast<QComboBox *>(it.value()))
            values.insert(it.key(), choice->currentData().toString());
    }
    return values;
}

void CreateAccountDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    for (QWidget *input : { static_cast<QWidget *>(m_address), static_cast<QWidget *>(m_password),
             static_cast<QWidget *>(m_repeat), static_cast<QWidget *>(m_server), m_extraBox })
        input->setEnabled(!busy);
    m_status->setText(status);
    m_status->setVisible(busy && !status.isEmpty());
    validate();
    fitHeightToWidth(this);
}

void CreateAccountDialog::showError(const QString &sentence)
{
    m_error->setText(sentence);
    m_error->setVisible(!sentence.isEmpty());
    fitHeightToWidth(this);
}

} // namespace Jw::Ui
