#include "occupantsmodel.h"

#include "rooms.h"

#include <algorithm>

namespace Jw {
namespace {
bool byNick(const Occupant &a, const Occupant &b)
{
    const int c = a.nick.compare(b.nick, Qt::CaseInsensitive);
    return c < 0 || (c == 0 && a.nick < b.nick);
}
} // namespace

OccupantsModel::OccupantsModel(Rooms *rooms, const QString &room, QObject *parent)
    : QAbstractListModel(parent)
    , m_rooms(rooms)
    , m_room(room)
{
    m_occupants = m_rooms->occupants(room);
    std::sort(m_occupants.begin(), m_occupants.end(), byNick);
    connect(m_rooms, &Rooms::occupantJoined, this, [this](const QString &r, const Occupant &o) {
        if (r == m_room)
            upsert(o);
    });
    connect(m_rooms, &Rooms::occupantChanged, this, [this](const QString &r, const Occupant &o) {
        if (r == m_room)
            upsert(o);
    });
    connect(m_rooms, &Rooms::occupantLeft, this, [this](const QString &r, const QString &nick) {
        if (r == m_room)
            removeNick(nick);
    });
    connect(m_rooms, &Rooms::occupantsCleared, this, [this](const QString &r) {
        if (r != m_room || m_occupants.isEmpty())
            return;
        beginResetModel();
        m_occupants.clear();
        endResetModel();
    });
}

int OccupantsModel::rowOf(const QString &nick) const
{
    for (int i = 0; i < m_occupants.size(); ++i) {
        if (m_occupants[i].nick == nick)
            return i;
    }
    return -1;
}

void OccupantsModel::upsert(const Occupant &occupant)
{
    if (const int row = rowOf(occupant.nick); row >= 0) {
        m_occupants[row] = occupant;
        Q_EMIT dataChanged(index(row), index(row));
        return;
    }
    const auto pos = std::lower_bound(m_occupants.begin(), m_occupants.end(), occupant, byNick);
    const int at = int(pos - m_occupants.begin());
    beginInsertRows({}, at, at);
    m_occupants.insert(at, occupant);
    endInsertRows();
}

void OccupantsModel::removeNick(const QString &nick)
{
    const int row = rowOf(nick);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_occupants.removeAt(row);
    endRemoveRows();
}

QStringList OccupantsModel::nicksStartingWith(const QString &prefix) const
{
    QStringList nicks;
    const QString own = m_rooms->nick(m_room);
    for (const Occupant &o : m_occupants) {
        if (o.nick != own && o.nick.startsWith(prefix, Qt::CaseInsensitive))
            nicks.append(o.nick);
    }
    return nicks;
}

int OccupantsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_occupants.size());
}

QVariant OccupantsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Occupant &o = m_occupants.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NickRole:
        return o.nick;
    case RoleRole:
        return o.role;
    case AffiliationRole:
        return o.affiliation;
    case PresenceRole:
        return static_cast<int>(o.presence);
    case OccupantIdRole:
        return o.occupantId;
    default:
        return {};
    }
}

QHash<int, QByteArray> OccupantsModel::roleNames() const
{
    return { { Qt::DisplayRole, "display" }, { NickRole, "nick" }, { RoleRole, "role" },
        { AffiliationRole, "affiliation" }, { PresenceRole, "presence" }, { OccupantIdRole, "occupantId" } };
}

} // namespace Jw
