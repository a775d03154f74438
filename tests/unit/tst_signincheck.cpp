#include "signincheck.h"

#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

// RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256): user "user",
// password "pencil". Base64 of the messages as they travel in XMPP.
struct Exchange
{
    QByteArray mechanism;
    QByteArray clientFirst;
    QByteArray serverFirst;
    QByteArray clientFinal;
    QByteArray serverFinal;
};

const Exchange Sha1 { "SCRAM-SHA-1", "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
    "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
    "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
    "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=" };

const Exchange Sha256 { "SCRAM-SHA-256", "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
    "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=" };

const QByteArray ClientHeader = "<?xml version='1.0'?><stream:stream to='localhost' xmlns='jabber:client' "
                                "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
const QByteArray ServerHeader = "<?xml version='1.0'?><stream:stream from='localhost' id='x' "
                                "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
                                "version='1.0'>";
const QByteArray Sasl1Features = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                                 "<mechanism>SCRAM-SHA-256</mechanism><mechanism>SCRAM-SHA-1</mechanism>"
                                 "</mechanisms></stream:features>";
const QByteArray Sasl2Features = "<stream:features><authentication xmlns='urn:xmpp:sasl:2'>"
                                 "<mechanism>SCRAM-SHA-256</mechanism></authentication></stream:features>";

/// Feeds in pieces of `step` bytes, as the network may split it.
void feed(SignInCheck &check, bool server, const QByteArray &bytes, int step)
{
    for (qsizetype i = 0; i < bytes.size(); i += step) {
        if (server)
            check.feedServer(QByteArrayView(bytes).sliced(i, std::min<qsizetype>(step, bytes.size() - i)));
        else
            check.feedClient(QByteArrayView(bytes).sliced(i, std::min<qsizetype>(step, bytes.size() - i)));
    }
}

void feedAll(SignInCheck &check, bool server, const QByteArray &bytes)
{
    feed(check, server, bytes, int(bytes.size()));
}

} // namespace

/// SignInCheck: signed in means the server proved it knows the password.
class TestSignInCheck final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdicts_data()
    {
        QTest::addColumn<bool>("sasl2");
        QTest::addColumn<bool>("sha256");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("serverFinal"); // null: the real one
        QTest::addColumn<bool>("skipChallenge");
        QTest::addColumn<int>("step");
        QTest::addColumn<int>("verdict");

        const int verified = int(SignInCheck::Verdict::Verified);
        const int refused = int(SignInCheck::Verdict::Refused);
        QTest::newRow("SHA-1 right") << false << false << "pencil"_ba << QByteArray() << false << 4096 << verified;
        QTest::newRow("SHA-256 right, byte by byte") << false << true << "pencil"_ba << QByteArray() << false << 1
                                                     << verified;
        QTest::newRow("SASL2 SHA-256 right") << true << true << "pencil"_ba << QByteArray() << false << 7
                                             << verified;
        QTest::newRow("other password") << false << true << "pencils"_ba << QByteArray() << false << 4096
                                        << refused;
        QTest::newRow("wrong v") << false << true << "pencil"_ba << "v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="_ba
                                 << false << 4096 << refused;
        QTest::newRow("no v") << false << true << "pencil"_ba << ""_ba << false << 4096 << refused;
        QTest::newRow("SASL2 no v") << true << true << "pencil"_ba << ""_ba << false << 4096 << refused;
        QTest::newRow("success at once") << false << true << "pencil"_ba << ""_ba << true << 4096 << refused;
    }

    void verdicts()
    {
        QFETCH(bool, sasl2);
        QFETCH(bool, sha256);
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, serverFinal);
        QFETCH(bool, skipChallenge);
        QFETCH(int, step);
        QFETCH(int, verdict);
        const Exchange &x = sha256 ? Sha256 : Sha1;
        const QByteArray final = serverFinal.isNull() ? x.serverFinal : serverFinal;
        const char *ns = sasl2 ? "urn:xmpp:sasl:2" : "urn:ietf:params:xml:ns:xmpp-sasl";

        SignInCheck check(QString::fromUtf8(password));
        feed(check, false, ClientHeader, step);
        feed(check, true, ServerHeader + (sasl2 ? Sasl2Features : Sasl1Features), step);
        QCOMPARE(check.verdict(), SignInCheck::Verdict::Pending);
        if (sasl2) {
            feed(check, false, "<authenticate xmlns='urn:xmpp:sasl:2' mechanism='" + x.mechanism
                    + "'><initial-response>" + x.clientFirst.toBase64()
                    + "</initial-response><user-agent id='d'/></authenticate>",
                step);
        } else {
            feed(check, false, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='" + x.mechanism + "'>"
                    + x.clientFirst.toBase64() + "</auth>",
                step);
        }
        if (!skipChallenge) {
            feed(check, true, QByteArray("<challenge xmlns='") + ns + "'>" + x.serverFirst.toBase64() + "</challenge>",
                step);
            feed(check, false, QByteArray("<response xmlns='") + ns + "'>" + x.clientFinal.toBase64() + "</response>",
                step);
            QCOMPARE(check.verdict(), SignInCheck::Verdict::Pending);
        }
        if (sasl2) {
            feed(check, true, "<success xmlns='urn:xmpp:sasl:2'>\n  <additional-data>" + final.toBase64()
                    + "</additional-data>\n  <authorization-identifier>user@localhost/r</authorization-identifier>"
                      "\n</success>",
                step);
        } else {
            feed(check, true, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + final.toBase64() + "</success>",
                step);
        }
        QCOMPARE(int(check.verdict()), verdict);
        if (check.verdict() == SignInCheck::Verdict::Refused)
            QVERIFY(!check.reason().isEmpty());
    }

    void noMechanismIsRefusedAtTheFeatures()
    {
        SignInCheck check(u"pencil"_s);
        feedAll(check, false, ClientHeader);
        feedAll(check, true, ServerHeader + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                                        "</stream:features>");
        QCOMPARE(check.verdict(), SignInCheck::Verdict::Refused);
        QVERIFY2(check.reason().contains(u"no SASL mechanism"_s), qPrintable(check.reason()));
    }

    void failureIsLeftToQXmpp()
    {
        SignInCheck check(u"pencil"_s);
        feedAll(check, false, ClientHeader + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
            + Sha1.clientFirst.toBase64() + "</auth>");
        feedAll(check, true, ServerHeader + Sasl1Features
            + "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
        QCOMPARE(check.verdict(), SignInCheck::Verdict::Failed);
    }

    void otherMechanismsProveNothing()
    {
        SignInCheck check(u"pencil"_s);
        feedAll(check, false, ClientHeader + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
            + QByteArray("\0user\0pencil", 12).toBase64() + "</auth>");
        feedAll(check, true, ServerHeader + Sasl1Features + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        QCOMPARE(check.verdict(), SignInCheck::Verdict::Refused);
    }
};

QTEST_GUILESS_MAIN(TestSignInCheck)
#include "tst_signincheck.moc"
