#pragma once

// Message bodies for the text-integrity tests and benchmark (issue 8):
// Hangul, punctuation and a 4-byte emoji, the text of the issue's measurement.

#include <QString>

namespace Jw::Test {

inline const QString IssueText = QStringLiteral("안녕하세요, 오프라인 메시지입니다 🦉 ");

/// A short message, numbered.
inline QString shortBody(int i)
{
    return QString::number(i) + QStringLiteral(": ") + IssueText.repeated(3);
}

/// A body of `characters` UTF-16 units at most, never ending in half an emoji.
inline QString longBody(qsizetype characters, const QString &tag)
{
    QString body = tag + QStringLiteral(": ");
    while (body.size() < characters)
        body += IssueText;
    body.truncate(characters);
    if (body.back().isHighSurrogate())
        body.chop(1);
    return body;
}

/// A body of at least `bytes` bytes of UTF-8.
inline QString bodyOfBytes(qsizetype bytes, const QString &tag)
{
    const QString unit = IssueText.repeated(100);
    QString body = tag + QStringLiteral(": ");
    while (body.toUtf8().size() + unit.toUtf8().size() <= bytes)
        body += unit;
    while (body.toUtf8().size() < bytes)
        body += u'가';
    return body;
}

} // namespace Jw::Test
