// Rooms (issue 14), the room counterpart of bench_catchup.
//
// 1. Catch-up: ROOMS rooms (Prosody muc + muc_mam on loopback), each with
//    MESSAGES messages from four people (Korean and English bodies) written
//    while the person was away. The person joined the rooms on an earlier
//    sign-in (so Jabberwock has the room's archive position: the catch-up
//    reads after it, as it does every day) and went offline; then the
//    messages were written. Measured from "online" until every message is
//    stored once, flagged as arrived while offline, and the Chats list shows
//    each room with its unread count and newest message; beside the floor: a
//    QXmpp client through the same stream guard that joins the same rooms and
//    reads the same archive pages after the same position, counting only.
//    And the longest stall of the event loop meanwhile.
// 2. A crowd: a room with OCCUPANTS occupants; the person joins it.
//    Measured: time until the occupant list (OccupantsModel) has every one
//    of them, and the longest stall. The occupants come through one XMPP
//    component connection (XEP-0114, the bench's own socket): 500 QXmpp
//    clients (500 TLS sessions, each parsing every join of the others:
//    125,000 presences) are too heavy for a shared 2-core machine and would
//    measure themselves; to the room and to the person a component's users
//    are occupants like any other.
//
//   bench_rooms [ROOMS=20] [MESSAGES=1000] [OCCUPANTS=500]
//
// (ROOMS 0 measures only the crowd, OCCUPANTS 0 only the catch-up.)
//
// Exit status 0 only when every message is stored exactly once, intact and
// flagged, the floor got every one once, and every occupant is listed.

#include "accountfeatures.h"
#include "historystore.h"
#include "models.h"
#include "occupantsmodel.h"
#include "passwordchange.h"
#include "roommembership.h"
#include "rooms.h"
#include "roomstore.h"
#include "roster.h"
#include "session.h"
#include "streamguard.h"
#include "testserver.h"

#include <QXmppClient.h>
#include <QXmppClientExtension.h>
#include <QXmppConfiguration.h>
#include <QXmppDataForm.h>
#include <QXmppElement.h>
#include <QXmppMamIq.h>
#include <QXmppMessage.h>
#include <QXmppPresence.h>
#include <QXmppResultSet.h>
#include <QXmppTask.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDomDocument>
#include <QElapsedTimer>
#include <QHash>
#include <QNetworkProxy>
#include <QSet>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>

using namespace Jw;

namespace {

const QString NsMuc = QStringLiteral("http://jabber.org/protocol/muc");
const QString NsMam = QStringLiteral("urn:xmpp:mam:2");
const QStringList Senders = { QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("dave"),
    QStringLiteral("erin") };
const QString FirstWords = QStringLiteral("오늘부터 이 방에서 이야기해요 / Let's talk here from today");
constexpr int FloorPageSize = 100; ///< as QXmppRoomWire reads a room's archive

QString roomName(int r)
{
    return QStringLiteral("team%1").arg(r);
}

QString idOf(int r, int i)
{
    return QStringLiteral("msg-%1-%2").arg(r).arg(i);
}

QString bodyOf(int r, int i)
{
    static const QStringList lines = {
        QStringLiteral("회의록 정리했어요, 확인 부탁드립니다 🦉"),
        QStringLiteral("Pushed the fix for the login timeout, please review"),
        QStringLiteral("내일 배포 일정은 오후 3시로 잡았습니다. 괜찮을까요?"),
        QStringLiteral("The build on the release branch is green again"),
    };
    return lines.at((r + i) % lines.size()) + QStringLiteral(" #%1/%2").arg(r).arg(i);
}

QString senderOf(int r, int i)
{
    return Senders.at((r + i) % Senders.size());
}

bool waitFor(const std::function<bool()> &done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired())
        QTest::qWait(5);
    return done();
}

/// A QXmpp client's configuration through a stream guard of its own, as
/// Jabberwock's session connects (QXmpp 1.10 alone re-parses its input
/// buffer on every read, which a burst makes quadratic).
std::unique_ptr<StreamGuard> guarded(const Test::TestServer &server, QXmppConfiguration &c, const QString &user,
    const QString &resource)
{
    c.setJid(server.jid(user));
    c.setPassword(user + QStringLiteral("-pw"));
    c.setHost(QStringLiteral("127.0.0.1"));
    c.setResource(resource);
    c.setAutoReconnectionEnabled(false);
    StreamGuard::Server target;
    target.domain = server.domain();
    target.host = QStringLiteral("127.0.0.1");
    target.port = server.port();
    target.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
    auto guard = std::make_unique<StreamGuard>(target);
    if (!guard->start())
        return {};
    c.setPort(guard->localPort());
    c.setNetworkProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    c.setStreamSecurityMode(QXmppConfiguration::TLSDisabled);
    c.setDisabledSaslMechanisms({ QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-1-PLUS"),
        QStringLiteral("SCRAM-SHA-256-PLUS"), QStringLiteral("SCRAM-SHA-512-PLUS") });
    return guard;
}

/// The join presence, without the room's replay (the archive has it).
QXmppPresence joinPresence(const QString &room, const QString &nick)
{
    QDomDocument doc;
    QDomElement x = doc.createElementNS(NsMuc, QStringLiteral("x"));
    QDomElement history = doc.createElementNS(NsMuc, QStringLiteral("history"));
    history.setAttribute(QStringLiteral("maxchars"), QStringLiteral("0"));
    x.appendChild(history);
    QXmppPresence p;
    p.setTo(room + u'/' + nick);
    p.setExtensions({ QXmppElement(x) });
    return p;
}

/// One of the people writing: a QXmpp client in every room.
struct Writer
{
    QXmppClient client;
    std::unique_ptr<StreamGuard> guard;
    QSet<QString> joined; ///< rooms whose self-presence came
    int heard = 0; ///< the bench's messages reflected to this writer
    QHash<QString, QString> lastHeard; ///< room -> id of the newest message it reflected
};

// Everyone writes MESSAGES messages to every room between them, and waits
// until every one came back from the room to the first writer (then the
// room has archived it: muc_mam stores before it broadcasts).
// `newest` gets each room's newest message id, in the room's order (the
// writers race each other, so it need not be the last one written).
bool fill(const Test::TestServer &server, const QStringList &rooms, int messages, const QString &first = {},
    QHash<QString, QString> *newest = nullptr)
{
    std::vector<std::unique_ptr<Writer>> writers;
    for (const QString &user : Senders) {
        auto w = std::make_unique<Writer>();
        QXmppConfiguration c;
        w->guard = guarded(server, c, user, QStringLiteral("bench"));
        if (!w->guard)
            return false;
        Writer *raw = w.get();
        QObject::connect(&w->client, &QXmppClient::presenceReceived, [raw](const QXmppPresence &p) {
            if (p.mucStatusCodes().contains(110) && p.type() == QXmppPresence::Available)
                raw->joined.insert(p.from().section(u'/', 0, 0));
        });
        QObject::connect(&w->client, &QXmppClient::messageReceived, [raw](const QXmppMessage &m) {
            if (m.type() != QXmppMessage::GroupChat
                || !(m.id().startsWith(QStringLiteral("msg-")) || m.id().startsWith(QStringLiteral("first-"))))
                return;
            ++raw->heard;
            raw->lastHeard.insert(m.from().section(u'/', 0, 0), m.id());
        });
        w->client.connectToServer(c);
        writers.push_back(std::move(w));
    }
    for (auto &w : writers) {
        if (!waitFor([&] { return w->client.isConnected(); }, 30000)) {
            std::fprintf(stderr, "fill: a writer did not connect\n");
            return false;
        }
        for (const QString &room : rooms)
            w->client.sendPacket(joinPresence(room, w->client.configuration().user()));
    }
    for (auto &w : writers) {
        if (!waitFor([&] { return w->joined.size() == rooms.size(); }, 60000)) {
            std::fprintf(stderr, "fill: a writer joined %lld of %lld rooms\n", qlonglong(w->joined.size()),
                qlonglong(rooms.size()));
            return false;
        }
    }
    int acknowledged = 0;
    int failed = 0;
    int total = int(rooms.size()) * messages;
    if (!first.isEmpty()) {
        for (const QString &room : rooms) {
            QXmppMessage m(QString(), room, first);
            m.setType(QXmppMessage::GroupChat);
            m.setId(QStringLiteral("first-") + room);
            writers.front()->client.send(std::move(m)).then(&writers.front()->client, [&](QXmpp::SendResult &&result) {
                (std::holds_alternative<QXmpp::SendSuccess>(result) ? acknowledged : failed) += 1;
            });
        }
        total += int(rooms.size());
    }
    for (int i = 0; i < messages; ++i) {
        for (int r = 0; r < rooms.size(); ++r) {
            Writer &w = *writers.at(Senders.indexOf(senderOf(r, i)));
            QXmppMessage m(QString(), rooms.at(r), bodyOf(r, i));
            m.setType(QXmppMessage::GroupChat);
            m.setId(idOf(r, i));
            m.setOriginId(idOf(r, i));
            w.client.send(std::move(m)).then(&w.client, [&](QXmpp::SendResult &&result) {
                (std::holds_alternative<QXmpp::SendSuccess>(result) ? acknowledged : failed) += 1;
            });
        }
        // Paced, so no writer's stream holds thousands at once.
        if (i % 10 == 9)
            waitFor([&] { return acknowledged + failed >= (i + 1) * rooms.size() - 100; }, 60000);
    }
    const bool heard = waitFor([&] { return acknowledged + failed >= total && writers.front()->heard >= total; },
        600000);
    if (newest)
        *newest = writers.front()->lastHeard;
    for (auto &w : writers)
        w->client.disconnectFromServer();
    QTest::qWait(500);
    if (!heard || acknowledged != total) {
        std::fprintf(stderr, "fill: %d of %d acknowledged (%d failed), %d came back\n", acknowledged, total, failed,
            writers.front()->heard);
        return false;
    }
    return true;
}

/// The floor's only extension: counts the archive results of its own queries.
class ResultCounter final : public QXmppClientExtension
{
public:
    bool handleStanza(const QDomElement &stanza) override
    {
        if (stanza.tagName() != u"message")
            return false;
        const QDomElement result = stanza.firstChildElement(QStringLiteral("result"));
        if (result.isNull() || result.namespaceURI() != NsMam || !queries.contains(result.attribute(QStringLiteral("queryid"))))
            return false;
        const QDomElement inner = result.firstChildElement(QStringLiteral("forwarded")).firstChildElement(QStringLiteral("message"));
        const QString id = inner.attribute(QStringLiteral("id"));
        if (!id.startsWith(QStringLiteral("msg-")))
            return true;
        if (seen.contains(id))
            ++duplicates;
        else
            seen.insert(id);
        damaged += inner.firstChildElement(QStringLiteral("body")).text().contains(QChar(0xFFFD)) ? 1 : 0;
        return true;
    }

    QSet<QString> queries;
    QSet<QString> seen;
    int duplicates = 0;
    int damaged = 0;
};

/// The event loop's responsiveness: a 10 ms timer that measures how late it fires.
class StallMeter final
{
public:
    StallMeter()
    {
        m_ticker.setTimerType(Qt::PreciseTimer);
        m_ticker.setInterval(TickMs);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            const qint64 late = now - m_last - TickMs;
            m_over50 += late >= 50 ? 1 : 0;
            m_over100 += late >= 100 ? 1 : 0;
            m_worst = std::max(m_worst, late);
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_worst = 0;
        m_over50 = m_over100 = 0;
        m_ticker.start();
    }
    void stop() { m_ticker.stop(); }
    qint64 worst() const { return m_worst; }
    /// "171 ms (3 over 100 ms, 12 over 50 ms)"
    QByteArray summary() const
    {
        return QByteArray::number(m_worst) + " ms (" + QByteArray::number(m_over100) + " over 100 ms, "
            + QByteArray::number(m_over50) + " over 50 ms)";
    }

private:
    static constexpr int TickMs = 10;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
    int m_over50 = 0;
    int m_over100 = 0;
};

struct Floor
{
    QByteArray stall; ///< the floor's own longest stall: what QXmpp and the guard cost alone
    double ms = -1;
    int arrived = 0;
    int duplicates = 0;
    int damaged = 0;
};

// The floor: QXmpp through a stream guard joins every room (without replay)
// and, once in, reads the room's archive after `positions` page by page.
Floor measureFloor(const Test::TestServer &server, const QHash<QString, QString> &positions, int total)
{
    Floor floor;
    QXmppClient alice;
    auto *counter = new ResultCounter;
    alice.addExtension(counter);
    QXmppConfiguration c;
    const auto guard = guarded(server, c, QStringLiteral("alice"), QStringLiteral("floor"));
    if (!guard)
        return floor;
    QElapsedTimer timer;
    StallMeter stalls;
    std::function<void(const QString &, const QString &)> page = [&](const QString &room, const QString &after) {
        const QString queryId = QStringLiteral("floor-%1").arg(counter->queries.size());
        counter->queries.insert(queryId);
        QXmppMamQueryIq iq;
        iq.setType(QXmppIq::Set);
        iq.setTo(room);
        iq.setQueryId(queryId);
        QXmppDataForm form(QXmppDataForm::Submit);
        form.setFields({ QXmppDataForm::Field(QXmppDataForm::Field::HiddenField, QStringLiteral("FORM_TYPE"), NsMam) });
        iq.setForm(form);
        QXmppResultSetQuery rsm;
        rsm.setMax(FloorPageSize);
        rsm.setAfter(after);
        iq.setResultSetQuery(rsm);
        alice.sendIq(std::move(iq)).then(&alice, [&, room](QXmppClient::IqResult &&r) {
            if (!std::holds_alternative<QDomElement>(r))
                return;
            const QDomElement fin = std::get<QDomElement>(r).firstChildElement(QStringLiteral("fin"));
            const QString last = fin.firstChildElement(QStringLiteral("set")).firstChildElement(QStringLiteral("last")).text();
            if (fin.attribute(QStringLiteral("complete")) != u"true" && !last.isEmpty())
                page(room, last);
        });
    };
    QObject::connect(&alice, &QXmppClient::connected, [&] {
        timer.start();
        stalls.start();
        for (auto it = positions.cbegin(); it != positions.cend(); ++it)
            alice.sendPacket(joinPresence(it.key(), QStringLiteral("alice")));
    });
    QObject::connect(&alice, &QXmppClient::presenceReceived, [&](const QXmppPresence &p) {
        const QString room = p.from().section(u'/', 0, 0);
        if (p.mucStatusCodes().contains(110) && p.type() == QXmppPresence::Available && positions.contains(room))
            page(room, positions.value(room));
    });
    alice.connectToServer(c);
    waitFor([&] { return counter->seen.size() >= total; }, 600000);
    floor.ms = double(timer.nsecsElapsed()) / 1e6;
    stalls.stop();
    floor.stall = stalls.summary();
    QTest::qWait(500); // a late duplicate would show here
    floor.arrived = int(counter->seen.size());
    floor.duplicates = counter->duplicates;
    floor.damaged = counter->damaged;
    alice.disconnectFromServer();
    QTest::qWait(300);
    return floor;
}

/// As the app wires its features to its session (app/application.cpp).
void wireAsTheAppDoes(Session &session, AccountFeatures &features)
{
    session.setContactRule([r = features.roster()](const QString &jid) { return r->isContact(jid); });
    QObject::connect(features.passwordChange(), &PasswordChange::passwordChanged, &session,
        [s = &session](const QString &changed) { s->setPassword(changed); });
}

/// One Jabberwock account, as the app makes it.
struct Jabberwock
{
    Jabberwock(const QString &path, const ConnectionSettings &settings)
        : store(path)
        , opened(store.open().result().ok())
        , features(&store, session.transport())
        , settings(settings)
    {
        wireAsTheAppDoes(session, features);
    }
    bool signIn(int ms)
    {
        session.connectToServer(settings);
        return waitFor([&] { return session.state() == Session::State::Online; }, ms);
    }
    Rooms *rooms() const { return features.rooms(); }

    HistoryStore store;
    const bool opened;
    Session session;
    AccountFeatures features;
    ConnectionSettings settings;
};

/// Many occupants over one component connection (XEP-0114): each joins as
/// o<i>@<component>; what the room sends them is read and dropped, but for
/// the self-presences (status 110) that say a join is done.
class Crowd final
{
public:
    Crowd(QString component, QString secret) : m_component(std::move(component)), m_secret(std::move(secret)) { }

    bool connectTo(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { read(); });
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!m_socket.waitForConnected(10000))
            return false;
        m_socket.write("<stream:stream xmlns='jabber:component:accept' "
                       "xmlns:stream='http://etherx.jabber.org/streams' to='"
            + m_component.toUtf8() + "'>");
        return waitFor([this] { return m_ready; }, 10000);
    }
    /// Joins occupants [from, to) in one write.
    void join(const QString &room, int from, int to)
    {
        QByteArray out;
        for (int i = from; i < to; ++i) {
            out += "<presence from='o" + QByteArray::number(i) + '@' + m_component.toUtf8() + "/c' to='"
                + room.toUtf8() + '/' + nickOf(i).toUtf8() + "'>"
                + "<x xmlns='http://jabber.org/protocol/muc'><history maxchars='0'/></x></presence>";
        }
        m_socket.write(out);
    }
    int joined() const { return m_selfPresences; }
    static QString nickOf(int i)
    {
        return i % 2 == 0 ? QStringLiteral("사용자%1").arg(i) : QStringLiteral("user%1").arg(i);
    }

private:
    void read()
    {
        const QByteArray data = m_socket.readAll();
        if (!m_ready) {
            m_header += data;
            const qsizetype at = m_header.indexOf(" id='");
            if (at >= 0 && m_header.indexOf('\'', at + 5) > 0 && !m_handshakeSent) {
                const QByteArray id = m_header.mid(at + 5, m_header.indexOf('\'', at + 5) - at - 5);
                m_socket.write("<handshake>"
                    + QCryptographicHash::hash(QByteArray(id + m_secret.toUtf8()), QCryptographicHash::Sha1).toHex()
                    + "</handshake>");
                m_handshakeSent = true;
            }
            m_ready = m_header.contains("<handshake/>");
            return;
        }
        // Counted across reads: the tail of the last read is kept.
        const QByteArray text = m_tail + data;
        for (const QByteArray &code : { QByteArray("code='110'"), QByteArray("code=\"110\"") }) {
            for (qsizetype at = text.indexOf(code, 0); at >= 0; at = text.indexOf(code, at + 1)) {
                if (at + code.size() > m_tail.size())
                    ++m_selfPresences;
            }
        }
        m_tail = text.right(16);
    }

    const QString m_component;
    const QString m_secret;
    QTcpSocket m_socket;
    QByteArray m_header;
    QByteArray m_tail;
    bool m_handshakeSent = false;
    bool m_ready = false;
    int m_selfPresences = 0;
};

// The person joins a room of `n` occupants: until every one is listed.
bool crowdJoin(Jabberwock &jw, const QString &service, const QString &component, const QString &secret,
    quint16 port, int n)
{
    const QString room = QStringLiteral("crowd@") + service;
    Crowd crowd(component, secret);
    if (!crowd.connectTo(port)) {
        std::fprintf(stderr, "crowd: the component connection failed\n");
        return false;
    }
    QElapsedTimer filling;
    filling.start();
    // A few at a time: Prosody holds what it sends until it has handled all
    // it read, and 500 joins at once (250,000 presences) take it minutes.
    constexpr int Batch = 10;
    for (int from = 0; from < n; from += Batch) {
        const int to = std::min(n, from + Batch);
        crowd.join(room, from, to);
        if (!waitFor([&] { return crowd.joined() >= to; }, 60000)) {
            std::fprintf(stderr, "crowd: %d of %d occupants joined\n", crowd.joined(), n);
            return false;
        }
    }
    std::printf("crowd: %d occupants joined %s in %.1f s (one component connection)\n", n, qPrintable(room),
        double(filling.elapsed()) / 1000);
    QTest::qWait(1000);

    OccupantsModel model(jw.rooms(), room);
    StallMeter stalls;
    QElapsedTimer timer;
    qint64 joinedMs = -1;
    QObject::connect(jw.rooms(), &Rooms::joined, [&](const QString &r, const QString &) {
        if (r == room)
            joinedMs = timer.elapsed();
    });
    timer.start();
    stalls.start();
    jw.features.roomMembership()->join(room, QStringLiteral("alice"));
    const bool complete = waitFor([&] { return model.rowCount() >= n + 1; }, 300000);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    stalls.stop();
    QTest::qWait(500);
    int listed = 0;
    for (int i = 0; i < n; ++i)
        listed += model.rowOf(Crowd::nickOf(i)) >= 0 ? 1 : 0;
    const bool self = model.rowOf(QStringLiteral("alice")) >= 0;
    std::printf("crowd: jabberwock joins a room of %d: occupant list complete%s in %.0f ms (joined at %lld ms); "
                "longest event-loop stall %s (goal < 100 ms); %d of %d listed, %s, %d rows\n",
        n, complete ? "" : " NEVER", ms, joinedMs, stalls.summary().constData(), listed, n, self ? "self listed" : "self MISSING",
        model.rowCount());
    return complete && listed == n && self && model.rowCount() == n + 1;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int roomCount = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 20;
    const int messages = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 1000;
    const int occupants = argc > 3 ? QString::fromLocal8Bit(argv[3]).toInt() : 500;
    const int total = roomCount * messages;

    Test::TestServer server(Test::TestServer::Flavour::Prosody);
    const QString component = QStringLiteral("crowd.") + server.domain();
    const QString secret = QStringLiteral("crowd-secret");
    const quint16 componentPort = freePort();
    server.addConfigLine(QStringLiteral("storage_archive_item_limit = %1").arg(2 * messages + 1000));
    server.addConfigLine(QStringLiteral("component_interfaces = { \"127.0.0.1\" }"));
    server.addConfigLine(QStringLiteral("component_ports = { %1 }").arg(componentPort));
    server.addConfigLine(QStringLiteral("Component \"%1\"").arg(component));
    server.addConfigLine(QStringLiteral("    component_secret = \"%1\"").arg(secret));
    QStringList users = { QStringLiteral("alice:alice-pw") };
    for (const QString &s : Senders)
        users.append(s + u':' + s + QStringLiteral("-pw"));
    if (!server.start(users)) {
        std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QString service = QStringLiteral("conference.") + server.domain();
    QStringList rooms;
    for (int r = 0; r < roomCount; ++r)
        rooms.append(roomName(r) + u'@' + service);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alice.db"));
    ConnectionSettings settings;
    settings.jid = server.jid(QStringLiteral("alice"));
    settings.password = QStringLiteral("alice-pw");
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = server.port();
    settings.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());

    // Earlier: the person joins the rooms (one message each so far) and
    // signs out; Jabberwock keeps each room's archive position.
    QHash<QString, QString> positions;
    {
        // The rooms are made by their first writers, with a first message each.
        if (!fill(server, rooms, 0, FirstWords))
            return 1;

        Jabberwock before(path, settings);
        if (!before.opened || !before.signIn(30000)) {
            std::fprintf(stderr, "the first sign-in failed\n");
            return 1;
        }
        for (const QString &room : rooms)
            before.features.roomMembership()->join(room, QStringLiteral("alice"));
        if (!waitFor([&] {
                return std::all_of(rooms.cbegin(), rooms.cend(), [&](const QString &room) {
                    return before.rooms()->isCaughtUp(room);
                });
            },
                60000)) {
            std::fprintf(stderr, "the first sign-in did not join and read every room\n");
            return 1;
        }
        QTest::qWait(1000);
        before.session.disconnectFromServer();
        QTest::qWait(500);
        const auto stored = RoomStore::load(before.store).result();
        if (stored) {
            for (const StoredRoom &s : stored.value())
                positions.insert(s.room, s.archiveLast);
        }
        for (const QString &room : rooms) {
            if (positions.value(room).isEmpty()) {
                std::fprintf(stderr, "no archive position was kept for %s\n", qPrintable(room));
                return 1;
            }
        }
    }
    QTest::qWait(1000); // the server closes that session

    // While the person is away.
    QElapsedTimer filling;
    filling.start();
    QHash<QString, QString> newest;
    if (!fill(server, rooms, messages, {}, &newest))
        return 1;
    std::printf("rooms: %d rooms x %d messages written while away by %lld people in %.1f s\n", roomCount, messages,
        qlonglong(Senders.size()), double(filling.elapsed()) / 1000);
    std::fflush(stdout);

    const Floor floor = measureFloor(server, positions, total);

    // The person signs in again.
    Jabberwock jw(path, settings);
    ConversationsModel conversations(&jw.features);
    StallMeter stalls;
    QElapsedTimer timer;
    QObject::connect(&jw.session, &Session::stateChanged, [&](Session::State s) {
        if (s == Session::State::Online && !timer.isValid()) {
            timer.start();
            stalls.start();
        }
    });
    QSet<QString> added;
    int addedTwice = 0;
    qint64 lastStored = 0;
    QObject::connect(jw.rooms(), &Rooms::messageAdded, [&](const Message &m) {
        if (!m.messageId.startsWith(QStringLiteral("msg-")))
            return;
        if (added.contains(m.messageId))
            ++addedTwice;
        added.insert(m.messageId);
        lastStored = timer.elapsed();
    });
    QSet<QString> caughtUp;
    qint64 caughtUpMs = -1;
    QObject::connect(jw.rooms(), &Rooms::caughtUp, [&](const QString &room, int) {
        caughtUp.insert(room);
        if (caughtUp.size() == rooms.size())
            caughtUpMs = timer.elapsed();
    });
    // The Chats list is current: every room there with all its unread
    // messages and its newest one as the last line.
    const auto listCurrent = [&] {
        for (int r = 0; r < rooms.size(); ++r) {
            const int row = conversations.rowOf(rooms.at(r));
            if (row < 0)
                return false;
            const QModelIndex index = conversations.index(row);
            if (index.data(ConversationsModel::UnreadRole).toInt() < messages
                || index.data(ConversationsModel::LastBodyRole).toString()
                    != bodyOf(r, newest.value(rooms.at(r)).section(u'-', 2).toInt()))
                return false;
        }
        return true;
    };
    const auto upToDate = [&] { return added.size() >= total && listCurrent(); };
    if (!jw.opened || !jw.signIn(30000)) {
        std::fprintf(stderr, "the sign-in after being away failed\n");
        return 1;
    }
    waitFor([&] { return upToDate() || (timer.elapsed() - lastStored > 20000); }, 600000);
    const bool current = upToDate();
    const double jwMs = current ? double(timer.nsecsElapsed()) / 1e6 : double(lastStored);
    const qint64 stallUntilCurrent = stalls.worst();
    if (!current) {
        for (int r = 0; r < rooms.size(); ++r) {
            const QModelIndex index = conversations.index(conversations.rowOf(rooms.at(r)));
            std::fprintf(stderr, "rooms: the Chats list has %s with %d unread, last \"%s\"\n", qPrintable(rooms.at(r)),
                index.data(ConversationsModel::UnreadRole).toInt(),
                qPrintable(index.data(ConversationsModel::LastBodyRole).toString()));
        }
    }
    waitFor([&] { return caughtUpMs >= 0 || rooms.isEmpty(); }, 60000);
    stalls.stop();
    QTest::qWait(1000); // a late duplicate would show here

    // The history: each message exactly once, intact, flagged, from its sender.
    int missing = 0, duplicates = 0, damaged = 0, unflagged = 0, others = 0;
    for (int r = 0; r < rooms.size(); ++r) {
        const auto history = jw.store.allMessages(rooms.at(r)).result();
        if (!history) {
            std::fprintf(stderr, "the history of %s could not be read\n", qPrintable(rooms.at(r)));
            return 1;
        }
        QHash<QString, int> copies;
        bool firstSeen = false;
        for (const Message &m : history.value()) {
            if (!m.messageId.startsWith(QStringLiteral("msg-%1-").arg(r))) {
                const bool first = m.body == FirstWords && m.messageId == QStringLiteral("first-") + rooms.at(r);
                // The first message, read at the earlier sign-in, stays one.
                if (first && std::exchange(firstSeen, true))
                    ++duplicates;
                others += first ? 0 : 1;
                continue;
            }
            copies[m.messageId] += 1;
            const int i = m.messageId.section(u'-', 2).toInt();
            damaged += m.body != bodyOf(r, i) || m.nick != senderOf(r, i) ? 1 : 0;
            unflagged += m.arrivedOffline ? 0 : 1;
        }
        for (int i = 0; i < messages; ++i) {
            const int c = copies.value(idOf(r, i));
            missing += c == 0 ? 1 : 0;
            duplicates += c > 1 ? c - 1 : 0;
        }
    }

    std::printf("rooms: floor (QXmpp through the stream guard, joining and reading the archives, counting only): "
                "%.0f ms; %d of %d arrived, %d duplicates, %d damaged bodies; longest stall %s\n",
        floor.ms, floor.arrived, total, floor.duplicates, floor.damaged, floor.stall.constData());
    std::printf("rooms: jabberwock (stored + Chats list%s): %.0f ms = %.2fx the floor (goal <= 1.5x); "
                "%lld of %d stored, %d added twice\n",
        current ? "" : ", NOT current", jwMs, jwMs / floor.ms, qlonglong(added.size()), total, addedTwice);
    std::printf("rooms: longest event-loop stall: %lld ms until current (goal < 100 ms), %s until every "
                "room's catch-up ended (at %lld ms)\n",
        stallUntilCurrent, stalls.summary().constData(), caughtUpMs);
    std::printf("rooms: history: %d missing, %d duplicates, %d damaged or misattributed, %d not flagged as "
                "arrived while offline, %d others\n",
        missing, duplicates, damaged, unflagged, others);
    bool ok = floor.arrived == total && floor.duplicates == 0 && floor.damaged == 0 && current && addedTwice == 0
        && missing == 0 && duplicates == 0 && damaged == 0 && unflagged == 0 && others == 0;
    std::fflush(stdout);

    if (occupants > 0)
        ok = crowdJoin(jw, service, component, secret, componentPort, occupants) && ok;
    std::printf("rooms: %s\n", ok ? "every message exactly once, every occupant listed" : "FAILED: see above");
    return ok ? 0 : 1;
}
