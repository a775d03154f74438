#include "messagesmodel.h"

#include "accountfeatures.h"
#include "address.h"
#include "historystore.h"
#include "mentions.h"
#include "messenger.h"
#include "readpositions.h"
#include "readtracker.h"
#include "roomreadby.h"
#include "rooms.h"
#include "roster.h"
#include "transfers.h"

#include <QCoreApplication>
#include <QSet>

namespace Jw {

namespace {
bool earlier(const Message &a, const Message &b)
{
    const qint64 ka = a.sortKey();
    const qint64 kb = b.sortKey();
    return ka < kb || (ka == kb && a.rowId < b.rowId);
}

/// An upload no message carries yet (it went wrong, or runs): shown as a row of its own.
bool isPendingUpload(const Transfer &t)
{
    return t.direction == Direction::Outgoing && t.messageId.isEmpty()
        && (t.state == Transfer::State::Uploading || t.state == Transfer::State::Failed
            || t.state == Transfer::State::Cancelled);
}

/// The row a pending upload shows as: ours, its body the file's name.
Message uploadRow(const Transfer &t, const QDateTime &since)
{
    Message m;
    m.rowId = -t.id;
    m.chat = t.chat;
    m.kind = t.kind;
    m.direction = Direction::Outgoing;
    m.body = t.name;
    m.sentAt = since.isValid() ? since : QDateTime::currentDateTimeUtc();
    m.state = DeliveryState::Queued;
    return m;
}

/// Runs `apply` with the future's result on `context`'s thread, never within
/// the call that asked: a reply that is ready at once (the history's thread
/// was quick) would otherwise change the rows inside fetchMore(), that is
/// inside the signal handler of a view or a tester that asked.
template<typename T, typename F>
void whenReady(QFuture<T> future, QObject *context, F apply)
{
    future.then(context, [context, apply](T value) {
        QMetaObject::invokeMethod(context, [apply, value] { apply(value); }, Qt::QueuedConnection);
    });
}

/// Drops from `page` what `loaded` already holds: O(page + window).
void dropLoaded(QList<Message> &page, const QList<Message> &loaded)
{
    if (loaded.isEmpty() || page.isEmpty())
        return;
    QSet<qint64> ids;
    ids.reserve(page.size());
    for (const Message &m : std::as_const(page))
        ids.insert(m.rowId);
    QSet<qint64> have;
    for (const Message &m : loaded) {
        if (ids.contains(m.rowId))
            have.insert(m.rowId);
    }
    if (!have.isEmpty())
        page.removeIf([&](const Message &m) { return have.contains(m.rowId); });
}
} // namespace

MessagesModel::MessagesModel(AccountFeatures *features, const QString &chat, int pageSize, int maxRows,
    QObject *parent)
    : QAbstractListModel(parent)
    , m_features(features)
    , m_chat(chat)
    , m_pageSize(pageSize)
    , m_maxRows(std::max(maxRows > 0 ? maxRows : 4 * pageSize, 2 * pageSize))
{
    connect(m_features->messenger(), &Messenger::messageAdded, this, [this](const Message &m) {
        if (m.chat == m_chat)
            insertSorted(m);
    });
    connect(m_features->messenger(), &Messenger::messageChanged, this, [this](const Message &m) {
        if (m.chat == m_chat)
            change(m);
    });
    connect(m_features->messenger(), &Messenger::messageRemoved, this, [this](const QString &removedFrom, qint64 rowId) {
        if (removedFrom == m_chat)
            remove(rowId);
    });
    // A room's messages come from Rooms.
    connect(m_features->rooms(), &Rooms::messageAdded, this, [this](const Message &m) {
        if (m.chat == m_chat)
            insertSorted(m);
    });
    connect(m_features->rooms(), &Rooms::messageChanged, this, [this](const Message &m) {
        if (m.chat == m_chat)
            change(m);
    });
    // Mentions follow our nickname (the service may rewrite it, status 210).
    connect(m_features->rooms(), &Rooms::nickChanged, this, [this](const QString &room) {
        if (room == m_chat) {
            allRowsChanged(MentionRole);
            allRowsChanged(OwnNickRole);
        }
    });
    connect(m_features->roomReadBy(), &RoomReadBy::readByChanged, this, [this](const QString &room) {
        if (room == m_chat)
            allRowsChanged(ReadByRole);
    });
    const ReadPositions *reads = m_features->readPositions();
    connect(reads, &ReadPositions::displayedChanged, this, [this](const QString &changed) {
        if (changed == m_chat)
            allRowsChanged(DisplayedRole);
    });
    connect(reads->tracker(), &ReadTracker::markerLineChanged, this, [this](const QString &changed) {
        if (changed == m_chat) {
            m_lineRow = -2;
            allRowsChanged(NewMessagesLineRole);
        }
    });
    // Files of ours on their way (or stopped on it): rows after the messages.
    if (Transfers *transfers = m_features->transfers()) {
        QList<Transfer> pending;
        const auto all = transfers->transfers();
        for (const Transfer &t : all) {
            if (t.chat == m_chat && isPendingUpload(t))
                pending.append(t);
        }
        std::sort(pending.begin(), pending.end(), [](const Transfer &a, const Transfer &b) { return a.id < b.id; });
        for (const Transfer &t : std::as_const(pending))
            m_uploads.append(uploadRow(t, t.createdAt));
        connect(transfers, &Transfers::transferChanged, this, [this](const Transfer &t) {
            if (t.chat == m_chat)
                onTransferChanged(t);
        });
        connect(transfers, &Transfers::transferRemoved, this, [this](const QString &from, qint64 id) {
            if (from == m_chat)
                removeUpload(id);
        });
    }
    load(Page::Older);
}

const Message &MessagesModel::messageAt(int row) const
{
    return row < m_messages.size() ? m_messages.at(row) : m_uploads.at(row - m_messages.size());
}

void MessagesModel::setAtEnd(bool atEnd)
{
    if (atEnd == m_atEnd)
        return;
    const int first = int(m_messages.size());
    const int count = int(m_uploads.size());
    if (count == 0) {
        m_atEnd = atEnd;
    } else if (atEnd) {
        beginInsertRows({}, first, first + count - 1);
        m_atEnd = true;
        endInsertRows();
    } else {
        beginRemoveRows({}, first, first + count - 1);
        m_atEnd = false;
        endRemoveRows();
    }
}

void MessagesModel::onTransferChanged(const Transfer &t)
{
    const auto at = std::find_if(m_uploads.cbegin(), m_uploads.cend(), [&](const Message &m) { return m.rowId == -t.id; });
    if (isPendingUpload(t)) {
        if (at != m_uploads.cend()) {
            const int i = int(at - m_uploads.cbegin());
            m_uploads[i] = uploadRow(t, at->sentAt);
            if (m_atEnd)
                Q_EMIT dataChanged(index(int(m_messages.size()) + i), index(int(m_messages.size()) + i));
        } else {
            const int row = int(m_messages.size() + m_uploads.size());
            if (m_atEnd)
                beginInsertRows({}, row, row);
            m_uploads.append(uploadRow(t, t.createdAt));
            if (m_atEnd)
                endInsertRows();
        }
        return;
    }
    if (at != m_uploads.cend())
        removeUpload(t.id); // a message carries it now (or it is gone)
    if (t.messageId.isEmpty())
        return;
    // The message that carries it: its card follows the transfer (progress, state).
    for (int i = int(m_messages.size()) - 1; i >= 0; --i) {
        if (m_messages[i].messageId == t.messageId) {
            Q_EMIT dataChanged(index(i), index(i), { TransferIdRole });
            return;
        }
    }
}

void MessagesModel::removeUpload(qint64 transferId)
{
    const auto at = std::find_if(
        m_uploads.cbegin(), m_uploads.cend(), [&](const Message &m) { return m.rowId == -transferId; });
    if (at == m_uploads.cend())
        return;
    const int i = int(at - m_uploads.cbegin());
    const int row = int(m_messages.size()) + i;
    if (m_atEnd)
        beginRemoveRows({}, row, row);
    m_uploads.removeAt(i);
    if (m_atEnd)
        endRemoveRows();
}

void MessagesModel::load(Page page)
{
    if (m_loading || (page == Page::Older ? m_atStart : m_atEnd))
        return;
    m_loading = true;
    const quint64 generation = m_generation;
    QFuture<Expected<QList<Message>>> reply;
    if (page == Page::Newer && !m_messages.isEmpty())
        reply = m_features->store()->messagesAfter(m_chat, HistoryStore::Cursor::after(m_messages.constLast()),
            m_pageSize);
    else if (page == Page::Older && !m_messages.isEmpty())
        reply = m_features->store()->messages(m_chat, HistoryStore::Cursor::before(m_messages.constFirst()),
            m_pageSize);
    else
        reply = m_features->store()->messages(m_chat, std::nullopt, m_pageSize);
    whenReady(reply, this, [this, page, generation](const Expected<QList<Message>> &result) {
        if (generation != m_generation)
            return; // a jump replaced what this page would have joined
        // Still "loading" while rows go in: a view may ask for more from
        // inside the insertion signals, before the cursor has moved.
        if (!result) {
            m_loading = false;
            m_atStart = true;
            setAtEnd(true);
            Q_EMIT m_features->storageError(result.errorMessage());
            return;
        }
        QList<Message> rows = result.value();
        const bool whole = rows.size() == m_pageSize;
        dropLoaded(rows, m_messages);
        const int count = int(rows.size());
        if (page == Page::Older) {
            if (!whole)
                m_atStart = true;
            // The farthest page below goes first, so that what is in view never moves.
            const int excess = int(m_messages.size()) + count - m_maxRows;
            if (excess > 0 && count > 0) {
                setAtEnd(false); // the pending uploads go with the newest messages
                beginRemoveRows({}, int(m_messages.size()) - excess, int(m_messages.size()) - 1);
                m_messages.remove(m_messages.size() - excess, excess);
                m_lineRow = -2;
                endRemoveRows();
            }
            if (count > 0) {
                const bool hadRows = !m_messages.isEmpty();
                beginInsertRows({}, 0, count - 1);
                m_messages = rows + m_messages;
                m_lineRow = -2;
                endInsertRows();
                // The old first row now has a message before it: its day and header may go.
                if (hadRows)
                    Q_EMIT dataChanged(index(count), index(count), { DayStartRole, GroupStartRole });
            }
        } else {
            if (count > 0) {
                const int first = int(m_messages.size());
                beginInsertRows({}, first, first + count - 1);
                m_messages += rows;
                m_lineRow = -2;
                endInsertRows();
            }
            if (!whole)
                setAtEnd(true);
            const int excess = int(m_messages.size()) - m_maxRows;
            if (excess > 0) {
                beginRemoveRows({}, 0, excess - 1);
                m_messages.remove(0, excess);
                m_atStart = false;
                m_lineRow = -2;
                endRemoveRows();
            }
        }
        m_loading = false;
        Q_EMIT pageLoaded(count);
    });
}

bool MessagesModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atStart && !m_loading;
}

void MessagesModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        load(Page::Older);
}

void MessagesModel::fetchNewer()
{
    load(Page::Newer);
}

void MessagesModel::replace(QList<Message> messages, bool atStart, bool atEnd)
{
    beginResetModel();
    m_messages = std::move(messages);
    m_atStart = atStart;
    m_atEnd = atEnd;
    m_lineRow = -2;
    endResetModel();
}

void MessagesModel::loadAround(qint64 rowId)
{
    if (const int row = rowOf(rowId); row >= 0 && !m_loading) {
        Q_EMIT aroundLoaded(row);
        return;
    }
    const quint64 generation = ++m_generation;
    m_loading = true;
    // One more on either side than is kept: whether the chat ends there.
    whenReady(m_features->store()->messagesAround(m_chat, rowId, m_pageSize + 1, m_pageSize + 1), this,
        [this, rowId, generation](const Expected<QList<Message>> &result) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!result) {
                Q_EMIT m_features->storageError(result.errorMessage());
                Q_EMIT aroundLoaded(-1);
                return;
            }
            QList<Message> list = result.value();
            const auto at = std::find_if(list.cbegin(), list.cend(), [&](const Message &m) { return m.rowId == rowId; });
            if (at == list.cend()) {
                Q_EMIT aroundLoaded(-1);
                return;
            }
            int row = int(at - list.cbegin());
            const bool atStart = row <= m_pageSize;
            const bool atEnd = int(list.size()) - row - 1 <= m_pageSize;
            if (!atEnd)
                list.removeLast();
            if (!atStart) {
                list.removeFirst();
                --row;
            }
            replace(std::move(list), atStart, atEnd);
            Q_EMIT aroundLoaded(row);
        });
}

void MessagesModel::loadNewest()
{
    if (m_atEnd)
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    whenReady(m_features->store()->messages(m_chat, std::nullopt, m_pageSize), this,
        [this, generation](const Expected<QList<Message>> &result) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!result) {
                Q_EMIT m_features->storageError(result.errorMessage());
                return;
            }
            const int count = int(result.value().size());
            replace(result.value(), count < m_pageSize, true);
            Q_EMIT pageLoaded(count);
        });
}

int MessagesModel::rowOf(qint64 rowId) const
{
    for (int i = 0; i < m_messages.size(); ++i) {
        if (m_messages[i].rowId == rowId)
            return i;
    }
    return -1;
}

void MessagesModel::insertSorted(const Message &message)
{
    if (rowOf(message.rowId) >= 0)
        return;
    const auto pos = std::upper_bound(m_messages.begin(), m_messages.end(), message, earlier);
    const int row = int(pos - m_messages.begin());
    if (row == 0 && !m_atStart && !m_messages.isEmpty())
        return; // older than what is loaded: it will come with its page
    if (row == m_messages.size() && !m_atEnd)
        return; // newer than what is loaded: it comes when the view gets there
    beginInsertRows({}, row, row);
    m_messages.insert(row, message);
    m_lineRow = -2;
    endInsertRows();
    if (row + 1 < rowCount())
        Q_EMIT dataChanged(index(row + 1), index(row + 1), { DayStartRole, GroupStartRole });
    // A long session of live messages: the oldest page goes.
    if (m_messages.size() > 2 * m_maxRows) {
        const int excess = int(m_messages.size()) - m_maxRows;
        beginRemoveRows({}, 0, excess - 1);
        m_messages.remove(0, excess);
        m_atStart = false;
        m_lineRow = -2;
        endRemoveRows();
    }
}

qint64 MessagesModel::localDay(const Message &message) const
{
    // A time zone conversion per message and view layout adds up: once per message.
    if (const auto it = m_days.constFind(message.rowId); it != m_days.cend())
        return *it;
    if (m_days.size() > 4 * m_maxRows)
        m_days.clear();
    const qint64 day = message.sentAt.toLocalTime().date().toJulianDay();
    m_days.insert(message.rowId, day);
    return day;
}

bool MessagesModel::isDayStart(int row) const
{
    if (row == 0)
        return true;
    return localDay(messageAt(row)) != localDay(messageAt(row - 1));
}

bool MessagesModel::isGroupStart(int row) const
{
    if (isDayStart(row) || row == newMessagesLineRow())
        return true;
    const Message &m = messageAt(row);
    const Message &before = messageAt(row - 1);
    const bool sameSender = m.direction == before.direction && m.nick == before.nick
        && m.invitation.room.isEmpty() && before.invitation.room.isEmpty();
    return !sameSender || before.sentAt.msecsTo(m.sentAt) > GroupGapMs || m.sentAt < before.sentAt;
}

const Message *MessagesModel::findById(const QString &messageId) const
{
    for (auto it = m_messages.crbegin(); it != m_messages.crend(); ++it) {
        if (it->messageId == messageId || (!it->stanzaId.isEmpty() && it->stanzaId == messageId))
            return &*it;
    }
    return nullptr;
}

QString MessagesModel::deletedText()
{
    return tr("This message was deleted");
}

void MessagesModel::remove(qint64 rowId)
{
    const int row = rowOf(rowId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_messages.removeAt(row);
    m_days.remove(rowId);
    m_lineRow = -2;
    endRemoveRows();
    if (row < m_messages.size())
        Q_EMIT dataChanged(index(row), index(row), { DayStartRole, GroupStartRole });
}

void MessagesModel::change(const Message &message)
{
    for (int i = 0; i < m_messages.size(); ++i) {
        if (m_messages[i].rowId == message.rowId) {
            m_messages[i] = message;
            Q_EMIT dataChanged(index(i), index(i));
            return;
        }
    }
}

qint64 MessagesModel::newestIncomingRowId() const
{
    qint64 newest = 0;
    for (const Message &m : m_messages) {
        if (m.isIncoming())
            newest = std::max(newest, m.rowId);
    }
    return newest;
}

int MessagesModel::newMessagesLineRow() const
{
    if (m_lineRow != -2)
        return m_lineRow;
    m_lineRow = -1;
    // Above the first received message, in the order shown, after the line's read position.
    if (const auto line = m_features->readPositions()->tracker()->markerLine(m_chat)) {
        for (int i = 0; i < m_messages.size(); ++i) {
            if (m_messages[i].isIncoming() && m_messages[i].rowId > *line) {
                m_lineRow = i;
                break;
            }
        }
    }
    return m_lineRow;
}

void MessagesModel::allRowsChanged(int role)
{
    if (!m_messages.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_messages.size()) - 1), { role });
}

int MessagesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size()) + shownUploads();
}

QVariant MessagesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Message &m = messageAt(index.row());
    const bool pending = index.row() >= m_messages.size();
    switch (role) {
    case PendingUploadRole:
        return pending;
    case TransferIdRole: {
        if (pending)
            return -m.rowId;
        const Transfers *transfers = m_features->transfers();
        const auto t = transfers && !m.messageId.isEmpty() ? transfers->transferOf(m.chat, m.messageId) : std::nullopt;
        return t ? t->id : qint64(0);
    }
    case Qt::DisplayRole:
    case BodyRole:
        return m.retracted ? deletedText() : m.body;
    case EditedRole:
        return m.edited;
    case VersionsRole:
        return m.versions;
    case RetractedRole:
        return m.retracted;
    case ReplyToRole:
        return m.replyTo;
    case ReplyQuoteRole:
    case ReplyRowIdRole: {
        const Message *original = m.replyTo.isEmpty() ? nullptr : findById(m.replyTo);
        if (role == ReplyRowIdRole)
            return original ? original->rowId : 0;
        if (m.replyTo.isEmpty())
            return QString();
        if (!original)
            return tr("A message not shown here");
        const QString who = original->isIncoming()
            ? (original->kind == ChatKind::GroupChat ? original->nick : bareOf(original->from))
            : tr("Me");
        const QString text = original->retracted ? deletedText() : original->body.section(u'\n', 0, 0);
        return QString(who + QStringLiteral(": ") + text);
    }
    case ReactionsRole: {
        // Grouped by emoji, in the order they first appear.
        QStringList order;
        QHash<QString, QVariantMap> byEmoji;
        for (const Reaction &r : m.reactions) {
            if (!byEmoji.contains(r.emoji)) {
                order.append(r.emoji);
                byEmoji.insert(r.emoji, QVariantMap { { QStringLiteral("emoji"), r.emoji },
                    { QStringLiteral("count"), 0 }, { QStringLiteral("from"), QStringList() },
                    { QStringLiteral("own"), false } });
            }
            QVariantMap &entry = byEmoji[r.emoji];
            entry[QStringLiteral("count")] = entry.value(QStringLiteral("count")).toInt() + 1;
            // Who: a bare address, or in a room the nickname or occupant id after "nick:"/"id:".
            const bool prefixed = r.from.startsWith(u"id:") || r.from.startsWith(u"nick:");
            QStringList from = entry.value(QStringLiteral("from")).toStringList();
            from.append(r.own ? tr("Me") : prefixed ? r.from.section(u':', 1) : r.from);
            entry[QStringLiteral("from")] = from;
            if (r.own)
                entry[QStringLiteral("own")] = true;
        }
        QVariantList grouped;
        for (const QString &emoji : std::as_const(order))
            grouped.append(byEmoji.value(emoji));
        return grouped;
    }
    case RowIdRole:
        return m.rowId;
    case MessageIdRole:
        return m.messageId;
    case DirectionRole:
        return static_cast<int>(m.direction);
    case SenderRole:
        if (!m.isIncoming())
            return QCoreApplication::translate("Jw::MessagesModel", "You");
        if (m.kind == ChatKind::GroupChat)
            return m.nick.isEmpty() ? m.chat.section(u'@', 0, 0) : m.nick;
        return m_features->roster()->displayName(m.chat);
    case NickRole:
        return m.nick;
    case NoticeRole:
        return m.kind == ChatKind::GroupChat && m.isIncoming() && m.nick.isEmpty();
    case MentionRole:
        return m.kind == ChatKind::GroupChat && m.isIncoming() && !m.nick.isEmpty()
            && Mentions::mentions(m.body, m_features->rooms()->nick(m.chat));
    case OwnNickRole:
        return m.kind == ChatKind::GroupChat ? m_features->rooms()->nick(m.chat) : QString();
    case InvitationRoomRole:
        return m.invitation.room;
    case InvitationPasswordRole:
        return m.invitation.password;
    case InvitationReasonRole:
        return m.invitation.reason;
    case InvitationInviterRole:
        return m.invitation.inviter;
    case InvitationMediatedRole:
        return m.invitation.mediated;
    case ReadByRole:
        return !pending && m.kind == ChatKind::GroupChat && !m.isIncoming() ? m_features->roomReadBy()->readBy(m.chat, m.rowId)
                                                                : QStringList();
    case SentAtRole:
        return m.sentAt;
    case StateRole:
        return static_cast<int>(m.state);
    case ArrivedOfflineRole:
        return m.arrivedOffline;
    case ErrorRole:
        return m.error;
    case DisplayedRole:
        return !pending && m_features->readPositions()->isDisplayed(m);
    case NewMessagesLineRole:
        return index.row() == newMessagesLineRow();
    case DayStartRole:
        return isDayStart(index.row());
    case GroupStartRole:
        return isGroupStart(index.row());
    case OfflineArrivalsRole: {
        if (index.row() != newMessagesLineRow())
            return 0;
        int count = 0;
        for (qsizetype i = index.row(); i < m_messages.size(); ++i)
            count += m_messages[i].isIncoming() && m_messages[i].arrivedOffline ? 1 : 0;
        return count;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> MessagesModel::roleNames() const
{
    return { { Qt::DisplayRole, "display" }, { RowIdRole, "rowId" }, { MessageIdRole, "messageId" },
        { DirectionRole, "direction" }, { SenderRole, "sender" }, { BodyRole, "body" }, { SentAtRole, "sentAt" },
        { StateRole, "state" }, { ArrivedOfflineRole, "arrivedOffline" }, { ErrorRole, "error" },
        { DisplayedRole, "displayed" }, { NewMessagesLineRole, "newMessagesLine" },
        { OfflineArrivalsRole, "offlineArrivals" }, { NickRole, "nick" }, { NoticeRole, "notice" },
        { MentionRole, "mention" }, { OwnNickRole, "ownNick" },
        { InvitationRoomRole, "invitationRoom" }, { InvitationPasswordRole, "invitationPassword" },
        { InvitationReasonRole, "invitationReason" }, { InvitationInviterRole, "invitationInviter" },
        { InvitationMediatedRole, "invitationMediated" }, { ReadByRole, "readBy" }, { DayStartRole, "dayStart" },
        { GroupStartRole, "groupStart" }, { EditedRole, "edited" }, { VersionsRole, "versions" },
        { RetractedRole, "retracted" }, { ReplyToRole, "replyTo" }, { ReplyQuoteRole, "replyQuote" },
        { ReplyRowIdRole, "replyRowId" }, { ReactionsRole, "reactions" }, { TransferIdRole, "transferId" },
        { PendingUploadRole, "pendingUpload" } };
}


} // namespace Jw
