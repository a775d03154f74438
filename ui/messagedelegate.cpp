#include "messagedelegate.h"

#include "filenames.h"
#include "mentions.h"
#include "picture.h"
#include "models.h"
#include "transfers.h"
#include "uiformat.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QFileInfo>
#include <QStyle>
#include <QStyleOptionButton>
#include <QStyleOptionProgressBar>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <cmath>
#include <limits>

namespace Jw::Ui {
namespace {

constexpr int Margin = 10; ///< between the view's edge and a bubble
constexpr int RowSpacing = 4; ///< above and below each message
constexpr int PadX = 10; ///< inside a bubble
constexpr int PadY = 6;
constexpr int HeaderGap = 2; ///< between the sender line and the bubble
constexpr int FooterGap = 3; ///< between the body and a footer line
constexpr int MarkGap = 8; ///< between the body's last line and an inline mark
constexpr qreal Radius = 10;
constexpr qreal MaxBubbleShare = 0.8; ///< of the view's width
constexpr int ButtonPadX = 10; ///< inside a file card's button
constexpr int ButtonPadY = 4;
constexpr int ButtonGap = 6; ///< between a file card's buttons
constexpr int ProgressWidth = 140; ///< a file card's progress bar

/// Whether the file of a finished transfer is on disk here (a stat, only for those).
bool fileThere(const Transfer &t)
{
    const bool finished = t.state == Transfer::State::Downloaded || t.state == Transfer::State::Uploaded;
    return finished && !t.localPath.isEmpty() && QFileInfo::exists(t.localPath);
}

int viewWidth(const QStyleOptionViewItem &option)
{
    // QListView in list mode makes every row as wide as the viewport; the
    // option's rect is not set when sizeHint() is asked.
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return option.rect.width() > 0 ? option.rect.width() : 400;
}

QFont smallFont(const QFont &font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.85);
    else if (font.pixelSize() > 0)
        small.setPixelSize(std::max(8, qRound(font.pixelSize() * 0.85)));
    return small;
}

/// QTextLayout breaks lines only at U+2028; a body's "\n" must become one.
QString forLayout(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(u'\r', u'\n');
    text.replace(u'\n', QChar::LineSeparator);
    return text;
}

/// Lays the text out in lines of `width`, at most `maxLines` of them;
/// returns the widest line and the height.
QSizeF layOutLines(QTextLayout &layout, qreal width, int maxLines = std::numeric_limits<int>::max())
{
    qreal y = 0;
    qreal widest = 0;
    int lines = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid() && ++lines <= maxLines; line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
        widest = std::max(widest, line.naturalTextWidth());
    }
    layout.endLayout();
    return { widest, y };
}

/// Wraps plain text at `maxWidth`, then again at its own natural width so
/// that right-to-left lines align inside a bubble that is only as wide as
/// the text.
/// Lays `text` out with `formats` (ranges in forLayout(text)). The formats
/// are set before the lines are made: setting them afterwards throws the
/// lines away, and the text is then not drawn at all.
QSizeF wrapPlain(QTextLayout &layout, const QString &text, const QFont &font, qreal maxWidth,
    int maxLines = std::numeric_limits<int>::max(), const QList<QTextLayout::FormatRange> &formats = {})
{
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setText(forLayout(text));
    layout.setFormats(formats);
    layout.setFont(font);
    layout.setTextOption(textOption);
    layout.setCacheEnabled(true);
    const QSizeF natural = layOutLines(layout, maxWidth, maxLines);
    const qreal fitted = std::min(maxWidth, std::ceil(natural.width()) + 1);
    if (fitted < maxWidth)
        return { natural.width(), layOutLines(layout, fitted, maxLines).height() };
    return natural;
}

/// The start of a long body: whole characters, at most `length` UTF-16 units.
QString head(const QString &body, qsizetype length)
{
    if (length < body.size() && length > 0 && body.at(length - 1).isHighSurrogate())
        --length; // not half an emoji
    return body.left(length);
}

QPalette::ColorGroup colorGroup(const QStyleOptionViewItem &option)
{
    if (!(option.state & QStyle::State_Enabled))
        return QPalette::Disabled;
    return (option.state & QStyle::State_Active) ? QPalette::Normal : QPalette::Inactive;
}

} // namespace

struct MessageDelegate::Layout
{
    bool own = false;
    bool notice = false; ///< a room's own notice: a centred line, no bubble
    bool mention = false; ///< names our nickname in a room
    QColor nameColor; ///< a room's sender: the nickname's colour; invalid: the text colour
    QString day; ///< a day separator above the message; empty: none
    QRectF dayRect;
    bool header = true; ///< the sender's name above: the first of a run
    QString name;
    QString time; ///< the time of day, after the body's last line (with our mark)
    QFont nameFont;
    QFont smallFont;

    QTextLayout body;
    QPointF bodyPos;

    QString mark; ///< an inline delivery mark, drawn after the body's last line
    QRectF markRect;

    QTextLayout footer; ///< a line of its own under the body: a failure or the offline tag
    bool hasFooter = false;
    bool footerIsError = false;
    QPointF footerPos;

    QString more; ///< collapsed: the line that expands it
    QRectF moreRect;

    QString quote; ///< a reply (XEP-0461): "sender: first line" of what it answers, above the body
    QRectF quoteRect;
    QString reactions; ///< the reactions (XEP-0444) under the body: "👍 2  ❤ 1"
    QRectF reactionsRect;
    const QImage *picture = nullptr; ///< the message's picture, under the body; null image: not showable
    QRectF pictureRect;

    bool card = false; ///< a file's card: its name as the body, then the lines below
    qint64 transferId = 0;
    QTextLayout cardStatus; ///< size, state or what went wrong
    QPointF cardStatusPos;
    bool cardError = false;
    int progress = -1; ///< thousandths while it moves (0 also when the size is unknown); -1: no bar
    bool progressKnown = false; ///< the size is known: the bar shows how far
    QRectF progressRect;
    QList<QPair<FileAction, QRectF>> buttons;

    bool displayed = false; ///< ours, and the other side has displayed it
    bool newMessagesLine = false; ///< the "New messages" line goes above the message
    QRectF lineRect;

    QRectF nameRect;
    QRectF bubble;
    int width = 0;
    int height = 0;
};

MessageDelegate::MessageDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QString MessageDelegate::stateMark(DeliveryState state, const QString &error, bool clockGlyph)
{
    switch (state) {
    case DeliveryState::Queued:
        return clockGlyph ? QStringLiteral("\U0001F553") : QStringLiteral("\u2026");
    case DeliveryState::Sent:
        return QStringLiteral("\u2713");
    case DeliveryState::Delivered:
        return QStringLiteral("\u2713\u2713");
    case DeliveryState::Failed:
        return QStringLiteral("\u26A0 ") + (error.isEmpty() ? tr("Not sent") : error);
    case DeliveryState::Received:
        break;
    }
    return {};
}

QString MessageDelegate::displayedMark()
{
    return tr("Seen");
}

QString MessageDelegate::readByMark(int count)
{
    return tr("Read by %n", nullptr, count);
}

QString MessageDelegate::markFor(const QModelIndex &index, bool clockGlyph)
{
    if (index.data(MessagesModel::DirectionRole).toInt() != int(Direction::Outgoing))
        return {};
    const auto state = DeliveryState(index.data(MessagesModel::StateRole).toInt());
    if (state == DeliveryState::Failed)
        return stateMark(state, index.data(MessagesModel::ErrorRole).toString(), clockGlyph);
    // In a room: how many have read it (XEP-0333 markers by occupant); in a 1:1 chat: seen.
    if (const auto readers = index.data(MessagesModel::ReadByRole).toStringList(); !readers.isEmpty())
        return readByMark(int(readers.size()));
    if (index.data(MessagesModel::DisplayedRole).toBool())
        return displayedMark();
    return stateMark(state, index.data(MessagesModel::ErrorRole).toString(), clockGlyph);
}

QString MessageDelegate::toolTipFor(const QModelIndex &index)
{
    const QDateTime sentAt = index.data(MessagesModel::SentAtRole).toDateTime();
    QString tip = QLocale().toString(sentAt.toLocalTime(), QLocale::LongFormat);
    if (index.data(MessagesModel::DirectionRole).toInt() == int(Direction::Outgoing)) {
        const auto state = DeliveryState(index.data(MessagesModel::StateRole).toInt());
        tip += u'\n' + stateDescription(state, index.data(MessagesModel::ErrorRole).toString());
        if (state != DeliveryState::Failed && index.data(MessagesModel::DisplayedRole).toBool())
            tip += u'\n' + tr("Seen: the other side has displayed it.");
        const QStringList readers = index.data(MessagesModel::ReadByRole).toStringList();
        if (state != DeliveryState::Failed && !readers.isEmpty())
            tip += u'\n' + tr("Read by %1").arg(QLocale().createSeparatedList(readers));
    }
    // A corrected message (XEP-0308): what it said before, oldest first.
    const QStringList versions = index.data(MessagesModel::VersionsRole).toStringList();
    if (index.data(MessagesModel::EditedRole).toBool() && !versions.isEmpty()) {
        tip += u'\n' + tr("Edited. Earlier versions:");
        for (const QString &v : versions)
            tip += QStringLiteral("\n• ") + v;
    }
    const QVariantList reactions = index.data(MessagesModel::ReactionsRole).toList();
    for (const QVariant &r : reactions) {
        const QVariantMap entry = r.toMap();
        tip += u'\n' + entry.value(QStringLiteral("emoji")).toString() + u' '
            + QLocale().createSeparatedList(entry.value(QStringLiteral("from")).toStringList());
    }
    return tip;
}

QString MessageDelegate::editedMark()
{
    return tr("edited");
}

QString MessageDelegate::reactionsText(const QModelIndex &index)
{
    QStringList parts;
    const QVariantList reactions = index.data(MessagesModel::ReactionsRole).toList();
    for (const QVariant &r : reactions) {
        const QVariantMap entry = r.toMap();
        parts.append(entry.value(QStringLiteral("emoji")).toString() + u' '
            + QString::number(entry.value(QStringLiteral("count")).toInt()));
    }
    return parts.join(QStringLiteral("  "));
}

QString MessageDelegate::newMessagesText()
{
    return tr("New messages");
}

QString MessageDelegate::stateDescription(DeliveryState state, const QString &error)
{
    switch (state) {
    case DeliveryState::Queued:
        return tr("Waiting to be sent: it goes out as soon as you are online.");
    case DeliveryState::Sent:
        return tr("The server has the message.");
    case DeliveryState::Delivered:
        return tr("Delivered to the recipient’s device.");
    case DeliveryState::Failed:
        return error.isEmpty() ? tr("The message could not be sent.")
                               : tr("The message could not be sent: %1").arg(error);
    case DeliveryState::Received:
        break;
    }
    return {};
}

void MessageDelegate::layOut(Layout &l, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = viewWidth(option);
    const int usable = std::max(40, width - 2 * Margin);
    const int maxBubble = usable < 320 ? usable : int(usable * MaxBubbleShare);
    const qreal textWidth = std::max(20, maxBubble - 2 * PadX);

    l.own = index.data(MessagesModel::DirectionRole).toInt() == int(Direction::Outgoing);
    const auto state = DeliveryState(index.data(MessagesModel::StateRole).toInt());
    const QString error = index.data(MessagesModel::ErrorRole).toString();
    const QString body = index.data(MessagesModel::BodyRole).toString();

    l.smallFont = smallFont(option.font);
    l.nameFont = l.smallFont;
    l.nameFont.setBold(true);
    const QFontMetricsF smallMetrics(l.smallFont);
    const QFontMetricsF nameMetrics(l.nameFont);

    // A new day and the "New messages" line take bands of their own above the message.
    const qreal band = std::ceil(smallMetrics.height());
    qreal top = 0;
    if (index.data(MessagesModel::DayStartRole).toBool()) {
        l.day = dayLabel(index.data(MessagesModel::SentAtRole).toDateTime().toLocalTime().date());
        l.dayRect = QRectF(Margin, top + RowSpacing, std::max(0, width - 2 * Margin), band);
        top += band + 2 * RowSpacing;
    }
    l.newMessagesLine = index.data(MessagesModel::NewMessagesLineRole).toBool();
    l.lineRect = QRectF(Margin, top + RowSpacing, std::max(0, width - 2 * Margin), band);
    if (l.newMessagesLine)
        top += band + 2 * RowSpacing;
    // A model without runs (no GroupStartRole) shows every sender.
    const QVariant groupStart = index.data(MessagesModel::GroupStartRole);
    l.header = !groupStart.isValid() || groupStart.toBool();
    l.displayed = l.own && state != DeliveryState::Failed
        && (index.data(MessagesModel::DisplayedRole).toBool()
            || !index.data(MessagesModel::ReadByRole).toStringList().isEmpty());

    // A room's notice (kicks, configuration changes): a quiet centred line.
    l.notice = index.data(MessagesModel::NoticeRole).toBool();
    if (l.notice) {
        QFont noticeFont = l.smallFont;
        noticeFont.setItalic(true);
        const QSizeF size = wrapPlain(l.body, body, noticeFont, std::max(20, usable - 2 * PadX));
        l.bodyPos = QPointF(std::max<qreal>(Margin, (width - size.width()) / 2), top + RowSpacing + PadY);
        l.width = width;
        l.height = int(std::ceil(top + RowSpacing + PadY + size.height() + PadY + RowSpacing));
        return;
    }
    l.mention = index.data(MessagesModel::MentionRole).toBool();
    if (const QString nick = index.data(MessagesModel::NickRole).toString(); !l.own && !nick.isEmpty())
        l.nameColor = addressColor(nick);

    // The body, and how wide the bubble must be for it. A long one shows
    // its start until the person expands it: laying out a whole book on
    // every scroll would freeze the view (issue 12).
    // A file shows its name and a card in place of its link; a picture shows itself.
    const QString picturePath = m_pictureLookup ? m_pictureLookup(index) : QString();
    std::optional<Transfer> file;
    if (m_transfers && picturePath.isEmpty() && !index.data(MessagesModel::RetractedRole).toBool()) {
        if (const qint64 id = index.data(MessagesModel::TransferIdRole).toLongLong())
            file = m_transfers->transfer(id);
    }
    l.card = file.has_value();
    const QString text = l.card ? file->name : body;
    const bool collapsed = isLong(text) && !m_expanded.contains(index.data(MessagesModel::RowIdRole).toLongLong());
    const QString shown = collapsed ? head(text, CollapsedCharacters) + u'…' : text;
    QList<QTextLayout::FormatRange> formats;
    if (l.mention) {
        // Our nickname stands out where it is named.
        const auto found = Mentions::find(forLayout(shown), index.data(MessagesModel::OwnNickRole).toString());
        for (const auto &[start, length] : found) {
            QTextLayout::FormatRange range;
            range.start = int(start);
            range.length = int(length);
            range.format.setFontWeight(QFont::Bold);
            range.format.setForeground(option.palette.color(QPalette::Link));
            formats.append(range);
        }
    }
    QFont bodyFont = option.font;
    bodyFont.setItalic(index.data(MessagesModel::RetractedRole).toBool());
    bodyFont.setBold(l.card);
    const QSizeF bodySize = wrapPlain(l.body, shown, bodyFont, textWidth,
        collapsed ? CollapsedLines : std::numeric_limits<int>::max(), formats);
    qreal inner = bodySize.width();
    qreal innerHeight = bodySize.height();
    // The time, and our delivery mark, sit after the last line when they fit there.
    l.time = timeOfDay(index.data(MessagesModel::SentAtRole).toDateTime());
    if (index.data(MessagesModel::EditedRole).toBool())
        l.time += QStringLiteral(" · ") + editedMark();
    // An upload no message carries yet has no delivery state: its card tells.
    if (l.own && state != DeliveryState::Failed && !index.data(MessagesModel::PendingUploadRole).toBool())
        l.mark = markFor(index, smallMetrics.inFontUcs4(0x1F553));
    {
        const qreal markWidth = smallMetrics.horizontalAdvance(
            l.mark.isEmpty() ? l.time : QString(l.time + QStringLiteral("  ") + l.mark));
        const QTextLine last = l.body.lineAt(l.body.lineCount() - 1);
        const qreal afterLast = last.naturalTextWidth() + MarkGap + markWidth;
        if (afterLast <= textWidth && !text.isRightToLeft()) {
            inner = std::max(inner, afterLast);
            const qreal baseline = last.y() + last.ascent();
            l.markRect = QRectF(0, baseline - smallMetrics.ascent(), markWidth, smallMetrics.height());
        } else {
            inner = std::max(inner, markWidth);
            l.markRect = QRectF(0, innerHeight + FooterGap, markWidth, smallMetrics.height());
            innerHeight += FooterGap + smallMetrics.height();
        }
    }

    // A picture the message carries, downloaded: under the body and the time.
    if (l.card)
        layOutCard(l, *file, textWidth, inner, innerHeight);
    if (!picturePath.isEmpty()) {
        l.picture = thumbnail(picturePath);
        if (l.picture) {
            QSizeF size = l.picture->isNull()
                ? QSizeF(std::min(textWidth, smallMetrics.horizontalAdvance(pictureProblemText())), smallMetrics.height())
                : QSizeF(l.picture->size());
            if (size.width() > textWidth) // only ever smaller, never blown up
                size = size.scaled(QSizeF(textWidth, ThumbnailSide), Qt::KeepAspectRatio);
            l.pictureRect = QRectF(QPointF(0, innerHeight + FooterGap), size);
            inner = std::max(inner, size.width());
            innerHeight += FooterGap + size.height();
        }
    }

    // "Show all" under the time: the last line of a collapsed bubble.
    if (collapsed) {
        l.more = showAllText(int(body.size()));
        const QSizeF moreSize(smallMetrics.horizontalAdvance(l.more), smallMetrics.height());
        l.moreRect = QRectF(QPointF(0, innerHeight + FooterGap), moreSize);
        inner = std::max(inner, moreSize.width());
        innerHeight += FooterGap + moreSize.height();
    }

    // A failure reason or the offline tag gets a wrapped line of its own.
    QString footer;
    if (l.own && state == DeliveryState::Failed) {
        footer = stateMark(state, error);
        l.footerIsError = true;
    } else if (!l.own && index.data(MessagesModel::ArrivedOfflineRole).toBool()) {
        footer = tr("arrived while you were offline");
    }
    if (!footer.isEmpty()) {
        QFont footerFont = l.smallFont;
        footerFont.setItalic(!l.footerIsError);
        const QSizeF footerSize = wrapPlain(l.footer, footer, footerFont, textWidth);
        l.hasFooter = true;
        l.footerPos = QPointF(0, innerHeight + FooterGap);
        inner = std::max(inner, footerSize.width());
        innerHeight += FooterGap + footerSize.height();
    }

    // Reactions (XEP-0444): a line of their own under the rest.
    l.reactions = reactionsText(index);
    if (!l.reactions.isEmpty()) {
        const QSizeF size(smallMetrics.horizontalAdvance(l.reactions), smallMetrics.height());
        l.reactionsRect = QRectF(QPointF(0, innerHeight + FooterGap), size);
        inner = std::max(inner, size.width());
        innerHeight += FooterGap + size.height();
    }
    // A reply: what it answers, quoted on a line above the body.
    qreal quoteHeight = 0;
    if (const QString quote = index.data(MessagesModel::ReplyQuoteRole).toString(); !quote.isEmpty()) {
        l.quote = smallMetrics.elidedText(QStringLiteral("\u21AA ") + quote, Qt::ElideRight, textWidth);
        const qreal quoteWidth = smallMetrics.horizontalAdvance(l.quote);
        l.quoteRect = QRectF(0, 0, quoteWidth, smallMetrics.height());
        inner = std::max(inner, quoteWidth);
        quoteHeight = smallMetrics.height() + FooterGap;
        innerHeight += quoteHeight;
    }

    const qreal bubbleWidth = std::max(2 * Radius, std::ceil(inner) + 2 * PadX);
    const qreal bubbleHeight = std::ceil(innerHeight) + 2 * PadY;
    const qreal headerHeight = l.header ? std::ceil(nameMetrics.height()) + HeaderGap : 0;
    const qreal bubbleX = l.own ? width - Margin - bubbleWidth : Margin;
    const qreal bubbleY = top + RowSpacing + headerHeight;
    l.bubble = QRectF(bubbleX, bubbleY, bubbleWidth, bubbleHeight);

    l.quoteRect.translate(bubbleX + PadX, bubbleY + PadY);
    const QPointF innerOrigin(bubbleX + PadX, bubbleY + PadY + quoteHeight);
    l.bodyPos = innerOrigin;
    l.reactionsRect.translate(innerOrigin);
    l.footerPos += innerOrigin;
    l.moreRect.translate(innerOrigin);
    l.pictureRect.translate(innerOrigin);
    l.cardStatusPos += innerOrigin;
    l.progressRect.translate(innerOrigin);
    for (auto &button : l.buttons)
        button.second.translate(innerOrigin);
    l.markRect.translate(innerOrigin.x() + std::ceil(inner) - l.markRect.width(), innerOrigin.y());

    // The sender above the first bubble of a run, on the bubble's side.
    qreal headerWidth = 0;
    if (l.header) {
        l.name = nameMetrics.elidedText(index.data(MessagesModel::SenderRole).toString(), Qt::ElideRight,
            qreal(std::max(0, usable - PadX)));
        headerWidth = nameMetrics.horizontalAdvance(l.name);
        const qreal headerX = l.own ? width - Margin - PadX / 2.0 - headerWidth : Margin + PadX / 2.0;
        l.nameRect = QRectF(headerX, top + RowSpacing, headerWidth, headerHeight - HeaderGap);
    }

    l.width = int(std::ceil(std::max(bubbleWidth, headerWidth))) + 2 * Margin;
    l.height = int(bubbleY + bubbleHeight) + RowSpacing;
    if (l.newMessagesLine || !l.day.isEmpty())
        l.width = std::max(l.width, width); // the line spans the view
}

QStringList MessageDelegate::shownTexts(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    Layout l;
    layOut(l, opt, index);
    QStringList texts;
    if (!l.day.isEmpty())
        texts.append(l.day);
    if (l.newMessagesLine)
        texts.append(newMessagesText());
    if (l.header && !l.notice)
        texts.append(l.name);
    if (!l.quote.isEmpty())
        texts.append(l.quote);
    texts.append(l.body.text().replace(QChar::LineSeparator, u'\n'));
    if (l.card) {
        texts.append(l.cardStatus.text().replace(QChar::LineSeparator, u'\n'));
        for (const auto &button : std::as_const(l.buttons))
            texts.append(fileActionText(button.first));
    }
    if (l.picture && l.picture->isNull())
        texts.append(pictureProblemText());
    if (!l.notice) {
        texts.append(l.time);
        if (!l.mark.isEmpty())
            texts.append(l.mark);
    }
    if (!l.reactions.isEmpty())
        texts.append(l.reactions);
    return texts;
}

size_t MessageDelegate::sizeKey(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const qint64 rowId = index.data(MessagesModel::RowIdRole).toLongLong();
    QString day;
    if (index.data(MessagesModel::DayStartRole).toBool()) // "Today" becomes "Yesterday" at midnight
        day = dayLabel(index.data(MessagesModel::SentAtRole).toDateTime().toLocalTime().date());
    const bool header = index.data(MessagesModel::GroupStartRole).toBool();
    return qHashMulti(0, viewWidth(option), option.font.key(), index.data(MessagesModel::StateRole).toInt(),
        index.data(MessagesModel::DisplayedRole).toBool(), index.data(MessagesModel::NewMessagesLineRole).toBool(),
        header, day, index.data(MessagesModel::ErrorRole).toString(),
        index.data(MessagesModel::ArrivedOfflineRole).toBool(), index.data(MessagesModel::MentionRole).toBool(),
        header ? index.data(MessagesModel::SenderRole).toString() : QString(), m_expanded.contains(rowId),
        // A correction, retraction, reply quote or reaction changes the size.
        index.data(MessagesModel::BodyRole).toString(), index.data(MessagesModel::EditedRole).toBool(),
        index.data(MessagesModel::ReplyQuoteRole).toString(), reactionsText(index),
        m_pictureLookup ? m_pictureLookup(index) : QString(), cardKey(index));
}

QString MessageDelegate::cardKey(const QModelIndex &index) const
{
    // What changes a card's size: its state and words, not its progress.
    const qint64 id = m_transfers ? index.data(MessagesModel::TransferIdRole).toLongLong() : 0;
    const auto t = id ? m_transfers->transfer(id) : std::nullopt;
    if (!t)
        return {};
    return QString::number(int(t->state)) + u'\n' + t->name + u'\n' + QString::number(t->size) + u'\n' + t->error
        + u'\n' + QString::number(int(fileThere(*t))) + u'\n' + QString::number(int(t->messageId.isEmpty()));
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    const qint64 rowId = index.data(MessagesModel::RowIdRole).toLongLong();
    size_t key = 0;
    if (rowId > 0) {
        key = sizeKey(option, index);
        if (const auto it = m_sizes.constFind(rowId); it != m_sizes.cend() && it->key == key)
            return it->size;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    Layout l;
    layOut(l, opt, index);
    const QSize size(std::min(l.width, viewWidth(opt)), l.height);
    if (rowId > 0) {
        if (m_sizes.size() > 4096)
            m_sizes.clear(); // a few windows' worth; the rest is laid out again when seen
        m_sizes.insert(rowId, { key, size });
    }
    return size;
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.isValid())
        return;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    Layout l;
    layOut(l, opt, index);

    const QPalette::ColorGroup group = colorGroup(opt);
    const QPalette &palette = opt.palette;
    const QColor base = palette.color(group, QPalette::Base);
    const QColor text = palette.color(group, QPalette::Text);
    const QColor secondary = blend(text, base, 0.4);
    const QColor bubble = l.own ? blend(base, palette.color(group, QPalette::Highlight), 0.2) : blend(base, text, 0.07);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setClipRect(opt.rect);
    painter->translate(opt.rect.topLeft());

    if (!l.day.isEmpty()) {
        QFont dayFont = l.smallFont;
        dayFont.setBold(true);
        const qreal wordsWidth = QFontMetricsF(dayFont).horizontalAdvance(l.day) + 2 * PadX;
        const qreal middle = l.dayRect.center().y();
        const qreal wordsLeft = l.dayRect.center().x() - wordsWidth / 2;
        painter->setPen(QPen(blend(text, base, 0.75), 1));
        painter->drawLine(QPointF(l.dayRect.left(), middle), QPointF(wordsLeft, middle));
        painter->drawLine(QPointF(wordsLeft + wordsWidth, middle), QPointF(l.dayRect.right(), middle));
        painter->setFont(dayFont);
        painter->setPen(secondary);
        painter->drawText(l.dayRect, Qt::AlignCenter | Qt::TextSingleLine, l.day);
    }
    if (l.newMessagesLine) {
        const QColor accent = palette.color(group, QPalette::Highlight);
        QFont lineFont = l.smallFont;
        lineFont.setBold(true);
        const int offline = index.data(MessagesModel::OfflineArrivalsRole).toInt();
        const QString words = offline > 0
            ? tr("New messages · %n arrived while you were offline", nullptr, offline)
            : newMessagesText();
        const qreal wordsWidth = QFontMetricsF(lineFont).horizontalAdvance(words) + 2 * PadX;
        const qreal middle = l.lineRect.center().y();
        const qreal wordsLeft = l.lineRect.center().x() - wordsWidth / 2;
        painter->setPen(QPen(accent, 1));
        painter->drawLine(QPointF(l.lineRect.left(), middle), QPointF(wordsLeft, middle));
        painter->drawLine(QPointF(wordsLeft + wordsWidth, middle), QPointF(l.lineRect.right(), middle));
        painter->setFont(lineFont);
        painter->drawText(l.lineRect, Qt::AlignCenter | Qt::TextSingleLine, words);
    }

    if (l.notice) {
        painter->setPen(secondary);
        l.body.draw(painter, l.bodyPos);
        painter->restore();
        return;
    }

    if (l.header) {
        painter->setFont(l.nameFont);
        painter->setPen(l.nameColor.isValid() ? blend(l.nameColor, text, 0.25) : text);
        painter->drawText(l.nameRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, l.name);
    }

    QPainterPath path;
    path.addRoundedRect(l.bubble, Radius, Radius);
    // A message that names us: tinted with the accent, with a bar on its edge.
    painter->fillPath(path, l.mention ? blend(base, palette.color(group, QPalette::Highlight), 0.28) : bubble);
    if (l.mention) {
        painter->fillRect(QRectF(l.bubble.left() - 5, l.bubble.top() + 3, 3, l.bubble.height() - 6),
            palette.color(group, QPalette::Highlight));
    }
    if (opt.state & QStyle::State_Selected) {
        painter->setPen(QPen(palette.color(group, QPalette::Highlight), 2));
        painter->drawPath(path);
    }

    painter->setPen(text);
    l.body.draw(painter, l.bodyPos);

    painter->setFont(l.smallFont);
    painter->setPen(secondary);
    painter->drawText(l.markRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, l.time);
    if (!l.mark.isEmpty()) {
        const bool delivered = DeliveryState(index.data(MessagesModel::StateRole).toInt()) == DeliveryState::Delivered;
        const QColor accent = palette.color(group, QPalette::Highlight);
        painter->setPen(l.displayed ? accent : delivered ? blend(accent, text, 0.25) : secondary);
        painter->drawText(l.markRect, Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine, l.mark);
    }
    if (!l.quote.isEmpty()) {
        // The quote of what a reply answers: a link-coloured line with a bar.
        painter->fillRect(QRectF(l.quoteRect.left() - 5, l.quoteRect.top(), 2, l.quoteRect.height()), secondary);
        painter->setPen(palette.color(group, QPalette::Link));
        painter->drawText(l.quoteRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, l.quote);
    }
    if (!l.reactions.isEmpty()) {
        painter->setPen(text);
        painter->drawText(l.reactionsRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, l.reactions);
    }
    if (l.picture) {
        if (l.picture->isNull()) {
            painter->setFont(l.smallFont);
            painter->setPen(secondary);
            painter->drawText(l.pictureRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                QFontMetricsF(l.smallFont).elidedText(pictureProblemText(), Qt::ElideRight, l.pictureRect.width()));
        } else {
            painter->drawImage(l.pictureRect, *l.picture);
        }
    }
    if (l.card)
        paintCard(painter, opt, l);
    if (l.hasFooter) {
        painter->setPen(l.footerIsError ? errorColor(palette) : secondary);
        l.footer.draw(painter, l.footerPos);
    }
    if (!l.more.isEmpty()) {
        QFont moreFont = l.smallFont;
        moreFont.setUnderline(true);
        painter->setFont(moreFont);
        painter->setPen(palette.color(group, QPalette::Link));
        painter->drawText(l.moreRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, l.more);
    }
    painter->restore();
}

QString MessageDelegate::fileActionText(FileAction action)
{
    switch (action) {
    case FileAction::Download:
        return tr("Download");
    case FileAction::Cancel:
        return tr("Cancel");
    case FileAction::Retry:
        return tr("Retry");
    case FileAction::Open:
        return tr("Open");
    case FileAction::ShowInFolder:
        return tr("Show in Folder");
    case FileAction::Remove:
        return tr("Remove");
    }
    return {};
}

QString MessageDelegate::fileDeletedText()
{
    return tr("The file was deleted or moved.");
}

QString MessageDelegate::fileStatusText(const Transfer &t, bool there)
{
    const QString size = t.size >= 0 ? Files::sizeText(t.size) : QString();
    const auto withSize = [&](const QString &words) {
        return size.isEmpty() ? words : QString(words + QStringLiteral(" · ") + size);
    };
    switch (t.state) {
    case Transfer::State::Uploading:
        return withSize(tr("Sending…"));
    case Transfer::State::Downloading:
        return withSize(tr("Downloading…"));
    case Transfer::State::Uploaded:
        return withSize(tr("Sent"));
    case Transfer::State::Downloaded:
        if (!there)
            return fileDeletedText();
        return size;
    case Transfer::State::NotDownloaded:
        return size.isEmpty() ? tr("Not downloaded") : size;
    case Transfer::State::Cancelled:
        return t.direction == Direction::Outgoing ? withSize(tr("Not sent: cancelled")) : withSize(tr("Cancelled"));
    case Transfer::State::Failed:
        if (!t.error.isEmpty())
            return QStringLiteral("\u26A0 ") + t.error;
        return t.direction == Direction::Outgoing ? tr("\u26A0 The file could not be sent.")
                                                  : tr("\u26A0 The file could not be downloaded.");
    }
    return {};
}

void MessageDelegate::layOutCard(Layout &l, const Transfer &t, qreal textWidth, qreal &inner, qreal &innerHeight) const
{
    const QFontMetricsF metrics(l.smallFont);
    l.transferId = t.id;
    const bool there = fileThere(t);
    const bool outgoing = t.direction == Direction::Outgoing;
    l.cardError = t.state == Transfer::State::Failed || (t.state == Transfer::State::Downloaded && !there);
    const QSizeF status = wrapPlain(l.cardStatus, fileStatusText(t, there), l.smallFont, textWidth);
    l.cardStatusPos = QPointF(0, innerHeight + FooterGap);
    inner = std::max(inner, status.width());
    innerHeight += FooterGap + status.height();

    // What can be done now, in the order the buttons stand.
    QList<FileAction> actions;
    switch (t.state) {
    case Transfer::State::Uploading:
    case Transfer::State::Downloading:
        actions = { FileAction::Cancel };
        break;
    case Transfer::State::Failed:
    case Transfer::State::Cancelled:
        if (outgoing)
            actions = t.messageId.isEmpty() ? QList { FileAction::Retry, FileAction::Remove } : QList { FileAction::Retry };
        else
            actions = { t.state == Transfer::State::Failed ? FileAction::Retry : FileAction::Download };
        break;
    case Transfer::State::NotDownloaded:
        actions = { FileAction::Download };
        break;
    case Transfer::State::Downloaded:
        actions = there ? QList { FileAction::Open, FileAction::ShowInFolder } : QList { FileAction::Download };
        break;
    case Transfer::State::Uploaded:
        if (there)
            actions = { FileAction::Open, FileAction::ShowInFolder };
        break;
    }
    if (!t.isRunning() && actions.isEmpty())
        return;
    const qreal rowHeight = std::ceil(metrics.height()) + 2 * ButtonPadY;
    const qreal top = innerHeight + FooterGap;
    qreal x = 0;
    if (t.isRunning()) {
        l.progressKnown = t.size > 0;
        l.progress = l.progressKnown ? int(std::clamp<qint64>(1000 * t.bytesDone / t.size, 0, 1000)) : 0;
        l.progressRect = QRectF(0, top + 2, std::min<qreal>(ProgressWidth, textWidth / 2), rowHeight - 4);
        x = l.progressRect.width() + ButtonGap;
    }
    for (const FileAction action : std::as_const(actions)) {
        const qreal width = std::ceil(metrics.horizontalAdvance(fileActionText(action))) + 2 * ButtonPadX;
        l.buttons.append({ action, QRectF(x, top, width, rowHeight) });
        x += width + ButtonGap;
    }
    inner = std::max(inner, x - ButtonGap);
    innerHeight += FooterGap + rowHeight;
}

void MessageDelegate::paintCard(QPainter *painter, const QStyleOptionViewItem &opt, const Layout &l) const
{
    const QPalette::ColorGroup group = colorGroup(opt);
    const QPalette &palette = opt.palette;
    const QColor text = palette.color(group, QPalette::Text);
    const QColor base = palette.color(group, QPalette::Base);
    painter->setPen(l.cardError ? errorColor(palette) : blend(text, base, 0.4));
    l.cardStatus.draw(painter, l.cardStatusPos);

    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    if (l.progress >= 0) {
        QStyleOptionProgressBar bar;
        bar.rect = l.progressRect.toAlignedRect();
        bar.palette = palette;
        bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
        bar.direction = opt.direction;
        bar.minimum = 0;
        bar.maximum = l.progressKnown ? 1000 : 0; // unknown size: busy
        bar.progress = l.progress;
        bar.textVisible = false;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, opt.widget);
    }
    painter->setFont(l.smallFont);
    for (const auto &[action, rect] : l.buttons) {
        QStyleOptionButton button;
        button.rect = rect.toAlignedRect();
        button.palette = palette;
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        button.direction = opt.direction;
        button.fontMetrics = QFontMetrics(l.smallFont);
        button.text = fileActionText(action);
        style->drawControl(QStyle::CE_PushButton, &button, painter, opt.widget);
    }
}

QList<QPair<MessageDelegate::FileAction, QRectF>> MessageDelegate::fileButtons(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    Layout l;
    layOut(l, opt, index);
    for (auto &button : l.buttons)
        button.second.translate(opt.rect.topLeft());
    return l.buttons;
}

int MessageDelegate::fileProgress(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.isValid())
        return -1;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    Layout l;
    layOut(l, opt, index);
    return l.progress;
}

QString MessageDelegate::pictureProblemText()
{
    return tr("Could not show this picture");
}

const QImage *MessageDelegate::thumbnail(const QString &path) const
{
    if (const QImage *cached = m_pictures.object(path))
        return cached;
    auto *image = new QImage(readPicture(path, QSize(ThumbnailSide, ThumbnailSide)));
    const qsizetype cost = std::max<qsizetype>(1, image->sizeInBytes() / 1024);
    const QImage *kept = image;
    if (!m_pictures.insert(path, image, cost))
        return nullptr; // too big to keep (cannot happen at this size); insert deleted it
    return kept;
}

bool MessageDelegate::isLong(const QString &body)
{
    if (body.size() > LongCharacters)
        return true;
    return body.count(u'\n') >= CollapsedLines;
}

QString MessageDelegate::showAllText(int characters)
{
    return tr("Show all (%n characters)", nullptr, characters);
}

bool MessageDelegate::isExpanded(const QModelIndex &index) const
{
    return m_expanded.contains(index.data(MessagesModel::RowIdRole).toLongLong());
}

void MessageDelegate::expand(const QModelIndex &index)
{
    if (!index.isValid() || !isLong(index.data(MessagesModel::BodyRole).toString()))
        return;
    m_expanded.insert(index.data(MessagesModel::RowIdRole).toLongLong());
    Q_EMIT sizeHintChanged(index);
}

QRectF MessageDelegate::quoteArea(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    Layout l;
    layOut(l, opt, index);
    return l.quote.isEmpty() ? QRectF() : l.quoteRect;
}

bool MessageDelegate::editorEvent(
    QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const bool press = event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick;
    if ((press || event->type() == QEvent::MouseButtonRelease) && index.isValid()) {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        Layout l;
        layOut(l, opt, index);
        const auto *mouse = static_cast<QMouseEvent *>(event);
        // A card's button: pressing it selects nothing; letting go over it acts.
        for (const auto &button : std::as_const(l.buttons)) {
            if (mouse->button() != Qt::LeftButton || !button.second.translated(opt.rect.topLeft()).contains(mouse->position()))
                continue;
            if (!press)
                Q_EMIT fileActionRequested(l.transferId, button.first);
            return true;
        }
        if (press)
            return QStyledItemDelegate::editorEvent(event, model, option, index);
        if (!l.more.isEmpty() && l.moreRect.translated(opt.rect.topLeft()).contains(mouse->position())) {
            expand(index);
            return true;
        }
        if (!l.quote.isEmpty() && l.quoteRect.translated(opt.rect.topLeft()).contains(mouse->position())) {
            if (const qint64 original = index.data(MessagesModel::ReplyRowIdRole).toLongLong())
                Q_EMIT quoteClicked(original);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
    const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    showPlainToolTip(event->globalPos(), toolTipFor(index), view);
    return true;
}

} // namespace Jw::Ui
