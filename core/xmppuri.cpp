#include "xmppuri.h"

#include "address.h"

#include <QCoreApplication>
#include <QStringDecoder>
#include <QUrl>

#include <optional>

namespace Jw {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::XmppUri", text);
}

const QString Scheme = QStringLiteral("xmpp:");

int hexValue(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}

/// Percent-decodes one component. The escapes are UTF-8 bytes (RFC 5122 §3);
/// characters written as themselves (an IRI) stay what they are.
Expected<QString> decode(QStringView part)
{
    QByteArray bytes;
    bytes.reserve(part.size());
    for (qsizetype i = 0; i < part.size(); ++i) {
        if (part[i] != u'%') {
            // Whole code points, so a surrogate pair is encoded together.
            const qsizetype length = (part[i].isHighSurrogate() && i + 1 < part.size()) ? 2 : 1;
            bytes += part.mid(i, length).toUtf8();
            i += length - 1;
            continue;
        }
        const int high = i + 1 < part.size() ? hexValue(part[i + 1]) : -1;
        const int low = i + 2 < part.size() ? hexValue(part[i + 2]) : -1;
        if (high < 0 || low < 0)
            return Error { tr("The link has a “%” that is not followed by two hexadecimal digits.") };
        bytes += char(high * 16 + low);
        i += 2;
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (utf8.hasError())
        return Error { tr("The link contains an encoded character that is not valid UTF-8.") };
    return text;
}

/// An `xn--` (ASCII-compatible) domain as the Unicode one XMPP uses.
std::optional<QString> unicodeDomain(const QString &domain)
{
    if (!domain.contains(QStringLiteral("xn--"), Qt::CaseInsensitive))
        return domain;
    const QString unicode = QUrl::fromAce(domain.toLatin1());
    if (unicode.isEmpty())
        return std::nullopt;
    return unicode;
}

} // namespace

bool looksLikeXmppUri(const QString &text)
{
    return text.trimmed().startsWith(Scheme, Qt::CaseInsensitive);
}

Expected<XmppUri> parseXmppUri(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!looksLikeXmppUri(trimmed))
        return Error { tr("“%1” is not an xmpp: link.").arg(trimmed.left(80)) };
    if (trimmed.size() > MaxXmppUriLength)
        return Error { tr("The xmpp: link is too long.") };

    QStringView rest = QStringView(trimmed).mid(Scheme.size());
    if (const qsizetype hash = rest.indexOf(u'#'); hash >= 0)
        rest.truncate(hash); // a fragment means nothing for a chat
    QStringView query;
    if (const qsizetype question = rest.indexOf(u'?'); question >= 0) {
        query = rest.mid(question + 1);
        rest.truncate(question);
    }
    if (rest.startsWith(QStringLiteral("//"))) {
        // xmpp://account@host/target: the account that should act. Jabberwock
        // acts as the profile's account; only the target matters.
        const qsizetype slash = rest.indexOf(u'/', 2);
        if (slash < 0 || slash + 1 == rest.size())
            return Error { tr("The link names an account but no one to chat with.") };
        rest = rest.mid(slash + 1);
    }
    if (rest.isEmpty())
        return Error { tr("The link names no one to chat with: it should look like xmpp:name@example.org.") };

    // Split before decoding: an encoded "@" or "/" is part of a name, not a separator.
    QStringView resourcePart;
    const qsizetype slash = rest.indexOf(u'/');
    if (slash >= 0) {
        resourcePart = rest.mid(slash + 1);
        rest.truncate(slash);
    }
    QStringView localPart;
    QStringView domainPart = rest;
    const qsizetype at = rest.indexOf(u'@');
    if (at >= 0) {
        localPart = rest.left(at);
        domainPart = rest.mid(at + 1);
    }
    auto local = decode(localPart);
    if (!local)
        return local.error();
    auto domain = decode(domainPart);
    if (!domain)
        return domain.error();
    auto resource = decode(resourcePart);
    if (!resource)
        return resource.error();
    for (const QChar c : { u'@', u'/' }) {
        if (local->contains(c) || domain->contains(c))
            return Error { tr("The address in the link contains “%1”, which no XMPP address can.").arg(c) };
    }
    // RFC 7622 compares names in Unicode normalisation form C.
    const auto unicode = unicodeDomain(domain->normalized(QString::NormalizationForm_C));
    if (!unicode)
        return Error { tr("“%1” in the link is not a valid server name.").arg(domain.value()) };

    QString address = *unicode;
    if (at >= 0)
        address = local->normalized(QString::NormalizationForm_C) + u'@' + address;
    if (slash >= 0) {
        // Validated (its length, that it is not empty), then dropped.
        if (auto full = parseAddress(address + u'/' + resource.value()); !full)
            return full.error();
    }
    auto bare = parsePersonAddress(address);
    if (!bare)
        return bare.error();

    XmppUri uri;
    uri.jid = bare.value();
    if (query.isEmpty())
        return uri;
    const auto pairs = query.split(u';');
    auto action = decode(pairs.first());
    if (!action)
        return action.error();
    uri.action = action->toLower();
    if (uri.action == u"invite")
        return Error { tr("The link asks to invite someone to a group chat (?invite); open the room and "
                          "invite them from there.") };
    if (uri.action != u"message" && !uri.isJoin())
        return uri; // RFC 5122 §2.5: an action we do not take is ignored; the chat opens
    // ?message: body; ?join (XEP-0045 §17.4): password. The first of each counts.
    const QString wanted = uri.isJoin() ? QStringLiteral("password") : QStringLiteral("body");
    bool haveValue = false;
    for (qsizetype i = 1; i < pairs.size(); ++i) {
        const QStringView pair = pairs.at(i);
        const qsizetype equals = pair.indexOf(u'=');
        auto key = decode(equals < 0 ? pair : pair.left(equals));
        if (!key)
            return key.error();
        auto value = decode(equals < 0 ? QStringView() : pair.mid(equals + 1));
        if (!value)
            return value.error();
        // subject, thread, type, from, id: accepted; a draft has no place for them.
        if (key.value() == wanted && !haveValue) {
            haveValue = true;
            (uri.isJoin() ? uri.password : uri.body) = value.value();
        }
    }
    return uri;
}

} // namespace Jw
