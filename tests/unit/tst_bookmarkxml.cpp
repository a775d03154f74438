// The wire forms of room bookmarks (XEP-0402 items, XEP-0048 storage),
// apart from any connection: what is read from a server and what is written.

#include "bookmarkxml.h"

#include <QDomDocument>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

class TestBookmarkXml final : public QObject
{
    Q_OBJECT

    static QDomElement parse(const QString &xml)
    {
        static QList<QDomDocument> keep; // the elements live as long as their documents
        QDomDocument doc;
        if (!doc.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing))
            return {};
        keep.append(doc);
        return doc.documentElement();
    }

private Q_SLOTS:
    void readsA0402Item()
    {
        const auto b = BookmarkXml::fromItem(parse(
            u"<item id='Team@Conference.Example.org'><conference xmlns='urn:xmpp:bookmarks:1' name='팀 회의' "
            "autojoin='1'><nick>앨리스</nick><password>pw</password></conference></item>"_s));
        QVERIFY(b);
        QCOMPARE(b->room, u"team@conference.example.org"_s); // addresses compare normalised
        QCOMPARE(b->name, u"팀 회의"_s);
        QCOMPARE(b->nick, u"앨리스"_s);
        QCOMPARE(b->password, u"pw"_s);
        QVERIFY(b->autojoin);
        // autojoin is off unless said: false, 0 or missing.
        QVERIFY(!BookmarkXml::fromItem(parse(u"<item id='a@b.c'><conference xmlns='urn:xmpp:bookmarks:1'/></item>"_s))
                     ->autojoin);
    }

    void refusesItemsThatAreNotRooms_data()
    {
        QTest::addColumn<QString>("xml");
        QTest::newRow("no id") << u"<item><conference xmlns='urn:xmpp:bookmarks:1'/></item>"_s;
        QTest::newRow("a full address") << u"<item id='a@b.c/nick'><conference xmlns='urn:xmpp:bookmarks:1'/></item>"_s;
        QTest::newRow("a domain only") << u"<item id='conference.b.c'><conference xmlns='urn:xmpp:bookmarks:1'/></item>"_s;
        QTest::newRow("no conference") << u"<item id='a@b.c'/>"_s;
        QTest::newRow("another namespace") << u"<item id='a@b.c'><conference xmlns='storage:bookmarks'/></item>"_s;
    }
    void refusesItemsThatAreNotRooms()
    {
        QFETCH(QString, xml);
        QVERIFY(!BookmarkXml::fromItem(parse(xml)));
    }

    void readsA0048StorageAndSkipsWhatIsNotARoom()
    {
        const auto list = BookmarkXml::fromStorage(parse(
            u"<storage xmlns='storage:bookmarks'><url name='wiki' url='https://x.example/'/>"
            "<conference jid='one@muc.example' autojoin='true' name='One'><nick>me</nick></conference>"
            "<conference jid='bad address@@' autojoin='true'/>"
            "<conference jid='two@muc.example'/></storage>"_s));
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0], (RoomBookmark { u"one@muc.example"_s, u"One"_s, u"me"_s, QString(), true }));
        QCOMPARE(list[1], (RoomBookmark { u"two@muc.example"_s, QString(), QString(), QString(), false }));
    }

    void writesWhatItReads()
    {
        const RoomBookmark b { u"team@muc.example"_s, u"팀"_s, u"제니"_s, u"비밀"_s, true };
        QDomDocument doc;
        QDomElement item = doc.createElement(u"item"_s);
        item.setAttribute(u"id"_s, b.room);
        item.appendChild(BookmarkXml::toConference(doc, b));
        QCOMPARE(BookmarkXml::fromItem(item).value_or(RoomBookmark {}), b);

        const RoomBookmark quiet { u"quiet@muc.example"_s, QString(), QString(), QString(), false };
        QDomDocument doc2;
        QCOMPARE(BookmarkXml::fromStorage(BookmarkXml::toStorage(doc2, { b, quiet })), (QList<RoomBookmark> { b, quiet }));
    }
};

QTEST_GUILESS_MAIN(TestBookmarkXml)
#include "tst_bookmarkxml.moc"
