#include "searchpane.h"

#include "accountfeatures.h"
#include "historystore.h"
#include "searchtext.h"
#include "uiformat.h"

#include <QApplication>
#include <algorithm>
#include <QKeyEvent>

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Jw::Ui {
namespace {

constexpr int ChatRole = Qt::UserRole + 1;
constexpr int RowIdRole = Qt::UserRole + 2;
constexpr int HeaderRole = Qt::UserRole + 3;
constexpr int RangesRole = Qt::UserRole + 4;
constexpr int PageSize = 50;
constexpr int MostChats = 8; ///< chats found by name, above the messages
constexpr int SnippetLength = 140;

/// Two lines per hit: chat · sender · time, then the text around the first
/// match with the matching words in bold on the highlight colour.
class HitDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return { option.rect.width(), option.fontMetrics.height() * 2 + 12 };
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        const bool selected = opt.state.testFlag(QStyle::State_Selected);
        const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
        const QRect r = opt.rect.adjusted(6, 4, -6, -4);
        const int line = opt.fontMetrics.height();

        painter->save();
        QFont small = opt.font;
        small.setPointSizeF(small.pointSizeF() * 0.9);
        painter->setFont(small);
        QColor dim = opt.palette.color(textRole);
        dim.setAlphaF(0.7f);
        painter->setPen(dim);
        const QString header = index.data(HeaderRole).toString();
        painter->drawText(QRect(r.left(), r.top(), r.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(small).elidedText(header, Qt::ElideRight, r.width()));

        const QString text = index.data(Qt::DisplayRole).toString();
        QList<QTextLayout::FormatRange> formats;
        const QVariantList ranges = index.data(RangesRole).toList();
        for (const QVariant &v : ranges) {
            const QPoint p = v.toPoint();
            QTextLayout::FormatRange f;
            f.start = p.x();
            f.length = p.y();
            f.format.setFontWeight(QFont::Bold);
            if (!selected)
                f.format.setBackground(opt.palette.color(QPalette::Highlight).lighter(170));
            formats.append(f);
        }
        QTextLayout layout(text, opt.font);
        QTextOption textOption;
        textOption.setWrapMode(QTextOption::NoWrap);
        layout.setTextOption(textOption);
        layout.setFormats(formats);
        layout.beginLayout();
        QTextLine textLine = layout.createLine();
        if (textLine.isValid())
            textLine.setLineWidth(r.width());
        layout.endLayout();
        painter->setPen(opt.palette.color(textRole));
        painter->setClipRect(r);
        layout.draw(painter, QPointF(r.left(), r.top() + line + 2));
        painter->restore();
    }
};

/// The part of `body` worth showing: the start, or the words before the
/// first match when that is further in.
QString snippetOf(const QString &body, const QList<std::pair<int, int>> &ranges, int *shift)
{
    QString text = body;
    text.replace(u'\n', u' ');
    *shift = 0;
    if (!ranges.isEmpty() && ranges.first().first > SnippetLength / 3) {
        *shift = ranges.first().first - SnippetLength / 4;
        text = QStringLiteral("…") + text.mid(*shift);
        *shift -= 1;
    }
    if (text.size() > SnippetLength)
        text = text.left(SnippetLength) + QStringLiteral("…");
    return text;
}

} // namespace

SearchPane::SearchPane(AccountFeatures *features, QWidget *parent)
    : QWidget(parent)
    , m_features(features)
    , m_field(new QLineEdit(this))
    , m_scope(new QToolButton(this))
    , m_status(makeSentenceLabel(this))
    , m_results(new QListView(this))
    , m_model(new QStandardItemModel(this))
    , m_typing(new QTimer(this))
{
    m_field->setPlaceholderText(tr("Search messages (Ctrl+Shift+F)"));
    m_field->setAccessibleName(tr("Search messages"));
    // The clear button comes when the field first has the focus (eventFilter),
    // not at start: its icon is looked up in the icon theme, which costs
    // tens of milliseconds where the theme has no cache.
    m_scope->setCheckable(true);
    m_scope->setAutoRaise(true);
    m_scope->setToolTip(tr("Search only the chat that is shown, or all chats"));
    m_scope->hide();
    m_status->hide();
    m_results->setAccessibleName(tr("Search results"));
    m_results->setModel(m_model);
    m_results->setItemDelegate(new HitDelegate(m_results));
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setUniformItemSizes(true);
    m_results->setFocusPolicy(Qt::NoFocus); // typing stays in the field; Up/Down move here
    m_results->setFrameShape(QFrame::NoFrame);
    m_results->hide();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_field, 1);
    row->addWidget(m_scope);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);

    m_typing->setSingleShot(true);
    m_typing->setInterval(120);
    connect(m_typing, &QTimer::timeout, this, [this] { runSearch(false); });
    connect(m_field, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_following = false;
        const bool active = !text.trimmed().isEmpty();
        m_results->setVisible(active);
        if (!active) {
            ++m_generation;
            m_model->clear();
            m_status->setVisible(!m_indexing.isEmpty());
            m_status->setText(m_indexing);
        }
        Q_EMIT activeChanged(active);
        if (active)
            m_typing->start();
    });
    connect(m_field, &QLineEdit::returnPressed, this, [this] {
        m_typing->stop();
        if (m_model->rowCount() == 0)
            runSearch(false);
        else
            open(std::max(0, m_results->currentIndex().row()));
    });
    connect(m_results, &QListView::clicked, this, [this](const QModelIndex &index) { open(index.row()); });
    connect(m_scope, &QToolButton::toggled, this, [this] {
        updateScopeButton();
        if (isActive())
            runSearch(false);
    });
    connect(m_results->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_complete && value == m_results->verticalScrollBar()->maximum())
            runSearch(true);
    });
    m_field->installEventFilter(this);

    Search::Indexer *indexer = m_features->searchIndexer();
    connect(indexer, &Search::Indexer::progressChanged, this, &SearchPane::updateIndexing);
    connect(indexer, &Search::Indexer::finished, this, [this] { updateIndexing(1, 1); });
    QTimer::singleShot(0, indexer, &Search::Indexer::start);
}

void SearchPane::searchIn(const QString &chat)
{
    m_chat = chat;
    const QSignalBlocker blocker(m_scope);
    m_scope->setChecked(!chat.isEmpty());
    updateScopeButton();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
    if (isActive())
        runSearch(false);
}

void SearchPane::setRequestScope(Search::RequestScope scope)
{
    m_requests = scope;
}

bool SearchPane::isActive() const
{
    return !m_field->text().trimmed().isEmpty();
}

std::pair<QString, qint64> SearchPane::currentHit() const
{
    const QModelIndex index = m_results->currentIndex();
    if (!index.isValid())
        return { QString(), 0 };
    return { index.data(ChatRole).toString(), index.data(RowIdRole).toLongLong() };
}

bool SearchPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::FocusIn)
        m_field->setClearButtonEnabled(true); // about to be typed in
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            step(key->key() == Qt::Key_Down ? 1 : -1);
            return true;
        }
        if (key->key() == Qt::Key_Escape && isActive()) {
            m_field->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SearchPane::updateScopeButton()
{
    m_scope->setVisible(!m_chat.isEmpty());
    m_scope->setText(m_scope->isChecked() ? tr("In this chat") : tr("All chats"));
}

void SearchPane::updateIndexing(qint64 done, qint64 total)
{
    m_indexing = done >= total ? QString()
                               : tr("Preparing the history for search… %1%").arg(total > 0 ? done * 100 / total : 0);
    if (!isActive()) {
        m_status->setText(m_indexing);
        m_status->setVisible(!m_indexing.isEmpty());
    }
}

void SearchPane::runSearch(bool more)
{
    if (!isActive())
        return;
    if (!more) {
        m_chatMatches = matchingChats();
        auto query = Search::parseQuery(m_field->text());
        if (!query) {
            ++m_generation;
            m_model->clear();
            m_status->setText(query.errorMessage());
            m_status->show();
            return;
        }
        m_query = query.value();
        m_last = {};
    }
    Search::Request request;
    request.query = m_query;
    request.chat = m_scope->isChecked() ? m_chat : QString();
    request.requests = m_requests;
    request.names = m_names;
    request.limit = PageSize;
    request.after = more ? m_last : Search::Position {};
    const quint64 generation = ++m_generation;
    m_complete = true; // until the page says otherwise: no second request for the same page
    Search::search(*m_features->store(), request).then(this, [this, generation, more](const Expected<Search::Page> &page) {
        if (generation != m_generation)
            return; // the person typed on
        if (!page) {
            m_model->clear();
            m_status->setText(page.errorMessage());
            m_status->show();
            return;
        }
        showPage(page.value(), more);
    });
}

QList<std::pair<QString, QString>> SearchPane::matchingChats() const
{
    QList<std::pair<QString, QString>> found;
    // In one chat (Ctrl+F), or with filters (from:, in:, dates), the person
    // looks for messages; the plain text alone can name a chat.
    if (m_scope->isChecked())
        return found;
    const QString text = m_field->text().trimmed();
    if (text.contains(u':') || text.contains(u'"'))
        return found;
    for (const auto &[chat, name] : m_chats) {
        if (Search::nameMatches(name, text) || Search::nameMatches(chat, text)) {
            found.append({ chat, name });
            if (found.size() == MostChats)
                break;
        }
    }
    return found;
}

void SearchPane::showPage(const Search::Page &page, bool more)
{
    if (!more) {
        m_model->clear();
        m_hitCount = 0;
        for (const auto &[chat, name] : std::as_const(m_chatMatches)) {
            auto *item = new QStandardItem(name.isEmpty() ? chat : name);
            item->setData(chat, ChatRole);
            item->setData(0, RowIdRole); // a chat, not a message
            item->setData(tr("Chat · %1", "a chat found by its name · its address").arg(chat), HeaderRole);
            item->setToolTip(tr("Open the chat with %1").arg(name.isEmpty() ? chat : name));
            m_model->appendRow(item);
        }
    }
    const QString self = tr("You");
    for (const Search::Hit &hit : page.hits) {
        const Message &m = hit.message;
        QString sender;
        if (!m.isIncoming())
            sender = self;
        else if (m.kind == ChatKind::GroupChat)
            sender = m.nick.isEmpty() ? m.chat : m.nick;
        else
            sender = m_names.value(m.chat, m.chat);
        QString chat = hit.chatName.isEmpty() ? m_names.value(m.chat, m.chat) : hit.chatName;
        const QString header = m.kind == ChatKind::GroupChat || !m.isIncoming()
            ? tr("%1 · %2 · %3", "chat · sender · time").arg(chat, sender, listTime(m.sentAt.toLocalTime()))
            : tr("%1 · %2", "chat · time").arg(chat, listTime(m.sentAt.toLocalTime()));
        const auto ranges = Search::matchRanges(m.body, m_query.terms);
        int shift = 0;
        const QString text = snippetOf(m.body, ranges, &shift);
        QVariantList shown;
        for (const auto &[start, length] : ranges) {
            const int at = start - shift;
            if (at >= 0 && at + length <= text.size())
                shown.append(QPoint(at, length));
        }
        auto *item = new QStandardItem(text);
        item->setData(m.chat, ChatRole);
        item->setData(m.rowId, RowIdRole);
        item->setData(header, HeaderRole);
        item->setData(shown, RangesRole);
        item->setToolTip(m.body.left(1000));
        m_model->appendRow(item);
        ++m_hitCount;
    }
    if (!page.hits.isEmpty())
        m_last = page.hits.last().position;
    m_complete = page.hits.size() < PageSize;
    if (!more && m_model->rowCount() > 0)
        m_results->setCurrentIndex(m_model->index(0, 0));
    QString status;
    if (m_hitCount == 0)
        status = tr("No messages found.");
    else if (!page.indexed)
        status = tr("Still preparing the history for search: this can take a little longer.");
    m_status->setText(status);
    m_status->setVisible(!status.isEmpty());
}

void SearchPane::step(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const int current = m_results->currentIndex().row();
    const int next = std::clamp(current < 0 ? 0 : current + delta, 0, rows - 1);
    m_results->setCurrentIndex(m_model->index(next, 0));
    if (next == rows - 1 && !m_complete)
        runSearch(true);
    if (m_following && next != current && m_model->index(next, 0).data(RowIdRole).toLongLong() != 0)
        open(next); // the chats found by name wait for Enter or a click
}

void SearchPane::open(int row)
{
    const QModelIndex index = m_model->index(row, 0);
    if (!index.isValid())
        return;
    m_results->setCurrentIndex(index);
    const qint64 rowId = index.data(RowIdRole).toLongLong();
    if (rowId == 0) {
        const QString chat = index.data(ChatRole).toString();
        m_following = false;
        Q_EMIT chatActivated(chat);
        return;
    }
    m_following = true;
    Q_EMIT hitActivated(index.data(ChatRole).toString(), index.data(RowIdRole).toLongLong());
}

} // namespace Jw::Ui
