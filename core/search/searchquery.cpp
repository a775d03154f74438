#include "searchquery.h"

#include "searchtext.h"

#include <QCoreApplication>

namespace Jw::Search {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::Search", text);
}

struct Piece
{
    QString key; ///< lower case, without the colon; empty for a term
    QString value;
};

/// Splits on white space; "…" keeps spaces (an unclosed quote runs to the end).
QList<Piece> pieces(const QString &text)
{
    QList<Piece> list;
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto isQuote = [](QChar c) { return c == u'"' || c == u'“' || c == u'”'; };
    while (i < n) {
        while (i < n && text[i].isSpace())
            ++i;
        if (i >= n)
            break;
        Piece piece;
        // key: (ASCII letters then a colon)
        qsizetype k = i;
        while (k < n && text[k].unicode() < 0x80 && text[k].isLetter())
            ++k;
        if (k > i && k < n && text[k] == u':') {
            const QString key = text.mid(i, k - i).toLower();
            if (key == u"from" || key == u"in" || key == u"before" || key == u"after") {
                piece.key = key;
                i = k + 1;
            }
        }
        if (i < n && isQuote(text[i])) {
            const qsizetype close = [&] {
                for (qsizetype j = i + 1; j < n; ++j) {
                    if (isQuote(text[j]))
                        return j;
                }
                return n;
            }();
            piece.value = text.mid(i + 1, close - i - 1);
            i = close + 1;
        } else {
            const qsizetype start = i;
            while (i < n && !text[i].isSpace())
                ++i;
            piece.value = text.mid(start, i - start);
        }
        list.append(piece);
    }
    return list;
}

} // namespace

QString Query::matchExpression() const
{
    QStringList phrases;
    for (const QString &term : terms) {
        QString quoted = term;
        quoted.replace(u'"', QStringLiteral("\"\""));
        phrases.append(u'"' + quoted + u'"');
    }
    return phrases.join(u' ');
}

Expected<Query> parseQuery(const QString &text)
{
    Query query;
    const QList<Piece> list = pieces(text);
    for (const Piece &piece : list) {
        const QString value = piece.value.trimmed();
        if (piece.key.isEmpty()) {
            // Punctuation alone finds nothing and is no error.
            if (!tokenize(value, TokenMode::Query).isEmpty())
                query.terms.append(value);
        } else if (piece.key == u"from") {
            if (!value.isEmpty())
                query.from.append(value);
        } else if (piece.key == u"in") {
            if (!value.isEmpty())
                query.in.append(value);
        } else {
            const QDate date = QDate::fromString(value, Qt::ISODate);
            if (!date.isValid())
                return Error { tr("“%1:” needs a date like 2026-11-01, not “%2”.").arg(piece.key, value) };
            (piece.key == u"before" ? query.before : query.after) = date;
        }
    }
    if (query.isEmpty())
        return Error { tr("Nothing to search for: give a word, a \"phrase\", or from:, in:, before:, after:.") };
    return query;
}

} // namespace Jw::Search
