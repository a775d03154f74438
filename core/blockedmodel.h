#pragma once

#include <QAbstractListModel>
#include <QStringList>

namespace Jw {

class Requests;

/// The addresses this account blocks (XEP-0191), sorted, for Settings: kept
/// as Requests mirrors the server's blocklist, here or from another device,
/// and right before the connection is up (it is kept in the history).
class BlockedModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlockedModel)

public:
    enum Role {
        AddressRole = Qt::UserRole + 1, ///< the bare address (also Qt::DisplayRole)
    };

    explicit BlockedModel(Requests *requests, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList addresses() const { return m_addresses; }

private:
    void reload();
    void recheck(const QString &address);

    Requests *const m_requests;
    QStringList m_addresses;
};

} // namespace Jw
