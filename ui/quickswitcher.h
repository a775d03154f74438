#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListView;
class QStandardItemModel;

namespace Jw::Ui {

/// Ctrl+K: jump to a chat by typing part of a name or address. Up and Down
/// (or Page Up/Down) move through the matches while typing, Enter opens
/// the chosen one, Esc closes. A full address that matches no known chat
/// opens a new chat with it.
class QuickSwitcher final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickSwitcher)

public:
    struct Entry
    {
        QString jid;
        QString name;
        int unread = 0;
    };

    explicit QuickSwitcher(QWidget *parent = nullptr);

    /// The chats to choose from, in order (recent conversations first).
    void setEntries(const QList<Entry> &entries);

    QLineEdit *filterEdit() const { return m_filter; }
    QListView *list() const { return m_list; }
    /// The matches shown now.
    QStringList shownJids() const;

Q_SIGNALS:
    void chatChosen(const QString &jid);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    class NameFilter;
    void filter(const QString &text);
    void choose();

    QLineEdit *const m_filter;
    QListView *const m_list;
    QLabel *const m_hint;
    QStandardItemModel *const m_model;
    NameFilter *const m_proxy;
};

} // namespace Jw::Ui
