// The stream guard's parts without a real server: the UTF-8 boundary check,
// the re-encoding filter (read back the way QXmpp 1.10 reads), and the
// guard's refusals before TLS against a tiny plaintext fake on loopback.

#include "stanzas.h"
#include "streamfilter.h"
#include "streamguard.h"

#include <QXmppMessage.h>

#include <QDomDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                          "xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='example.test' version='1.0'>";
const QByteArray Features = "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>";

QByteArray message(const QString &body, const QString &id = u"m1"_s)
{
    QByteArray out = "<message type='chat' from='bob@example.test/x' id='";
    appendXmlEscapedAscii(out, id, true);
    out += "'><body>";
    out += body.toHtmlEscaped().toUtf8();
    out += "</body></message>";
    return out;
}

/// Reads a stream the way QXmpp 1.10's XmppSocket does (re-implemented from
/// its description): every read decoded on its own with fromUtf8, appended to
/// a buffer that is wrapped in the last stream header and parsed with
/// QDomDocument until it parses, then emptied.
struct Qxmpp110Reader
{
    QString buffer;
    QString streamOpen;
    QList<QDomElement> stanzas;
    int parses = 0;

    void read(QByteArrayView bytes)
    {
        buffer += QString::fromUtf8(bytes);
        static const QRegularExpression start(uR"(^(<\?xml.*\?>)?\s*<stream:stream[^>]*>)"_s);
        const auto open = start.match(buffer);
        const bool hasClose = buffer.endsWith(u"</stream:stream>"_s);
        QString wrapped = buffer;
        if (!open.hasMatch())
            wrapped.prepend(streamOpen);
        if (!hasClose)
            wrapped.append(u"</stream:stream>"_s);
        ++parses;
        QDomDocument doc;
        if (!doc.setContent(wrapped, QDomDocument::ParseOption::UseNamespaceProcessing))
            return;
        buffer.clear();
        if (open.hasMatch())
            streamOpen = open.captured();
        for (auto e = doc.documentElement().firstChildElement(); !e.isNull(); e = e.nextSiblingElement())
            stanzas.append(e);
    }

    QStringList bodies() const
    {
        QStringList out;
        for (const QDomElement &e : stanzas) {
            if (e.tagName() != u"message")
                continue;
            QXmppMessage m;
            m.parse(e);
            out.append(m.body());
        }
        return out;
    }
};

QByteArray filterAll(const QList<QByteArray> &pieces, ServerStreamFilter &filter)
{
    QByteArray out;
    for (const QByteArray &piece : pieces)
        filter.feed(piece, out);
    return out;
}

bool isAscii(const QByteArray &bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) < 0x80; });
}

const QString Korean = u"안녕하세요, 오프라인 메시지입니다 🦉 é <&> \"'"_s;

/// A plaintext stand-in for the server's side before TLS: answers the
/// stream header and <starttls/> with what a test scripts.
struct FakeServer
{
    QTcpServer listener;
    QPointer<QTcpSocket> socket;
    QByteArray received;
    QByteArray onHeader;
    QByteArray onStartTls;
    bool silent = false;
    bool headerAnswered = false;
    bool startTlsAnswered = false;

    quint16 start()
    {
        listener.listen(QHostAddress::LocalHost);
        QObject::connect(&listener, &QTcpServer::newConnection, &listener, [this] {
            socket = listener.nextPendingConnection();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this] {
                received += socket->readAll();
                if (silent)
                    return;
                if (!headerAnswered && received.contains("<stream:stream")) {
                    headerAnswered = true;
                    socket->write(onHeader);
                }
                if (!startTlsAnswered && received.contains("<starttls")) {
                    startTlsAnswered = true;
                    socket->write(onStartTls);
                }
            });
        });
        return listener.serverPort();
    }
};

} // namespace

class TestStreamGuard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- utf8CompletePrefixLength ------------------------------------------

    void completePrefix_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("expected");
        QTest::newRow("empty") << QByteArray() << qsizetype(0);
        QTest::newRow("ascii") << QByteArray("hello <b/>") << qsizetype(10);
        // Every character of each length, cut after every byte.
        const QList<QByteArray> characters { u"é"_s.toUtf8(), u"가"_s.toUtf8(), u"🦉"_s.toUtf8() };
        for (const QByteArray &c : characters) {
            for (qsizetype cut = 1; cut < c.size(); ++cut) {
                QTest::addRow("%d-byte cut after %d", int(c.size()), int(cut))
                    << QByteArray("ab" + c.left(cut)) << qsizetype(2);
            }
            QTest::addRow("%d-byte whole", int(c.size())) << QByteArray("ab" + c) << qsizetype(2 + c.size());
        }
        // Bytes that can never become valid pass through unchanged.
        QTest::newRow("lone continuation") << QByteArray("a\x80") << qsizetype(2);
        QTest::newRow("three continuations") << QByteArray("\x80\x80\x80") << qsizetype(3);
        QTest::newRow("C0 lead") << QByteArray("a\xC0") << qsizetype(2);
        QTest::newRow("C1 lead") << QByteArray("a\xC1") << qsizetype(2);
        QTest::newRow("F5 lead") << QByteArray("a\xF5") << qsizetype(2);
        QTest::newRow("FF") << QByteArray("a\xFF") << qsizetype(2);
        QTest::newRow("overlong E0 80") << QByteArray("a\xE0\x80") << qsizetype(3);
        QTest::newRow("surrogate ED A0") << QByteArray("a\xED\xA0") << qsizetype(3);
        QTest::newRow("overlong F0 80") << QByteArray("a\xF0\x80") << qsizetype(3);
        QTest::newRow("above U+10FFFF F4 90") << QByteArray("a\xF4\x90") << qsizetype(3);
        QTest::newRow("valid E0 A0 held") << QByteArray("a\xE0\xA0") << qsizetype(1);
        QTest::newRow("valid F4 8F held") << QByteArray("a\xF4\x8F\xBF") << qsizetype(1);
        QTest::newRow("stray continuation after whole") << QByteArray("\xC3\xA9\x80") << qsizetype(3);
        QTest::newRow("lead then ascii") << QByteArray("\xE1" "a") << qsizetype(2);
    }

    void completePrefix()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, expected);
        QCOMPARE(utf8CompletePrefixLength(bytes), expected);
    }

    void completePrefixDecodesEverySplitExactly()
    {
        // Mixed text: for every split of its UTF-8, decoding the complete
        // prefix now and the rest later gives the text back, never U+FFFD.
        QString text;
        for (int i = 0; i < 40; ++i)
            text += u"a é 가 🦉 ẞ ∑ 𝄞 "_s;
        const QByteArray bytes = text.toUtf8();
        for (qsizetype split = 0; split <= bytes.size(); ++split) {
            const QByteArray first = bytes.left(split);
            const qsizetype n = utf8CompletePrefixLength(first);
            QVERIFY(n <= split && split - n <= 3);
            const QString decoded = QString::fromUtf8(bytes.left(n)) + QString::fromUtf8(bytes.mid(n));
            QVERIFY2(decoded == text, qPrintable(u"split at %1"_s.arg(split)));
        }
    }

    void completePrefixOnHugeBuffers()
    {
        const QByteArray huge = QString(u"가"_s).repeated(4 * 1024 * 1024).toUtf8(); // 12 MiB
        QCOMPARE(utf8CompletePrefixLength(huge), huge.size());
        QCOMPARE(utf8CompletePrefixLength(huge.chopped(1)), huge.size() - 3);
        QCOMPARE(utf8CompletePrefixLength(huge.chopped(2)), huge.size() - 3);
        QCOMPARE(utf8CompletePrefixLength(QByteArrayView(huge).first(huge.size() - 3)), huge.size() - 3);
    }

    // ---- appendXmlEscapedAscii -----------------------------------------------

    void escaping_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("attribute");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("ascii") << u"plain text"_s << false << QByteArray("plain text");
        QTest::newRow("markup") << u"<a & b>"_s << false << QByteArray("&lt;a &amp; b&gt;");
        QTest::newRow("hangul") << u"가나"_s << false << QByteArray("&#xAC00;&#xB098;");
        QTest::newRow("emoji") << u"🦉"_s << false << QByteArray("&#x1F989;");
        QTest::newRow("latin-1") << u"é"_s << false << QByteArray("&#xE9;");
        QTest::newRow("cr kept") << u"a\r\nb"_s << false << QByteArray("a&#xD;\nb");
        QTest::newRow("attribute quotes") << u"it's \"x\""_s << true << QByteArray("it&apos;s \"x\"");
        QTest::newRow("attribute whitespace") << u"a\tb\nc"_s << true << QByteArray("a&#x9;b&#xA;c");
        QTest::newRow("text quotes") << u"it's"_s << false << QByteArray("it's");
    }

    void escaping()
    {
        QFETCH(QString, text);
        QFETCH(bool, attribute);
        QFETCH(QByteArray, expected);
        QByteArray out = "x";
        appendXmlEscapedAscii(out, text, attribute);
        QCOMPARE(out, "x" + expected);
    }

    void hostAndPort_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("host") << u"other.example"_s << true << u"other.example"_s << 0;
        QTest::newRow("host:port") << u" other.example:5223 "_s << true << u"other.example"_s << 5223;
        QTest::newRow("v4:port") << u"192.0.2.1:5222"_s << true << u"192.0.2.1"_s << 5222;
        QTest::newRow("[v6]:port") << u"[2001:db8::1]:5222"_s << true << u"2001:db8::1"_s << 5222;
        QTest::newRow("[v6]") << u"[2001:db8::1]"_s << true << u"2001:db8::1"_s << 0;
        QTest::newRow("bare v6") << u"2001:db8::1"_s << false << QString() << 0;
        QTest::newRow("port 0") << u"a.example:0"_s << false << QString() << 0;
        QTest::newRow("port too big") << u"a.example:70000"_s << false << QString() << 0;
        QTest::newRow("empty") << u""_s << false << QString() << 0;
        QTest::newRow("path") << u"a.example/x"_s << false << QString() << 0;
    }

    void hostAndPort()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, host);
        QFETCH(int, port);
        QString gotHost;
        quint16 gotPort = 0;
        QCOMPARE(parseHostAndPort(text, gotHost, gotPort), ok);
        if (ok) {
            QCOMPARE(gotHost, host);
            QCOMPARE(int(gotPort), port);
        }
    }

    // ---- ServerStreamFilter ---------------------------------------------------

    void filterOutputIsAsciiAndMeansTheSame()
    {
        const QString attr = u"방 🦉"_s;
        QByteArray stanza = "<message type='chat' from='bob@example.test/x' id='a' xml:lang='ko'>"
                            "<body>";
        stanza += Korean.toHtmlEscaped().toUtf8();
        stanza += "</body><x xmlns='urn:example:x' name='";
        stanza += attr.toUtf8();
        stanza += "'><![CDATA[가 <not markup> & 🦉]]></x><!-- a comment 가 --></message>";
        ServerStreamFilter filter;
        const QByteArray out = filterAll({ Header + Features + stanza + " " }, filter);
        QVERIFY(isAscii(out));
        QVERIFY(!out.contains("comment"));
        QCOMPARE(filter.outcome(), ServerStreamFilter::Outcome::Open);

        Qxmpp110Reader reader;
        reader.read(out);
        QCOMPARE(reader.stanzas.size(), 2);
        QCOMPARE(reader.bodies(), QStringList { Korean });
        const QDomElement x = reader.stanzas.at(1).firstChildElement(u"x"_s);
        QCOMPARE(x.namespaceURI(), u"urn:example:x"_s);
        QCOMPARE(x.attribute(u"name"_s), attr);
        QCOMPARE(x.text(), u"가 <not markup> & 🦉"_s);
        // Attributes read as from the original (QXmpp reads xml:lang this way too).
        Qxmpp110Reader raw;
        raw.read(QByteArray(Header + Features + stanza));
        const QDomElement original = raw.stanzas.at(1);
        const QDomElement filtered = reader.stanzas.at(1);
        QCOMPARE(filtered.attributes().count(), original.attributes().count());
        const QString xmlNs = u"http://www.w3.org/XML/1998/namespace"_s;
        QCOMPARE(filtered.attributeNS(xmlNs, u"lang"_s), original.attributeNS(xmlNs, u"lang"_s));
        QCOMPARE(filtered.attribute(u"lang"_s), original.attribute(u"lang"_s));
    }

    void filterIsIndependentOfHowTheInputIsSplit()
    {
        const QByteArray input = Header + Features + message(Korean, u"a"_s) + "\n "
            + message(u"🦉🦉 ẞ"_s, u"가"_s);
        ServerStreamFilter whole;
        const QByteArray expected = filterAll({ input }, whole);
        QVERIFY(!expected.isEmpty());
        for (qsizetype split = 1; split < input.size(); ++split) {
            ServerStreamFilter filter;
            const QByteArray out = filterAll({ input.left(split), input.mid(split) }, filter);
            QVERIFY2(out == expected, qPrintable(u"split at %1"_s.arg(split)));
        }
        // A byte at a time.
        ServerStreamFilter filter;
        QByteArray out;
        for (char c : input)
            filter.feed(QByteArrayView(&c, 1), out);
        QCOMPARE(out, expected);
    }

    void qxmppReadsTheOutputIntactWhereverTcpSplitsIt()
    {
        // QXmpp decodes each read on its own: the raw stream loses characters
        // at a split, the filtered one never does.
        ServerStreamFilter filter;
        const QByteArray out = filterAll({ Header + Features + message(Korean) }, filter);
        for (qsizetype split = 1; split < out.size(); ++split) {
            Qxmpp110Reader reader;
            reader.read(QByteArrayView(out).first(split));
            reader.read(QByteArrayView(out).sliced(split));
            QVERIFY2(reader.bodies() == QStringList { Korean }, qPrintable(u"split at %1"_s.arg(split)));
        }
    }

    void stanzasAreReleasedWhole()
    {
        ServerStreamFilter filter;
        QByteArray out;
        filter.feed(QByteArray(Header + Features), out);
        QVERIFY(out.endsWith("</stream:features>"));
        out.clear();
        const QByteArray stanza = message(u"가"_s.repeated(5000));
        filter.feed(stanza.left(stanza.size() - 12), out);
        QVERIFY(out.isEmpty());
        QVERIFY(filter.pendingCharacters() > 5000);
        filter.feed(stanza.right(12), out);
        QVERIFY(out.startsWith("<message") && out.endsWith("</message>"));
    }

    void largeStanzaIntact()
    {
        const QString body = u"안녕하세요, 오프라인 메시지입니다 🦉 "_s.repeated(4000); // ~ 270 KB
        ServerStreamFilter filter;
        QList<QByteArray> pieces;
        const QByteArray input = Header + message(body);
        for (qsizetype at = 0; at < input.size(); at += 16381) // TLS-record-sized, odd
            pieces.append(input.mid(at, 16381));
        const QByteArray out = filterAll(pieces, filter);
        Qxmpp110Reader reader;
        for (qsizetype at = 0; at < out.size(); at += 65521)
            reader.read(QByteArrayView(out).sliced(at, qMin<qsizetype>(65521, out.size() - at)));
        QCOMPARE(reader.bodies(), QStringList { body });
    }

    void streamManagementLocationIsDropped()
    {
        ServerStreamFilter filter;
        const QByteArray out = filterAll({ Header,
                                             "<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' "
                                             "location='evil.example:5222'/>" },
            filter);
        QVERIFY(out.contains("<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true'/>"));
        QVERIFY(!out.contains("location"));
        QVERIFY(!out.contains("evil"));
    }

    void refusedResumptionIsNotPassedOn_data()
    {
        // Each row: what the client sent (pieces, in order, "|" between
        // writes) after the server's SASL success, then what the server
        // sends; whether the filter reports a refused resumption (and keeps
        // it from QXmpp) or passes it on.
        QTest::addColumn<QByteArray>("success");
        QTest::addColumn<QByteArray>("client");
        QTest::addColumn<QByteArray>("server");
        QTest::addColumn<bool>("refused");
        const QByteArray sasl = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
        const QByteArray restart = Header + Features;
        const QByteArray failed = "<failed xmlns='urn:xmpp:sm:3' h='7'><item-not-found "
                                  "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>";
        const QByteArray resume = "<resume xmlns='urn:xmpp:sm:3' h='3' previd='sm-1'/>";
        QTest::newRow("resume refused") << sasl << resume << QByteArray(restart + failed) << true;
        QTest::newRow("resume refused, tag split across writes")
            << sasl << QByteArray("<res|ume xmlns='urn:xmpp:sm:3' h='3' previd='sm-1'/>")
            << QByteArray(restart + failed) << true;
        QTest::newRow("unsolicited failed after sign-in") << sasl << QByteArray() << QByteArray(restart + failed)
                                                          << false;
        QTest::newRow("enable refused")
            << sasl << QByteArray("<enable xmlns='urn:xmpp:sm:3' resume='true'/>") << QByteArray(restart + failed)
            << false;
        QTest::newRow("<resume in a message body is text")
            << sasl
            << QByteArray("<message to='b@example.test'><body>&lt;resume xmlns='urn:xmpp:sm:3'/&gt;</body></message>")
            << QByteArray(restart + failed) << false;
        QTest::newRow("resumed, then an unsolicited failed")
            << sasl << resume
            << QByteArray(restart + "<resumed xmlns='urn:xmpp:sm:3' h='1' previd='sm-1'/>" + failed) << false;

        // SASL2 (XEP-0388): the resumption goes inline in <authenticate/>
        // and its refusal comes back inside <success/>.
        const QByteArray authenticate = "<authenticate xmlns='urn:xmpp:sasl:2' mechanism='SCRAM-SHA-1'>"
                                        "<initial-response>biwsbj1h</initial-response>"
                                        "<resume xmlns='urn:xmpp:sm:3' h='2' previd='sm-1'/></authenticate>";
        const QByteArray sasl2Refused = "<success xmlns='urn:xmpp:sasl:2'><additional-data>dj1y</additional-data>"
                                        "<authorization-identifier>a@example.test/r</authorization-identifier>"
                                        "<failed xmlns='urn:xmpp:sm:3' h='2'/>"
                                        "<bound xmlns='urn:xmpp:bind:0'/></success>";
        QTest::newRow("SASL2 inline resume refused") << QByteArray() << authenticate << sasl2Refused << true;
        QTest::newRow("SASL2 without a resume, a failed inside")
            << QByteArray()
            << QByteArray("<authenticate xmlns='urn:xmpp:sasl:2' mechanism='SCRAM-SHA-1'>"
                          "<initial-response>biwsbj1h</initial-response></authenticate>")
            << sasl2Refused << false;
        QTest::newRow("SASL2 inline resume accepted")
            << QByteArray() << authenticate
            << QByteArray("<success xmlns='urn:xmpp:sasl:2'><additional-data>dj1y</additional-data>"
                          "<resumed xmlns='urn:xmpp:sm:3' h='2' previd='sm-1'/></success>" + failed)
            << false;
    }

    void refusedResumptionIsNotPassedOn()
    {
        QFETCH(QByteArray, success);
        QFETCH(QByteArray, client);
        QFETCH(QByteArray, server);
        QFETCH(bool, refused);
        ServerStreamFilter filter;
        QByteArray out = filterAll({ Header + Features + success }, filter);
        for (const QByteArray &piece : client.split('|'))
            filter.clientSent(piece);
        filter.feed(server, out);
        QCOMPARE(filter.outcome(),
            refused ? ServerStreamFilter::Outcome::ResumeFailed : ServerStreamFilter::Outcome::Open);
        // A refusal QXmpp must not see; anything else it gets as it came.
        QCOMPARE(out.contains("<failed"), !refused);
    }

    void failedBeforeAuthenticationIsPassedOn()
    {
        // Before authentication no stream exists to resume.
        const QByteArray failed = "<failed xmlns='urn:xmpp:sm:3' h='7'/>";
        ServerStreamFilter early;
        early.clientSent("<resume xmlns='urn:xmpp:sm:3' h='3' previd='sm-1'/>");
        const QByteArray out = filterAll({ Header + Features + failed }, early);
        QCOMPARE(early.outcome(), ServerStreamFilter::Outcome::Open);
        QVERIFY(out.contains("<failed"));
    }

    void seeOtherHostIsNotPassedOn()
    {
        ServerStreamFilter filter;
        const QByteArray out = filterAll({ Header + Features,
                                             "<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>"
                                             "[2001:db8::7]:5223</see-other-host></stream:error>" },
            filter);
        QVERIFY(!out.contains("see-other-host"));
        QCOMPARE(filter.outcome(), ServerStreamFilter::Outcome::Redirected);
        QCOMPARE(filter.redirectHost(), u"2001:db8::7"_s);
        QCOMPARE(filter.redirectPort(), quint16(5223));
    }

    void otherStreamErrorsArePassedOn()
    {
        ServerStreamFilter filter;
        const QByteArray out = filterAll({ Header, "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                                                   "</stream:error></stream:stream>" },
            filter);
        QVERIFY(out.contains("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"));
        QVERIFY(out.endsWith("</stream:stream>"));
        QCOMPARE(filter.outcome(), ServerStreamFilter::Outcome::Closed);
    }

    void streamRestartsAfterSaslSuccess_data()
    {
        QTest::addColumn<bool>("together");
        QTest::newRow("separate reads") << false;
        QTest::newRow("same read") << true;
    }

    void streamRestartsAfterSaslSuccess()
    {
        QFETCH(bool, together);
        const QByteArray success = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>dj1yZWFs</success>";
        const QByteArray second = Header + Features + message(u"가 🦉"_s);
        ServerStreamFilter filter;
        const QByteArray out = together ? filterAll({ Header + Features + success + second }, filter)
                                        : filterAll({ Header + Features + success, second }, filter);
        QCOMPARE(filter.outcome(), ServerStreamFilter::Outcome::Open);
        QCOMPARE(out.count("<stream:stream"), 2);
        Qxmpp110Reader reader;
        const qsizetype restart = out.indexOf("<?xml", 1);
        reader.read(out.left(restart));
        reader.read(out.mid(restart));
        QCOMPARE(reader.bodies(), QStringList { u"가 🦉"_s });
    }

    void hostileInputIsRefused_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("condition");
        QTest::newRow("doctype") << QByteArray("<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY a 'aaaa'>]>") + Header
                                 << u"restricted-xml"_s;
        QTest::newRow("entity reference") << Header + "<message><body>&a;</body></message>" << u"not-well-formed"_s;
        QTest::newRow("processing instruction") << Header + "<?evil x?>" << u"restricted-xml"_s;
        QTest::newRow("not well-formed") << Header + "<message><body></message>" << u"not-well-formed"_s;
        QTest::newRow("not a stream") << QByteArray("<html><body>") << u"invalid-namespace"_s;
        QByteArray deep = Header;
        for (int i = 0; i < 200; ++i)
            deep += "<a>";
        QTest::newRow("too deep") << deep << u"policy-violation"_s;
    }

    void hostileInputIsRefused()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, condition);
        ServerStreamFilter filter;
        QByteArray out;
        filter.feed(input, out);
        QCOMPARE(filter.outcome(), ServerStreamFilter::Outcome::Failed);
        QCOMPARE(filter.condition(), condition);
        QVERIFY(!filter.errorString().isEmpty());
        QVERIFY(!out.contains("<message"));
    }

    void stanzaSizeIsLimitedButNotTheStream()
    {
        ServerStreamFilter::Limits limits;
        limits.maxElementCharacters = 10000;
        {
            // Many small stanzas: far more than the limit in total.
            ServerStreamFilter filter(limits);
            QByteArray out;
            filter.feed(Header, out);
            for (int i = 0; i < 500; ++i)
                filter.feed(message(u"가나다라"_s.repeated(10)), out);
            QCOMPARE(filter.outcome(), ServerStreamFilter::Outcome::Open);
            QCOMPARE(out.count("</message>"), 500);
        }
        {
            // One stanza over it, arriving in pieces: refused before it is whole.
            ServerStreamFilter filter(limits);
            QByteArray out;
            filter.feed(Header, out);
            const QByteArray big = message(u"x"_s.repeated(20000));
            for (qsizetype at = 0; at < big.size() && filter.outcome() == ServerStreamFilter::Outcome::Open; at += 1000)
                filter.feed(big.mid(at, 1000), out);
            QCOMPARE(filter.outcome(), ServerStreamFilter::Outcome::Failed);
            QCOMPARE(filter.condition(), u"policy-violation"_s);
            QVERIFY(filter.pendingCharacters() <= 11000);
        }
        {
            // Text that never ends grows nothing past the limit either.
            ServerStreamFilter filter(limits);
            QByteArray out;
            filter.feed(QByteArray(Header + "<message><body>"), out);
            for (int i = 0; i < 100 && filter.outcome() == ServerStreamFilter::Outcome::Open; ++i)
                filter.feed(QByteArray(1000, 'x'), out);
            QCOMPARE(filter.outcome(), ServerStreamFilter::Outcome::Failed);
        }
    }

    void oversizedMessageBecomesAStandIn()
    {
        // Issue 12: a message over the message limit neither kills the
        // stream (the server would send it again at every connection) nor
        // reaches QXmpp whole; a stand-in with its sender and size does,
        // and the stream goes on.
        ServerStreamFilter::Limits limits;
        limits.maxMessageCharacters = 10000;
        limits.maxElementCharacters = 2'000'000;
        ServerStreamFilter filter(limits);
        QByteArray out;
        filter.feed(Header, out);
        const QByteArray big = message(u"가"_s.repeated(400'000), u"big"_s);
        for (qsizetype at = 0; at < big.size(); at += 16381)
            filter.feed(big.mid(at, 16381), out);
        filter.feed(message(u"after"_s, u"m2"_s), out);
        QCOMPARE(filter.outcome(), ServerStreamFilter::Outcome::Open);
        QVERIFY2(out.size() < 2000, out.left(400).constData()); // nothing of the body
        Qxmpp110Reader reader;
        reader.read(out);
        QCOMPARE(reader.stanzas.size(), 2);
        QXmppMessage standIn;
        standIn.parse(reader.stanzas.at(0));
        QCOMPARE(standIn.id(), u"big"_s);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto note = Stanzas::toMessage(standIn, u"alice@example.test"_s, Stanzas::Origin::Live, now);
        QVERIFY(note);
        QCOMPARE(note->chat, u"bob@example.test"_s);
        QCOMPARE(note->messageId, u"big"_s);
        QCOMPARE(note->body, u"A message from bob@example.test was too large to show: 1.2 MB"_s);
        QCOMPARE(reader.bodies().at(1), u"after"_s);
    }

    void standInCannotBeForged()
    {
        // The server sends the stand-in's element itself: without the
        // run's key it is an unknown element, not a note.
        ServerStreamFilter filter;
        QByteArray out;
        filter.feed(Header, out);
        const QByteArray forgedStandIn = "<message type='chat' from='bob@example.test/x' id='f'><oversized xmlns='"
            + oversizedMessageNamespace().toUtf8() + "' key='guess' bytes='99000000'/></message>";
        filter.feed(forgedStandIn, out);
        Qxmpp110Reader reader;
        reader.read(out);
        QCOMPARE(reader.stanzas.size(), 1);
        QXmppMessage forged;
        forged.parse(reader.stanzas.at(0));
        QVERIFY(!Stanzas::toMessage(forged, u"alice@example.test"_s, Stanzas::Origin::Live,
            QDateTime::currentDateTimeUtc()));
    }

    void invalidUtf8PassesAsReplacement()
    {
        ServerStreamFilter filter;
        QByteArray out;
        filter.feed(QByteArray(Header + "<message><body>a\xFF" "b</body></message>"), out);
        QCOMPARE(filter.outcome(), ServerStreamFilter::Outcome::Open);
        Qxmpp110Reader reader;
        reader.read(out);
        QCOMPARE(reader.bodies(), QStringList { u"a\uFFFDb"_s });
    }

    // ---- StreamGuard before TLS -----------------------------------------------

    void guardRefusesWhatIsNotSafe_data()
    {
        QTest::addColumn<QByteArray>("onHeader");
        QTest::addColumn<QByteArray>("onStartTls");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected"); // condition, host or part of the detail

        const QByteArray header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                                  "xmlns:stream='http://etherx.jabber.org/streams' id='x' version='1.0'>";
        const QByteArray withTls = header
            + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
              "</stream:features>";
        QTest::newRow("no starttls offered")
            << QByteArray(header + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                                   "<mechanism>PLAIN</mechanism></mechanisms></stream:features>")
            << QByteArray() << int(StreamGuard::Failure::Kind::NoStartTls) << u"TLS"_s;
        QTest::newRow("starttls failure")
            << withTls << QByteArray("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>")
            << int(StreamGuard::Failure::Kind::Protocol) << u"could not start TLS"_s;
        QTest::newRow("injection after proceed")
            << withTls
            << QByteArray("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                          "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/></stream:features>")
            << int(StreamGuard::Failure::Kind::Protocol) << u"in the clear"_s;
        QTest::newRow("host unknown")
            << QByteArray(header + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                                   "</stream:error></stream:stream>")
            << QByteArray() << int(StreamGuard::Failure::Kind::StreamError) << u"host-unknown"_s;
        QTest::newRow("see other host")
            << QByteArray(header + "<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>"
                                   "other.example:5299</see-other-host></stream:error>")
            << QByteArray() << int(StreamGuard::Failure::Kind::Redirect) << u"other.example"_s;
        QTest::newRow("not xmpp") << QByteArray("HTTP/1.1 400 Bad Request\r\n\r\n") << QByteArray()
                                  << int(StreamGuard::Failure::Kind::Protocol) << u"malformed"_s;
        QTest::newRow("doctype") << QByteArray("<!DOCTYPE x [<!ENTITY a 'b'>]><stream:stream "
                                               "xmlns:stream='http://etherx.jabber.org/streams'>")
                                 << QByteArray() << int(StreamGuard::Failure::Kind::Protocol) << u"allow"_s;
    }

    void guardRefusesWhatIsNotSafe()
    {
        QFETCH(QByteArray, onHeader);
        QFETCH(QByteArray, onStartTls);
        QFETCH(int, kind);
        QFETCH(QString, expected);

        FakeServer server;
        server.onHeader = onHeader;
        server.onStartTls = onStartTls;
        const quint16 port = server.start();
        StreamGuard guard({ u"example.test"_s, u"127.0.0.1"_s, port, {} });
        QSignalSpy failed(&guard, &StreamGuard::failed);
        QSignalSpy established(&guard, &StreamGuard::established);
        QVERIFY(guard.start());

        // QXmpp's side: its header, and (as an over-eager client would) credentials.
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, guard.localPort());
        QVERIFY(client.waitForConnected(5000));
        client.write("<?xml version='1.0'?><stream:stream to='example.test' xmlns='jabber:client' "
                     "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
                     "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHNlY3JldA==</auth>");

        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        const auto failure = failed.first().first().value<StreamGuard::Failure>();
        QCOMPARE(int(failure.kind), kind);
        const QString said = failure.condition + u' ' + failure.host + u' ' + failure.detail;
        QVERIFY2(said.contains(expected), qPrintable(said));
        QVERIFY(established.isEmpty());
        QCOMPARE(guard.state(), StreamGuard::State::Failed);
        // Nothing of QXmpp's ever reached the server without TLS: not its
        // header (with the account's domain), not the credentials.
        QTest::qWait(50);
        QVERIFY2(!server.received.contains("AGFsaWNl"), server.received.constData());
        QVERIFY(!server.received.contains("<auth"));
        QTRY_VERIFY(client.state() == QAbstractSocket::UnconnectedState);
    }

    void guardReportsUnreachableServers()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        StreamGuard guard({ u"example.test"_s, u"127.0.0.1"_s, port, {} });
        QSignalSpy failed(&guard, &StreamGuard::failed);
        QVERIFY(guard.start());
        QVERIFY(failed.isEmpty()); // reported later, once the caller is ready
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        const auto failure = failed.first().first().value<StreamGuard::Failure>();
        QCOMPARE(failure.kind, StreamGuard::Failure::Kind::Socket);
        QCOMPARE(failure.socketError, QAbstractSocket::ConnectionRefusedError);
    }

    void guardTimesOutOnASilentServer()
    {
        FakeServer server;
        server.silent = true;
        const quint16 port = server.start();
        StreamGuard guard({ u"example.test"_s, u"127.0.0.1"_s, port, {} });
        guard.setNegotiationTimeout(300);
        QSignalSpy failed(&guard, &StreamGuard::failed);
        QVERIFY(guard.start());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        const auto failure = failed.first().first().value<StreamGuard::Failure>();
        QCOMPARE(failure.socketError, QAbstractSocket::SocketTimeoutError);
        QVERIFY(server.received.startsWith("<?xml version='1.0'?><stream:stream to='example.test'"));
    }

    void guardAcceptsOneLocalConnectionOnly()
    {
        FakeServer server;
        server.silent = true;
        const quint16 port = server.start();
        StreamGuard guard({ u"example.test"_s, u"127.0.0.1"_s, port, {} });
        QVERIFY(guard.start());
        QTcpSocket first;
        first.connectToHost(QHostAddress::LocalHost, guard.localPort());
        QVERIFY(first.waitForConnected(5000));
        QTest::qWait(100); // the guard takes it and closes its port
        QTcpSocket second;
        second.connectToHost(QHostAddress::LocalHost, guard.localPort());
        second.waitForConnected(1000);
        QTRY_COMPARE(second.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(first.state(), QAbstractSocket::ConnectedState);
    }
};

QTEST_GUILESS_MAIN(TestStreamGuard)
#include "tst_streamguard.moc"
