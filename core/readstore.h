#pragma once

#include "expected.h"
#include "readtracker.h"
#include "types.h"

#include <QFuture>
#include <QList>
#include <QString>

namespace Jw {

class HistoryStore;

/// One conversation's read state as the history keeps it (columns of
/// `chats`, schema version 4).
struct StoredReadState
{
    QString chat;
    ChatReadState read;
    /// Our newest message the other side has displayed (\xep{0333}): every
    /// message of ours up to it counts as displayed. 0: none.
    qint64 displayed = 0;
    ChatKind kind = ChatKind::Chat; ///< a chat with one person, or a room (schema version 7)
};

/// Whether our `message` counts as displayed when the other side has
/// displayed ours up to the row id `displayedUpTo`.
bool countsAsDisplayed(const Message &message, qint64 displayedUpTo);

/// The history's side of read positions and displayed markers: jobs that
/// run on the store's thread (HistoryStore::run), so HistoryStore itself
/// does not grow.
namespace ReadStore {

/// Every conversation's read state, ordered by chat; only `chat`'s when set.
QFuture<Expected<QList<StoredReadState>>> load(HistoryStore &store, const QString &chat = {});
/// Keeps a read position and a marker. Neither moves backwards; the
/// pending flag follows the newest marker. Returns the conversation as it
/// then is (its unread count the new one), read in the same job.
QFuture<Expected<Conversation>> save(HistoryStore &store, const QString &chat, const ChatReadState &state);
/// The row id of the message `messageId` in `chat` in that direction; 0 if there is none.
QFuture<Expected<qint64>> find(HistoryStore &store, const QString &chat, Direction direction,
    const QString &messageId);
/// A displayed marker from `chat` for `messageId`: counts only if that is a
/// message we sent in that very chat. Moves the chat's displayed position
/// forward to it and returns the position; 0 when the marker does not count.
QFuture<Expected<qint64>> markDisplayed(HistoryStore &store, const QString &chat, const QString &messageId);

} // namespace ReadStore
} // namespace Jw
