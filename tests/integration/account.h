#pragma once

// One Jabberwock account as the app wires it (app/application.cpp), for
// integration tests: a real Session, and the account's features over its
// transport; the history is open before the features read from it.

#include "accountfeatures.h"
#include "chatstates.h"
#include "historystore.h"
#include "messenger.h"
#include "passwordchange.h"
#include "readpositions.h"
#include "readtracker.h"
#include "requests.h"
#include "roster.h"
#include "session.h"

#include <QDeadlineTimer>
#include <QTest>

namespace Jw::Test {

/// What the app does between a session and the features over its transport:
/// what strangers may learn depends on the roster, and a changed password is
/// the one later connections sign in with.
inline void wireAsTheAppDoes(Session &session, AccountFeatures &features)
{
    session.setContactRule([r = features.roster()](const QString &jid) { return r->isContact(jid); });
    QObject::connect(features.passwordChange(), &PasswordChange::passwordChanged, &session,
        [s = &session](const QString &changed) { s->setPassword(changed); });
}

struct Account
{
    Account(const QString &historyPath, const ConnectionSettings &connection)
        : store(historyPath)
        , opened(store.open().result().ok())
        , features(&store, session.transport())
        , messenger(*features.messenger())
        , settings(connection)
    {
        wireAsTheAppDoes(session, features);
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
        ReadTracker *tracker = reads()->tracker();
        tracker->setShownChat(chat);
        tracker->setWindowActive(true);
    }

    ChatStates *states() const { return features.chatStates(); }
    ReadPositions *reads() const { return features.readPositions(); }
    Requests *requests() const { return features.requests(); }
    Roster *roster() const { return features.roster(); }

    /// Every stored message of `chat`, in order.
    QList<Message> history(const QString &chat)
    {
        const auto all = store.allMessages(chat).result();
        return all ? all.value() : QList<Message>();
    }

    HistoryStore store;
    const bool opened;
    Session session;
    AccountFeatures features;
    Messenger &messenger; ///< features' own
    ConnectionSettings settings;
};

} // namespace Jw::Test
