// Issue 8, measured: what QXmpp 1.10's reader does to text and how long it
// takes, with and without Jabberwock's stream guard, against a private
// Prosody on loopback. Prints its figures; asserts nothing.
//
//   bench_textintegrity [runs]        (default 3)
//
// 1. Damage: an offline burst of 2,000 short Korean messages and one of
//    90,000 characters, received by a plain QXmppClient (TLS straight to the
//    server) and by Jabberwock's Session (QXmpp behind the guard).
// 2. Time through Prosody: one 200 KB message and one 4 MB message (live).
// 3. QXmpp 1.10's reader alone: a local stand-in signs a QXmppClient in and
//    replays a 10,000-message burst, a 200 KB and a 4 MB message in 16 KiB
//    pieces (as TLS records arrive), as they are or through the guard's
//    filter. (A 10,000-message burst through Prosody measures Prosody: its
//    internal storage takes minutes to accept 10,000 offline messages.)
// 4. Why the guard re-encodes instead of only cutting its writes at
//    character boundaries: such writes through a loopback TCP connection,
//    read the way QXmpp reads (each read decoded on its own).

#include "directmessages.h"
#include "session.h"
#include "streamfilter.h"
#include "testserver.h"
#include "textsamples.h"

#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppMessage.h>
#include <QXmppTask.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

using Jw::Test::bodyOfBytes;
using Jw::Test::IssueText;
using Jw::Test::longBody;
using Jw::Test::shortBody;

struct Sent
{
    QString id;
    QString body;
};

QList<Sent> shortMessages(const QString &prefix, int count)
{
    QList<Sent> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i)
        out.append({ prefix + QString::number(i), shortBody(i) });
    return out;
}

Jw::Test::TestServer *g_server = nullptr;

QXmppConfiguration plainConfig(const QString &user)
{
    QXmppConfiguration config;
    config.setJid(g_server->jid(user));
    config.setPassword(user + u"-pw"_s);
    config.setHost(u"127.0.0.1"_s);
    config.setPort(g_server->port());
    config.setResource(u"bench"_s);
    config.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
    config.setCaCertificates(QSslCertificate::fromPath(g_server->certificatePath()));
    config.setAutoReconnectionEnabled(false);
    return config;
}

bool waitFor(const std::function<bool()> &done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired())
        QTest::qWait(5);
    return done();
}

/// Bob: a plain QXmpp client that sends and waits for the server's acks.
class Sender
{
public:
    Sender()
    {
        QObject::connect(&m_client, &QXmppClient::errorOccurred, &m_client, [](const QXmppError &error) {
            std::fprintf(stderr, "  sender: %s\n", qPrintable(error.description));
        });
        m_client.connectToServer(plainConfig(u"bob"_s));
        if (!waitFor([this] { return m_client.isAuthenticated() && m_client.isConnected(); }, 20000))
            std::fprintf(stderr, "  sender: not connected\n");
    }

    bool send(const QString &to, const QList<Sent> &messages)
    {
        auto settled = std::make_shared<int>(0);
        auto acknowledged = std::make_shared<int>(0);
        for (const Sent &s : messages) {
            QXmppMessage m(QString(), to, s.body);
            m.setType(QXmppMessage::Chat);
            m.setId(s.id);
            m_client.send(std::move(m)).then(&m_client, [settled, acknowledged](QXmpp::SendResult &&result) {
                ++*settled;
                if (const auto *ok = std::get_if<QXmpp::SendSuccess>(&result); ok && ok->acknowledged)
                    ++*acknowledged;
            });
        }
        waitFor([&] { return *settled == messages.size(); }, 300000);
        return *acknowledged == messages.size();
    }

private:
    QXmppClient m_client;
};

/// A receiving account, either a plain QXmppClient or Jabberwock's Session.
class Receiver
{
public:
    virtual ~Receiver() = default;
    virtual void connect() = 0;
    virtual bool online() const = 0;
    QHash<QString, QString> bodies;
    int count = 0;

protected:
    void take(const QString &id, const QString &body)
    {
        if (body.isEmpty())
            return;
        bodies.insert(id, body);
        ++count;
    }
};

class PlainReceiver final : public Receiver
{
public:
    explicit PlainReceiver(const QString &user)
        : m_user(user)
    {
        QObject::connect(&m_client, &QXmppClient::messageReceived, &m_client,
            [this](const QXmppMessage &m) { take(m.id(), m.body()); });
    }
    void connect() override { m_client.connectToServer(plainConfig(m_user)); }
    bool online() const override { return m_client.isConnected() && m_client.isAuthenticated(); }

private:
    QString m_user;
    QXmppClient m_client;
};

class GuardedReceiver final : public Receiver
{
public:
    explicit GuardedReceiver(const QString &user)
        : m_user(user)
    {
        // The 1:1 messages the session's transport hands over (nothing stored).
        QObject::connect(&m_direct, &Jw::DirectMessages::received, &m_direct,
            [this](const Jw::Message &m) { take(m.messageId, m.body); });
    }
    void connect() override
    {
        Jw::ConnectionSettings s;
        s.jid = g_server->jid(m_user);
        s.password = m_user + u"-pw"_s;
        s.host = u"127.0.0.1"_s;
        s.port = g_server->port();
        s.pinnedCertificates = QSslCertificate::fromPath(g_server->certificatePath());
        m_session.connectToServer(s);
    }
    bool online() const override { return m_session.state() == Jw::Session::State::Online; }

private:
    QString m_user;
    Jw::Session m_session;
    Jw::DirectMessages m_direct { m_session.transport() };
};

std::unique_ptr<Receiver> makeReceiver(bool guarded, const QString &user)
{
    if (guarded)
        return std::make_unique<GuardedReceiver>(user);
    return std::make_unique<PlainReceiver>(user);
}

struct Damage
{
    int damaged = 0;
    int missing = 0;
    qsizetype replacementCharacters = 0;
};

Damage count(const QList<Sent> &sent, const Receiver &receiver)
{
    Damage d;
    for (const Sent &s : sent) {
        const auto it = receiver.bodies.constFind(s.id);
        if (it == receiver.bodies.constEnd()) {
            ++d.missing;
        } else if (*it != s.body) {
            ++d.damaged;
            d.replacementCharacters += it->count(QChar(0xFFFD));
        }
    }
    return d;
}

const char *name(bool guarded)
{
    return guarded ? "Jabberwock (guard)" : "plain QXmpp 1.10  ";
}

int g_account = 0;
int g_damaged = 0;
QString nextAccount()
{
    return u"r%1"_s.arg(++g_account);
}

/// Sends `sent` while the receiver is offline, signs it in, waits for all.
/// Returns milliseconds from sign-in to the last message, -1 on time-out.
qint64 offlineBurst(Sender &bob, Receiver &receiver, const QString &user, const QList<Sent> &sent, int timeoutMs)
{
    if (!bob.send(g_server->jid(user), sent))
        std::fprintf(stderr, "  (not every message was acknowledged by the server)\n");
    QElapsedTimer timer;
    timer.start();
    receiver.connect();
    const bool all = waitFor([&] { return receiver.count >= sent.size(); }, timeoutMs);
    return all ? timer.elapsed() : -1;
}

/// Signs the receiver in, then sends `sent`; milliseconds from the first
/// send to the last message received, -1 on time-out.
qint64 live(Sender &bob, Receiver &receiver, const QString &user, const QList<Sent> &sent, int timeoutMs)
{
    receiver.connect();
    if (!waitFor([&] { return receiver.online(); }, 20000))
        return -1;
    QTest::qWait(300); // let the sign-in traffic (roster, presence) settle
    QElapsedTimer timer;
    timer.start();
    bob.send(g_server->jid(user), sent);
    const bool all = waitFor([&] { return receiver.count >= sent.size(); }, timeoutMs);
    return all ? timer.elapsed() : -1;
}

double median(QList<qint64> values)
{
    values.removeAll(-1);
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return double(values.at(values.size() / 2));
}

QString ms(double value)
{
    return value < 0 ? u"timed out"_s : u"%1 ms"_s.arg(value, 0, 'f', 0);
}

void damageSection(Sender &bob, int runs)
{
    std::printf("\n1. Damage: offline burst of 2,000 short messages (\"%s\" x 3) + one of 90,000 characters\n",
        qPrintable(IssueText.trimmed()));
    for (bool guarded : { false, true }) {
        for (int run = 0; run < runs; ++run) {
            const QString user = nextAccount();
            QList<Sent> sent = shortMessages(u"b"_s, 2000);
            const Sent large { u"large"_s, longBody(90000, u"large"_s) };
            sent.append(large);
            auto receiver = makeReceiver(guarded, user);
            const qint64 took = offlineBurst(bob, *receiver, user, sent, 300000);
            const Damage shortDamage = count(sent.mid(0, 2000), *receiver);
            const Damage largeDamage = count({ large }, *receiver);
            std::printf("  %s run %d: %4d of 2000 short messages damaged (%d missing); 90,000-character message: "
                        "%s, %lld U+FFFD; %s\n",
                name(guarded), run + 1, shortDamage.damaged, shortDamage.missing,
                largeDamage.missing ? "missing" : (largeDamage.damaged ? "damaged" : "intact"),
                static_cast<long long>(largeDamage.replacementCharacters), qPrintable(ms(double(took))));
        }
    }
}

void timingSection(Sender &bob, int runs)
{
    std::printf("\n2. Time through Prosody (median of %d; from the first send to the message received)\n", runs);
    const Sent kb200 { u"k200"_s, bodyOfBytes(200 * 1000, u"200KB"_s) };
    const Sent mb4 { u"m4"_s, bodyOfBytes(4000 * 1000, u"4MB"_s) }; // Prosody's limit here: 4 MiB a stanza
    std::printf("  message bodies: %lld and %lld bytes of UTF-8\n",
        static_cast<long long>(kb200.body.toUtf8().size()), static_cast<long long>(mb4.body.toUtf8().size()));
    struct Case
    {
        const char *title;
        std::function<qint64(bool)> run;
        int runs;
    };
    const QList<Case> cases {
        { "one 200 KB message, live",
            [&](bool guarded) {
                const QString user = nextAccount();
                auto receiver = makeReceiver(guarded, user);
                const qint64 t = live(bob, *receiver, user, { kb200 }, 120000);
                g_damaged += count({ kb200 }, *receiver).damaged;
                return t;
            },
            runs },
        { "one 3.9 MB message, live",
            [&](bool guarded) {
                const QString user = nextAccount();
                auto receiver = makeReceiver(guarded, user);
                const qint64 t = live(bob, *receiver, user, { mb4 }, 600000);
                g_damaged += count({ mb4 }, *receiver).damaged;
                return t;
            },
            qMin(runs, 2) },
    };
    for (const Case &c : cases) {
        std::printf("  %s:\n", c.title);
        for (bool guarded : { false, true }) {
            QList<qint64> times;
            g_damaged = 0;
            for (int run = 0; run < c.runs; ++run)
                times.append(c.run(guarded));
            QStringList all;
            for (qint64 t : std::as_const(times))
                all.append(t < 0 ? u"-"_s : QString::number(t));
            std::printf("    %s %s  (runs: %s; damaged messages: %d)\n", name(guarded), qPrintable(ms(median(times))),
                qPrintable(all.join(u", "_s)), g_damaged);
        }
    }
}

/// A local plaintext stand-in for a server: signs one QXmppClient in (PLAIN,
/// bind), then replays `stream` in pieces of 16 KiB, one per event-loop turn,
/// as they are or through ServerStreamFilter. Returns milliseconds from the
/// first piece to the last message and the number of damaged bodies.
std::pair<qint64, int> replay(const QList<Sent> &messages, bool filtered)
{
    static const QByteArray header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                                     "xmlns:stream='http://etherx.jabber.org/streams' id='s' from='example.test' "
                                     "version='1.0'>";
    QByteArray burst;
    for (const Sent &s : messages) {
        burst += "<message from='bob@example.test/x' to='alice@example.test/r' type='chat' id='";
        Jw::appendXmlEscapedAscii(burst, s.id, true);
        burst += "'><body>";
        burst += s.body.toHtmlEscaped().toUtf8();
        burst += "</body></message>";
    }

    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    QTcpSocket *socket = nullptr;
    QByteArray seen;
    QElapsedTimer timer;
    Jw::ServerStreamFilter filter;
    if (filtered) {
        QByteArray ignored;
        filter.feed(header, ignored); // the filter is inside the stream, as the guard's is
    }
    qsizetype at = 0;
    std::function<void()> next = [&] {
        if (!socket || at >= burst.size())
            return;
        const QByteArray piece = burst.mid(at, 16 * 1024);
        at += piece.size();
        if (filtered) {
            QByteArray out;
            filter.feed(piece, out);
            socket->write(out);
        } else {
            socket->write(piece);
        }
        QTimer::singleShot(0, socket, next);
    };
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
        socket = server.nextPendingConnection();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [&] {
            const QByteArray in = socket->readAll();
            seen += in;
            if (in.contains("<stream:stream") && !seen.contains("<auth")) {
                socket->write(header + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                                       "<mechanism>PLAIN</mechanism></mechanisms></stream:features>");
            } else if (in.contains("<auth")) {
                socket->write("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
            } else if (in.contains("<stream:stream")) {
                socket->write(header + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                                       "</stream:features>");
            } else if (in.contains("xmpp-bind")) {
                const qsizetype idAt = in.indexOf("id=\"") + 4;
                const QByteArray id = in.mid(idAt, in.indexOf('"', idAt) - idAt);
                socket->write("<iq type='result' id='" + id + "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                                                              "<jid>alice@example.test/r</jid></bind></iq>");
                QTimer::singleShot(200, socket, [&] {
                    timer.start();
                    next();
                });
            }
        });
    });

    QXmppClient client;
    QHash<QString, QString> bodies;
    QObject::connect(&client, &QXmppClient::messageReceived, &client,
        [&](const QXmppMessage &m) { bodies.insert(m.id(), m.body()); });
    QXmppConfiguration config;
    config.setJid(u"alice@example.test"_s);
    config.setPassword(u"secret"_s);
    config.setHost(u"127.0.0.1"_s);
    config.setPort(server.serverPort());
    config.setStreamSecurityMode(QXmppConfiguration::TLSDisabled);
    config.setDisabledSaslMechanisms({});
    config.setKeepAliveInterval(0);
    client.connectToServer(config);
    const bool all = waitFor([&] { return bodies.size() >= messages.size(); }, 600000);
    const qint64 took = all ? timer.elapsed() : -1;
    int damaged = 0;
    for (const Sent &s : messages)
        damaged += bodies.value(s.id) != s.body;
    client.disconnectFromServer();
    return { took, damaged };
}

void replaySection(int runs)
{
    std::printf("\n3. QXmpp 1.10's reader alone: a local stand-in replays the stream in 16 KiB pieces (median of %d; "
                "first piece to last message)\n",
        runs);
    struct Case
    {
        const char *title;
        QList<Sent> messages;
    };
    const QList<Case> cases {
        { "10,000 short messages (2.3 MB)", shortMessages(u"t"_s, 10000) },
        { "one 200 KB message", { { u"k200"_s, bodyOfBytes(200 * 1000, u"200KB"_s) } } },
        { "one 4 MB message", { { u"m4"_s, bodyOfBytes(4000 * 1000, u"4MB"_s) } } },
    };
    for (const Case &c : cases) {
        std::printf("  %s:\n", c.title);
        for (bool filtered : { false, true }) {
            QList<qint64> times;
            int damaged = 0;
            for (int run = 0; run < runs; ++run) {
                const auto [took, bad] = replay(c.messages, filtered);
                times.append(took);
                damaged += bad;
            }
            QStringList all;
            for (qint64 t : std::as_const(times))
                all.append(t < 0 ? u"-"_s : QString::number(t));
            std::printf("    %s %s  (runs: %s; damaged messages: %d)\n",
                filtered ? "through the filter" : "as sent           ", qPrintable(ms(median(times))),
                qPrintable(all.join(u", "_s)), damaged);
        }
    }
}

/// Writes `data` through a loopback TCP connection in pieces of `piece`
/// bytes, each cut back to a character boundary, and reads it as QXmpp
/// does; returns the U+FFFD count and the number of reads.
std::pair<qsizetype, int> loopback(const QByteArray &data, qsizetype piece)
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    QTcpSocket reader;
    QString decoded;
    int reads = 0;
    QObject::connect(&reader, &QTcpSocket::readyRead, &reader, [&] {
        ++reads;
        decoded += QString::fromUtf8(reader.readAll());
    });
    reader.connectToHost(QHostAddress::LocalHost, server.serverPort());
    if (!server.waitForNewConnection(5000))
        return { -1, 0 };
    QTcpSocket *writer = server.nextPendingConnection();
    writer->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    for (qsizetype at = 0; at < data.size();) {
        qsizetype n = qMin(piece, data.size() - at);
        n = Jw::utf8CompletePrefixLength(QByteArrayView(data).sliced(at, n));
        writer->write(data.mid(at, n));
        at += n;
    }
    waitFor([&] { return decoded.size() >= data.size() / 3 && writer->bytesToWrite() == 0 && !reader.bytesAvailable(); },
        10000);
    QTest::qWait(50);
    return { decoded.count(QChar(0xFFFD)), reads };
}

void loopbackSection()
{
    std::printf("\n4. Writes cut at UTF-8 character boundaries, through a loopback TCP connection, each read decoded "
                "on its own (as QXmpp 1.10 does)\n");
    for (const qsizetype size : { qsizetype(200 * 1024), qsizetype(4 * 1024 * 1024) }) {
        QString text;
        while (text.toUtf8().size() < size)
            text += IssueText.repeated(100);
        const QByteArray data = text.toUtf8();
        for (const qsizetype piece : { qsizetype(16 * 1024), qsizetype(256 * 1024), qsizetype(4 * 1024 * 1024) }) {
            qsizetype replaced = 0;
            int reads = 0;
            for (int i = 0; i < 3; ++i) {
                const auto [r, n] = loopback(data, piece);
                replaced += r;
                reads += n;
            }
            std::printf("  %7lld bytes in writes of <= %7lld bytes: %3lld U+FFFD in 3 runs (%d reads)\n",
                static_cast<long long>(data.size()), static_cast<long long>(piece), static_cast<long long>(replaced),
                reads);
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures as they come
    const int runs = argc > 1 ? qMax(1, QString::fromLocal8Bit(argv[1]).toInt()) : 3;

    Jw::Test::TestServer server;
    g_server = &server;
    QStringList users { u"bob:bob-pw"_s };
    for (int i = 1; i <= 4 * runs + 4; ++i)
        users.append(u"r%1:r%1-pw"_s.arg(i));
    if (!server.start(users)) {
        std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("bench_textintegrity: Prosody on 127.0.0.1:%u, QXmpp %s, Qt %s\n", unsigned(server.port()),
        qPrintable(QXmppVersion()), qVersion());

    Sender bob;
    damageSection(bob, runs);
    timingSection(bob, runs);
    replaySection(runs);
    loopbackSection();
    return 0;
}
