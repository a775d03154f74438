#include "rooms.h"

#include "editoutbox.h"
#include "edits.h"
#include "historystore.h"
#include "qxmpproomwire.h"
#include "roomstore.h"
#include "stanzas.h"

#include <QCoreApplication>
#include <QTimer>
#include <QUuid>

#include <utility>

namespace Jw {
namespace {

const QString NsMam = QStringLiteral("urn:xmpp:mam:2");
constexpr int SelfPingMs = 3 * 60 * 1000; ///< Dino's interval (XMPP.md)
constexpr int ShutdownRejoinMs = 30 * 1000; ///< after status 332
/// A failed archive page is asked again after this, then twice and four times as long.
constexpr int ArchiveRetryMs = 1000;
constexpr int ReplayMemory = 200; ///< stored messages a replay is compared with (rooms without archive)

QString replayKey(const QString &nick, const QString &body)
{
    return nick + u'\n' + body;
}

} // namespace

Rooms::Rooms(HistoryStore *store, Transport *transport, QObject *parent)
    : Rooms(store, std::make_unique<QXmppRoomWire>(transport), parent)
{
}

Rooms::Rooms(HistoryStore *store, std::unique_ptr<RoomWire> wire, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_wire(std::move(wire))
{
    qRegisterMetaType<Jw::Message>();
    qRegisterMetaType<Jw::Occupant>();
    setUp();
    load();
}

Rooms::~Rooms() = default;

void Rooms::setUp()
{
    RoomWire *w = m_wire.get();
    connect(w, &RoomWire::onlineChanged, this, &Rooms::onOnline);
    connect(w, &RoomWire::features, this, &Rooms::onFeatures);
    connect(w, &RoomWire::presenceReceived, this, &Rooms::onPresence);
    connect(w, &RoomWire::joinFailed, this, &Rooms::onJoinFailed);
    connect(w, &RoomWire::messageReceived, this, [this](const RoomStanza &s) {
        const auto it = m_rooms.constFind(s.room);
        onMessage(s, it != m_rooms.cend() && it->inReplay ? Origin::Replay : Origin::Live);
    });
    connect(w, &RoomWire::archiveMessage, this, [this](const RoomStanza &s) { onMessage(s, Origin::Archive); });
    connect(w, &RoomWire::archivePageDone, this, &Rooms::onPageDone);
    connect(w, &RoomWire::archiveFailed, this, &Rooms::onArchiveFailed);
    connect(w, &RoomWire::sendSettled, this, [this](const QString &room, const QString &id, bool taken) {
        if (m_edits.remove(id)) {
            if (taken) {
                m_editsTaken.insert(id);
                editSettled(id);
            } // else it waits for the next join
            return;
        }
        m_inFlight.remove(id);
        if (taken) {
            m_quotes.remove(id);
            setState(room, id, DeliveryState::Sent);
        }
    });
    connect(w, &RoomWire::messageFailed, this, [this](const QString &room, const QString &id, const QString &text) {
        if (m_edits.remove(id) || m_editsTaken.contains(id)) {
            // Refused: sending it again would be refused again.
            qInfo("rooms: %s refused our change %s: %s", qPrintable(room), qPrintable(id), qPrintable(text));
            editSettled(id);
            return;
        }
        m_inFlight.remove(id);
        setState(room, id, DeliveryState::Failed,
            tr("%1 did not take the message. It said: “%2”").arg(room, text));
    });
    connect(w, &RoomWire::pinged, this, [this](const QString &room, bool joined) {
        auto it = m_rooms.find(room);
        if (joined || it == m_rooms.end() || it->state != State::Joined)
            return;
        // Silently out (the room restarted, or a kick we never heard of): join again.
        Q_EMIT rejoining(room);
        putOut(room, *it);
        startJoin(room);
    });
    m_pingTimer.setInterval(SelfPingMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &Rooms::pingAll);
    m_pingTimer.start();
}

void Rooms::load()
{
    RoomStore::load(*m_store).then(this, [this](Expected<QList<StoredRoom>> list) {
        if (!list) {
            Q_EMIT storageError(list.errorMessage());
        } else {
            for (const StoredRoom &stored : std::as_const(list.value())) {
                // A join asked for while loading is newer than the history.
                Room &r = m_rooms[stored.room];
                if (r.nick.isEmpty()) {
                    r.nick = stored.nick;
                    r.wanted = stored.joined;
                }
                r.archiveLast = stored.archiveLast;
            }
        }
        m_loaded = true;
        Q_EMIT loaded();
        if (m_wire->isOnline())
            onOnline(true);
    });
}

void Rooms::onOnline(bool online)
{
    if (!m_loaded)
        return; // load() joins when it is done
    for (auto it = m_rooms.begin(); it != m_rooms.end(); ++it) {
        if (online) {
            // After a resumed stream we may still be in (then the join only
            // refreshes our presence); after a new one we are not.
            if (it->wanted && it->state == State::Out)
                startJoin(it.key());
        } else if (it->state != State::Out) {
            putOut(it.key(), *it);
            Q_EMIT left(it.key());
        }
    }
    if (!online)
        m_inFlight.clear();
}

void Rooms::join(const QString &room, const QString &nick, const QString &password)
{
    if (room.isEmpty() || nick.trimmed().isEmpty())
        return;
    Room &r = m_rooms[room];
    r.nick = nick;
    r.password = password;
    r.wanted = true;
    saveRoom(room);
    if (m_loaded && m_wire->isOnline() && r.state == State::Out)
        startJoin(room);
}

void Rooms::leave(const QString &room)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    it->wanted = false;
    saveRoom(room);
    if (it->state != State::Out && m_wire->isOnline())
        m_wire->leave(room, it->nick);
    else
        Q_EMIT left(room);
}

void Rooms::changeNick(const QString &room, const QString &nick)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end() || nick.trimmed().isEmpty() || nick == it->nick)
        return;
    if (it->state == State::Joined && m_wire->isOnline()) {
        m_wire->changeNick(room, nick); // the room's answer moves it (onSelfPresence)
        return;
    }
    it->nick = nick;
    saveRoom(room);
}

void Rooms::saveRoom(const QString &room)
{
    const Room &r = m_rooms[room];
    RoomStore::save(*m_store, room, r.nick, r.wanted).then(this, [this](Expected<Done> saved) {
        if (!saved)
            Q_EMIT storageError(saved.errorMessage());
    });
}

void Rooms::startJoin(const QString &room)
{
    Room &r = m_rooms[room];
    r.state = State::Joining;
    r.caughtUp = false;
    r.fetched = 0;
    m_wire->askFeatures(room);
}

void Rooms::onFeatures(const QString &room, const QStringList &features, std::optional<JoinError> error)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    if (!error)
        it->privateGroup = features.contains(u"muc_membersonly") && features.contains(u"muc_nonanonymous");
    if (it->state != State::Joining)
        return; // an answer to refreshFeatures()
    if (error && *error == JoinError::ServiceNotFound) {
        onJoinFailed(room, it->nick, *error, {});
        return;
    }
    // item-not-found: the room does not exist yet; the join makes it (status 201).
    it->hasArchive = features.contains(NsMam);
    if (it->hasArchive) {
        sendJoin(room);
        return;
    }
    // No archive: the room replays its recent history on join; what of it
    // was stored before is not stored again (its messages may carry no id).
    m_store->messages(room, std::nullopt, ReplayMemory).then(this, [this, room](Expected<QList<Message>> recent) {
        auto joining = m_rooms.find(room);
        if (joining == m_rooms.end() || joining->state != State::Joining)
            return;
        joining->replayKnown.clear();
        if (recent) {
            for (const Message &m : std::as_const(recent.value()))
                joining->replayKnown.insert(replayKey(m.nick, m.body));
        }
        sendJoin(room);
    });
}

void Rooms::sendJoin(const QString &room)
{
    Room &r = m_rooms[room];
    r.inReplay = !r.hasArchive;
    m_wire->join(room, r.nick, r.password, r.hasArchive);
}

void Rooms::onPresence(const RoomPresence &p)
{
    auto it = m_rooms.find(p.room);
    if (it == m_rooms.end())
        return;
    Room &r = *it;
    // A destruction is told to each occupant about themselves only
    // (XEP-0045 §10.9); ejabberd leaves out status 110 there.
    if (p.isSelf() || (p.destroyed && !p.available)) {
        onSelfPresence(r, p);
        return;
    }
    if (r.state == State::Out)
        return;
    const QString &nick = p.occupant.nick;
    if (!p.available) {
        if (r.occupants.remove(nick))
            Q_EMIT occupantLeft(p.room, nick);
        // Someone else put out: said in the room, as a notice of the room.
        if (const auto why = removalOf(p))
            storeNotice(p.room, othersSentence(*why, nick, p.reason));
        return;
    }
    const bool known = r.occupants.contains(nick);
    r.occupants.insert(nick, p.occupant);
    if (known)
        Q_EMIT occupantChanged(p.room, p.occupant);
    else
        Q_EMIT occupantJoined(p.room, p.occupant);
}

std::optional<Rooms::Removal> Rooms::removalOf(const RoomPresence &p)
{
    if (p.available)
        return std::nullopt;
    if (p.destroyed)
        return Removal::Destroyed;
    if (p.statusCodes.contains(301))
        return Removal::Banned;
    if (p.statusCodes.contains(307))
        return Removal::Kicked;
    if (p.statusCodes.contains(321) || p.statusCodes.contains(322))
        return Removal::MembersOnly;
    if (p.statusCodes.contains(332))
        return Removal::Shutdown;
    return std::nullopt;
}

void Rooms::storeNotice(const QString &room, const QString &text)
{
    if (text.isEmpty())
        return;
    Message m;
    m.kind = ChatKind::GroupChat;
    m.chat = room;
    m.from = room; // no nickname: the room's notice, never a person
    m.to = m_wire->accountJid();
    m.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.direction = Direction::Incoming;
    m.state = DeliveryState::Received;
    m.body = text;
    m.sentAt = m.receivedAt = QDateTime::currentDateTimeUtc();
    store(m, Origin::Live);
}

void Rooms::onSelfPresence(Room &r, const RoomPresence &p)
{
    const QString room = p.room;
    if (!p.available) {
        if (p.statusCodes.contains(303)) {
            // Our nickname change: the available presence under the new one follows.
            if (r.occupants.remove(p.occupant.nick))
                Q_EMIT occupantLeft(room, p.occupant.nick);
            return;
        }
        const std::optional<Removal> why = removalOf(p);
        putOut(room, r);
        if (!why) {
            Q_EMIT left(room);
            return;
        }
        // Put out by the room: not joined again by itself, but after a shutdown.
        if (*why != Removal::Shutdown) {
            r.wanted = false;
            saveRoom(room);
        } else {
            QTimer::singleShot(ShutdownRejoinMs, this, [this, room] {
                auto it = m_rooms.find(room);
                if (it != m_rooms.end() && it->wanted && it->state == State::Out && m_wire->isOnline())
                    startJoin(room);
            });
        }
        Q_EMIT removed(room, *why, sentence(*why, room, p.reason));
        return;
    }

    const QString nick = p.occupant.nick;
    const bool nickMoved = nick != r.nick; // status 210 (the service's choice) or our change (303)
    if (!p.occupant.occupantId.isEmpty())
        r.ownOccupantId = p.occupant.occupantId;
    const bool known = r.occupants.contains(nick);
    r.occupants.insert(nick, p.occupant);
    if (known)
        Q_EMIT occupantChanged(room, p.occupant);
    else
        Q_EMIT occupantJoined(room, p.occupant);
    if (nickMoved) {
        r.nick = nick;
        saveRoom(room);
    }
    if (r.state == State::Joined) {
        if (nickMoved)
            Q_EMIT nickChanged(room, nick);
        return;
    }
    if (r.state != State::Joining)
        return;
    r.state = State::Joined;
    const bool creating = m_creating.remove(room);
    if (p.statusCodes.contains(201)) {
        if (creating)
            Q_EMIT made(room); // the person is making it: RoomCreation configures it
        else
            m_wire->acceptDefaultConfiguration(room); // a new room: open it as it is
    }
    Q_EMIT joined(room, nick);
    if (nickMoved)
        Q_EMIT nickChanged(room, nick);
    r.archiveRetries = 0;
    ++r.catchUp;
    if (r.hasArchive)
        m_wire->fetchArchive(room, r.archiveLast);
    else
        finishCatchUp(room);
}

void Rooms::onJoinFailed(const QString &room, const QString &nick, JoinError error, const QString &text)
{
    m_creating.remove(room);
    auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    if (it->state == State::Joined) {
        // A nickname change the room refused; we are still in as before.
        Q_EMIT nickChangeFailed(room, nick, sentence(error, room, nick, text));
        return;
    }
    if (it->state == State::Out)
        return;
    putOut(room, *it);
    // What only the person can mend is not tried again at every sign-in;
    // a service that is down or a full room are.
    const bool lasting = error != JoinError::ServiceNotFound && error != JoinError::RoomFull
        && error != JoinError::Other;
    if (lasting) {
        it->wanted = false;
        saveRoom(room);
    }
    Q_EMIT joinFailed(room, error, sentence(error, room, nick, text));
}

void Rooms::putOut(const QString &room, Room &r)
{
    r.state = State::Out;
    r.caughtUp = false;
    r.inReplay = false;
    const bool had = !r.occupants.isEmpty();
    r.occupants.clear();
    if (had)
        Q_EMIT occupantsCleared(room);
}

Message Rooms::toMessage(const Room &r, const RoomStanza &s, Origin origin) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Message m;
    m.kind = ChatKind::GroupChat;
    m.chat = s.room;
    m.messageId = s.id;
    m.nick = s.nick;
    m.occupantId = s.occupantId;
    m.body = s.body;
    m.replaces = s.replaces;
    m.retracts = s.retracts;
    m.replyTo = s.replyTo;
    m.reactsTo = s.reactsTo;
    m.reactionSet = s.reactions;
    m.outOfBandUrl = s.outOfBandUrl;
    m.stanzaId = s.stanzaId;
    m.receivedAt = now;
    m.from = s.nick.isEmpty() ? s.room : s.room + u'/' + s.nick;
    // Ours: where the room gives occupant ids, the id says (a nickname is
    // not an identity); otherwise our nickname.
    const bool ours = !s.nick.isEmpty()
        && (!s.occupantId.isEmpty() && !r.ownOccupantId.isEmpty() ? s.occupantId == r.ownOccupantId
                                                                   : s.nick == r.nick);
    m.direction = ours ? Direction::Outgoing : Direction::Incoming;
    // In a private group a member's message may be marked displayed, by the
    // room's id (XEP-0333: in a groupchat the marker names the room's stanza-id).
    m.markable = !ours && r.privateGroup && !s.stanzaId.isEmpty();
    m.to = ours ? s.room : m_wire->accountJid();
    m.state = ours ? DeliveryState::Sent : DeliveryState::Received;
    const bool waited = origin != Origin::Live || s.stamp.isValid();
    m.arrivedOffline = !ours && waited;
    const auto stamp = Stanzas::plausibleTime(s.stamp, now);
    m.sentAt = stamp.value_or(now);
    m.preciseStamp = stamp && s.preciseStamp;
    return m;
}

void Rooms::onMessage(const RoomStanza &s, Origin origin)
{
    auto it = m_rooms.find(s.room);
    if (it == m_rooms.end())
        return;
    Room &r = *it;
    if (s.hasSubject && s.body.isEmpty()) {
        // The subject ends the replay (XEP-0045 §7.2.15).
        r.inReplay = false;
        r.subject = s.subject;
        Q_EMIT subjectChanged(s.room, s.subject);
        return;
    }
    if (s.body.isEmpty() && s.retracts.isEmpty() && s.reactsTo.isEmpty())
        return;
    if (origin == Origin::Replay && s.reactsTo.isEmpty() && r.replayKnown.contains(replayKey(s.nick, s.body)))
        return;
    store(toMessage(r, s, origin), origin);
}

void Rooms::store(const Message &message, Origin origin)
{
    const bool follow = origin == Origin::Live && !message.stanzaId.isEmpty();
    m_store->addMessage(message).then(this, [this, origin, follow](Expected<HistoryStore::AddResult> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        const Message &stored = result->message;
        auto it = m_rooms.find(stored.chat);
        if (it != m_rooms.end()) {
            if (origin == Origin::Archive && result->inserted)
                ++it->fetched;
            // Live after the catch-up, nothing is missing: the position
            // follows. Not for a message stored already: the archive and the
            // stream overlap, and an older one must not move it back.
            if (follow && it->caughtUp && result->inserted)
                followPosition(stored.chat, stored.stanzaId);
        }
        if (result->amended)
            Q_EMIT messageChanged(stored); // a correction or retraction
        else if (Edits::isEdit(stored))
            return;
        else if (result->inserted)
            Q_EMIT messageAdded(stored);
        else if (!stored.isIncoming())
            Q_EMIT messageChanged(stored); // our reflected message: now with the room's id
    });
}

void Rooms::followPosition(const QString &room, const QString &stanzaId)
{
    Room &r = m_rooms[room];
    if (r.archiveGap)
        return; // the next join reads on from where the stored pages end
    const bool queued = !r.positionToSave.isEmpty();
    r.positionToSave = stanzaId;
    r.archiveLast = stanzaId;
    if (queued)
        return;
    // A burst of live messages costs one write of the position.
    QMetaObject::invokeMethod(
        this,
        [this, room] {
            auto it = m_rooms.find(room);
            if (it == m_rooms.end())
                return;
            RoomStore::setArchivePosition(*m_store, room, std::exchange(it->positionToSave, QString()))
                .then(this, [this](Expected<Done> saved) {
                    if (!saved)
                        Q_EMIT storageError(saved.errorMessage());
                });
        },
        Qt::QueuedConnection);
}

void Rooms::onPageDone(const QString &room, const QString &lastId, bool complete)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    // Queued after the page's messages: the position moves only once they
    // are stored, and the store answers in order, so the catch-up ends
    // after the last of them was told.
    if (!lastId.isEmpty())
        it->archiveLast = lastId;
    it->archiveRetries = 0;
    if (complete)
        it->archiveGap = false;
    auto saved = lastId.isEmpty()
        ? m_store->run<Done>(HistoryStore::Access::Read, [](QSqlDatabase &) -> Expected<Done> { return Done {}; })
        : RoomStore::setArchivePosition(*m_store, room, lastId);
    saved.then(this, [this, room, complete](Expected<Done> done) {
        if (!done)
            Q_EMIT storageError(done.errorMessage());
        if (complete)
            finishCatchUp(room);
    });
}

void Rooms::onArchiveFailed(const QString &room, const QString &reason, bool retryable)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end() || it->state != State::Joined || it->caughtUp)
        return;
    if (!retryable) {
        // Refused (a position the archive no longer has, say): asking again
        // would only be refused again. What comes live moves the position on.
        qWarning("rooms: the archive of %s refused the query: %s", qPrintable(room), qPrintable(reason));
        it->archiveGap = false;
        finishCatchUp(room);
        return;
    }
    // A page that did not come (a timeout on a busy server) is asked again
    // from where the stored pages end, a few times, later each time.
    constexpr int MaxRetries = 3;
    if (it->archiveRetries < MaxRetries) {
        const int delayMs = ArchiveRetryMs << it->archiveRetries;
        ++it->archiveRetries;
        qInfo("rooms: the archive of %s could not be read (%s); asking again in %d ms", qPrintable(room),
            qPrintable(reason), delayMs);
        QTimer::singleShot(delayMs, this, [this, room, catchUp = it->catchUp] {
            auto r = m_rooms.find(room);
            if (r != m_rooms.end() && r->state == State::Joined && !r->caughtUp && r->catchUp == catchUp)
                m_wire->fetchArchive(room, r->archiveLast);
        });
        return;
    }
    qWarning("rooms: the archive of %s could not be read: %s; the rest is read at the next join", qPrintable(room),
        qPrintable(reason));
    it->archiveGap = true;
    finishCatchUp(room);
}

void Rooms::finishCatchUp(const QString &room)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end() || it->state != State::Joined)
        return;
    it->caughtUp = true;
    Q_EMIT caughtUp(room, it->fetched);
    // Then what was written while out goes out, once: a message the archive
    // had (sent before a crash) was recognised and is no longer queued.
    flushOutbox(room);
}

void Rooms::flushOutbox(const QString &room)
{
    m_store->pendingOutgoing().then(this, [this, room](Expected<QList<Message>> pending) {
        if (!pending) {
            Q_EMIT storageError(pending.errorMessage());
            return;
        }
        for (const Message &m : std::as_const(pending.value())) {
            if (m.chat == room)
                transmit(m);
        }
    });
    // Then our changes that wait, after the messages they may be about.
    EditOutbox::pending(*m_store).then(this, [this, room](Expected<QList<Message>> edits) {
        if (!edits) {
            Q_EMIT storageError(edits.errorMessage());
            return;
        }
        for (const Message &edit : std::as_const(edits.value())) {
            if (edit.chat == room)
                transmitEdit(edit);
        }
    });
}

Message Rooms::outgoing(const Room &r, const QString &room) const
{
    Message m;
    m.kind = ChatKind::GroupChat;
    m.chat = room;
    m.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.direction = Direction::Outgoing;
    m.nick = r.nick;
    m.occupantId = r.ownOccupantId;
    m.from = room + u'/' + r.nick;
    m.to = room;
    m.sentAt = QDateTime::currentDateTimeUtc();
    m.receivedAt = m.sentAt;
    m.state = DeliveryState::Queued;
    return m;
}

QString Rooms::storeAndSend(const Message &message)
{
    m_store->addMessage(message).then(this, [this](Expected<HistoryStore::AddResult> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        Q_EMIT messageAdded(result->message);
        transmit(result->message);
    });
    return message.messageId;
}

QString Rooms::send(const QString &room, const QString &body, const QString &outOfBandUrl)
{
    const auto it = m_rooms.constFind(room);
    if (body.trimmed().isEmpty() || it == m_rooms.cend())
        return {};
    Message m = outgoing(*it, room);
    m.body = body;
    m.outOfBandUrl = outOfBandUrl;
    return storeAndSend(m);
}

QString Rooms::sendReply(const QString &room, const QString &body, const Message &replyTo)
{
    const auto it = m_rooms.constFind(room);
    if (body.trimmed().isEmpty() || it == m_rooms.cend())
        return {};
    Message m = outgoing(*it, room);
    m.body = body;
    // XEP-0461: in a room the message answered is named by the room's id.
    m.replyTo = replyTo.stanzaId.isEmpty() ? replyTo.messageId : replyTo.stanzaId;
    const QString name = replyTo.nick.isEmpty() ? room : replyTo.nick;
    m_quotes.insert(m.messageId, RoomReply { m.replyTo, replyTo.from, name, replyTo.body });
    return storeAndSend(m);
}

void Rooms::react(const QString &room, const QString &messageId, const QStringList &emojis)
{
    if (messageId.isEmpty())
        return;
    Message m;
    m.reactsTo = messageId;
    m.reactionSet = emojis;
    m.chat = room;
    sendEdit(m);
}

void Rooms::correct(const QString &room, const QString &messageId, const QString &body)
{
    if (body.trimmed().isEmpty() || messageId.isEmpty())
        return;
    Message m;
    m.replaces = messageId;
    m.body = body;
    m.chat = room;
    sendEdit(m);
}

void Rooms::retract(const QString &room, const QString &messageId)
{
    if (messageId.isEmpty())
        return;
    Message m;
    m.retracts = messageId;
    m.chat = room;
    sendEdit(m);
}

void Rooms::sendEdit(Message m)
{
    const auto it = m_rooms.constFind(m.chat);
    if (it == m_rooms.cend())
        return;
    m.kind = ChatKind::GroupChat;
    m.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.direction = Direction::Outgoing;
    m.nick = it->nick;
    m.occupantId = it->ownOccupantId;
    m.from = m.chat + u'/' + it->nick;
    m.to = m.chat;
    m.sentAt = QDateTime::currentDateTimeUtc();
    m.receivedAt = m.sentAt;
    // Stored with the change it makes and kept until the room has it: one
    // made while out goes out after the next join's catch-up (flushOutbox).
    EditOutbox::apply(*m_store, m).then(this, [this, m](Expected<HistoryStore::AddResult> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        if (!result->amended)
            return;
        Q_EMIT messageChanged(result->message);
        transmitEdit(EditOutbox::forWire(m, result->message));
    });
}

void Rooms::transmitEdit(const Message &edit)
{
    const auto it = m_rooms.constFind(edit.chat);
    if (it == m_rooms.cend() || it->state != State::Joined || !it->caughtUp)
        return; // goes out after the join (flushOutbox)
    if (m_edits.contains(edit.messageId) || m_editsTaken.contains(edit.messageId))
        return;
    // XEP-0424 and XEP-0444 name a room message by the room's stanza-id
    // (forWire put it in); a correction names our message by its own id.
    const bool handed = !edit.reactsTo.isEmpty()
        ? m_wire->sendReactions(edit.chat, edit.messageId, edit.reactsTo, edit.reactionSet)
        : m_wire->sendEdit(edit.chat, edit.messageId, edit.body, edit.replaces, edit.retracts);
    if (handed)
        m_edits.insert(edit.messageId);
}

void Rooms::editSettled(const QString &id)
{
    EditOutbox::sent(*m_store, id).then(this, [this](Expected<Done> done) {
        if (!done)
            Q_EMIT storageError(done.errorMessage());
    });
}

void Rooms::transmit(const Message &message)
{
    const auto it = m_rooms.constFind(message.chat);
    if (it == m_rooms.cend() || it->state != State::Joined || !it->caughtUp)
        return; // goes out after the join (flushOutbox)
    if (m_inFlight.contains(message.messageId))
        return;
    RoomReply reply = m_quotes.value(message.messageId);
    reply.id = message.replyTo;
    if (m_wire->send(message.chat, message.body, message.messageId, message.outOfBandUrl, reply))
        m_inFlight.insert(message.messageId);
}

void Rooms::setState(const QString &room, const QString &id, DeliveryState state, const QString &error)
{
    m_store->updateState(room, id, state, error).then(this, [this](Expected<Message> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return;
        }
        Q_EMIT messageChanged(result.value());
    });
}

void Rooms::pingAll()
{
    if (!m_wire->isOnline())
        return;
    for (auto it = m_rooms.cbegin(); it != m_rooms.cend(); ++it) {
        if (it->state == State::Joined)
            m_wire->selfPing(it.key(), it->nick);
    }
}

Rooms::State Rooms::state(const QString &room) const
{
    return m_rooms.value(room).state;
}

QString Rooms::nick(const QString &room) const
{
    return m_rooms.value(room).nick;
}

QString Rooms::subject(const QString &room) const
{
    return m_rooms.value(room).subject;
}

QList<Occupant> Rooms::occupants(const QString &room) const
{
    return m_rooms.value(room).occupants.values();
}

QStringList Rooms::rooms() const
{
    QStringList list;
    for (auto it = m_rooms.cbegin(); it != m_rooms.cend(); ++it) {
        if (it->wanted)
            list.append(it.key());
    }
    list.sort();
    return list;
}

bool Rooms::isCaughtUp(const QString &room) const
{
    return m_rooms.value(room).caughtUp;
}

QString Rooms::ownOccupantId(const QString &room) const
{
    return m_rooms.value(room).ownOccupantId;
}

bool Rooms::isPrivateGroup(const QString &room) const
{
    return m_rooms.value(room).privateGroup;
}

void Rooms::refreshFeatures(const QString &room)
{
    if (m_rooms.contains(room) && m_wire->isOnline())
        m_wire->askFeatures(room);
}

bool Rooms::sendDisplayed(const QString &room, const QString &stanzaId)
{
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.cend() || it->state != State::Joined || !it->privateGroup || stanzaId.isEmpty())
        return false;
    return m_wire->sendDisplayed(room, stanzaId);
}

QString Rooms::sentence(JoinError error, const QString &room, const QString &nick, const QString &text)
{
    QString s;
    switch (error) {
    case JoinError::RoomNotFound:
        s = tr("The room %1 does not exist.").arg(room);
        break;
    case JoinError::NickTaken:
        s = tr("The nickname “%1” is already taken in %2. Choose another one.").arg(nick, room);
        break;
    case JoinError::MembersOnly:
        s = tr("%1 is for members only. Ask one of its owners to add you.").arg(room);
        break;
    case JoinError::Banned:
        s = tr("You are banned from %1.").arg(room);
        break;
    case JoinError::WrongPassword:
        s = tr("The password for %1 is wrong.").arg(room);
        break;
    case JoinError::ServiceNotFound:
        s = tr("The group chat service %1 was not found. Check the address.").arg(room.section(u'@', -1));
        break;
    case JoinError::RoomFull:
        s = tr("%1 is full. Try again later.").arg(room);
        break;
    case JoinError::Other:
        s = tr("Could not join %1.").arg(room);
        if (!text.isEmpty())
            s += u' ' + tr("It said: “%1”").arg(text);
        break;
    }
    return s;
}

QString Rooms::othersSentence(Removal removal, const QString &nick, const QString &reason)
{
    QString s;
    switch (removal) {
    case Removal::Kicked:
        s = tr("%1 was removed from the room.").arg(nick);
        break;
    case Removal::Banned:
        s = tr("%1 was banned from the room.").arg(nick);
        break;
    case Removal::MembersOnly:
        s = tr("%1 was removed from the room: they are not a member.").arg(nick);
        break;
    case Removal::Shutdown:
    case Removal::Destroyed:
        return {}; // said to each about themselves
    }
    if (!reason.isEmpty())
        s += u' ' + tr("Reason: “%1”").arg(reason);
    return s;
}

QString Rooms::sentence(Removal removal, const QString &room, const QString &reason)
{
    QString s;
    switch (removal) {
    case Removal::Kicked:
        s = tr("You were removed from %1.").arg(room);
        break;
    case Removal::Banned:
        s = tr("You were banned from %1.").arg(room);
        break;
    case Removal::MembersOnly:
        s = tr("You were removed from %1: it is now for members only.").arg(room);
        break;
    case Removal::Shutdown:
        s = tr("The service of %1 is shutting down. Jabberwock joins again when it is back.").arg(room);
        break;
    case Removal::Destroyed:
        s = tr("The room %1 was closed by its owner.").arg(room);
        break;
    }
    if (!reason.isEmpty())
        s += u' ' + tr("Reason: “%1”").arg(reason);
    return s;
}

} // namespace Jw
