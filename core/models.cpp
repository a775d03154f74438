#include "models.h"

#include "chatstates.h"
#include "historystore.h"
#include "accountfeatures.h"
#include "bookmarks.h"
#include "mentions.h"
#include "messenger.h"
#include "readpositions.h"
#include "readtracker.h"
#include "requests.h"
#include "roomreadby.h"
#include "rooms.h"
#include "roster.h"

#include <QCoreApplication>

namespace Jw {

// ---- ContactsModel -------------------------------------------------------

ContactsModel::ContactsModel(Roster *roster, QObject *parent)
    : QAbstractListModel(parent)
    , m_roster(roster)
{
    connect(m_roster, &Roster::rosterReset, this, &ContactsModel::reset);
    connect(m_roster, &Roster::contactsChanged, this, &ContactsModel::update);
    reset();
}

namespace {
bool byName(const Contact &a, const Contact &b)
{
    return a.displayName().compare(b.displayName(), Qt::CaseInsensitive) < 0;
}
} // namespace

void ContactsModel::reset()
{
    beginResetModel();
    m_contacts = m_roster->contacts();
    std::sort(m_contacts.begin(), m_contacts.end(), byName);
    reindex();
    endResetModel();
}

void ContactsModel::update(const QList<Contact> &contacts)
{
    // A batch from one event-loop turn (Roster::contactsChanged): rows that
    // only changed their presence get one dataChanged over the span they
    // cover; rows that come, go or move are the rare case.
    int first = -1;
    int last = -1;
    for (const Contact &contact : contacts) {
        const int row = rowOf(contact.jid);
        if (!contact.inRoster) {
            if (row >= 0) {
                beginRemoveRows({}, row, row);
                m_contacts.removeAt(row);
                endRemoveRows();
                reindex();
                first = last = -1; // the rows of the span moved: announce everything so far
                Q_EMIT dataChanged(index(0), index(std::max(0, int(m_contacts.size()) - 1)));
            }
            continue;
        }
        if (row >= 0 && m_contacts[row].displayName() == contact.displayName()) {
            m_contacts[row] = contact;
            first = first < 0 ? row : std::min(first, row);
            last = std::max(last, row);
            continue;
        }
        if (row >= 0) { // renamed: to its new place
            beginRemoveRows({}, row, row);
            m_contacts.removeAt(row);
            endRemoveRows();
        }
        const auto pos = std::lower_bound(m_contacts.begin(), m_contacts.end(), contact, byName);
        const int at = int(pos - m_contacts.begin());
        beginInsertRows({}, at, at);
        m_contacts.insert(at, contact);
        endInsertRows();
        reindex();
        first = last = -1;
        if (!m_contacts.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_contacts.size()) - 1));
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first), index(last));
}

void ContactsModel::reindex()
{
    m_rows.clear();
    m_rows.reserve(m_contacts.size());
    for (int i = 0; i < m_contacts.size(); ++i)
        m_rows.insert(m_contacts[i].jid, i);
}

int ContactsModel::rowOf(const QString &jid) const
{
    return m_rows.value(jid, -1);
}

int ContactsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_contacts.size());
}

QVariant ContactsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Contact &c = m_contacts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return c.displayName();
    case Qt::ToolTipRole:
        return c.statusText.isEmpty() ? c.jid : c.jid + u'\n' + c.statusText;
    case JidRole:
        return c.jid;
    case PresenceRole:
        return static_cast<int>(c.presence);
    case StatusTextRole:
        return c.statusText;
    case SubscriptionRole:
        return static_cast<int>(c.subscription);
    default:
        return {};
    }
}

QHash<int, QByteArray> ContactsModel::roleNames() const
{
    return { { Qt::DisplayRole, "display" }, { JidRole, "jid" }, { NameRole, "name" },
        { PresenceRole, "presence" }, { StatusTextRole, "statusText" }, { SubscriptionRole, "subscription" } };
}

// ---- ConversationsModel --------------------------------------------------

ConversationsModel::ConversationsModel(AccountFeatures *features, QObject *parent)
    : QAbstractListModel(parent)
    , m_features(features)
{
    // Conversations change in bursts (a catch-up, a flood of strangers):
    // gathered and applied once per event-loop turn, in work that does not
    // grow with the square of the list (issue 12).
    m_flush.setSingleShot(true);
    m_flush.setInterval(0);
    connect(&m_flush, &QTimer::timeout, this, &ConversationsModel::flush);
    connect(m_features->readPositions(), &ReadPositions::conversationChanged, this, &ConversationsModel::update);
    const auto renamed = [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), { Qt::DisplayRole, NameRole });
    };
    connect(m_features->roster(), &Roster::rosterReset, this, renamed);
    connect(m_features->roster(), &Roster::contactsChanged, this, renamed);
    // Rooms: named by their bookmarks; one joined (here or at sign-in) is in the list at once.
    connect(m_features->bookmarks(), &Bookmarks::loaded, this, renamed);
    connect(m_features->bookmarks(), &Bookmarks::changed, this, renamed);
    connect(m_features->rooms(), &Rooms::joined, this,
        [this](const QString &room) { ensure(room, ChatKind::GroupChat); });
    connect(m_features->chatStates(), &ChatStates::peerStateChanged, this, [this](const QString &chat) {
        if (const int row = rowOf(chat); row >= 0)
            Q_EMIT dataChanged(index(row), index(row), { ChatStateRole, ChatStateAtRole, ChatStateTextRole });
    });
    connect(m_features->requests(), &Requests::changed, this, &ConversationsModel::peerChanged);
    connect(m_features->requests(), &Requests::removed, this, &ConversationsModel::remove);
    m_features->store()->conversations().then(this, [this](Expected<QList<Conversation>> list) {
        if (!list) {
            Q_EMIT m_features->storageError(list.errorMessage());
            return;
        }
        // Conversations that changed while loading are already here and newer.
        QList<Conversation> rest;
        for (const Conversation &c : std::as_const(list.value())) {
            if (rowOf(c.chat) < 0 && !m_pending.contains(c.chat))
                rest.append(c);
        }
        if (!rest.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rest.size()) - 1);
            m_rows.append(rest);
            reindex();
            endInsertRows();
        }
        // Requests to see our status that came before the list was read.
        const QStringList asking = m_features->requests()->presenceRequests();
        for (const QString &chat : asking)
            peerChanged(chat);
        Q_EMIT totalUnreadChanged(totalUnread());
        Q_EMIT loaded();
    });
}

int ConversationsModel::rowOf(const QString &chat) const
{
    return m_index.value(chat, -1);
}

void ConversationsModel::reindex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i].chat, i);
}

int ConversationsModel::totalUnread() const
{
    // Requests wait in their own section and do not call for attention in
    // the title or the tray; blocked chats are not shown at all.
    int total = 0;
    for (const Conversation &c : m_rows) {
        if (c.kind == ChatKind::GroupChat) {
            total += c.unread;
            continue;
        }
        const Standing standing = Requests::standingOf(c.standingFlags);
        if (standing == Standing::Contact || standing == Standing::Accepted)
            total += c.unread;
    }
    return total;
}

void ConversationsModel::ensure(const QString &chat, ChatKind kind)
{
    if (const int row = rowOf(chat); row >= 0) {
        if (kind == ChatKind::GroupChat && m_rows[row].kind != kind) {
            m_rows[row].kind = kind;
            Q_EMIT dataChanged(index(row), index(row));
        }
        return;
    }
    Conversation c;
    c.chat = chat;
    c.kind = kind;
    c.standingFlags = m_features->requests()->flags(chat);
    beginInsertRows({}, 0, 0);
    m_rows.prepend(c);
    reindex();
    endInsertRows();
}

void ConversationsModel::update(const Conversation &conversation)
{
    m_pending.insert(conversation.chat, conversation);
    if (!m_flush.isActive())
        m_flush.start();
}

namespace {
bool newer(const Conversation &a, const Conversation &b)
{
    return a.lastAt > b.lastAt;
}
} // namespace

void ConversationsModel::flush()
{
    if (m_pending.isEmpty())
        return;
    const int before = totalUnread();
    // A bounded slice per turn, so that the window stays responsive however
    // many arrived at once; the rest follows in the next turns.
    constexpr qsizetype MaxPerTurn = 2000;
    QList<Conversation> pending;
    pending.reserve(std::min(MaxPerTurn, m_pending.size()));
    for (auto it = m_pending.begin(); it != m_pending.end() && pending.size() < MaxPerTurn;) {
        pending.append(it.value());
        it = m_pending.erase(it);
    }
    if (!m_pending.isEmpty())
        m_flush.start();
    QList<Conversation> fresh;
    int first = -1;
    int last = -1;
    bool unordered = false;
    for (const Conversation &c : pending) {
        const int row = rowOf(c.chat);
        if (row < 0) {
            fresh.append(c);
            continue;
        }
        m_rows[row] = c;
        first = first < 0 ? row : std::min(first, row);
        last = std::max(last, row);
        if ((row > 0 && newer(c, m_rows[row - 1])) || (row + 1 < m_rows.size() && newer(m_rows[row + 1], c)))
            unordered = true;
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first), index(last));
    if (!fresh.isEmpty()) {
        std::stable_sort(fresh.begin(), fresh.end(), newer);
        // The usual case, also in a flood: all newer than the list, one block on top.
        const bool onTop = m_rows.isEmpty() || !newer(m_rows.first(), fresh.last());
        const int at = onTop ? 0 : int(m_rows.size());
        beginInsertRows({}, at, at + int(fresh.size()) - 1);
        if (onTop)
            m_rows = fresh + m_rows;
        else
            m_rows.append(fresh);
        reindex();
        endInsertRows();
        unordered = unordered || !onTop;
    }
    if (unordered)
        resort();
    if (totalUnread() != before)
        Q_EMIT totalUnreadChanged(totalUnread());
}

void ConversationsModel::resort()
{
    // Newest first, in one layout change however many rows moved.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QStringList persistentChats;
    persistentChats.reserve(persistent.size());
    for (const QModelIndex &i : persistent)
        persistentChats.append(m_rows.at(i.row()).chat);
    std::stable_sort(m_rows.begin(), m_rows.end(), newer);
    reindex();
    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (qsizetype i = 0; i < persistent.size(); ++i)
        moved.append(index(rowOf(persistentChats.at(i)), persistent.at(i).column()));
    changePersistentIndexList(persistent, moved);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void ConversationsModel::peerChanged(const QString &chat)
{
    const Requests *requests = m_features->requests();
    const int row = rowOf(chat);
    if (row < 0) {
        // Someone with no conversation yet who asks to see our status gets a row to answer in.
        if (requests->wantsPresence(chat))
            ensure(chat);
        return;
    }
    const int before = totalUnread();
    Conversation &c = m_rows[row];
    c.standingFlags = requests->flags(chat);
    Q_EMIT dataChanged(index(row), index(row),
        { InRosterRole, StandingRole, RequestRole, BlockedRole, PresenceRequestRole, Qt::DisplayRole, NameRole });
    if (totalUnread() != before)
        Q_EMIT totalUnreadChanged(totalUnread());
}

void ConversationsModel::remove(const QString &chat)
{
    m_pending.remove(chat);
    const int row = rowOf(chat);
    if (row < 0)
        return;
    const int before = totalUnread();
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    reindex();
    endRemoveRows();
    if (totalUnread() != before)
        Q_EMIT totalUnreadChanged(totalUnread());
}

int ConversationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

ChatKind ConversationsModel::kindOf(const QString &chat) const
{
    if (const int row = rowOf(chat); row >= 0 && m_rows[row].kind == ChatKind::GroupChat)
        return ChatKind::GroupChat;
    return m_features->rooms()->rooms().contains(chat) ? ChatKind::GroupChat : ChatKind::Chat;
}

QString ConversationsModel::roomName(const AccountFeatures *features, const QString &room)
{
    if (const auto bookmark = features->bookmarks()->bookmark(room); bookmark && !bookmark->name.isEmpty())
        return bookmark->name;
    const QString local = room.section(u'@', 0, 0);
    return local.isEmpty() ? room : local;
}

QVariant ConversationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation &c = m_rows.at(index.row());
    const bool room = c.kind == ChatKind::GroupChat;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return room ? roomName(m_features, c.chat) : m_features->roster()->displayName(c.chat);
    case KindRole:
        return static_cast<int>(c.kind);
    case LastNickRole:
        return c.lastNick;
    case Qt::ToolTipRole:
    case ChatRole:
        return c.chat;
    case LastBodyRole:
        return c.lastBody;
    case LastAtRole:
        return c.lastAt;
    case LastDirectionRole:
        return static_cast<int>(c.lastDirection);
    case UnreadRole:
        return c.unread;
    case ChatStateRole:
        return static_cast<int>(m_features->chatStates()->shownPeerState(c.chat));
    case ChatStateAtRole:
        return m_features->chatStates()->peerState(c.chat).at;
    case ChatStateTextRole:
        if (room)
            return QString();
        return m_features->chatStates()->conversationLine(c.chat, c.lastAt, m_features->roster()->displayName(c.chat));
    case InRosterRole:
        return c.standingFlags.inRoster;
    case StandingRole:
        return static_cast<int>(Requests::standingOf(c.standingFlags));
    case RequestRole:
        // A room is never a request: the person joined it.
        return !room && Requests::belongsInRequests(Requests::standingOf(c.standingFlags),
            c.lastAt.isValid(), m_features->requests()->wantsPresence(c.chat));
    case BlockedRole:
        return c.standingFlags.blocked;
    case PresenceRequestRole:
        return m_features->requests()->wantsPresence(c.chat);
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationsModel::roleNames() const
{
    return { { Qt::DisplayRole, "display" }, { ChatRole, "chat" }, { NameRole, "name" },
        { LastBodyRole, "lastBody" }, { LastAtRole, "lastAt" }, { LastDirectionRole, "lastDirection" },
        { UnreadRole, "unread" }, { ChatStateRole, "chatState" }, { ChatStateAtRole, "chatStateAt" },
        { ChatStateTextRole, "chatStateText" }, { InRosterRole, "inRoster" }, { StandingRole, "standing" },
        { RequestRole, "request" }, { BlockedRole, "blocked" }, { PresenceRequestRole, "presenceRequest" },
        { KindRole, "kind" }, { LastNickRole, "lastNick" } };
}

// ---- MessagesModel -------------------------------------------------------

namespace {
bool earlier(const Message &a, const Message &b)
{
    const qint64 ka = a.sortKey();
    const qint64 kb = b.sortKey();
    return ka < kb || (ka == kb && a.rowId < b.rowId);
}
} // namespace

MessagesModel::MessagesModel(AccountFeatures *features, const QString &chat, int pageSize, QObject *parent)
    : QAbstractListModel(parent)
    , m_features(features)
    , m_chat(chat)
    , m_pageSize(pageSize)
{
    connect(m_features->messenger(), &Messenger::messageAdded, this, [this](const Message &m) {
        if (m.chat == m_chat)
            insertSorted(m);
    });
    connect(m_features->messenger(), &Messenger::messageChanged, this, [this](const Message &m) {
        if (m.chat == m_chat)
            change(m);
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
    loadPage();
}

void MessagesModel::loadPage()
{
    if (m_loading || m_atStart)
        return;
    m_loading = true;
    std::optional<HistoryStore::Cursor> before;
    if (!m_messages.isEmpty())
        before = HistoryStore::Cursor::before(m_messages.first());
    m_features->store()->messages(m_chat, before, m_pageSize).then(this, [this](Expected<QList<Message>> page) {
        // Still "loading" while rows go in: a view may ask for more from
        // inside the insertion signals, before the cursor has moved.
        if (!page) {
            m_loading = false;
            m_atStart = true;
            Q_EMIT m_features->storageError(page.errorMessage());
            return;
        }
        QList<Message> older = page.value();
        if (older.size() < m_pageSize)
            m_atStart = true;
        // Messages that arrived live while this page loaded are already here.
        older.removeIf([this](const Message &m) {
            return std::any_of(m_messages.cbegin(), m_messages.cend(),
                [&](const Message &have) { return have.rowId == m.rowId; });
        });
        if (!older.isEmpty()) {
            beginInsertRows({}, 0, int(older.size()) - 1);
            m_messages = older + m_messages;
            m_lineRow = -2;
            endInsertRows();
        }
        m_loading = false;
        Q_EMIT pageLoaded(int(older.size()));
    });
}

bool MessagesModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atStart && !m_loading;
}

void MessagesModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        loadPage();
}

void MessagesModel::insertSorted(const Message &message)
{
    for (const Message &have : std::as_const(m_messages)) {
        if (have.rowId == message.rowId)
            return;
    }
    const auto pos = std::upper_bound(m_messages.begin(), m_messages.end(), message, earlier);
    const int row = int(pos - m_messages.begin());
    if (row == 0 && !m_atStart && !m_messages.isEmpty())
        return; // older than what is loaded: it will come with its page
    beginInsertRows({}, row, row);
    m_messages.insert(row, message);
    m_lineRow = -2;
    endInsertRows();
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
    return parent.isValid() ? 0 : int(m_messages.size());
}

QVariant MessagesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Message &m = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case BodyRole:
        return m.body;
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
        return m.kind == ChatKind::GroupChat && !m.isIncoming() ? m_features->roomReadBy()->readBy(m.chat, m.rowId)
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
        return m_features->readPositions()->isDisplayed(m);
    case NewMessagesLineRole:
        return index.row() == newMessagesLineRow();
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
        { InvitationMediatedRole, "invitationMediated" }, { ReadByRole, "readBy" } };
}

} // namespace Jw
