#include "roommoderation.h"

#include "rooms.h"

#include <QTimer>
#include <QUuid>

namespace Jw {
namespace {

/// The affiliations in XEP-0045's order (§5.2), outcast lowest.
int rank(const QString &affiliation)
{
    if (affiliation == u"owner")
        return 4;
    if (affiliation == u"admin")
        return 3;
    if (affiliation == u"member")
        return 2;
    if (affiliation == u"outcast")
        return 0;
    return 1; // none
}

bool isAdmin(const Occupant &o)
{
    return rank(o.affiliation) >= rank(QStringLiteral("admin"));
}

} // namespace

namespace RoomRules {

bool allows(Action action, const Occupant &self, const Occupant &target)
{
    if (self.nick == target.nick || self.role.isEmpty() || self.role == u"none")
        return false;
    switch (action) {
    case Action::Kick:
        // §8.2: a moderator kicks participants and visitors, never an admin
        // or owner; another moderator only from a higher affiliation.
        return self.role == u"moderator" && target.role != u"none" && !isAdmin(target)
            && (target.role != u"moderator" || rank(self.affiliation) > rank(target.affiliation));
    case Action::Ban:
        // §9.1: an admin bans members and those without affiliation; an
        // owner admins too (the admin list is the owners', §10.8).
        return isAdmin(self) && target.affiliation != u"outcast" && target.affiliation != u"owner"
            && rank(target.affiliation) < rank(self.affiliation);
    case Action::GrantMembership:
        return isAdmin(self) && (target.affiliation.isEmpty() || target.affiliation == u"none");
    case Action::RevokeMembership:
        return isAdmin(self) && target.affiliation == u"member";
    case Action::ChangeSubject:
    case Action::Destroy:
        return false; // not done to an occupant
    }
    return false;
}

bool allowsSubject(const Occupant &self, bool occupantsMayChange)
{
    return self.role == u"moderator" || (self.role == u"participant" && occupantsMayChange);
}

bool allowsDestroy(const Occupant &self)
{
    return self.affiliation == u"owner" && self.role != u"none";
}

bool allowsGrantByAddress(const Occupant &self)
{
    return isAdmin(self) && self.role != u"none";
}

} // namespace RoomRules

RoomModeration::RoomModeration(Rooms *rooms, QObject *parent)
    : QObject(parent)
    , m_rooms(rooms)
    , m_wire(rooms->wire())
{
    qRegisterMetaType<Jw::RoomRules::Action>();
    connect(m_wire, &RoomWire::requestAnswered, this, &RoomModeration::onAnswer);
    connect(m_wire, &RoomWire::subjectRule, this, [this](const QString &room, bool occupantsMayChange) {
        const bool had = m_occupantsMayChangeSubject.contains(room);
        if (occupantsMayChange)
            m_occupantsMayChangeSubject.insert(room);
        else
            m_occupantsMayChangeSubject.remove(room);
        if (had != occupantsMayChange)
            Q_EMIT permissionsChanged(room);
    });
    const auto told = [this](const QString &room, const Occupant &o) {
        if (o.nick == m_rooms->nick(room))
            Q_EMIT permissionsChanged(room);
    };
    connect(m_rooms, &Rooms::occupantJoined, this, told);
    connect(m_rooms, &Rooms::occupantChanged, this, told);
    connect(m_rooms, &Rooms::occupantsCleared, this, &RoomModeration::permissionsChanged);
    connect(m_rooms, &Rooms::nickChanged, this, &RoomModeration::permissionsChanged);
}

RoomModeration::~RoomModeration() = default;

std::optional<Occupant> RoomModeration::occupant(const QString &room, const QString &nick) const
{
    if (m_rooms->state(room) != Rooms::State::Joined)
        return std::nullopt;
    const QList<Occupant> all = m_rooms->occupants(room);
    for (const Occupant &o : all) {
        if (o.nick == nick)
            return o;
    }
    return std::nullopt;
}

std::optional<Occupant> RoomModeration::self(const QString &room) const
{
    return occupant(room, m_rooms->nick(room));
}

bool RoomModeration::may(const QString &room, Action action, const QString &nick) const
{
    const auto me = self(room);
    const auto them = occupant(room, nick);
    return me && them && RoomRules::allows(action, *me, *them);
}

bool RoomModeration::mayChangeSubject(const QString &room) const
{
    const auto me = self(room);
    return me && RoomRules::allowsSubject(*me, m_occupantsMayChangeSubject.contains(room));
}

bool RoomModeration::mayDestroy(const QString &room) const
{
    const auto me = self(room);
    return me && RoomRules::allowsDestroy(*me);
}

bool RoomModeration::mayGrantByAddress(const QString &room) const
{
    const auto me = self(room);
    return me && RoomRules::allowsGrantByAddress(*me);
}

void RoomModeration::kick(const QString &room, const QString &nick, const QString &reason)
{
    request(room, Action::Kick, nick, { nick, {}, QStringLiteral("none"), {}, reason });
}

void RoomModeration::ban(const QString &room, const QString &nick, const QString &reason)
{
    // An affiliation belongs to an address (§9.1); where the room does not
    // show it to us, the nickname (Prosody and ejabberd take it).
    const auto them = occupant(room, nick);
    const QString jid = them ? them->realJid.section(u'/', 0, 0) : QString();
    request(room, Action::Ban, nick, { jid.isEmpty() ? nick : QString(), jid, {}, QStringLiteral("outcast"), reason });
}

void RoomModeration::grantMembership(const QString &room, const QString &nick)
{
    const auto them = occupant(room, nick);
    const QString jid = them ? them->realJid.section(u'/', 0, 0) : QString();
    request(room, Action::GrantMembership, nick,
        { jid.isEmpty() ? nick : QString(), jid, {}, QStringLiteral("member"), {} });
}

void RoomModeration::grantMembershipTo(const QString &room, const QString &jid)
{
    request(room, Action::GrantMembership, jid, { {}, jid, {}, QStringLiteral("member"), {} });
}

void RoomModeration::revokeMembership(const QString &room, const QString &nick)
{
    const auto them = occupant(room, nick);
    const QString jid = them ? them->realJid.section(u'/', 0, 0) : QString();
    request(room, Action::RevokeMembership, nick,
        { jid.isEmpty() ? nick : QString(), jid, {}, QStringLiteral("none"), {} });
}

void RoomModeration::changeSubject(const QString &room, const QString &subject)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const bool in = m_rooms->state(room) == Rooms::State::Joined;
    track(id, room, Action::ChangeSubject, {}, in && m_wire->setSubject(room, id, subject));
}

void RoomModeration::destroy(const QString &room, const QString &reason)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const bool in = m_rooms->state(room) == Rooms::State::Joined;
    track(id, room, Action::Destroy, {}, in && m_wire->destroyRoom(room, id, reason));
}

void RoomModeration::request(const QString &room, Action action, const QString &target, const RoomAdminItem &item)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const bool in = m_rooms->state(room) == Rooms::State::Joined;
    track(id, room, action, target, in && m_wire->administer(room, id, item));
}

bool RoomModeration::track(const QString &id, const QString &room, Action action, const QString &target, bool sent)
{
    if (!sent) {
        // Told after the caller returns, as an answer would be.
        const QString condition = m_wire->isOnline() ? QStringLiteral("jw-not-joined") : QStringLiteral("jw-offline");
        QTimer::singleShot(0, this, [this, room, action, target, condition] {
            Q_EMIT failed(room, action, target, sentence(action, room, target, condition));
        });
        return false;
    }
    m_pending.insert(id, { room, action, target });
    QTimer::singleShot(m_answerMs, this, [this, room, id] {
        if (m_pending.contains(id))
            onAnswer(room, id, QStringLiteral("remote-server-timeout"), {});
    });
    return true;
}

void RoomModeration::onAnswer(const QString &room, const QString &id, const QString &condition, const QString &text)
{
    const auto it = m_pending.constFind(id);
    if (it == m_pending.cend() || it->room != room)
        return;
    const Pending p = *it;
    m_pending.erase(it);
    if (condition.isEmpty())
        Q_EMIT done(room, p.action, p.target);
    else
        Q_EMIT failed(room, p.action, p.target, sentence(p.action, room, p.target, condition, text));
}

QString RoomModeration::sentence(
    Action action, const QString &room, const QString &target, const QString &condition, const QString &text)
{
    QString head;
    switch (action) {
    case Action::Kick:
        head = tr("%1 could not be removed from %2.").arg(target, room);
        break;
    case Action::Ban:
        head = tr("%1 could not be banned from %2.").arg(target, room);
        break;
    case Action::GrantMembership:
        head = tr("%1 could not be made a member of %2.").arg(target, room);
        break;
    case Action::RevokeMembership:
        head = tr("%1 could not be removed from the members of %2.").arg(target, room);
        break;
    case Action::ChangeSubject:
        head = tr("The subject of %1 could not be changed.").arg(room);
        break;
    case Action::Destroy:
        head = tr("%1 could not be closed.").arg(room);
        break;
    }
    QString why;
    if (condition == u"forbidden" || condition == u"not-authorized")
        why = tr("Your role in the room does not allow it.");
    else if (condition == u"not-allowed")
        why = tr("The room does not allow it.");
    else if (condition == u"item-not-found")
        why = tr("They are no longer in the room.");
    else if (condition == u"conflict")
        why = tr("A room needs at least one owner.");
    else if (condition == u"bad-request" || condition == u"not-acceptable" || condition == u"jid-malformed")
        why = tr("The room did not understand the request.");
    else if (condition == u"remote-server-timeout" || condition == u"remote-server-not-found"
        || condition == u"service-unavailable")
        why = tr("The room did not answer. Try again later.");
    else if (condition == u"jw-offline")
        why = tr("You are offline. Try again once connected.");
    else if (condition == u"jw-not-joined")
        why = tr("You are not in the room now.");
    else if (condition == u"feature-not-implemented")
        why = tr("The room does not offer this.");
    else
        why = tr("It said: “%1”").arg(text.isEmpty() ? condition : text);
    return head + u' ' + why;
}

} // namespace Jw
