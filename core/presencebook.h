#pragma once

#include "types.h"

#include <QHash>
#include <QString>

#include <array>

namespace Jw {

/// The best presence of each contact over all their resources, kept up to
/// date one resource at a time (issue 12). Asking QXmpp for a contact's
/// presences copies and walks all of their resources: once per incoming
/// presence, a contact with N resources cost O(N²) (50,000 presences of one
/// contact froze the app for 177 s). Here an update is O(1) on average; a
/// full walk happens only when the resource that was shown goes away.
class PresenceBook final
{
public:
    struct Best
    {
        PresenceStatus status = PresenceStatus::Offline;
        QString statusText;
    };

    bool knows(const QString &bareJid) const { return m_entries.contains(bareJid); }
    /// `status` Offline removes the resource.
    void set(const QString &bareJid, const QString &resource, PresenceStatus status, const QString &statusText);
    Best best(const QString &bareJid) const;
    void clear() { m_entries.clear(); }

    /// Higher is shown first: available, then busy, then away.
    static int rank(PresenceStatus status);

private:
    struct Resource
    {
        PresenceStatus status = PresenceStatus::Offline;
        QString statusText;
    };
    struct Entry
    {
        QHash<QString, Resource> resources;
        std::array<int, 4> perRank {}; ///< resources per rank
        QString shown; ///< a resource of the highest rank, empty when unknown
    };
    mutable QHash<QString, Entry> m_entries; ///< best() remembers what it found
};

} // namespace Jw
