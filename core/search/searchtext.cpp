#include "searchtext.h"

#include <algorithm>

namespace Jw::Search {
namespace {

enum class Kind { Cjk, Word, Symbol, Space };

struct Unit
{
    char32_t c;
    int start;
    int end;
};

Kind kindOf(char32_t c)
{
    if (isCjk(c))
        return Kind::Cjk;
    if (QChar::isLetterOrNumber(c))
        return Kind::Word;
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return Kind::Word; // belongs to the letter before it; dropped when folded
    case QChar::Symbol_Other:
        return Kind::Symbol; // emoji and pictographs
    default:
        return Kind::Space;
    }
}

bool isMark(char32_t c)
{
    const auto cat = QChar::category(c);
    return cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining || cat == QChar::Mark_Enclosing;
}

QString codePoint(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}

QString foldWord(const QList<Unit> &units)
{
    QString out;
    out.reserve(units.size());
    for (const Unit &u : units) {
        if (isMark(u.c))
            continue;
        if (u.c < 0x10000)
            out.append(foldChar(QChar(char16_t(u.c))));
        else
            out.append(codePoint(QChar::toCaseFolded(u.c)));
    }
    return out;
}

struct Segment
{
    Kind kind;
    QList<Unit> units;
};

QList<Segment> segments(QStringView text)
{
    QList<Segment> list;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        char32_t c = text[i].unicode();
        qsizetype next = i + 1;
        if (QChar::isHighSurrogate(c) && next < n && text[next].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[next]);
            ++next;
        }
        const Kind kind = kindOf(c);
        const Unit unit { c, int(i), int(next) };
        i = next;
        if (kind == Kind::Space)
            continue;
        // A mark after a symbol or a CJK character starts nothing.
        if (isMark(c) && (list.isEmpty() || list.last().kind != Kind::Word || list.last().units.last().end != unit.start))
            continue;
        const bool joins = !list.isEmpty() && list.last().kind == kind && kind != Kind::Symbol
            && list.last().units.last().end == unit.start;
        if (joins)
            list.last().units.append(unit);
        else
            list.append(Segment { kind, { unit } });
    }
    return list;
}

constexpr char16_t Initials[19] = { 0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145,
    0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E };

/// The initial consonant of a Hangul syllable as a compatibility jamo (ㄱ…ㅎ), else 0.
char16_t initialOf(char16_t c)
{
    if (c < 0xAC00 || c > 0xD7A3)
        return 0;
    return Initials[(c - 0xAC00) / 588];
}

bool isInitial(char16_t c)
{
    return std::find(std::begin(Initials), std::end(Initials), c) != std::end(Initials);
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() && !isCjk(c.unicode());
}

} // namespace

bool isCjk(char32_t c)
{
    return (c >= 0xAC00 && c <= 0xD7A3) // Hangul syllables
        || (c >= 0x1100 && c <= 0x11FF) // Hangul jamo
        || (c >= 0x3130 && c <= 0x318F) // Hangul compatibility jamo
        || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF) // jamo extensions
        || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) // kana
        || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) // Han
        || (c >= 0x20000 && c <= 0x3FFFF);
}

QChar foldChar(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80)
        return (u >= 'A' && u <= 'Z') ? QChar(char16_t(u + 32)) : c;
    if (isCjk(u))
        return c;
    QChar base = c;
    for (int depth = 0; depth < 3 && base.decompositionTag() != QChar::NoDecomposition; ++depth) {
        const QString d = base.decomposition();
        if (d.isEmpty() || d.at(0).isSurrogate() || isMark(d.at(0).unicode()) || isCjk(d.at(0).unicode()))
            break;
        base = d.at(0);
    }
    return base.toCaseFolded();
}

QString fold(QStringView text)
{
    QString out(text.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < text.size(); ++i)
        out[i] = foldChar(text[i]);
    return out;
}

namespace {

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool hasPercentEscape(QStringView chunk)
{
    for (qsizetype i = 0; i + 2 < chunk.size(); ++i) {
        if (chunk[i] == u'%' && isHex(chunk[i + 1]) && isHex(chunk[i + 2]))
            return true;
    }
    return false;
}

/// The text a percent-encoded chunk stands for; empty when it is not
/// encoded, or not UTF-8 underneath.
QString decodedChunk(QStringView chunk)
{
    if (!hasPercentEscape(chunk))
        return {};
    const QString decoded = QString::fromUtf8(QByteArray::fromPercentEncoding(chunk.toUtf8()));
    if (decoded.contains(QChar::ReplacementCharacter) && !chunk.contains(QChar::ReplacementCharacter))
        return {};
    return decoded;
}

/// Each whitespace-separated chunk of `text` (start, end).
template<typename F>
void forEachChunk(QStringView text, F &&f)
{
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i].isSpace())
            ++i;
        const qsizetype start = i;
        while (i < text.size() && !text[i].isSpace())
            ++i;
        if (i > start)
            f(start, i);
    }
}

QList<Token> tokenizeText(QStringView text, TokenMode mode);

} // namespace

QString decodedLinks(QStringView text)
{
    QString out;
    bool any = false;
    qsizetype copied = 0;
    forEachChunk(text, [&](qsizetype start, qsizetype end) {
        const QString decoded = decodedChunk(text.sliced(start, end - start));
        if (decoded.isEmpty())
            return;
        any = true;
        out += text.sliced(copied, start - copied);
        out += decoded;
        copied = end;
    });
    if (!any)
        return {};
    out += text.sliced(copied);
    return out;
}

QList<Token> tokenize(QStringView text, TokenMode mode)
{
    QList<Token> tokens = tokenizeText(text, mode);
    if (mode != TokenMode::Document)
        return tokens;
    // A link with a percent-encoded name (an upload's: /%ED%9A%8C%EC%9D%98.pdf)
    // is also the text it stands for: its words follow, spanning the link.
    forEachChunk(text, [&](qsizetype start, qsizetype end) {
        const QString decoded = decodedChunk(text.sliced(start, end - start));
        if (decoded.isEmpty())
            return;
        const QList<Token> more = tokenizeText(decoded, TokenMode::Document);
        for (const Token &t : more)
            tokens.append(Token { t.text, int(start), int(end), t.colocated });
    });
    return tokens;
}

namespace {

QList<Token> tokenizeText(QStringView text, TokenMode mode)
{
    QList<Token> tokens;
    const QList<Segment> list = segments(text);
    for (qsizetype s = 0; s < list.size(); ++s) {
        const Segment &segment = list.at(s);
        const QList<Unit> &u = segment.units;
        if (segment.kind == Kind::Word) {
            QString word = foldWord(u);
            if (!word.isEmpty())
                tokens.append(Token { std::move(word), u.first().start, u.last().end, false });
            continue;
        }
        if (segment.kind == Kind::Symbol) {
            tokens.append(Token { codePoint(u.first().c), u.first().start, u.first().end, false });
            continue;
        }
        const qsizetype n = u.size();
        if (mode == TokenMode::Document) {
            for (qsizetype i = 0; i + 1 < n; ++i) {
                tokens.append(Token { codePoint(u[i].c) + codePoint(u[i + 1].c), u[i].start, u[i + 1].end, false });
                tokens.append(Token { codePoint(u[i].c), u[i].start, u[i].end, true });
            }
            tokens.append(Token { codePoint(u[n - 1].c), u[n - 1].start, u[n - 1].end, false });
        } else {
            if (n == 1) {
                tokens.append(Token { codePoint(u[0].c), u[0].start, u[0].end, false });
                continue;
            }
            for (qsizetype i = 0; i + 1 < n; ++i)
                tokens.append(Token { codePoint(u[i].c) + codePoint(u[i + 1].c), u[i].start, u[i + 1].end, false });
            if (s + 1 < list.size())
                tokens.append(Token { codePoint(u[n - 1].c), u[n - 1].start, u[n - 1].end, false });
        }
    }
    return tokens;
}

} // namespace

bool nameMatches(QStringView name, QStringView pattern)
{
    const QString p = fold(pattern).simplified();
    if (p.isEmpty())
        return true;
    const QString t = fold(name);
    const auto same = [](QChar want, QChar have) {
        return want == have || (isInitial(want.unicode()) && initialOf(have.unicode()) == want.unicode());
    };
    for (qsizetype i = 0; i + p.size() <= t.size(); ++i) {
        qsizetype k = 0;
        while (k < p.size() && same(p[k], t[i + k]))
            ++k;
        if (k == p.size())
            return true;
    }
    return false;
}

QList<std::pair<int, int>> matchRanges(QStringView text, const QStringList &needles)
{
    QList<std::pair<int, int>> ranges;
    const QString t = fold(text);
    for (const QString &needle : needles) {
        const QString n = fold(needle).trimmed();
        if (n.isEmpty())
            continue;
        const bool wordStart = isWordChar(n.front());
        const bool wordEnd = isWordChar(n.back());
        for (qsizetype at = t.indexOf(n); at >= 0; at = t.indexOf(n, at + 1)) {
            const qsizetype end = at + n.size();
            if (wordStart && at > 0 && isWordChar(t[at - 1]))
                continue;
            if (wordEnd && end < t.size() && isWordChar(t[end]))
                continue;
            ranges.append({ int(at), int(n.size()) });
        }
    }
    std::sort(ranges.begin(), ranges.end());
    QList<std::pair<int, int>> merged;
    for (const auto &r : std::as_const(ranges)) {
        if (!merged.isEmpty() && r.first <= merged.last().first + merged.last().second) {
            merged.last().second = std::max(merged.last().second, r.first + r.second - merged.last().first);
            continue;
        }
        merged.append(r);
    }
    return merged;
}

} // namespace Jw::Search
