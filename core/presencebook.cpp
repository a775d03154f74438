#include "presencebook.h"

namespace Jw {

int PresenceBook::rank(PresenceStatus status)
{
    switch (status) {
    case PresenceStatus::Available:
        return 3;
    case PresenceStatus::DoNotDisturb:
        return 2;
    case PresenceStatus::Away:
        return 1;
    case PresenceStatus::Offline:
        return 0;
    }
    return 0;
}

void PresenceBook::set(const QString &bareJid, const QString &resource, PresenceStatus status, const QString &statusText)
{
    Entry &entry = m_entries[bareJid];
    const auto it = entry.resources.find(resource);
    if (it != entry.resources.end()) {
        --entry.perRank[rank(it->status)];
        if (status == PresenceStatus::Offline) {
            entry.resources.erase(it);
            if (entry.shown == resource)
                entry.shown.clear();
            return;
        }
        it->status = status;
        it->statusText = statusText;
    } else {
        if (status == PresenceStatus::Offline)
            return;
        entry.resources.insert(resource, { status, statusText });
    }
    ++entry.perRank[rank(status)];
    // The shown resource stays while it is of the highest rank; a better one replaces it.
    if (entry.shown.isEmpty() || rank(status) > rank(entry.resources.value(entry.shown).status))
        entry.shown = resource;
    else if (entry.shown == resource && rank(status) < 3 && entry.perRank[rank(status) + 1] > 0)
        entry.shown.clear(); // it fell below another: found again when asked
}

PresenceBook::Best PresenceBook::best(const QString &bareJid) const
{
    const auto found = m_entries.find(bareJid);
    if (found == m_entries.end())
        return {};
    Entry &entry = *found;
    int top = 0;
    for (int r = 3; r > 0; --r) {
        if (entry.perRank[r] > 0) {
            top = r;
            break;
        }
    }
    if (top == 0)
        return {};
    if (!entry.shown.isEmpty()) {
        const Resource shown = entry.resources.value(entry.shown);
        if (rank(shown.status) == top)
            return { shown.status, shown.statusText };
    }
    // The shown one went away: one walk, remembered.
    for (auto it = entry.resources.cbegin(); it != entry.resources.cend(); ++it) {
        if (rank(it->status) == top) {
            entry.shown = it.key();
            return { it->status, it->statusText };
        }
    }
    return {};
}

} // namespace Jw
