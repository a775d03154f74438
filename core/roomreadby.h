#pragma once

#include "roomwire.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Jw {

class HistoryStore;
class Rooms;

/// "Read by" in rooms: the occupants' displayed markers (\xep{0333} in
/// group chat) for our messages. A marker points at a message of the room
/// (by the room's stanza-id, or the sender's id for clients that use it) and
/// means every message up to it was displayed. A person is counted by
/// occupant id (XEP-0421) where the room gives one, else by nickname, and
/// followed through a nickname change; we never count ourselves (our
/// occupant id, else our nickname: another of our devices is still us).
/// Kept for this run only: the room's markers arrive again as people read.
class RoomReadBy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomReadBy)

public:
    RoomReadBy(Rooms *rooms, HistoryStore *store, QObject *parent = nullptr);
    ~RoomReadBy() override;

    /// The nicknames of the people who have displayed the message with the
    /// store's row id `rowId` in `room` (or a later one), sorted.
    QStringList readBy(const QString &room, qint64 rowId) const;

Q_SIGNALS:
    /// Someone's displayed position in `room` moved (or their nickname changed).
    void readByChanged(const QString &room);
    void storageError(const QString &message);

private:
    struct Reader
    {
        QString nick;
        qint64 upTo = 0; ///< the newest row id they displayed
    };

    void onStanza(const RoomStanza &stanza);
    void onPresence(const RoomPresence &presence);
    void advance(const QString &room, const QString &key, const QString &nick, qint64 rowId);

    Rooms *const m_rooms;
    HistoryStore *const m_store;
    /// room -> person (u"id:" occupant id, or u"nick:" nickname) -> how far they read
    QHash<QString, QHash<QString, Reader>> m_readers;
};

} // namespace Jw
