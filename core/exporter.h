#pragma once

#include "chatstates.h"
#include "requeststore.h"
#include "expected.h"
#include "readstore.h"
#include "transfers.h"
#include "types.h"

#include <QJsonObject>
#include <QString>

class QIODevice;

namespace Jw {

enum class ExportFormat { Json, Text };

/// The JSON of one message in `jabberwock export`. This is a public
/// interface: fields are added, never renamed or removed. All fields are
/// defined here and nowhere else. `chat` is its conversation's read state
/// (for "read" and "displayed"). A room message (kind GroupChat) also has
/// "nick" and "occupant_id" (null when empty); its "from" is the occupant
/// address, room@service/nick.
///
/// A message that carries a file (Transfers::carriesFile) also has
/// "attachments": a list of {"url", "name", "size", "sha256", "local_path",
/// "state"}, from `file` (Transfers::fileOf); "size", "sha256" and
/// "local_path" are null while unknown, "state" one of "not_downloaded",
/// "downloading", "downloaded", "failed", "uploading", "uploaded".
QJsonObject messageToJson(const Message &message, const StoredReadState &chat = {},
    const std::optional<Transfer> &file = std::nullopt);
/// The JSON of one conversation: {"account", "chat", "kind" ("chat" or
/// "groupchat", from `chat.kind`), "last_read_id",
/// "unread", "chat_state", "chat_state_at", "in_roster", "request",
/// "blocked", "messages": [...]}, `messages` in order; `peer` is the
/// contact's last chat state (XEP-0085), `flags` who they are to us.
/// `transfers`: the chat's files (Transfers::readStored), for "attachments".
QJsonObject chatToJson(const QString &account, const StoredReadState &chat, const QList<Message> &messages,
    const PeerChatState &peer = {}, const StandingFlags &flags = {}, const QList<Transfer> &transfers = {});

/// Writes the stored history of every account in the profile (or of one chat)
/// to `out`, without connecting anywhere. JSON: an array with one object per
/// chat (chatToJson), ordered by account and chat.
Expected<Done> exportHistory(const QString &profileDir, const QString &chat, ExportFormat format, QIODevice &out);

} // namespace Jw
