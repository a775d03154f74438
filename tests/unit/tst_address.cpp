#include "address.h"

#include <QTest>

using namespace Qt::StringLiterals;

using namespace Jw;

class TestAddress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void person_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("bare"); // empty: invalid
        QTest::addColumn<QString>("errorContains");

        QTest::newRow("plain") << u"jenny@example.org"_s << u"jenny@example.org"_s << QString();
        QTest::newRow("spaces around") << u"  jenny@example.org \n"_s << u"jenny@example.org"_s << QString();
        QTest::newRow("upper case") << u"Jenny@Example.ORG"_s << u"jenny@example.org"_s << QString();
        QTest::newRow("xmpp uri") << u"xmpp:jenny@example.org"_s << u"jenny@example.org"_s << QString();
        QTest::newRow("korean local") << u"제니@example.org"_s << u"제니@example.org"_s << QString();
        QTest::newRow("idn domain") << u"jenny@bücher.example"_s << u"jenny@bücher.example"_s << QString();
        QTest::newRow("ipv6 literal") << u"jenny@[::1]"_s << u"jenny@[::1]"_s << QString();
        QTest::newRow("localhost") << u"alice@localhost"_s << u"alice@localhost"_s << QString();
        QTest::newRow("empty") << QString() << QString() << u"Enter an address"_s;
        QTest::newRow("blank") << u"   "_s << QString() << u"Enter an address"_s;
        QTest::newRow("no local") << u"@example.org"_s << QString() << u"before “@” is empty"_s;
        QTest::newRow("no domain") << u"jenny@"_s << QString() << u"after “@” is empty"_s;
        QTest::newRow("server only") << u"example.org"_s << QString() << u"is a server, not a person"_s;
        QTest::newRow("two at") << u"a@b@example.org"_s << QString() << u"only one “@”"_s;
        QTest::newRow("space inside") << u"jen ny@example.org"_s << QString() << u"cannot contain spaces"_s;
        QTest::newRow("quote") << u"jen\"ny@example.org"_s << QString() << u"cannot contain “\"”"_s;
        QTest::newRow("angle") << u"<jenny>@example.org"_s << QString() << u"cannot contain “<”"_s;
        QTest::newRow("resource") << u"jenny@example.org/phone"_s << QString() << u"Leave out the “/phone”"_s;
        QTest::newRow("empty resource") << u"jenny@example.org/"_s << QString() << u"Nothing follows"_s;
        QTest::newRow("bad domain dots") << u"jenny@example..org"_s << QString() << u"not a valid server name"_s;
        QTest::newRow("bad domain hyphen") << u"jenny@-example.org"_s << QString() << u"not a valid server name"_s;
        QTest::newRow("bad domain char") << u"jenny@exa_mple.org"_s << QString() << u"not a valid server name"_s;
        QTest::newRow("bad ipv6") << u"jenny@[::zz]"_s << QString() << u"not a valid server name"_s;
        QTest::newRow("too long") << QString(QString(1100, u'a') + u"@example.org"_s) << QString()
                                  << u"too long"_s;
        QTest::newRow("control char") << u"jen\u0007ny@example.org"_s << QString() << u"control character"_s;
    }

    void person()
    {
        QFETCH(QString, input);
        QFETCH(QString, bare);
        QFETCH(QString, errorContains);
        const auto result = parsePersonAddress(input);
        if (bare.isEmpty()) {
            QVERIFY2(!result, qPrintable(input));
            QVERIFY2(result.errorMessage().contains(errorContains), qPrintable(result.errorMessage()));
        } else {
            QVERIFY2(result, qPrintable(result.errorMessage()));
            QCOMPARE(result.value(), bare);
        }
    }

    void fullAddressKeepsResource()
    {
        const auto a = parseAddress(u"Jenny@Example.org/Phone 1"_s);
        QVERIFY(a);
        QCOMPARE(a->bare(), u"jenny@example.org"_s);
        QCOMPARE(a->resource, u"Phone 1"_s);
        QCOMPARE(a->full(), u"jenny@example.org/Phone 1"_s);
    }

    void bareOfStripsResource()
    {
        QCOMPARE(bareOf(u"Jenny@example.org/phone"_s), u"jenny@example.org"_s);
        QCOMPARE(bareOf(u"jenny@example.org"_s), u"jenny@example.org"_s);
        QCOMPARE(bareOf(QString()), QString());
    }
};

QTEST_GUILESS_MAIN(TestAddress)
#include "tst_address.moc"
