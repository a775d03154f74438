#pragma once

#include <QObject>

#include <memory>

namespace Jw {
namespace Search {
class Indexer;
}

class Blocking;
class Bookmarks;
class ChatStates;
class HistoryStore;
class Invitations;
class Messenger;
class PasswordChange;
class ReadPositions;
class Requests;
class RoomCreation;
class RoomMembership;
class RoomModeration;
class RoomWire;
class RoomChatStates;
class RoomReadBy;
class Rooms;
class Roster;
class Transport;
class Transfers;

/// One account's feature classes, made and wired together over one
/// connection (a Transport) and one history: the composition root of core.
/// The app makes one beside its Session and hands each window the parts it
/// needs; tests make one over a fake transport (tests/support/profilefixture.h).
/// docs/architecture.md shows who talks to whom.
class AccountFeatures final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountFeatures)

public:
    AccountFeatures(HistoryStore *store, Transport *transport, QObject *parent = nullptr);
    /// With rooms over another wire than the transport's (tests: tests/support/fakeroomwire.h).
    AccountFeatures(HistoryStore *store, Transport *transport, std::unique_ptr<RoomWire> roomWire,
        QObject *parent = nullptr);
    ~AccountFeatures() override;

    HistoryStore *store() const { return m_store; }
    Roster *roster() const { return m_roster; }
    Blocking *blocking() const { return m_blocking; }
    PasswordChange *passwordChange() const { return m_passwordChange; }
    Requests *requests() const { return m_requests; }
    ChatStates *chatStates() const { return m_chatStates; }
    Messenger *messenger() const { return m_messenger; }
    ReadPositions *readPositions() const { return m_readPositions; }
    Rooms *rooms() const { return m_rooms; }
    /// Who is typing in a room, and our typing told to it (XEP-0085 in group chat).
    RoomChatStates *roomChatStates() const { return m_roomChatStates; }
    /// Who in a room has read our messages there (XEP-0333 markers from the occupants).
    RoomReadBy *roomReadBy() const { return m_roomReadBy; }
    /// Joining and leaving as the person does it: rooms kept as bookmarks, autojoined at sign-in.
    RoomMembership *roomMembership() const { return m_roomMembership; }
    Bookmarks *bookmarks() const { return m_bookmarks; }
    /// Subject, kick, ban, membership and destruction, as the person's role and affiliation allow.
    RoomModeration *roomModeration() const { return m_roomModeration; }
    /// Making a room: a private group or a public channel, named by the person.
    RoomCreation *roomCreation() const { return m_roomCreation; }
    /// Invitations to rooms, sent and received (XEP-0249, XEP-0045 mediated).
    Invitations *invitations() const { return m_invitations; }
    /// Indexes the history from before search (schema 11) for it; the
    /// window starts it (core/search/searchindex.h).
    Search::Indexer *searchIndexer() const { return m_searchIndexer; }
    /// Files sent and received (XEP-0363 upload, XEP-0066 links; core/files/).
    Transfers *transfers() const { return m_transfers; }

Q_SIGNALS:
    /// A history error from any of them, as a sentence to show.
    void storageError(const QString &message);

private:
    HistoryStore *const m_store;
    Search::Indexer *const m_searchIndexer;
    Roster *const m_roster;
    Blocking *const m_blocking;
    PasswordChange *const m_passwordChange;
    Requests *const m_requests;
    ChatStates *const m_chatStates;
    Messenger *const m_messenger;
    ReadPositions *const m_readPositions;
    Rooms *const m_rooms;
    RoomChatStates *const m_roomChatStates;
    RoomReadBy *const m_roomReadBy;
    RoomModeration *const m_roomModeration;
    RoomMembership *m_roomMembership = nullptr;
    Bookmarks *const m_bookmarks;
    RoomCreation *m_roomCreation = nullptr;
    Invitations *const m_invitations;
    Transfers *m_transfers = nullptr;
};

} // namespace Jw
