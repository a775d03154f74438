#include "chatstatelabel.h"

#include "chatstates.h"
#include "accountfeatures.h"
#include "roomchatstates.h"
#include "roster.h"
#include "uiformat.h"

namespace Jw::Ui {

ChatStateLabel::ChatStateLabel(AccountFeatures *features, QWidget *parent)
    : QLabel(parent)
    , m_features(features)
{
    // The name in it comes from the roster: never rich text.
    setTextFormat(Qt::PlainText);
    setMinimumWidth(1);
    setAccessibleName(tr("What the contact is doing"));
    QFont italic = font();
    italic.setItalic(true);
    setFont(italic);
    QPalette secondary = palette();
    secondary.setColor(QPalette::WindowText, secondaryTextColor(palette()));
    setPalette(secondary);

    connect(m_features->chatStates(), &ChatStates::peerStateChanged, this, [this](const QString &chat) {
        if (chat == m_chat)
            refresh();
    });
    connect(m_features->roomChatStates(), &RoomChatStates::typingChanged, this, [this](const QString &room) {
        if (room == m_chat && m_kind == ChatKind::GroupChat)
            refresh();
    });
    connect(m_features->roster(), &Roster::rosterReset, this, &ChatStateLabel::refresh);
    connect(m_features->roster(), &Roster::contactChanged, this, [this](const Contact &contact) {
        if (contact.jid == m_chat)
            refresh();
    });
}

void ChatStateLabel::setChat(const QString &jid, ChatKind kind)
{
    m_chat = jid;
    m_kind = kind;
    refresh();
}

void ChatStateLabel::refresh()
{
    if (m_chat.isEmpty()) {
        clear();
        return;
    }
    if (m_kind == ChatKind::GroupChat) {
        setText(m_features->roomChatStates()->typingText(m_chat));
        return;
    }
    const ChatState state = m_features->chatStates()->shownPeerState(m_chat);
    setText(chatStateText(state, m_features->roster()->displayName(m_chat)));
}

} // namespace Jw::Ui
