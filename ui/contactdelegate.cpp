#include "contactdelegate.h"

#include "models.h"
#include "uiformat.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>

namespace Jw::Ui {
namespace {
constexpr int PadX = 8;
constexpr int PadY = 5;
constexpr int LineGap = 1;
constexpr int AvatarGap = 10;
} // namespace

ContactDelegate::ContactDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QSize ContactDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int height = 2 * option.fontMetrics.height() + LineGap;
    return { 200, height + 2 * PadY };
}

void ContactDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette &palette = opt.palette;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor ring = palette.color(selected ? QPalette::Highlight : QPalette::Base);

    const QString jid = index.data(ContactsModel::JidRole).toString();
    const QString name = index.data(ContactsModel::NameRole).toString();
    const auto presence = PresenceStatus(index.data(ContactsModel::PresenceRole).toInt());
    const QString statusText = oneLine(index.data(ContactsModel::StatusTextRole).toString());
    QString status = presenceText(presence);
    if (!statusText.isEmpty())
        status += QStringLiteral(" — ") + statusText;

    const QRect area = opt.rect.adjusted(PadX, PadY, -PadX, -PadY);
    const QRectF avatar(area.left(), area.top(), area.height(), area.height());
    paintAvatar(painter, avatar, jid, name);
    const qreal dot = std::max(8.0, avatar.height() * 0.36);
    paintPresenceDot(painter, QRectF(avatar.right() - dot + 1, avatar.bottom() - dot + 1, dot, dot), presence, ring);

    const QFontMetrics metrics(opt.font);
    const int left = int(avatar.right()) + AvatarGap;
    const QRect line1(left, area.top(), area.right() - left, metrics.height());
    const QRect line2(left, line1.bottom() + 1 + LineGap, line1.width(), metrics.height());

    painter->save();
    painter->setFont(opt.font);
    painter->setPen(text);
    painter->drawText(line1, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
        metrics.elidedText(name, Qt::ElideRight, line1.width()));
    painter->setPen(secondaryTextColor(palette, selected));
    painter->drawText(line2, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
        metrics.elidedText(status, Qt::ElideRight, line2.width()));
    painter->restore();
}

bool ContactDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
    const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    showPlainToolTip(event->globalPos(), index.data(Qt::ToolTipRole).toString(), view);
    return true;
}

} // namespace Jw::Ui
