#pragma once

// A private Prosody for one test: tests/support/prosody-server run with
// QProcess in its own temporary directory, on 127.0.0.1 and a free port, with
// a self-signed certificate for its domain. Qt Core only; no QXmpp.
//
//     Jw::Test::TestServer server;
//     QVERIFY2(server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s }, { u"alice:bob"_s }),
//              qPrintable(server.errorString()));
//     config.setHost(u"127.0.0.1"_s); config.setPort(server.port());
//     config.setCaCertificates(QSslCertificate::fromPath(server.certificatePath()));
//
// The calls block (start and restart up to 30 s, stop up to 15 s); they need
// no running event loop. The server process gets SIGTERM if the thread that
// started it ends, so a crashed test leaves no Prosody behind.

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Jw::Test {

class TestServer final
{
public:
    TestServer();
    ~TestServer();
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    /// The domain to serve (default "localhost"); set before start().
    void setDomain(const QString &domain);
    /// Whether in-band registration (XEP-0077) is on (default off); set before start().
    void setAllowRegistration(bool allow);
    /// Adds a line of Lua to the global section of Prosody's configuration
    /// (after the defaults, so it overrides them), e.g.
    /// "storage_archive_item_limit = 100000"; set before start(), kept for restart().
    void addConfigLine(const QString &lua);

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
    /// Registers an account, whether or not the server is running (after the
    /// first start()).
    bool addUser(const QString &name, const QString &password);

    bool isRunning() const;
    quint16 port() const { return m_port; }
    QString domain() const { return m_domain; }
    /// The PEM file of the server's self-signed certificate (a CA to trust).
    QString certificatePath() const { return m_certificatePath; }
    /// "user@domain".
    QString jid(const QString &user) const;
    /// The server's directory (data, config, certificate, prosody.log).
    QString directory() const;
    QString errorString() const { return m_error; }

private:
    bool launch(const QStringList &arguments);
    void collectStandardError();
    QString scriptPath() const;
    QString describeFailure(const QString &what) const;

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_domain = QStringLiteral("localhost");
    QString m_certificatePath;
    QString m_error;
    QByteArray m_stderr; // the script's stderr, the last 16 KiB
    QStringList m_configLines;
    quint16 m_port = 0;
    bool m_allowRegistration = false;
    bool m_started = false; // started at least once: the directory is prepared
};

} // namespace Jw::Test
