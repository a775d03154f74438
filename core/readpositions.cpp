#include "readpositions.h"

#include "address.h"
#include "historystore.h"
#include "markers.h"
#include "readstore.h"
#include "readtracker.h"

namespace Jw {

ReadPositions::ReadPositions(HistoryStore *store, Transport *transport, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_markers(new Markers(transport, this))
    , m_tracker(new ReadTracker(this))
{
    connect(m_tracker, &ReadTracker::readStateChanged, this, [this](const QString &chat) { touch(chat, true); });
    connect(m_tracker, &ReadTracker::markerDue, this, &ReadPositions::sendMarker);
    connect(m_markers, &Markers::displayed, this, &ReadPositions::onDisplayedMarker);
    // A carbon of a marker another of our devices sent: read there, read here.
    connect(m_markers, &Markers::displayedElsewhere, this, &ReadPositions::markReadElsewhere);
    connect(m_markers, &Markers::onlineChanged, this, [this](bool online) {
        if (online)
            sendOwedMarkers();
    });
    // Queued before any message this run stores, so it comes back first.
    load();
}

void ReadPositions::load()
{
    ReadStore::load(*m_store).then(this, [this](Expected<QList<StoredReadState>> list) {
        if (!list) {
            Q_EMIT storageError(list.errorMessage());
        } else {
            for (const StoredReadState &stored : std::as_const(list.value())) {
                if (stored.kind == ChatKind::GroupChat)
                    m_roomChats.insert(stored.chat);
                if (stored.displayed > m_displayed.value(stored.chat))
                    m_displayed.insert(stored.chat, stored.displayed);
                m_tracker->load(stored.chat, stored.read);
            }
        }
        m_loaded = true;
        sendOwedMarkers();
        Q_EMIT loaded();
    });
}

void ReadPositions::messageStored(const Message &message)
{
    // The tracker may move the read position (the chat is being read, or it
    // is our own message): then it asks for a save through readStateChanged.
    if (message.kind == ChatKind::GroupChat)
        m_roomChats.insert(message.chat);
    // In a room a marker names the room's stanza-id, not the sender's id.
    const QString &markerId = message.kind == ChatKind::GroupChat ? message.stanzaId : message.messageId;
    m_tracker->messageArrived(message.chat, message.rowId, markerId, message.direction, message.markable);
    touch(message.chat, false);
}

void ReadPositions::touch(const QString &chat, bool save)
{
    bool &saveIt = m_touched[chat];
    saveIt = saveIt || save;
    if (std::exchange(m_flushQueued, true))
        return;
    QMetaObject::invokeMethod(this, &ReadPositions::flush, Qt::QueuedConnection);
}

void ReadPositions::flush()
{
    m_flushQueued = false;
    const QHash<QString, bool> touched = std::exchange(m_touched, {});
    for (auto it = touched.cbegin(); it != touched.cend(); ++it)
        update(it.key(), it.value());
}

void ReadPositions::update(const QString &chat, bool save)
{
    // One update of a conversation on its way at a time: what changes
    // meanwhile is one more update after it, not one per message.
    if (auto it = m_inFlight.find(chat); it != m_inFlight.end()) {
        it->again = true;
        it->save = it->save || save;
        return;
    }
    m_inFlight.insert(chat, {});
    const auto done = [this, chat](Expected<Conversation> conversation) {
        const Pending next = m_inFlight.take(chat);
        if (!conversation)
            Q_EMIT storageError(conversation.errorMessage());
        else
            Q_EMIT conversationChanged(conversation.value());
        if (next.again)
            update(chat, next.save);
    };
    // One job either way: the save reads the conversation back in the same job.
    if (save)
        ReadStore::save(*m_store, chat, m_tracker->state(chat)).then(this, done);
    else
        m_store->conversation(chat).then(this, done);
}

void ReadPositions::setSendDisplayedMarkers(bool send)
{
    m_tracker->setSendMarkers(send);
}

bool ReadPositions::sendsDisplayedMarkers() const
{
    return m_tracker->sendsMarkers();
}

bool ReadPositions::isDisplayed(const Message &message) const
{
    return countsAsDisplayed(message, displayedUpTo(message.chat));
}

void ReadPositions::markReadElsewhere(const QString &chat, const QString &messageId)
{
    ReadStore::find(*m_store, chat, Direction::Incoming, messageId)
        .then(this, [this, chat, messageId](Expected<qint64> rowId) {
            if (!rowId) {
                Q_EMIT storageError(rowId.errorMessage());
                return;
            }
            if (rowId.value() > 0)
                m_tracker->readElsewhere(chat, rowId.value(), messageId);
        });
}

void ReadPositions::onDisplayedMarker(const QString &sender, const QString &messageId)
{
    const QString chat = conversationOf(sender, m_isRoom);
    ReadStore::markDisplayed(*m_store, chat, messageId).then(this, [this, chat](Expected<qint64> upTo) {
        if (!upTo) {
            Q_EMIT storageError(upTo.errorMessage());
            return;
        }
        // 0: not a message we sent to that address; or nothing new.
        if (upTo.value() <= m_displayed.value(chat))
            return;
        m_displayed.insert(chat, upTo.value());
        Q_EMIT displayedChanged(chat, upTo.value());
    });
}

void ReadPositions::sendMarker(const QString &chat, const QString &messageId)
{
    if (!m_tracker->sendsMarkers())
        return;
    if (m_roomChats.contains(chat)) {
        // A room has no standing under Requests: the room says who may be in
        // it. Not joined (or offline), the marker stays owed.
        if (m_sendToRoom && m_sendToRoom(chat, messageId))
            m_tracker->markerSent(chat);
        return;
    }
    // Offline, the marker stays owed (and stored so) until the connection is back.
    if (!m_markers->isOnline())
        return;
    // A stranger does not learn when we read (Requests::mayShareActivity);
    // the marker stays owed and goes out at the next sign-in if the chat is
    // accepted by then.
    if (m_mayShare && !m_mayShare(chat))
        return;
    if (m_markers->sendDisplayed(chat, messageId))
        m_tracker->markerSent(chat);
}

void ReadPositions::sendOwedMarkers()
{
    const QStringList chats = m_tracker->pendingMarkers();
    for (const QString &chat : chats)
        sendMarker(chat, m_tracker->state(chat).markerId);
}

} // namespace Jw
