#include "filenames.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace Jw::Files {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::Files", text);
}

bool isUnsafe(char32_t c)
{
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        return true; // control characters
    if (c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        return true; // direction marks and overrides: "gpj.exe" shown as "exe.jpg"
    if (c == 0xfeff || c == 0xfffd)
        return true;
    // Characters Windows and most file managers refuse in a name.
    switch (c) {
    case U'/':
    case U'\\':
    case U':':
    case U'*':
    case U'?':
    case U'"':
    case U'<':
    case U'>':
    case U'|':
        return true;
    default:
        return false;
    }
}

/// Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character.
QString cutToBytes(const QString &text, int maxBytes)
{
    QString out;
    int bytes = 0;
    for (const char32_t c : text.toUcs4()) {
        const int size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (bytes + size > maxBytes)
            break;
        bytes += size;
        out += QString::fromUcs4(&c, 1);
    }
    return out;
}

QString trimDotsAndSpaces(QString s)
{
    while (!s.isEmpty() && (s.front() == u'.' || s.front().isSpace()))
        s.remove(0, 1);
    while (!s.isEmpty() && (s.back() == u'.' || s.back().isSpace()))
        s.chop(1);
    return s;
}

} // namespace

QString sanitizedFileName(const QString &name)
{
    // Only what follows the last separator of either kind.
    QString last = name;
    const qsizetype cut = std::max(last.lastIndexOf(u'/'), last.lastIndexOf(u'\\'));
    if (cut >= 0)
        last = last.mid(cut + 1);

    QString cleaned;
    for (const char32_t c : last.toUcs4()) {
        if (isUnsafe(c))
            cleaned += u'_';
        else
            cleaned += QString::fromUcs4(&c, 1);
    }
    cleaned = trimDotsAndSpaces(cleaned.normalized(QString::NormalizationForm_C));
    // Nothing but underscores from refused characters is no name either.
    bool onlyReplaced = true;
    for (const QChar c : std::as_const(cleaned))
        onlyReplaced = onlyReplaced && c == u'_';
    if (cleaned.isEmpty() || onlyReplaced)
        return QStringLiteral("file");

    if (cleaned.toUtf8().size() <= MaxFileNameBytes)
        return cleaned;
    // Too long: keep a short extension, cut the stem.
    const qsizetype dot = cleaned.lastIndexOf(u'.');
    QString extension = dot > 0 ? cleaned.mid(dot) : QString();
    if (extension.toUtf8().size() > 16)
        extension.clear();
    const QString stem = extension.isEmpty() ? cleaned : cleaned.left(dot);
    const QString cutStem = trimDotsAndSpaces(cutToBytes(stem, MaxFileNameBytes - int(extension.toUtf8().size())));
    return (cutStem.isEmpty() ? QStringLiteral("file") : cutStem) + extension;
}

QString availablePath(const QString &folder, const QString &name)
{
    const QString safe = sanitizedFileName(name);
    const QDir dir(folder);
    if (!QFileInfo::exists(dir.filePath(safe)))
        return dir.filePath(safe);
    const qsizetype dot = safe.lastIndexOf(u'.');
    const QString stem = dot > 0 ? safe.left(dot) : safe;
    const QString extension = dot > 0 ? safe.mid(dot) : QString();
    for (int n = 1;; ++n) {
        const QString candidate = stem + QStringLiteral(" (") + QString::number(n) + u')' + extension;
        if (!QFileInfo::exists(dir.filePath(candidate)))
            return dir.filePath(candidate);
    }
}

QString fileNameOfUrl(const QUrl &url)
{
    return sanitizedFileName(url.fileName(QUrl::FullyDecoded));
}

QString sizeText(qint64 bytes)
{
    if (bytes < 1000)
        return bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(bytes);
    static const char *const units[] = { QT_TRANSLATE_NOOP("Jw::Files", "%1 KB"),
        QT_TRANSLATE_NOOP("Jw::Files", "%1 MB"), QT_TRANSLATE_NOOP("Jw::Files", "%1 GB"),
        QT_TRANSLATE_NOOP("Jw::Files", "%1 TB") };
    double value = double(bytes);
    int unit = -1;
    while (value >= 1000 && unit < 3) {
        value /= 1000;
        ++unit;
    }
    // Whole numbers from 10 up, one decimal below ("1.5 MB", "300 MB").
    const QString number = value >= 10 || value == double(qint64(value))
        ? QString::number(qint64(value + 0.5))
        : QString::number(value, 'f', 1);
    return tr(units[unit]).arg(number);
}

QString tooLargeSentence(qint64 size, qint64 limit)
{
    return tr("This file is %1; your server accepts up to %2.").arg(sizeText(size), sizeText(limit));
}

QString noUploadSentence()
{
    return tr("Your server does not accept files, so this one cannot be sent.");
}

bool isHttps(const QUrl &url)
{
    return url.isValid() && url.scheme() == QStringLiteral("https") && !url.host().isEmpty();
}

bool isFileLink(const QString &body)
{
    const QString trimmed = body.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(QChar(u' ')) || trimmed.contains(QChar(u'\n')))
        return false;
    const QUrl url(trimmed, QUrl::StrictMode);
    return isHttps(url) && !url.fileName().isEmpty();
}

} // namespace Jw::Files
