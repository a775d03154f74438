#include "invitedialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Jw::Ui {

InviteDialog::InviteDialog(const QString &room, const QList<Contact> &contacts, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_reason(new QLineEdit(this))
{
    setWindowTitle(tr("Invite to %1").arg(room));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("Choose whom to invite:"), this);
    layout->addWidget(label);
    QList<Contact> sorted = contacts;
    std::sort(sorted.begin(), sorted.end(), [](const Contact &a, const Contact &b) {
        return a.displayName().localeAwareCompare(b.displayName()) < 0;
    });
    for (const Contact &c : std::as_const(sorted)) {
        auto *item = new QListWidgetItem(
            c.name.isEmpty() ? c.jid : tr("%1 (%2)").arg(c.name, c.jid), m_list);
        item->setData(Qt::UserRole, c.jid);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    layout->addWidget(m_list);
    m_reason->setPlaceholderText(tr("Message (optional)"));
    layout->addWidget(m_reason);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_invite = buttons->addButton(tr("&Invite"), QDialogButtonBox::AcceptRole);
    m_invite->setEnabled(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemChanged, this, [this] { m_invite->setEnabled(!chosen().isEmpty()); });
}

QStringList InviteDialog::chosen() const
{
    QStringList jids;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            jids.append(m_list->item(i)->data(Qt::UserRole).toString());
    }
    return jids;
}

QString InviteDialog::reason() const
{
    return m_reason->text().trimmed();
}

} // namespace Jw::Ui
