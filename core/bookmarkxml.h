#pragma once

// Internal to core (and its tests): the wire forms of room bookmarks.

#include "bookmarks.h"

#include <QDomDocument>
#include <QDomElement>

namespace Jw {

/// The wire forms of bookmarks, apart from any connection (tested alone).
namespace BookmarkXml {
inline constexpr auto NsBookmarks2 = u"urn:xmpp:bookmarks:1"; ///< XEP-0402
inline constexpr auto NsCompat = u"urn:xmpp:bookmarks:1#compat"; ///< the server keeps 0048 and 0402 in step
inline constexpr auto NsStorage = u"storage:bookmarks"; ///< XEP-0048 1.0 in private storage (XEP-0049)

/// One XEP-0402 `<item id='room'><conference/></item>`; nothing for an item
/// that does not name a room or has no conference in it.
std::optional<RoomBookmark> fromItem(const QDomElement &item);
/// A XEP-0048 `<storage xmlns='storage:bookmarks'/>`: its conferences with a valid room address.
QList<RoomBookmark> fromStorage(const QDomElement &storage);
/// `<conference xmlns='urn:xmpp:bookmarks:1'/>` (0402) for `bookmark`, in `document`.
QDomElement toConference(QDomDocument &document, const RoomBookmark &bookmark);
/// The whole `<storage/>` (0048) for `bookmarks`.
QDomElement toStorage(QDomDocument &document, const QList<RoomBookmark> &bookmarks);
} // namespace BookmarkXml

} // namespace Jw
