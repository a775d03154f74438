#include "nickdialog.h"

#include "uiformat.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Jw::Ui {

NickDialog::NickDialog(const QString &room, const QString &nick, QWidget *parent)
    : QDialog(parent)
    , m_room(room)
    , m_current(nick)
    , m_edit(new QLineEdit(nick, this))
    , m_problem(makeErrorLabel(this))
{
    setWindowTitle(tr("Change Nickname"));
    auto *label = makeSentenceLabel(this);
    label->setText(tr("Your nickname in %1:").arg(room));
    label->setBuddy(m_edit);
    m_edit->setAccessibleName(tr("Nickname"));
    m_edit->selectAll();
    m_problem->setAccessibleName(tr("Nickname problem"));
    m_problem->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Change"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, this, &NickDialog::update);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    update();
}

QString NickDialog::nick() const
{
    return m_edit->text().trimmed();
}

void NickDialog::showProblem(const QString &sentence, const QString &suggestion)
{
    m_problem->setText(sentence);
    m_problem->show();
    m_edit->setText(suggestion);
    m_edit->selectAll();
    m_edit->setFocus();
}

void NickDialog::update()
{
    m_ok->setEnabled(!nick().isEmpty() && nick() != m_current);
}

} // namespace Jw::Ui
