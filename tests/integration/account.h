#pragma once

// One Jabberwock account as the app wires it, for integration tests: the
// history is open before the messenger reads from it.

#include "historystore.h"
#include "messenger.h"
#include "readreceipts.h"
#include "readtracker.h"
#include "session.h"

#include <QDeadlineTimer>
#include <QTest>

namespace Jw::Test {

struct Account
{
    Account(const QString &historyPath, const ConnectionSettings &connection)
        : store(historyPath)
        , opened(store.open().result().ok())
        , messenger(&store, &session)
        , settings(connection)
    {
        // The test servers live for a whole test class: a new profile must
        // not read what earlier cases left in the archive (a real new device
        // reads the last days; aFreshProfileGetsWhatWaited tests that).
        messenger.setFirstSyncLimits(0, 1);
    }

    bool signIn()
    {
        session.connectToServer(settings);
        QDeadlineTimer deadline(15000);
        while (session.state() != Session::State::Online && !deadline.hasExpired())
            QTest::qWait(20);
        return session.state() == Session::State::Online;
    }

    /// What a person does by showing the chat in the active window.
    void read(const QString &chat)
    {
        ReadTracker *tracker = messenger.readReceipts()->tracker();
        tracker->setShownChat(chat);
        tracker->setWindowActive(true);
    }

    ChatStates *states() { return messenger.chatStates(); }

    /// Every stored message of `chat`, in order.
    QList<Message> history(const QString &chat)
    {
        const auto all = store.allMessages(chat).result();
        return all ? all.value() : QList<Message>();
    }

    HistoryStore store;
    const bool opened;
    Session session;
    Messenger messenger;
    ConnectionSettings settings;
};

} // namespace Jw::Test
