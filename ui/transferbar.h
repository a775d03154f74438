#pragma once

#include "transfers.h"

#include <QWidget>

class QLabel;

namespace Jw::Ui {

/// Above the message field: why a file of the shown chat was not sent
/// (Transfers::refused: too large, no upload service, offline), in one
/// sentence. Each file's progress and buttons are in its message's bubble
/// (MessageDelegate's card), not here.
class TransferBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferBar)

public:
    explicit TransferBar(Transfers *transfers, QWidget *parent = nullptr);

    void setChat(const QString &chat);
    /// A sentence about a file that was not sent (Transfers::refused); "" hides it.
    void showProblem(const QString &sentence);
    QLabel *problemLabel() const { return m_problem; }

private:
    QString m_chat;
    QLabel *m_problem = nullptr;
};

} // namespace Jw::Ui
