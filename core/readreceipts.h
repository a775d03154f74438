#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace Jw {

class HistoryStore;
class Messenger;
class ReadTracker;
class Session;
struct Message;

/// Read positions and \xep{0333} displayed markers for one account: binds a
/// ReadTracker to the history and the session.
///
/// - Keeps each conversation's read position and marker in the history, so
///   both survive a restart; a marker owed while offline (the pending flag)
///   goes out when the connection is back.
/// - Sends a displayed marker for the newest received message the person
///   has read, once; setSendDisplayedMarkers(false) turns that off (the
///   app follows Settings::sendReadReceipts).
/// - Takes the other side's displayed markers for our messages: a marker
///   counts only from the bare address our message went to and only for an
///   id we sent in that chat (XMPP.md, "receipt and marker spoofing"); one
///   for message X means all of ours up to X are displayed.
class ReadReceipts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadReceipts)

public:
    /// Lives as long as `messenger`, its parent.
    explicit ReadReceipts(Messenger *messenger);

    /// Fed by the window: which chat is shown, whether the window is active.
    ReadTracker *tracker() const { return m_tracker; }

    void setSendDisplayedMarkers(bool send);
    bool sendsDisplayedMarkers() const;

    /// Our newest message in `chat` the other side has displayed (a row id; 0: none).
    qint64 displayedUpTo(const QString &chat) const { return m_displayed.value(chat); }
    /// Whether the other side has displayed this message of ours.
    bool isDisplayed(const Message &message) const;

    /// A displayed marker we sent from another of our devices (e.g. seen
    /// through carbons) for the received message `messageId` in `chat`:
    /// reads up to it here too. Ignored unless that message is stored here.
    void markReadElsewhere(const QString &chat, const QString &messageId);

    /// Whether the stored read positions have been loaded.
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void loaded();
    /// The other side displayed our messages in `chat` up to the row id `upTo`.
    void displayedChanged(const QString &chat, qint64 upTo);

private:
    /// Loads what the history knows of `chat`, or of every chat when "".
    void reload(const QString &chat);
    void onDisplayedMarker(const QString &chat, const QString &messageId);
    void save(const QString &chat);
    void sendMarker(const QString &chat, const QString &messageId);
    void sendOwedMarkers();

    Messenger *const m_messenger;
    HistoryStore *const m_store;
    Session *const m_session;
    ReadTracker *const m_tracker;
    QHash<QString, qint64> m_displayed;
    bool m_loaded = false;
};

} // namespace Jw
