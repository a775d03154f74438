#include "chatstatereporter.h"

#include "chatpane.h"
#include "chatstates.h"
#include "composer.h"

#include <QEvent>

namespace Jw::Ui {

ChatStateReporter::ChatStateReporter(ChatStates *states, ChatPane *pane)
    : QObject(pane)
    , m_states(states)
    , m_pane(pane)
    , m_chat(pane->chat())
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

void ChatStateReporter::onEdited()
{
    if (m_chat.isEmpty())
        return;
    if (m_pane->composer()->document()->isEmpty())
        m_states->composerCleared(m_chat);
    else
        m_states->typed(m_chat);
}

void ChatStateReporter::onChatChanged(const QString &jid)
{
    if (jid == m_chat)
        return;
    if (!m_chat.isEmpty())
        m_states->chatLeft(m_chat);
    m_chat = jid;
    if (!m_chat.isEmpty() && m_pane->isActiveWindow())
        m_states->chatShown(m_chat);
}

bool ChatStateReporter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_pane && !m_chat.isEmpty()) {
        if (event->type() == QEvent::WindowActivate)
            m_states->chatShown(m_chat);
        else if (event->type() == QEvent::WindowDeactivate)
            m_states->chatHidden(m_chat);
    }
    const bool isWindow = m_window ? watched == m_window.data() : watched == m_pane;
    if (isWindow && event->type() == QEvent::Close)
        m_states->closeAll();
    return QObject::eventFilter(watched, event);
}

} // namespace Jw::Ui
