#pragma once

#include "expected.h"

#include <QDate>
#include <QString>
#include <QStringList>

namespace Jw::Search {

/// What a person typed into a search field or gave `jabberwock search`:
/// words and "quoted phrases" (all must be in the message), and the filters
/// from:NAME, in:CHAT, before:YYYY-MM-DD (earlier than that day), after:
/// YYYY-MM-DD (that day or later). A filter's value may be quoted. Names
/// match as in nameMatches() (초성: from:ㅈㄴ is 제니).
struct Query
{
    QStringList terms; ///< each a word or a phrase, as typed
    QStringList from;
    QStringList in;
    QDate before; ///< invalid: none
    QDate after; ///< invalid: none

    bool hasText() const { return !terms.isEmpty(); }
    bool isEmpty() const { return terms.isEmpty() && from.isEmpty() && in.isEmpty() && !before.isValid() && !after.isValid(); }
    /// The FTS5 MATCH expression of the terms: each a quoted phrase that the
    /// index's tokenizer cuts like a message; empty when there are none.
    QString matchExpression() const;
};

/// Parses `text`. An error is a sentence: a bad date, or nothing to search for.
Expected<Query> parseQuery(const QString &text);

} // namespace Jw::Search
