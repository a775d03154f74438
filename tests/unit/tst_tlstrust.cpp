// The system's certificate authorities are read when a handshake needs one,
// not all at the first TLS object (tlstrust.h), and trust is what it was:
// a server signed by an authority in the system's hashed directory is trusted,
// one signed by any other is not.
//
// The trusted case needs an authority of our own in /etc/ssl/certs. The test
// puts one there only in a private mount namespace of its own (root only: the
// project's build root, or a root shell); elsewhere that case is skipped and
// says why. The authority is a link to its file, as on Debian, so Qt 6.8's own
// check would not have found it.

#include "tlstrust.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

namespace {

/// Set by main() before anything else: whether this process has a mount
/// namespace of its own whose mounts go nowhere else, and why not.
bool g_privateMounts = false;
QString g_noPrivateMounts;
Jw::TlsTrust::Outcome g_outcome = Jw::TlsTrust::Outcome::Unsupported;

void enterPrivateMountNamespace()
{
    if (geteuid() != 0) {
        g_noPrivateMounts = QStringLiteral("not root: cannot mount an authority over /etc/ssl/certs");
        return;
    }
    if (unshare(CLONE_NEWNS) != 0) {
        g_noPrivateMounts = QStringLiteral("unshare(CLONE_NEWNS): %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0) {
        g_privateMounts = true;
        return;
    }
    // In a chroot "/" is no mount point (EINVAL). The project's build root is
    // entered through `unshare --propagation private` (scripts/lib/env.sh),
    // so nothing mounted in it reaches the host.
    if (errno == EINVAL && qEnvironmentVariableIsSet("JABBERWOCK_IN_ROOT")) {
        g_privateMounts = true;
        return;
    }
    g_noPrivateMounts = QStringLiteral("cannot make the mounts private: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
}

struct Issued
{
    QString certificate;
    QString key;
};

} // namespace

class TestTlsTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void findsHashedNamesOnlyWhereACertificateIs();
    void theCertificatesAreNotReadUpFront();
    void aServerSignedByASystemAuthorityIsTrusted();
    void aServerSignedByAnotherAuthorityIsNot();

private:
    bool openssl(const QStringList &arguments, QByteArray *out = nullptr);
    Issued authority(const QString &name);
    Issued server(const QString &name, const Issued &authority, const QString &host);
    QList<QSslError> handshake(const Issued &server, const QString &host, bool *encrypted);

    QTemporaryDir m_dir;
    Issued m_system;   ///< the authority mounted into /etc/ssl/certs (when it could be)
    Issued m_stranger; ///< an authority nobody trusts
    bool m_mounted = false;
};

bool TestTlsTrust::openssl(const QStringList &arguments, QByteArray *out)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), arguments);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(arguments.join(u' ')), p.readAllStandardError().constData());
        return false;
    }
    if (out)
        *out = p.readAllStandardOutput();
    return true;
}

Issued TestTlsTrust::authority(const QString &name)
{
    const Issued made { m_dir.filePath(name + QStringLiteral(".pem")), m_dir.filePath(name + QStringLiteral(".key")) };
    const bool ok = openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
        QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
        QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
        QStringLiteral("/CN=Jabberwock test authority %1").arg(name), QStringLiteral("-addext"),
        QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
        QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"), QStringLiteral("-keyout"), made.key,
        QStringLiteral("-out"), made.certificate });
    return ok ? made : Issued {};
}

Issued TestTlsTrust::server(const QString &name, const Issued &issuer, const QString &host)
{
    const Issued made { m_dir.filePath(name + QStringLiteral(".pem")), m_dir.filePath(name + QStringLiteral(".key")) };
    const QString request = m_dir.filePath(name + QStringLiteral(".csr"));
    const QString extensions = m_dir.filePath(name + QStringLiteral(".ext"));
    QFile ext(extensions);
    if (!ext.open(QIODevice::WriteOnly))
        return {};
    ext.write(QStringLiteral("subjectAltName=DNS:%1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
                  .arg(host)
                  .toUtf8());
    ext.close();
    if (!openssl({ QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
            QStringLiteral("/CN=%1").arg(host), QStringLiteral("-keyout"), made.key, QStringLiteral("-out"), request }))
        return {};
    if (!openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), request,
            QStringLiteral("-CA"), issuer.certificate, QStringLiteral("-CAkey"), issuer.key,
            QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"),
            QStringLiteral("-extfile"), extensions, QStringLiteral("-out"), made.certificate }))
        return {};
    return made;
}

void TestTlsTrust::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_system = authority(QStringLiteral("system"));
    m_stranger = authority(QStringLiteral("stranger"));
    QVERIFY(!m_system.certificate.isEmpty());
    QVERIFY(!m_stranger.certificate.isEmpty());
    if (!g_privateMounts)
        return;
    // /etc/ssl/certs as Debian makes it, with one authority: its file, and
    // its hashed name as a link to it.
    QByteArray hash;
    QVERIFY(openssl({ QStringLiteral("x509"), QStringLiteral("-hash"), QStringLiteral("-noout"), QStringLiteral("-in"),
        m_system.certificate }, &hash));
    const QString certs = m_dir.filePath(QStringLiteral("certs"));
    QVERIFY(QDir().mkpath(certs));
    QVERIFY(QFile::copy(m_system.certificate, certs + QStringLiteral("/jabberwock-test.pem")));
    QVERIFY(QFile::link(QStringLiteral("jabberwock-test.pem"),
        certs + u'/' + QString::fromLatin1(hash.trimmed()) + QStringLiteral(".0")));
    QVERIFY(QDir(QStringLiteral("/etc/ssl/certs")).exists());
    QVERIFY2(mount(QFile::encodeName(certs).constData(), "/etc/ssl/certs", nullptr, MS_BIND, nullptr) == 0,
        std::strerror(errno));
    m_mounted = true;
}

void TestTlsTrust::cleanupTestCase()
{
    if (m_mounted)
        umount("/etc/ssl/certs");
}

void TestTlsTrust::findsHashedNamesOnlyWhereACertificateIs()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(!Jw::TlsTrust::hasHashedCertificates(dir.path()));
    QVERIFY(!Jw::TlsTrust::hasHashedCertificates(dir.filePath(QStringLiteral("missing"))));

    QVERIFY(QFile::copy(m_stranger.certificate, dir.filePath(QStringLiteral("authority.pem"))));
    QVERIFY(!Jw::TlsTrust::hasHashedCertificates(dir.path())); // a certificate, but no hashed name

    QVERIFY(QFile::link(QStringLiteral("gone.pem"), dir.filePath(QStringLiteral("0123abcd.0"))));
    QVERIFY(!Jw::TlsTrust::hasHashedCertificates(dir.path())); // a hashed name to nothing
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("89abcdef.1")));
    QVERIFY(!Jw::TlsTrust::hasHashedCertificates(dir.path())); // a folder
    QVERIFY(QFile::link(QStringLiteral("authority.pem"), dir.filePath(QStringLiteral("0123ABCD.0"))));
    QVERIFY(!Jw::TlsTrust::hasHashedCertificates(dir.path())); // OpenSSL writes the hash in lower case
    QVERIFY(QFile::link(QStringLiteral("authority.pem"), dir.filePath(QStringLiteral("0123abcd.0x"))));
    QVERIFY(!Jw::TlsTrust::hasHashedCertificates(dir.path()));

    QVERIFY(QFile::link(QStringLiteral("authority.pem"), dir.filePath(QStringLiteral("fedcba98.2"))));
    QVERIFY(Jw::TlsTrust::hasHashedCertificates(dir.path())); // a link, as on Debian
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("fedcba98.2"))));
    QVERIFY(QFile::copy(m_stranger.certificate, dir.filePath(QStringLiteral("fedcba98.0"))));
    QVERIFY(Jw::TlsTrust::hasHashedCertificates(dir.path())); // a file of its own
}

void TestTlsTrust::theCertificatesAreNotReadUpFront()
{
    if (g_outcome == Jw::TlsTrust::Outcome::NoHashedDirectory)
        QSKIP("this system has no hashed certificate directory: Qt reads them all, as it should");
    QCOMPARE(g_outcome, Jw::TlsTrust::Outcome::OnDemand);
    QSslSocket socket; // Qt's TLS backend starts here
    QVERIFY(QSslSocket::supportsSsl());
    QVERIFY(!QSslConfiguration::systemCaCertificates().isEmpty());
    // Had Qt read them all up front, they would be the default's list.
    QCOMPARE(QSslConfiguration::defaultConfiguration().caCertificates().size(), 0);
}

QList<QSslError> TestTlsTrust::handshake(const Issued &server, const QString &host, bool *encrypted)
{
    QSslServer listener;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    QFile certificate(server.certificate);
    QFile key(server.key);
    if (!certificate.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
        return { QSslError(QSslError::UnspecifiedError) };
    config.setLocalCertificate(QSslCertificate(certificate.readAll()));
    config.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    listener.setSslConfiguration(config);
    if (!listener.listen(QHostAddress::LocalHost))
        return { QSslError(QSslError::UnspecifiedError) };

    QSslSocket client;
    QList<QSslError> errors;
    connect(&client, &QSslSocket::sslErrors, this, [&](const QList<QSslError> &e) { errors += e; });
    QSignalSpy done(&client, &QSslSocket::encrypted);
    QSignalSpy failed(&client, &QSslSocket::errorOccurred);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), listener.serverPort(), host);
    if (!QTest::qWaitFor([&] { return done.size() > 0 || failed.size() > 0; }, 10000))
        return { QSslError(QSslError::UnspecifiedError) }; // neither within 10 s
    *encrypted = done.size() > 0;
    return errors;
}

void TestTlsTrust::aServerSignedByASystemAuthorityIsTrusted()
{
    if (!m_mounted)
        QSKIP(qPrintable(g_noPrivateMounts));
    const QString host = QStringLiteral("trusted.jabberwock.test");
    const Issued leaf = server(QStringLiteral("trusted"), m_system, host);
    QVERIFY(!leaf.certificate.isEmpty());
    bool encrypted = false;
    const QList<QSslError> errors = handshake(leaf, host, &encrypted);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first().errorString()));
    QVERIFY(encrypted);
    // ... found by its hashed name, not from a list read at start.
    QCOMPARE(QSslConfiguration::defaultConfiguration().caCertificates().size(), 0);
}

void TestTlsTrust::aServerSignedByAnotherAuthorityIsNot()
{
    const QString host = QStringLiteral("stranger.jabberwock.test");
    const Issued leaf = server(QStringLiteral("untrusted"), m_stranger, host);
    QVERIFY(!leaf.certificate.isEmpty());
    bool encrypted = false;
    const QList<QSslError> errors = handshake(leaf, host, &encrypted);
    QVERIFY(!encrypted);
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.first().error(), QSslError::UnableToGetLocalIssuerCertificate);
}

int main(int argc, char *argv[])
{
    // Both before any thread and any TLS object: a mount namespace is the
    // calling thread's, and Qt settles how it reads certificates at its first.
    enterPrivateMountNamespace();
    g_outcome = Jw::TlsTrust::readSystemCertificatesOnDemand();
    QCoreApplication app(argc, argv);
    TestTlsTrust test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tlstrust.moc"
