#include "rawiq.h"

#include <QDomNamedNodeMap>
#include <QXmlStreamWriter>

namespace Jw {

RawIq::RawIq(QXmppIq::Type type, const QString &to, const QDomElement &payload)
    : QXmppIq(type)
{
    setTo(to);
    if (!payload.isNull())
        m_payload = m_document.importNode(payload, true).toElement();
}

void RawIq::toXmlElementFromChild(QXmlStreamWriter *writer) const
{
    if (!m_payload.isNull())
        writeElement(writer, m_payload);
}

void writeElement(QXmlStreamWriter *writer, const QDomElement &element, const QString &parentNamespace)
{
    const QString name = element.localName().isEmpty() ? element.tagName() : element.localName();
    writer->writeStartElement(name);
    const QString ns = element.namespaceURI();
    if (ns != parentNamespace && !ns.isEmpty())
        writer->writeDefaultNamespace(ns);
    const QDomNamedNodeMap attributes = element.attributes();
    for (int i = 0; i < attributes.count(); ++i) {
        const QDomAttr attribute = attributes.item(i).toAttr();
        if (attribute.name() != u"xmlns")
            writer->writeAttribute(attribute.name(), attribute.value());
    }
    for (QDomNode node = element.firstChild(); !node.isNull(); node = node.nextSibling()) {
        if (node.isElement())
            writeElement(writer, node.toElement(), ns.isEmpty() ? parentNamespace : ns);
        else if (node.isText() || node.isCDATASection())
            writer->writeCharacters(node.nodeValue());
    }
    writer->writeEndElement();
}

namespace Xml {

QDomElement element(QDomDocument &document, const QString &ns, const QString &name)
{
    QDomElement e = document.createElementNS(ns, name);
    // A free-standing element (not yet in the tree) is kept alive by its document.
    return e;
}

QDomElement child(QDomElement &parent, const QString &name, const QString &text)
{
    return child(parent, parent.namespaceURI(), name, text);
}

QDomElement child(QDomElement &parent, const QString &ns, const QString &name, const QString &text)
{
    QDomElement e = parent.ownerDocument().createElementNS(ns, name);
    if (!text.isEmpty())
        e.appendChild(parent.ownerDocument().createTextNode(text));
    parent.appendChild(e);
    return e;
}

} // namespace Xml
} // namespace Jw
