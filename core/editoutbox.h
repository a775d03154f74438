#pragma once

#include "expected.h"
#include "historystore.h"
#include "types.h"

#include <QFuture>
#include <QList>
#include <QString>

namespace Jw {

/// Our own corrections, retractions and reactions (issue 18) wait in the
/// history (table `outgoing_edits`, schema version 15) until the server has
/// them, like a message in the outbox: one made while offline, or lost with
/// the connection, goes out when its chat is back (Messenger after the
/// catch-up, Rooms after the room's). Only the newest of a kind for a
/// message waits: a newer correction or reaction set replaces the waiting
/// one, and a retraction replaces them all. Jobs on the store's thread.
namespace EditOutbox {

/// Applies our `edit` to its target as the history does with any edit
/// (Edits::apply, in one transaction) and, when it changed the target,
/// queues it. AddResult as HistoryStore::addMessage gives it.
QFuture<Expected<HistoryStore::AddResult>> apply(HistoryStore &store, const Message &edit);
/// What waits, oldest first, each as forWire() names it.
QFuture<Expected<QList<Message>>> pending(HistoryStore &store);
/// The server has the edit `editId`, or refused it: it waits no more.
QFuture<Expected<Done>> sent(HistoryStore &store, const QString &editId);

/// `edit` (`messageId` its own id) as it goes out about `target` (as the
/// history has it now): `kind` and `chat` the target's; `replaces` the
/// target's message id (XEP-0308); `retracts` or `reactsTo` in a room the
/// room's stanza-id where known (XEP-0424, XEP-0444), else the message id.
Message forWire(const Message &edit, const Message &target);

} // namespace EditOutbox
} // namespace Jw
