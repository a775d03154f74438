#pragma once

#include "expected.h"
#include "types.h"

#include <QJsonObject>
#include <QString>

class QIODevice;

namespace Jw {

enum class ExportFormat { Json, Text };

/// The JSON of one message in `jabberwock export`. This is a public
/// interface: fields are added, never renamed or removed. All fields are
/// defined here and nowhere else.
QJsonObject messageToJson(const Message &message);

/// Writes the stored history of every account in the profile (or of one chat)
/// to `out`, without connecting anywhere. JSON: an array with one object per
/// chat, {"account", "chat", "messages": [...]}, ordered by account and chat.
Expected<Done> exportHistory(const QString &profileDir, const QString &chat, ExportFormat format, QIODevice &out);

} // namespace Jw
