#pragma once

#include "expected.h"

#include <QFuture>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Jw {

class HistoryStore;

/// What the history knows about the other person of a chat (table `peers`,
/// schema version 5); the rules that use it are in core/requests.h.
struct PeerFlags
{
    bool inRoster = false; ///< mirrors the server's roster
    /// The person accepted them: accepted a request, opened the chat
    /// themselves, or wrote to them (read from the messages).
    bool accepted = false;
    bool blocked = false; ///< mirrors the server's blocklist (XEP-0191)

    bool operator==(const PeerFlags &) const = default;
};

enum class PeerFlag { InRoster, Accepted, Blocked };

/// The history's side of who people are to us: jobs that run on the store's
/// thread (HistoryStore::run), so HistoryStore itself does not grow.
namespace PeerStore {

/// Everyone the history knows something about, by bare address.
QFuture<Expected<QHash<QString, PeerFlags>>> load(HistoryStore &store);
/// Sets or clears `flag` for `jids`; returns those whose flag changed.
QFuture<Expected<QStringList>> set(HistoryStore &store, PeerFlag flag, const QStringList &jids, bool on);
/// Makes `jids` exactly the ones with `flag` (the server sent its whole
/// roster or blocklist); returns those whose flag changed.
QFuture<Expected<QStringList>> replace(HistoryStore &store, PeerFlag flag, const QStringList &jids);
/// Deletes a conversation: its messages, read position, chat state, and
/// the acceptance. Whether they are in the roster or blocked stays: that is
/// the server's to say.
QFuture<Expected<Done>> deleteChat(HistoryStore &store, const QString &chat);

} // namespace PeerStore
} // namespace Jw
