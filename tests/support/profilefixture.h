#pragma once
// "A profile with a store, a fake connection and the feature objects",
// wired as the app wires them (AccountFeatures), for unit and widget tests.

#include "accountfeatures.h"
#include "chatstates.h"
#include "faketransport.h"
#include "historystore.h"
#include "messenger.h"
#include "readpositions.h"
#include "readtracker.h"
#include "requests.h"
#include "roomreadby.h"
#include "roomwire.h"
#include "roster.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace Jw::Test {

struct ProfileFixture
{
    /// Opens (or creates) the history at `historyPath` and waits until every
    /// feature has read what it keeps there. ok() says whether that worked.
    /// `roomWire`: rooms over it (tests/support/fakeroomwire.h) instead of the transport.
    explicit ProfileFixture(const QString &historyPath, const QString &accountJid = QStringLiteral("me@example.org"),
        std::unique_ptr<RoomWire> roomWire = nullptr)
        : store(historyPath)
        , transport(accountJid)
    {
        if (!store.open().result())
            return;
        features = std::make_unique<AccountFeatures>(&store, &transport, std::move(roomWire));
        m_ok = QTest::qWaitFor([this] {
            return features->readPositions()->isLoaded() && features->chatStates()->isLoaded()
                && features->requests()->isLoaded() && features->roomReadBy()->isLoaded();
        });
    }
    ~ProfileFixture()
    {
        features.reset();
        store.flush();
    }
    bool ok() const { return m_ok; }

    Messenger *messenger() const { return features->messenger(); }
    ReadPositions *reads() const { return features->readPositions(); }
    ReadTracker *tracker() const { return features->readPositions()->tracker(); }
    ChatStates *states() const { return features->chatStates(); }
    Requests *requests() const { return features->requests(); }
    Roster *roster() const { return features->roster(); }
    Blocking *blocking() const { return features->blocking(); }

    /// Stores `message` as if the connection brought it, and waits until
    /// everyone was told (Messenger::messageAdded or messageChanged).
    bool receive(const Message &message)
    {
        QSignalSpy added(messenger(), &Messenger::messageAdded);
        QSignalSpy changed(messenger(), &Messenger::messageChanged);
        messenger()->receive(message);
        return QTest::qWaitFor([&] { return added.size() + changed.size() > 0; });
    }

    HistoryStore store;
    FakeTransport transport;
    std::unique_ptr<AccountFeatures> features;

private:
    bool m_ok = false;
};

} // namespace Jw::Test
