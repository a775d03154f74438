#include "accountfeatures.h"

#include "blocking.h"
#include "bookmarks.h"
#include "displayedsync.h"
#include "searchindex.h"
#include "chatstates.h"
#include "invitations.h"
#include "messenger.h"
#include "passwordchange.h"
#include "readpositions.h"
#include "requests.h"
#include "roomcreation.h"
#include "roomchatstates.h"
#include "roomreadby.h"
#include "roommembership.h"
#include "roommoderation.h"
#include "rooms.h"
#include "roster.h"
#include "transfers.h"

namespace Jw {

AccountFeatures::AccountFeatures(HistoryStore *store, Transport *transport, QObject *parent)
    : AccountFeatures(store, transport, nullptr, parent)
{
}

AccountFeatures::AccountFeatures(
    HistoryStore *store, Transport *transport, std::unique_ptr<RoomWire> roomWire, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_searchIndexer(new Search::Indexer(store, 5000, this))
    , m_roster(new Roster(transport, this))
    , m_blocking(new Blocking(transport, this))
    , m_passwordChange(new PasswordChange(transport, this))
    , m_requests(new Requests(store, m_roster, m_blocking, this))
    , m_chatStates(new ChatStates(store, transport, this))
    , m_messenger(new Messenger(store, transport, m_requests, m_chatStates, this))
    , m_readPositions(new ReadPositions(store, transport, this))
    , m_rooms(roomWire ? new Rooms(store, std::move(roomWire), this) : new Rooms(store, transport, this))
    , m_roomChatStates(new RoomChatStates(m_rooms, this))
    , m_roomReadBy(new RoomReadBy(m_rooms, store, this))
    , m_roomModeration(new RoomModeration(m_rooms, this))
    , m_bookmarks(new Bookmarks(transport, this))
    , m_invitations(new Invitations(transport, m_messenger, m_requests, this))
{
    // XEP-0490: read here, read on the account's other devices, and back.
    new DisplayedSync(store, transport, m_readPositions, this);
    // Receipts, chat states and displayed markers go to contacts and
    // accepted people only, never to strangers.
    const auto mayShare = [requests = m_requests](const QString &chat) {
        return Requests::mayShareActivity(requests->standing(chat));
    };
    m_chatStates->setSharingRule(mayShare);
    m_readPositions->setSharingRule(mayShare);
    // Our displayed markers in rooms go to private groups only (Rooms::sendDisplayed);
    // one owed while the room was not joined goes out once it is caught up.
    m_readPositions->setRoomMarkerSender(
        [rooms = m_rooms](const QString &room, const QString &id) { return rooms->sendDisplayed(room, id); });
    connect(m_rooms, &Rooms::caughtUp, m_readPositions, &ReadPositions::sendOwedMarkers);
    connect(m_messenger, &Messenger::messageAdded, m_readPositions, &ReadPositions::messageStored);
    // A private chat through a room: only through a room we know.
    const auto knowsRoom = [rooms = m_rooms](const QString &room) { return rooms->knows(room); };
    m_messenger->setRoomRule(knowsRoom);
    m_readPositions->setRoomRule(knowsRoom);
    // Room messages take the same road: read position, "New messages" line, offline flag.
    connect(m_rooms, &Rooms::messageAdded, m_readPositions, &ReadPositions::messageStored);
    m_roomMembership = new RoomMembership(m_rooms, m_bookmarks,
        [messenger = m_messenger] { return messenger->accountJid(); }, this);
    m_roomCreation = new RoomCreation(transport, m_rooms, m_roomMembership, this);
    m_transfers = new Transfers(store, transport, m_messenger, m_rooms, m_requests, this);
    connect(m_transfers, &Transfers::storageError, this, &AccountFeatures::storageError);

    connect(m_messenger, &Messenger::storageError, this, &AccountFeatures::storageError);
    connect(m_chatStates, &ChatStates::storageError, this, &AccountFeatures::storageError);
    connect(m_readPositions, &ReadPositions::storageError, this, &AccountFeatures::storageError);
    connect(m_rooms, &Rooms::storageError, this, &AccountFeatures::storageError);
    connect(m_roomReadBy, &RoomReadBy::storageError, this, &AccountFeatures::storageError);
}

AccountFeatures::~AccountFeatures() = default;

} // namespace Jw
