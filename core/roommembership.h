#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace Jw {

class Bookmarks;
class Rooms;
struct RoomBookmark;

/// The rooms the person is in, kept as bookmarks on the server (issue 14):
/// joining a room keeps it (XEP-0402 / XEP-0048, autojoin), leaving removes
/// it; at sign-in every autojoin bookmark not joined yet is joined, and a
/// bookmark added, changed or removed on another device applies here live.
/// Binds Bookmarks to Rooms; neither knows the other.
class RoomMembership final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomMembership)

public:
    /// `accountJid` gives the account's bare address (for the default nickname).
    RoomMembership(
        Rooms *rooms, Bookmarks *bookmarks, std::function<QString()> accountJid, QObject *parent = nullptr);

    /// The person joins `room`: joined now (or once online), and kept as a
    /// bookmark with autojoin (saved at once, or after the next sign-in's
    /// bookmarks are read).
    void join(const QString &room, const QString &nick, const QString &password = {});
    /// The name the bookmark of `room` is to carry (a room the person made):
    /// given before join(), kept with the bookmark it saves.
    void setName(const QString &room, const QString &name) { m_names.insert(room, name); }
    /// The person leaves `room`: left, and its bookmark removed.
    void leave(const QString &room);
    /// The nickname to offer for a room: the account's local part.
    QString defaultNick() const;

    /// What the server's list says (Bookmarks::loaded, changed, removed);
    /// public for tests, which play the server's side.
    void bookmarksLoaded();
    void bookmarkChanged(const RoomBookmark &bookmark);
    void bookmarkRemoved(const QString &room);

private:
    void keep(const QString &room);

    Rooms *const m_rooms;
    Bookmarks *const m_bookmarks;
    const std::function<QString()> m_accountJid;
    QHash<QString, QString> m_names; ///< names for bookmarks not saved yet: room -> name
    QHash<QString, QString> m_toKeep; ///< rooms joined before the bookmarks were read: room -> password
};

} // namespace Jw
