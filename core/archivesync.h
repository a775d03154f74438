#pragma once

#include <functional>

// Internal to core: XEP-0313 archive catch-up. Not for ui/.

#include <QXmppClientExtension.h>

#include <QDateTime>
#include <QPointer>
#include <QSet>

class QXmppMessage;
class QXmppMamQueryIq;

namespace Jw {

/// Fetches what the server archived since the last archive id we stored
/// (XEP-0313), page by page.
///
/// QXmpp's MAM manager checks neither who sent a result nor, on its signal
/// path, the query id (Dino's CVE-2019-16237 is this bug). Results are
/// handled here instead: a result counts only when it comes from our own
/// account (or our server on its behalf, with no from) and answers a query
/// we are running. Anything else is dropped.
class ArchiveSync final : public QXmppClientExtension
{
    Q_OBJECT

public:
    ArchiveSync();

    void setAccount(const QString &bareJid) { m_own = bareJid; }
    /// Starts a catch-up after `afterId`, oldest first, to the end.
    /// Without an id (a first sign-in on this device) it reads the newest
    /// slice instead: from the newest message back to `since`, at most
    /// `maxPages` pages (0: no limit). Then pageDone gives an empty lastId
    /// until the last page, whose lastId is the newest id of the slice (the
    /// position to continue from), so a slice cut short is read again.
    void start(const QString &afterId, const QDateTime &since, int maxPages = 0);
    bool isRunning() const { return !m_running.isEmpty(); }

    bool handleStanza(const QDomElement &stanza) override;

Q_SIGNALS:
    void messageFetched(const QXmppMessage &message, const QString &archiveId, const QDateTime &stamp);
    /// A page ended; `lastId` is the newest archive id in it.
    void pageDone(const QString &lastId, bool complete);
    void failed(const QString &reason);
    void droppedSpoofedResult(const QString &from);

private:
    void requestPage(const QString &afterId, const QDateTime &since);
    void requestOlderPage(const QString &beforeId);
    QXmppMamQueryIq query(const QString &queryId, const QDateTime &since) const;
    /// Sends a query and hands its <fin/> to `onFin`; an error ends the sync with failed().
    void send(QXmppMamQueryIq &&iq, const QString &queryId, std::function<void(const QDomElement &fin)> onFin);

    QString m_own;
    QSet<QString> m_running; ///< query ids we are waiting for
    int m_pageSize = 250;
    // The newest slice, read backwards (a first sign-in).
    QDateTime m_sliceSince;
    int m_slicePagesLeft = 0;
    QString m_sliceNewest;
};

} // namespace Jw

namespace Jw {

class Transport;
struct Message;

/// The account's archive catch-up (XEP-0313) over its connection: an
/// ArchiveSync on each client, and the results as our messages.
class Archive final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Archive)

public:
    explicit Archive(Transport *transport, QObject *parent = nullptr);

    /// Fetches what the archive holds after `afterId`, or, when no id is
    /// known yet, the newest slice back to `since`, at most `maxPages` pages
    /// (0: all; see ArchiveSync::start). Results arrive as messageFetched
    /// (flagged as arrived offline), then pageDone for each page. False when
    /// it cannot start now (not online, or one is running).
    bool catchUp(const QString &afterId, const QDateTime &since, int maxPages = 0);

Q_SIGNALS:
    void messageFetched(const Jw::Message &message);
    /// A page of results was handed out; `lastId` is its newest archive id.
    void pageDone(const QString &lastId, bool complete);
    void failed(const QString &reason);

private:
    void attach();

    Transport *const m_transport;
    QPointer<ArchiveSync> m_sync; ///< on the current client
};

} // namespace Jw
