#pragma once

// Internal to core: IQs for what QXmpp 1.10 has no class for (bookmarks,
// room self-pings and configuration), with the payload built as DOM.

#include <QDomDocument>
#include <QDomElement>
#include <QXmppIq.h>

class QXmlStreamWriter;

namespace Jw {

/// An IQ carrying one hand-built payload element.
class RawIq final : public QXmppIq
{
public:
    /// `payload` may be null (an IQ without a payload, as a result).
    RawIq(QXmppIq::Type type, const QString &to, const QDomElement &payload);

protected:
    void toXmlElementFromChild(QXmlStreamWriter *writer) const override;

private:
    QDomDocument m_document; ///< owns the copy of the payload
    QDomElement m_payload;
};

/// Writes `element` and everything below it; a namespace is declared where
/// it differs from the parent's.
void writeElement(QXmlStreamWriter *writer, const QDomElement &element, const QString &parentNamespace = {});

/// A small builder for payloads: `Xml::element(doc, ns, name)` and
/// `Xml::child(parent, name)` (the child takes the parent's namespace).
namespace Xml {
QDomElement element(QDomDocument &document, const QString &ns, const QString &name);
QDomElement child(QDomElement &parent, const QString &name, const QString &text = {});
QDomElement child(QDomElement &parent, const QString &ns, const QString &name, const QString &text);
} // namespace Xml

} // namespace Jw
