#pragma once

#include "types.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace Jw {

class AccountFeatures;
struct Transfer;

/// The messages of one conversation, oldest first, paged from the history.
///
/// The model holds a window of consecutive messages, at most maxRows() (a
/// few pages): the newest page loads at once, older pages through
/// fetchMore(), newer ones again through fetchNewer(); a page that comes in
/// at one end pushes the farthest page out at the other. Every page costs
/// the same whatever was read before: one index range in the history and
/// O(page + window) here. loadAround() jumps to any message.
class MessagesModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagesModel)

public:
    enum Role {
        RowIdRole = Qt::UserRole + 1,
        MessageIdRole,
        DirectionRole,
        SenderRole,
        BodyRole,
        SentAtRole,
        StateRole,
        ArrivedOfflineRole,
        ErrorRole,
        DisplayedRole, ///< ours: the other side has displayed it (XEP-0333)
        NewMessagesLineRole, ///< the "New messages" line stands above this message
        /// On the row with the "New messages" line: how many of the new
        /// messages arrived while we were offline (XEP-0203 / archive).
        OfflineArrivalsRole,
        NickRole, ///< in a room: the sender's nickname (empty for a room notice)
        NoticeRole, ///< in a room: a notice of the room itself, not a person's message
        MentionRole, ///< in a room: a message from someone else that names our nickname
        OwnNickRole, ///< in a room: our nickname there now (what mentions name)
        /// An invitation to a room (core/invitations.h): the room's address, "" if none.
        InvitationRoomRole,
        InvitationPasswordRole,
        InvitationReasonRole,
        /// Who invited: the sender, or for a mediated invitation who the room says invited.
        InvitationInviterRole,
        InvitationMediatedRole, ///< sent by the room (XEP-0045 §7.8.2), not by a person (XEP-0249)
        ReadByRole, ///< in a room, ours: the nicknames of those who have read it (XEP-0333), a QStringList
        /// The first message of its day (local time) in what is loaded: a day separator above it.
        DayStartRole,
        /// The first of a run from one sender, each within GroupGap of the one
        /// before on the same day: the sender's name goes above it.
        GroupStartRole,
        // Issue 18 (core/edits.h):
        EditedRole, ///< corrected (XEP-0308): the body is the newest text
        VersionsRole, ///< the texts it had before, oldest first (QStringList)
        RetractedRole, ///< deleted for everyone (XEP-0424); the body is a sentence saying so
        ReplyToRole, ///< the message id it answers (XEP-0461), "" if none
        /// What it answers, when that message is loaded: its sender and first line ("" if not loaded).
        ReplyQuoteRole,
        ReplyRowIdRole, ///< the history row id of the message it answers (0: not loaded)
        /// The reactions (XEP-0444) grouped: a QVariantList of QVariantMap {emoji, count, from (QStringList), own (bool)}.
        ReactionsRole,
        // Issue 16 (core/files/transfers.h):
        /// The transfer of the file the message carries (Transfers::transfer), 0 if none.
        TransferIdRole,
        /// A file of ours still being uploaded, or whose upload failed or was
        /// cancelled: no message carries it yet. These rows follow the
        /// messages (while the newest are loaded), oldest first; RowIdRole is
        /// minus the transfer's id.
        PendingUploadRole,
    };
    /// How far apart two messages of one sender may be to share one header.
    static constexpr qint64 GroupGapMs = 5 * 60 * 1000;

    /// `maxRows`: how many messages it holds at most; 0 is four pages.
    MessagesModel(AccountFeatures *features, const QString &chat, int pageSize = 50, int maxRows = 0,
        QObject *parent = nullptr);

    QString chat() const { return m_chat; }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    /// Older messages: whether there are more, and loading the next page of them.
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;
    /// Newer messages than the window holds (after scrolling far back, or a jump).
    bool canFetchNewer() const { return !m_atEnd && !m_loading; }
    void fetchNewer();
    /// Shows the message `rowId` (the history's id) with a page of messages
    /// on either side, in place of what is loaded; aroundLoaded() follows.
    /// Search, replies and "jump to unread" open a message with this.
    void loadAround(qint64 rowId);
    /// Back to the newest page when the window is elsewhere; nothing otherwise.
    void loadNewest();

    /// The message at `row`; for a pending upload (PendingUploadRole) one
    /// made up to show it: ours, its body the file's name, no message id.
    const Message &messageAt(int row) const;
    /// The row of the message `rowId`, or -1 when it is not loaded.
    int rowOf(qint64 rowId) const;
    /// What a retracted message (XEP-0424) shows in place of its text.
    static QString deletedText();
    qint64 newestIncomingRowId() const;
    bool isLoading() const { return m_loading; }
    /// The oldest message of the chat is loaded.
    bool isAtStart() const { return m_atStart; }
    /// The newest message of the chat is loaded (new ones show as they arrive).
    bool isAtEnd() const { return m_atEnd; }
    int pageSize() const { return m_pageSize; }
    int maxRows() const { return m_maxRows; }

Q_SIGNALS:
    /// A page arrived (the first one, an older or a newer one) with `count` messages not loaded before.
    void pageLoaded(int count);
    /// After loadAround(): the row of the message, or -1 when the chat has no such message.
    void aroundLoaded(int row);

private:
    enum class Page { Older, Newer };
    void load(Page page);
    void replace(QList<Message> messages, bool atStart, bool atEnd);
    void insertSorted(const Message &message);
    void change(const Message &message);
    void remove(qint64 rowId);
    /// The loaded message with this message id (or a room's stanza-id), newest first; null if none.
    const Message *findById(const QString &messageId) const;
    int newMessagesLineRow() const;
    bool isDayStart(int row) const;
    qint64 localDay(const Message &message) const;
    bool isGroupStart(int row) const;
    void allRowsChanged(int role);
    /// Whether the newest messages are loaded; the pending uploads show with them.
    void setAtEnd(bool atEnd);
    int shownUploads() const { return m_atEnd ? int(m_uploads.size()) : 0; }
    void onTransferChanged(const Transfer &transfer);
    void removeUpload(qint64 transferId);

    AccountFeatures *const m_features;
    const QString m_chat;
    const int m_pageSize;
    const int m_maxRows;
    QList<Message> m_messages;
    QList<Message> m_uploads; ///< pending uploads as rows after the messages (row id: minus the transfer's)
    bool m_loading = false;
    bool m_atStart = false;
    bool m_atEnd = true;
    quint64 m_generation = 0; ///< a reply to an older request (before a jump) is dropped
    mutable QHash<qint64, qint64> m_days; ///< row id -> local Julian day of its sending
    mutable int m_lineRow = -2; ///< where the "New messages" line stands; -1 nowhere, -2 not yet known
};

} // namespace Jw
