#include "quickswitcher.h"

#include "address.h"
#include "searchtext.h"
#include "uiformat.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace Jw::Ui {
namespace {

constexpr int JidRole = Qt::UserRole + 1;
constexpr int SearchRole = Qt::UserRole + 2;

} // namespace

/// Keeps the entries whose name or address contains what was typed, as
/// Search::nameMatches reads it: any case and accents, and Hangul initial
/// consonants for syllables (ㅈㄴ finds 제니).
class QuickSwitcher::NameFilter final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setPattern(const QString &pattern)
    {
        m_pattern = pattern;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        return Search::nameMatches(sourceModel()->index(row, 0, parent).data(SearchRole).toString(), m_pattern);
    }

private:
    QString m_pattern;
};

QuickSwitcher::QuickSwitcher(QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_hint(makeSentenceLabel(this))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new NameFilter(this))
{
    setWindowTitle(tr("Jump to Chat"));
    m_filter->setPlaceholderText(tr("Name or address"));
    m_filter->setAccessibleName(tr("Chat to jump to"));
    m_filter->setClearButtonEnabled(true);
    m_list->setAccessibleName(tr("Matching chats"));
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setFocusPolicy(Qt::NoFocus); // typing stays in the field; arrows move here
    m_hint->setText(tr("↑↓ to choose, Enter to open, Esc to close"));
    m_hint->setEnabled(false);

    m_proxy->setSourceModel(m_model);
    m_list->setModel(m_proxy);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    layout->addWidget(m_hint);
    resize(fontMetrics().averageCharWidth() * 50, fontMetrics().height() * 18);

    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, &QuickSwitcher::filter);
    connect(m_filter, &QLineEdit::returnPressed, this, &QuickSwitcher::choose);
    connect(m_list, &QListView::activated, this, &QuickSwitcher::choose);
    connect(m_list, &QListView::clicked, this, &QuickSwitcher::choose);
}

void QuickSwitcher::setEntries(const QList<Entry> &entries)
{
    m_model->clear();
    for (const Entry &entry : entries) {
        const QString name = entry.name.isEmpty() ? entry.jid : entry.name;
        QString text = name == entry.jid ? name : tr("%1 (%2)", "name (address)").arg(name, entry.jid);
        if (entry.unread > 0)
            text += QStringLiteral("  •  ") + tr("%n unread", nullptr, entry.unread);
        auto *item = new QStandardItem(text);
        item->setData(entry.jid, JidRole);
        item->setData(QString(name + u' ' + entry.jid), SearchRole);
        item->setToolTip(entry.jid);
        m_model->appendRow(item);
    }
    filter(m_filter->text());
}

QStringList QuickSwitcher::shownJids() const
{
    QStringList jids;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        jids.append(m_proxy->index(row, 0).data(JidRole).toString());
    return jids;
}

void QuickSwitcher::filter(const QString &text)
{
    m_proxy->setPattern(text.trimmed());
    if (m_proxy->rowCount() > 0)
        m_list->setCurrentIndex(m_proxy->index(0, 0));
}

void QuickSwitcher::choose()
{
    QString jid = m_list->currentIndex().data(JidRole).toString();
    if (jid.isEmpty() || m_proxy->rowCount() == 0) {
        // Nothing known matches: a whole address opens a new chat.
        const auto address = parsePersonAddress(m_filter->text());
        if (!address)
            return;
        jid = address.value();
    }
    Q_EMIT chatChosen(jid);
    accept();
}

bool QuickSwitcher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            // Move in the list without leaving the field.
            QApplication::sendEvent(m_list, event);
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Jw::Ui
