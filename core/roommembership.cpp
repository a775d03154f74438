#include "roommembership.h"

#include "bookmarks.h"
#include "rooms.h"

namespace Jw {

RoomMembership::RoomMembership(
    Rooms *rooms, Bookmarks *bookmarks, std::function<QString()> accountJid, QObject *parent)
    : QObject(parent)
    , m_rooms(rooms)
    , m_bookmarks(bookmarks)
    , m_accountJid(std::move(accountJid))
{
    connect(m_bookmarks, &Bookmarks::loaded, this, &RoomMembership::bookmarksLoaded);
    connect(m_bookmarks, &Bookmarks::changed, this, &RoomMembership::bookmarkChanged);
    connect(m_bookmarks, &Bookmarks::removed, this, &RoomMembership::bookmarkRemoved);
    // A room that is gone, or that will not have us back, is not joined
    // again from its bookmark at the next sign-in (a destroyed room would be
    // made anew by the join).
    connect(m_rooms, &Rooms::removed, this, [this](const QString &room, Rooms::Removal why) {
        if (why != Rooms::Removal::Destroyed && why != Rooms::Removal::Banned)
            return;
        m_toKeep.remove(room);
        m_names.remove(room);
        if (m_bookmarks->isLoaded() && m_bookmarks->bookmark(room))
            m_bookmarks->remove(room);
    });
    // Rooms' own list is read from the history: what arrived before is applied again then.
    connect(m_rooms, &Rooms::loaded, this, [this] {
        if (m_bookmarks->isLoaded())
            bookmarksLoaded();
    });
}

QString RoomMembership::defaultNick() const
{
    const QString jid = m_accountJid ? m_accountJid() : QString();
    const QString local = jid.section(u'@', 0, 0);
    return local.isEmpty() ? jid.section(u'/', 0, 0) : local;
}

void RoomMembership::join(const QString &room, const QString &nick, const QString &password)
{
    m_rooms->join(room, nick, password);
    m_toKeep.insert(room, password);
    keep(room);
}

void RoomMembership::keep(const QString &room)
{
    if (!m_bookmarks->isLoaded())
        return; // saved once the sign-in's bookmarks are read (bookmarksLoaded)
    RoomBookmark bookmark = m_bookmarks->bookmark(room).value_or(RoomBookmark { room, {}, {}, {}, true });
    bookmark.nick = m_rooms->nick(room);
    bookmark.password = m_toKeep.take(room);
    bookmark.autojoin = true;
    if (const QString name = m_names.take(room); !name.isEmpty())
        bookmark.name = name;
    if (m_bookmarks->bookmark(room) != bookmark)
        m_bookmarks->save(bookmark);
}

void RoomMembership::leave(const QString &room)
{
    m_toKeep.remove(room);
    m_names.remove(room);
    m_rooms->leave(room);
    if (m_bookmarks->isLoaded() && m_bookmarks->bookmark(room))
        m_bookmarks->remove(room);
}

void RoomMembership::bookmarksLoaded()
{
    if (!m_rooms->isLoaded())
        return; // again when Rooms has read the history
    const QStringList joinedHere = m_rooms->rooms();
    const QList<RoomBookmark> list = m_bookmarks->bookmarks();
    for (const RoomBookmark &bookmark : list)
        bookmarkChanged(bookmark);
    // Joined here while the list was not known (offline): kept now.
    const QStringList waiting = m_toKeep.keys();
    for (const QString &room : waiting) {
        if (joinedHere.contains(room))
            keep(room);
    }
}

void RoomMembership::bookmarkChanged(const RoomBookmark &bookmark)
{
    if (!m_rooms->isLoaded())
        return;
    const bool in = m_rooms->rooms().contains(bookmark.room);
    if (bookmark.autojoin && !in) {
        const QString nick = bookmark.nick.isEmpty() ? defaultNick() : bookmark.nick;
        m_rooms->join(bookmark.room, nick, bookmark.password);
    } else if (!bookmark.autojoin && in && !m_toKeep.contains(bookmark.room)) {
        // Autojoin turned off on another device: the person left there (XEP-0402 §4).
        m_rooms->leave(bookmark.room);
    }
}

void RoomMembership::bookmarkRemoved(const QString &room)
{
    if (m_rooms->rooms().contains(room) && !m_toKeep.contains(room))
        m_rooms->leave(room);
}

} // namespace Jw
