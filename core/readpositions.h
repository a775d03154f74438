#pragma once

#include "types.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>

namespace Jw {

class HistoryStore;
class Markers;
class ReadTracker;
class Transport;

/// The one owner of read state: each conversation's read position, the
/// "New messages" line, \xep{0333} displayed markers both ways, and the
/// conversation rows the list shows. Binds a ReadTracker (which decides) to
/// the history (where it is kept, written only from here through ReadStore)
/// and to Markers (the wire).
///
/// - Every stored message comes here (messageStored); at most one update of
///   its conversation follows per event-loop turn, whatever the burst: the
///   read state saved with the conversation read back in the same job, or
///   only the conversation read.
/// - Keeps each conversation's read position and marker in the history, so
///   both survive a restart; a marker owed while offline (the pending flag)
///   goes out when the connection is back.
/// - Sends a displayed marker for the newest received message the person
///   has read, once; setSendDisplayedMarkers(false) turns that off (the
///   app follows Settings::sendReadReceipts).
/// - Takes the other side's displayed markers for our messages: a marker
///   counts only from the bare address our message went to and only for an
///   id we sent in that chat (docs/message-identity.md: receipts and markers
///   are believed only from that chat); one for message X means all of ours
///   up to X are displayed.
class ReadPositions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadPositions)

public:
    ReadPositions(HistoryStore *store, Transport *transport, QObject *parent = nullptr);

    /// Who may learn that we read (Requests::mayShareActivity); without a
    /// rule, everyone.
    void setSharingRule(std::function<bool(const QString &chat)> mayShare) { m_mayShare = std::move(mayShare); }
    /// Where a room's displayed marker goes (rooms are told from 1:1 chats by
    /// their kind in the history): `send` hands the marker (the room's
    /// stanza-id) to the room and says whether it went out; one that did not
    /// stays owed until sendOwedMarkers() (the room joined again). Without
    /// it, no marker goes to a room.
    void setRoomMarkerSender(std::function<bool(const QString &room, const QString &stanzaId)> send)
    {
        m_sendToRoom = std::move(send);
    }
    /// Which bare addresses are rooms we know (Rooms::knows): a displayed
    /// marker from an occupant's address counts in the private chat through
    /// that room (conversationOf). Without it, every marker counts for the
    /// sender's bare address.
    void setRoomRule(std::function<bool(const QString &room)> isRoom) { m_isRoom = std::move(isRoom); }
    /// Sends the markers owed (back online, a room joined).
    void sendOwedMarkers();
    /// A message was stored (Messenger::messageAdded): it may be read at
    /// once, and its conversation's row changed.
    void messageStored(const Message &message);

    /// Fed by the window: which chat is shown, whether the window is active.
    ReadTracker *tracker() const { return m_tracker; }

    void setSendDisplayedMarkers(bool send);
    bool sendsDisplayedMarkers() const;

    /// Our newest message in `chat` the other side has displayed (a row id; 0: none).
    qint64 displayedUpTo(const QString &chat) const { return m_displayed.value(chat); }
    /// Whether the other side has displayed this message of ours.
    bool isDisplayed(const Message &message) const;

    /// A displayed marker we sent from another of our devices (e.g. seen
    /// through carbons) for the received message `messageId` in `chat`:
    /// reads up to it here too. Ignored unless that message is stored here.
    void markReadElsewhere(const QString &chat, const QString &messageId);

    /// Whether the stored read positions have been loaded.
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void loaded();
    /// The other side displayed our messages in `chat` up to the row id `upTo`.
    void displayedChanged(const QString &chat, qint64 upTo);
    /// A conversation's row as it is now stored (unread count, last message, read position).
    void conversationChanged(const Jw::Conversation &conversation);
    /// A history error, as a sentence to show.
    void storageError(const QString &message);

private:
    void load();
    void onDisplayedMarker(const QString &sender, const QString &messageId);
    /// The conversation's row needs reading again; `save`: and its read state keeping.
    void touch(const QString &chat, bool save);
    void flush();
    void update(const QString &chat, bool save);
    void sendMarker(const QString &chat, const QString &messageId);

    HistoryStore *const m_store;
    Markers *const m_markers; ///< a child
    ReadTracker *const m_tracker; ///< a child
    std::function<bool(const QString &)> m_mayShare;
    QSet<QString> m_roomChats; ///< conversations that are rooms
    std::function<bool(const QString &, const QString &)> m_sendToRoom;
    std::function<bool(const QString &)> m_isRoom;
    QHash<QString, qint64> m_displayed;
    QHash<QString, bool> m_touched; ///< chat -> save its read state too; flushed once per turn
    bool m_flushQueued = false;
    struct Pending
    {
        bool again = false; ///< another update is due once this one is back
        bool save = false; ///< … and it saves the read state
    };
    QHash<QString, Pending> m_inFlight; ///< chats with an update on its way
    bool m_loaded = false;
};

} // namespace Jw
