#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace Jw::Ui {

/// What will be sent, before anything is uploaded: the file's name, its
/// size and, for a picture, a thumbnail; Send or Cancel.
class SendFileDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendFileDialog)

public:
    SendFileDialog(const QString &path, const QString &recipient, QWidget *parent = nullptr);

    QString path() const { return m_path; }
    QLabel *thumbnail() const { return m_thumbnail; }
    QPushButton *sendButton() const { return m_send; }

private:
    const QString m_path;
    QLabel *m_thumbnail = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace Jw::Ui
