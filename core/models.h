#pragma once

#include "messagesmodel.h"
#include "types.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSet>
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
    /// The stored conversations have been read (loaded() was emitted).
    bool isLoaded() const { return m_listRead; }
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
    QSet<QString> m_placeholders; ///< rows ensure() added before the list was read
    bool m_listRead = false;
    QTimer m_flush;
};

} // namespace Jw
