#pragma once

#include <QStyledItemDelegate>

namespace Jw::Ui {

/// One row of the contact list: picture with a presence dot, name, and the
/// presence with the contact's status text.
class ContactDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactDelegate)

public:
    explicit ContactDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;
};

} // namespace Jw::Ui
