#pragma once

#include "exporter.h"

class QIODevice;

namespace Jw::Search {

/// `jabberwock search`: writes the messages of every account in the profile
/// (or of one chat) that match `query` to `out`, newest first (by the time
/// they were sent), without connecting anywhere. Requests are included.
/// JSON: an array of {"chat", "id", "from", "sent_at", "body"} ("id" is the
/// message's id as in `jabberwock export`, "sent_at" ISO 8601 UTC); `[]`
/// when nothing matches. A public interface: fields are added, never
/// renamed or removed.
Expected<Done> searchHistory(const QString &profileDir, const QString &chat, const QString &query,
    ExportFormat format, QIODevice &out);

} // namespace Jw::Search
