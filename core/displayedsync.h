#pragma once

#include "types.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

class QXmppMessage;

namespace Jw {

class HistoryStore;
class ReadPositions;
class Transport;

/// XEP-0490 message displayed synchronisation: read on one device, read on
/// every device of the account. When the read position of a chat moves
/// here, the stanza-id of the newest message read is published to our own
/// PEP node `urn:xmpp:mds:displayed:0` (item id: the chat's bare address;
/// private, kept). A notification from another device moves the read
/// position here through ReadPositions::markReadElsewhere: the unread count
/// clears and no marker goes to the other person again (that device sent it).
///
/// What could not be published (read while offline, or the server did not
/// take it) waits, the newest position per chat only, and goes out when the
/// connection is back: one publish per chat, a few at a time, never one per
/// message read. A position no newer than the one at start-up, or than one
/// another device published, is not published. A position that waited over
/// a lost connection is compared first with what the node holds for the chat
/// (another device may have read further meanwhile, and its notification is
/// not sent again): it goes out only over an older one or none, and a newer
/// one there moves the read position here instead (also when the message
/// it names is not here yet: then when the catch-up brings it). What waits
/// while offline, or after a refusal, is kept in the history (mds_waiting)
/// and still goes out after a restart.
class DisplayedSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DisplayedSync)

public:
    DisplayedSync(HistoryStore *store, Transport *transport, ReadPositions *reads, QObject *parent = nullptr);
    /// Writes what is still to be kept (the history outlives this).
    ~DisplayedSync() override;

    static inline const QString Node = QStringLiteral("urn:xmpp:mds:displayed:0");
    /// Publishes on their way at once, at most.
    static constexpr int MaxInFlight = 3;

    /// The chats whose read position waits to be published.
    QStringList waitingChats() const { return m_waiting.keys(); }

    /// How long a position read here waits when the node names a message this
    /// device does not have: the catch-up may be bringing it (then the node's
    /// is newer); if it has not come by then, it is older than this device's
    /// history, and ours goes out.
    static constexpr int CatchUpGraceMs = 60000;
    void setCatchUpGrace(int ms) { m_catchUpGraceMs = ms; }
    /// A waiting position is kept in the history at most this long after it
    /// moved: the writes of a second of reading go as one.
    static constexpr int KeepDelayMs = 1000;

Q_SIGNALS:
    /// Another device said it displayed `chat` up to the message with the stanza-id `stanzaId`.
    void displayedElsewhere(const QString &chat, const QString &stanzaId);

private:
    struct Waiting
    {
        qint64 read = 0; ///< the read position, a row id
        ChatKind kind = ChatKind::Chat;
        bool checkFirst = false; ///< it waited over a lost connection: read the node's item first
    };

    /// How a publish of a waiting position ended.
    enum class Ended {
        Published, ///< out, or nothing to say
        Failed,    ///< not again before the connection comes again
        Deferred,  ///< the node names a message not here yet: decided when it comes, or after the grace
    };

    void onMessage(const QXmppMessage &message);
    void onConversation(const Conversation &conversation);
    void onOnlineChanged(bool online);
    /// What is known at start-up counts as published: not sent again, but
    /// for what was still waiting when the last run ended.
    void takeLoadedPositions();
    /// Keeps what waits for `chat` in the history (mds_waiting): written by
    /// writeKept() within KeepDelayMs, with whatever else moved meanwhile.
    void keep(const QString &chat);
    void writeKept();
    /// Drops `chat`'s kept row up to `upTo` once published (no write when
    /// nothing was kept).
    void forget(const QString &chat, qint64 upTo);
    /// Sends what waits, once per turn of the event loop.
    void scheduleFlush();
    void flush();
    void publishWaiting(const QString &chat);
    /// Publishes `read` unless the node's item for `chat` is as new or newer.
    void compareThenPublish(const QString &chat, const Waiting &waiting, std::function<void(Ended)> done);
    void publishRead(const QString &chat, const Waiting &waiting, std::function<void(Ended)> done);
    void published(const QString &chat, qint64 read);
    void publish(const QString &chat, const QString &stanzaId, const QString &by, std::function<void(Ended)> done);
    /// Another device displayed `chat` up to `stanzaId`: the read position
    /// here follows, now or when that message comes.
    void takeElsewhere(const QString &chat, const QString &stanzaId);

    HistoryStore *const m_store;
    Transport *const m_transport;
    ReadPositions *const m_reads;
    QHash<QString, qint64> m_published; ///< chat -> the read row id published, applied from elsewhere, or loaded
    QHash<QString, Waiting> m_waiting; ///< chat -> the newest read position not published yet
    QHash<QString, quint64> m_inFlight; ///< chat -> the publish on its way (its number)
    QSet<QString> m_failed; ///< refused since the connection came: tried again at the next one
    /// chat -> the stanza-id of a position another device published for a
    /// message not here yet (the catch-up brings it): taken when it comes.
    QHash<QString, QString> m_elsewhere;
    QSet<QString> m_deferred; ///< chats whose waiting position is held for m_elsewhere's message
    QSet<QString> m_kept; ///< chats with a row in mds_waiting
    QSet<QString> m_toKeep; ///< chats whose row is to be written
    bool m_keepScheduled = false;
    int m_catchUpGraceMs = CatchUpGraceMs;
    quint64 m_nextPublish = 0;
    quint64 m_connection = 0; ///< counts the times the connection came
    bool m_flushQueued = false;
};

} // namespace Jw
