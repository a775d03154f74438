#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Jw {

class RoomMembership;
class Rooms;
class Transport;
enum class JoinError;

/// What kind of room the person makes (issue 14).
enum class RoomKind {
    /// Members only, non-anonymous (real addresses shown to all), persistent, archived, not listed.
    PrivateGroup,
    /// Open to anyone, semi-anonymous (addresses shown to moderators), persistent, archived, listed.
    PublicChannel,
};

/// The room address made from a name the person gives (issue 14).
namespace RoomNaming {

/// A localpart for `name` that nodeprep (RFC 3920 Appendix A) takes:
/// compatibility-normalised (NFKC) and lower case, letters and digits of
/// any script kept (Hangul too), spaces, dots and underscores made one `-`,
/// everything else (`"&'/:<>@`, symbols, emoji, controls) left out; at most
/// 48 characters; "group" when nothing is left.
QString localpart(const QString &name);
/// The `attempt`th address to try for `localpart`: the localpart itself
/// (attempt 0), then `localpart-2`, `localpart-3`, …
QString candidate(const QString &localpart, int attempt);

} // namespace RoomNaming

/// Making a room (XEP-0045 §10.1) as the person asks for it: a name and a
/// kind, nothing else.
///
/// 1. The account's group chat service is found (disco#items on the
///    account's domain, then disco#info on each item: the first with the
///    identity conference/text), once per sign-in.
/// 2. The address is made from the name (RoomNaming); an address the
///    service already has (disco#info answers) gets a suffix.
/// 3. The room is joined through RoomMembership (so it is kept as an
///    autojoin bookmark); the join makes it (status 201).
/// 4. Its configuration form is fetched (muc#owner) and submitted with the
///    kind's values for the fields the form has (RoomConfig in
///    roomconfig.h); the rest keep the service's values.
///
/// The outcome is created() or failed() with a sentence.
class RoomCreation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomCreation)

public:
    RoomCreation(Transport *transport, Rooms *rooms, RoomMembership *membership, QObject *parent = nullptr);
    ~RoomCreation() override;

    /// Makes a room called `name` of `kind`. `invitees` (bare addresses)
    /// are handed back with created(), for the invitations.
    void create(const QString &name, RoomKind kind, const QStringList &invitees = {});
    /// Whether a creation is running.
    bool isBusy() const { return !m_name.isEmpty(); }
    /// The service found at this sign-in (empty: not looked for yet, or none).
    QString service() const { return m_service; }

    /// The sentence for a refused join while making `room` on `service`.
    static QString sentence(JoinError error, const QString &room);

Q_SIGNALS:
    /// The room is made, configured for its kind, joined and kept as a
    /// bookmark. Invitations go out from here (the invitations feature
    /// connects to this; `invitees` as given to create()).
    void created(const QString &room, const QString &name, const QStringList &invitees);
    /// Nothing was made, or the room was made but not configured: why.
    void failed(const QString &name, const QString &sentence);

private:
    void findService();
    void askItem(const QStringList &items, int index);
    void tryAddress(int attempt);
    void startJoin(const QString &room);
    void configure(const QString &room);
    void finish(const QString &room);
    void fail(const QString &sentence);
    QString domain() const;

    Transport *const m_transport;
    Rooms *const m_rooms;
    RoomMembership *const m_membership;
    QString m_service;
    bool m_serviceKnown = false;
    // The creation running (one at a time).
    QString m_name;
    RoomKind m_kind = RoomKind::PrivateGroup;
    QStringList m_invitees;
    QString m_localpart;
    QString m_room; ///< the address being joined
    bool m_made = false; ///< the join made it (status 201)
    int m_generation = 0; ///< answers for an earlier creation are dropped
};

} // namespace Jw
