#pragma once

#include <QString>
#include <QUrl>

namespace Jw::Files {

/// The longest file name we write, in UTF-8 bytes (most file systems allow 255).
inline constexpr int MaxFileNameBytes = 200;

/// A file name from the network made safe to write in a folder of ours:
/// only its last path segment (no '/', '\\'), no control or bidi-override
/// characters, no leading dots or spaces (no hidden file, never "." or
/// ".."), no trailing dots or spaces, at most MaxFileNameBytes of UTF-8
/// (the extension kept). Letters of any script stay as they are. Never
/// empty: "file" when nothing is left.
QString sanitizedFileName(const QString &name);

/// Where `name` (sanitised) can be written in `folder` without replacing
/// anything there: "name.ext", else "name (1).ext", "name (2).ext", …
QString availablePath(const QString &folder, const QString &name);

/// The file name a download link announces: its last path segment,
/// percent-decoded and sanitised.
QString fileNameOfUrl(const QUrl &url);

/// A size for people: "812 bytes", "1.5 KB", "300 MB" (decimal units, as
/// file managers show them).
QString sizeText(qint64 bytes);

/// The sentence for a file over the server's limit:
/// "This file is 300 MB; your server accepts up to 100 MB."
QString tooLargeSentence(qint64 size, qint64 limit);
/// The sentence for an account whose server has no upload service.
QString noUploadSentence();

/// Whether `url` is an https link (the only kind fetched without asking).
bool isHttps(const QUrl &url);
/// Whether a message body is only a link to a file (one https URL, no
/// spaces, a non-empty last path segment), as clients without XEP-0066
/// send an upload.
bool isFileLink(const QString &body);

} // namespace Jw::Files
