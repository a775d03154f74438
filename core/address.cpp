#include "address.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

namespace Jw {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::Address", text);
}

constexpr qsizetype MaxPartBytes = 1023;

bool isValidDomain(const QString &domain)
{
    if (domain.startsWith(u'[') && domain.endsWith(u']')) {
        QHostAddress address;
        return address.setAddress(domain.mid(1, domain.size() - 2))
            && address.protocol() == QAbstractSocket::IPv6Protocol;
    }
    if (domain.endsWith(u'.') || domain.startsWith(u'.') || domain.contains(QStringLiteral("..")))
        return false;
    const auto labels = domain.split(u'.');
    for (const QString &label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
            return false;
        for (const QChar c : label) {
            // Letters of any script (internationalised domain names), digits, hyphen.
            if (!(c.isLetterOrNumber() || c == u'-' || c.isMark()))
                return false;
        }
    }
    return true;
}

} // namespace

QString Address::bare() const
{
    return local.isEmpty() ? domain : local + u'@' + domain;
}

QString Address::full() const
{
    return resource.isEmpty() ? bare() : bare() + u'/' + resource;
}

Expected<Address> parseAddress(const QString &input)
{
    QString text = input.trimmed();
    if (text.startsWith(QStringLiteral("xmpp:"), Qt::CaseInsensitive))
        text = text.mid(5);
    if (text.isEmpty())
        return Error { tr("Enter an address such as name@example.org.") };

    Address address;
    QString rest = text;
    const qsizetype slash = rest.indexOf(u'/');
    if (slash >= 0) {
        address.resource = rest.mid(slash + 1);
        rest.truncate(slash);
        if (address.resource.isEmpty())
            return Error { tr("Nothing follows the “/” in the address.") };
        if (address.resource.toUtf8().size() > MaxPartBytes)
            return Error { tr("The part after “/” is too long.") };
    }
    const qsizetype at = rest.indexOf(u'@');
    if (at >= 0) {
        address.local = rest.left(at);
        address.domain = rest.mid(at + 1);
        if (address.local.isEmpty())
            return Error { tr("The part before “@” is empty: an address looks like name@example.org.") };
    } else {
        address.domain = rest;
    }
    if (address.domain.isEmpty())
        return Error { tr("The part after “@” is empty: an address looks like name@example.org.") };

    for (const QChar c : std::as_const(address.local)) {
        if (c.isSpace())
            return Error { tr("An address cannot contain spaces.") };
        if (c.category() == QChar::Other_Control)
            return Error { tr("The address contains a control character.") };
        if (QStringLiteral("\"&'/:<>@").contains(c))
            return Error { tr("The part before “@” cannot contain “%1”.").arg(c) };
    }
    if (address.domain.contains(u'@'))
        return Error { tr("An address has only one “@”.") };
    for (const QChar c : std::as_const(address.domain)) {
        if (c.isSpace())
            return Error { tr("An address cannot contain spaces.") };
    }
    if (address.local.toUtf8().size() > MaxPartBytes || address.domain.toUtf8().size() > MaxPartBytes)
        return Error { tr("The address is too long.") };
    if (!isValidDomain(address.domain))
        return Error { tr("“%1” is not a valid server name.").arg(address.domain) };

    address.local = address.local.toLower();
    address.domain = address.domain.toLower();
    return address;
}

Expected<QString> parsePersonAddress(const QString &input)
{
    auto parsed = parseAddress(input);
    if (!parsed)
        return parsed.error();
    if (parsed->local.isEmpty())
        return Error { tr("“%1” is a server, not a person: an address looks like name@%1.")
                           .arg(parsed->domain) };
    if (!parsed->resource.isEmpty())
        return Error { tr("Leave out the “/%1” part: chats are with a person, not one of their devices.")
                           .arg(parsed->resource) };
    return parsed->bare();
}

std::optional<OccupantAddress> occupantOf(const QString &chat)
{
    const qsizetype slash = chat.indexOf(u'/');
    if (slash <= 0 || slash == chat.size() - 1)
        return std::nullopt;
    return OccupantAddress { chat.left(slash).toLower(), chat.mid(slash + 1) };
}

QString occupantChat(const QString &room, const QString &nick)
{
    return bareOf(room) + u'/' + nick;
}

QString conversationOf(const QString &key, const std::function<bool(const QString &room)> &isRoom)
{
    const auto occupant = occupantOf(key);
    if (!occupant)
        return key;
    return isRoom && isRoom(occupant->room) ? occupantChat(occupant->room, occupant->nick) : occupant->room;
}

QString bareOf(const QString &jid)
{
    const qsizetype slash = jid.indexOf(u'/');
    return (slash < 0 ? jid : jid.left(slash)).toLower();
}

QStringList validAddresses(const QStringList &jids)
{
    QStringList valid;
    valid.reserve(jids.size());
    for (const QString &jid : jids) {
        if (parseAddress(jid).ok())
            valid.append(jid);
        else
            qWarning("ignored an unusable address from the server: \"%s\"", qPrintable(jid.left(80)));
    }
    return valid;
}

} // namespace Jw
