#pragma once

// A private XMPP server for one test: tests/support/prosody-server (or
// ejabberd-server) run with QProcess in its own temporary directory, on
// 127.0.0.1 and a free port, with a self-signed certificate for its domain.
// Prosody also serves group chat (muc, muc_mam) at conference.<domain>.
// Qt Core only; no QXmpp.
//
// The flavour (Prosody or ejabberd) is the test's choice, or else the
// environment's: JW_TEST_SERVER=prosody|ejabberd (CTest runs the integration
// tests once per server, e.g. tst_offline and tst_offline_ejabberd).
//
//     Jw::Test::TestServer server;
//     QVERIFY2(server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s }, { u"alice:bob"_s }),
//              qPrintable(server.errorString()));
//     config.setHost(u"127.0.0.1"_s); config.setPort(server.port());
//     config.setCaCertificates(QSslCertificate::fromPath(server.certificatePath()));
//
// The calls block (start and restart up to 30 s, stop up to 15 s); they need
// no running event loop. The server process gets SIGTERM if the thread that
// started it ends, so a crashed test leaves no server behind.
//
// Start-up, measured on the build root with two busy cores: Prosody ~0.5 s,
// ejabberd ~4 s (its Erlang VM and Mnesia; accounts and rosters go through
// its HTTP API on loopback, as an ejabberdctl call costs a VM start each).

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Jw::Test {

class TestServer final
{
public:
    enum class Flavour { Prosody, Ejabberd };

    /// The flavour JW_TEST_SERVER names (Prosody when unset or unknown).
    static Flavour flavourFromEnvironment();
    static QString flavourName(Flavour flavour);

    TestServer();
    explicit TestServer(Flavour flavour);
    ~TestServer();
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    Flavour flavour() const { return m_flavour; }
    bool isProsody() const { return m_flavour == Flavour::Prosody; }
    bool isEjabberd() const { return m_flavour == Flavour::Ejabberd; }

    /// The domain to serve (default "localhost"); set before start().
    void setDomain(const QString &domain);
    /// Whether in-band registration (XEP-0077) is on (default off); set before start().
    void setAllowRegistration(bool allow);
    /// Adds a line to the server's own configuration, after the defaults so
    /// it overrides them: Lua for Prosody ("storage_archive_item_limit = 100000"),
    /// top-level YAML for ejabberd. Set before start(), kept for restart().
    /// The line is the server's language: a test that needs one checks flavour().
    void addConfigLine(const QString &line);
    /// Prosody only: an HTTP upload service (XEP-0363, mod_http_file_share)
    /// at upload.DOMAIN for files up to `limit` bytes, on loopback HTTPS with
    /// the server's certificate (httpsPort()). Set before start().
    void setHttpUpload(qint64 limit) { m_uploadLimit = limit; }
    /// The upload service's HTTPS port (0: none).
    quint16 httpsPort() const { return m_httpsPort; }

    /// Starts the server with these accounts ("name:password") and makes each
    /// roster pair ("alice:bob") mutual contacts with subscription both.
    /// Returns when the server accepts connections; false (see errorString())
    /// if it did not within 30 s.
    bool start(const QStringList &users, const QStringList &rosterPairs = {});
    /// Stops the server (SIGTERM, then SIGKILL after 15 s). Keeps the data
    /// directory and the port for restart().
    void stop();
    /// Stops (if running) and starts again on the same data, certificate and port.
    bool restart();
    /// Registers an account (after the first start()): Prosody's whether or
    /// not the server is running, ejabberd's only while it runs.
    bool addUser(const QString &name, const QString &password);

    bool isRunning() const;
    quint16 port() const { return m_port; }
    QString domain() const { return m_domain; }
    /// The PEM file of the server's self-signed certificate (a CA to trust).
    QString certificatePath() const { return m_certificatePath; }
    /// "user@domain".
    QString jid(const QString &user) const;
    /// The server's directory (Prosody: data/, prosody.cfg.lua, prosody.log;
    /// ejabberd: conf/, spool/, logs/; both: certs/).
    QString directory() const;
    QString errorString() const { return m_error; }
    /// The server process's id (Prosody's, or ejabberd's Erlang VM) from its
    /// pid file, for tests that freeze it with SIGSTOP; -1 if unknown.
    qint64 serverPid() const;

private:
    bool launch(const QStringList &arguments);
    void collectStandardError();
    QString scriptPath() const;
    QString describeFailure(const QString &what) const;

    Flavour m_flavour;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_domain = QStringLiteral("localhost");
    QString m_certificatePath;
    QString m_error;
    QByteArray m_stderr; // the script's stderr, the last 16 KiB
    QStringList m_configLines;
    quint16 m_port = 0;
    quint16 m_httpsPort = 0;
    qint64 m_uploadLimit = 0;
    bool m_allowRegistration = false;
    bool m_started = false; // started at least once: the directory is prepared
};

} // namespace Jw::Test
