#include "passwordstore.h"
#include "profile.h"
#include "session.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

class TestProfile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void server_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QString() << QString() << 0 << QString();
        QTest::newRow("host") << u"xmpp.example.org"_s << u"xmpp.example.org"_s << 0 << QString();
        QTest::newRow("host:port") << u"127.0.0.1:5223"_s << u"127.0.0.1"_s << 5223 << QString();
        QTest::newRow("v6") << u"[::1]:5222"_s << u"::1"_s << 5222 << QString();
        QTest::newRow("v6 no port") << u"[::1]"_s << u"::1"_s << 0 << QString();
        QTest::newRow("port zero") << u"host:0"_s << QString() << 0 << u"is not a port"_s;
        QTest::newRow("port big") << u"host:70000"_s << QString() << 0 << u"is not a port"_s;
        QTest::newRow("port word") << u"host:abc"_s << QString() << 0 << u"is not a port"_s;
        QTest::newRow("v6 open") << u"[::1:5222"_s << QString() << 0 << u"“]” is missing"_s;
        QTest::newRow("no host") << u":5222"_s << QString() << 0 << u"is not a server name"_s;
    }

    void server()
    {
        QFETCH(QString, input);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, error);
        const auto parsed = parseServer(input);
        if (!error.isEmpty()) {
            QVERIFY(!parsed);
            QVERIFY2(parsed.errorMessage().contains(error), qPrintable(parsed.errorMessage()));
            return;
        }
        QVERIFY2(parsed, qPrintable(parsed.errorMessage()));
        QCOMPARE(parsed->host, host);
        QCOMPARE(int(parsed->port), port);
    }

    void accountsRoundTripWithoutPassword()
    {
        QTemporaryDir dir;
        const Profile profile(dir.filePath(u"p"_s));
        QVERIFY(profile.saveAccount({ u"alice@example.org"_s, u"127.0.0.1"_s, 5299 }));
        QVERIFY(profile.saveAccount({ u"bob@example.org"_s, QString(), 0 }));
        QVERIFY(profile.saveAccount({ u"Alice@example.org"_s, u"other"_s, 1 })); // same account, updated
        const auto accounts = Profile(dir.filePath(u"p"_s)).accounts();
        QCOMPARE(accounts.size(), 2);
        QCOMPARE(accounts[0].host, u"other"_s);
        QCOMPARE(accounts[1].jid, u"bob@example.org"_s);
        QFile ini(profile.settingsPath());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains("password"));
    }

    void historiesNameTheirAccountsAndKeepTheirPaths()
    {
        QTemporaryDir dir;
        const Profile profile(dir.filePath(u"p"_s));
        QVERIFY(profile.saveAccount({ u"Alice@Example.org"_s, QString(), 0 }));
        const auto touch = [](const QString &path) {
            QDir().mkpath(QFileInfo(path).path());
            QFile file(path);
            return file.open(QIODevice::WriteOnly);
        };
        QVERIFY(touch(profile.historyPath(u"Alice@Example.org"_s)));
        // A folder no account names (an account removed, or from an older
        // version), not in the folder-name form of today: read where it is.
        const QString stray = dir.filePath(u"p/accounts/Old@Example.org/history.db"_s);
        QVERIFY(touch(stray));
        QVERIFY(QDir().mkpath(dir.filePath(u"p/accounts/empty@example.org"_s))); // no history: not listed

        const auto histories = profile.histories();
        QCOMPARE(histories.size(), 2);
        QCOMPARE(histories.at(0).account, u"Old@Example.org"_s); // sorted by folder: upper case first
        QCOMPARE(histories.at(0).path, stray);
        QCOMPARE(histories.at(1).account, u"Alice@Example.org"_s);
        QCOMPARE(histories.at(1).path, profile.historyPath(u"Alice@Example.org"_s));
        QVERIFY(QFile::exists(histories.at(1).path));
    }

    void pinsCertificates()
    {
        QTemporaryDir dir;
        const Profile profile(dir.path());
        const auto certs = QSslCertificate::fromPath(QFINDTESTDATA("../data/pinned-test.pem"));
        QCOMPARE(certs.size(), 1);
        QVERIFY(profile.pinnedCertificates(u"a@example.org"_s).isEmpty());
        QVERIFY(profile.pinCertificate(u"a@example.org"_s, certs.first()));
        QCOMPARE(profile.pinnedCertificates(u"a@example.org"_s), certs);
        QVERIFY(profile.pinnedCertificates(u"b@example.org"_s).isEmpty());
        // The fingerprint people compare: 32 colon-separated hex pairs.
        const QString fp = fingerprint(certs.first());
        QCOMPARE(fp.count(u':'), 31);
        QCOMPARE(fp.size(), 95);
    }

    void passwordFile()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(u"pw"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("s3cret pass\r\nsecond line\n");
        f.close();
        QCOMPARE(readPasswordFile(f.fileName()).value(), u"s3cret pass"_s);
        const auto missing = readPasswordFile(dir.filePath(u"missing"_s));
        QVERIFY(!missing);
        QVERIFY(missing.errorMessage().contains(u"Could not read the password file"_s));
        QFile empty(dir.filePath(u"empty"_s));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QVERIFY(readPasswordFile(empty.fileName()).errorMessage().contains(u"is empty"_s));
    }

    void reconnectBacksOff()
    {
        ReconnectPolicy policy(1, 60);
        QList<int> delays;
        for (int i = 0; i < 9; ++i)
            delays.append(policy.nextDelaySeconds());
        QCOMPARE(delays, (QList<int> { 1, 2, 4, 8, 16, 32, 60, 60, 60 }));
        policy.reset();
        QCOMPARE(policy.nextDelaySeconds(), 1);
        for (int i = 0; i < 100; ++i)
            QVERIFY(policy.nextDelaySeconds() <= 60);
    }

    void deviceResourceIsRandomAndKeptPerProfile()
    {
        QTemporaryDir one;
        QTemporaryDir two;
        const QString first = Profile(one.path()).deviceResource();
        QVERIFY(first.startsWith(u"jabberwock-"_s));
        QVERIFY(first.size() > u"jabberwock-"_s.size() + 5);
        QCOMPARE(Profile(one.path()).deviceResource(), first); // kept
        QVERIFY(Profile(two.path()).deviceResource() != first); // another device, another name
        // A session without one never uses a fixed name either.
        QVERIFY(ConnectionSettings().resource.isEmpty());
        QVERIFY(randomResource() != randomResource());
    }

    void malformedAccountIsAnErrorNotAConnection()
    {
        Session session;
        QList<SessionError> errors;
        connect(&session, &Session::errorOccurred, this, [&](const SessionError &e) { errors.append(e); });
        session.connectToServer({ u"not an address"_s, u"pw"_s, {}, 0, {} });
        QCOMPARE(session.state(), Session::State::Error);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().kind, SessionError::Kind::MalformedAddress);
        QVERIFY2(errors.first().message.contains(u"spaces"_s), qPrintable(errors.first().message));
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
