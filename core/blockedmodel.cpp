#include "blockedmodel.h"

#include "requests.h"

#include <algorithm>

namespace Jw {

BlockedModel::BlockedModel(Requests *requests, QObject *parent)
    : QAbstractListModel(parent)
    , m_requests(requests)
{
    connect(m_requests, &Requests::loaded, this, &BlockedModel::reload);
    connect(m_requests, &Requests::changed, this, &BlockedModel::recheck);
    connect(m_requests, &Requests::removed, this, &BlockedModel::recheck);
    reload();
}

int BlockedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_addresses.size());
}

QVariant BlockedModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::DisplayRole || role == AddressRole)
        return m_addresses.at(index.row());
    return {};
}

QHash<int, QByteArray> BlockedModel::roleNames() const
{
    return { { AddressRole, "address" } };
}

void BlockedModel::reload()
{
    QStringList addresses = m_requests->blockedAddresses();
    std::sort(addresses.begin(), addresses.end());
    if (addresses == m_addresses)
        return;
    beginResetModel();
    m_addresses = addresses;
    endResetModel();
}

void BlockedModel::recheck(const QString &address)
{
    const bool blocked = m_requests->flags(address).blocked;
    const auto at = std::lower_bound(m_addresses.cbegin(), m_addresses.cend(), address);
    const int row = int(at - m_addresses.cbegin());
    const bool listed = at != m_addresses.cend() && *at == address;
    if (blocked == listed)
        return;
    if (blocked) {
        beginInsertRows({}, row, row);
        m_addresses.insert(row, address);
        endInsertRows();
    } else {
        beginRemoveRows({}, row, row);
        m_addresses.removeAt(row);
        endRemoveRows();
    }
}

} // namespace Jw
