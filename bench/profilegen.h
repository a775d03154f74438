#pragma once
// A big profile for the benchmarks, written through the product's own store
// (HistoryStore::addMessage, ReadStore::save), never with hand-written SQL:
// by default 100 conversations and 100,000 messages, 50,000 of them with one
// person over three years.

#include "expected.h"

#include <QString>

namespace Jw {
class HistoryStore;
}

namespace Jw::Bench {

struct ProfileShape
{
    int chats = 100;
    int messages = 100000;
    int withOne = 50000; ///< of `messages`, with BigChat; the rest is shared by the other chats
    int years = 3;
};

/// The person most of the history is with.
QString bigChat();
/// The account the profile belongs to.
QString selfJid();

/// Fills the open, empty `store`. BigChat's messages are stored first, in
/// order, so their row ids run 1..withOne (the benchmarks use that for
/// "how deep"). Every chat is read up to its newest message.
Expected<int> fillProfile(HistoryStore &store, const ProfileShape &shape);

/// A history file with `shape`, made once and kept at `path` (with a
/// "<path>.done" beside it), reused by later runs. Prints what it does.
Expected<Done> ensureProfile(const QString &path, const ProfileShape &shape);

} // namespace Jw::Bench
