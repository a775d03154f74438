#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Jw::Ui {

/// Asks for a new nickname in a room; says why the last one was refused
/// (taken, not allowed) and offers another.
class NickDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NickDialog)

public:
    NickDialog(const QString &room, const QString &nick, QWidget *parent = nullptr);

    QString room() const { return m_room; }
    /// The nickname entered, trimmed.
    QString nick() const;
    QLineEdit *nickEdit() const { return m_edit; }
    /// Why the last nickname was refused, or hidden.
    QLabel *problemLabel() const { return m_problem; }
    /// Says `sentence` and offers `suggestion` instead.
    void showProblem(const QString &sentence, const QString &suggestion);

private:
    void update();

    const QString m_room;
    const QString m_current;
    QLineEdit *const m_edit;
    QLabel *const m_problem;
    QPushButton *m_ok = nullptr;
};

} // namespace Jw::Ui
