#pragma once

#include <QPersistentModelIndex>
#include <QTimer>
#include <QToolButton>

class QAbstractItemView;

namespace Jw::Ui {

/// "Jump to first unread": a button over a message view, shown while the
/// "New messages" line (MessagesModel::NewMessagesLineRole) is scrolled out
/// of sight; clicking it brings the line to the top. It watches the view's
/// model, which must be set before the button is made.
class NewMessagesButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewMessagesButton)

public:
    explicit NewMessagesButton(QAbstractItemView *view);

    /// The message the line stands above; invalid when there is no line.
    QModelIndex lineIndex() const { return m_line; }
    /// Scrolls the line to the top of the view.
    void jump();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refreshSoon();
    void refresh();
    void findLine();

    QAbstractItemView *const m_view;
    QPersistentModelIndex m_line;
    QTimer m_refresh; ///< one refresh per turn of the event loop, after the view's own layout
};

} // namespace Jw::Ui
