#include "chatstates.h"
#include "exporter.h"
#include "historystore.h"
#include "requeststore.h"
#include "profile.h"
#include "profilefixture.h"
#include "readstore.h"
#include "roomstore.h"
#include "storedmessage.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

class TestExport final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_profile;

    static Message make(const QString &chat, Direction dir, const QString &id, const QString &body, qint64 ms)
    {
        return Test::storedMessage(chat, dir, id, body, ms);
    }

    QByteArray run(const QString &chat, ExportFormat format, QString *error = nullptr)
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const auto result = exportHistory(m_profile, chat, format, out);
        if (error)
            *error = result.errorMessage();
        return out.data();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_profile = m_dir.filePath(u"profile"_s);
        const Profile profile(m_profile);
        QVERIFY(profile.saveAccount({ u"alice@example.org"_s, {}, 0 }));
        HistoryStore store(profile.historyPath(u"alice@example.org"_s));
        QVERIFY(store.open().result());
        Message offline = make(u"jenny@example.org"_s, Direction::Incoming, u"j1"_s, u"안녕 🦉"_s, 1'700'000'000'000);
        offline.arrivedOffline = true;
        offline.stanzaId = u"sid-1"_s;
        QVERIFY(store.addMessage(offline).result());
        QVERIFY(store.addMessage(make(u"jenny@example.org"_s, Direction::Outgoing, u"a1"_s, u"hi Jenny"_s,
                                     1'700'000'060'000))
                    .result());
        Message failed = make(u"ghost@example.org"_s, Direction::Outgoing, u"a2"_s, u"anyone?"_s, 1'700'000'120'000);
        failed.state = DeliveryState::Failed;
        failed.error = u"No such user"_s;
        QVERIFY(store.addMessage(failed).result());
    }

    void jsonHasOneObjectPerChat()
    {
        QString error;
        const QByteArray data = run({}, ExportFormat::Json, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QVERIFY(doc.isArray());
        const QJsonArray chats = doc.array();
        QCOMPARE(chats.size(), 2);
        const QJsonObject ghost = chats[0].toObject();
        const QJsonObject jenny = chats[1].toObject();
        QCOMPARE(jenny[u"account"_s].toString(), u"alice@example.org"_s);
        QCOMPARE(jenny[u"chat"_s].toString(), u"jenny@example.org"_s);
        // She wrote first, and we answered: not a request.
        QCOMPARE(jenny[u"request"_s], QJsonValue(false));
        QCOMPARE(jenny[u"in_roster"_s], QJsonValue(false));
        QCOMPARE(jenny[u"blocked"_s], QJsonValue(false));
        const QJsonArray messages = jenny[u"messages"_s].toArray();
        QCOMPARE(messages.size(), 2);

        const QJsonObject in = messages[0].toObject();
        QCOMPARE(in[u"id"_s].toString(), u"j1"_s);
        QCOMPARE(in[u"direction"_s].toString(), u"in"_s);
        QCOMPARE(in[u"from"_s].toString(), u"jenny@example.org/phone"_s);
        QCOMPARE(in[u"to"_s].toString(), u"alice@example.org/jabberwock"_s);
        QCOMPARE(in[u"body"_s].toString(), u"안녕 🦉"_s);
        QCOMPARE(in[u"sent_at"_s].toString(), u"2023-11-14T22:13:20.000Z"_s);
        QCOMPARE(in[u"received_at"_s].toString(), u"2023-11-14T22:13:20.250Z"_s);
        QCOMPARE(in[u"arrived_offline"_s].toBool(), true);
        QCOMPARE(in[u"stanza_id"_s].toString(), u"sid-1"_s);
        QCOMPARE(in[u"state"_s].toString(), u"received"_s);
        QVERIFY(!in.contains(u"error"_s));

        const QJsonObject out = messages[1].toObject();
        QCOMPARE(out[u"direction"_s].toString(), u"out"_s);
        QCOMPARE(out[u"state"_s].toString(), u"sent"_s);
        QVERIFY(out[u"stanza_id"_s].isNull());

        const QJsonObject failed = ghost[u"messages"_s].toArray()[0].toObject();
        QCOMPARE(failed[u"state"_s].toString(), u"failed"_s);
        QCOMPARE(failed[u"error"_s].toString(), u"No such user"_s);
    }

    void oneChatOnly()
    {
        const QJsonArray chats = QJsonDocument::fromJson(run(u"ghost@example.org"_s, ExportFormat::Json)).array();
        QCOMPARE(chats.size(), 1);
        QCOMPARE(chats[0].toObject()[u"chat"_s].toString(), u"ghost@example.org"_s);
        QCOMPARE(QJsonDocument::fromJson(run(u"nobody@example.org"_s, ExportFormat::Json)).array().size(), 0);
    }

    void textIsReadable()
    {
        const QString text = QString::fromUtf8(run({}, ExportFormat::Text));
        QVERIFY2(text.contains(u"[2023-11-14 22:13:20 UTC] jenny@example.org (arrived while offline): 안녕 🦉"_s),
            qPrintable(text));
        QVERIFY2(text.contains(u"alice@example.org: anyone? [failed]"_s), qPrintable(text));
    }

    void chatStateOfEachChat()
    {
        const QDateTime longAgo(QDate(2026, 1, 2), QTime(3, 4, 5, 678), QTimeZone::UTC);
        {
            Test::ProfileFixture account(
                Profile(m_profile).historyPath(u"alice@example.org"_s), u"alice@example.org"_s);
            QVERIFY(account.ok());
            QVERIFY(account.states()->isLoaded());
            account.states()->setClock([longAgo] { return longAgo; });
            account.transport.receiveChatState(u"jenny@example.org"_s, ChatState::Composing);
            account.store.flush();
        }
        const QJsonArray chats = QJsonDocument::fromJson(run({}, ExportFormat::Json)).array();
        QCOMPARE(chats.size(), 2);
        const QJsonObject ghost = chats[0].toObject();
        QVERIFY(ghost.contains(u"chat_state"_s));
        QVERIFY(ghost[u"chat_state"_s].isNull());
        QVERIFY(ghost.contains(u"chat_state_at"_s));
        QVERIFY(ghost[u"chat_state_at"_s].isNull());
        const QJsonObject jenny = chats[1].toObject();
        QCOMPARE(jenny[u"chat_state"_s].toString(), u"paused"_s); // a composing from long ago has stopped
        QCOMPARE(jenny[u"chat_state_at"_s].toString(), u"2026-01-02T03:04:05.678Z"_s);
    }

    void missingProfileIsAnError()
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const auto result = exportHistory(m_dir.filePath(u"nope"_s), {}, ExportFormat::Json, out);
        QVERIFY(!result);
        QVERIFY(result.errorMessage().contains(u"There is no profile"_s));
        QVERIFY(out.data().isEmpty());
    }

    void readPositionsAndSeenMarks()
    {
        // A profile of its own: what was read, and what the other side has seen.
        const QString profileDir = m_dir.filePath(u"reads"_s);
        const Profile profile(profileDir);
        QVERIFY(profile.saveAccount({ u"alice@example.org"_s, {}, 0 }));
        {
            HistoryStore store(profile.historyPath(u"alice@example.org"_s));
            QVERIFY(store.open().result());
            const QString kim = u"kim@example.org"_s;
            qint64 at = 1'700'000'000'000;
            const QList<std::pair<Direction, QString>> history { { Direction::Incoming, u"k1"_s },
                { Direction::Outgoing, u"o1"_s }, { Direction::Incoming, u"k2"_s }, { Direction::Outgoing, u"o2"_s },
                { Direction::Incoming, u"k3"_s } };
            qint64 answered = 0;
            for (const auto &[dir, id] : history) {
                const auto added = store.addMessage(make(kim, dir, id, id, at += 1000)).result();
                QVERIFY(added);
                if (dir == Direction::Outgoing)
                    answered = added->message.rowId;
            }
            // Answering read k1 and k2 (ReadTracker says so; the app keeps it
            // through ReadStore::save); Kim has displayed o1 but not yet o2.
            ChatReadState read;
            read.lastRead = answered;
            QVERIFY(ReadStore::save(store, kim, read).result());
            QCOMPARE(ReadStore::markDisplayed(store, kim, u"o1"_s).result().value(), 2);
            QVERIFY(store.addMessage(make(u"lee@example.org"_s, Direction::Incoming, u"l1"_s, u"hi"_s, at)).result());
        }
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const auto exported = exportHistory(profileDir, {}, ExportFormat::Json, out);
        QVERIFY2(exported, qPrintable(exported.errorMessage()));
        const QJsonArray chats = QJsonDocument::fromJson(out.data()).array();
        QCOMPARE(chats.size(), 2);

        const QJsonObject kim = chats[0].toObject();
        QCOMPARE(kim[u"chat"_s].toString(), u"kim@example.org"_s);
        QCOMPARE(kim[u"last_read_id"_s].toString(), u"o2"_s);
        QCOMPARE(kim[u"unread"_s].toInt(), 1);
        const QJsonArray messages = kim[u"messages"_s].toArray();
        QCOMPARE(messages.size(), 5);
        const auto field = [&](int i, const QString &name) { return messages[i].toObject().value(name); };
        QCOMPARE(field(0, u"read"_s), QJsonValue(true));
        QCOMPARE(field(1, u"displayed"_s), QJsonValue(true));
        QCOMPARE(field(2, u"read"_s), QJsonValue(true));
        QCOMPARE(field(3, u"displayed"_s), QJsonValue(false));
        QCOMPARE(field(4, u"read"_s), QJsonValue(false));
        // Each only where it means something.
        QVERIFY(!messages[0].toObject().contains(u"displayed"_s));
        QVERIFY(!messages[1].toObject().contains(u"read"_s));

        const QJsonObject lee = chats[1].toObject();
        QVERIFY(lee.contains(u"last_read_id"_s));
        QVERIFY(lee[u"last_read_id"_s].isNull());
        QCOMPARE(lee[u"unread"_s].toInt(), 1);
        QCOMPARE(lee[u"messages"_s].toArray()[0].toObject().value(u"read"_s), QJsonValue(false));
    }

    void whoEachChatIsWith()
    {
        // A profile of its own: a request, someone we wrote to, a blocked
        // address and a contact, as the history knows them.
        const QString profileDir = m_dir.filePath(u"peers"_s);
        const Profile profile(profileDir);
        QVERIFY(profile.saveAccount({ u"alice@example.org"_s, {}, 0 }));
        const QString stranger = u"stranger@example.net"_s;
        const QString answered = u"answered@example.net"_s;
        const QString spammer = u"spammer@example.net"_s;
        const QString contact = u"contact@example.org"_s;
        {
            HistoryStore store(profile.historyPath(u"alice@example.org"_s));
            QVERIFY(store.open().result());
            qint64 at = 1'700'000'000'000;
            for (const QString &chat : { stranger, answered, spammer, contact })
                QVERIFY(
                    store.addMessage(make(chat, Direction::Incoming, chat + u"-1"_s, u"hello"_s, at += 1000))
                        .result());
            // Writing back accepts them (read from the messages, nothing else stored).
            QVERIFY(
                store.addMessage(make(answered, Direction::Outgoing, u"o1"_s, u"hi"_s, at += 1000)).result());
            const auto blocked = RequestStore::set(store, StandingFlag::Blocked, { spammer }, true).result();
            QVERIFY2(blocked, qPrintable(blocked.errorMessage()));
            QCOMPARE(blocked.value(), QStringList { spammer });
            const auto inRoster = RequestStore::set(store, StandingFlag::InRoster, { contact }, true).result();
            QVERIFY2(inRoster, qPrintable(inRoster.errorMessage()));
            QCOMPARE(inRoster.value(), QStringList { contact });
        }
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const auto exported = exportHistory(profileDir, {}, ExportFormat::Json, out);
        QVERIFY2(exported, qPrintable(exported.errorMessage()));
        const QJsonArray chats = QJsonDocument::fromJson(out.data()).array();
        QCOMPARE(chats.size(), 4);
        QHash<QString, QJsonObject> byChat;
        for (const QJsonValue &chat : chats)
            byChat.insert(chat.toObject().value(u"chat"_s).toString(), chat.toObject());
        QCOMPARE(byChat.size(), 4);

        struct Want
        {
            QString chat;
            bool inRoster, request, blocked;
        };
        const Want expected[] = {
            { stranger, false, true, false },
            { answered, false, false, false },
            { spammer, false, false, true },
            { contact, true, false, false },
        };
        for (const Want &e : expected) {
            const QJsonObject chat = byChat.value(e.chat);
            // Booleans, always there.
            for (const QString &key : { u"in_roster"_s, u"request"_s, u"blocked"_s })
                QVERIFY2(chat.value(key).isBool(), qPrintable(e.chat + u' ' + key));
            QCOMPARE(chat.value(u"in_roster"_s).toBool(), e.inRoster);
            QCOMPARE(chat.value(u"request"_s).toBool(), e.request);
            QCOMPARE(chat.value(u"blocked"_s).toBool(), e.blocked);
        }
        // One chat alone carries them too.
        QBuffer one;
        one.open(QIODevice::WriteOnly);
        QVERIFY(exportHistory(profileDir, stranger, ExportFormat::Json, one));
        const QJsonObject alone = QJsonDocument::fromJson(one.data()).array().at(0).toObject();
        QCOMPARE(alone.value(u"request"_s), QJsonValue(true));
        QCOMPARE(alone.value(u"in_roster"_s), QJsonValue(false));
        QCOMPARE(alone.value(u"blocked"_s), QJsonValue(false));
    }

    // Rooms (issue 14): every conversation says its kind; a room message
    // names its sender by occupant address, nickname and occupant id; the
    // fields 1:1 messages have mean the same.
    // A room the person only reads (joined by a bookmark, never written in)
    // is nobody's contact, yet it is not a message request.
    void aRoomIsNeverARequest()
    {
        const QString profileDir = m_dir.filePath(u"quiet-room-profile"_s);
        const Profile profile(profileDir);
        QVERIFY(profile.saveAccount({ u"alice@example.org"_s, {}, 0 }));
        const QString room = u"quiet@conference.example.org"_s;
        {
            HistoryStore store(profile.historyPath(u"alice@example.org"_s));
            QVERIFY(store.open().result());
            QVERIFY(RoomStore::save(store, room, u"Alice"_s, true).result());
            Message jenny = make(room, Direction::Incoming, u"q1"_s, u"회의는 10시"_s, 1'700'000'000'000);
            jenny.kind = ChatKind::GroupChat;
            jenny.from = room + u"/Jenny"_s;
            jenny.nick = u"Jenny"_s;
            QVERIFY(store.addMessage(jenny).result());
        }
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(exportHistory(profileDir, {}, ExportFormat::Json, out));
        const QJsonArray chats = QJsonDocument::fromJson(out.data()).array();
        QCOMPARE(chats.size(), 1);
        const QJsonObject quiet = chats[0].toObject();
        QCOMPARE(quiet[u"kind"_s].toString(), u"groupchat"_s);
        QCOMPARE(quiet[u"in_roster"_s], QJsonValue(false));
        QCOMPARE(quiet[u"request"_s], QJsonValue(false));
    }

    void roomsHaveKindNickAndOccupantId()
    {
        const QString profileDir = m_dir.filePath(u"rooms-profile"_s);
        const Profile profile(profileDir);
        QVERIFY(profile.saveAccount({ u"alice@example.org"_s, {}, 0 }));
        const QString room = u"team@conference.example.org"_s;
        {
            HistoryStore store(profile.historyPath(u"alice@example.org"_s));
            QVERIFY(store.open().result());
            QVERIFY(RoomStore::save(store, room, u"Alice"_s, true).result());
            Message jenny = make(room, Direction::Incoming, u"r1"_s, u"안녕하세요"_s, 1'700'000'000'000);
            jenny.kind = ChatKind::GroupChat;
            jenny.from = room + u"/Jenny"_s;
            jenny.nick = u"Jenny"_s;
            jenny.occupantId = u"occ-1"_s;
            jenny.arrivedOffline = true;
            jenny.stanzaId = u"room-1"_s;
            QVERIFY(store.addMessage(jenny).result());
            Message notice = make(room, Direction::Incoming, QString(), u"The room is now public"_s,
                1'700'000'001'000);
            notice.kind = ChatKind::GroupChat;
            notice.from = room;
            QVERIFY(store.addMessage(notice).result());
            Message mine = make(room, Direction::Outgoing, u"a1"_s, u"hi all"_s, 1'700'000'002'000);
            mine.kind = ChatKind::GroupChat;
            mine.from = room + u"/Alice"_s;
            mine.nick = u"Alice"_s;
            QVERIFY(store.addMessage(mine).result());
            QVERIFY(store.addMessage(make(u"bob@example.org"_s, Direction::Incoming, u"b1"_s, u"yo"_s,
                                         1'700'000'003'000))
                        .result());
        }
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(exportHistory(profileDir, {}, ExportFormat::Json, out));
        const QJsonArray chats = QJsonDocument::fromJson(out.data()).array();
        QCOMPARE(chats.size(), 2);
        const QJsonObject bob = chats[0].toObject();
        const QJsonObject team = chats[1].toObject();
        QCOMPARE(bob[u"kind"_s].toString(), u"chat"_s);
        QVERIFY(!bob[u"messages"_s].toArray()[0].toObject().contains(u"nick"_s));
        QCOMPARE(team[u"kind"_s].toString(), u"groupchat"_s);
        QCOMPARE(team[u"chat"_s].toString(), room);
        QCOMPARE(team[u"unread"_s].toInt(), 2);
        const QJsonArray messages = team[u"messages"_s].toArray();
        QCOMPARE(messages.size(), 3);
        const QJsonObject in = messages[0].toObject();
        QCOMPARE(in[u"from"_s].toString(), u"team@conference.example.org/Jenny"_s);
        QCOMPARE(in[u"nick"_s].toString(), u"Jenny"_s);
        QCOMPARE(in[u"occupant_id"_s].toString(), u"occ-1"_s);
        QCOMPARE(in[u"arrived_offline"_s], QJsonValue(true));
        QCOMPARE(in[u"read"_s], QJsonValue(false));
        QCOMPARE(in[u"state"_s].toString(), u"received"_s);
        QCOMPARE(in[u"stanza_id"_s].toString(), u"room-1"_s);
        const QJsonObject notice = messages[1].toObject();
        QCOMPARE(notice[u"from"_s].toString(), room);
        QVERIFY(notice[u"nick"_s].isNull());
        QVERIFY(notice[u"occupant_id"_s].isNull());
        const QJsonObject mine = messages[2].toObject();
        QCOMPARE(mine[u"from"_s].toString(), u"team@conference.example.org/Alice"_s);
        QCOMPARE(mine[u"nick"_s].toString(), u"Alice"_s);
        QCOMPARE(mine[u"state"_s].toString(), u"sent"_s);
        QVERIFY(mine[u"displayed"_s].isBool());

        QBuffer text;
        text.open(QIODevice::WriteOnly);
        QVERIFY(exportHistory(profileDir, room, ExportFormat::Text, text));
        QVERIFY2(text.data().contains("Jenny (arrived while offline): "), text.data().constData());
    }

    void filesHaveAttachments()
    {
        const QString profileDir = m_dir.filePath(u"files-profile"_s);
        const Profile profile(profileDir);
        QVERIFY(profile.saveAccount({ u"alice@example.org"_s, {}, 0 }));
        const QString jenny = u"jenny@example.org"_s;
        const QString link = u"https://upload.example.org/abc/photo.png"_s;
        {
            HistoryStore store(profile.historyPath(u"alice@example.org"_s));
            QVERIFY(store.open().result());
            Message picture = make(jenny, Direction::Incoming, u"f1"_s, link, 1'700'000'000'000);
            picture.outOfBandUrl = link;
            QVERIFY(store.addMessage(picture).result());
            // A link alone in the body is a file too (a client without XEP-0066).
            QVERIFY(store.addMessage(make(jenny, Direction::Incoming, u"f2"_s,
                                         u"https://upload.example.org/def/notes.txt"_s, 1'700'000'001'000))
                        .result());
            QVERIFY(store.addMessage(make(jenny, Direction::Incoming, u"t1"_s, u"see https://example.org/a.png"_s,
                                         1'700'000'002'000))
                        .result());
            const auto inserted = store.run<Done>(HistoryStore::Access::Write, [&](QSqlDatabase &db) -> Expected<Done> {
                QSqlQuery q(db);
                q.prepare(u"INSERT INTO transfers (chat, message_id, direction, url, name, size, sha256, local_path, "
                          "state) VALUES (?, 'f1', 0, ?, 'photo.png', 1234, 'abcd', '/home/a/Downloads/photo.png', "
                          "'downloaded')"_s);
                q.addBindValue(jenny);
                q.addBindValue(link);
                return q.exec() ? Expected<Done>(Done {}) : Expected<Done>(Error { q.lastError().text() });
            });
            QVERIFY(inserted.result());
        }
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(exportHistory(profileDir, {}, ExportFormat::Json, out));
        const QJsonArray messages = QJsonDocument::fromJson(out.data()).array()[0].toObject()[u"messages"_s].toArray();
        QCOMPARE(messages.size(), 3);
        const QJsonArray first = messages[0].toObject()[u"attachments"_s].toArray();
        QCOMPARE(first.size(), 1);
        const QJsonObject a = first[0].toObject();
        QCOMPARE(a[u"url"_s].toString(), link);
        QCOMPARE(a[u"name"_s].toString(), u"photo.png"_s);
        QCOMPARE(a[u"size"_s].toInteger(), 1234);
        QCOMPARE(a[u"sha256"_s].toString(), u"abcd"_s);
        QCOMPARE(a[u"local_path"_s].toString(), u"/home/a/Downloads/photo.png"_s);
        QCOMPARE(a[u"state"_s].toString(), u"downloaded"_s);
        const QJsonObject b = messages[1].toObject()[u"attachments"_s].toArray()[0].toObject();
        QCOMPARE(b[u"name"_s].toString(), u"notes.txt"_s);
        QCOMPARE(b[u"state"_s].toString(), u"not_downloaded"_s);
        QVERIFY(b[u"size"_s].isNull());
        QVERIFY(b[u"sha256"_s].isNull());
        QVERIFY(b[u"local_path"_s].isNull());
        QVERIFY(!messages[2].toObject().contains(u"attachments"_s));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
