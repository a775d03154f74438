#include "types.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Jw {

qint64 Message::sortKey() const
{
    const qint64 sent = sentAt.isValid() ? sentAt.toMSecsSinceEpoch() : 0;
    // A stamp to the second (Prosody's, most servers') is ordered within its
    // second by arrival; a precise one that happens to end in .000 is not.
    if (!arrivedOffline || preciseStamp || sent % 1000 != 0 || !receivedAt.isValid())
        return sent;
    return std::max(sent, std::min(sent + 999, receivedAt.toMSecsSinceEpoch()));
}

QString storedInvitation(const RoomInvitation &invitation)
{
    if (invitation.isNull())
        return {};
    QJsonObject o;
    o.insert(QStringLiteral("room"), invitation.room);
    if (!invitation.password.isEmpty())
        o.insert(QStringLiteral("password"), invitation.password);
    if (!invitation.reason.isEmpty())
        o.insert(QStringLiteral("reason"), invitation.reason);
    o.insert(QStringLiteral("inviter"), invitation.inviter);
    o.insert(QStringLiteral("mediated"), invitation.mediated);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

RoomInvitation invitationFromStored(const QString &stored)
{
    if (stored.isEmpty())
        return {};
    const QJsonObject o = QJsonDocument::fromJson(stored.toUtf8()).object();
    RoomInvitation i;
    i.room = o.value(QStringLiteral("room")).toString();
    i.password = o.value(QStringLiteral("password")).toString();
    i.reason = o.value(QStringLiteral("reason")).toString();
    i.inviter = o.value(QStringLiteral("inviter")).toString();
    i.mediated = o.value(QStringLiteral("mediated")).toBool();
    return i;
}

QString stateName(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Queued:
        return QStringLiteral("queued");
    case DeliveryState::Sent:
        return QStringLiteral("sent");
    case DeliveryState::Delivered:
        return QStringLiteral("delivered");
    case DeliveryState::Failed:
        return QStringLiteral("failed");
    case DeliveryState::Received:
        return QStringLiteral("received");
    }
    return {};
}

QString directionName(Direction direction)
{
    return direction == Direction::Incoming ? QStringLiteral("in") : QStringLiteral("out");
}

QString kindName(ChatKind kind)
{
    return kind == ChatKind::GroupChat ? QStringLiteral("groupchat") : QStringLiteral("chat");
}

ChatKind kindFromName(const QString &name)
{
    return name == u"groupchat" ? ChatKind::GroupChat : ChatKind::Chat;
}

} // namespace Jw
