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
/// group chat) for the room's messages. A marker points at a message of the
/// room (by the room's stanza-id, as XEP-0333 asks in group chat, or the
/// sender's id for clients that use it) and means every message up to it
/// was displayed.
///
/// - A person is counted by occupant id (\xep{0421}) where the room gives
///   ids (our own presence there carried one); then a marker without an id
///   is not counted: it cannot be told from someone else's. Where the room
///   gives none, by nickname, followed through a nickname change (303).
/// - We never count ourselves: our occupant id, else our nickname (another
///   of our devices is still us).
/// - Kept in the history (table `room_reads`, schema version 10), so what
///   people have read is still shown after a restart, before anyone sends
///   a marker again. Where the room archives markers, the catch-up brings
///   the ones sent while we were away.
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
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void loaded();
    /// Someone's displayed position in `room` moved (or their nickname changed).
    void readByChanged(const QString &room);
    void storageError(const QString &message);

private:
    struct Reader
    {
        QString nick;
        qint64 upTo = 0; ///< the newest row id they displayed
    };

    void load();
    void onStanza(const RoomStanza &stanza);
    void onPresence(const RoomPresence &presence);
    /// Who sent this marker ("id:…" or "nick:…"); empty: ourselves, or nobody we can name.
    QString readerKey(const QString &room, const QString &occupantId, const QString &nick) const;
    void keep(const QString &room, const QString &key, const QString &removedKey = {});

    Rooms *const m_rooms;
    HistoryStore *const m_store;
    /// room -> person -> how far they read
    QHash<QString, QHash<QString, Reader>> m_readers;
    bool m_loaded = false;
};

} // namespace Jw
