#include "archivesync.h"

#include "address.h"
#include "stanzas.h"
#include "transport.h"
#include "types.h"
#include "xmlns.h"

#include <QXmppClient.h>
#include <QXmppDataForm.h>
#include <QXmppMamIq.h>
#include <QXmppMessage.h>
#include <QXmppResultSet.h>
#include <QXmppTask.h>

#include <QCoreApplication>
#include <QDomElement>
#include <QUuid>

#include <limits>

namespace Jw {
ArchiveSync::ArchiveSync() = default;

void ArchiveSync::start(const QString &afterId, const QDateTime &since, int maxPages)
{
    if (!afterId.isEmpty()) {
        requestPage(afterId, since);
        return;
    }
    // Newest first: a bound on pages must drop the oldest, never the newest.
    m_sliceSince = since;
    m_slicePagesLeft = maxPages > 0 ? maxPages : std::numeric_limits<int>::max();
    m_sliceNewest.clear();
    requestOlderPage({});
}

QXmppMamQueryIq ArchiveSync::query(const QString &queryId, const QDateTime &since) const
{
    QXmppMamQueryIq iq;
    iq.setType(QXmppIq::Set);
    iq.setQueryId(queryId);
    QXmppDataForm form(QXmppDataForm::Submit);
    QList<QXmppDataForm::Field> fields;
    fields.append(QXmppDataForm::Field(QXmppDataForm::Field::HiddenField, QStringLiteral("FORM_TYPE"), Ns::Mam));
    if (since.isValid()) {
        fields.append(QXmppDataForm::Field(QXmppDataForm::Field::TextSingleField, QStringLiteral("start"),
            since.toUTC().toString(Qt::ISODate)));
    }
    form.setFields(fields);
    iq.setForm(form);
    return iq;
}

void ArchiveSync::requestOlderPage(const QString &beforeId)
{
    const QString queryId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QXmppMamQueryIq iq = query(queryId, m_sliceSince);
    QXmppResultSetQuery rsm;
    rsm.setMax(m_pageSize);
    rsm.setBefore(beforeId.isEmpty() ? QStringLiteral("") : beforeId); // empty <before/>: the last page
    iq.setResultSetQuery(rsm);
    --m_slicePagesLeft;

    send(std::move(iq), queryId, [this](const QDomElement &fin) {
        const QDomElement set = fin.firstChildElement(QStringLiteral("set"));
        const QString first = set.firstChildElement(QStringLiteral("first")).text();
        const QString last = set.firstChildElement(QStringLiteral("last")).text();
        if (m_sliceNewest.isEmpty())
            m_sliceNewest = last; // the first page asked is the newest
        // Backwards, "complete" means the oldest message in range was reached.
        const bool complete = fin.attribute(QStringLiteral("complete")) == QStringLiteral("true");
        const bool more = !complete && !first.isEmpty() && m_slicePagesLeft > 0;
        Q_EMIT pageDone(more ? QString() : m_sliceNewest, !more);
        if (more)
            requestOlderPage(first);
    });
}

void ArchiveSync::requestPage(const QString &afterId, const QDateTime &since)
{
    const QString queryId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QXmppMamQueryIq iq = query(queryId, afterId.isEmpty() ? since : QDateTime());
    QXmppResultSetQuery rsm;
    rsm.setMax(m_pageSize);
    if (!afterId.isEmpty())
        rsm.setAfter(afterId);
    iq.setResultSetQuery(rsm);

    send(std::move(iq), queryId, [this, since](const QDomElement &fin) {
        const bool complete = fin.attribute(QStringLiteral("complete")) == QStringLiteral("true");
        const QString last = fin.firstChildElement(QStringLiteral("set"))
                                 .firstChildElement(QStringLiteral("last"))
                                 .text();
        Q_EMIT pageDone(last, complete || last.isEmpty());
        if (!complete && !last.isEmpty())
            requestPage(last, since);
    });
}

void ArchiveSync::send(QXmppMamQueryIq &&iq, const QString &queryId, std::function<void(const QDomElement &)> onFin)
{
    m_running.insert(queryId);
    client()->sendIq(std::move(iq)).then(this, [this, queryId, onFin = std::move(onFin)](QXmppClient::IqResult &&result) {
        m_running.remove(queryId);
        if (const auto *error = std::get_if<QXmppError>(&result)) {
            Q_EMIT failed(error->description);
            return;
        }
        onFin(std::get<QDomElement>(result).firstChildElement(QStringLiteral("fin")));
    });
}

bool ArchiveSync::handleStanza(const QDomElement &stanza)
{
    if (stanza.tagName() != QStringLiteral("message"))
        return false;
    const QDomElement result = stanza.firstChildElement(QStringLiteral("result"));
    if (result.isNull() || result.namespaceURI() != Ns::Mam)
        return false;

    // Only our own archive may answer, and only a query we are running.
    const QString from = stanza.attribute(QStringLiteral("from"));
    const QString queryId = result.attribute(QStringLiteral("queryid"));
    if ((!from.isEmpty() && bareOf(from) != bareOf(m_own)) || !m_running.contains(queryId)) {
        qWarning("archive: dropped a result from %s for query \"%s\"", qPrintable(from), qPrintable(queryId));
        Q_EMIT droppedSpoofedResult(from);
        return true;
    }
    const QDomElement forwarded = result.firstChildElement(QStringLiteral("forwarded"));
    const QDomElement inner = forwarded.firstChildElement(QStringLiteral("message"));
    if (forwarded.namespaceURI() != Ns::Forward || inner.isNull())
        return true;
    QDateTime stamp;
    const QDomElement delay = forwarded.firstChildElement(QStringLiteral("delay"));
    if (!delay.isNull() && delay.namespaceURI() == Ns::Delay)
        stamp = QDateTime::fromString(delay.attribute(QStringLiteral("stamp")), Qt::ISODateWithMs);
    QXmppMessage message;
    message.parse(inner);
    Q_EMIT messageFetched(message, result.attribute(QStringLiteral("id")), stamp);
    return true;
}

} // namespace Jw

namespace Jw {

Archive::Archive(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    attach();
    connect(m_transport, &Transport::clientReplaced, this, &Archive::attach);
}

void Archive::attach()
{
    // Before QXmpp's managers, so archive results are checked before anything else sees them.
    m_sync = new ArchiveSync;
    m_transport->addFirstInLine(m_sync);
    connect(m_sync, &ArchiveSync::messageFetched, this,
        [this](const QXmppMessage &message, const QString &archiveId, const QDateTime &stamp) {
            const auto converted = Stanzas::toMessage(message, m_transport->accountJid(), Stanzas::Origin::Archive,
                QDateTime::currentDateTimeUtc(), archiveId, stamp);
            if (converted)
                Q_EMIT messageFetched(converted.value());
        });
    connect(m_sync, &ArchiveSync::pageDone, this, &Archive::pageDone);
    connect(m_sync, &ArchiveSync::failed, this, &Archive::failed);
}

bool Archive::catchUp(const QString &afterId, const QDateTime &since, int maxPages)
{
    if (!m_transport->isOnline() || !m_sync || m_sync->isRunning())
        return false;
    m_sync->setAccount(m_transport->accountJid());
    m_sync->start(afterId, since, maxPages);
    return true;
}

} // namespace Jw
