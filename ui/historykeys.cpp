#include "historykeys.h"

#include "chatpane.h"
#include "composer.h"
#include "messagesmodel.h"

#include <QAction>
#include <QKeyEvent>
#include <QListView>
#include <QScrollBar>

namespace Jw::Ui {

bool HistoryKeys::isWindowShortcut(const QKeyEvent *key) const
{
    const QKeySequence pressed(key->keyCombination());
    const QList<QAction *> actions = m_pane->window()->findChildren<QAction *>(Qt::FindDirectChildrenOnly);
    return std::any_of(actions.cbegin(), actions.cend(),
        [&](const QAction *action) { return action->isEnabled() && action->shortcuts().contains(pressed); });
}

HistoryKeys::HistoryKeys(ChatPane *pane)
    : QObject(pane)
    , m_pane(pane)
{
    m_pane->composer()->installEventFilter(this);
    m_pane->messageView()->installEventFilter(this);
}

bool HistoryKeys::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && watched == m_pane->composer()
        && isWindowShortcut(static_cast<QKeyEvent *>(event))) {
        // Not the editor's (Ctrl+K deletes to the end of the line there): the window's.
        event->ignore();
        return true;
    }
    if (event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (key->modifiers() != Qt::NoModifier && key->modifiers() != Qt::KeypadModifier)
        return QObject::eventFilter(watched, event);
    QScrollBar *bar = m_pane->messageView()->verticalScrollBar();
    switch (key->key()) {
    case Qt::Key_PageUp:
        if (watched != m_pane->composer())
            break;
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        return true;
    case Qt::Key_PageDown:
        if (watched != m_pane->composer())
            break;
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        return true;
    case Qt::Key_Escape:
        if (bar->value() == bar->maximum() && watched == m_pane->composer()
            && (!m_pane->model() || m_pane->model()->isAtEnd()))
            break; // nothing to go back to: let Esc do what it does elsewhere
        m_pane->scrollToNewest();
        m_pane->composer()->setFocus(Qt::ShortcutFocusReason);
        return true;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Jw::Ui
