#include "mentions.h"

namespace Jw::Mentions {
namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

} // namespace

QList<std::pair<qsizetype, qsizetype>> find(const QString &body, const QString &nick)
{
    QList<std::pair<qsizetype, qsizetype>> found;
    if (nick.trimmed().isEmpty())
        return found;
    qsizetype from = 0;
    while (true) {
        const qsizetype at = body.indexOf(nick, from, Qt::CaseInsensitive);
        if (at < 0)
            break;
        const qsizetype end = at + nick.size();
        // A whole word: "Ann" is not mentioned in "Annette" or "Joann".
        const bool startsWord = at == 0 || !isWordChar(body.at(at - 1)) || !isWordChar(nick.front());
        const bool endsWord = end == body.size() || !isWordChar(body.at(end)) || !isWordChar(nick.back());
        if (startsWord && endsWord) {
            const bool withAt = at > 0 && body.at(at - 1) == u'@';
            found.append({ withAt ? at - 1 : at, withAt ? nick.size() + 1 : nick.size() });
        }
        from = at + 1;
    }
    return found;
}

bool mentions(const QString &body, const QString &nick)
{
    return !find(body, nick).isEmpty();
}

QString typedPrefix(const QString &text, qsizetype cursor, qsizetype *start)
{
    *start = -1;
    cursor = std::clamp<qsizetype>(cursor, 0, text.size());
    for (qsizetype i = cursor - 1; i >= 0; --i) {
        const QChar c = text.at(i);
        if (c == u'@') {
            // Only at the start of a word: not the '@' of an address.
            if (i > 0 && !text.at(i - 1).isSpace())
                return {};
            *start = i;
            return text.mid(i + 1, cursor - i - 1);
        }
        if (c.isSpace())
            return {};
    }
    return {};
}

} // namespace Jw::Mentions
