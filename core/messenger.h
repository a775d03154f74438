#pragma once

#include "types.h"

#include <QObject>
#include <QHash>
#include <QSet>
#include <QString>

#include <functional>

namespace Jw {

class Archive;
class ChatStates;
class DirectMessages;
class HistoryStore;
class Receipts;
class Requests;
class Transport;

/// One account's 1:1 messages: binds the protocol (DirectMessages, Receipts,
/// Archive, its children) to the history. Every incoming message is stored
/// before anyone is told about it; every outgoing message is stored as
/// queued before it is sent, so a crash or a dropped connection loses
/// nothing. Read positions and the conversation list's rows are
/// ReadPositions'.
class Messenger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Messenger)

public:
    Messenger(HistoryStore *store, Transport *transport, Requests *requests, ChatStates *chatStates,
        QObject *parent = nullptr);

    QString accountJid() const;

    /// Stores the message as queued and sends it when the session is online.
    /// Returns the message id; empty if the body is blank. `outOfBandUrl`:
    /// the link of an uploaded file the message carries (XEP-0066), the body
    /// being that link too.
    QString sendMessage(const QString &chat, const QString &body, const QString &outOfBandUrl = {});
    /// Corrects our message `messageId` (XEP-0308): the history shows
    /// `body` at once (the old text kept as a version), and the correction
    /// goes out when online. False when there is no such message of ours
    /// or the text is blank; the change arrives as messageChanged.
    void correct(const QString &chat, const QString &messageId, const QString &body);
    /// Deletes our message `messageId` for everyone (XEP-0424): the text
    /// leaves the history here and a retraction goes to the other side.
    void retract(const QString &chat, const QString &messageId);
    /// Sends `body` as an answer to the message `replyTo` (XEP-0461) with
    /// a quote of it as fallback (XEP-0428) for clients without replies.
    QString sendReply(const QString &chat, const QString &body, const Message &replyTo);
    /// Sets our reactions to the message `messageId` (XEP-0444): all of
    /// them, replacing what we reacted before (empty: none).
    void react(const QString &chat, const QString &messageId, const QStringList &emojis);
    /// Deletes a message here only; messageRemoved follows.
    void deleteLocally(const QString &chat, qint64 rowId);
    /// Sends a failed message again, with its id (the receiver can tell a repeat).
    void retry(const QString &chat, const QString &messageId);
    /// A message arrived (live, a carbon, or from the archive): stores it
    /// once, confirms it to the sender (XEP-0184) and then tells (messageAdded).
    void receive(const Message &received);

    /// How much of the server's archive a first sign-in on this profile
    /// reads (XEP-0313): the newest messages, back at most `days` days and
    /// at most `maxPages` pages (of 250). Later sign-ins read everything
    /// since the last one. Set before the session goes online.
    void setFirstSyncLimits(int days, int maxPages);
    /// Which bare addresses are rooms we know (Rooms::knows). A private
    /// message through a room (kept under the occupant's address,
    /// occupantOf) counts only through one of those; "through" anything
    /// else it is an ordinary chat with that bare address.
    void setRoomRule(std::function<bool(const QString &room)> isRoom) { m_isRoom = std::move(isRoom); }
    /// Whether the archive catch-up of this connection is running, and how
    /// many messages it has brought so far (see archiveFetchProgress).
    bool isFetchingArchive() const { return m_fetching; }
    /// Between going online and the end of the catch-up that follows
    /// (caughtUp): what arrives flagged as offline now is what waited while
    /// the account was away.
    bool isCatchingUp() const;

Q_SIGNALS:
    void messageAdded(const Jw::Message &message);
    void messageChanged(const Jw::Message &message);
    /// Deleted here only (deleteLocally).
    void messageRemoved(const QString &chat, qint64 rowId);
    /// A history error, as a sentence to show; nothing is silently dropped.
    void storageError(const QString &message);
    /// The archive catch-up: `running` while it reads (each stored page
    /// tells the count so far, `fetched`), then once with false when done.
    void archiveFetchProgress(bool running, int fetched);
    /// The catch-up after going online is over, and every message it
    /// brought was announced (messageAdded) before this.
    void caughtUp();

private:
    bool mayShareActivity(const QString &chat) const;
    void onOnline();
    void startCatchUp();
    void beginFetch(bool started);
    void onCaughtUp();
    void saveArchivePosition(const QString &archiveId);
    /// Live after catch-up: the position follows, saved once per turn.
    void followArchivePosition(const QString &archiveId);
    /// A message of ours to `chat`, queued now, with a fresh id.
    Message outgoing(const QString &chat) const;
    /// Stores `message`, then tells and sends it (sendMessage, sendReply); its id.
    QString storeAndSend(const Message &message);
    void transmit(const Message &message);
    /// Stores an edit of ours (a correction or retraction) and sends it.
    void sendEdit(const Message &edit);
    /// Sends one of our waiting edits (EditOutbox::forWire) unless it is on
    /// its way or the server has it.
    void transmitEdit(const Message &edit);
    /// The server has our edit `id`, or refused it: it waits no more.
    void editSettled(const QString &id);
    void receiveEdit(const Message &edit, bool live);
    void setState(const QString &chat, const QString &id, DeliveryState state, const QString &error = {});

    HistoryStore *const m_store;
    Transport *const m_transport;
    Requests *const m_requests;
    ChatStates *const m_chatStates;
    DirectMessages *const m_direct; ///< a child
    Receipts *const m_receipts; ///< a child
    Archive *const m_archive; ///< a child
    QString m_archivePositionToSave; ///< followArchivePosition's, for the end of this turn
    bool m_caughtUp = false; ///< the archive catch-up of this connection is done
    bool m_catchUpAnnounced = false; ///< … and caughtUp was emitted, after its messages
    bool m_fetching = false; ///< the archive catch-up is running
    int m_fetched = 0; ///< archived messages stored by the running catch-up
    int m_firstSyncDays = 7;
    int m_firstSyncPages = 20;
    QSet<QString> m_inFlight; ///< ids handed to the session in this run, not yet settled
    struct Quote
    {
        QString name;
        QString text;
        QString jid;
    };
    QHash<QString, Quote> m_quotes; ///< our replies of this run -> the quote their fallback carries
    QSet<QString> m_edits; ///< ids of our corrections, retractions and reactions on their way (EditOutbox)
    QSet<QString> m_editsTaken; ///< … and of those the server acknowledged in this run
    QSet<QString> m_taken; ///< ids the server acknowledged in this run: never sent again by themselves
    std::function<bool(const QString &)> m_isRoom;
};

} // namespace Jw
