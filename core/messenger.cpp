#include "messenger.h"

#include "address.h"
#include "archivesync.h"
#include "chatstates.h"
#include "directmessages.h"
#include "editoutbox.h"
#include "edits.h"
#include "historystore.h"
#include "receipts.h"
#include "requests.h"
#include "transport.h"

#include <QUuid>

#include <utility>

namespace Jw {

Messenger::Messenger(HistoryStore *store, Transport *transport, Requests *requests, ChatStates *chatStates,
    QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_transport(transport)
    , m_requests(requests)
    , m_chatStates(chatStates)
    , m_direct(new DirectMessages(transport, this))
    , m_receipts(new Receipts(transport, this))
    , m_archive(new Archive(transport, this))
{
    connect(m_direct, &DirectMessages::received, this, &Messenger::receive);
    connect(m_archive, &Archive::messageFetched, this, &Messenger::receive);
    connect(m_transport, &Transport::onlineChanged, this, [this](bool online) {
        if (online) {
            onOnline();
            return;
        }
        m_caughtUp = false;
        m_catchUpAnnounced = false;
        if (std::exchange(m_fetching, false))
            Q_EMIT archiveFetchProgress(false, m_fetched); // the connection went: so did the fetch
    });
    connect(m_archive, &Archive::pageDone, this, [this](const QString &lastId, bool complete) {
        // Queued after the page's messages: the position moves only once they are stored.
        if (!lastId.isEmpty())
            saveArchivePosition(lastId);
        if (complete)
            onCaughtUp();
        else if (m_fetching)
            Q_EMIT archiveFetchProgress(true, m_fetched);
    });
    connect(m_archive, &Archive::failed, this, [this](const QString &reason) {
        qWarning("archive catch-up failed: %s", qPrintable(reason));
        onCaughtUp();
    });
    connect(m_receipts, &Receipts::received, this, [this](const QString &chat, const QString &id) {
        // Counts only for a message we sent to that very address: updateState
        // matches chat and id, so a receipt from anyone else changes nothing.
        // `chat` is the sender's address: an occupant's counts in the private chat.
        setState(conversationOf(chat, m_isRoom), id, DeliveryState::Delivered);
    });
    connect(m_direct, &DirectMessages::acknowledged, this, [this](const QString &chat, const QString &id) {
        if (m_edits.remove(id)) {
            m_editsTaken.insert(id);
            editSettled(id);
            return;
        }
        m_inFlight.remove(id);
        // The outbox read of the catch-up may still see it queued (its
        // "sent" is stored after): it must not go out twice.
        m_taken.insert(id);
        setState(chat, id, DeliveryState::Sent);
    });
    connect(m_direct, &DirectMessages::notSent, this, [this](const QString &, const QString &id) {
        m_inFlight.remove(id);
        m_edits.remove(id); // it waits for the next connection
    });
    connect(m_direct, &DirectMessages::failed, this,
        [this](const QString &chat, const QString &id, const QString &reason) {
            m_inFlight.remove(id);
            if (m_edits.remove(id)) {
                // Refused: sending it again would be refused again.
                qInfo("messenger: %s refused our change %s: %s", qPrintable(chat), qPrintable(id), qPrintable(reason));
                editSettled(id);
                return;
            }
            setState(conversationOf(chat, m_isRoom), id, DeliveryState::Failed, reason);
        });
}

QString Messenger::accountJid() const
{
    return m_transport->accountJid();
}

bool Messenger::mayShareActivity(const QString &chat) const
{
    return Requests::mayShareActivity(m_requests->standing(chat));
}

Message Messenger::outgoing(const QString &chat) const
{
    Message m;
    m.chat = chat;
    m.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.direction = Direction::Outgoing;
    m.from = accountJid();
    m.to = chat;
    m.sentAt = QDateTime::currentDateTimeUtc();
    m.receivedAt = m.sentAt;
    m.state = DeliveryState::Queued;
    return m;
}

QString Messenger::storeAndSend(const Message &message)
{
    m_store->addMessage(message).then(this, [this](Expected<HistoryStore::AddResult> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        m_requests->wroteTo(result->message.chat);
        Q_EMIT messageAdded(result->message);
        transmit(result->message);
    });
    return message.messageId;
}

QString Messenger::sendMessage(const QString &chat, const QString &body, const QString &outOfBandUrl)
{
    if (body.trimmed().isEmpty())
        return {};
    Message m = outgoing(chat);
    m.body = body;
    m.outOfBandUrl = outOfBandUrl;
    m_chatStates->messageSent(chat); // the typing is over: the message says "active"
    return storeAndSend(m);
}

void Messenger::correct(const QString &chat, const QString &messageId, const QString &body)
{
    if (body.trimmed().isEmpty() || messageId.isEmpty())
        return;
    Message m = outgoing(chat);
    m.body = body;
    m.replaces = messageId;
    sendEdit(m);
}

void Messenger::retract(const QString &chat, const QString &messageId)
{
    if (messageId.isEmpty())
        return;
    Message m = outgoing(chat);
    m.retracts = messageId;
    sendEdit(m);
}

QString Messenger::sendReply(const QString &chat, const QString &body, const Message &replyTo)
{
    if (body.trimmed().isEmpty())
        return {};
    Message m = outgoing(chat);
    m.body = body;
    m.replyTo = replyTo.messageId;
    // The quote goes with the first sending of this run (a resend from the
    // outbox after a restart carries the reply without it).
    const QString name = replyTo.isIncoming() ? bareOf(replyTo.from).section(u'@', 0, 0) : tr("Me");
    m_quotes.insert(m.messageId, { name, replyTo.body, replyTo.isIncoming() ? bareOf(replyTo.from) : accountJid() });
    m_chatStates->messageSent(chat);
    return storeAndSend(m);
}

void Messenger::react(const QString &chat, const QString &messageId, const QStringList &emojis)
{
    if (messageId.isEmpty())
        return;
    Message m = outgoing(chat);
    m.reactsTo = messageId;
    m.reactionSet = emojis;
    sendEdit(m);
}

void Messenger::sendEdit(const Message &edit)
{
    // Stored with the change it makes and kept until the server has it: one
    // made offline goes out after the next catch-up (onCaughtUp).
    EditOutbox::apply(*m_store, edit).then(this, [this, edit](Expected<HistoryStore::AddResult> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        // Only what changed our own message here goes out: the same rule
        // as for what arrives (Edits::mayChange).
        if (!result->amended)
            return;
        Q_EMIT messageChanged(result->message);
        transmitEdit(EditOutbox::forWire(edit, result->message));
    });
}

void Messenger::transmitEdit(const Message &edit)
{
    if (edit.kind == ChatKind::GroupChat || m_edits.contains(edit.messageId) || m_editsTaken.contains(edit.messageId))
        return;
    bool handed = false;
    if (!edit.reactsTo.isEmpty()) {
        handed = m_direct->sendReactions(edit.chat, edit.reactsTo, edit.reactionSet, edit.messageId);
    } else if (edit.retracts.isEmpty()) {
        DirectMessages::Extras extras;
        extras.replaces = edit.replaces;
        handed = m_direct->send(edit.chat, edit.body, edit.messageId, m_chatStates->stateForMessage(edit.chat), extras);
    } else {
        handed = m_direct->sendRetraction(edit.chat, edit.retracts, edit.messageId);
    }
    if (handed)
        m_edits.insert(edit.messageId);
}

void Messenger::editSettled(const QString &id)
{
    EditOutbox::sent(*m_store, id).then(this, [this](Expected<Done> done) {
        if (!done)
            Q_EMIT storageError(done.errorMessage());
    });
}

void Messenger::deleteLocally(const QString &chat, qint64 rowId)
{
    m_store->deleteLocally(chat, rowId).then(this, [this, chat, rowId](Expected<Done> done) {
        if (!done) {
            Q_EMIT storageError(done.errorMessage());
            return;
        }
        Q_EMIT messageRemoved(chat, rowId);
    });
}

void Messenger::retry(const QString &chat, const QString &messageId)
{
    m_taken.remove(messageId); // the person asks for it again (it failed after the server took it)
    m_store->updateState(chat, messageId, DeliveryState::Queued).then(this, [this](Expected<Message> queued) {
        if (!queued) {
            Q_EMIT storageError(queued.errorMessage());
            return;
        }
        Q_EMIT messageChanged(queued.value());
        transmit(queued.value());
    });
}

void Messenger::transmit(const Message &message)
{
    if (message.kind == ChatKind::GroupChat)
        return; // a room's outbox is Rooms' (the stored queue holds both)
    if (m_inFlight.contains(message.messageId) || m_taken.contains(message.messageId))
        return;
    DirectMessages::Extras extras;
    extras.outOfBandUrl = message.outOfBandUrl;
    if (!message.replyTo.isEmpty()) {
        extras.replyTo = message.replyTo;
        const Quote quote = m_quotes.value(message.messageId);
        extras.replyToJid = quote.jid;
        extras.quotedName = quote.name;
        extras.quotedText = quote.text;
    }
    if (m_direct->send(message.chat, message.body, message.messageId, m_chatStates->stateForMessage(message.chat),
            extras))
        m_inFlight.insert(message.messageId);
}

void Messenger::setFirstSyncLimits(int days, int maxPages)
{
    m_firstSyncDays = qMax(0, days);
    m_firstSyncPages = qMax(1, maxPages);
}

void Messenger::onOnline()
{
    // Not before QXmpp has sent our initial presence (right after it says
    // "connected"): a history read can finish at once, and a catch-up query
    // that reached Prosody before the presence would make it withhold the
    // offline messages (they come only from the archive then, page by page,
    // which Prosody's internal storage makes slow: 30-60 s for 10,000).
    QMetaObject::invokeMethod(this, &Messenger::startCatchUp, Qt::QueuedConnection);
}

void Messenger::startCatchUp()
{
    if (!m_transport->isOnline())
        return;
    // First what the server kept for us (XEP-0313), then the outbox: a message
    // the server archived before a crash is recognised and not sent twice.
    m_store->accountValue(QStringLiteral("mam.last")).then(this, [this](Expected<QString> lastId) {
        if (!lastId) {
            Q_EMIT storageError(lastId.errorMessage());
            onCaughtUp();
            return;
        }
        if (!lastId->isEmpty()) {
            beginFetch(m_archive->catchUp(lastId.value(), {}));
            return;
        }
        m_store->accountValue(QStringLiteral("mam.since")).then(this, [this](Expected<QString> since) {
            if (since && !since->isEmpty()) {
                // Signed in before, with an archive that was empty then:
                // everything since, newest first.
                beginFetch(m_archive->catchUp({}, QDateTime::fromString(since.value(), Qt::ISODateWithMs)));
                return;
            }
            // A first sign-in on this profile. What waited for the account
            // may be in the archive only (ejabberd empties its offline store
            // for a Bind 2 sign-in when the archive is on; another device may
            // have taken the offline messages): read the newest slice.
            const QDateTime now = QDateTime::currentDateTimeUtc();
            (void)m_store->setAccountValue(QStringLiteral("mam.since"), now.toString(Qt::ISODateWithMs));
            beginFetch(m_archive->catchUp({}, now.addDays(-m_firstSyncDays), m_firstSyncPages));
        });
    });
}

void Messenger::saveArchivePosition(const QString &archiveId)
{
    m_store->setAccountValue(QStringLiteral("mam.last"), archiveId).then(this, [this](Expected<Done> saved) {
        if (!saved)
            Q_EMIT storageError(saved.errorMessage());
    });
}

void Messenger::followArchivePosition(const QString &archiveId)
{
    // A burst of live messages costs one write of the position, not one each.
    const bool queued = !m_archivePositionToSave.isEmpty();
    m_archivePositionToSave = archiveId;
    if (queued)
        return;
    QMetaObject::invokeMethod(
        this, [this] { saveArchivePosition(std::exchange(m_archivePositionToSave, QString())); },
        Qt::QueuedConnection);
}

void Messenger::beginFetch(bool started)
{
    if (!started) {
        onCaughtUp();
        return;
    }
    m_fetching = true;
    m_fetched = 0;
    Q_EMIT archiveFetchProgress(true, 0);
}

bool Messenger::isCatchingUp() const
{
    return m_transport->isOnline() && !m_catchUpAnnounced;
}

void Messenger::onCaughtUp()
{
    m_caughtUp = true;
    if (std::exchange(m_fetching, false))
        Q_EMIT archiveFetchProgress(false, m_fetched);
    // Whatever the server never acknowledged goes out again, oldest first,
    // with its original id so the receiver can recognise a repeat. This read
    // is queued behind the catch-up's messages: when it answers, they have
    // all been stored and announced.
    m_store->pendingOutgoing().then(this, [this](Expected<QList<Message>> pending) {
        if (m_caughtUp && !std::exchange(m_catchUpAnnounced, true))
            Q_EMIT caughtUp();
        if (!pending) {
            Q_EMIT storageError(pending.errorMessage());
            return;
        }
        for (const Message &m : std::as_const(pending.value()))
            transmit(m);
    });
    // Then our changes that wait, after the messages they may be about.
    EditOutbox::pending(*m_store).then(this, [this](Expected<QList<Message>> edits) {
        if (!edits) {
            Q_EMIT storageError(edits.errorMessage());
            return;
        }
        for (const Message &edit : std::as_const(edits.value()))
            transmitEdit(edit);
    });
}

void Messenger::receive(const Message &received)
{
    Message message = received;
    message.chat = conversationOf(message.chat, m_isRoom);
    const bool live = !message.stanzaId.isEmpty() && m_caughtUp;
    if (Edits::isEdit(message)) {
        receiveEdit(message, live);
        return;
    }
    m_store->addMessage(message).then(this, [this, live](Expected<HistoryStore::AddResult> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        const Message &stored = result->message;
        // Stored: now the sender may hear it arrived (not a stranger: they
        // learn nothing about us from a receipt).
        if (stored.isIncoming() && mayShareActivity(stored.chat))
            m_receipts->confirm(stored.messageId);
        // Live after catch-up, the stream has no gaps: the archive position follows it.
        if (live)
            followArchivePosition(stored.stanzaId);
        if (result->inserted && m_fetching && !stored.stanzaId.isEmpty() && stored.arrivedOffline)
            ++m_fetched;
        if (!result->inserted) {
            if (stored.direction == Direction::Outgoing)
                Q_EMIT messageChanged(stored); // e.g. learnt that the server has it
            return;
        }
        if (stored.direction == Direction::Outgoing)
            m_requests->wroteTo(stored.chat); // from another of our devices
        Q_EMIT messageAdded(result->message);
    });
}

void Messenger::receiveEdit(const Message &edit, bool live)
{
    m_store->addMessage(edit).then(this, [this, edit, live](Expected<HistoryStore::AddResult> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        if (live)
            followArchivePosition(edit.stanzaId);
        if (result->edit == Edits::Outcome::Refused)
            return; // not its sender's: no receipt either
        if (edit.isIncoming() && mayShareActivity(edit.chat))
            m_receipts->confirm(edit.messageId);
        if (result->amended)
            Q_EMIT messageChanged(result->message);
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

} // namespace Jw
