#pragma once

#include "types.h"

#include <QHash>
#include <QObject>

class QXmppMessage;

namespace Jw {

class HistoryStore;
class ReadPositions;
class Transport;

/// XEP-0490 message displayed synchronisation: read on one device, read on
/// every device of the account. When the read position of a chat moves
/// here, the stanza-id of the newest message read is published to our own
/// PEP node `urn:xmpp:mds:displayed:0` (item id: the chat's bare address;
/// private, kept). A notification from another device moves the read
/// position here through ReadPositions::markReadElsewhere: the unread count
/// clears and no marker goes to the other person again (that device sent it).
class DisplayedSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DisplayedSync)

public:
    DisplayedSync(HistoryStore *store, Transport *transport, ReadPositions *reads, QObject *parent = nullptr);

    static inline const QString Node = QStringLiteral("urn:xmpp:mds:displayed:0");

Q_SIGNALS:
    /// Another device said it displayed `chat` up to the message with the stanza-id `stanzaId`.
    void displayedElsewhere(const QString &chat, const QString &stanzaId);

private:
    void onMessage(const QXmppMessage &message);
    void onConversation(const Conversation &conversation);
    void publish(const QString &chat, const QString &stanzaId, const QString &by);

    HistoryStore *const m_store;
    Transport *const m_transport;
    ReadPositions *const m_reads;
    QHash<QString, qint64> m_lastRead; ///< chat -> the read row id last seen (published or applied)
};

} // namespace Jw
