#pragma once

#include "roomwire.h"

#include <QAbstractListModel>

namespace Jw {

class Rooms;

/// The occupants of one room as Rooms last heard them (XEP-0045 §7.2):
/// one row each, sorted by nickname; follows Rooms' occupant signals and is
/// empty while we are out of the room.
class OccupantsModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OccupantsModel)

public:
    enum Role
    {
        NickRole = Qt::UserRole + 1,
        RoleRole,
        AffiliationRole,
        PresenceRole,
        OccupantIdRole
    };

    OccupantsModel(Rooms *rooms, const QString &room, QObject *parent = nullptr);

    QString room() const { return m_room; }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int rowOf(const QString &nick) const;
    /// The nicknames that start with `prefix` (any case), sorted; for `@` completion.
    QStringList nicksStartingWith(const QString &prefix) const;

private:
    void upsert(const Occupant &occupant);
    void removeNick(const QString &nick);

    Rooms *const m_rooms;
    const QString m_room;
    QList<Occupant> m_occupants;
};

} // namespace Jw
