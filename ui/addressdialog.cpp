#include "addressdialog.h"

#include "address.h"
#include "uiformat.h"

#include <QCheckBox>
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
    , m_roomCheck(purpose == Purpose::NewChat ? new QCheckBox(tr("Join it as a &room (group chat)"), this) : nullptr)
    , m_nick(purpose == Purpose::NewChat ? new QLineEdit(this) : nullptr)
    , m_password(purpose == Purpose::NewChat ? new QLineEdit(this) : nullptr)
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
    if (m_roomCheck) {
        form.addBelow(m_roomCheck);
        m_nick->setAccessibleName(tr("Nickname"));
        m_nick->setToolTip(tr("How the others in the room see you"));
        form.addField(tr("Nic&kname:"), m_nick);
        m_password->setAccessibleName(tr("Room password"));
        m_password->setPlaceholderText(tr("Only if the room has one"));
        m_password->setEchoMode(QLineEdit::Password);
        form.addField(tr("&Password:"), m_password);
        connect(m_roomCheck, &QCheckBox::toggled, this, &AddressDialog::setRoom);
        connect(m_nick, &QLineEdit::textChanged, this, &AddressDialog::validate);
        setRoom(false);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form.layout());
    layout->addWidget(m_buttons);
    m_address->setMinimumWidth(m_address->fontMetrics().averageCharWidth() * 36);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_address, &QLineEdit::textChanged, this, [this] {
        m_problem.clear(); // another address: the last one's problem no longer holds
        validate();
    });
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

bool AddressDialog::isRoom() const
{
    return m_roomCheck && m_roomCheck->isChecked();
}

void AddressDialog::setRoom(bool room)
{
    if (!m_roomCheck)
        return;
    m_roomCheck->setChecked(room);
    m_nick->setVisible(room);
    m_password->setVisible(room);
    // The fields' labels follow their fields (FormGrid sets them as buddies).
    const auto labels = findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->buddy() == m_nick || label->buddy() == m_password)
            label->setVisible(room);
    }
    setWindowTitle(room ? tr("Join Room") : tr("New Chat"));
    m_ok->setText(room ? tr("Join Room") : tr("Start Chat"));
    m_address->setPlaceholderText(room ? tr("room@conference.example.org") : tr("name@example.org"));
    validate();
    if (isVisible())
        fitHeightToWidth(this);
}

QString AddressDialog::nick() const
{
    return m_nick ? m_nick->text().trimmed() : QString();
}

void AddressDialog::setNick(const QString &nick)
{
    if (m_nick)
        m_nick->setText(nick);
}

QString AddressDialog::password() const
{
    return m_password ? m_password->text() : QString();
}

void AddressDialog::showJoinProblem(const QString &room, const QString &sentence, bool nickTaken, bool needsPassword)
{
    setRoom(true);
    m_address->setText(room);
    m_problem = sentence;
    validate();
    if (nickTaken) {
        m_nick->setFocus();
        m_nick->selectAll();
    } else if (needsPassword) {
        m_password->clear();
        m_password->setFocus();
    }
}

void AddressDialog::validate()
{
    const auto parsed = parsePersonAddress(m_address->text());
    // Nothing typed yet is not a mistake: no sentence, just no OK.
    QString problem = m_address->text().trimmed().isEmpty() ? QString() : parsed.errorMessage();
    if (problem.isEmpty())
        problem = m_problem;
    m_error->setText(problem);
    const bool wasShown = !m_error->isHidden();
    m_error->setVisible(!problem.isEmpty());
    if (wasShown != !problem.isEmpty())
        fitHeightToWidth(this);
    m_address->setAccessibleDescription(problem);
    m_ok->setEnabled(parsed.ok() && (!isRoom() || !nick().isEmpty()));
}

} // namespace Jw::Ui
