#pragma once

// Internal to core: the statements that write the `chats` table, for the
// jobs of the other store files (historystore.cpp, requeststore.cpp). Every
// write to `chats` is in readstore.cpp, so the read state has one writer.
// They run inside a job (HistoryStore::run) on its database and leave the
// error sentence to the caller.

#include "types.h"

#include <QString>

class QSqlDatabase;
class QSqlError;

namespace Jw::ReadStore {

/// Gives `chat` its row, with nothing read, if it has none (a message was
/// stored in it, or a room was joined). A room's row says so (kind
/// groupchat), also when the row was there before.
bool addChat(QSqlDatabase &db, const QString &chat, ChatKind kind, QSqlError &error);
/// Deletes `chat`'s row: its read position and markers (the conversation is deleted).
bool deleteChat(QSqlDatabase &db, const QString &chat, QSqlError &error);

} // namespace Jw::ReadStore
