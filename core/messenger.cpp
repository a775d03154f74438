#include "messenger.h"

#include "historystore.h"
#include "session.h"

#include <QUuid>

namespace Jw {

Messenger::Messenger(HistoryStore *store, Session *session, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_session(session)
{
    connect(m_session, &Session::messageReceived, this, &Messenger::onMessageReceived);
    connect(m_session, &Session::stateChanged, this, [this](Session::State state) {
        if (state == Session::State::Online)
            onOnline();
    });
    connect(m_session, &Session::messageAcknowledged, this, [this](const QString &chat, const QString &id) {
        m_inFlight.remove(id);
        setState(chat, id, DeliveryState::Sent);
    });
    connect(m_session, &Session::messageNotSent, this,
        [this](const QString &, const QString &id) { m_inFlight.remove(id); });
    connect(m_session, &Session::messageFailed, this,
        [this](const QString &chat, const QString &id, const QString &reason) {
            m_inFlight.remove(id);
            setState(chat, id, DeliveryState::Failed, reason);
        });
}

QString Messenger::accountJid() const
{
    return m_session->accountJid();
}

QString Messenger::displayName(const QString &chat) const
{
    return m_session->contact(chat).displayName();
}

QString Messenger::sendMessage(const QString &chat, const QString &body)
{
    if (body.trimmed().isEmpty())
        return {};
    Message m;
    m.chat = chat;
    m.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.direction = Direction::Outgoing;
    m.from = accountJid();
    m.to = chat;
    m.body = body;
    m.sentAt = QDateTime::currentDateTimeUtc();
    m.receivedAt = m.sentAt;
    m.state = DeliveryState::Queued;
    m_store->addMessage(m).then(this, [this](Expected<HistoryStore::AddResult> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        Q_EMIT messageAdded(result->message);
        refreshConversation(result->message.chat);
        transmit(result->message);
    });
    return m.messageId;
}

void Messenger::transmit(const Message &message)
{
    if (m_inFlight.contains(message.messageId))
        return;
    if (m_session->sendChatMessage(message.chat, message.body, message.messageId))
        m_inFlight.insert(message.messageId);
}

void Messenger::onOnline()
{
    // Whatever the server never acknowledged goes out again, oldest first,
    // with its original id so the receiver can recognise a repeat.
    m_store->pendingOutgoing().then(this, [this](Expected<QList<Message>> pending) {
        if (!pending) {
            Q_EMIT storageError(pending.errorMessage());
            return;
        }
        for (const Message &m : std::as_const(pending.value()))
            transmit(m);
    });
}

void Messenger::onMessageReceived(const Message &message)
{
    m_store->addMessage(message).then(this, [this](Expected<HistoryStore::AddResult> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        if (!result->inserted)
            return;
        Q_EMIT messageAdded(result->message);
        refreshConversation(result->message.chat);
    });
}

void Messenger::setState(const QString &chat, const QString &id, DeliveryState state, const QString &error)
{
    m_store->updateState(chat, id, state, error).then(this, [this](Expected<Message> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        Q_EMIT messageChanged(result.value());
    });
}

void Messenger::markRead(const QString &chat, qint64 upToRowId)
{
    m_store->markRead(chat, upToRowId).then(this, [this](Expected<Conversation> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        Q_EMIT conversationChanged(result.value());
    });
}

void Messenger::refreshConversation(const QString &chat)
{
    m_store->conversation(chat).then(this, [this](Expected<Conversation> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        Q_EMIT conversationChanged(result.value());
    });
}

} // namespace Jw
