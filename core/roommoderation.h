#pragma once

#include "roomwire.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <optional>

namespace Jw {

class Rooms;

/// What one occupant may do to a room or to another occupant, by XEP-0045's
/// role and affiliation tables (§5.1, §5.2), read from our own occupant
/// entry. The room has the last word: it may still refuse.
namespace RoomRules {

enum class Action {
    Kick, ///< role none (§8.2): moderators; not an admin or owner
    Ban, ///< affiliation outcast (§9.1): admins (a member or nobody), owners (up to admins)
    GrantMembership, ///< affiliation member (§9.3): admins and owners, to someone without one
    RevokeMembership, ///< affiliation none (§9.4): admins and owners, from a member
    ChangeSubject, ///< §8.1: moderators, or participants where the room lets them
    Destroy, ///< §10.9: owners
};

/// Whether `self` may do `action` to the occupant `target` (Kick, Ban,
/// GrantMembership, RevokeMembership). Never to oneself.
bool allows(Action action, const Occupant &self, const Occupant &target);
/// Whether `self` may change the subject; `occupantsMayChange`: the room lets participants.
bool allowsSubject(const Occupant &self, bool occupantsMayChange);
/// Whether `self` may destroy the room.
bool allowsDestroy(const Occupant &self);
/// Whether `self` may make someone a member by address (not in the room).
bool allowsGrantByAddress(const Occupant &self);

} // namespace RoomRules

/// Moderating a room the person is in (\xep{0045} §8–§10): changing the
/// subject, kicking, banning, granting and revoking membership, destroying
/// the room. Beside Rooms (which joins, stores and follows the occupants),
/// over the same RoomWire.
///
/// may…() say what the person's role and affiliation allow (RoomRules), so
/// the UI offers only that; the requests themselves go to the room as
/// asked, and the room's answer is done() or failed() with a sentence
/// (forbidden, not-allowed, item-not-found, no answer, offline): never
/// silent. What follows shows through Rooms: the occupant leaves or changes
/// affiliation, the subject changes, a destroyed room puts us out
/// (Rooms::removed).
class RoomModeration final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomModeration)

public:
    using Action = RoomRules::Action;

    explicit RoomModeration(Rooms *rooms, QObject *parent = nullptr);
    ~RoomModeration() override;

    /// Our own occupant entry in `room`, while joined.
    std::optional<Occupant> self(const QString &room) const;
    /// Whether the person may do `action` to the occupant `nick` of `room`.
    bool may(const QString &room, Action action, const QString &nick) const;
    bool mayChangeSubject(const QString &room) const;
    bool mayDestroy(const QString &room) const;
    bool mayGrantByAddress(const QString &room) const;

    /// Removes `nick` from the room for now (role none).
    void kick(const QString &room, const QString &nick, const QString &reason = {});
    /// Bans `nick` (by their address where the room shows it).
    void ban(const QString &room, const QString &nick, const QString &reason = {});
    void grantMembership(const QString &room, const QString &nick);
    /// Makes `jid` (a bare address, not necessarily in the room) a member.
    void grantMembershipTo(const QString &room, const QString &jid);
    void revokeMembership(const QString &room, const QString &nick);
    void changeSubject(const QString &room, const QString &subject);
    /// Destroys the room; the others are told `reason` when given.
    void destroy(const QString &room, const QString &reason = {});

    /// How long the room has to answer before failed() says it did not (ms; tests make it short).
    void setAnswerTimeout(int ms) { m_answerMs = ms; }

    /// The sentence for a refused `action` on `target` (a nickname or an
    /// address; empty for the subject and destruction) in `room`, from the
    /// stanza error `condition` and its `text`.
    static QString sentence(Action action, const QString &room, const QString &target, const QString &condition,
        const QString &text = {});

Q_SIGNALS:
    /// The room did what was asked.
    void done(const QString &room, Jw::RoomRules::Action action, const QString &target);
    /// The room refused, did not answer, or we are offline: why, in a sentence.
    void failed(const QString &room, Jw::RoomRules::Action action, const QString &target, const QString &sentence);
    /// Our role or affiliation, or the room's subject rule, changed: what may…() say may have.
    void permissionsChanged(const QString &room);

private:
    struct Pending
    {
        QString room;
        Action action;
        QString target;
    };

    void request(const QString &room, Action action, const QString &target, const RoomAdminItem &item);
    bool track(const QString &id, const QString &room, Action action, const QString &target, bool sent);
    void onAnswer(const QString &room, const QString &id, const QString &condition, const QString &text);
    std::optional<Occupant> occupant(const QString &room, const QString &nick) const;

    Rooms *const m_rooms;
    RoomWire *const m_wire;
    QHash<QString, Pending> m_pending; ///< request id -> what it asked
    QSet<QString> m_occupantsMayChangeSubject; ///< rooms that let participants change the subject
    int m_answerMs = 30 * 1000;
};

} // namespace Jw

Q_DECLARE_METATYPE(Jw::RoomRules::Action)
