#include "requests.h"

#include "historystore.h"
#include "blocking.h"
#include "roster.h"

namespace Jw {

Standing Requests::standingOf(const StandingFlags &flags)
{
    if (flags.blocked)
        return Standing::Blocked;
    if (flags.inRoster)
        return Standing::Contact;
    if (flags.accepted)
        return Standing::Accepted;
    return Standing::Request;
}

Requests::Alert Requests::alertFor(Standing s, bool requestsShown, bool senderAlerted)
{
    switch (s) {
    case Standing::Contact:
    case Standing::Accepted:
        return Alert::Message;
    case Standing::Request:
        return requestsShown && !senderAlerted ? Alert::Request : Alert::None;
    case Standing::Blocked:
        return Alert::None;
    }
    return Alert::None;
}

namespace {

bool &field(StandingFlags &flags, StandingFlag flag)
{
    switch (flag) {
    case StandingFlag::InRoster:
        return flags.inRoster;
    case StandingFlag::Accepted:
        return flags.accepted;
    case StandingFlag::Blocked:
        return flags.blocked;
    }
    return flags.inRoster;
}

} // namespace

Requests::Requests(HistoryStore *store, Roster *roster, Blocking *blocking, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_roster(roster)
    , m_blocking(blocking)
{
    RequestStore::load(*m_store).then(this, [this](Expected<QHash<QString, StandingFlags>> read) {
        if (!read) {
            Q_EMIT failed(QString(), read.errorMessage());
        } else {
            // What was decided while loading is newer than what was read,
            // flag by flag; the rest is what the history knows.
            for (auto it = read->cbegin(); it != read->cend(); ++it) {
                StandingFlags merged = it.value();
                StandingFlags now = m_peers.value(it.key());
                for (const StandingFlag flag : { StandingFlag::InRoster, StandingFlag::Accepted, StandingFlag::Blocked }) {
                    if (m_replacedWhileLoading.contains(flag))
                        field(merged, flag) = m_replacedWhileLoading.value(flag).contains(it.key());
                    if (m_setWhileLoading.value(it.key()).contains(flag))
                        field(merged, flag) = field(now, flag);
                }
                if (merged != now) {
                    m_peers.insert(it.key(), merged);
                    Q_EMIT changed(it.key());
                }
            }
        }
        m_setWhileLoading.clear();
        m_replacedWhileLoading.clear();
        m_loaded = true;
        Q_EMIT loaded();
    });

    connect(m_roster, &Roster::rosterReset, this, [this] {
        QStringList jids;
        const auto contacts = m_roster->contacts();
        for (const Contact &c : contacts)
            jids.append(c.jid);
        replaceFlag(StandingFlag::InRoster, jids);
    });
    connect(m_roster, &Roster::contactChanged, this, [this](const Contact &c) {
        setFlag(StandingFlag::InRoster, { c.jid }, c.inRoster);
        // Answered on another device (or by us through the roster): no longer pending.
        if (c.seesOurPresence() && m_presenceRequests.remove(c.jid))
            Q_EMIT changed(c.jid);
    });
    connect(m_roster, &Roster::presenceRequested, this, &Requests::onPresenceRequested);
    connect(m_blocking, &Blocking::blocklistReceived, this,
        [this](const QStringList &jids) { replaceFlag(StandingFlag::Blocked, jids); });
    connect(m_blocking, &Blocking::blockedChanged, this,
        [this](const QStringList &jids, bool blocked) { setFlag(StandingFlag::Blocked, jids, blocked); });
    connect(m_blocking, &Blocking::blockingFailed, this,
        [this](const QString &jid, const QString &reason) { Q_EMIT failed(jid, reason); });
}

Standing Requests::standing(const QString &chat) const
{
    return standingOf(m_peers.value(chat));
}

QStringList Requests::blockedAddresses() const
{
    QStringList blocked;
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it) {
        if (it->blocked)
            blocked.append(it.key());
    }
    return blocked;
}

QStringList Requests::presenceRequests() const
{
    QStringList list(m_presenceRequests.cbegin(), m_presenceRequests.cend());
    list.sort();
    return list;
}

void Requests::accept(const QString &chat)
{
    setFlag(StandingFlag::Accepted, { chat }, true);
}

void Requests::wroteTo(const QString &chat)
{
    // Stored already: the history reads acceptance from our messages.
    StandingFlags &flags = m_peers[chat];
    if (!m_loaded)
        m_setWhileLoading[chat].insert(StandingFlag::Accepted);
    if (flags.accepted)
        return;
    flags.accepted = true;
    Q_EMIT changed(chat);
}

void Requests::block(const QString &chat)
{
    m_blocking->setBlocked(chat, true);
}

void Requests::unblock(const QString &chat)
{
    m_blocking->setBlocked(chat, false);
}

void Requests::remove(const QString &chat)
{
    // Left unanswered, a request to see our status would come back at every sign-in.
    if (m_presenceRequests.remove(chat))
        m_roster->answerPresenceRequest(chat, false);
    RequestStore::deleteChat(*m_store, chat).then(this, [this, chat](Expected<Done> deleted) {
        if (!deleted) {
            Q_EMIT failed(chat, deleted.errorMessage());
            return;
        }
        m_peers[chat].accepted = false;
        m_alerted.remove(chat);
        Q_EMIT removed(chat);
    });
}

void Requests::answerPresenceRequest(const QString &chat, bool allow)
{
    if (!m_roster->isOnline()) {
        Q_EMIT failed(chat, tr("You can answer only while you are online."));
        return;
    }
    m_roster->answerPresenceRequest(chat, allow);
    m_presenceRequests.remove(chat);
    if (allow)
        accept(chat);
    Q_EMIT changed(chat);
}

void Requests::askForPresence(const QString &chat)
{
    if (!m_roster->isOnline()) {
        Q_EMIT failed(chat, tr("You can ask only while you are online."));
        return;
    }
    accept(chat);
    m_roster->askForPresence(chat);
}

Requests::Alert Requests::takeAlert(const QString &chat, bool requestsShown, const QDateTime &now)
{
    const auto alert = alertFor(standing(chat), requestsShown, m_alerted.contains(chat));
    if (alert != Alert::Request)
        return alert;
    while (!m_recentRequestAlerts.isEmpty() && m_recentRequestAlerts.first().secsTo(now) >= 60)
        m_recentRequestAlerts.removeFirst();
    if (m_recentRequestAlerts.isEmpty())
        m_moreRequestsAlerted = false;
    if (m_recentRequestAlerts.size() >= RequestAlertsPerMinute) {
        // Not marked as announced: a later message of theirs may still be.
        if (m_moreRequestsAlerted)
            return Alert::None;
        m_moreRequestsAlerted = true;
        return Alert::MoreRequests;
    }
    m_recentRequestAlerts.append(now);
    m_alerted.insert(chat);
    return alert;
}

void Requests::onPresenceRequested(const QString &jid)
{
    const Contact contact = m_roster->contact(jid);
    // Already sharing with them (a repeated request): nothing to decide.
    if (contact.seesOurPresence())
        return;
    if (standing(jid) == Standing::Blocked)
        return;
    if (m_presenceRequests.contains(jid))
        return;
    m_presenceRequests.insert(jid);
    Q_EMIT changed(jid);
}

void Requests::setFlag(StandingFlag flag, const QStringList &jids, bool on)
{
    QStringList changedNow;
    for (const QString &jid : jids) {
        if (jid.isEmpty())
            continue;
        if (!m_loaded)
            m_setWhileLoading[jid].insert(flag);
        bool &value = field(m_peers[jid], flag);
        if (value != on) {
            value = on;
            changedNow.append(jid);
        }
    }
    if (changedNow.isEmpty())
        return;
    RequestStore::set(*m_store, flag, changedNow, on).then(this, [this](Expected<QStringList> saved) {
        if (!saved)
            Q_EMIT failed(QString(), saved.errorMessage());
    });
    for (const QString &jid : std::as_const(changedNow))
        Q_EMIT changed(jid);
}

void Requests::replaceFlag(StandingFlag flag, const QStringList &jids)
{
    const QSet<QString> wanted(jids.cbegin(), jids.cend());
    if (!m_loaded) {
        m_replacedWhileLoading.insert(flag, wanted);
        for (auto it = m_setWhileLoading.begin(); it != m_setWhileLoading.end(); ++it)
            it->remove(flag); // the whole list is newer than any single change before it
    }
    QStringList changedNow;
    for (auto it = m_peers.begin(); it != m_peers.end(); ++it) {
        bool &value = field(it.value(), flag);
        if (value && !wanted.contains(it.key())) {
            value = false;
            changedNow.append(it.key());
        }
    }
    for (const QString &jid : wanted) {
        bool &value = field(m_peers[jid], flag);
        if (!value) {
            value = true;
            changedNow.append(jid);
        }
    }
    RequestStore::replace(*m_store, flag, jids).then(this, [this](Expected<QStringList> saved) {
        if (!saved)
            Q_EMIT failed(QString(), saved.errorMessage());
    });
    for (const QString &jid : std::as_const(changedNow))
        Q_EMIT changed(jid);
}

} // namespace Jw
