#include "roomcreation.h"

#include "roomconfig.h"
#include "roommembership.h"
#include "rooms.h"
#include "transport.h"

#include <QXmppClient.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppMucIq.h>

#include <QDomElement>
#include <QTimer>

namespace Jw {
namespace {

constexpr int MaxLocalpart = 48; ///< characters: the address stays readable
constexpr int MaxAttempts = 20; ///< addresses tried before giving up
constexpr int AnswerMs = 30 * 1000; ///< the whole creation, at most

const QString NsRoomConfig = QStringLiteral("http://jabber.org/protocol/muc#roomconfig");

/// The stanza error of an IQ answer, if it is one.
std::optional<QXmppStanza::Error> errorOf(const QXmppClient::IqResult &result)
{
    if (const auto *error = std::get_if<QXmppError>(&result)) {
        if (const auto stanzaError = error->value<QXmppStanza::Error>())
            return *stanzaError;
        return QXmppStanza::Error(QXmppStanza::Error::Cancel, QXmppStanza::Error::RemoteServerTimeout);
    }
    return std::nullopt;
}

} // namespace

namespace RoomNaming {

QString localpart(const QString &name)
{
    const QString folded = name.normalized(QString::NormalizationForm_KC).toLower();
    QString out;
    bool gap = false;
    for (const QChar c : folded) {
        if (c.isLetterOrNumber() && !c.isSurrogate()) {
            if (gap && !out.isEmpty())
                out += u'-';
            gap = false;
            out += c;
        } else if (c.isSpace() || c == u'.' || c == u'_' || c == u'-') {
            gap = true;
        }
        // Anything else (nodeprep's "&'/:<>@, symbols, emoji, controls) is left out.
        if (out.size() >= MaxLocalpart)
            break;
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("group") : out;
}

QString candidate(const QString &localpart, int attempt)
{
    return attempt == 0 ? localpart : localpart + u'-' + QString::number(attempt + 1);
}

} // namespace RoomNaming

namespace RoomConfig {

QXmppDataForm submission(const QXmppDataForm &offered, RoomKind kind, const QString &name)
{
    const bool isPrivate = kind == RoomKind::PrivateGroup;
    QList<QXmppDataForm::Field> fields;
    fields.append(
        QXmppDataForm::Field(QXmppDataForm::Field::HiddenField, QStringLiteral("FORM_TYPE"), NsRoomConfig));
    for (const QXmppDataForm::Field &field : offered.fields()) {
        const QString key = field.key();
        QVariant value;
        if (key == u"muc#roomconfig_roomname")
            value = name;
        else if (key == u"muc#roomconfig_membersonly")
            value = isPrivate;
        else if (key == u"muc#roomconfig_whois")
            value = isPrivate ? QStringLiteral("anyone") : QStringLiteral("moderators");
        else if (key == u"muc#roomconfig_persistentroom")
            value = true;
        else if (key == u"muc#roomconfig_publicroom")
            value = !isPrivate;
        else if (key == u"muc#roomconfig_enablearchiving" || key == u"mam")
            value = true;
        else
            continue;
        QXmppDataForm::Field set(field.type(), key, value);
        fields.append(set);
    }
    QXmppDataForm form(QXmppDataForm::Submit);
    form.setFields(fields);
    return form;
}

} // namespace RoomConfig

RoomCreation::RoomCreation(Transport *transport, Rooms *rooms, RoomMembership *membership, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_rooms(rooms)
    , m_membership(membership)
{
    // Another sign-in may be to another server (or the same one, changed): look again.
    connect(m_transport, &Transport::onlineChanged, this, [this](bool online) {
        if (online)
            return;
        m_serviceKnown = false;
        m_service.clear();
        if (!isBusy())
            return;
        if (m_made)
            fail(tr("The room %1 was made, but the server did not take its settings.").arg(m_room));
        else
            fail(tr("The connection was lost before the group was made. Try again once you are online."));
    });
    connect(m_rooms, &Rooms::made, this, [this](const QString &room) {
        if (isBusy() && room == m_room)
            m_made = true;
    });
    connect(m_rooms, &Rooms::joined, this, [this](const QString &room) {
        if (!isBusy() || room != m_room)
            return;
        if (m_made) {
            configure(room);
            return;
        }
        // Someone made it between our look and our join: it is theirs.
        m_membership->leave(room);
        fail(tr("The address %1 was taken just now. Try again.").arg(room));
    });
    connect(m_rooms, &Rooms::joinFailed, this, [this](const QString &room, JoinError error) {
        if (!isBusy() || room != m_room)
            return;
        m_membership->leave(room); // not kept as a bookmark
        fail(sentence(error, room));
    });
}

RoomCreation::~RoomCreation() = default;

QString RoomCreation::domain() const
{
    return m_transport->accountJid().section(u'@', 1).section(u'/', 0, 0);
}

QString RoomCreation::sentence(JoinError error, const QString &room)
{
    const QString service = room.section(u'@', 1);
    switch (error) {
    case JoinError::Banned:
    case JoinError::MembersOnly:
    case JoinError::WrongPassword:
        return tr("You are not allowed to make rooms on %1.").arg(service);
    case JoinError::NickTaken:
        return tr("The address %1 is taken. Try another name.").arg(room);
    case JoinError::ServiceNotFound:
        return tr("The group chat service %1 does not answer. Try again later.").arg(service);
    default:
        return tr("The room %1 could not be made.").arg(room);
    }
}

void RoomCreation::create(const QString &name, RoomKind kind, const QStringList &invitees)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return;
    if (isBusy()) {
        Q_EMIT failed(trimmed, tr("Another group is being made. Wait until it is ready."));
        return;
    }
    if (!m_transport->isOnline()) {
        Q_EMIT failed(trimmed, tr("You are offline. Groups can be made once you are signed in."));
        return;
    }
    ++m_generation;
    m_name = trimmed;
    m_kind = kind;
    m_invitees = invitees;
    m_localpart = RoomNaming::localpart(trimmed);
    m_room.clear();
    m_made = false;
    if (m_serviceKnown)
        tryAddress(0);
    else
        findService();
    // A service that never answers (an IQ without reply, a join without presence) does not keep this busy.
    QTimer::singleShot(AnswerMs, this, [this, generation = m_generation] {
        if (generation == m_generation && isBusy())
            fail(tr("The group chat service %1 does not answer. Try again later.")
                    .arg(m_service.isEmpty() ? domain() : m_service));
    });
}

void RoomCreation::findService()
{
    QXmppDiscoveryIq iq;
    iq.setType(QXmppIq::Get);
    iq.setQueryType(QXmppDiscoveryIq::ItemsQuery);
    iq.setTo(domain());
    const int generation = m_generation;
    QXmppClient *client = m_transport->client();
    client->sendIq(std::move(iq)).then(this, [this, generation](QXmppClient::IqResult &&result) {
        if (generation != m_generation || !isBusy())
            return;
        QStringList items;
        if (!errorOf(result)) {
            QXmppDiscoveryIq answer;
            answer.parse(std::get<QDomElement>(result));
            for (const QXmppDiscoveryIq::Item &item : answer.items()) {
                if (item.node().isEmpty() && !item.jid().isEmpty() && !items.contains(item.jid()))
                    items.append(item.jid());
            }
        }
        askItem(items, 0);
    });
}

void RoomCreation::askItem(const QStringList &items, int index)
{
    if (index >= items.size()) {
        m_serviceKnown = true;
        fail(tr("Your server %1 offers no group chat service, so no group can be made there.").arg(domain()));
        return;
    }
    QXmppDiscoveryIq iq;
    iq.setType(QXmppIq::Get);
    iq.setQueryType(QXmppDiscoveryIq::InfoQuery);
    iq.setTo(items.at(index));
    const int generation = m_generation;
    m_transport->client()->sendIq(std::move(iq)).then(this,
        [this, generation, items, index](QXmppClient::IqResult &&result) {
            if (generation != m_generation || !isBusy())
                return;
            if (!errorOf(result)) {
                QXmppDiscoveryIq answer;
                answer.parse(std::get<QDomElement>(result));
                const auto identities = answer.identities();
                const auto isText = [](const auto &identity) {
                    return identity.category() == u"conference" && identity.type() == u"text";
                };
                const bool isMuc = std::any_of(identities.cbegin(), identities.cend(), isText);
                if (isMuc) {
                    m_service = items.at(index);
                    m_serviceKnown = true;
                    tryAddress(0);
                    return;
                }
            }
            askItem(items, index + 1);
        });
}

void RoomCreation::tryAddress(int attempt)
{
    if (m_service.isEmpty()) {
        fail(tr("Your server %1 offers no group chat service, so no group can be made there.").arg(domain()));
        return;
    }
    if (attempt >= MaxAttempts) {
        fail(tr("There are already rooms named like “%1” on %2. Choose another name.")
                .arg(m_name, m_service));
        return;
    }
    const QString room = RoomNaming::candidate(m_localpart, attempt) + u'@' + m_service;
    if (m_rooms->rooms().contains(room)) {
        tryAddress(attempt + 1);
        return;
    }
    QXmppDiscoveryIq iq;
    iq.setType(QXmppIq::Get);
    iq.setQueryType(QXmppDiscoveryIq::InfoQuery);
    iq.setTo(room);
    const int generation = m_generation;
    m_transport->client()->sendIq(std::move(iq)).then(this,
        [this, generation, room, attempt](QXmppClient::IqResult &&result) {
            if (generation != m_generation || !isBusy())
                return;
            const auto error = errorOf(result);
            if (!error) {
                tryAddress(attempt + 1); // it exists
            } else if (error->condition() == QXmppStanza::Error::ItemNotFound) {
                startJoin(room);
            } else if (error->condition() == QXmppStanza::Error::Forbidden
                || error->condition() == QXmppStanza::Error::NotAuthorized
                || error->condition() == QXmppStanza::Error::RegistrationRequired) {
                tryAddress(attempt + 1); // it exists, closed to us
            } else {
                fail(tr("The group chat service %1 does not answer. Try again later.").arg(m_service));
            }
        });
}

void RoomCreation::startJoin(const QString &room)
{
    m_room = room;
    m_rooms->expectCreation(room);
    m_membership->setName(room, m_name); // the Chats list shows rooms by their bookmark's name
    m_membership->join(room, m_membership->defaultNick());
}

void RoomCreation::configure(const QString &room)
{
    QXmppMucOwnerIq get;
    get.setType(QXmppIq::Get);
    get.setTo(room);
    const int generation = m_generation;
    QXmppClient *client = m_transport->client();
    client->sendIq(std::move(get)).then(this, [this, generation, room](QXmppClient::IqResult &&result) {
        if (generation != m_generation || !isBusy())
            return;
        if (errorOf(result)) {
            fail(tr("The room %1 was made, but its settings could not be read, so they are the server's.")
                    .arg(room));
            return;
        }
        QXmppMucOwnerIq offered;
        offered.parse(std::get<QDomElement>(result));
        QXmppMucOwnerIq set;
        set.setType(QXmppIq::Set);
        set.setTo(room);
        set.setForm(RoomConfig::submission(offered.form(), m_kind, m_name));
        m_transport->client()->sendIq(std::move(set)).then(this,
            [this, generation, room](QXmppClient::IqResult &&answer) {
                if (generation != m_generation || !isBusy())
                    return;
                if (errorOf(answer)) {
                    fail(tr("The room %1 was made, but the server did not take its settings.").arg(room));
                    return;
                }
                finish(room);
            });
    });
}

void RoomCreation::finish(const QString &room)
{
    const QString name = m_name;
    const QStringList invitees = m_invitees;
    m_name.clear();
    m_room.clear();
    // The room is what we just made it (a private group or a channel), not
    // the nothing it was when the join asked.
    m_rooms->refreshFeatures(room);
    Q_EMIT created(room, name, invitees);
}

void RoomCreation::fail(const QString &sentence)
{
    const QString name = m_name;
    m_name.clear();
    m_room.clear();
    ++m_generation;
    Q_EMIT failed(name, sentence);
}

} // namespace Jw
