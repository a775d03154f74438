#pragma once

#include "transfers.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace Jw::Ui {

/// The files of the shown chat that need the person: uploads and downloads
/// with their progress and Cancel, failed ones with Retry, received files
/// with Download (the link's host named first when it is not the sender's
/// server), finished downloads with Open and Show in Folder and, for
/// pictures, a thumbnail (or "could not show this picture"). The newest few
/// of the chat are shown; each can be dismissed.
class TransferBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferBar)

public:
    explicit TransferBar(Transfers *transfers, QWidget *parent = nullptr);

    void setChat(const QString &chat);
    /// A sentence about a file that was not sent (Transfers::refused).
    void showProblem(const QString &sentence);
    QLabel *problemLabel() const { return m_problem; }
    /// The row of a transfer (tests), or null.
    QWidget *rowOf(qint64 id) const { return m_rows.value(id); }

    static constexpr int MaxRows = 4;

private:
    void rebuild();
    QWidget *makeRow(const Transfer &t);

    Transfers *const m_transfers;
    QString m_chat;
    QLabel *m_problem = nullptr;
    QVBoxLayout *m_list = nullptr;
    QHash<qint64, QWidget *> m_rows;
    QSet<qint64> m_dismissed;
};

} // namespace Jw::Ui
