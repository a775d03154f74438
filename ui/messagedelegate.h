#pragma once

#include "types.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QSet>
#include <QStyledItemDelegate>

#include <functional>

namespace Jw {
class Transfers;
struct Transfer;
} // namespace Jw

namespace Jw::Ui {

/// Paints one message of a MessagesModel as a bubble: ours on the right,
/// theirs on the left, the sender and time above, the body as plain text
/// wrapped to the view's width, and for our messages a delivery mark
/// (XEP-0198 acknowledgement "✓", XEP-0184 receipt "✓✓", XEP-0333
/// displayed "Seen"). A "New messages" line goes above the first unread
/// message.
///
/// Bodies come from the network: they are laid out with QTextLayout as
/// plain text, never interpreted as rich text.
class MessageDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageDelegate)

public:
    explicit MessageDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

    /// The mark under one of our messages: "🕓" (or "…" without that glyph),
    /// "✓", "✓✓", or "⚠ <reason>"; empty for a message we received.
    static QString stateMark(DeliveryState state, const QString &error, bool clockGlyph = false);
    /// A sentence that explains a delivery state, for the tooltip.
    static QString stateDescription(DeliveryState state, const QString &error);
    /// The mark under one of our messages the other side has displayed.
    static QString displayedMark();
    /// In a room, on ours: "Read by 3" (XEP-0333 markers from the occupants).
    static QString readByMark(int count);
    /// The mark shown under the message at `index`: for ours "Read by N"
    /// in a room where people read it, else "Seen", else its stateMark();
    /// empty for a message we received.
    static QString markFor(const QModelIndex &index, bool clockGlyph = false);
    /// The message's tooltip: when it was sent, and for ours its state and who read it.
    static QString toolTipFor(const QModelIndex &index);
    /// The mark after the time of a corrected message (XEP-0308).
    static QString editedMark();
    /// The reactions line under a message: each emoji with its count.
    static QString reactionsText(const QModelIndex &index);
    /// The words on the line above the first unread message.
    static QString newMessagesText();

    /// A body this long (characters, or lines) is shown collapsed: its first
    /// CollapsedCharacters characters and at most CollapsedLines lines, with
    /// a "Show all" line under it that expands it (a click, or expand()).
    static constexpr int LongCharacters = 2000;
    static constexpr int CollapsedCharacters = 1000;
    static constexpr int CollapsedLines = 20;
    static bool isLong(const QString &body);
    /// The words of the line that expands a collapsed body.
    static QString showAllText(int characters);
    bool isExpanded(const QModelIndex &index) const;
    void expand(const QModelIndex &index);

    /// What a row shows as words, in the order drawn: the day separator,
    /// the sender (only at the start of a run), the body, the time and the
    /// delivery mark (what tests and accessibility read).
    QStringList shownTexts(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    /// Where the quote of a reply is drawn in its row (empty if it is no
    /// reply), relative to the row's top left: a click there opens the original.
    QRectF quoteArea(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

    /// Where the picture a message carries is on disk (a finished
    /// download), or "" when it has none to show: such a message shows the
    /// picture in its bubble, under the link, decoded with limits
    /// (ui/picture.h); one that cannot be decoded shows pictureProblemText().
    using PictureLookup = std::function<QString(const QModelIndex &index)>;
    void setPictureLookup(PictureLookup lookup) { m_pictureLookup = std::move(lookup); }
    static QString pictureProblemText();
    /// The largest a picture is shown in a bubble.
    static constexpr int ThumbnailSide = 240;

    /// A message that carries a file (MessagesModel::TransferIdRole) and
    /// shows no picture shows a card in its bubble in place of the link:
    /// the file's name, its size or state, a progress bar while it moves,
    /// and the buttons for what can be done with it. The card is painted;
    /// its buttons are found by position (no widget per row), so a long
    /// history scrolls as cheaply with files as without.
    void setTransfers(const Transfers *transfers) { m_transfers = transfers; }
    enum class FileAction { Download, Cancel, Retry, Open, ShowInFolder, Remove };
    static QString fileActionText(FileAction action);
    /// What the card says about the file under its name: "Sending… · 2 MB",
    /// "Sent · 2 MB", "2 MB", the reason it failed, "The file was deleted or moved."…
    static QString fileStatusText(const Transfer &transfer, bool fileThere);
    static QString fileDeletedText();
    /// The card's buttons at `index`, where the view draws them (the row's
    /// rectangle is option.rect); empty when it shows no card.
    QList<QPair<FileAction, QRectF>> fileButtons(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    /// The card's progress, in thousandths; -1 when it shows none.
    int fileProgress(const QStyleOptionViewItem &option, const QModelIndex &index) const;

Q_SIGNALS:
    /// The quote above a reply was clicked: the history row id of the message it answers.
    void quoteClicked(qint64 rowId);
    /// A button of a file's card was clicked.
    void fileActionRequested(qint64 transferId, Jw::Ui::MessageDelegate::FileAction action);

private:
    struct Layout;
    void layOut(Layout &layout, const QStyleOptionViewItem &option, const QModelIndex &index) const;

    /// What decides a row's size besides its (unchanging) body: a key to the cache below.
    size_t sizeKey(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    QSet<qint64> m_expanded; ///< rows (history row ids) the person expanded
    /// Sizes by history row id: a view lays out every row of its window on
    /// each page; the text layout is done once per message, not each time.
    struct CachedSize
    {
        size_t key = 0;
        QSize size;
    };
    mutable QHash<qint64, CachedSize> m_sizes;
    PictureLookup m_pictureLookup;
    const Transfers *m_transfers = nullptr;
    void layOutCard(Layout &layout, const Transfer &transfer, qreal textWidth, qreal &inner, qreal &innerHeight) const;
    void paintCard(QPainter *painter, const QStyleOptionViewItem &option, const Layout &layout) const;
    QString cardKey(const QModelIndex &index) const;
    /// Decoded thumbnails by path (a null image: could not be shown), cost in KB.
    mutable QCache<QString, QImage> m_pictures { 32 * 1024 };
    const QImage *thumbnail(const QString &path) const;
};

} // namespace Jw::Ui
