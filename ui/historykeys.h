#pragma once

#include <QObject>

class QKeyEvent;

namespace Jw::Ui {

class ChatPane;

/// Keys for reading the history while writing: Page Up and Page Down in the
/// composer scroll the messages a page at a time (older pages load as the
/// top is reached), and Esc goes back to the newest message. The composer
/// keeps the focus, so typing can go on at once. The window's own shortcuts
/// (Ctrl+K) win over the composer's editing keys.
class HistoryKeys final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryKeys)

public:
    /// Watches the pane's composer and message view; a child of the pane.
    explicit HistoryKeys(ChatPane *pane);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /// One of the main window's own shortcuts (Ctrl+K, Ctrl+N, …).
    bool isWindowShortcut(const QKeyEvent *key) const;

    ChatPane *const m_pane;
};

} // namespace Jw::Ui
