#include "qxmpproomwire.h"

#include "address.h"
#include "chatstates.h"
#include "rawiq.h"
#include "stanzas.h"
#include "transport.h"

#include <QXmppClient.h>
#include <QXmppClientExtension.h>
#include <QXmppDataForm.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppElement.h>
#include <QXmppMamIq.h>
#include <QXmppMessage.h>
#include <QXmppMucIq.h>
#include <QXmppPingIq.h>
#include <QXmppPresence.h>
#include <QXmppResultSet.h>

#include <QDomDocument>
#include <QUuid>
#include <QXmlStreamWriter>

namespace Jw {
namespace {

const QString NsMuc = QStringLiteral("http://jabber.org/protocol/muc");
const QString NsMucUser = QStringLiteral("http://jabber.org/protocol/muc#user");
const QString NsMam = QStringLiteral("urn:xmpp:mam:2");
const QString NsForward = QStringLiteral("urn:xmpp:forward:0");
const QString NsDelay = QStringLiteral("urn:xmpp:delay");
const QString NsSid = QStringLiteral("urn:xmpp:sid:0");
const QString NsOccupantId = QStringLiteral("urn:xmpp:occupant-id:0");
const QString NsStanzas = QStringLiteral("urn:ietf:params:xml:ns:xmpp-stanzas");
const QString NsChatStates = QStringLiteral("http://jabber.org/protocol/chatstates");
const QString NsMarkers = QStringLiteral("urn:xmpp:chat-markers:0");
const QString NsHints = QStringLiteral("urn:xmpp:hints");
const QString NsMucAdmin = QStringLiteral("http://jabber.org/protocol/muc#admin");
const QString NsMucOwner = QStringLiteral("http://jabber.org/protocol/muc#owner");
const QString NsClient = QStringLiteral("jabber:client");
const QString NsData = QStringLiteral("jabber:x:data");
const QString NsDiscoInfo = QStringLiteral("http://jabber.org/protocol/disco#info");

constexpr int PageSize = 100; ///< archive results per page (committed as one batch)
constexpr int NewestPageSize = 50; ///< the first catch-up of a room: its newest messages

QDomElement child(const QDomElement &parent, const QString &name, const QString &ns)
{
    for (QDomElement e = parent.firstChildElement(name); !e.isNull(); e = e.nextSiblingElement(name)) {
        if (e.namespaceURI() == ns)
            return e;
    }
    return {};
}

QString errorCondition(const QDomElement &stanza)
{
    const QDomElement error = stanza.firstChildElement(QStringLiteral("error"));
    for (QDomElement e = error.firstChildElement(); !e.isNull(); e = e.nextSiblingElement()) {
        if (e.namespaceURI() == NsStanzas && e.tagName() != u"text")
            return e.tagName();
    }
    return {};
}

QString errorText(const QDomElement &stanza)
{
    return stanza.firstChildElement(QStringLiteral("error")).firstChildElement(QStringLiteral("text")).text();
}

PresenceStatus presenceOf(const QDomElement &stanza)
{
    const QString show = stanza.firstChildElement(QStringLiteral("show")).text();
    if (show == u"away" || show == u"xa")
        return PresenceStatus::Away;
    if (show == u"dnd")
        return PresenceStatus::DoNotDisturb;
    return PresenceStatus::Available;
}

/// What a disco#info error to a room's address says. A room that does not
/// exist yet is made by the join; a refusal is the join's to tell; any other
/// error (remote-server-not-found, a server without federation saying
/// service-unavailable, a timeout) means there is no group chat service there.
std::optional<JoinError> discoError(QXmppStanza::Error::Condition condition)
{
    switch (condition) {
    case QXmppStanza::Error::ItemNotFound:
        return JoinError::RoomNotFound;
    case QXmppStanza::Error::Forbidden:
    case QXmppStanza::Error::NotAuthorized:
    case QXmppStanza::Error::RegistrationRequired:
        return std::nullopt;
    default:
        return JoinError::ServiceNotFound;
    }
}

/// A XEP-0082 stamp. `precise`: it has fractional seconds. ejabberd 24.12
/// stamps room archive results to the microsecond, Prosody 13 to the second;
/// Message::sortKey() orders a stamp to the second by arrival within it, which
/// for a precise stamp ending in .000 would move it behind its successors.
QDateTime readStamp(const QDomElement &delay, bool &precise)
{
    const QString text = delay.attribute(QStringLiteral("stamp"));
    precise = text.contains(u'.');
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

/// The XMPP name of a stanza error condition (RFC 6120 §8.3.3), for the
/// conditions a room's refusal can carry; the rest are "undefined-condition".
QString conditionName(QXmppStanza::Error::Condition condition)
{
    using E = QXmppStanza::Error;
    switch (condition) {
    case E::BadRequest:
        return QStringLiteral("bad-request");
    case E::Conflict:
        return QStringLiteral("conflict");
    case E::FeatureNotImplemented:
        return QStringLiteral("feature-not-implemented");
    case E::Forbidden:
        return QStringLiteral("forbidden");
    case E::ItemNotFound:
        return QStringLiteral("item-not-found");
    case E::JidMalformed:
        return QStringLiteral("jid-malformed");
    case E::NotAcceptable:
        return QStringLiteral("not-acceptable");
    case E::NotAllowed:
        return QStringLiteral("not-allowed");
    case E::NotAuthorized:
        return QStringLiteral("not-authorized");
    case E::RemoteServerNotFound:
        return QStringLiteral("remote-server-not-found");
    case E::RemoteServerTimeout:
        return QStringLiteral("remote-server-timeout");
    case E::ServiceUnavailable:
        return QStringLiteral("service-unavailable");
    default:
        return QStringLiteral("undefined-condition");
    }
}

/// A hand-built stanza (a message QXmppMessage cannot write: an empty
/// `<subject/>` clears a room's subject). A QXmppStanza, so that stream
/// management counts it.
class RawStanza final : public QXmppStanza
{
public:
    explicit RawStanza(const QDomElement &element) { m_element = m_document.importNode(element, true).toElement(); }
    void parse(const QDomElement &) override { }
    void toXml(QXmlStreamWriter *writer) const override { writeElement(writer, m_element, NsClient); }

private:
    QDomDocument m_document;
    QDomElement m_element;
};

} // namespace

namespace RoomStanzas {

QDomElement adminQuery(QDomDocument &doc, const RoomAdminItem &item)
{
    QDomElement query = Xml::element(doc, NsMucAdmin, QStringLiteral("query"));
    QDomElement e = Xml::child(query, QStringLiteral("item"));
    if (!item.nick.isEmpty())
        e.setAttribute(QStringLiteral("nick"), item.nick);
    if (!item.jid.isEmpty())
        e.setAttribute(QStringLiteral("jid"), item.jid);
    if (!item.role.isEmpty())
        e.setAttribute(QStringLiteral("role"), item.role);
    if (!item.affiliation.isEmpty())
        e.setAttribute(QStringLiteral("affiliation"), item.affiliation);
    if (!item.reason.isEmpty())
        Xml::child(e, QStringLiteral("reason"), item.reason);
    return query;
}

QDomElement destroyQuery(QDomDocument &doc, const QString &reason)
{
    QDomElement query = Xml::element(doc, NsMucOwner, QStringLiteral("query"));
    QDomElement destroy = Xml::child(query, QStringLiteral("destroy"));
    if (!reason.isEmpty())
        Xml::child(destroy, QStringLiteral("reason"), reason);
    return query;
}

QDomElement subjectMessage(QDomDocument &doc, const QString &room, const QString &id, const QString &subject)
{
    QDomElement message = Xml::element(doc, NsClient, QStringLiteral("message"));
    message.setAttribute(QStringLiteral("to"), room);
    message.setAttribute(QStringLiteral("type"), QStringLiteral("groupchat"));
    message.setAttribute(QStringLiteral("id"), id);
    // Empty: the subject is cleared (XEP-0045 §8.1).
    Xml::child(message, QStringLiteral("subject"), subject);
    return message;
}

std::optional<bool> occupantsMayChangeSubject(const QDomElement &discoResult)
{
    const QDomElement query = child(discoResult, QStringLiteral("query"), NsDiscoInfo);
    for (QDomElement x = query.firstChildElement(QStringLiteral("x")); !x.isNull();
         x = x.nextSiblingElement(QStringLiteral("x"))) {
        if (x.namespaceURI() != NsData)
            continue;
        for (QDomElement f = x.firstChildElement(QStringLiteral("field")); !f.isNull();
             f = f.nextSiblingElement(QStringLiteral("field"))) {
            const QString var = f.attribute(QStringLiteral("var"));
            // XEP-0045's registered name, and Prosody's (the config field's).
            if (var != u"muc#roominfo_subjectmod" && var != u"muc#roomconfig_changesubject")
                continue;
            const QString value = f.firstChildElement(QStringLiteral("value")).text().trimmed();
            return value == u"1" || value == u"true";
        }
    }
    return std::nullopt;
}

JoinError joinErrorOf(const QString &condition)
{
    if (condition == u"item-not-found")
        return JoinError::RoomNotFound;
    if (condition == u"conflict")
        return JoinError::NickTaken;
    if (condition == u"registration-required")
        return JoinError::MembersOnly;
    if (condition == u"forbidden")
        return JoinError::Banned;
    if (condition == u"not-authorized")
        return JoinError::WrongPassword;
    if (condition == u"remote-server-not-found" || condition == u"remote-server-timeout")
        return JoinError::ServiceNotFound;
    if (condition == u"service-unavailable")
        return JoinError::RoomFull;
    return JoinError::Other;
}

std::optional<RoomPresence> presence(const QDomElement &stanza)
{
    const QString from = stanza.attribute(QStringLiteral("from"));
    const QString type = stanza.attribute(QStringLiteral("type"));
    const qsizetype slash = from.indexOf(u'/');
    if (slash <= 0 || type == u"error")
        return std::nullopt;
    RoomPresence p;
    p.room = bareOf(from);
    p.occupant.nick = from.mid(slash + 1);
    p.available = type != u"unavailable";
    p.occupant.presence = p.available ? presenceOf(stanza) : PresenceStatus::Offline;
    p.occupant.statusText = stanza.firstChildElement(QStringLiteral("status")).text();
    const QDomElement x = child(stanza, QStringLiteral("x"), NsMucUser);
    const QDomElement item = x.firstChildElement(QStringLiteral("item"));
    p.occupant.role = item.attribute(QStringLiteral("role"));
    p.occupant.affiliation = item.attribute(QStringLiteral("affiliation"));
    p.occupant.realJid = item.attribute(QStringLiteral("jid"));
    p.newNick = item.attribute(QStringLiteral("nick"));
    p.reason = item.firstChildElement(QStringLiteral("reason")).text();
    for (QDomElement s = x.firstChildElement(QStringLiteral("status")); !s.isNull();
         s = s.nextSiblingElement(QStringLiteral("status")))
        p.statusCodes.append(s.attribute(QStringLiteral("code")).toInt());
    const QDomElement destroy = x.firstChildElement(QStringLiteral("destroy"));
    if (!destroy.isNull()) {
        p.destroyed = true;
        p.reason = destroy.firstChildElement(QStringLiteral("reason")).text();
    }
    p.occupant.occupantId = child(stanza, QStringLiteral("occupant-id"), NsOccupantId).attribute(QStringLiteral("id"));
    return p;
}

RoomStanza message(const QDomElement &stanza)
{
    RoomStanza m;
    const QString from = stanza.attribute(QStringLiteral("from"));
    m.room = bareOf(from);
    const qsizetype slash = from.indexOf(u'/');
    m.nick = slash > 0 ? from.mid(slash + 1) : QString();
    const QString originId = child(stanza, QStringLiteral("origin-id"), NsSid).attribute(QStringLiteral("id"));
    m.id = originId.isEmpty() ? stanza.attribute(QStringLiteral("id")) : originId;
    m.body = stanza.firstChildElement(QStringLiteral("body")).text();
    m.outOfBandUrl = child(stanza, QStringLiteral("x"), QStringLiteral("jabber:x:oob"))
                         .firstChildElement(QStringLiteral("url"))
                         .text();
    const QDomElement subject = stanza.firstChildElement(QStringLiteral("subject"));
    m.hasSubject = !subject.isNull();
    m.subject = subject.text();
    // XEP-0359: only the room's own stanza-id is the room's; ejabberd can
    // add a second one by the user's server (processone/ejabberd#4544).
    for (QDomElement e = stanza.firstChildElement(QStringLiteral("stanza-id")); !e.isNull();
         e = e.nextSiblingElement(QStringLiteral("stanza-id"))) {
        if (e.namespaceURI() == NsSid && e.attribute(QStringLiteral("by")) == m.room)
            m.stanzaId = e.attribute(QStringLiteral("id"));
    }
    m.occupantId = child(stanza, QStringLiteral("occupant-id"), NsOccupantId).attribute(QStringLiteral("id"));
    const QDomElement delay = child(stanza, QStringLiteral("delay"), NsDelay);
    if (!delay.isNull())
        m.stamp = readStamp(delay, m.preciseStamp);
    bool extras = false;
    for (QDomElement e = stanza.firstChildElement(); !e.isNull(); e = e.nextSiblingElement()) {
        if (e.namespaceURI() == NsChatStates && m.chatState == ChatState::None)
            m.chatState = chatStateFromName(e.tagName());
        else if (e.namespaceURI() == NsMarkers && e.tagName() == u"displayed")
            m.displayedId = e.attribute(QStringLiteral("id"));
        else if (e.namespaceURI() == u"urn:xmpp:message-correct:0" && e.tagName() == u"replace")
            m.replaces = e.attribute(QStringLiteral("id"));
        else if (e.namespaceURI() == Stanzas::NsRetract && e.tagName() == u"retract")
            m.retracts = e.attribute(QStringLiteral("id"));
        else if (e.namespaceURI() == Stanzas::NsReply || e.namespaceURI() == Stanzas::NsReactions)
            extras = true;
    }
    if (extras) {
        // Rare enough to read the whole stanza again, the way 1:1 chats do.
        QXmppMessage parsed;
        parsed.parse(stanza);
        const Stanzas::ReplyAndReactions extra = Stanzas::replyAndReactions(parsed);
        m.replyTo = extra.replyTo;
        if (extra.bodyWithoutQuote)
            m.body = *extra.bodyWithoutQuote;
        if (!extra.reactsTo.isEmpty()) {
            m.reactsTo = extra.reactsTo;
            m.reactions = extra.reactions;
            m.body.clear();
            m.replaces.clear();
            m.replyTo.clear();
            m.outOfBandUrl.clear();
        }
    }
    if (!m.retracts.isEmpty()) {
        m.body.clear(); // only the fallback for clients without XEP-0424
        m.replaces.clear();
        m.replyTo.clear();
        m.reactsTo.clear();
        m.reactions.clear();
    }
    return m;
}

} // namespace RoomStanzas

/// First in line on a client: hands the wire what comes from its rooms.
class RoomStanzaHandler final : public QXmppClientExtension
{
public:
    explicit RoomStanzaHandler(QXmppRoomWire *wire) : m_wire(wire) { }
    bool handleStanza(const QDomElement &stanza) override { return m_wire && m_wire->handle(stanza); }

private:
    QPointer<QXmppRoomWire> m_wire;
};

QXmppRoomWire::QXmppRoomWire(Transport *transport, QObject *parent)
    : RoomWire(parent)
    , m_transport(transport)
{
    attach();
    connect(m_transport, &Transport::clientReplaced, this, &QXmppRoomWire::attach);
    connect(m_transport, &Transport::onlineChanged, this, [this](bool online) {
        if (!online)
            m_queries.clear();
        Q_EMIT onlineChanged(online);
    });
}

QXmppRoomWire::~QXmppRoomWire() = default;

void QXmppRoomWire::attach()
{
    // Before ArchiveSync (made earlier, so inserted before us and pushed
    // behind): a room's archive result must reach us, not be dropped there
    // as a result from someone other than our own archive.
    m_handler = new RoomStanzaHandler(this);
    m_transport->addFirstInLine(m_handler);
}

bool QXmppRoomWire::isOnline() const
{
    return m_transport->isOnline();
}

QString QXmppRoomWire::accountJid() const
{
    return m_transport->accountJid();
}

bool QXmppRoomWire::handle(const QDomElement &stanza)
{
    const QString tag = stanza.tagName();
    const QString room = bareOf(stanza.attribute(QStringLiteral("from")));
    if (!m_rooms.contains(room))
        return false;
    const QString type = stanza.attribute(QStringLiteral("type"));
    if (tag == u"presence") {
        if (type == u"error") {
            const QString from = stanza.attribute(QStringLiteral("from"));
            Q_EMIT joinFailed(room, from.section(u'/', 1), RoomStanzas::joinErrorOf(errorCondition(stanza)),
                errorText(stanza));
            return true;
        }
        if (const auto p = RoomStanzas::presence(stanza)) {
            // Out of the room (not a nickname change): its stanzas are no longer ours.
            if (!p->available && (p->destroyed || (p->isSelf() && !p->statusCodes.contains(303))))
                m_rooms.remove(room);
            Q_EMIT presenceReceived(*p);
            return true;
        }
        return false;
    }
    if (tag != u"message")
        return false;
    // An archive result: only from the room itself, for a query we run.
    const QDomElement result = child(stanza, QStringLiteral("result"), NsMam);
    if (!result.isNull()) {
        const QString queryId = result.attribute(QStringLiteral("queryid"));
        if (stanza.attribute(QStringLiteral("from")) != room || m_queries.value(queryId) != room) {
            qWarning("rooms: dropped an archive result from %s for query \"%s\"",
                qPrintable(stanza.attribute(QStringLiteral("from"))), qPrintable(queryId));
            return true;
        }
        const QDomElement forwarded = child(result, QStringLiteral("forwarded"), NsForward);
        const QDomElement inner = forwarded.firstChildElement(QStringLiteral("message"));
        if (inner.isNull() || bareOf(inner.attribute(QStringLiteral("from"))) != room)
            return true;
        RoomStanza m = RoomStanzas::message(inner);
        m.stanzaId = result.attribute(QStringLiteral("id"));
        const QDomElement delay = child(forwarded, QStringLiteral("delay"), NsDelay);
        if (!delay.isNull())
            m.stamp = readStamp(delay, m.preciseStamp);
        Q_EMIT archiveMessage(m);
        return true;
    }
    if (type == u"error") {
        const auto subjectRequest = m_subjectRequests.constFind(room);
        if (subjectRequest != m_subjectRequests.cend() && stanza.attribute(QStringLiteral("id")) == *subjectRequest) {
            const QString id = *subjectRequest;
            m_subjectRequests.remove(room);
            Q_EMIT requestAnswered(room, id, errorCondition(stanza), errorText(stanza));
            return true;
        }
        const QDomElement originId = child(stanza, QStringLiteral("origin-id"), NsSid);
        const QString id = originId.isNull() ? stanza.attribute(QStringLiteral("id"))
                                              : originId.attribute(QStringLiteral("id"));
        QString text = errorText(stanza);
        if (text.isEmpty())
            text = errorCondition(stanza);
        Q_EMIT messageFailed(room, id, text);
        return true;
    }
    if (type != u"groupchat")
        return false; // a private message through the room, or an invitation: not ours here
    const RoomStanza m = RoomStanzas::message(stanza);
    Q_EMIT messageReceived(m);
    // The room's new subject after ours: done. (Some services reflect it
    // with another id; one subject change is awaited per room.)
    if (m.hasSubject && m.body.isEmpty() && m_subjectRequests.contains(room))
        Q_EMIT requestAnswered(room, m_subjectRequests.take(room), {}, {});
    return true;
}

void QXmppRoomWire::askFeatures(const QString &room)
{
    QXmppDiscoveryIq iq;
    iq.setType(QXmppIq::Get);
    iq.setQueryType(QXmppDiscoveryIq::InfoQuery);
    iq.setTo(room);
    m_transport->client()->sendIq(std::move(iq)).then(this, [this, room](QXmppClient::IqResult &&result) {
        if (const auto *error = std::get_if<QXmppError>(&result)) {
            const auto stanzaError = error->value<QXmppStanza::Error>();
            Q_EMIT features(room, {}, stanzaError ? discoError(stanzaError->condition()) : JoinError::ServiceNotFound);
            return;
        }
        const QDomElement answer = std::get<QDomElement>(result);
        QXmppDiscoveryIq info;
        info.parse(answer);
        Q_EMIT subjectRule(room, RoomStanzas::occupantsMayChangeSubject(answer).value_or(false));
        Q_EMIT features(room, info.features(), std::nullopt);
    });
}

void QXmppRoomWire::sendPresence(const QString &to, const QDomElement &x, bool unavailable)
{
    QXmppPresence presence(unavailable ? QXmppPresence::Unavailable : QXmppPresence::Available);
    presence.setTo(to);
    if (!x.isNull())
        presence.setExtensions({ QXmppElement(x) });
    m_transport->client()->sendPacket(presence);
}

void QXmppRoomWire::join(const QString &room, const QString &nick, const QString &password, bool withoutHistory)
{
    m_rooms.insert(room);
    QDomDocument doc;
    QDomElement x = doc.createElementNS(NsMuc, QStringLiteral("x"));
    if (withoutHistory) {
        QDomElement history = doc.createElementNS(NsMuc, QStringLiteral("history"));
        history.setAttribute(QStringLiteral("maxchars"), QStringLiteral("0"));
        x.appendChild(history);
    }
    if (!password.isEmpty()) {
        QDomElement pw = doc.createElementNS(NsMuc, QStringLiteral("password"));
        pw.appendChild(doc.createTextNode(password));
        x.appendChild(pw);
    }
    sendPresence(room + u'/' + nick, x, false);
}

void QXmppRoomWire::leave(const QString &room, const QString &nick)
{
    sendPresence(room + u'/' + nick, {}, true);
    // Its stanzas stay ours until the room says we are out; what comes
    // after that (nothing, normally) goes to the 1:1 features.
}

void QXmppRoomWire::changeNick(const QString &room, const QString &nick)
{
    sendPresence(room + u'/' + nick, {}, false);
}

void QXmppRoomWire::acceptDefaultConfiguration(const QString &room)
{
    QXmppMucOwnerIq iq;
    iq.setType(QXmppIq::Set);
    iq.setTo(room);
    iq.setForm(QXmppDataForm(QXmppDataForm::Submit));
    m_transport->client()->sendIq(std::move(iq)).then(this, [room](QXmppClient::IqResult &&result) {
        if (std::holds_alternative<QXmppError>(result))
            qWarning("rooms: %s did not take its default configuration", qPrintable(room));
    });
}

bool QXmppRoomWire::sendEdit(const QString &room, const QString &id, const QString &body, const QString &replaces,
    const QString &retracts)
{
    if (!isOnline())
        return false;
    QXmppMessage message = retracts.isEmpty()
        ? QXmppMessage(QString(), room, body)
        : Stanzas::retraction(room, retracts,
              tr("This person attempted to retract a previous message, but your client does not support it."));
    if (retracts.isEmpty())
        message.setReplaceId(replaces);
    sendTracked(std::move(message), room, id);
    return true;
}

bool QXmppRoomWire::sendReactions(const QString &room, const QString &id, const QString &targetId,
    const QStringList &emojis)
{
    if (!isOnline() || targetId.isEmpty())
        return false;
    QXmppMessage message = Stanzas::reactions(room, targetId, emojis);
    sendTracked(std::move(message), room, id);
    return true;
}

bool QXmppRoomWire::send(const QString &room, const QString &body, const QString &id, const QString &outOfBandUrl,
    const RoomReply &reply)
{
    if (!isOnline())
        return false;
    QXmppMessage message(QString(), room, body);
    if (!reply.id.isEmpty()) {
        if (reply.quotedName.isEmpty())
            message.setReply(QXmpp::Reply { reply.jid, reply.id });
        else
            message = Stanzas::reply(room, body, reply.id, reply.jid, reply.quotedName, reply.quotedText);
    }
    if (!outOfBandUrl.isEmpty())
        message.setOutOfBandUrl(outOfBandUrl); // XEP-0066
    sendTracked(std::move(message), room, id);
    return true;
}

void QXmppRoomWire::sendTracked(QXmppMessage &&message, const QString &room, const QString &id)
{
    message.setType(QXmppMessage::GroupChat);
    message.setId(id);
    message.setOriginId(id);
    m_transport->send(std::move(message)).then(this, [this, room, id](QXmpp::SendResult &&result) {
        Q_EMIT sendSettled(room, id, std::holds_alternative<QXmpp::SendSuccess>(result));
    });
}

bool QXmppRoomWire::sendChatState(const QString &room, ChatState state)
{
    if (!isOnline() || state == ChatState::None)
        return false;
    QXmppMessage message(QString(), room);
    message.setType(QXmppMessage::GroupChat);
    message.setState(QXmppMessage::State(Stanzas::fromChatState(state)));
    // Worthless later: not for the room's archive (XEP-0334; Prosody's
    // muc_mam honours <no-store/>).
    message.addHint(QXmppMessage::NoStore);
    message.addHint(QXmppMessage::NoPermanentStore);
    m_transport->send(std::move(message));
    return true;
}

bool QXmppRoomWire::sendDisplayed(const QString &room, const QString &id)
{
    if (!isOnline() || id.isEmpty())
        return false;
    QXmppMessage message(QString(), room);
    message.setType(QXmppMessage::GroupChat);
    message.setMarker(QXmppMessage::Displayed);
    message.setMarkerId(id);
    message.addHint(QXmppMessage::Store); // others read it from the archive after a restart
    m_transport->send(std::move(message));
    return true;
}

bool QXmppRoomWire::setSubject(const QString &room, const QString &id, const QString &subject)
{
    if (!isOnline())
        return false;
    QDomDocument doc;
    m_subjectRequests.insert(room, id);
    m_transport->client()->sendPacket(RawStanza(RoomStanzas::subjectMessage(doc, room, id, subject)));
    return true;
}

bool QXmppRoomWire::administer(const QString &room, const QString &id, const RoomAdminItem &item)
{
    if (!isOnline())
        return false;
    QDomDocument doc;
    sendRequest(room, id, RoomStanzas::adminQuery(doc, item));
    return true;
}

bool QXmppRoomWire::destroyRoom(const QString &room, const QString &id, const QString &reason)
{
    if (!isOnline())
        return false;
    QDomDocument doc;
    sendRequest(room, id, RoomStanzas::destroyQuery(doc, reason));
    return true;
}

void QXmppRoomWire::sendRequest(const QString &room, const QString &id, const QDomElement &query)
{
    RawIq iq(QXmppIq::Set, room, query);
    iq.setId(id);
    m_transport->client()->sendIq(std::move(iq)).then(this, [this, room, id](QXmppClient::IqResult &&result) {
        if (const auto *error = std::get_if<QXmppError>(&result)) {
            const auto stanzaError = error->value<QXmppStanza::Error>();
            Q_EMIT requestAnswered(room, id,
                stanzaError ? conditionName(stanzaError->condition()) : QStringLiteral("remote-server-timeout"),
                stanzaError ? stanzaError->text() : QString());
            return;
        }
        Q_EMIT requestAnswered(room, id, {}, {});
    });
}

void QXmppRoomWire::fetchArchive(const QString &room, const QString &afterId)
{
    requestPage(room, afterId, afterId.isEmpty(), ++m_archiveReads[room]);
}

void QXmppRoomWire::requestPage(const QString &room, const QString &afterId, bool newest, quint64 read)
{
    const QString queryId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QXmppMamQueryIq iq;
    iq.setType(QXmppIq::Set);
    iq.setTo(room);
    iq.setQueryId(queryId);
    QXmppDataForm form(QXmppDataForm::Submit);
    form.setFields({ QXmppDataForm::Field(QXmppDataForm::Field::HiddenField, QStringLiteral("FORM_TYPE"), NsMam) });
    iq.setForm(form);
    QXmppResultSetQuery rsm;
    rsm.setMax(newest ? NewestPageSize : PageSize);
    if (newest)
        rsm.setBefore(QStringLiteral("")); // empty <before/>: the last page
    else
        rsm.setAfter(afterId);
    iq.setResultSetQuery(rsm);
    m_queries.insert(queryId, room);
    m_transport->client()->sendIq(std::move(iq)).then(this, [this, room, queryId, newest, read](QXmppClient::IqResult &&r) {
        m_queries.remove(queryId);
        // A newer read of this room was asked for (a join redone): this
        // page's messages were stored like any (the history keeps each
        // once), but the old read says nothing more and goes no further.
        if (m_archiveReads.value(room) != read)
            return;
        if (const auto *error = std::get_if<QXmppError>(&r)) {
            const auto stanzaError = error->value<QXmppStanza::Error>();
            const bool retryable = !stanzaError || stanzaError->type() == QXmppStanza::Error::Wait
                || stanzaError->condition() == QXmppStanza::Error::InternalServerError
                || stanzaError->condition() == QXmppStanza::Error::RemoteServerTimeout;
            Q_EMIT archiveFailed(room, error->description, retryable);
            return;
        }
        const QDomElement fin = std::get<QDomElement>(r).firstChildElement(QStringLiteral("fin"));
        const QString last = fin.firstChildElement(QStringLiteral("set")).firstChildElement(QStringLiteral("last")).text();
        const bool complete = newest || fin.attribute(QStringLiteral("complete")) == u"true" || last.isEmpty();
        Q_EMIT archivePageDone(room, last, complete);
        if (!complete)
            requestPage(room, last, false, read);
    });
}

void QXmppRoomWire::selfPing(const QString &room, const QString &nick)
{
    QXmppPingIq iq;
    iq.setTo(room + u'/' + nick);
    m_transport->client()->sendIq(std::move(iq)).then(this, [this, room](QXmppClient::IqResult &&result) {
        // XEP-0410: a result, or an error the occupant's own client gave
        // (service-unavailable, feature-not-implemented): still joined.
        bool joined = true;
        if (const auto *error = std::get_if<QXmppError>(&result)) {
            const auto stanzaError = error->value<QXmppStanza::Error>();
            joined = stanzaError
                && (stanzaError->condition() == QXmppStanza::Error::ServiceUnavailable
                    || stanzaError->condition() == QXmppStanza::Error::FeatureNotImplemented);
        }
        Q_EMIT pinged(room, joined);
    });
}

} // namespace Jw
