#pragma once

// The text side of search (issue 17), shared by the index's tokenizer, the
// query parser, the name filters and the highlighting of hits. No SQL here.

#include <QList>
#include <QString>
#include <QStringView>

namespace Jw::Search {

/// Hangul, Han, kana: scripts written without spaces between words, which the
/// index cuts into overlapping pairs of characters (bigrams).
bool isCjk(char32_t c);

/// One token of a text. `start`/`end` are UTF-16 offsets into the text.
struct Token
{
    QString text;
    int start = 0;
    int end = 0;
    bool colocated = false; ///< at the same position as the token before (FTS5_TOKEN_COLOCATED)
};

enum class TokenMode {
    /// A message: each CJK run gives a bigram at every character, the
    /// character itself at the same position, and the run's last character
    /// alone; other scripts give case- and accent-folded words; a symbol
    /// (emoji) is a token of its own.
    Document,
    /// What a person searches for: a CJK run of one character is that
    /// character; of n ≥ 2, its n−1 bigrams (a phrase of consecutive
    /// positions), and its last character too when more follows in the same
    /// phrase, so positions line up with the document's.
    Query,
};

/// In Document mode a percent-encoded chunk (an upload link's Korean file
/// name) also gives the tokens of the text it stands for, spanning the chunk.
QList<Token> tokenize(QStringView text, TokenMode mode);

/// `text` with its percent-encoded chunks decoded; empty when it has none.
QString decodedLinks(QStringView text);

/// Lower case without accents, one UTF-16 unit for one (so offsets carry
/// over); CJK is left as it is.
QChar foldChar(QChar c);
QString fold(QStringView text);

/// Whether `pattern` is in `name`: case- and accent-insensitive, and a
/// Hangul initial consonant (ㄱ…ㅎ, 초성) in the pattern stands for any
/// syllable that starts with it: "ㅈㄴ" is in "제니", so is "제ㄴ".
bool nameMatches(QStringView name, QStringView pattern);

/// Where the words of `needles` are in `text` (start, length), in order,
/// without overlaps: what a hit highlights.
QList<std::pair<int, int>> matchRanges(QStringView text, const QStringList &needles);

} // namespace Jw::Search
