#include "account.h"
#include "accountsettings.h"
#include "filenames.h"
#include "messagesmodel.h"
#include "rooms.h"
#include "testserver.h"
#include "transfers.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QProcess>
#include <QScopeGuard>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

/// Files (issue 16) against a real Prosody with mod_http_file_share on
/// loopback HTTPS: one Jabberwock account uploads (XEP-0363) and sends the
/// link (XEP-0066), another downloads it. The server's self-signed
/// certificate is pinned for both accounts and covers the upload host too.
class TestFiles final : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 Limit = 1000 * 1000; // the server's upload limit
    Test::TestServer m_server;
    QTemporaryDir m_dir;

    std::unique_ptr<Test::Account> signIn(Test::TestServer &server, const QString &user)
    {
        auto account = std::make_unique<Test::Account>(
            m_dir.filePath(user + u".db"_s), Test::connectionSettings(server, user));
        Transfers *transfers = account->features.transfers();
        transfers->setPinnedCertificates(account->settings.pinnedCertificates);
        transfers->setDownloadFolder(m_dir.filePath(u"downloads-"_s + user));
        if (!account->opened || !account->signIn())
            return {};
        if (!QTest::qWaitFor([&] { return account->requests()->isLoaded(); }, 5000))
            return {};
        return account;
    }

    QString makeFile(const QString &name, qint64 size)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        QByteArray chunk(64 * 1024, Qt::Uninitialized);
        for (qint64 left = size; left > 0; left -= chunk.size()) {
            for (char &c : chunk)
                c = char(QRandomGenerator::global()->generate() & 0xff);
            f.write(chunk.constData(), std::min<qint64>(left, chunk.size()));
        }
        return path;
    }

    /// A small valid PNG.
    QString makePicture(const QString &name)
    {
        // 1×1 transparent PNG.
        static const QByteArray png = QByteArray::fromBase64(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(png) != png.size())
            return {};
        return path;
    }

    static QString sha256Of(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(&f);
        return QString::fromLatin1(h.result().toHex());
    }

    /// Transfers::load() continues on this thread: wait by running the loop, not by blocking it.
    static bool load(Transfers *transfers)
    {
        auto loaded = transfers->load();
        return QTest::qWaitFor([&] { return loaded.isFinished(); }, 5000) && loaded.result().ok();
    }

    template<typename T, typename Predicate>
    static bool anyOf(const QList<T> &list, Predicate predicate)
    {
        return std::any_of(list.cbegin(), list.cend(), predicate);
    }

    static std::optional<Transfer> onlyTransfer(Transfers *transfers, Direction direction)
    {
        std::optional<Transfer> found;
        const auto all = transfers->transfers();
        for (const Transfer &t : all) {
            if (t.direction == direction)
                found = t;
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!m_server.isProsody())
            QSKIP("the upload service is set up for Prosody (mod_http_file_share)");
        m_server.setHttpUpload(Limit);
        QStringList users;
        for (const QString &name :
            { u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s, u"eve"_s, u"frank"_s, u"demoalice"_s, u"demobob"_s })
            users.append(name + u':' + name + u"-pw"_s);
        QVERIFY2(m_server.start(users, { u"alice:bob"_s, u"carol:dave"_s, u"demoalice:demobob"_s }),
            qPrintable(m_server.errorString()));
        QVERIFY(m_server.httpsPort() != 0);
    }

    void cleanupTestCase() { m_server.stop(); }

    void aFileGoesUpWithProgressAndComesDownByteIdentical()
    {
        auto alice = signIn(m_server, u"alice"_s);
        QVERIFY(alice);
        auto bob = signIn(m_server, u"bob"_s);
        QVERIFY(bob);
        const QString bobJid = m_server.jid(u"bob"_s);
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString source = makeFile(u"report 2026.bin"_s, 700 * 1000);
        QVERIFY(!source.isEmpty());

        Transfers *up = alice->features.transfers();
        QList<Transfer> seen;
        connect(up, &Transfers::transferChanged, this, [&](const Transfer &t) { seen.append(t); });
        QSignalSpy refused(up, &Transfers::refused);
        up->sendFile(bobJid, ChatKind::Chat, source);
        QTRY_VERIFY_WITH_TIMEOUT(
            !seen.isEmpty() && seen.constLast().state == Transfer::State::Uploaded, 20000);
        QCOMPARE(refused.count(), 0);
        // Progress: some step between nothing and everything was told.
        QVERIFY(std::any_of(seen.cbegin(), seen.cend(), [](const Transfer &t) {
            return t.state == Transfer::State::Uploading && t.bytesDone > 0 && t.bytesDone < t.size;
        }));
        const Transfer sent = seen.constLast();
        QVERIFY2(sent.url.startsWith(u"https://127.0.0.1:"_s), qPrintable(sent.url));
        QCOMPARE(sent.size, 700 * 1000);
        QTRY_COMPARE(up->transfer(sent.id)->sha256, sha256Of(source));

        // The link went out as a message, body and XEP-0066 alike, and is kept.
        QTRY_VERIFY_WITH_TIMEOUT(!alice->history(bobJid).isEmpty(), 5000);
        const Message ours = alice->history(bobJid).constLast();
        QCOMPARE(ours.body, sent.url);
        QCOMPARE(ours.outOfBandUrl, sent.url);
        QCOMPARE(ours.messageId, sent.messageId);

        // Bob gets the message; a file that is no picture waits for him.
        Transfers *down = bob->features.transfers();
        QTRY_VERIFY_WITH_TIMEOUT(down->transferOf(aliceJid, sent.messageId).has_value(), 10000);
        QCOMPARE(bob->history(aliceJid).constLast().outOfBandUrl, sent.url);
        Transfer incoming = *down->transferOf(aliceJid, sent.messageId);
        QCOMPARE(incoming.state, Transfer::State::NotDownloaded);
        QCOMPARE(incoming.name, u"report 2026.bin"_s);
        QCOMPARE(down->requestsStarted(), 0);

        down->download(incoming.id);
        QTRY_COMPARE_WITH_TIMEOUT(down->transfer(incoming.id)->state, Transfer::State::Downloaded, 20000);
        incoming = *down->transfer(incoming.id);
        QCOMPARE(incoming.sha256, sha256Of(source));
        QCOMPARE(sha256Of(incoming.localPath), sha256Of(source));
        QCOMPARE(QFileInfo(incoming.localPath).dir().absolutePath(), QDir(down->downloadFolder()).absolutePath());
        QCOMPARE(QFileInfo(incoming.localPath).fileName(), u"report 2026.bin"_s);

        // The history keeps it: a new run over the same profile knows it as downloaded.
        const qint64 id = incoming.id;
        bob.reset();
        auto again = signIn(m_server, u"bob"_s);
        QVERIFY(again);
        QVERIFY(load(again->features.transfers()));
        const auto kept = again->features.transfers()->transfer(id);
        QVERIFY(kept);
        QCOMPARE(kept->state, Transfer::State::Downloaded);
        QCOMPARE(kept->sha256, sha256Of(source));
        QVERIFY(kept->error.isEmpty());
        // … and says so when the file was deleted since.
        QVERIFY(QFile::remove(kept->localPath));
        again.reset();
        auto third = signIn(m_server, u"bob"_s);
        QVERIFY(third);
        QVERIFY(load(third->features.transfers()));
        QVERIFY(!third->features.transfers()->transfer(id)->error.isEmpty());
    }

    void aCancelledUploadSendsNothingAndCanBeRetried()
    {
        auto alice = signIn(m_server, u"alice"_s);
        QVERIFY(alice);
        const QString bobJid = m_server.jid(u"bob"_s);
        const qsizetype before = alice->history(bobJid).size();
        const QString source = makeFile(u"retry.bin"_s, 900 * 1000);
        Transfers *up = alice->features.transfers();
        bool cancelled = false;
        connect(up, &Transfers::transferChanged, this, [&](const Transfer &t) {
            if (!cancelled && t.state == Transfer::State::Uploading && t.bytesDone > 0) {
                cancelled = true;
                up->cancel(t.id);
            }
        });
        up->sendFile(bobJid, ChatKind::Chat, source);
        QTRY_VERIFY_WITH_TIMEOUT(cancelled, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(onlyTransfer(up, Direction::Outgoing)->state, Transfer::State::Cancelled, 10000);
        QTest::qWait(300);
        QCOMPARE(alice->history(bobJid).size(), before); // no link went out

        const qint64 id = onlyTransfer(up, Direction::Outgoing)->id;
        up->retry(id);
        QTRY_COMPARE_WITH_TIMEOUT(up->transfer(id)->state, Transfer::State::Uploaded, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(alice->history(bobJid).size(), before + 1, 5000);
        QCOMPARE(alice->history(bobJid).constLast().outOfBandUrl, up->transfer(id)->url);
    }

    void aFileOverTheLimitIsRefusedBeforeUploading()
    {
        auto carol = signIn(m_server, u"carol"_s);
        QVERIFY(carol);
        const QString source = makeFile(u"big.bin"_s, 1500 * 1000);
        Transfers *up = carol->features.transfers();
        QSignalSpy refused(up, &Transfers::refused);
        QSignalSpy changed(up, &Transfers::transferChanged);
        up->sendFile(m_server.jid(u"dave"_s), ChatKind::Chat, source);
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 10000);
        QCOMPARE(refused.at(0).at(1).toString(), u"This file is 1.5 MB; your server accepts up to 1 MB."_s);
        QCOMPARE(up->requestsStarted(), 0);
        QCOMPARE(changed.count(), 0);
        QVERIFY(up->transfers().isEmpty());
    }

    void aContactsPictureComesByItselfAStrangersOnlyOnceAccepted()
    {
        auto carol = signIn(m_server, u"carol"_s);
        QVERIFY(carol);
        auto dave = signIn(m_server, u"dave"_s);
        QVERIFY(dave);
        auto eve = signIn(m_server, u"eve"_s);
        QVERIFY(eve);
        const QString daveJid = m_server.jid(u"dave"_s);
        const QString picture = makePicture(u"photo.png"_s);

        // A contact's picture is fetched without asking.
        carol->features.transfers()->sendFile(daveJid, ChatKind::Chat, picture);
        Transfers *daves = dave->features.transfers();
        const QString carolJid = m_server.jid(u"carol"_s);
        QTRY_VERIFY_WITH_TIMEOUT(anyOf(daves->transfers(),
                                     [&](const Transfer &t) {
                                         return t.chat == carolJid && t.state == Transfer::State::Downloaded;
                                     }),
            20000);

        // A stranger's is not: fetching would tell their server our address.
        const QString eveJid = m_server.jid(u"eve"_s);
        const int before = daves->requestsStarted();
        eve->features.transfers()->sendFile(daveJid, ChatKind::Chat, picture);
        QTRY_VERIFY_WITH_TIMEOUT(anyOf(daves->transfers(), [&](const Transfer &t) { return t.chat == eveJid; }), 20000);
        QCOMPARE(dave->requests()->standing(eveJid), Standing::Request);
        QTest::qWait(500); // give a wrong automatic download the time to start
        QCOMPARE(daves->requestsStarted(), before);
        auto fromEve = [&] {
            const auto all = daves->transfers();
            for (const Transfer &t : all) {
                if (t.chat == eveJid)
                    return t;
            }
            return Transfer {};
        };
        QCOMPARE(fromEve().state, Transfer::State::NotDownloaded);

        dave->requests()->accept(eveJid);
        QTRY_COMPARE_WITH_TIMEOUT(fromEve().state, Transfer::State::Downloaded, 20000);
        QCOMPARE(sha256Of(fromEve().localPath), sha256Of(picture));
        QCOMPARE(daves->requestsStarted(), before + 1);
    }

    /// The demo's Bob (scripts/demo/bob.py, slixmpp) answers a picture with
    /// a caption and a picture of his own through the same upload service:
    /// what a newcomer sees in `scripts/run`. It comes by itself (Bob is a
    /// contact) and is a real picture.
    void theDemosBobAnswersAPictureWithAPicture()
    {
        QProcess bobProcess;
        bobProcess.setProcessChannelMode(QProcess::MergedChannels);
        const QString bobJid = m_server.jid(u"demobob"_s);
        bobProcess.start(u"python3"_s,
            { QStringLiteral(JW_SOURCE_DIR "/scripts/demo/bob.py"), u"--jid"_s, bobJid, u"--password"_s,
                u"demobob-pw"_s, u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_server.port()),
                u"--cafile"_s, m_server.certificatePath() });
        QVERIFY(bobProcess.waitForStarted());
        const auto stopBob = qScopeGuard([&] {
            bobProcess.terminate();
            if (!bobProcess.waitForFinished(5000))
                bobProcess.kill();
        });
        auto alice = signIn(m_server, u"demoalice"_s);
        QVERIFY(alice);
        // Bob is online before the picture goes (else it waits offline).
        QTRY_VERIFY_WITH_TIMEOUT(alice->roster()->contact(bobJid).presence != PresenceStatus::Offline, 20000);
        const QString picture = makePicture(u"for bob.png"_s);
        alice->features.transfers()->sendFile(bobJid, ChatKind::Chat, picture);
        Transfers *transfers = alice->features.transfers();
        const auto fromBob = [&] {
            const auto all = transfers->transfers();
            for (const Transfer &t : all) {
                if (t.direction == Direction::Incoming && t.chat == bobJid)
                    return t;
            }
            return Transfer {};
        };
        QTRY_VERIFY2_WITH_TIMEOUT(fromBob().state == Transfer::State::Downloaded, bobProcess.readAll().constData(),
            30000);
        const Transfer sunset = fromBob();
        QCOMPARE(sunset.name, u"sunset.png"_s);
        QImageReader reader(sunset.localPath);
        QCOMPARE(reader.format(), QByteArray("png"));
        QCOMPARE(reader.size(), QSize(240, 160));
        QVERIFY(!reader.read().isNull());
        const auto history = alice->history(bobJid);
        QVERIFY(std::any_of(history.cbegin(), history.cend(), [](const Message &m) {
            return m.isIncoming() && m.body.startsWith(u"Nice picture!"_s);
        }));
    }

    void aRoomGetsTheLinkToo()
    {
        auto frank = signIn(m_server, u"frank"_s);
        QVERIFY(frank);
        const QString room = u"files@conference."_s + m_server.domain();
        Rooms *rooms = frank->features.rooms();
        rooms->join(room, u"frank"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rooms->isCaughtUp(room), 10000);
        const QString picture = makePicture(u"room.png"_s);
        frank->features.transfers()->sendFile(room, ChatKind::GroupChat, picture);
        QTRY_VERIFY_WITH_TIMEOUT(
            anyOf(frank->history(room), [](const Message &m) { return !m.outOfBandUrl.isEmpty(); }), 20000);
        const auto sent = onlyTransfer(frank->features.transfers(), Direction::Outgoing);
        QVERIFY(sent);
        QCOMPARE(sent->state, Transfer::State::Uploaded);
        QCOMPARE(sent->kind, ChatKind::GroupChat);
    }

    void anUploadCutOffByTheServerFailsAndIsRetriedFromItsMessage()
    {
        // A server of its own: this one is stopped in the middle of an upload.
        Test::TestServer server;
        server.setHttpUpload(qint64(200) * 1000 * 1000);
        QVERIFY2(server.start({ u"hana:hana-pw"_s, u"ivan:ivan-pw"_s }, { u"hana:ivan"_s }),
            qPrintable(server.errorString()));
        auto hana = signIn(server, u"hana"_s);
        QVERIFY(hana);
        auto ivan = signIn(server, u"ivan"_s);
        QVERIFY(ivan);
        const QString ivanJid = server.jid(u"ivan"_s);
        const QString hanaJid = server.jid(u"hana"_s);
        const QString source = makeFile(u"cut off.bin"_s, 60 * 1000 * 1000);
        Transfers *up = hana->features.transfers();
        MessagesModel chat(&hana->features, ivanJid);
        QAbstractItemModelTester tester(&chat, QAbstractItemModelTester::FailureReportingMode::QtTest);
        bool stopped = false;
        connect(up, &Transfers::transferChanged, this, [&](const Transfer &t) {
            if (!stopped && t.state == Transfer::State::Uploading && t.bytesDone > 0 && t.bytesDone < t.size) {
                stopped = true;
                server.stop(); // the server goes away under the upload
            }
        });
        up->sendFile(ivanJid, ChatKind::Chat, source);
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 30000);
        const auto sent = onlyTransfer(up, Direction::Outgoing);
        QVERIFY(sent);
        const qint64 id = sent->id;
        QTRY_COMPARE_WITH_TIMEOUT(up->transfer(id)->state, Transfer::State::Failed, 30000);
        // Failed, with a sentence, and still in the chat as a file not sent.
        const QString sentence = up->transfer(id)->error;
        QVERIFY2((sentence.startsWith(u"The upload failed"_s) && sentence.endsWith(u'.'))
                || sentence == u"The connection to the server was lost during the upload."_s,
            qPrintable(sentence));
        QVERIFY(hana->history(ivanJid).isEmpty());
        QTRY_COMPARE(chat.rowCount(), 1);
        QCOMPARE(chat.index(0).data(MessagesModel::PendingUploadRole).toBool(), true);
        QCOMPARE(chat.index(0).data(MessagesModel::TransferIdRole).toLongLong(), id);
        QCOMPARE(chat.index(0).data(MessagesModel::BodyRole).toString(), u"cut off.bin"_s);

        // The upload can fail before the sessions see the server gone; they
        // must, or reconnectNow has nothing to do and Retry would ask the dead
        // connection for its slot.
        QTRY_VERIFY_WITH_TIMEOUT(hana->session.state() != Session::State::Online, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(ivan->session.state() != Session::State::Online, 30000);

        // The server is back; the person presses Retry on the message.
        QVERIFY2(server.restart(), qPrintable(server.errorString()));
        hana->session.reconnectNow();
        ivan->session.reconnectNow();
        QTRY_VERIFY_WITH_TIMEOUT(hana->session.state() == Session::State::Online, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(ivan->session.state() == Session::State::Online, 60000);
        up->retry(id);
        QTRY_COMPARE_WITH_TIMEOUT(up->transfer(id)->state, Transfer::State::Uploaded, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(hana->history(ivanJid).size(), 1, 10000);
        // The row of the file is now the message that carries it.
        QTRY_VERIFY(chat.rowCount() == 1 && !chat.index(0).data(MessagesModel::PendingUploadRole).toBool());
        QCOMPARE(chat.index(0).data(MessagesModel::TransferIdRole).toLongLong(), id);

        // Ivan gets it and downloads it byte-identical.
        const QString messageId = up->transfer(id)->messageId;
        Transfers *down = ivan->features.transfers();
        QTRY_VERIFY_WITH_TIMEOUT(down->transferOf(hanaJid, messageId).has_value(), 20000);
        const qint64 incoming = down->transferOf(hanaJid, messageId)->id;
        down->download(incoming);
        QTRY_COMPARE_WITH_TIMEOUT(down->transfer(incoming)->state, Transfer::State::Downloaded, 60000);
        QCOMPARE(sha256Of(down->transfer(incoming)->localPath), sha256Of(source));
        QCOMPARE(down->transfer(incoming)->sha256, sha256Of(source));
        hana.reset();
        ivan.reset();
        server.stop();
    }

    void aServerWithoutUploadSaysSo()
    {
        Test::TestServer plain;
        QVERIFY2(plain.start({ u"gina:gina-pw"_s }), qPrintable(plain.errorString()));
        auto gina = signIn(plain, u"gina"_s);
        QVERIFY(gina);
        const QString source = makeFile(u"small.bin"_s, 1000);
        Transfers *up = gina->features.transfers();
        QSignalSpy refused(up, &Transfers::refused);
        up->sendFile(plain.jid(u"gina"_s), ChatKind::Chat, source);
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 10000);
        QCOMPARE(refused.at(0).at(1).toString(), Files::noUploadSentence());
        QCOMPARE(up->requestsStarted(), 0);
        gina.reset();
        plain.stop();
    }
};

QTEST_GUILESS_MAIN(TestFiles)
#include "tst_files.moc"
