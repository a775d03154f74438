#include "transferbar.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Jw::Ui {

TransferBar::TransferBar(Transfers *transfers, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("fileProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    showProblem({});
    connect(transfers, &Transfers::refused, this, [this](const QString &chat, const QString &sentence) {
        if (chat == m_chat)
            showProblem(sentence);
    });
}

void TransferBar::setChat(const QString &chat)
{
    if (chat == m_chat)
        return;
    m_chat = chat;
    showProblem({});
}

void TransferBar::showProblem(const QString &sentence)
{
    m_problem->setText(sentence);
    m_problem->setVisible(!sentence.isEmpty());
    setVisible(!sentence.isEmpty());
}

} // namespace Jw::Ui
