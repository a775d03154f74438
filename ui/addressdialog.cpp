#include "addressdialog.h"

#include "address.h"
#include "uiformat.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Jw::Ui {

AddressDialog::AddressDialog(Purpose purpose, QWidget *parent)
    : QDialog(parent)
    , m_address(new QLineEdit(this))
    , m_error(makeErrorLabel(this))
    , m_name(purpose == Purpose::AddContact ? new QLineEdit(this) : nullptr)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_ok(m_buttons->button(QDialogButtonBox::Ok))
{
    const bool newChat = purpose == Purpose::NewChat;
    setWindowTitle(newChat ? tr("New Chat") : tr("Add Contact"));
    m_address->setPlaceholderText(tr("name@example.org"));
    m_address->setAccessibleName(tr("Address"));
    m_address->setClearButtonEnabled(true);
    m_error->setAccessibleName(tr("Address problem"));
    m_ok->setText(newChat ? tr("Start Chat") : tr("Add"));

    FormGrid form(this);
    form.addField(tr("&Address:"), m_address);
    form.addBelow(m_error);
    if (m_name) {
        m_name->setPlaceholderText(tr("Optional"));
        m_name->setAccessibleName(tr("Name"));
        form.addField(tr("&Name:"), m_name);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form.layout());
    layout->addWidget(m_buttons);
    m_address->setMinimumWidth(m_address->fontMetrics().averageCharWidth() * 36);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_address, &QLineEdit::textChanged, this, &AddressDialog::validate);
    validate();
}

QString AddressDialog::address() const
{
    const auto parsed = parsePersonAddress(m_address->text());
    return parsed ? parsed.value() : QString();
}

QString AddressDialog::name() const
{
    return m_name ? m_name->text().trimmed() : QString();
}

void AddressDialog::validate()
{
    const auto parsed = parsePersonAddress(m_address->text());
    // Nothing typed yet is not a mistake: no sentence, just no OK.
    const QString problem = m_address->text().trimmed().isEmpty() ? QString() : parsed.errorMessage();
    m_error->setText(problem);
    const bool wasShown = !m_error->isHidden();
    m_error->setVisible(!problem.isEmpty());
    if (wasShown != !problem.isEmpty())
        fitHeightToWidth(this);
    m_address->setAccessibleDescription(problem);
    m_ok->setEnabled(parsed.ok());
}

} // namespace Jw::Ui
