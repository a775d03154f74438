#pragma once

#include "expected.h"
#include "types.h"

class QSqlDatabase;

namespace Jw::Edits {

/// What arriving at the history did to a correction (XEP-0308) or a
/// retraction (XEP-0424).
enum class Outcome {
    Applied, ///< the target changed
    Duplicate, ///< applied before (the same correction again, live and from the archive)
    Deferred, ///< the target is not here yet (archive order): kept until it comes
    Refused, ///< not from the target's sender: ignored and stored nowhere
};

/// Whether `edit` (a correction or retraction as it arrived, or as we send
/// it) may change `target`: only its own sender may. In the same chat and
/// direction (our own messages only by us, theirs only by them); in a room
/// the same occupant id (XEP-0421) where either carries one, else the same
/// nickname; in a 1:1 chat the same full address where both are known
/// (XEP-0308 §5). (A retracted message takes no more corrections: apply()
/// says so, not this rule.)
bool mayChange(const Message &target, const Message &edit);

/// Who reacted (XEP-0444), as kept: in a room "id:" and the occupant id
/// where the room gives one, else "nick:" and the nickname; else the bare address.
QString reactorOf(const Message &reaction);
/// Whether `reaction` may set its sender's reactions on `target`: anyone in
/// the chat may react to any message of it that was not retracted, but only
/// as themselves (theirs from their own address).
bool mayReact(const Message &target, const Message &reaction);

/// Whether the message is about another message (a correction, retraction
/// or reactions) rather than a message to show.
inline bool isEdit(const Message &m)
{
    return !m.replaces.isEmpty() || !m.retracts.isEmpty() || !m.reactsTo.isEmpty();
}

// The history's side; run inside a HistoryStore job (core only).

/// Applies `edit` to its target in the history, or keeps it for later
/// (Deferred). `changed` gets the target as it is now when Applied.
Expected<Outcome> apply(QSqlDatabase &db, const Message &edit, Message &changed);
/// After `stored` was inserted: applies what arrived for it before
/// (early_edits), checking each as apply() would. Returns the message as it
/// is now.
Expected<Message> applyEarly(QSqlDatabase &db, const Message &stored);
/// Deletes a message here only ("delete for me"): its row, versions and
/// reactions, and so its text in the search index.
Expected<Done> deleteLocally(QSqlDatabase &db, const QString &chat, qint64 rowId);

} // namespace Jw::Edits
