#pragma once

#include "requeststore.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Jw {

class HistoryStore;
class Blocking;
class Roster;

/// Who the other person of a chat is to us. Presence only flows inside the
/// roster, and anyone on the network can write to anyone: a message from
/// someone we never chose to talk to is a *request* until we decide.
enum class Standing {
    Contact, ///< in the roster
    Accepted, ///< not in the roster, but we chose to talk to them
    Request, ///< a stranger who wrote first: waits in Requests
    Blocked, ///< the server refuses what they send (XEP-0191)
};

/// The message-requests inbox of one account: keeps who people are to us
/// (mirrored from the server's roster and blocklist into the history, so it
/// is right before the connection is up), the person's decisions, and the
/// pending requests to see our status. Nothing is ever shared with a
/// stranger automatically: no receipt, chat state, marker or presence.
class Requests final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Requests)

public:
    Requests(HistoryStore *store, Roster *roster, Blocking *blocking, QObject *parent = nullptr);

    // The rules, apart from any state, so they can be read and tested alone.

    /// Blocked wins over everything; the roster over acceptance.
    static Standing standingOf(const StandingFlags &flags);
    /// Whether a chat with this standing is a request at all.
    static bool isRequest(Standing s) { return s == Standing::Request; }
    /// Whether a conversation belongs in the Requests section: a request with
    /// something in it (they wrote, or asked to see our status). An empty chat
    /// the person opened themselves (a link) is theirs, not a request.
    static bool belongsInRequests(Standing s, bool hasMessages, bool asksForPresence)
    {
        return isRequest(s) && (hasMessages || asksForPresence);
    }
    /// Receipts (XEP-0184), chat states (XEP-0085) and displayed markers
    /// (XEP-0333) tell the other side when we are around and reading. They go
    /// only to people we chose to talk to: a stranger learns nothing from
    /// writing to us, not even that the address is in use.
    static bool mayShareActivity(Standing s) { return s == Standing::Contact || s == Standing::Accepted; }

    /// What a new message from someone deserves on the desktop.
    enum class Alert {
        None,
        Message, ///< a normal notification with the sender and (by setting) the text
        Request, ///< a quiet one, without the text: "someone not in your contacts wrote"
        /// One for all the requests past the per-minute cap: "more people wrote"
        /// (a flood of strangers must not become a flood of notifications).
        MoreRequests,
    };
    /// Request alerts shown per minute at most; the next one in that minute is
    /// MoreRequests, the rest none (they all wait in Requests all the same).
    static constexpr int RequestAlertsPerMinute = 3;
    /// `requestsShown`: the setting that shows requests at all;
    /// `senderAlerted`: this sender's request was already announced.
    static Alert alertFor(Standing s, bool requestsShown, bool senderAlerted);

    Standing standing(const QString &chat) const;
    StandingFlags flags(const QString &chat) const { return m_peers.value(chat); }
    bool isLoaded() const { return m_loaded; }
    /// Everyone blocked (XEP-0191), in no particular order.
    QStringList blockedAddresses() const;

    /// People waiting for an answer to "may I see your status?".
    QStringList presenceRequests() const;
    bool wantsPresence(const QString &chat) const { return m_presenceRequests.contains(chat); }

    /// Moves a request out of Requests into the normal list.
    void accept(const QString &chat);
    /// The person opened a chat with `chat` themselves (New chat, a link):
    /// whatever they write back is not a request.
    void startChat(const QString &chat) { accept(chat); }
    /// A message of ours to `chat` was stored: writing to someone accepts them.
    void wroteTo(const QString &chat);
    /// XEP-0191 on the server; the local flag follows the server's answer.
    void block(const QString &chat);
    void unblock(const QString &chat);
    /// Deletes the conversation and its history. If they write again, it is a request again.
    void remove(const QString &chat);
    /// Answers a request to see our status. Allowing also accepts the chat.
    void answerPresenceRequest(const QString &chat, bool allow);
    /// Asks to see their status (a subscription request).
    void askForPresence(const QString &chat);

    /// For a notification about a message in `chat`: the rule, plus "one per
    /// sender" for requests (remembered until the app quits).
    /// At most RequestAlertsPerMinute requests are announced a minute.
    Alert takeAlert(
        const QString &chat, bool requestsShown, const QDateTime &now = QDateTime::currentDateTimeUtc());

Q_SIGNALS:
    /// What is known about `chat` changed (standing, or a status request).
    void changed(const QString &chat);
    /// The conversation was deleted.
    void removed(const QString &chat);
    /// Everything known was read from the history.
    void loaded();
    /// Something the person asked for about `chat` did not happen: why, as
    /// a sentence. `chat` is empty when it is about no one in particular.
    void failed(const QString &chat, const QString &sentence);

private:
    void setFlag(StandingFlag flag, const QStringList &jids, bool on);
    void replaceFlag(StandingFlag flag, const QStringList &jids);
    void onPresenceRequested(const QString &jid);

    HistoryStore *const m_store;
    Roster *const m_roster;
    Blocking *const m_blocking;
    QHash<QString, StandingFlags> m_peers;
    QSet<QString> m_presenceRequests;
    QSet<QString> m_alerted;
    QList<QDateTime> m_recentRequestAlerts; ///< within the last minute, oldest first
    bool m_moreRequestsAlerted = false; ///< the summary was shown in this minute
    bool m_loaded = false;
    /// Decided before the history was read: newer than what it holds.
    QHash<QString, QSet<StandingFlag>> m_setWhileLoading;
    QHash<StandingFlag, QSet<QString>> m_replacedWhileLoading; ///< a whole list (roster, blocklist) arrived
};

} // namespace Jw
