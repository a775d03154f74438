#include "displayedsync.h"

#include "address.h"
#include "historystore.h"
#include "peppublish.h"
#include "rawiq.h"
#include "readpositions.h"
#include "readtracker.h"
#include "transport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QXmppClient.h>
#include <QXmppClientExtension.h>
#include <QXmppElement.h>
#include <QXmppMessage.h>

namespace Jw {
namespace {

/// Runs a write of mds_waiting; a failure is only logged (the position is
/// still published while this runs, only not kept over a restart).
void writeWaiting(HistoryStore *store, QObject *context, const char *failure,
    std::function<Expected<Done>(QSqlDatabase &)> write)
{
    store->run<Done>(HistoryStore::Access::Write, std::move(write))
        .then(context, [failure](Expected<Done> done) {
            if (!done)
                qWarning("mds: %s: %s", failure, qPrintable(done.errorMessage()));
        });
}

/// mds_waiting.kind: 0 a chat, 1 a room.
int kindColumn(ChatKind kind)
{
    return kind == ChatKind::GroupChat ? 1 : 0;
}

ChatKind kindFromColumn(int column)
{
    return column == 1 ? ChatKind::GroupChat : ChatKind::Chat;
}

const QString NsPubSub = QStringLiteral("http://jabber.org/protocol/pubsub");
const QString NsPubSubEvent = QStringLiteral("http://jabber.org/protocol/pubsub#event");
const QString NsSid = QStringLiteral("urn:xmpp:sid:0");

QString namespaceOf(const QXmppElement &e)
{
    const QString declared = e.attribute(QStringLiteral("xmlns"));
    return declared.isEmpty() ? e.sourceDomElement().namespaceURI() : declared;
}

/// Says in our capabilities (XEP-0115) that we want the notifications of
/// the node (XEP-0163 "+notify"): the server sends them only then.
class NotifyInterest final : public QXmppClientExtension
{
public:
    QStringList discoveryFeatures() const override { return { DisplayedSync::Node + QStringLiteral("+notify") }; }
    bool handleStanza(const QDomElement &) override { return false; }
};

/// The incoming message of `chat` that our server (or the room) gave
/// `stanzaId`: its message id and row id; empty and 0 when there is none.
auto findByStanzaId(HistoryStore *store, const QString &chat, const QString &stanzaId)
{
    return store->run<std::pair<QString, qint64>>(HistoryStore::Access::Read,
        [chat, stanzaId](QSqlDatabase &db) -> Expected<std::pair<QString, qint64>> {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT message_id, id FROM messages WHERE chat = ? AND stanza_id = ? "
                                     "AND stanza_id <> '' AND direction = 0"));
            q.addBindValue(chat);
            q.addBindValue(stanzaId);
            if (!q.exec())
                return Error { q.lastError().text() };
            if (!q.next())
                return std::pair<QString, qint64> {};
            return std::pair { q.value(0).toString(), q.value(1).toLongLong() };
        });
}

/// The stanza-id the node's item for `chat` names, from the answer to
/// retrieving it; empty when there is no such item (or it cannot be read).
QString displayedStanzaId(const QDomElement &iq, const QString &chat)
{
    const QDomElement items = iq.firstChildElement(QStringLiteral("pubsub")).firstChildElement(QStringLiteral("items"));
    for (QDomElement item = items.firstChildElement(QStringLiteral("item")); !item.isNull();
         item = item.nextSiblingElement(QStringLiteral("item"))) {
        if (bareOf(item.attribute(QStringLiteral("id"))) != chat)
            continue;
        return item.firstChildElement(QStringLiteral("displayed"))
            .firstChildElement(QStringLiteral("stanza-id"))
            .attribute(QStringLiteral("id"));
    }
    return {};
}

} // namespace

DisplayedSync::DisplayedSync(HistoryStore *store, Transport *transport, ReadPositions *reads, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_transport(transport)
    , m_reads(reads)
{
    const auto attach = [](QXmppClient *client) { client->addNewExtension<NotifyInterest>(); };
    attach(m_transport->client());
    connect(m_transport, &Transport::clientReplaced, this, attach);
    connect(m_transport, &Transport::messageReceived, this, &DisplayedSync::onMessage);
    connect(m_transport, &Transport::onlineChanged, this, &DisplayedSync::onOnlineChanged);
    connect(m_reads, &ReadPositions::conversationChanged, this, &DisplayedSync::onConversation);
    if (m_reads->isLoaded())
        takeLoadedPositions();
    else
        connect(m_reads, &ReadPositions::loaded, this, &DisplayedSync::takeLoadedPositions);
}

DisplayedSync::~DisplayedSync()
{
    writeKept(); // the history outlives this, and writes what is queued before it closes
}

void DisplayedSync::takeLoadedPositions()
{
    // Publishing them all at every start would be one IQ per chat, and could
    // put back a position older than one another device published since;
    // only what the last run had not published goes (compared first).
    const ReadTracker *tracker = m_reads->tracker();
    const QStringList chats = tracker->chats();
    for (const QString &chat : chats)
        m_published[chat] = std::max(m_published.value(chat), tracker->readPosition(chat));
    m_store
        ->run<QList<std::pair<QString, Waiting>>>(HistoryStore::Access::Read,
            [](QSqlDatabase &db) -> Expected<QList<std::pair<QString, Waiting>>> {
                QSqlQuery q(db);
                if (!q.exec(QStringLiteral("SELECT chat, read_row, kind FROM mds_waiting")))
                    return Error { q.lastError().text() };
                QList<std::pair<QString, Waiting>> rows;
                while (q.next()) {
                    rows.append({ q.value(0).toString(),
                        Waiting { q.value(1).toLongLong(), kindFromColumn(q.value(2).toInt()), true } });
                }
                return rows;
            })
        .then(this, [this](Expected<QList<std::pair<QString, Waiting>>> rows) {
            if (!rows) {
                qWarning("mds: the read positions still to publish could not be read: %s",
                    qPrintable(rows.errorMessage()));
                return;
            }
            for (const auto &[chat, waiting] : std::as_const(rows.value())) {
                m_kept.insert(chat);
                if (waiting.read > m_waiting.value(chat).read)
                    m_waiting.insert(chat, waiting);
            }
            scheduleFlush();
        });
}

void DisplayedSync::keep(const QString &chat)
{
    if (!m_waiting.contains(chat))
        return;
    m_kept.insert(chat);
    m_toKeep.insert(chat);
    // One write for what a second of reading offline moved (a message read as
    // it arrives would otherwise cost a write of its own); what is still to
    // write when this ends is written then.
    if (!m_keepScheduled) {
        m_keepScheduled = true;
        QTimer::singleShot(KeepDelayMs, this, [this] {
            m_keepScheduled = false;
            writeKept();
        });
    }
}

void DisplayedSync::writeKept()
{
    struct Row
    {
        QString chat;
        qint64 read;
        int kind;
    };
    QList<Row> rows;
    for (const QString &chat : std::as_const(m_toKeep)) {
        const auto it = m_waiting.constFind(chat);
        if (it != m_waiting.cend()) // published meanwhile: nothing to keep
            rows.append({ chat, it->read, kindColumn(it->kind) });
    }
    m_toKeep.clear();
    if (rows.isEmpty())
        return;
    writeWaiting(m_store, this, "a read position to publish could not be kept", [rows](QSqlDatabase &db) -> Expected<Done> {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO mds_waiting (chat, read_row, kind) VALUES (?, ?, ?) "
                                 "ON CONFLICT (chat) DO UPDATE SET read_row = MAX(read_row, excluded.read_row), "
                                 "kind = excluded.kind"));
        for (const Row &row : rows) {
            q.addBindValue(row.chat);
            q.addBindValue(row.read);
            q.addBindValue(row.kind);
            if (!q.exec())
                return Error { q.lastError().text() };
        }
        return Done {};
    });
}

void DisplayedSync::forget(const QString &chat, qint64 upTo)
{
    if (!m_kept.contains(chat))
        return; // nothing kept: most positions go out at once, and cost no write
    if (!m_waiting.contains(chat))
        m_kept.remove(chat);
    writeWaiting(m_store, this, "a published read position could not be forgotten",
        [chat, upTo](QSqlDatabase &db) -> Expected<Done> {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("DELETE FROM mds_waiting WHERE chat = ? AND read_row <= ?"));
            q.addBindValue(chat);
            q.addBindValue(upTo);
            if (!q.exec())
                return Error { q.lastError().text() };
            return Done {};
        });
}

void DisplayedSync::onMessage(const QXmppMessage &message)
{
    // Only our own account's PEP service speaks for our other devices.
    const QString own = m_transport->accountJid();
    if (own.isEmpty() || (!message.from().isEmpty() && bareOf(message.from()) != own))
        return;
    const auto extensions = message.extensions();
    for (const QXmppElement &event : extensions) {
        if (event.tagName() != u"event" || namespaceOf(event) != NsPubSubEvent)
            continue;
        const QXmppElement items = event.firstChildElement(QStringLiteral("items"));
        if (items.attribute(QStringLiteral("node")) != Node)
            continue;
        for (QXmppElement item = items.firstChildElement(QStringLiteral("item")); !item.isNull();
             item = item.nextSiblingElement(QStringLiteral("item"))) {
            const QString chat = bareOf(item.attribute(QStringLiteral("id")));
            const QXmppElement sid =
                item.firstChildElement(QStringLiteral("displayed")).firstChildElement(QStringLiteral("stanza-id"));
            const QString stanzaId = sid.attribute(QStringLiteral("id"));
            if (chat.isEmpty() || stanzaId.isEmpty())
                continue;
            Q_EMIT displayedElsewhere(chat, stanzaId);
            takeElsewhere(chat, stanzaId);
        }
    }
}

void DisplayedSync::takeElsewhere(const QString &chat, const QString &stanzaId)
{
    // The message it names, by the stanza-id our server (or the room) gave it.
    findByStanzaId(m_store, chat, stanzaId)
        .then(this, [this, chat, stanzaId](Expected<std::pair<QString, qint64>> found) {
            if (!found)
                return;
            if (found->first.isEmpty()) {
                m_elsewhere.insert(chat, stanzaId); // not here yet
                return;
            }
            if (m_elsewhere.value(chat) == stanzaId) {
                m_elsewhere.remove(chat);
                if (m_deferred.remove(chat))
                    scheduleFlush(); // what waits here, if newer still, goes out (compared again)
            }
            // Not published back: it came from there (and what waits here
            // no newer than it is not published either).
            published(chat, found->second);
            m_reads->markReadElsewhere(chat, found->first);
        });
}

void DisplayedSync::onConversation(const Conversation &conversation)
{
    const QString chat = conversation.chat;
    const qint64 read = conversation.lastReadRowId;
    if (const auto it = m_elsewhere.constFind(chat); it != m_elsewhere.cend())
        takeElsewhere(chat, it.value()); // the message it waits for may have come
    if (!m_reads->isLoaded() || read <= m_published.value(chat) || read <= m_waiting.value(chat).read)
        return;
    // Only the newest position of a chat waits; it replaces an older one.
    // Read while offline, it is compared with the node's when back.
    const bool checkFirst = !m_transport->isOnline() || m_waiting.value(chat).checkFirst;
    m_waiting.insert(chat, { read, conversation.kind, checkFirst });
    m_failed.remove(chat);
    if (!m_transport->isOnline() || m_kept.contains(chat))
        keep(chat); // it may wait long: kept over a restart
    scheduleFlush();
}

void DisplayedSync::onOnlineChanged(bool online)
{
    if (!online)
        return;
    ++m_connection;
    // What was refused is tried again; what was on its way over the last
    // connection may never be answered (its client is gone): sent again.
    // Another device may have read further while we were away, and its
    // notification is not sent again: what waits is compared first.
    m_failed.clear();
    m_inFlight.clear();
    for (Waiting &waiting : m_waiting)
        waiting.checkFirst = true;
    scheduleFlush();
}

void DisplayedSync::scheduleFlush()
{
    if (!m_transport->isOnline() || std::exchange(m_flushQueued, true))
        return;
    QMetaObject::invokeMethod(this, &DisplayedSync::flush, Qt::QueuedConnection);
}

void DisplayedSync::flush()
{
    m_flushQueued = false;
    if (!m_transport->isOnline())
        return;
    // One publish per chat on its way at a time (a newer read waits for it),
    // and a few chats at a time: after a long time offline, no storm.
    QStringList next;
    for (auto it = m_waiting.cbegin(); it != m_waiting.cend(); ++it) {
        if (m_inFlight.size() + next.size() >= MaxInFlight)
            break;
        if (!m_inFlight.contains(it.key()) && !m_failed.contains(it.key()) && !m_deferred.contains(it.key()))
            next.append(it.key());
    }
    for (const QString &chat : std::as_const(next))
        publishWaiting(chat);
}

void DisplayedSync::publishWaiting(const QString &chat)
{
    const Waiting waiting = m_waiting.value(chat);
    const quint64 number = ++m_nextPublish;
    const quint64 connection = m_connection;
    m_inFlight.insert(chat, number);
    auto done = [this, chat, number, connection, read = waiting.read](Ended ended) {
        if (m_inFlight.value(chat) == number)
            m_inFlight.remove(chat);
        if (ended == Ended::Published)
            published(chat, read);
        else if (ended == Ended::Failed && connection == m_connection)
            m_failed.insert(chat); // not again before the connection comes again
        if (ended != Ended::Published)
            keep(chat); // it waits longer: kept over a restart
        scheduleFlush(); // the next chat, or a newer read of this one
    };
    if (waiting.checkFirst)
        compareThenPublish(chat, waiting, std::move(done));
    else
        publishRead(chat, waiting, std::move(done));
}

void DisplayedSync::compareThenPublish(const QString &chat, const Waiting &waiting, std::function<void(Ended)> done)
{
    QDomDocument doc;
    QDomElement pubsub = Xml::element(doc, NsPubSub, QStringLiteral("pubsub"));
    QDomElement items = Xml::child(pubsub, QStringLiteral("items"));
    items.setAttribute(QStringLiteral("node"), Node);
    Xml::child(items, QStringLiteral("item")).setAttribute(QStringLiteral("id"), chat);
    m_transport->sendIq(RawIq(QXmppIq::Get, m_transport->accountJid(), pubsub))
        .then(this, [this, chat, waiting, done = std::move(done)](Transport::IqResult &&result) mutable {
            // No item (an error is what a server says for an item or node it
            // does not have): nothing to compare with.
            const auto *answer = std::get_if<QDomElement>(&result);
            const QString there = answer ? displayedStanzaId(*answer, chat) : QString();
            if (there.isEmpty()) {
                publishRead(chat, waiting, std::move(done));
                return;
            }
            findByStanzaId(m_store, chat, there)
                .then(this, [this, chat, waiting, there, done = std::move(done)](
                                Expected<std::pair<QString, qint64>> found) mutable {
                    if (!found) {
                        done(Ended::Failed);
                        return;
                    }
                    const auto &[messageId, row] = found.value();
                    if (row == 0) {
                        // A message this device does not have: newer than ours if
                        // the catch-up brings it (onConversation), older than this
                        // device's history if it has not come after the grace.
                        qInfo("mds: another device read %s up to a message not here yet; waiting for it",
                            qPrintable(chat));
                        m_elsewhere.insert(chat, there);
                        m_deferred.insert(chat);
                        QTimer::singleShot(m_catchUpGraceMs, this, [this, chat, there] {
                            if (m_elsewhere.value(chat) != there || !m_deferred.remove(chat))
                                return;
                            m_elsewhere.remove(chat);
                            if (auto it = m_waiting.find(chat); it != m_waiting.end())
                                it->checkFirst = false; // compared: ours is the newer
                            scheduleFlush();
                        });
                        done(Ended::Deferred);
                        return;
                    }
                    if (row >= waiting.read) {
                        // Read as far or further elsewhere: that position is taken here.
                        Q_EMIT displayedElsewhere(chat, there);
                        published(chat, row);
                        m_reads->markReadElsewhere(chat, messageId);
                        done(Ended::Published);
                        return;
                    }
                    publishRead(chat, waiting, std::move(done));
                });
        });
}

void DisplayedSync::publishRead(const QString &chat, const Waiting &waiting, std::function<void(Ended)> done)
{
    const QString by = waiting.kind == ChatKind::GroupChat ? chat : m_transport->accountJid();
    const qint64 read = waiting.read;
    m_store
        ->run<QString>(HistoryStore::Access::Read,
            [chat, read](QSqlDatabase &db) -> Expected<QString> {
                // The newest message up to the read position that has a stanza-id.
                QSqlQuery q(db);
                q.prepare(QStringLiteral("SELECT stanza_id FROM messages WHERE chat = ? AND id <= ? AND stanza_id <> '' "
                                         "ORDER BY id DESC LIMIT 1"));
                q.addBindValue(chat);
                q.addBindValue(read);
                if (!q.exec())
                    return Error { q.lastError().text() };
                if (!q.next())
                    return QString();
                return q.value(0).toString();
            })
        .then(this, [this, chat, by, done = std::move(done)](Expected<QString> stanzaId) mutable {
            if (!stanzaId)
                done(Ended::Failed);
            else if (stanzaId->isEmpty())
                done(Ended::Published); // nothing the other devices could find: nothing to say
            else
                publish(chat, stanzaId.value(), by, std::move(done));
        });
}

void DisplayedSync::published(const QString &chat, qint64 read)
{
    m_published[chat] = std::max(m_published.value(chat), read);
    if (auto it = m_waiting.find(chat); it != m_waiting.end() && it->read <= read)
        m_waiting.erase(it);
    forget(chat, read);
}

void DisplayedSync::publish(
    const QString &chat, const QString &stanzaId, const QString &by, std::function<void(Ended)> done)
{
    if (!m_transport->isOnline()) {
        done(Ended::Failed);
        return;
    }
    QDomDocument doc;
    QDomElement item = Xml::element(doc, NsPubSub, QStringLiteral("item"));
    item.setAttribute(QStringLiteral("id"), chat);
    QDomElement displayed = Xml::child(item, Node, QStringLiteral("displayed"), {});
    QDomElement sid = Xml::child(displayed, NsSid, QStringLiteral("stanza-id"), {});
    sid.setAttribute(QStringLiteral("id"), stanzaId);
    sid.setAttribute(QStringLiteral("by"), by);
    // XEP-0490 §5: kept, private, one item per chat.
    Pep::publish(m_transport, this, Node, item, Pep::privateStorage())
        .then(this, [chat, done = std::move(done)](Transport::IqResult &&result) {
            const bool kept = std::holds_alternative<QDomElement>(result);
            if (!kept)
                qInfo("mds: the server did not keep the read position of %s", qPrintable(chat));
            done(kept ? Ended::Published : Ended::Failed);
        });
}

} // namespace Jw
