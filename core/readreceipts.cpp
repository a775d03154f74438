#include "readreceipts.h"

#include "historystore.h"
#include "messenger.h"
#include "readstore.h"
#include "readtracker.h"
#include "session.h"

namespace Jw {

ReadReceipts::ReadReceipts(Messenger *messenger)
    : QObject(messenger)
    , m_messenger(messenger)
    , m_store(messenger->store())
    , m_session(messenger->session())
    , m_tracker(new ReadTracker(this))
{
    connect(m_messenger, &Messenger::messageAdded, this, [this](const Message &m) {
        m_tracker->messageArrived(m.chat, m.rowId, m.messageId, m.direction);
    });
    connect(m_tracker, &ReadTracker::readStateChanged, this, &ReadReceipts::save);
    connect(m_tracker, &ReadTracker::markerDue, this, &ReadReceipts::sendMarker);
    // What the history knows of a chat is looked at again when it is shown,
    // in case it changed by another way than this object.
    connect(m_tracker, &ReadTracker::shownChatChanged, this, [this](const QString &chat) {
        if (!chat.isEmpty())
            reload(chat);
    });
    connect(m_session, &Session::displayedMarkerReceived, this, &ReadReceipts::onDisplayedMarker);
    // A carbon of a marker another of our devices sent: read there, read here.
    connect(m_session, &Session::ownDisplayedMarkerSent, this, &ReadReceipts::markReadElsewhere);
    connect(m_session, &Session::stateChanged, this, [this](Session::State state) {
        if (state == Session::State::Online)
            sendOwedMarkers();
    });

    // Queued before any message this run stores, so it comes back first.
    reload(QString());
}

void ReadReceipts::reload(const QString &chat)
{
    const bool all = chat.isEmpty();
    ReadStore::load(*m_store, chat).then(this, [this, all](Expected<QList<StoredReadState>> list) {
        if (!list) {
            Q_EMIT m_messenger->storageError(list.errorMessage());
        } else {
            for (const StoredReadState &stored : std::as_const(list.value())) {
                if (stored.displayed > m_displayed.value(stored.chat)) {
                    m_displayed.insert(stored.chat, stored.displayed);
                    if (!all)
                        Q_EMIT displayedChanged(stored.chat, stored.displayed);
                }
                m_tracker->load(stored.chat, stored.read);
            }
        }
        if (all) {
            m_loaded = true;
            sendOwedMarkers();
            Q_EMIT loaded();
        }
    });
}

void ReadReceipts::setSendDisplayedMarkers(bool send)
{
    m_tracker->setSendMarkers(send);
}

bool ReadReceipts::sendsDisplayedMarkers() const
{
    return m_tracker->sendsMarkers();
}

bool ReadReceipts::isDisplayed(const Message &message) const
{
    return countsAsDisplayed(message, displayedUpTo(message.chat));
}

void ReadReceipts::markReadElsewhere(const QString &chat, const QString &messageId)
{
    ReadStore::find(*m_store, chat, Direction::Incoming, messageId)
        .then(this, [this, chat, messageId](Expected<qint64> rowId) {
            if (!rowId) {
                Q_EMIT m_messenger->storageError(rowId.errorMessage());
                return;
            }
            if (rowId.value() > 0)
                m_tracker->readElsewhere(chat, rowId.value(), messageId);
        });
}

void ReadReceipts::onDisplayedMarker(const QString &chat, const QString &messageId)
{
    ReadStore::markDisplayed(*m_store, chat, messageId).then(this, [this, chat](Expected<qint64> upTo) {
        if (!upTo) {
            Q_EMIT m_messenger->storageError(upTo.errorMessage());
            return;
        }
        // 0: not a message we sent to that address; or nothing new.
        if (upTo.value() <= m_displayed.value(chat))
            return;
        m_displayed.insert(chat, upTo.value());
        Q_EMIT displayedChanged(chat, upTo.value());
    });
}

void ReadReceipts::save(const QString &chat)
{
    ReadStore::save(*m_store, chat, m_tracker->state(chat)).then(this, [this](Expected<Conversation> saved) {
        if (!saved)
            Q_EMIT m_messenger->storageError(saved.errorMessage());
    });
    // Runs after the save, in the same transaction: the unread count is the new one.
    m_store->conversation(chat).then(this, [this](Expected<Conversation> conversation) {
        if (!conversation) {
            Q_EMIT m_messenger->storageError(conversation.errorMessage());
            return;
        }
        Q_EMIT m_messenger->conversationChanged(conversation.value());
    });
}

void ReadReceipts::sendMarker(const QString &chat, const QString &messageId)
{
    // Offline, the marker stays owed (and stored so) until the connection is back.
    if (m_session->state() != Session::State::Online || !m_tracker->sendsMarkers())
        return;
    // A stranger does not learn when we read (Strangers::mayShareActivity);
    // the marker stays owed and goes out at the next sign-in if the chat is
    // accepted by then.
    if (!m_messenger->mayShareActivity(chat))
        return;
    m_session->sendDisplayedMarker(chat, messageId);
    m_tracker->markerSent(chat);
}

void ReadReceipts::sendOwedMarkers()
{
    if (m_session->state() != Session::State::Online)
        return;
    const QStringList chats = m_tracker->pendingMarkers();
    for (const QString &chat : chats)
        sendMarker(chat, m_tracker->state(chat).markerId);
}

} // namespace Jw
