#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QWidget;

namespace Jw {
class ChatStates;
class RoomChatStates;
} // namespace Jw

namespace Jw::Ui {

class ChatPane;

/// Tells core what the person does in a chat pane (XEP-0085): keys in the
/// composer, the text deleted, another chat chosen, the window left or come
/// back to, the window closed. ChatStates (1:1) or RoomChatStates (a room)
/// decides what, if anything, goes out; this only reports.
class ChatStateReporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatStateReporter)

public:
    /// Reports for `pane` (its parent) to `states` and, for rooms, `roomStates`.
    ChatStateReporter(ChatStates *states, RoomChatStates *roomStates, ChatPane *pane);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onEdited();
    void onChatChanged(const QString &jid);
    void typed();
    void cleared();
    void shown();
    void hidden();
    void left();

    ChatStates *const m_states;
    RoomChatStates *const m_roomStates;
    ChatPane *const m_pane;
    QPointer<QWidget> m_window; ///< the pane's window when it is not the pane itself
    QString m_chat; ///< the chat the pane shows
    bool m_room = false; ///< whether it is a room
};

} // namespace Jw::Ui
