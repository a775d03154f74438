#include "commandline.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

class TestCommandLine final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_passwordFile;
    QString m_cert;

    Expected<CommandLine> parse(QStringList args) { return parseCommandLine(QStringList { u"jabberwock"_s } + args); }

private Q_SLOTS:
    void initTestCase()
    {
        m_passwordFile = m_dir.filePath(u"pw"_s);
        QFile f(m_passwordFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("pw\n");
        m_cert = QFINDTESTDATA("../data/pinned-test.pem");
        QVERIFY(!m_cert.isEmpty());
    }

    void runWithAccount()
    {
        const auto cl = parse({ u"--profile"_s, u"/tmp/p"_s, u"--jid"_s, u"Alice@Localhost"_s, u"--password-file"_s,
            m_passwordFile, u"--server"_s, u"127.0.0.1:5299"_s, u"--trust-certificate"_s, m_cert });
        QVERIFY2(cl, qPrintable(cl.errorMessage()));
        QCOMPARE(cl->mode, CommandLine::Mode::Run);
        QCOMPARE(cl->profileDir, u"/tmp/p"_s);
        QCOMPARE(cl->jid, u"alice@localhost"_s);
        QCOMPARE(cl->passwordFile, m_passwordFile);
        QCOMPARE(cl->serverHost, u"127.0.0.1"_s);
        QCOMPARE(int(cl->serverPort), 5299);
        QCOMPARE(cl->trustCertificate, m_cert);
    }

    void helpAndVersion()
    {
        const auto help = parse({ u"--help"_s });
        QCOMPARE(help->mode, CommandLine::Mode::Help);
        for (const auto &option : { u"--profile"_s, u"--jid"_s, u"--password-file"_s, u"--server"_s,
                 u"--trust-certificate"_s, u"export"_s })
            QVERIFY2(help->helpText.contains(option), qPrintable(option));
        QCOMPARE(parse({ u"--version"_s })->mode, CommandLine::Mode::Version);
        const auto exportHelp = parse({ u"export"_s, u"--help"_s });
        QVERIFY(exportHelp->helpText.contains(u"--format"_s));
    }

    void exportOptions()
    {
        const auto cl = parse({ u"export"_s, u"--profile"_s, u"/p"_s, u"--chat"_s, u"Jenny@Example.org"_s,
            u"--format"_s, u"text"_s });
        QVERIFY2(cl, qPrintable(cl.errorMessage()));
        QCOMPARE(cl->mode, CommandLine::Mode::Export);
        QCOMPARE(cl->exportChat, u"jenny@example.org"_s);
        QCOMPARE(cl->exportFormat, ExportFormat::Text);
        QCOMPARE(parse({ u"export"_s })->exportFormat, ExportFormat::Json);
    }

    void xmppLink_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("jid");
        QTest::addColumn<QString>("body");
        QTest::newRow("address") << QStringList { u"xmpp:Bob@Localhost"_s } << u"bob@localhost"_s
                                 << QString();
        QTest::newRow("with a body") << QStringList { u"xmpp:bob@localhost?message;body=hi%20there"_s }
                                     << u"bob@localhost"_s << u"hi there"_s;
        QTest::newRow("after options")
            << QStringList { u"--profile"_s, u"/p"_s, u"xmpp:bob@localhost?message;body=hi"_s }
            << u"bob@localhost"_s << u"hi"_s;
        QTest::newRow("before options")
            << QStringList { u"xmpp:bob@localhost"_s, u"--jid"_s, u"alice@localhost"_s } << u"bob@localhost"_s
            << QString();
        QTest::newRow("scheme in capitals")
            << QStringList { u"XMPP:bob@localhost"_s } << u"bob@localhost"_s << QString();
    }

    void xmppLink()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, jid);
        QFETCH(QString, body);
        const auto cl = parse(args);
        QVERIFY2(cl, qPrintable(cl.errorMessage()));
        QCOMPARE(cl->mode, CommandLine::Mode::Run);
        for (const QString &arg : std::as_const(args)) {
            if (arg.startsWith(u"xmpp:"_s, Qt::CaseInsensitive))
                QCOMPARE(cl->link, arg);
        }
        QCOMPARE(cl->open.jid, jid);
        QCOMPARE(cl->open.body, body);
    }

    void noLinkNoChat()
    {
        const auto cl = parse({});
        QVERIFY(cl);
        QVERIFY(cl->link.isEmpty());
        QVERIFY(cl->open.jid.isEmpty());
        QVERIFY(parse({ u"--help"_s })->helpText.contains(u"xmpp:"_s));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown option") << QStringList { u"--frobnicate"_s } << u"Unknown option"_s;
        QTest::newRow("bad jid") << QStringList { u"--jid"_s, u"alice"_s } << u"--jid:"_s;
        QTest::newRow("missing value") << QStringList { u"--jid"_s } << u"Missing value"_s;
        QTest::newRow("password without jid") << QStringList { u"--password-file"_s, u"x"_s } << u"needs --jid"_s;
        QTest::newRow("unreadable password")
            << QStringList { u"--jid"_s, u"a@b.c"_s, u"--password-file"_s, u"/nonexistent/pw"_s }
            << u"cannot read"_s;
        QTest::newRow("bad port") << QStringList { u"--server"_s, u"h:99999"_s } << u"is not a port"_s;
        QTest::newRow("bad cert") << QStringList { u"--trust-certificate"_s, u"/nonexistent.pem"_s }
                                  << u"not a readable PEM"_s;
        QTest::newRow("bad format") << QStringList { u"export"_s, u"--format"_s, u"xml"_s } << u"--format must be"_s;
        QTest::newRow("bad chat") << QStringList { u"export"_s, u"--chat"_s, u"@x"_s } << u"--chat:"_s;
        QTest::newRow("stray argument") << QStringList { u"banana"_s } << u"Unexpected argument"_s;
        QTest::newRow("bad link") << QStringList { u"xmpp:bob"_s }
                                  << u"Cannot open the link “xmpp:bob”: “bob” is a server"_s;
        QTest::newRow("bad escape in link")
            << QStringList { u"xmpp:bob@localhost?message;body=%zz"_s } << u"two hexadecimal digits"_s;
        QTest::newRow("group chat link")
            << QStringList { u"xmpp:room@conference.localhost?invite;jid=bob@localhost"_s } << u"group chat"_s;
        QTest::newRow("two links") << QStringList { u"xmpp:a@localhost"_s, u"xmpp:b@localhost"_s }
                                   << u"Unexpected argument “xmpp:b@localhost”"_s;
        QTest::newRow("link and stray argument")
            << QStringList { u"xmpp:a@localhost"_s, u"banana"_s } << u"Unexpected argument “banana”"_s;
        QTest::newRow("link in export")
            << QStringList { u"export"_s, u"xmpp:a@localhost"_s } << u"Unexpected argument"_s;
        QTest::newRow("run option in export") << QStringList { u"export"_s, u"--jid"_s, u"a@b.c"_s }
                                              << u"Unknown option"_s;
    }

    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        const auto cl = parse(args);
        QVERIFY(!cl);
        QVERIFY2(cl.errorMessage().contains(error), qPrintable(cl.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
