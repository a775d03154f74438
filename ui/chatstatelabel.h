#pragma once

#include "types.h"

#include <QLabel>

namespace Jw {
class AccountFeatures;
} // namespace Jw

namespace Jw::Ui {

/// One line under a chat's name saying what the contact is doing (XEP-0085):
/// "Jenny is typing…", "Jenny stopped typing", "Jenny is away from this
/// chat", "Jenny closed the chat"; empty otherwise. In a room: who is
/// typing ("Jenny and Michael are typing…", RoomChatStates). It follows the
/// states as they arrive and as a stale "typing" runs out.
class ChatStateLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatStateLabel)

public:
    explicit ChatStateLabel(AccountFeatures *features, QWidget *parent = nullptr);

    QString chat() const { return m_chat; }

public Q_SLOTS:
    /// Follows the chat with `jid` (a bare address), or the room; "" shows nothing.
    void setChat(const QString &jid, Jw::ChatKind kind = Jw::ChatKind::Chat);

private:
    void refresh();

    AccountFeatures *const m_features;
    QString m_chat;
    ChatKind m_kind = ChatKind::Chat;
};

} // namespace Jw::Ui
