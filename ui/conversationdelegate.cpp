#include "conversationdelegate.h"

#include "models.h"
#include "uiformat.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>

namespace Jw::Ui {
namespace {
constexpr int PadX = 8;
constexpr int PadY = 6;
constexpr int LineGap = 2;
constexpr int AvatarGap = 10;
} // namespace

ConversationDelegate::ConversationDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    QFont nameFont = option.font;
    nameFont.setBold(true);
    const int height = QFontMetrics(nameFont).height() + LineGap + option.fontMetrics.height();
    return { 200, height + 2 * PadY };
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette &palette = opt.palette;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor secondary = secondaryTextColor(palette, selected);

    const QString chat = index.data(ConversationsModel::ChatRole).toString();
    const QString name = index.data(ConversationsModel::NameRole).toString();
    const int unread = index.data(ConversationsModel::UnreadRole).toInt();
    const QString time = listTime(index.data(ConversationsModel::LastAtRole).toDateTime());
    QString preview = oneLine(index.data(ConversationsModel::LastBodyRole).toString());
    const bool empty = preview.isEmpty();
    const bool room = index.data(ConversationsModel::KindRole).toInt() == int(ChatKind::GroupChat);
    const QString lastNick = index.data(ConversationsModel::LastNickRole).toString();
    if (empty && index.data(ConversationsModel::PresenceRequestRole).toBool())
        preview = tr("Wants to see your status");
    else if (empty)
        preview = tr("No messages yet");
    else if (index.data(ConversationsModel::LastDirectionRole).toInt() == int(Direction::Outgoing))
        preview = tr("You: %1").arg(preview);
    else if (room && !lastNick.isEmpty()) // a room's notice has no sender to name
        preview = tr("%1: %2", "room preview: nickname, text").arg(oneLine(lastNick), preview);
    // What the contact is doing (XEP-0085) stands in for the last message while it is news.
    const QString chatState = index.data(ConversationsModel::ChatStateTextRole).toString();
    if (!chatState.isEmpty())
        preview = chatState;
    // A request says so on every line: the name alone could be anyone's.
    if (index.data(ConversationsModel::RequestRole).toBool())
        preview = tr("Not in your contacts · %1").arg(preview);

    const QRect area = opt.rect.adjusted(PadX, PadY, -PadX, -PadY);
    const QRectF avatar(area.left(), area.top(), area.height(), area.height());
    if (room)
        paintRoomAvatar(painter, avatar, chat, name);
    else
        paintAvatar(painter, avatar, chat, name);

    QFont nameFont = opt.font;
    nameFont.setBold(true);
    const QFontMetrics nameMetrics(nameFont);
    const QFontMetrics metrics(opt.font);
    const int left = int(avatar.right()) + AvatarGap;
    const QRect line1(left, area.top(), area.right() - left, nameMetrics.height());
    const QRect line2(left, line1.bottom() + 1 + LineGap, line1.width(), metrics.height());

    painter->save();
    painter->setFont(opt.font);
    painter->setPen(secondary);
    const int timeWidth = metrics.horizontalAdvance(time);
    painter->drawText(line1, Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine, time);

    painter->setFont(nameFont);
    painter->setPen(text);
    const int nameRoom = line1.width() - (timeWidth > 0 ? timeWidth + 8 : 0);
    painter->drawText(line1, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
        nameMetrics.elidedText(name, Qt::ElideRight, nameRoom));

    int previewRoom = line2.width();
    if (unread > 0) {
        QFont badgeFont = opt.font;
        badgeFont.setBold(true);
        const QFontMetrics badgeMetrics(badgeFont);
        const QString count = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
        const int badgeHeight = badgeMetrics.height();
        const int badgeWidth = std::max(badgeHeight, badgeMetrics.horizontalAdvance(count) + badgeHeight / 2 + 2);
        const QRectF badge(line2.right() + 1 - badgeWidth, line2.top() + (line2.height() - badgeHeight) / 2.0,
            badgeWidth, badgeHeight);
        QPainterPath pill;
        pill.addRoundedRect(badge, badgeHeight / 2.0, badgeHeight / 2.0);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->fillPath(pill, palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
        painter->setFont(badgeFont);
        painter->setPen(palette.color(selected ? QPalette::Highlight : QPalette::HighlightedText));
        painter->drawText(badge, Qt::AlignCenter | Qt::TextSingleLine, count);
        previewRoom -= badgeWidth + 8;
    }

    QFont previewFont = opt.font;
    previewFont.setItalic(empty || !chatState.isEmpty());
    painter->setFont(previewFont);
    if (!chatState.isEmpty() && !selected)
        painter->setPen(palette.color(QPalette::Link));
    else
        painter->setPen(unread > 0 ? text : secondary);
    painter->drawText(line2, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
        QFontMetrics(previewFont).elidedText(preview, Qt::ElideRight, previewRoom));
    painter->restore();
}

bool ConversationDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
    const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString chat = index.data(ConversationsModel::ChatRole).toString();
    const bool room = index.data(ConversationsModel::KindRole).toInt() == int(ChatKind::GroupChat);
    showPlainToolTip(event->globalPos(), room ? tr("Room · %1").arg(chat) : chat, view);
    return true;
}

} // namespace Jw::Ui
