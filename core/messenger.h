#pragma once

#include "types.h"

#include <QObject>
#include <QSet>
#include <QString>

namespace Jw {

class ChatStates;
class HistoryStore;
class ReadReceipts;
class Requests;
class Session;

/// One signed-in account as the UI sees it: binds the session to the history.
/// Every incoming message is stored before anyone is told about it; every
/// outgoing message is stored as queued before it is sent, so a crash or a
/// dropped connection loses nothing.
class Messenger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Messenger)

public:
    Messenger(HistoryStore *store, Session *session, QObject *parent = nullptr);

    HistoryStore *store() const { return m_store; }
    Session *session() const { return m_session; }
    QString accountJid() const;

    /// The name to show for a chat: the roster name, or the address.
    QString displayName(const QString &chat) const;

    /// Stores the message as queued and sends it when the session is online.
    /// Returns the message id; empty if the body is blank.
    QString sendMessage(const QString &chat, const QString &body);
    /// Sends a failed message again, with its id (the receiver can tell a repeat).
    void retry(const QString &chat, const QString &messageId);
    /// Moves the read position of a chat forward.
    void markRead(const QString &chat, qint64 upToRowId);
    /// Read positions and displayed markers (XEP-0333) of this account.
    ReadReceipts *readReceipts() const { return m_readReceipts; }
    /// Chat states (XEP-0085) both ways: typing indicators.
    ChatStates *chatStates() const { return m_chatStates; }
    /// Who people are to us, and the message-requests inbox.
    Requests *requests() const { return m_requests; }
    /// Whether receipts, chat states and displayed markers may go to `chat`
    /// (not to strangers: see Strangers::mayShareActivity).
    bool mayShareActivity(const QString &chat) const;

    /// How much of the server's archive a first sign-in on this profile
    /// reads (XEP-0313): the newest messages, back at most `days` days and
    /// at most `maxPages` pages (of 250). Later sign-ins read everything
    /// since the last one. Set before the session goes online.
    void setFirstSyncLimits(int days, int maxPages);
    /// Whether the archive catch-up of this connection is running, and how
    /// many messages it has brought so far (see archiveFetchProgress).
    bool isFetchingArchive() const { return m_fetching; }

Q_SIGNALS:
    void messageAdded(const Jw::Message &message);
    void messageChanged(const Jw::Message &message);
    void conversationChanged(const Jw::Conversation &conversation);
    /// A history error, as a sentence to show; nothing is silently dropped.
    void storageError(const QString &message);
    /// The archive catch-up: `running` while it reads (each stored page
    /// tells the count so far, `fetched`), then once with false when done.
    void archiveFetchProgress(bool running, int fetched);

private:
    void onMessageReceived(const Message &message);
    void onOnline();
    void startCatchUp();
    void beginFetch(bool started);
    void onCaughtUp();
    void saveArchivePosition(const QString &archiveId);
    void transmit(const Message &message);
    void setState(const QString &chat, const QString &id, DeliveryState state, const QString &error = {});
    void refreshConversation(const QString &chat);

    HistoryStore *const m_store;
    Session *const m_session;
    bool m_caughtUp = false; ///< the archive catch-up of this connection is done
    bool m_fetching = false; ///< the archive catch-up is running
    int m_fetched = 0; ///< archived messages stored by the running catch-up
    int m_firstSyncDays = 7;
    int m_firstSyncPages = 20;
    QSet<QString> m_inFlight; ///< ids handed to the session in this run, not yet settled
    QSet<QString> m_refreshing; ///< chats whose conversation is being read
    QSet<QString> m_refreshAgain; ///< … and that changed since that read was queued
    ReadReceipts *const m_readReceipts; ///< a child
    ChatStates *const m_chatStates; ///< a child
    Requests *const m_requests; ///< a child
};

} // namespace Jw
