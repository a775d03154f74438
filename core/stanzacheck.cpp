#include "stanzacheck.h"

#include "address.h"
#include "xmlns.h"

#include <QDomElement>
#include <QList>

namespace Jw {
namespace {

/// A message carried inside `stanza` (carbon or archive result), with the
/// <forwarded/> around it.
struct Carried
{
    QDomElement forwarded;
    QDomElement message;
    bool fromArchive = false;
};

QList<Carried> carriedMessages(const QDomElement &stanza)
{
    QList<Carried> carried;
    if (stanza.tagName() != u"message")
        return carried;
    for (QDomElement child = stanza.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        const bool carbon = child.namespaceURI() == Ns::Carbons
            && (child.tagName() == u"received" || child.tagName() == u"sent");
        const bool archive = child.namespaceURI() == Ns::Mam && child.tagName() == u"result";
        if (!carbon && !archive)
            continue;
        const QDomElement forwarded = child.firstChildElement(QStringLiteral("forwarded"));
        if (forwarded.namespaceURI() != Ns::Forward)
            continue;
        const QDomElement message = forwarded.firstChildElement(QStringLiteral("message"));
        if (!message.isNull())
            carried.append({ forwarded, message, archive });
    }
    return carried;
}

bool isValid(const QString &address)
{
    return address.isEmpty() || parseAddress(address).ok();
}

std::optional<QString> firstInvalid(const QDomElement &element)
{
    for (const QString &attribute : { QStringLiteral("from"), QStringLiteral("to") }) {
        const QString address = element.attribute(attribute);
        if (!isValid(address))
            return address;
    }
    return std::nullopt;
}

/// The items of a roster or blocklist push (`<item jid=…/>`).
std::optional<QString> invalidItem(const QDomElement &iq)
{
    for (QDomElement payload = iq.firstChildElement(); !payload.isNull(); payload = payload.nextSiblingElement()) {
        const QString ns = payload.namespaceURI();
        if (ns != Ns::Roster && ns != Ns::Blocking)
            continue;
        for (QDomElement item = payload.firstChildElement(QStringLiteral("item")); !item.isNull();
            item = item.nextSiblingElement(QStringLiteral("item"))) {
            const QString jid = item.attribute(QStringLiteral("jid"));
            // An item must name someone: an empty jid is as bad as a malformed one.
            if (jid.isEmpty() || !parseAddress(jid).ok())
                return jid;
        }
    }
    return std::nullopt;
}

int removeDelaysOf(QDomElement parent, const QString &ownBareJid)
{
    QList<QDomElement> untrusted;
    for (QDomElement child = parent.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        const bool delay = (child.tagName() == u"delay" && child.namespaceURI() == Ns::Delay)
            || (child.tagName() == u"x" && child.namespaceURI() == Ns::LegacyDelay);
        if (delay && !StanzaRules::isTrustedDelaySource(child.attribute(QStringLiteral("from")), ownBareJid))
            untrusted.append(child);
    }
    for (QDomElement &element : untrusted)
        parent.removeChild(element);
    return int(untrusted.size());
}

QString forLog(const QString &address)
{
    return address.size() > 80 ? address.left(80) + QStringLiteral("… (%1 characters)").arg(address.size()) : address;
}

} // namespace

namespace StanzaRules {

std::optional<QString> invalidAddress(const QDomElement &stanza)
{
    if (auto bad = firstInvalid(stanza))
        return bad;
    const auto carried = carriedMessages(stanza);
    for (const Carried &c : carried) {
        if (auto bad = firstInvalid(c.message))
            return bad;
    }
    if (stanza.tagName() == u"iq") {
        const QString type = stanza.attribute(QStringLiteral("type"));
        if (type == u"set" || type == u"result") {
            if (auto bad = invalidItem(stanza))
                return bad;
        }
    }
    return std::nullopt;
}

bool isChatFromServer(const QDomElement &stanza)
{
    if (stanza.tagName() != u"message")
        return false;
    const QString type = stanza.attribute(QStringLiteral("type"));
    if (type == u"error" || type == u"groupchat" || type == u"headline")
        return false;
    const QString from = bareOf(stanza.attribute(QStringLiteral("from")));
    return !from.isEmpty() && !from.contains(u'@')
        && !stanza.firstChildElement(QStringLiteral("body")).isNull();
}

bool isTrustedDelaySource(const QString &from, const QString &ownBareJid)
{
    if (from.isEmpty())
        return false;
    const auto own = parseAddress(ownBareJid);
    const auto source = parseAddress(from);
    if (!own || !source || !source->resource.isEmpty())
        return false;
    return source->bare() == own->bare() || (source->local.isEmpty() && source->domain == own->domain);
}

int removeUntrustedDelays(const QDomElement &stanza, const QString &ownBareJid)
{
    if (stanza.tagName() != u"message")
        return 0;
    int removed = removeDelaysOf(stanza, ownBareJid);
    const auto carried = carriedMessages(stanza);
    for (const Carried &c : carried) {
        removed += removeDelaysOf(c.message, ownBareJid);
        // An archive result's stamp is the archive's (ArchiveSync checks that
        // the result is from our own archive); a carbon's is not special.
        if (!c.fromArchive)
            removed += removeDelaysOf(c.forwarded, ownBareJid);
    }
    return removed;
}

} // namespace StanzaRules

StanzaCheck::StanzaCheck()
{
    m_burstEnd.setSingleShot(true);
    m_burstEnd.setInterval(10'000);
    connect(&m_burstEnd, &QTimer::timeout, this, &StanzaCheck::reportBurst);
}

bool StanzaCheck::handleStanza(const QDomElement &stanza)
{
    const QString tag = stanza.tagName();
    if (tag != u"message" && tag != u"presence" && tag != u"iq")
        return false;
    if (const auto bad = StanzaRules::invalidAddress(stanza)) {
        refuse(*bad, QStringLiteral("not a valid address (RFC 7622)"));
        return true; // handled: nobody after us sees it
    }
    if (StanzaRules::isChatFromServer(stanza)) {
        refuse(stanza.attribute(QStringLiteral("from")), QStringLiteral("a server, not a person, cannot start a chat"));
        return true;
    }
    StanzaRules::removeUntrustedDelays(stanza, m_own);
    return false;
}

void StanzaCheck::refuse(const QString &address, const QString &reason)
{
    ++m_refused;
    Q_EMIT refused(address, reason);
    // Once per burst: a flood of bad stanzas must not become a flood of log lines.
    if (m_burstEnd.isActive()) {
        ++m_unreported;
        return;
    }
    qWarning("refused a stanza from \"%s\": %s", qPrintable(forLog(address)), qPrintable(reason));
    m_burstEnd.start();
}

void StanzaCheck::reportBurst()
{
    if (m_unreported > 0)
        qWarning("refused %d more stanzas with unusable addresses in the last 10 s", m_unreported);
    m_unreported = 0;
}

} // namespace Jw
