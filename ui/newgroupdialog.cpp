#include "newgroupdialog.h"

#include "roomcreation.h"
#include "types.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Jw::Ui {

NewGroupDialog::NewGroupDialog(const QList<Contact> &contacts, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_private(new QRadioButton(tr("&Private group"), this))
    , m_public(new QRadioButton(tr("P&ublic channel"), this))
    , m_kindText(new QLabel(this))
    , m_contacts(new QListWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_create(m_buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole))
{
    setWindowTitle(tr("New Group"));
    auto *layout = new QVBoxLayout(this);

    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    m_name->setPlaceholderText(tr("For example: Design team"));
    m_name->setMaxLength(100);
    layout->addWidget(nameLabel);
    layout->addWidget(m_name);

    auto *kinds = new QButtonGroup(this);
    kinds->addButton(m_private);
    kinds->addButton(m_public);
    m_private->setChecked(true);
    layout->addWidget(m_private);
    layout->addWidget(m_public);
    m_kindText->setWordWrap(true);
    m_kindText->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_kindText);

    auto *inviteLabel = new QLabel(tr("&Invite contacts (optional):"), this);
    inviteLabel->setBuddy(m_contacts);
    layout->addWidget(inviteLabel);
    for (const Contact &contact : contacts) {
        auto *item = new QListWidgetItem(contact.name.isEmpty() ? contact.jid : contact.name, m_contacts);
        item->setData(Qt::UserRole, contact.jid);
        item->setToolTip(contact.jid);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    if (contacts.isEmpty()) {
        m_contacts->hide();
        inviteLabel->setText(tr("You can invite people once the group is made."));
    }
    layout->addWidget(m_contacts);
    layout->addWidget(m_buttons);

    m_create->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!name().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NewGroupDialog::update);
    connect(m_private, &QRadioButton::toggled, this, &NewGroupDialog::update);
    update();
    m_name->setFocus();
}

QString NewGroupDialog::name() const
{
    return m_name->text().trimmed();
}

RoomKind NewGroupDialog::kind() const
{
    return m_public->isChecked() ? RoomKind::PublicChannel : RoomKind::PrivateGroup;
}

void NewGroupDialog::setKind(RoomKind kind)
{
    (kind == RoomKind::PublicChannel ? m_public : m_private)->setChecked(true);
}

QStringList NewGroupDialog::invitees() const
{
    QStringList picked;
    for (int i = 0; i < m_contacts->count(); ++i) {
        const QListWidgetItem *item = m_contacts->item(i);
        if (item->checkState() == Qt::Checked)
            picked.append(item->data(Qt::UserRole).toString());
    }
    return picked;
}

void NewGroupDialog::update()
{
    m_create->setEnabled(!name().isEmpty());
    m_kindText->setText(kind() == RoomKind::PrivateGroup
            ? tr("Only the people invited can join. Everyone sees who is who, and the history is kept.")
            : tr("Anyone can find it and join. Only moderators see members' addresses; the history is "
                 "kept."));
}

} // namespace Jw::Ui
