#include "xmppuri.h"

#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

/// `xmpp:` links (RFC 5122) as a browser, a web page or a person hands them
/// to `jabberwock xmpp:…`.
class TestXmppUri final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("jid");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("body");

        QTest::newRow("plain") << u"xmpp:juliet@example.com"_s << u"juliet@example.com"_s << QString()
                               << QString();
        QTest::newRow("scheme in capitals")
            << u"XMPP:juliet@example.com"_s << u"juliet@example.com"_s << QString() << QString();
        QTest::newRow("surrounding space")
            << u"  xmpp:juliet@example.com\n"_s << u"juliet@example.com"_s << QString() << QString();
        QTest::newRow("capitals normalised")
            << u"xmpp:Juliet@Example.COM"_s << u"juliet@example.com"_s << QString() << QString();
        QTest::newRow("message without body")
            << u"xmpp:juliet@example.com?message"_s << u"juliet@example.com"_s << u"message"_s << QString();
        QTest::newRow("body") << u"xmpp:juliet@example.com?message;body=Hello%20there"_s
                              << u"juliet@example.com"_s << u"message"_s << u"Hello there"_s;
        QTest::newRow("subject ignored")
            << u"xmpp:juliet@example.com?message;subject=Test%20Message;body=Here%27s%20a%20test%20message"_s
            << u"juliet@example.com"_s << u"message"_s << u"Here's a test message"_s;
        QTest::newRow("body then subject")
            << u"xmpp:juliet@example.com?message;body=hi;subject=x;thread=t;type=chat"_s
            << u"juliet@example.com"_s << u"message"_s << u"hi"_s;
        QTest::newRow("utf-8 body")
            << u"xmpp:juliet@example.com?message;body=%EC%95%88%EB%85%95%20%F0%9F%A6%89"_s
            << u"juliet@example.com"_s << u"message"_s << u"안녕 🦉"_s;
        QTest::newRow("unencoded unicode body (IRI)")
            << u"xmpp:juliet@example.com?message;body=안녕 🦉"_s << u"juliet@example.com"_s
            << u"message"_s << u"안녕 🦉"_s;
        QTest::newRow("plus stays plus") << u"xmpp:juliet@example.com?message;body=1+1%3D2"_s
                                         << u"juliet@example.com"_s << u"message"_s << u"1+1=2"_s;
        QTest::newRow("encoded semicolon and newline")
            << u"xmpp:juliet@example.com?message;body=a%3Bb%0Ac"_s << u"juliet@example.com"_s << u"message"_s
            << u"a;b\nc"_s;
        QTest::newRow("first body wins") << u"xmpp:juliet@example.com?message;body=one;body=two"_s
                                         << u"juliet@example.com"_s << u"message"_s << u"one"_s;
        QTest::newRow("empty body") << u"xmpp:juliet@example.com?message;body="_s << u"juliet@example.com"_s
                                    << u"message"_s << QString();
        QTest::newRow("query type in capitals") << u"xmpp:juliet@example.com?Message;body=x"_s
                                                << u"juliet@example.com"_s << u"message"_s << u"x"_s;
        QTest::newRow("empty query") << u"xmpp:juliet@example.com?"_s << u"juliet@example.com"_s << QString()
                                     << QString();
        QTest::newRow("fragment ignored") << u"xmpp:juliet@example.com?message;body=hi#top"_s
                                          << u"juliet@example.com"_s << u"message"_s << u"hi"_s;
        QTest::newRow("roster opens the chat")
            << u"xmpp:juliet@example.com?roster;name=Juliet;group=Friends"_s << u"juliet@example.com"_s
            << u"roster"_s << QString();
        QTest::newRow("subscribe opens the chat") << u"xmpp:juliet@example.com?subscribe"_s
                                                  << u"juliet@example.com"_s << u"subscribe"_s << QString();
        QTest::newRow("unknown type opens the chat, body ignored")
            << u"xmpp:juliet@example.com?frobnicate;body=x"_s << u"juliet@example.com"_s << u"frobnicate"_s
            << QString();
        QTest::newRow("authority ignored") << u"xmpp://guest@example.com/support@example.com?message"_s
                                           << u"support@example.com"_s << u"message"_s << QString();
        QTest::newRow("authority and body")
            << u"xmpp://romeo@montague.net/juliet@example.com?message;body=hi"_s << u"juliet@example.com"_s
            << u"message"_s << u"hi"_s;
        QTest::newRow("resource dropped")
            << u"xmpp:juliet@example.com/balcony"_s << u"juliet@example.com"_s << QString() << QString();
        QTest::newRow("resource with encoded slash and body")
            << u"xmpp:juliet@example.com/some%2Fresource?message;body=x"_s << u"juliet@example.com"_s
            << u"message"_s << u"x"_s;
        QTest::newRow("encoded local part")
            << u"xmpp:j%C3%BCrgen@example.org"_s << u"jürgen@example.org"_s << QString() << QString();
        QTest::newRow("encoded ASCII local part")
            << u"xmpp:%62ob@example.org"_s << u"bob@example.org"_s << QString() << QString();
        QTest::newRow("RFC 5122 nasty node")
            << u"xmpp:nasty!%23$%25()*+,-.;=%3F%5B%5C%5D%5E_%60%7B%7C%7D~node@example.com"_s
            << u"nasty!#$%()*+,-.;=?[\\]^_`{|}~node@example.com"_s << QString() << QString();
        QTest::newRow("unicode local part and domain (IRI)")
            << u"xmpp:réne@exämple.org"_s << u"réne@exämple.org"_s << QString() << QString();
        QTest::newRow("encoded unicode domain")
            << u"xmpp:bob@ex%C3%A4mple.org"_s << u"bob@exämple.org"_s << QString() << QString();
        QTest::newRow("punycode domain becomes unicode")
            << u"xmpp:bob@xn--exmple-cua.org"_s << u"bob@exämple.org"_s << QString() << QString();
        QTest::newRow("korean domain")
            << u"xmpp:철수@도메인.한국"_s << u"철수@도메인.한국"_s << QString() << QString();
        QTest::newRow("decomposed becomes composed")
            << u"xmpp:bob@exa\u0308mple.org"_s << u"bob@exämple.org"_s << QString() << QString();
        QTest::newRow("localhost") << u"xmpp:bob@localhost?message;body=hi"_s << u"bob@localhost"_s
                                   << u"message"_s << u"hi"_s;
        QTest::newRow("ipv6 domain") << u"xmpp:bob@[::1]"_s << u"bob@[::1]"_s << QString() << QString();
    }

    void valid()
    {
        QFETCH(QString, input);
        QFETCH(QString, jid);
        QFETCH(QString, action);
        QFETCH(QString, body);
        const auto uri = parseXmppUri(input);
        QVERIFY2(uri, qPrintable(uri.errorMessage()));
        QCOMPARE(uri->jid, jid);
        QCOMPARE(uri->action, action);
        QCOMPARE(uri->body, body);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("error");

        QTest::newRow("empty") << QString() << u"is not an xmpp: link"_s;
        QTest::newRow("other scheme") << u"mailto:bob@example.org"_s << u"is not an xmpp: link"_s;
        QTest::newRow("no scheme") << u"bob@example.org"_s << u"is not an xmpp: link"_s;
        QTest::newRow("scheme alone") << u"xmpp:"_s << u"names no one to chat with"_s;
        QTest::newRow("only a query") << u"xmpp:?message;body=hi"_s << u"names no one to chat with"_s;
        QTest::newRow("only a fragment") << u"xmpp:#x"_s << u"names no one to chat with"_s;
        QTest::newRow("authority without target")
            << u"xmpp://romeo@montague.net"_s << u"no one to chat with"_s;
        QTest::newRow("authority with empty target")
            << u"xmpp://romeo@montague.net/"_s << u"no one to chat with"_s;
        QTest::newRow("server") << u"xmpp:example.org"_s << u"is a server, not a person"_s;
        QTest::newRow("server with query") << u"xmpp:example.org?disco"_s << u"is a server, not a person"_s;
        QTest::newRow("empty local part") << u"xmpp:@example.org"_s << u"before “@” is empty"_s;
        QTest::newRow("empty domain") << u"xmpp:bob@"_s << u"after “@” is empty"_s;
        QTest::newRow("empty resource") << u"xmpp:bob@example.org/"_s << u"Nothing follows the “/”"_s;
        QTest::newRow("two @") << u"xmpp:a@b@example.org"_s << u"contains “@”"_s;
        QTest::newRow("encoded @ in local part") << u"xmpp:a%40b@example.org"_s << u"contains “@”"_s;
        QTest::newRow("encoded / in domain") << u"xmpp:bob@example.org%2Fx"_s << u"contains “/”"_s;
        QTest::newRow("apostrophe (RFC 7622)") << u"xmpp:o%27malley@example.org"_s << u"cannot contain “'”"_s;
        QTest::newRow("encoded space") << u"xmpp:bob%20smith@example.org"_s << u"cannot contain spaces"_s;
        QTest::newRow("bad domain") << u"xmpp:bob@exa_mple.org"_s << u"not a valid server name"_s;
        QTest::newRow("domain with dots") << u"xmpp:bob@example..org"_s << u"not a valid server name"_s;
        QTest::newRow("truncated escape")
            << u"xmpp:bob@example.org?message;body=50%"_s << u"two hexadecimal"_s;
        QTest::newRow("bad escape") << u"xmpp:b%zzob@example.org"_s << u"two hexadecimal"_s;
        QTest::newRow("half an escape") << u"xmpp:bob@example.org?message;body=%4"_s << u"two hexadecimal"_s;
        QTest::newRow("invalid utf-8")
            << u"xmpp:bob@example.org?message;body=%C3%28"_s << u"not valid UTF-8"_s;
        QTest::newRow("lone continuation byte") << u"xmpp:b%80ob@example.org"_s << u"not valid UTF-8"_s;
        QTest::newRow("invite is a group chat")
            << u"xmpp:room@conference.example.org?invite;jid=x@y.z"_s << u"group chat"_s;
        QTest::newRow("too long") << u"xmpp:bob@example.org?message;body="_s + QString(MaxXmppUriLength, u'x')
                                  << u"too long"_s;
        QTest::newRow("control character") << u"xmpp:b%07ob@example.org"_s << u"control character"_s;
    }

    void invalid()
    {
        QFETCH(QString, input);
        QFETCH(QString, error);
        const auto uri = parseXmppUri(input);
        QVERIFY2(!uri, qPrintable(uri.ok() ? uri->jid : QString()));
        QVERIFY2(uri.errorMessage().contains(error), qPrintable(uri.errorMessage()));
        // A sentence, not a code.
        QVERIFY(uri.errorMessage().endsWith(u'.'));
    }

    /// XEP-0045 §17.4: a link to join a room, with or without its password.
    void joinLinks()
    {
        auto uri = parseXmppUri(u"xmpp:Team@Conference.Example.org?join"_s);
        QVERIFY2(uri, qPrintable(uri.errorMessage()));
        QCOMPARE(uri->jid, u"team@conference.example.org"_s);
        QVERIFY(uri->isJoin());
        QVERIFY(uri->password.isEmpty());
        QVERIFY(uri->body.isEmpty());

        uri = parseXmppUri(u"xmpp:team@conference.example.org?JOIN;password=%EB%B9%84%EB%B0%80;body=x"_s);
        QVERIFY2(uri, qPrintable(uri.errorMessage()));
        QVERIFY(uri->isJoin());
        QCOMPARE(uri->password, u"비밀"_s);
        QVERIFY(uri->body.isEmpty()); // a join has no draft

        // A password in a message link is not a password.
        uri = parseXmppUri(u"xmpp:bob@example.org?message;password=x;body=hi"_s);
        QVERIFY(uri && !uri->isJoin());
        QVERIFY(uri->password.isEmpty());
        QCOMPARE(uri->body, u"hi"_s);
    }

    void recognisesTheScheme()
    {
        QVERIFY(looksLikeXmppUri(u"xmpp:bob@example.org"_s));
        QVERIFY(looksLikeXmppUri(u" XMPP:x"_s));
        QVERIFY(!looksLikeXmppUri(u"--jid"_s));
        QVERIFY(!looksLikeXmppUri(u"bob@example.org"_s));
        QVERIFY(!looksLikeXmppUri(u"xmpp"_s));
    }
};

QTEST_GUILESS_MAIN(TestXmppUri)
#include "tst_xmppuri.moc"
