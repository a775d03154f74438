#pragma once

#include "expected.h"

#include <QFuture>
#include <QList>
#include <QString>

namespace Jw {

class HistoryStore;

/// A room the person is in, as the history keeps it (table `rooms`, schema
/// version 7).
struct StoredRoom
{
    QString room; ///< bare address, room@service
    QString nick; ///< the nickname the person chose (or the service gave, status 210)
    bool joined = true; ///< to be joined at sign-in; false once the person left
    /// The room's stanza-id of the newest message of the last archive page
    /// stored: the catch-up continues after it. Empty: never read.
    QString archiveLast;
};

/// The history's side of rooms: jobs on the store's thread
/// (HistoryStore::run), so HistoryStore itself does not grow.
namespace RoomStore {

/// Every room the history knows, ordered by address.
QFuture<Expected<QList<StoredRoom>>> load(HistoryStore &store);
/// Keeps the room with this nickname and whether it is to be joined; its
/// conversation becomes a room (kind groupchat) with nothing read if new.
/// The archive position is kept.
QFuture<Expected<Done>> save(HistoryStore &store, const QString &room, const QString &nick, bool joined);
/// The room's archive was read and stored up to the room's stanza-id `id`.
QFuture<Expected<Done>> setArchivePosition(HistoryStore &store, const QString &room, const QString &id);

} // namespace RoomStore
} // namespace Jw
