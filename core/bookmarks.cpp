// XEP-0402 (PEP native bookmarks) with XEP-0048 1.0 in private storage
// (XEP-0049) where the server does not keep the two in step.

#include "bookmarks.h"

#include "address.h"
#include "bookmarkxml.h"
#include "peppublish.h"
#include "rawiq.h"
#include "transport.h"
#include "xmlns.h"

#include <QXmppClient.h>
#include <QXmppClientExtension.h>
#include <QXmppConfiguration.h>
#include <QXmppError.h>
#include <QXmppStanza.h>
#include <QXmppTask.h>

#include <QDomDocument>

namespace Jw {
namespace {

const QString NsPubSub = QStringLiteral("http://jabber.org/protocol/pubsub");
const QString NsPubSubEvent = QStringLiteral("http://jabber.org/protocol/pubsub#event");
const QString NsPrivate = QStringLiteral("jabber:iq:private");
const QString Node = QString(BookmarkXml::NsBookmarks2);

bool isTrue(const QString &value)
{
    return value == u"true" || value == u"1";
}

QString roomOf(const QString &address)
{
    // A room's address has the same shape as a person's: local@domain, no resource.
    const auto parsed = parsePersonAddress(address);
    return parsed.ok() ? parsed.value() : QString();
}

} // namespace

namespace BookmarkXml {

std::optional<RoomBookmark> fromItem(const QDomElement &item)
{
    const QDomElement conference = item.firstChildElement(QStringLiteral("conference"));
    const QString room = roomOf(item.attribute(QStringLiteral("id")));
    if (conference.isNull() || conference.namespaceURI() != NsBookmarks2 || room.isEmpty())
        return std::nullopt;
    RoomBookmark b;
    b.room = room;
    b.name = conference.attribute(QStringLiteral("name"));
    b.autojoin = isTrue(conference.attribute(QStringLiteral("autojoin")));
    b.nick = conference.firstChildElement(QStringLiteral("nick")).text();
    b.password = conference.firstChildElement(QStringLiteral("password")).text();
    return b;
}

QList<RoomBookmark> fromStorage(const QDomElement &storage)
{
    QList<RoomBookmark> list;
    for (QDomElement c = storage.firstChildElement(QStringLiteral("conference")); !c.isNull();
        c = c.nextSiblingElement(QStringLiteral("conference"))) {
        const QString room = roomOf(c.attribute(QStringLiteral("jid")));
        if (room.isEmpty())
            continue;
        RoomBookmark b;
        b.room = room;
        b.name = c.attribute(QStringLiteral("name"));
        b.autojoin = isTrue(c.attribute(QStringLiteral("autojoin")));
        b.nick = c.firstChildElement(QStringLiteral("nick")).text();
        b.password = c.firstChildElement(QStringLiteral("password")).text();
        list.append(b);
    }
    return list;
}

namespace {
void fillConference(QDomElement &conference, const RoomBookmark &b)
{
    if (!b.name.isEmpty())
        conference.setAttribute(QStringLiteral("name"), b.name);
    conference.setAttribute(QStringLiteral("autojoin"), b.autojoin ? QStringLiteral("true") : QStringLiteral("false"));
    if (!b.nick.isEmpty())
        Xml::child(conference, QStringLiteral("nick"), b.nick);
    if (!b.password.isEmpty())
        Xml::child(conference, QStringLiteral("password"), b.password);
}
} // namespace

QDomElement toConference(QDomDocument &document, const RoomBookmark &bookmark)
{
    QDomElement conference = Xml::element(document, QString(NsBookmarks2), QStringLiteral("conference"));
    fillConference(conference, bookmark);
    return conference;
}

QDomElement toStorage(QDomDocument &document, const QList<RoomBookmark> &bookmarks)
{
    QDomElement storage = Xml::element(document, QString(NsStorage), QStringLiteral("storage"));
    for (const RoomBookmark &b : bookmarks) {
        QDomElement conference = Xml::child(storage, QStringLiteral("conference"));
        conference.setAttribute(QStringLiteral("jid"), b.room);
        fillConference(conference, b);
    }
    return storage;
}

} // namespace BookmarkXml

/// Takes XEP-0402 notifications (PEP events from our own account) off the
/// stream, and tells the server we want them (`+notify` in our features).
class BookmarkEvents final : public QXmppClientExtension
{
    Q_OBJECT

public:
    QStringList discoveryFeatures() const override { return { Node + QStringLiteral("+notify") }; }

    bool handleStanza(const QDomElement &stanza) override
    {
        if (stanza.tagName() != u"message")
            return false;
        const QDomElement event = stanza.firstChildElement(QStringLiteral("event"));
        if (event.namespaceURI() != NsPubSubEvent)
            return false;
        const QDomElement items = event.firstChildElement(QStringLiteral("items"));
        const QDomElement purge = event.firstChildElement(QStringLiteral("purge"));
        if (items.attribute(QStringLiteral("node")) != Node && purge.attribute(QStringLiteral("node")) != Node)
            return false;
        // Only our own account's PEP speaks for our bookmarks.
        const QString from = stanza.attribute(QStringLiteral("from"));
        if (!from.isEmpty() && bareOf(from) != client()->configuration().jidBare())
            return true;
        if (!purge.isNull()) {
            Q_EMIT purged();
            return true;
        }
        for (QDomElement e = items.firstChildElement(); !e.isNull(); e = e.nextSiblingElement()) {
            if (e.tagName() == u"item") {
                if (auto b = BookmarkXml::fromItem(e))
                    Q_EMIT item(*b);
            } else if (e.tagName() == u"retract") {
                const QString room = roomOf(e.attribute(QStringLiteral("id")));
                if (!room.isEmpty())
                    Q_EMIT retracted(room);
            }
        }
        return true;
    }

Q_SIGNALS:
    void item(const Jw::RoomBookmark &bookmark);
    void retracted(const QString &room);
    void purged();
};

Bookmarks::Bookmarks(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    attach();
    connect(m_transport, &Transport::clientReplaced, this, &Bookmarks::attach);
    connect(m_transport, &Transport::onlineChanged, this, [this](bool online) {
        ++m_generation;
        if (online)
            onOnline();
    });
}

Bookmarks::~Bookmarks() = default;

void Bookmarks::attach()
{
    auto *events = new BookmarkEvents;
    m_transport->addFirstInLine(events);
    m_events = events;
    connect(events, &BookmarkEvents::item, this, &Bookmarks::applyChanged);
    connect(events, &BookmarkEvents::retracted, this, &Bookmarks::applyRemoved);
    connect(events, &BookmarkEvents::purged, this, [this] { setAll({}); });
}

std::optional<RoomBookmark> Bookmarks::bookmark(const QString &room) const
{
    const auto it = m_bookmarks.constFind(room);
    return it == m_bookmarks.cend() ? std::nullopt : std::optional(*it);
}

void Bookmarks::onOnline()
{
    // Where are they kept? The account's own disco#info says (XEP-0402 §5.3).
    QDomDocument doc;
    const QDomElement query = Xml::element(doc, Ns::DiscoInfo, QStringLiteral("query"));
    const quint64 generation = m_generation;
    m_transport->client()
        ->sendIq(RawIq(QXmppIq::Get, m_transport->accountJid(), query))
        .then(this, [this, generation](QXmppClient::IqResult &&result) {
            if (generation != m_generation)
                return;
            bool compat = false;
            if (const auto *reply = std::get_if<QDomElement>(&result)) {
                const QDomElement q = reply->firstChildElement(QStringLiteral("query"));
                for (QDomElement f = q.firstChildElement(QStringLiteral("feature")); !f.isNull();
                    f = f.nextSiblingElement(QStringLiteral("feature")))
                    compat |= f.attribute(QStringLiteral("var")) == BookmarkXml::NsCompat;
            }
            m_storage = compat ? Storage::Pep : Storage::Private;
            if (compat)
                loadPep();
            else
                loadPrivate();
        });
}

void Bookmarks::loadPep()
{
    QDomDocument doc;
    QDomElement pubsub = Xml::element(doc, NsPubSub, QStringLiteral("pubsub"));
    Xml::child(pubsub, QStringLiteral("items")).setAttribute(QStringLiteral("node"), Node);
    const quint64 generation = m_generation;
    m_transport->client()
        ->sendIq(RawIq(QXmppIq::Get, m_transport->accountJid(), pubsub))
        .then(this, [this, generation](QXmppClient::IqResult &&result) {
            if (generation != m_generation)
                return;
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                // No node yet: no bookmarks.
                const auto stanzaError = error->value<QXmppStanza::Error>();
                if (stanzaError && stanzaError->condition() == QXmppStanza::Error::ItemNotFound) {
                    setAll({});
                    return;
                }
                Q_EMIT failed(errorSentence(tr("The server did not give the list of your rooms."), error->description));
                return;
            }
            QList<RoomBookmark> list;
            const QDomElement items = std::get<QDomElement>(result)
                                          .firstChildElement(QStringLiteral("pubsub"))
                                          .firstChildElement(QStringLiteral("items"));
            for (QDomElement item = items.firstChildElement(QStringLiteral("item")); !item.isNull();
                item = item.nextSiblingElement(QStringLiteral("item"))) {
                if (auto b = BookmarkXml::fromItem(item))
                    list.append(*b);
            }
            setAll(list);
        });
}

void Bookmarks::loadPrivate()
{
    QDomDocument doc;
    QDomElement query = Xml::element(doc, NsPrivate, QStringLiteral("query"));
    Xml::child(query, QString(BookmarkXml::NsStorage), QStringLiteral("storage"), {});
    const quint64 generation = m_generation;
    m_transport->client()
        ->sendIq(RawIq(QXmppIq::Get, QString(), query))
        .then(this, [this, generation](QXmppClient::IqResult &&result) {
            if (generation != m_generation)
                return;
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                Q_EMIT failed(errorSentence(tr("The server did not give the list of your rooms."), error->description));
                return;
            }
            const QDomElement storage = std::get<QDomElement>(result)
                                            .firstChildElement(QStringLiteral("query"))
                                            .firstChildElement(QStringLiteral("storage"));
            setAll(BookmarkXml::fromStorage(storage));
        });
}

void Bookmarks::setAll(const QList<RoomBookmark> &bookmarks)
{
    QMap<QString, RoomBookmark> next;
    for (const RoomBookmark &b : bookmarks)
        next.insert(b.room, b);
    const QMap<QString, RoomBookmark> before = std::exchange(m_bookmarks, next);
    const bool first = !m_loaded;
    m_loaded = true;
    if (!first) {
        // A sign-in after the first: say what another device changed meanwhile.
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (!m_bookmarks.contains(it.key()))
                Q_EMIT removed(it.key());
        }
        for (const RoomBookmark &b : std::as_const(m_bookmarks)) {
            if (before.value(b.room) != b)
                Q_EMIT changed(b);
        }
    }
    Q_EMIT loaded();
}

void Bookmarks::applyChanged(const RoomBookmark &bookmark)
{
    if (m_bookmarks.contains(bookmark.room) && m_bookmarks.value(bookmark.room) == bookmark)
        return;
    m_bookmarks.insert(bookmark.room, bookmark);
    Q_EMIT changed(bookmark);
}

void Bookmarks::applyRemoved(const QString &room)
{
    if (m_bookmarks.remove(room) > 0)
        Q_EMIT removed(room);
}

QString Bookmarks::errorSentence(const QString &what, const QString &description) const
{
    return description.isEmpty() ? what : what + u' ' + tr("It said: “%1”").arg(description);
}

void Bookmarks::save(const RoomBookmark &bookmark)
{
    if (!m_transport->isOnline() || m_storage == Storage::Unknown) {
        Q_EMIT failed(tr("Rooms can be kept on the server only while you are online."));
        return;
    }
    if (roomOf(bookmark.room).isEmpty()) {
        Q_EMIT failed(tr("“%1” is not a room address.").arg(bookmark.room));
        return;
    }
    if (m_storage == Storage::Private) {
        savePrivate(bookmark, {});
        return;
    }
    QDomDocument doc;
    QDomElement item = Xml::element(doc, NsPubSub, QStringLiteral("item"));
    item.setAttribute(QStringLiteral("id"), bookmark.room);
    item.appendChild(BookmarkXml::toConference(doc, bookmark));
    // XEP-0402 §5.2: private, every item kept.
    Pep::publish(m_transport, this, Node, item, Pep::privateStorage())
        .then(this, [this, bookmark](QXmppClient::IqResult &&result) {
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                Q_EMIT failed(errorSentence(tr("The server did not keep %1 in your rooms.").arg(bookmark.room),
                    error->description));
                return;
            }
            applyChanged(bookmark);
        });
}

void Bookmarks::remove(const QString &room)
{
    if (!m_transport->isOnline() || m_storage == Storage::Unknown) {
        Q_EMIT failed(tr("Rooms can be kept on the server only while you are online."));
        return;
    }
    if (m_storage == Storage::Private) {
        savePrivate(std::nullopt, room);
        return;
    }
    QDomDocument doc;
    QDomElement pubsub = Xml::element(doc, NsPubSub, QStringLiteral("pubsub"));
    QDomElement retract = Xml::child(pubsub, QStringLiteral("retract"));
    retract.setAttribute(QStringLiteral("node"), Node);
    retract.setAttribute(QStringLiteral("notify"), QStringLiteral("true"));
    Xml::child(retract, QStringLiteral("item")).setAttribute(QStringLiteral("id"), room);
    m_transport->client()
        ->sendIq(RawIq(QXmppIq::Set, m_transport->accountJid(), pubsub))
        .then(this, [this, room](QXmppClient::IqResult &&result) {
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                Q_EMIT failed(errorSentence(tr("The server did not remove %1 from your rooms.").arg(room),
                    error->description));
                return;
            }
            applyRemoved(room);
        });
}

void Bookmarks::savePrivate(const std::optional<RoomBookmark> &change, const QString &removedRoom)
{
    // Private storage is one document: read it fresh, change only our
    // conference, keep everything else in it (URLs, other clients' data).
    QDomDocument doc;
    QDomElement query = Xml::element(doc, NsPrivate, QStringLiteral("query"));
    Xml::child(query, QString(BookmarkXml::NsStorage), QStringLiteral("storage"), {});
    m_transport->client()
        ->sendIq(RawIq(QXmppIq::Get, QString(), query))
        .then(this, [this, change, removedRoom](QXmppClient::IqResult &&result) {
            const QString room = change ? change->room : removedRoom;
            const QString refused = change ? tr("The server did not keep %1 in your rooms.").arg(room)
                                           : tr("The server did not remove %1 from your rooms.").arg(room);
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                Q_EMIT failed(errorSentence(refused, error->description));
                return;
            }
            QDomDocument out;
            QDomElement storage = out.importNode(std::get<QDomElement>(result)
                                                     .firstChildElement(QStringLiteral("query"))
                                                     .firstChildElement(QStringLiteral("storage")),
                                         true)
                                      .toElement();
            if (storage.isNull())
                storage = Xml::element(out, QString(BookmarkXml::NsStorage), QStringLiteral("storage"));
            QList<QDomElement> old;
            for (QDomElement c = storage.firstChildElement(QStringLiteral("conference")); !c.isNull();
                c = c.nextSiblingElement(QStringLiteral("conference"))) {
                if (roomOf(c.attribute(QStringLiteral("jid"))) == room)
                    old.append(c);
            }
            for (QDomElement &c : old)
                storage.removeChild(c);
            if (change) {
                const QDomElement fresh = BookmarkXml::toStorage(out, { *change });
                storage.appendChild(fresh.firstChildElement(QStringLiteral("conference")));
            }
            QDomElement set = Xml::element(out, NsPrivate, QStringLiteral("query"));
            set.appendChild(storage);
            m_transport->client()
                ->sendIq(RawIq(QXmppIq::Set, QString(), set))
                .then(this, [this, change, room, refused](QXmppClient::IqResult &&stored) {
                    if (const auto *error = std::get_if<QXmppError>(&stored)) {
                        Q_EMIT failed(errorSentence(refused, error->description));
                        return;
                    }
                    if (change)
                        applyChanged(*change);
                    else
                        applyRemoved(room);
                });
        });
}

} // namespace Jw

#include "bookmarks.moc"
