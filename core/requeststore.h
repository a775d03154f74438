#pragma once

#include "expected.h"
#include "types.h"

#include <QFuture>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Jw {

class HistoryStore;

enum class StandingFlag { InRoster, Accepted, Blocked };

/// The history's side of who people are to us: jobs that run on the store's
/// thread (HistoryStore::run), so HistoryStore itself does not grow.
namespace RequestStore {

/// Everyone the history knows something about, by bare address.
QFuture<Expected<QHash<QString, StandingFlags>>> load(HistoryStore &store);
/// Sets or clears `flag` for `jids`; returns those whose flag changed.
QFuture<Expected<QStringList>> set(HistoryStore &store, StandingFlag flag, const QStringList &jids, bool on);
/// Makes `jids` exactly the ones with `flag` (the server sent its whole
/// roster or blocklist); returns those whose flag changed.
QFuture<Expected<QStringList>> replace(HistoryStore &store, StandingFlag flag, const QStringList &jids);
/// Deletes a conversation: its messages, read position, chat state, and
/// the acceptance. Whether they are in the roster or blocked stays: that is
/// the server's to say.
QFuture<Expected<Done>> deleteChat(HistoryStore &store, const QString &chat);

} // namespace RequestStore
} // namespace Jw
