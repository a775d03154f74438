// Bookmarks of rooms kept on a real server: XEP-0402 where the server keeps
// it in step with XEP-0048 (Prosody's mod_bookmarks, ejabberd), and
// XEP-0048 in private storage where it does not (Prosody without it).

#include "account.h"
#include "accountsettings.h"
#include "bookmarkxml.h"
#include "rawiq.h"
#include "testserver.h"
#include "transport.h"

#include <QXmppClient.h>
#include <QXmppElement.h>
#include <QXmppMessage.h>
#include <QXmppTask.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Jw;
using namespace Qt::StringLiterals;

class TestBookmarks final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server; // the flavour of the run, with XEP-0402
    Test::TestServer m_legacy; // Prosody without mod_bookmarks: private storage only
    QTemporaryDir m_dir;
    int m_profiles = 0;

    Test::TestServer &server(bool legacy) { return legacy ? m_legacy : m_server; }

    /// One device of `user`, signed in, its bookmarks read.
    std::unique_ptr<Test::Account> device(bool legacy, const QString &user)
    {
        auto a = std::make_unique<Test::Account>(m_dir.filePath(u"p%1.db"_s.arg(++m_profiles)),
            Test::connectionSettings(server(legacy), user));
        if (!a->opened || !a->signIn())
            return {};
        if (!QTest::qWaitFor([&] { return a->features.bookmarks()->isLoaded(); }, 15000))
            return {};
        return a;
    }

    static RoomBookmark teamRoom()
    {
        return { u"team@conference.localhost"_s, u"팀 회의"_s, u"앨리스"_s, QString(), true };
    }

    static void addBothServers()
    {
        QTest::addColumn<bool>("legacy");
        QTest::newRow("XEP-0402") << false;
        QTest::newRow("XEP-0048 private storage") << true;
    }

    bool skipLegacy(bool legacy) const { return legacy && !m_legacy.isRunning(); }

private Q_SLOTS:
    void initTestCase()
    {
        const QStringList users { u"alice:alice-pw"_s, u"bob:bob-pw"_s, u"carol:carol-pw"_s, u"dave:dave-pw"_s,
            u"erin:erin-pw"_s };
        QVERIFY2(m_server.start(users), qPrintable(m_server.errorString()));
        if (m_server.isProsody()) {
            // After the defaults: the list of disabled modules now includes the 0402 bridge.
            m_legacy.addConfigLine(u"modules_disabled = { \"s2s\"; \"s2s_auth_certs\"; \"dialback\"; \"bookmarks\" }"_s);
            QVERIFY2(m_legacy.start(users), qPrintable(m_legacy.errorString()));
        }
    }

    void aRoomKeptOnOneDeviceIsThereOnAnother_data() { addBothServers(); }
    void aRoomKeptOnOneDeviceIsThereOnAnother()
    {
        QFETCH(bool, legacy);
        if (skipLegacy(legacy))
            QSKIP("private storage alone is a Prosody configuration");
        auto laptop = device(legacy, u"alice"_s);
        QVERIFY(laptop);
        Bookmarks *bookmarks = laptop->features.bookmarks();
        QCOMPARE(bookmarks->storage(), legacy ? Bookmarks::Storage::Private : Bookmarks::Storage::Pep);
        QVERIFY(bookmarks->bookmarks().isEmpty());

        QSignalSpy changed(bookmarks, &Bookmarks::changed);
        QSignalSpy failed(bookmarks, &Bookmarks::failed);
        bookmarks->save(teamRoom());
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty() || !failed.isEmpty(), 10000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QCOMPARE(bookmarks->bookmark(teamRoom().room).value_or(RoomBookmark {}), teamRoom());

        // A new device of the same person finds the room, name, nickname and autojoin as kept.
        auto desktop = device(legacy, u"alice"_s);
        QVERIFY(desktop);
        QCOMPARE(desktop->features.bookmarks()->bookmarks(), QList<RoomBookmark> { teamRoom() });
    }

    /// With XEP-0402 a change on one device reaches the others while they are
    /// online; with private storage at their next sign-in.
    void changesFromAnotherDeviceArrive_data() { addBothServers(); }
    void changesFromAnotherDeviceArrive()
    {
        QFETCH(bool, legacy);
        if (skipLegacy(legacy))
            QSKIP("private storage alone is a Prosody configuration");
        auto laptop = device(legacy, u"bob"_s);
        auto desktop = device(legacy, u"bob"_s);
        QVERIFY(laptop && desktop);
        QSignalSpy changed(laptop->features.bookmarks(), &Bookmarks::changed);
        QSignalSpy removed(laptop->features.bookmarks(), &Bookmarks::removed);

        RoomBookmark room = teamRoom();
        room.nick = u"bob"_s;
        QSignalSpy saved(desktop->features.bookmarks(), &Bookmarks::changed);
        desktop->features.bookmarks()->save(room);
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
        if (legacy) {
            QTest::qWait(500);
            QCOMPARE(changed.size(), 0); // private storage says nothing until asked
            laptop->session.disconnectFromServer();
            QTRY_COMPARE_WITH_TIMEOUT(laptop->session.state(), Session::State::Offline, 10000);
            QVERIFY(laptop->signIn());
        }
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 10000);
        QCOMPARE(changed.first().first().value<RoomBookmark>(), room);
        QCOMPARE(laptop->features.bookmarks()->bookmark(room.room).value_or(RoomBookmark {}), room);

        QSignalSpy gone(desktop->features.bookmarks(), &Bookmarks::removed);
        desktop->features.bookmarks()->remove(room.room);
        QTRY_COMPARE_WITH_TIMEOUT(gone.size(), 1, 10000);
        if (legacy) {
            laptop->session.disconnectFromServer();
            QTRY_COMPARE_WITH_TIMEOUT(laptop->session.state(), Session::State::Offline, 10000);
            QVERIFY(laptop->signIn());
        }
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 10000);
        QCOMPARE(removed.first().first().toString(), room.room);
        QVERIFY(laptop->features.bookmarks()->bookmarks().isEmpty());
    }

    /// Private storage is one document shared with other clients: changing
    /// our room keeps what else is in it.
    void privateStorageKeepsWhatItDoesNotKnow()
    {
        if (!m_legacy.isRunning())
            QSKIP("private storage alone is a Prosody configuration");
        auto a = device(true, u"carol"_s);
        QVERIFY(a);
        QXmppClient *client = a->session.transport()->client();
        QDomDocument doc;
        QDomElement query = Xml::element(doc, u"jabber:iq:private"_s, u"query"_s);
        QDomElement storage = Xml::child(query, u"storage:bookmarks"_s, u"storage"_s, {});
        QDomElement url = Xml::child(storage, u"url"_s);
        url.setAttribute(u"name"_s, u"위키"_s);
        url.setAttribute(u"url"_s, u"https://wiki.example.org/"_s);
        bool stored = false;
        client->sendIq(RawIq(QXmppIq::Set, QString(), query)).then(this, [&](QXmppClient::IqResult &&r) {
            stored = std::holds_alternative<QDomElement>(r);
        });
        QTRY_VERIFY_WITH_TIMEOUT(stored, 10000);

        QSignalSpy changed(a->features.bookmarks(), &Bookmarks::changed);
        a->features.bookmarks()->save(teamRoom());
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 10000);

        QDomDocument getDoc;
        QDomElement get = Xml::element(getDoc, u"jabber:iq:private"_s, u"query"_s);
        Xml::child(get, u"storage:bookmarks"_s, u"storage"_s, {});
        QDomElement reply;
        client->sendIq(RawIq(QXmppIq::Get, QString(), get)).then(this, [&](QXmppClient::IqResult &&r) {
            if (const auto *e = std::get_if<QDomElement>(&r))
                reply = *e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(!reply.isNull(), 10000);
        const QDomElement kept = reply.firstChildElement(u"query"_s).firstChildElement(u"storage"_s);
        QCOMPARE(kept.firstChildElement(u"url"_s).attribute(u"url"_s), u"https://wiki.example.org/"_s);
        QCOMPARE(BookmarkXml::fromStorage(kept), QList<RoomBookmark> { teamRoom() });
    }

    /// Bad input gets a sentence and changes nothing.
    void whatCannotBeKeptIsSaid()
    {
        auto a = device(false, u"dave"_s);
        QVERIFY(a);
        Bookmarks *bookmarks = a->features.bookmarks();
        QSignalSpy failed(bookmarks, &Bookmarks::failed);
        QSignalSpy changed(bookmarks, &Bookmarks::changed);
        bookmarks->save({ u"not a room"_s, u"x"_s, {}, {}, true });
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(u"not a room"_s));

        a->session.disconnectFromServer();
        QTRY_COMPARE_WITH_TIMEOUT(a->session.state(), Session::State::Offline, 10000);
        bookmarks->save(teamRoom());
        QCOMPARE(failed.size(), 2);
        QVERIFY(failed.last().first().toString().contains(u"online"_s));
        QTest::qWait(200);
        QCOMPARE(changed.size(), 0);
        QVERIFY(bookmarks->bookmarks().isEmpty());
    }

    /// Only our own account's PEP speaks for our bookmarks: a pubsub event
    /// from someone else is dropped.
    void aForgedNotificationFromSomeoneElseIsIgnored()
    {
        auto a = device(false, u"erin"_s);
        QVERIFY(a);
        // The forger: another account sending what looks like a 0402 event.
        auto forger = device(false, u"alice"_s);
        QVERIFY(forger);
        QSignalSpy changed(a->features.bookmarks(), &Bookmarks::changed);
        QXmppMessage forged(QString(), m_server.jid(u"erin"_s));
        QDomDocument doc;
        QDomElement event = Xml::element(doc, u"http://jabber.org/protocol/pubsub#event"_s, u"event"_s);
        QDomElement items = Xml::child(event, u"items"_s);
        items.setAttribute(u"node"_s, u"urn:xmpp:bookmarks:1"_s);
        QDomElement item = Xml::child(items, u"item"_s);
        item.setAttribute(u"id"_s, u"trap@conference.localhost"_s);
        item.appendChild(BookmarkXml::toConference(doc, { u"trap@conference.localhost"_s, {}, {}, {}, true }));
        forged.setExtensions({ QXmppElement(event) });
        forger->session.transport()->send(std::move(forged));
        QTest::qWait(1500);
        QCOMPARE(changed.size(), 0);
        QVERIFY(!a->features.bookmarks()->bookmark(u"trap@conference.localhost"_s));
    }
};

QTEST_MAIN(TestBookmarks)
#include "tst_bookmarks.moc"
