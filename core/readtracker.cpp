#include "readtracker.h"

#include <algorithm>
#include <utility>

namespace Jw {

ReadTracker::ReadTracker(QObject *parent)
    : QObject(parent)
{
}

bool ReadTracker::isReading(const QString &chat) const
{
    return m_active && !chat.isEmpty() && chat == m_shown;
}

std::optional<qint64> ReadTracker::markerLine(const QString &chat) const
{
    if (chat.isEmpty() || chat != m_shown)
        return std::nullopt;
    return m_line;
}

QStringList ReadTracker::pendingMarkers() const
{
    QStringList chats;
    for (auto it = m_chats.cbegin(); it != m_chats.cend(); ++it) {
        if (it->markerPending)
            chats.append(it.key());
    }
    chats.sort();
    return chats;
}

void ReadTracker::load(const QString &chat, const ChatReadState &stored)
{
    if (chat.isEmpty())
        return;
    ChatReadState &s = m_chats[chat];
    s.lastRead = std::max(s.lastRead, stored.lastRead);
    if (stored.newestIncoming > s.newestIncoming) {
        s.newestIncoming = stored.newestIncoming;
        s.newestIncomingId = stored.newestIncomingId;
    }
    if (stored.newestMarkable > s.newestMarkable) {
        s.newestMarkable = stored.newestMarkable;
        s.newestMarkableId = stored.newestMarkableId;
    }
    // At an equal marker what is known here is newer than what was stored.
    if (stored.marker > s.marker) {
        s.marker = stored.marker;
        s.markerId = stored.markerId;
        s.markerPending = stored.markerPending && m_sendMarkers;
    }
    update(chat, Cause::Loaded);
}

void ReadTracker::setShownChat(const QString &chat)
{
    if (chat == m_shown)
        return;
    const QString left = std::exchange(m_shown, chat);
    // Leaving a chat takes its line away; coming back places it anew.
    if (m_line) {
        m_line.reset();
        Q_EMIT markerLineChanged(left);
    }
    update(chat, Cause::StartedReading);
    Q_EMIT shownChatChanged(chat);
}

void ReadTracker::setWindowActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    // Going inactive changes nothing yet: the line moves only if messages come meanwhile.
    if (active)
        update(m_shown, Cause::StartedReading);
}

void ReadTracker::messageArrived(
    const QString &chat, qint64 rowId, const QString &messageId, Direction direction, bool markable)
{
    if (chat.isEmpty() || rowId <= 0)
        return;
    ChatReadState &s = m_chats[chat];
    if (direction == Direction::Outgoing) {
        // Answering means having read what came before. This is the only
        // place that says so: the history keeps what readStateChanged asks.
        if (rowId > s.lastRead) {
            s.lastRead = rowId;
            Q_EMIT readStateChanged(chat);
        }
        return;
    }
    if (rowId > s.newestIncoming) {
        s.newestIncoming = rowId;
        s.newestIncomingId = messageId;
    }
    if (markable && rowId > s.newestMarkable) {
        s.newestMarkable = rowId;
        s.newestMarkableId = messageId;
    }
    update(chat, Cause::Arrived);
}

void ReadTracker::readElsewhere(const QString &chat, qint64 rowId, const QString &messageId)
{
    if (chat.isEmpty() || rowId <= 0)
        return;
    ChatReadState &s = m_chats[chat];
    bool changed = false;
    if (rowId > s.newestIncoming) {
        s.newestIncoming = rowId;
        s.newestIncomingId = messageId;
    }
    if (rowId > s.newestMarkable) { // our other device marked it: it was markable
        s.newestMarkable = rowId;
        s.newestMarkableId = messageId;
    }
    if (rowId > s.lastRead) {
        s.lastRead = rowId;
        changed = true;
    }
    // The other device told the sender: nothing up to there is owed any more.
    if (rowId > s.marker || (rowId == s.marker && s.markerPending)) {
        s.marker = rowId;
        s.markerId = messageId;
        s.markerPending = false;
        changed = true;
    }
    if (changed)
        Q_EMIT readStateChanged(chat);
    update(chat, Cause::Arrived);
}

void ReadTracker::markerSent(const QString &chat)
{
    const auto it = m_chats.find(chat);
    if (it == m_chats.end() || !it->markerPending)
        return;
    it->markerPending = false;
    Q_EMIT readStateChanged(chat);
}

void ReadTracker::setSendMarkers(bool send)
{
    m_sendMarkers = send;
    if (send)
        return;
    const QStringList owed = pendingMarkers();
    for (const QString &chat : owed)
        m_chats[chat].markerPending = false;
    for (const QString &chat : owed)
        Q_EMIT readStateChanged(chat);
}

void ReadTracker::update(const QString &chat, Cause cause)
{
    if (chat.isEmpty() || chat != m_shown)
        return;
    ChatReadState &s = m_chats[chat];
    if (!s.hasUnread())
        return;
    // Not reading, the line follows the read position, so that it stands
    // above whatever came meanwhile. Reading, it stays where it was put when
    // the person started.
    if (!m_active || cause == Cause::StartedReading || (cause == Cause::Loaded && !m_line))
        setLine(s.lastRead);
    if (!m_active)
        return;
    s.lastRead = s.newestIncoming;
    // Only a message that asked for it gets a marker (XEP-0333 §4); one
    // marker says "read up to here", so the newest of them read is enough.
    if (s.newestMarkable > s.marker) {
        s.marker = s.newestMarkable;
        s.markerId = s.newestMarkableId;
        s.markerPending = m_sendMarkers && !s.markerId.isEmpty();
    }
    // Copies: a receiver may call back and change the table.
    const bool owed = s.markerPending;
    const QString markerId = s.markerId;
    Q_EMIT readStateChanged(chat);
    if (owed)
        Q_EMIT markerDue(chat, markerId);
}

void ReadTracker::setLine(std::optional<qint64> line)
{
    if (line == m_line)
        return;
    m_line = line;
    Q_EMIT markerLineChanged(m_shown);
}

} // namespace Jw
