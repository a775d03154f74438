#pragma once
// A profile whose rooms run over a fake wire (tests/support/fakeroomwire.h),
// wired as the app wires them (AccountFeatures), for the room widget tests:
// the test plays the room's side.

#include "fakeroomwire.h"
#include "profilefixture.h"
#include "rooms.h"

#include <QTest>

#include <memory>

namespace Jw::Test {

struct RoomProfile
{
    explicit RoomProfile(
        const QString &historyPath, const QString &accountJid = QStringLiteral("me@example.org"))
        : profile(historyPath, accountJid, makeWire())
    {
        if (profile.features)
            QObject::connect(rooms(), &Rooms::messageAdded, rooms(), [this] { ++stored; });
    }

    bool ok()
    {
        return profile.ok() && QTest::qWaitFor([this] { return rooms()->isLoaded(); });
    }
    Rooms *rooms() const { return profile.features->rooms(); }
    AccountFeatures *features() const { return profile.features.get(); }

    /// Joins `room` as `nick`: the room (with an archive or without, offering
    /// `features` besides) lets us in, and its catch-up (if any) is left to the test.
    bool join(const QString &room, const QString &nick, bool archive = false, QStringList features = {})
    {
        wire->setOnline(true);
        const int asked = int(wire->featureRequests.size());
        rooms()->join(room, nick);
        if (!QTest::qWaitFor([&] { return wire->featureRequests.size() > asked; }))
            return false;
        const int joins = int(wire->joins.size());
        if (archive)
            features.append(QStringLiteral("urn:xmpp:mam:2"));
        Q_EMIT wire->features(room, features, std::nullopt);
        if (!QTest::qWaitFor([&] { return wire->joins.size() > joins; }))
            return false;
        wire->selfPresence(room, nick);
        if (!archive)
            wire->subject(room, QString()); // the end of the (empty) replay
        return rooms()->state(room) == Rooms::State::Joined;
    }

    /// A message from `nick` in `room`, live; waits until it is stored.
    bool receive(const QString &room, const QString &nick, const QString &body, const QString &id = {})
    {
        const int before = stored;
        wire->receive(FakeRoomWire::text(room, nick, body, id.isEmpty() ? body : id));
        return QTest::qWaitFor([&] { return stored > before; });
    }

    FakeRoomWire *wire = nullptr;
    ProfileFixture profile;
    int stored = 0; ///< messages Rooms told about

private:
    std::unique_ptr<RoomWire> makeWire()
    {
        auto owned = std::make_unique<FakeRoomWire>();
        wire = owned.get();
        return owned;
    }
};

} // namespace Jw::Test
