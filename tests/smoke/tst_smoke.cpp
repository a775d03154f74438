#include "hostileserver.h"
#include "peer.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

/// The real binary, as a person or a script runs it.
class TestSmoke final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run run(const QStringList &args, const QProcessEnvironment &environment = {})
    {
        QProcess p;
        if (!environment.isEmpty())
            p.setProcessEnvironment(environment);
        p.start(QStringLiteral(JW_APP_BINARY), args);
        Run r;
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            r.err = u"timed out"_s;
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

private Q_SLOTS:
    void versionAndHelp()
    {
        const Run version = run({ u"--version"_s });
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith(u"Jabberwock 0."_s), qPrintable(version.out));
        QVERIFY(version.out.contains(u"QXmpp 1."_s));
        const Run help = run({ u"--help"_s });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(u"--password-file"_s));
        QVERIFY(help.out.contains(u"export"_s));
    }

    void badArgumentsExitWithASentence()
    {
        const Run bad = run({ u"--frobnicate"_s });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(u"Unknown option"_s), qPrintable(bad.err));
        QVERIFY(bad.out.isEmpty());
        const Run noProfile = run({ u"export"_s, u"--profile"_s, m_dir.filePath(u"missing"_s) });
        QCOMPARE(noProfile.exitCode, 1);
        QVERIFY2(noProfile.err.contains(u"There is no profile"_s), qPrintable(noProfile.err));
        const Run badLink
            = run({ u"--profile"_s, m_dir.filePath(u"unused"_s), u"xmpp:bob?message;body=hi"_s });
        QCOMPARE(badLink.exitCode, 2);
        QVERIFY2(
            badLink.err.contains(u"Cannot open the link “xmpp:bob?message;body=hi”: “bob” is a server"_s),
            qPrintable(badLink.err));
    }

    /// What is printed to the terminal is in the terminal's language.
    void terminalOutputIsInTheLocalesLanguage()
    {
        QProcessEnvironment korean = QProcessEnvironment::systemEnvironment();
        korean.remove(u"LANGUAGE"_s);
        korean.insert(u"LC_ALL"_s, u"ko_KR.UTF-8"_s);
        korean.insert(u"LANG"_s, u"ko_KR.UTF-8"_s);
        const Run help = run({ u"--help"_s }, korean);
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(u"이 도움말을 보여 줍니다."_s), qPrintable(help.out));
        QVERIFY(help.out.contains(u"--password-file"_s));
        const Run bad = run({ u"--frobnicate"_s }, korean);
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(u"옵션은 “jabberwock --help”로 확인하세요."_s), qPrintable(bad.err));
        const Run noProfile = run({ u"export"_s, u"--profile"_s, m_dir.filePath(u"missing"_s) }, korean);
        QCOMPARE(noProfile.exitCode, 1);
        QVERIFY2(noProfile.err.contains(u"에 프로필이 없습니다."_s), qPrintable(noProfile.err));
        const Run badFormat = run({ u"export"_s, u"--format"_s, u"xml"_s }, korean);
        QCOMPARE(badFormat.exitCode, 2);
        QVERIFY2(badFormat.err.contains(u"--format은 “xml”이 아니라 “json” 또는 “text”여야 합니다."_s),
            qPrintable(badFormat.err));

        // The same in English where the terminal is English.
        QProcessEnvironment english = korean;
        english.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        english.insert(u"LANG"_s, u"C.UTF-8"_s);
        QVERIFY(run({ u"--help"_s }, english).out.contains(u"Shows this help."_s));
    }

    /// One Jabberwock per profile: a second start hands its link to the first
    /// and exits at once; a killed first leaves nothing in the way.
    void aSecondStartHandsItsLinkToTheFirst()
    {
        Jw::Test::TestServer server;
        QVERIFY2(server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s }, { u"alice:bob"_s }),
            qPrintable(server.errorString()));
        const QString profile = m_dir.filePath(u"single"_s);
        QFile pw(m_dir.filePath(u"single-pw"_s));
        QVERIFY(pw.open(QIODevice::WriteOnly));
        pw.write("alice-pw\n");
        pw.close();
        const QStringList firstArgs { u"--profile"_s, profile, u"--jid"_s, server.jid(u"alice"_s),
            u"--password-file"_s, pw.fileName(), u"--server"_s, u"127.0.0.1:%1"_s.arg(server.port()),
            u"--trust-certificate"_s, server.certificatePath() };

        QProcess first;
        first.start(QStringLiteral(JW_APP_BINARY), firstArgs);
        QVERIFY(first.waitForStarted());
        QString log;
        const auto logged = [&](const QString &line) {
            log += QString::fromUtf8(first.readAllStandardError());
            return log.contains(line);
        };
        QTRY_VERIFY2_WITH_TIMEOUT(logged(u"signed in as"_s), qPrintable(log), 20000);

        QElapsedTimer timer;
        timer.start();
        const QString bob = server.jid(u"bob"_s);
        const Run second = run({ u"--profile"_s, profile, u"xmpp:%1?message;body=hi"_s.arg(bob) });
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QTRY_VERIFY2_WITH_TIMEOUT(
            logged(u"opened the chat with %1 from a link (a draft of 2 characters)"_s.arg(bob)),
            qPrintable(log), 5000);
        QVERIFY2(!second.err.contains(u"main window shown"_s), qPrintable(second.err));

        // Without a link: the first shows itself.
        QCOMPARE(run({ u"--profile"_s, profile }).exitCode, 0);
        QTRY_VERIFY2_WITH_TIMEOUT(logged(u"another start asked for the window"_s), qPrintable(log), 5000);
        QCOMPARE(first.state(), QProcess::Running);

        // Killed: its lock and socket stay behind, and do not stop the next start.
        first.kill();
        QVERIFY(first.waitForFinished());
        QProcess next;
        next.start(QStringLiteral(JW_APP_BINARY), firstArgs + QStringList { u"xmpp:%1"_s.arg(bob) });
        QVERIFY(next.waitForStarted());
        QString nextLog;
        QTRY_VERIFY2_WITH_TIMEOUT((nextLog += QString::fromUtf8(next.readAllStandardError()),
                                      nextLog.contains(u"opened the chat with %1 from a link"_s.arg(bob))),
            qPrintable(nextLog), 20000);
        next.kill();
        next.waitForFinished();
    }

    void signsInReceivesAndKeepsHistory()
    {
        Jw::Test::TestServer server;
        QVERIFY2(server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s }, { u"alice:bob"_s }),
            qPrintable(server.errorString()));
        const QString profile = m_dir.filePath(u"profile"_s);
        QFile pw(m_dir.filePath(u"pw"_s));
        QVERIFY(pw.open(QIODevice::WriteOnly));
        pw.write("alice-pw\n");
        pw.close();

        QProcess app;
        app.setProcessChannelMode(QProcess::SeparateChannels);
        app.start(QStringLiteral(JW_APP_BINARY),
            { u"--profile"_s, profile, u"--jid"_s, server.jid(u"alice"_s), u"--password-file"_s, pw.fileName(),
                u"--server"_s, u"127.0.0.1:%1"_s.arg(server.port()), u"--trust-certificate"_s,
                server.certificatePath() });
        QVERIFY(app.waitForStarted());
        QString log;
        QTRY_VERIFY2_WITH_TIMEOUT((log += QString::fromUtf8(app.readAllStandardError()),
                                      log.contains(u"signed in as"_s)),
            qPrintable(log), 20000);

        Jw::Test::Peer bob(server.jid(u"bob"_s), u"bob-pw"_s, server.port(), server.certificatePath());
        QVERIFY(bob.connectAndWait());
        bob.send(server.jid(u"alice"_s), u"smoke 🦉 test"_s, u"smoke-1"_s);

        const auto exported = [&] {
            const Run e = run({ u"export"_s, u"--profile"_s, profile, u"--chat"_s, server.jid(u"bob"_s) });
            return QJsonDocument::fromJson(e.out.toUtf8()).array();
        };
        QTRY_VERIFY_WITH_TIMEOUT(exported().size() == 1, 15000);
        const QJsonObject chat = exported().first().toObject();
        QCOMPARE(chat[u"account"_s].toString(), server.jid(u"alice"_s));
        QCOMPARE(chat[u"messages"_s].toArray().first().toObject()[u"body"_s].toString(), u"smoke 🦉 test"_s);

        // Killed, not closed: what was stored stays stored.
        app.kill();
        QVERIFY(app.waitForFinished());
        QCOMPARE(exported().first().toObject()[u"messages"_s].toArray().size(), 1);
        // The password is nowhere in the profile.
        QProcess grep;
        grep.start(u"grep"_s, { u"-r"_s, u"-l"_s, u"alice-pw"_s, profile });
        QVERIFY(grep.waitForFinished());
        QCOMPARE(grep.readAllStandardOutput(), QByteArray());
    }

    /// SIGTERM (logout, systemctl, kill) is Quit: the history is written, the
    /// stream is closed (the server ends the session rather than keeping it
    /// for resumption), and the exit status is 0.
    void sigtermQuitsCleanly()
    {
        Jw::Test::HostileServer server;
        server.setScript({ u"send <message type='chat' from='bob@{domain}/phone' to='{full}' id='t1'>"
                           "<body>before the logout</body></message>"_s });
        QVERIFY2(server.start({ u"alice:alice-pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
        const QString profile = m_dir.filePath(u"sigterm"_s);
        QFile pw(m_dir.filePath(u"sigterm-pw"_s));
        QVERIFY(pw.open(QIODevice::WriteOnly));
        pw.write("alice-pw\n");
        pw.close();

        QProcess app;
        app.start(QStringLiteral(JW_APP_BINARY),
            { u"--profile"_s, profile, u"--jid"_s, server.jid(u"alice"_s), u"--password-file"_s, pw.fileName(),
                u"--server"_s, u"127.0.0.1:%1"_s.arg(server.port()), u"--trust-certificate"_s,
                server.certificatePath() });
        QVERIFY(app.waitForStarted());
        QString log;
        QTRY_VERIFY2_WITH_TIMEOUT((log += QString::fromUtf8(app.readAllStandardError()),
                                      log.contains(u"signed in as"_s)),
            qPrintable(log), 20000);
        QTest::qWait(500); // the message arrives

        app.terminate(); // SIGTERM
        QVERIFY(app.waitForFinished(10000));
        log += QString::fromUtf8(app.readAllStandardError());
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        QVERIFY2(log.contains(u"SIGTERM received: quitting"_s), qPrintable(log));
        QTRY_VERIFY_WITH_TIMEOUT(server.clientLog().endsWith("</stream:stream>"), 5000);
        const Run e = run({ u"export"_s, u"--profile"_s, profile, u"--chat"_s, server.jid(u"bob"_s) });
        const QJsonArray chats = QJsonDocument::fromJson(e.out.toUtf8()).array();
        QCOMPARE(chats.size(), 1);
        QCOMPARE(chats.first().toObject()[u"messages"_s].toArray().first().toObject()[u"body"_s].toString(),
            u"before the logout"_s);
    }
};

QTEST_GUILESS_MAIN(TestSmoke)
#include "tst_smoke.moc"
