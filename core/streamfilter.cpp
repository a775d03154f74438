#include "streamfilter.h"

#include <QRandomGenerator>
#include <QXmlStreamReader>

namespace Jw {
namespace {

constexpr QStringView StreamNs = u"http://etherx.jabber.org/streams";
constexpr QStringView StreamErrorNs = u"urn:ietf:params:xml:ns:xmpp-streams";
constexpr QStringView SaslNs = u"urn:ietf:params:xml:ns:xmpp-sasl";
constexpr QStringView Sasl2Ns = u"urn:xmpp:sasl:2";
constexpr QStringView StreamManagementNsPrefix = u"urn:xmpp:sm:";

// Appends ASCII UTF-16 units as bytes.
void appendAsciiRun(QByteArray &out, const char16_t *from, qsizetype count)
{
    if (count <= 0)
        return;
    const qsizetype old = out.size();
    out.resize(old + count); // grows geometrically
    char *to = out.data() + old;
    for (qsizetype i = 0; i < count; ++i)
        to[i] = char(from[i]);
}

void appendCharacterReference(QByteArray &out, char32_t codePoint)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    char digits[8];
    int n = 0;
    do {
        digits[n++] = hex[codePoint & 0xF];
        codePoint >>= 4;
    } while (codePoint != 0);
    out += "&#x";
    while (n > 0)
        out += digits[--n];
    out += ';';
}

void appendName(QByteArray &out, QStringView name)
{
    // Names cannot be written as references; they are ASCII in every XMPP
    // namespace, and anything else passes as UTF-8.
    out += name.toUtf8();
}

qint64 utf8Length(QStringView text)
{
    qint64 bytes = 0;
    for (const QChar c : text)
        bytes += c.unicode() < 0x80 ? 1 : c.unicode() < 0x800 || c.isSurrogate() ? 2 : 3;
    return bytes;
}

} // namespace

QString oversizedMessageNamespace()
{
    return QStringLiteral("urn:jabberwock:oversized:0");
}

QString oversizedMessageKey()
{
    static const QString key = [] {
        QString k;
        for (int i = 0; i < 4; ++i)
            k += QString::number(QRandomGenerator::system()->generate(), 16).rightJustified(8, u'0');
        return k;
    }();
    return key;
}

qsizetype utf8CompletePrefixLength(QByteArrayView bytes) noexcept
{
    const qsizetype size = bytes.size();
    // A UTF-8 sequence is at most four bytes, so an incomplete one at the end
    // starts with a lead byte among the last three.
    for (qsizetype back = 1; back <= 3 && back <= size; ++back) {
        const auto byte = uchar(bytes[size - back]);
        if ((byte & 0xC0) == 0x80)
            continue; // a continuation byte: the lead is further back
        int length = 1; // ASCII, or a byte that never starts a valid sequence
        if (byte >= 0xC2 && byte <= 0xDF)
            length = 2;
        else if (byte >= 0xE0 && byte <= 0xEF)
            length = 3;
        else if (byte >= 0xF0 && byte <= 0xF4)
            length = 4;
        if (length <= back)
            return size; // complete, or invalid: nothing to wait for
        if (back >= 2) {
            // Hold back only what the next read can still make valid
            // (no overlong forms, no surrogates, nothing above U+10FFFF).
            const auto second = uchar(bytes[size - back + 1]);
            const bool valid = (byte == 0xE0) ? second >= 0xA0
                : (byte == 0xED)              ? second <= 0x9F
                : (byte == 0xF0)              ? second >= 0x90
                : (byte == 0xF4)              ? second <= 0x8F
                                              : true;
            if (!valid)
                return size;
        }
        return size - back;
    }
    return size; // empty, or only continuation bytes: complete or invalid
}

void appendXmlEscapedAscii(QByteArray &out, QStringView text, bool attribute)
{
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    qsizetype run = 0; // start of the plain ASCII not yet appended
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = p[i];
        const char *entity = nullptr;
        if (c < 0x80) {
            switch (c) {
            case u'&':
                entity = "&amp;";
                break;
            case u'<':
                entity = "&lt;";
                break;
            case u'>':
                // Always escaped: QXmpp 1.10 finds the stream header with a
                // regular expression that stops at the first '>' or "?>".
                entity = "&gt;";
                break;
            case u'\r':
                entity = "&#xD;"; // a literal CR would be normalised away
                break;
            case u'\'':
                entity = attribute ? "&apos;" : nullptr;
                break;
            case u'\t':
                entity = attribute ? "&#x9;" : nullptr; // attribute values are
                break;
            case u'\n':
                entity = attribute ? "&#xA;" : nullptr; // normalised to spaces
                break;
            default:
                break;
            }
            if (!entity)
                continue;
        }
        appendAsciiRun(out, p + run, i - run);
        if (entity) {
            out += entity;
        } else {
            char32_t codePoint = c;
            if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(p[i + 1])) {
                codePoint = QChar::surrogateToUcs4(c, p[i + 1]);
                ++i;
            } else if (QChar::isSurrogate(c)) {
                codePoint = 0xFFFD; // cannot come from decoded UTF-8
            }
            appendCharacterReference(out, codePoint);
        }
        run = i + 1;
    }
    appendAsciiRun(out, p + run, n - run);
}

bool parseHostAndPort(const QString &text, QString &host, quint16 &port)
{
    const QString value = text.trimmed();
    QString portText;
    if (value.startsWith(u'[')) {
        const qsizetype close = value.indexOf(u']');
        if (close < 0)
            return false;
        host = value.mid(1, close - 1);
        const QString rest = value.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return false;
            portText = rest.mid(1);
        }
    } else {
        const qsizetype colon = value.indexOf(u':');
        if (colon >= 0 && value.indexOf(u':', colon + 1) >= 0)
            return false; // an IPv6 address must be in brackets
        host = colon < 0 ? value : value.left(colon);
        if (colon >= 0)
            portText = value.mid(colon + 1);
    }
    port = 0;
    if (!portText.isNull()) {
        bool ok = false;
        const uint number = portText.toUInt(&ok);
        if (!ok || number == 0 || number > 65535)
            return false;
        port = quint16(number);
    }
    for (const QChar c : std::as_const(host)) {
        if (c.isSpace() || c == u'/' || c == u'@')
            return false;
    }
    return !host.isEmpty();
}

ServerStreamFilter::ServerStreamFilter()
    : ServerStreamFilter(Limits())
{
}

ServerStreamFilter::ServerStreamFilter(Limits limits)
    : m_limits(limits)
    , m_reader(std::make_unique<QXmlStreamReader>())
{
}

ServerStreamFilter::~ServerStreamFilter() = default;

void ServerStreamFilter::feed(QByteArrayView bytes, QByteArray &out)
{
    if (m_outcome != Outcome::Open || bytes.isEmpty())
        return;
    // Decode only whole characters; keep an incomplete one for the next read.
    m_undecoded.append(bytes);
    const qsizetype complete = utf8CompletePrefixLength(m_undecoded);
    if (complete == 0)
        return;
    const QString text = QString::fromUtf8(QByteArrayView(m_undecoded).first(complete));
    m_undecoded.remove(0, complete);

    if (m_sinceBoundary + text.size() > m_limits.maxElementCharacters) {
        fail(QStringLiteral("policy-violation"),
            QStringLiteral("the server sent a stanza larger than %1 characters").arg(m_limits.maxElementCharacters));
        return;
    }
    m_sinceBoundary += text.size();
    m_reader->addData(text);
    m_fed += text.size();
    m_lastFed = text;
    process(out);
}

void ServerStreamFilter::clientSent(QByteArrayView bytes)
{
    static constexpr QByteArrayView Tag = "<resume";
    QByteArray window = m_clientTail;
    window.append(bytes);
    for (qsizetype at = window.indexOf(Tag); at >= 0; at = window.indexOf(Tag, at + 1)) {
        const qsizetype next = at + Tag.size();
        if (next >= window.size())
            break; // "<resume" at the very end: decided with the next write
        const char c = window.at(next);
        if (c == ' ' || c == '/' || c == '>' || c == '\t' || c == '\n' || c == '\r')
            m_resumeRequested = true;
    }
    // Keep what could be the start of a tag cut by this write.
    m_clientTail = window.right(Tag.size());
}

void ServerStreamFilter::process(QByteArray &out)
{
    while (m_outcome == Outcome::Open) {
        if (m_restartPending) {
            restartStream();
            if (m_outcome != Outcome::Open)
                return;
        }
        switch (m_reader->readNext()) {
        case QXmlStreamReader::NoToken:
            return;
        case QXmlStreamReader::Invalid:
            if (m_reader->error() != QXmlStreamReader::PrematureEndOfDocumentError)
                fail(QStringLiteral("not-well-formed"), m_reader->errorString());
            return; // or wait for more
        case QXmlStreamReader::StartDocument:
            // The declaration is optional; QXmpp 1.10 accepts the stream
            // header with or without one.
            out += "<?xml version='1.0'?>";
            break;
        case QXmlStreamReader::EndDocument:
            m_outcome = Outcome::Closed;
            return;
        case QXmlStreamReader::StartElement:
            onStartElement(out);
            break;
        case QXmlStreamReader::EndElement:
            onEndElement(out);
            break;
        case QXmlStreamReader::Characters:
            onCharacters(out);
            break;
        case QXmlStreamReader::Comment:
            break; // not allowed in XMPP; harmless when dropped
        case QXmlStreamReader::DTD:
            fail(QStringLiteral("restricted-xml"), QStringLiteral("the server sent a document type declaration"));
            return;
        case QXmlStreamReader::EntityReference:
            fail(QStringLiteral("restricted-xml"), QStringLiteral("the server sent an entity reference"));
            return;
        case QXmlStreamReader::ProcessingInstruction:
            fail(QStringLiteral("restricted-xml"), QStringLiteral("the server sent a processing instruction"));
            return;
        }
    }
}

void ServerStreamFilter::onStartElement(QByteArray &out)
{
    const QXmlStreamReader &r = *m_reader;
    if (m_depth == 0) {
        if (r.name() != u"stream" || r.namespaceUri() != StreamNs) {
            fail(QStringLiteral("invalid-namespace"), QStringLiteral("the server did not open an XMPP stream"));
            return;
        }
    } else if (m_depth > m_limits.maxDepth) {
        fail(QStringLiteral("policy-violation"),
            QStringLiteral("the server nested elements deeper than %1").arg(m_limits.maxDepth));
        return;
    }
    if (!m_skipping)
        closePendingStartTag(m_element);
    ++m_depth;
    if (m_depth == 2) {
        m_element.resize(0);
        m_special = Special::None;
        m_sawSeeOtherHost = false;
        m_inlineResumeFailed = false;
        m_elementStart = r.characterOffset();
        if (r.name() == u"message") {
            m_special = Special::Message;
            m_textUtf8 = 0;
            m_standInAttributes.clear();
            m_innerFrom.clear();
            m_innerTo.clear();
            for (const char *name : { "from", "to", "id", "type" }) {
                const QString value = r.attributes().value(QLatin1StringView(name)).toString();
                if (value.isEmpty())
                    continue;
                m_standInAttributes += ' ';
                m_standInAttributes += name;
                m_standInAttributes += "='";
                appendXmlEscapedAscii(m_standInAttributes, value, true);
                m_standInAttributes += '\'';
            }
        } else if (r.name() == u"success" && r.namespaceUri() == SaslNs)
            m_special = Special::SaslSuccess; // the stream restarts after it
        else if (r.name() == u"success" && r.namespaceUri() == Sasl2Ns)
            m_special = Special::Sasl2Success; // no restart; may answer an inline <resume/>
        else if (r.name() == u"error" && r.namespaceUri() == StreamNs)
            m_special = Special::StreamError;
        // XEP-0198: QXmpp 1.10 asks to resume right after authenticating; a
        // <failed/> answers that only when it did ask (else it answers an
        // <enable/>, or nothing: QXmpp's to handle either way).
        else if (r.name() == u"failed" && r.namespaceUri().startsWith(StreamManagementNsPrefix)
            && m_authenticated && m_resumeRequested)
            m_special = Special::SmFailed;
        else if (r.name() == u"resumed" && r.namespaceUri().startsWith(StreamManagementNsPrefix))
            m_special = Special::SmResumed;
    } else if (m_special == Special::Message && r.name() == u"message" && m_innerFrom.isEmpty()) {
        m_innerFrom = r.attributes().value(u"from").toString();
        m_innerTo = r.attributes().value(u"to").toString();
    } else if (m_depth == 3 && m_special == Special::Sasl2Success && m_resumeRequested && r.name() == u"failed"
        && r.namespaceUri().startsWith(StreamManagementNsPrefix)) {
        m_inlineResumeFailed = true; // XEP-0198 §4 in SASL2: the inline resume was refused
    } else if (m_depth == 3 && m_special == Special::StreamError && r.name() == u"see-other-host"
        && r.namespaceUri() == StreamErrorNs) {
        m_inSeeOtherHost = true;
        m_sawSeeOtherHost = true;
        m_seeOtherHost.clear();
    }

    // XEP-0198: QXmpp 1.10 would connect to a resumption `location` itself,
    // bypassing the guard, without TLS. Resuming through the guard works.
    const bool dropLocation = r.name() == u"enabled" && r.namespaceUri().startsWith(StreamManagementNsPrefix);
    checkMessageSize();
    if (m_skipping)
        return;

    QByteArray &to = m_depth == 1 ? out : m_element;
    to += '<';
    appendName(to, r.qualifiedName());
    const auto declarations = r.namespaceDeclarations();
    for (const QXmlStreamNamespaceDeclaration &declaration : declarations) {
        to += " xmlns";
        if (!declaration.prefix().isEmpty()) {
            to += ':';
            appendName(to, declaration.prefix());
        }
        to += "='";
        appendXmlEscapedAscii(to, declaration.namespaceUri(), true);
        to += '\'';
    }
    const auto attributes = r.attributes();
    for (const QXmlStreamAttribute &attribute : attributes) {
        if (dropLocation && attribute.qualifiedName() == u"location")
            continue;
        to += ' ';
        appendName(to, attribute.qualifiedName());
        to += "='";
        appendXmlEscapedAscii(to, attribute.value(), true);
        to += '\'';
    }
    if (m_depth == 1) {
        to += '>'; // the stream header stays open
        markBoundary();
    } else {
        m_startTagOpen = true; // ">" or "/>" depends on what comes next
    }
}

void ServerStreamFilter::onEndElement(QByteArray &out)
{
    if (m_depth <= 1) {
        out += "</";
        appendName(out, m_reader->qualifiedName());
        out += '>';
        m_depth = 0;
        m_outcome = Outcome::Closed;
        return;
    }
    if (m_skipping) {
        // Nothing of it is kept.
    } else if (m_startTagOpen) {
        m_element += "/>";
        m_startTagOpen = false;
    } else {
        m_element += "</";
        appendName(m_element, m_reader->qualifiedName());
        m_element += '>';
    }
    if (m_depth == 3)
        m_inSeeOtherHost = false;
    --m_depth;
    if (m_depth > 1)
        return;

    // A top-level element is complete.
    if (m_special == Special::StreamError && m_sawSeeOtherHost) {
        // Never passed on: QXmpp 1.10 would follow it on its own, without TLS.
        m_element.resize(0);
        if (parseHostAndPort(m_seeOtherHost, m_redirectHost, m_redirectPort)) {
            m_outcome = Outcome::Redirected;
        } else {
            m_outcome = Outcome::Failed;
            m_error = QStringLiteral("the server redirected to an invalid address “%1”").arg(m_seeOtherHost);
        }
        return;
    }
    if (m_skipping) {
        m_skipping = false;
        appendStandIn(out);
        markBoundary();
        return;
    }
    if (m_special == Special::SmFailed || (m_special == Special::Sasl2Success && m_inlineResumeFailed)) {
        m_element.resize(0);
        m_resumeRequested = false;
        m_outcome = Outcome::ResumeFailed;
        return;
    }
    if (m_special == Special::SmResumed || m_special == Special::Sasl2Success)
        m_resumeRequested = false; // answered: resumed, or (SASL2) no refusal inside
    if (m_special == Special::Sasl2Success)
        m_authenticated = true;
    out += m_element;
    m_element.resize(0);
    if (m_special == Special::SaslSuccess) {
        m_restartPending = true;
        m_authenticated = true;
    }
    markBoundary();
}

void ServerStreamFilter::onCharacters(QByteArray &out)
{
    const QStringView text = m_reader->text();
    if (m_depth <= 1) {
        // Between stanzas only whitespace belongs (keep-alives): passed on
        // raw, as QXmpp 1.10 recognises a whitespace-only read. Anything else
        // is not XMPP and is dropped.
        if (m_reader->isWhitespace())
            appendAsciiRun(out, text.utf16(), text.size());
        markBoundary();
        return;
    }
    if (m_inSeeOtherHost)
        m_seeOtherHost += text;
    if (m_special == Special::Message)
        m_textUtf8 += utf8Length(text);
    checkMessageSize(); // before the text is kept, however large the reader made it
    if (m_skipping)
        return;
    closePendingStartTag(m_element);
    appendXmlEscapedAscii(m_element, text, false);
}

void ServerStreamFilter::checkMessageSize()
{
    if (m_special != Special::Message || m_skipping
        || m_reader->characterOffset() - m_elementStart <= m_limits.maxMessageCharacters)
        return;
    // Too large for the rest of the path: what was kept goes, the rest is
    // read and dropped; its size is counted as text the person would read.
    m_skipping = true;
    m_element = QByteArray();
    m_startTagOpen = false;
}

void ServerStreamFilter::appendStandIn(QByteArray &out)
{
    out += "<message xmlns='jabber:client'";
    out += m_standInAttributes;
    out += "><oversized xmlns='";
    appendXmlEscapedAscii(out, oversizedMessageNamespace(), true);
    out += "' key='";
    appendXmlEscapedAscii(out, oversizedMessageKey(), true);
    out += "' bytes='";
    out += QByteArray::number(m_textUtf8);
    out += '\'';
    if (!m_innerFrom.isEmpty()) {
        out += " from='";
        appendXmlEscapedAscii(out, m_innerFrom, true);
        out += '\'';
    }
    if (!m_innerTo.isEmpty()) {
        out += " to='";
        appendXmlEscapedAscii(out, m_innerTo, true);
        out += '\'';
    }
    out += "/></message>";
}

void ServerStreamFilter::closePendingStartTag(QByteArray &target)
{
    if (m_startTagOpen) {
        target += '>';
        m_startTagOpen = false;
    }
}

void ServerStreamFilter::markBoundary()
{
    // What the reader has not yet turned into tokens counts towards the next element.
    m_sinceBoundary = qMax<qint64>(0, m_fed - m_reader->characterOffset());
}

void ServerStreamFilter::restartStream()
{
    // RFC 6120 §6.4.6: after SASL success both sides start a new stream,
    // a new XML document. The server sends nothing until the client has
    // restarted, but whatever the old reader holds unread is carried over.
    const qint64 unread = m_fed - m_reader->characterOffset();
    if (unread > m_lastFed.size()) {
        fail(QStringLiteral("internal-server-error"), QStringLiteral("the stream could not be restarted"));
        return;
    }
    const QString rest = unread > 0 ? m_lastFed.right(unread) : QString();
    m_reader = std::make_unique<QXmlStreamReader>();
    m_restartPending = false;
    m_depth = 0;
    m_fed = 0;
    m_lastFed = rest;
    m_sinceBoundary = rest.size();
    if (!rest.isEmpty()) {
        m_reader->addData(rest);
        m_fed = rest.size();
    }
}

void ServerStreamFilter::fail(const QString &condition, const QString &error)
{
    m_outcome = Outcome::Failed;
    m_condition = condition;
    m_error = error;
    m_element.clear();
}

} // namespace Jw
