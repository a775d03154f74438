#pragma once

// A misbehaving XMPP server for one test: tests/support/hostile-server run
// with QProcess in its own temporary directory, on 127.0.0.1 and a free port,
// with a self-signed certificate for its domain. Qt Core only; no QXmpp.
//
//     Jw::Test::HostileServer server;
//     server.setScript({ u"flood-presence 1000"_s });
//     QVERIFY2(server.start({ u"alice:pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
//     ... connect to 127.0.0.1:server.port(), pinning server.certificatePath() ...
//     QTRY_VERIFY(server.clientLog().contains("</stream:stream>"));
//
// The script's actions and the --auth modes are described at the top of
// tests/support/hostile-server. start() blocks (up to 30 s), stop() up to 15 s.
// The server gets SIGTERM if the thread that started it ends.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Jw::Test {

class HostileServer final
{
public:
    enum class Auth {
        Normal, ///< real SCRAM-SHA-1 / SCRAM-SHA-256
        NoMechanisms, ///< offers no SASL mechanism, then binds anyone
        SuccessWithoutSignature, ///< answers <auth> at once with an empty <success/>
        BadSignature, ///< SCRAM that ends with a wrong server signature (v=)
    };

    HostileServer();
    ~HostileServer();
    HostileServer(const HostileServer &) = delete;
    HostileServer &operator=(const HostileServer &) = delete;

    /// All set before start().
    void setDomain(const QString &domain) { m_domain = domain; }
    void setAuth(Auth auth) { m_auth = auth; }
    /// XEP-0198 stream management offered (default on).
    void setStreamManagement(bool on) { m_streamManagement = on; }
    /// The script's lines (see hostile-server), run after the client's initial presence.
    void setScript(const QStringList &lines) { m_script = lines; }

    /// Starts with these accounts ("name:password") and roster contacts
    /// (names, subscription both). False (see errorString()) if the server
    /// was not listening within 30 s.
    bool start(const QStringList &users, const QStringList &contacts = {});
    /// SIGTERM, then SIGKILL after 15 s. Keeps the directory and the logs.
    void stop();
    bool isRunning() const;

    quint16 port() const { return m_port; }
    QString domain() const { return m_domain; }
    /// The PEM file of the server's self-signed certificate (pin it or trust it).
    QString certificatePath() const { return m_certificatePath; }
    /// "user@domain".
    QString jid(const QString &user) const { return user + u'@' + m_domain; }
    /// TCP connections accepted so far (lines of connections.log).
    int connectionCount() const;
    /// Everything the clients sent after TLS (decrypted), all connections.
    QByteArray clientLog() const;
    /// The server's directory (certificate, client.log, connections.log, script).
    QString directory() const { return m_dir.isValid() ? m_dir.path() : QString(); }
    QString errorString() const { return m_error; }

private:
    QString scriptPath() const;
    QByteArray readFile(const QString &name) const;

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_domain = QStringLiteral("localhost");
    QString m_certificatePath;
    QString m_error;
    QStringList m_script;
    Auth m_auth = Auth::Normal;
    bool m_streamManagement = true;
    quint16 m_port = 0;
};

} // namespace Jw::Test
