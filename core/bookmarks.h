#pragma once

#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace Jw {

class Transport;
class BookmarkEvents;

/// A room the person keeps on the server, to rejoin on every device.
struct RoomBookmark
{
    QString room; ///< the room's bare address
    QString name; ///< what the person calls it; may be empty
    QString nick; ///< the nickname to join with; empty: the account's own
    QString password;
    bool autojoin = true; ///< join at sign-in

    bool operator==(const RoomBookmark &) const = default;
};

/// Bookmarks of rooms: XEP-0402 (PEP) where the server advertises
/// `urn:xmpp:bookmarks:1#compat` on the account, otherwise XEP-0048 1.0 in
/// private XML storage. Read after each sign-in; with 0402, a change made on
/// another device arrives live (we ask for the node's notifications).
class Bookmarks final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Bookmarks)

public:
    enum class Storage { Unknown, Pep, Private };

    explicit Bookmarks(Transport *transport, QObject *parent = nullptr);
    ~Bookmarks() override;

    /// What the server holds, by room address (as of the last sign-in and the changes since).
    QList<RoomBookmark> bookmarks() const { return m_bookmarks.values(); }
    std::optional<RoomBookmark> bookmark(const QString &room) const;
    bool isLoaded() const { return m_loaded; }
    /// Where they are kept on this server (known after the sign-in's discovery).
    Storage storage() const { return m_storage; }

    /// Adds or changes a bookmark on the server. Online only; the outcome
    /// arrives as changed() or failed().
    void save(const RoomBookmark &bookmark);
    /// Removes the bookmark of `room`: removed() or failed().
    void remove(const QString &room);

Q_SIGNALS:
    /// After a sign-in: the whole list is known (bookmarks()).
    void loaded();
    /// Added or changed, here or on another device.
    void changed(const Jw::RoomBookmark &bookmark);
    void removed(const QString &room);
    /// Something asked for did not happen, or the list could not be read: why, as a sentence.
    void failed(const QString &sentence);

private:
    void attach();
    void onOnline();
    void loadPep();
    void loadPrivate();
    void setAll(const QList<RoomBookmark> &bookmarks);
    void applyChanged(const RoomBookmark &bookmark);
    void applyRemoved(const QString &room);
    /// `change` set: add or replace it; otherwise remove `removedRoom`.
    void savePrivate(const std::optional<RoomBookmark> &change, const QString &removedRoom);
    QString errorSentence(const QString &what, const QString &description) const;

    Transport *const m_transport;
    QPointer<BookmarkEvents> m_events; ///< on the current client
    QMap<QString, RoomBookmark> m_bookmarks;
    Storage m_storage = Storage::Unknown;
    bool m_loaded = false;
    quint64 m_generation = 0; ///< bumped per sign-in: answers for an older one are dropped
};

} // namespace Jw
