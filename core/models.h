#pragma once

#include "types.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QTimer>

namespace Jw {

class AccountFeatures;
class Roster;

/// The roster with presence (one row per contact, sorted by name).
class ContactsModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactsModel)

public:
    enum Role { JidRole = Qt::UserRole + 1, NameRole, PresenceRole, StatusTextRole, SubscriptionRole };

    explicit ContactsModel(Roster *roster, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(const QString &jid) const;

private:
    void reset();
    void update(const QList<Contact> &contacts);
    void reindex();

    Roster *const m_roster;
    QList<Contact> m_contacts;
    QHash<QString, int> m_rows; ///< jid -> row in m_contacts
};

/// The conversations, newest first, with last message and unread count.
class ConversationsModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationsModel)

public:
    enum Role {
        ChatRole = Qt::UserRole + 1,
        NameRole,
        LastBodyRole,
        LastAtRole,
        LastDirectionRole,
        UnreadRole,
        ChatStateRole, ///< the contact's chat state (XEP-0085) as shown now, a Jw::ChatState as int
        ChatStateAtRole, ///< when that state arrived (UTC), invalid if none did
        ChatStateTextRole, ///< the line to show instead of the last message ("Jenny is typing…"), or empty
        InRosterRole, ///< the other person is in the roster
        StandingRole, ///< a Jw::Standing as int (core/requests.h)
        RequestRole, ///< belongs in Requests: a stranger wrote first and nothing was decided
        BlockedRole, ///< blocked (XEP-0191): shown in neither list
        PresenceRequestRole, ///< they asked to see our status and wait for an answer
        KindRole, ///< a Jw::ChatKind as int: a chat with one person, or a room
        LastNickRole, ///< in a room: who wrote the last message (empty: ours, or a notice of the room)
    };

    explicit ConversationsModel(AccountFeatures *features, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(const QString &chat) const;
    /// Unread messages in the normal chats and rooms (not requests, not blocked).
    int totalUnread() const;
    /// Adds an empty conversation (a chat just opened, a room just joined) if it is not there yet.
    void ensure(const QString &chat, ChatKind kind = ChatKind::Chat);
    /// A room (a row of kind GroupChat, or a room the person is in), or a chat.
    ChatKind kindOf(const QString &chat) const;
    /// What a room is called: its bookmark's name, else the room's local part.
    static QString roomName(const AccountFeatures *features, const QString &room);

Q_SIGNALS:
    void totalUnreadChanged(int total);
    void loaded();

private:
    void update(const Conversation &conversation);
    void flush();
    void resort();
    void reindex();
    void peerChanged(const QString &chat);
    void remove(const QString &chat);

    AccountFeatures *const m_features;
    QList<Conversation> m_rows;
    QHash<QString, int> m_index; ///< chat -> row
    QHash<QString, Conversation> m_pending; ///< changed in this event-loop turn
    QTimer m_flush;
};

/// The messages of one conversation, oldest first, paged from the history:
/// the newest page loads at once, older pages through fetchMore().
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
    };

    MessagesModel(AccountFeatures *features, const QString &chat, int pageSize = 50, QObject *parent = nullptr);

    QString chat() const { return m_chat; }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    const Message &messageAt(int row) const { return m_messages.at(row); }
    qint64 newestIncomingRowId() const;
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    /// A page arrived (the first one, or an older one).
    void pageLoaded(int count);

private:
    void loadPage();
    void insertSorted(const Message &message);
    void change(const Message &message);
    int newMessagesLineRow() const;
    void allRowsChanged(int role);

    AccountFeatures *const m_features;
    const QString m_chat;
    const int m_pageSize;
    QList<Message> m_messages;
    bool m_loading = false;
    bool m_atStart = false;
    mutable int m_lineRow = -2; ///< where the "New messages" line stands; -1 nowhere, -2 not yet known
};

} // namespace Jw
