#include "newmessagesbutton.h"

#include "models.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QScrollBar>

namespace Jw::Ui {
namespace {
constexpr int Inset = 8; ///< between the button and the view's edges
} // namespace

NewMessagesButton::NewMessagesButton(QAbstractItemView *view)
    : QToolButton(view)
    , m_view(view)
{
    setObjectName(QStringLiteral("newMessagesButton"));
    setAccessibleName(tr("Jump to first unread message"));
    setToolTip(tr("Show the first unread message"));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setAutoRaise(false);
    setCursor(Qt::PointingHandCursor);
    hide();

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(0);
    connect(&m_refresh, &QTimer::timeout, this, &NewMessagesButton::refresh);
    connect(this, &QToolButton::clicked, this, &NewMessagesButton::jump);

    QAbstractItemModel *model = m_view->model();
    Q_ASSERT(model);
    const auto changed = [this] {
        m_line = QPersistentModelIndex();
        refreshSoon();
    };
    connect(model, &QAbstractItemModel::rowsInserted, this, changed);
    connect(model, &QAbstractItemModel::rowsRemoved, this, changed);
    connect(model, &QAbstractItemModel::modelReset, this, changed);
    connect(model, &QAbstractItemModel::layoutChanged, this, changed);
    connect(model, &QAbstractItemModel::dataChanged, this,
        [this, changed](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
            if (roles.isEmpty() || roles.contains(MessagesModel::NewMessagesLineRole))
                changed();
        });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &NewMessagesButton::refreshSoon);
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, &NewMessagesButton::refreshSoon);
    m_view->viewport()->installEventFilter(this);
    changed();
}

void NewMessagesButton::jump()
{
    if (!m_line.isValid())
        return;
    m_view->scrollTo(m_line, QAbstractItemView::PositionAtTop);
    refresh();
}

bool NewMessagesButton::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        refreshSoon();
    return QToolButton::eventFilter(watched, event);
}

void NewMessagesButton::refreshSoon()
{
    m_refresh.start();
}

void NewMessagesButton::findLine()
{
    const QAbstractItemModel *model = m_view->model();
    m_line = QPersistentModelIndex();
    for (int row = 0, rows = model->rowCount(); row < rows; ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(MessagesModel::NewMessagesLineRole).toBool()) {
            m_line = index;
            return;
        }
    }
}

void NewMessagesButton::refresh()
{
    if (!m_line.isValid())
        findLine();
    const QRect viewport = m_view->viewport()->rect();
    const QRect row = m_line.isValid() ? m_view->visualRect(m_line) : QRect();
    // The line is the top of its row.
    const bool above = m_line.isValid() && row.top() < viewport.top();
    const bool below = m_line.isValid() && row.top() > viewport.bottom();
    if (!above && !below) {
        hide();
        return;
    }
    setText(above ? tr("\u2191 New messages") : tr("\u2193 New messages"));
    adjustSize();
    const QRect area = m_view->viewport()->geometry();
    move(area.right() - width() - Inset, above ? area.top() + Inset : area.bottom() - height() - Inset);
    show();
    raise();
}

} // namespace Jw::Ui
