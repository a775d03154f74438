#include "chatstatereporter.h"

#include "chatpane.h"
#include "chatstates.h"
#include "composer.h"
#include "roomchatstates.h"

#include <QEvent>

namespace Jw::Ui {

ChatStateReporter::ChatStateReporter(ChatStates *states, RoomChatStates *roomStates, ChatPane *pane)
    : QObject(pane)
    , m_states(states)
    , m_roomStates(roomStates)
    , m_pane(pane)
    , m_chat(pane->chat())
    , m_room(pane->isRoom())
{
    connect(m_pane->composer(), &Composer::edited, this, &ChatStateReporter::onEdited);
    connect(m_pane, &ChatPane::chatChanged, this, &ChatStateReporter::onChatChanged);
    // Qt hands (de)activation of a window down to its visible widgets; the
    // close only to the window.
    m_pane->installEventFilter(this);
    if (QWidget *window = m_pane->window(); window != m_pane) {
        m_window = window;
        window->installEventFilter(this);
    }
}

void ChatStateReporter::typed()
{
    if (m_room)
        m_roomStates->typed(m_chat);
    else
        m_states->typed(m_chat);
}

void ChatStateReporter::cleared()
{
    if (m_room)
        m_roomStates->composerCleared(m_chat);
    else
        m_states->composerCleared(m_chat);
}

void ChatStateReporter::shown()
{
    if (m_room)
        m_roomStates->chatShown(m_chat);
    else
        m_states->chatShown(m_chat);
}

void ChatStateReporter::hidden()
{
    if (m_room)
        m_roomStates->chatHidden(m_chat);
    else
        m_states->chatHidden(m_chat);
}

void ChatStateReporter::left()
{
    if (m_room)
        m_roomStates->chatLeft(m_chat);
    else
        m_states->chatLeft(m_chat);
}

void ChatStateReporter::onEdited()
{
    if (m_chat.isEmpty())
        return;
    if (m_pane->composer()->document()->isEmpty())
        cleared();
    else
        typed();
}

void ChatStateReporter::onChatChanged(const QString &jid)
{
    if (jid == m_chat && m_pane->isRoom() == m_room)
        return;
    if (!m_chat.isEmpty())
        left();
    m_chat = jid;
    m_room = m_pane->isRoom();
    if (!m_chat.isEmpty() && m_pane->isActiveWindow())
        shown();
}

bool ChatStateReporter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_pane && !m_chat.isEmpty()) {
        if (event->type() == QEvent::WindowActivate)
            shown();
        else if (event->type() == QEvent::WindowDeactivate)
            hidden();
    }
    const bool isWindow = m_window ? watched == m_window.data() : watched == m_pane;
    if (isWindow && event->type() == QEvent::Close) {
        m_states->closeAll();
        m_roomStates->closeAll();
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Jw::Ui
