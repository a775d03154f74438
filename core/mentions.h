#pragma once

#include <QList>
#include <QString>

namespace Jw::Mentions {

/// Where `body` names `nick` (a room's nickname): as a whole word, in any
/// case, with or without a leading '@'. Each as {start, length} in UTF-16
/// units of `body`, the '@' included; empty if it does not.
QList<std::pair<qsizetype, qsizetype>> find(const QString &body, const QString &nick);
/// Whether `body` names `nick` at least once.
bool mentions(const QString &body, const QString &nick);

/// The nickname being typed at `cursor` after an '@' (what completion
/// works on): the text between the '@' and the cursor, or empty with
/// `start` -1 when the cursor is not in such a word. `start` is the '@'.
QString typedPrefix(const QString &text, qsizetype cursor, qsizetype *start);

} // namespace Jw::Mentions
