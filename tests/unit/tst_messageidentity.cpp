// When two stanzas are the same message (isSameMessage, and the history's
// dedupe that follows it): docs/message-identity.md.

#include "historystore.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

/// A copy of a message as one path delivers it.
Message copy(Direction direction, const QString &chat, const QString &id, const QString &body,
    const QString &stanzaId = {}, DeliveryState state = DeliveryState::Received)
{
    Message m;
    m.chat = chat;
    m.direction = direction;
    m.messageId = id;
    m.body = body;
    m.stanzaId = stanzaId;
    m.state = direction == Direction::Outgoing && state == DeliveryState::Received ? DeliveryState::Sent : state;
    m.from = direction == Direction::Incoming ? chat + u"/phone"_s : u"me@example.org/desk"_s;
    m.to = direction == Direction::Incoming ? u"me@example.org/desk"_s : chat;
    m.sentAt = QDateTime(QDate(2026, 12, 4), QTime(12, 0), QTimeZone::UTC);
    m.receivedAt = m.sentAt;
    return m;
}

constexpr auto In = Direction::Incoming;
constexpr auto Out = Direction::Outgoing;
const QString Jenny = u"jenny@example.org"_s;
const QString Bob = u"bob@example.org"_s;

} // namespace

class TestMessageIdentity final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_databases = 0;

private Q_SLOTS:
    void cases_data()
    {
        QTest::addColumn<Message>("first");
        QTest::addColumn<Message>("second");
        QTest::addColumn<bool>("same");

        QTest::newRow("live copy, then the archive's copy")
            << copy(In, Jenny, u"m1"_s, u"hello"_s, u"s1"_s) << copy(In, Jenny, u"m1"_s, u"hello"_s, u"s1"_s) << true;
        QTest::newRow("archive copy, then the live one (no stanza-id live)")
            << copy(In, Jenny, u"m1"_s, u"hello"_s, u"s1"_s) << copy(In, Jenny, u"m1"_s, u"hello"_s) << true;
        QTest::newRow("live without stanza-id, then the archive's")
            << copy(In, Jenny, u"m1"_s, u"hello"_s) << copy(In, Jenny, u"m1"_s, u"hello"_s, u"s1"_s) << true;
        QTest::newRow("carbon of what another device sent, then the archive's")
            << copy(Out, Jenny, u"o1"_s, u"on my way"_s) << copy(Out, Jenny, u"o1"_s, u"on my way"_s, u"s2"_s) << true;
        QTest::newRow("carbon received, then the archive's")
            << copy(In, Jenny, u"m2"_s, u"hi"_s, u"s3"_s) << copy(In, Jenny, u"m2"_s, u"hi"_s, u"s3"_s) << true;
        QTest::newRow("our own message reflected by the server")
            << copy(Out, Jenny, u"o2"_s, u"hello"_s, {}, DeliveryState::Queued)
            << copy(Out, Jenny, u"o2"_s, u"hello"_s, u"s4"_s) << true;
        QTest::newRow("sent twice after a failed resumption (two archive ids)")
            << copy(Out, Jenny, u"o3"_s, u"hello"_s, u"s5"_s) << copy(Out, Jenny, u"o3"_s, u"hello"_s, u"s6"_s) << true;
        QTest::newRow("same server stanza-id") << copy(In, Jenny, {}, u"x"_s, u"s7"_s) << copy(In, Jenny, {}, u"x"_s, u"s7"_s)
                                               << true;
        QTest::newRow("an id reused with another text")
            << copy(In, Jenny, u"m3"_s, u"see you at 5"_s) << copy(In, Jenny, u"m3"_s, u"running late"_s) << false;
        QTest::newRow("an id reused with another text, both archived")
            << copy(In, Jenny, u"m3"_s, u"see you at 5"_s, u"s8"_s)
            << copy(In, Jenny, u"m3"_s, u"running late"_s, u"s9"_s) << false;
        QTest::newRow("an id reused, text differing only in case")
            << copy(In, Jenny, u"m4"_s, u"ok"_s) << copy(In, Jenny, u"m4"_s, u"OK"_s) << false;
        QTest::newRow("an empty id, same text") << copy(In, Jenny, {}, u"ok"_s) << copy(In, Jenny, {}, u"ok"_s) << false;
        QTest::newRow("same id and text from another person")
            << copy(In, Jenny, u"1"_s, u"hi"_s) << copy(In, Bob, u"1"_s, u"hi"_s) << false;
        QTest::newRow("same id and text, theirs and ours")
            << copy(In, Jenny, u"1"_s, u"hi"_s) << copy(Out, Jenny, u"1"_s, u"hi"_s) << false;
        QTest::newRow("different stanza-ids, no id") << copy(In, Jenny, {}, u"hi"_s, u"s10"_s)
                                                     << copy(In, Jenny, {}, u"hi"_s, u"s11"_s) << false;
    }

    void cases()
    {
        QFETCH(Message, first);
        QFETCH(Message, second);
        QFETCH(bool, same);
        QCOMPARE(isSameMessage(first, second), same);

        // The history keeps one message for a copy, two for two messages,
        // and never loses a text.
        HistoryStore store(m_dir.filePath(u"h%1.db"_s.arg(++m_databases)));
        QVERIFY(store.open().result());
        const auto a = store.addMessage(first).result();
        QVERIFY2(a, qPrintable(a.errorMessage()));
        const auto b = store.addMessage(second).result();
        QVERIFY2(b, qPrintable(b.errorMessage()));
        QCOMPARE(b->inserted, !same);
        const auto all = store.allMessages().result();
        QVERIFY(all);
        QCOMPARE(all->size(), same ? 1 : 2);
        QStringList bodies;
        for (const Message &m : all.value())
            bodies.append(m.body);
        QVERIFY(bodies.contains(first.body));
        QVERIFY(bodies.contains(second.body));
        if (same && !second.stanzaId.isEmpty() && first.stanzaId.isEmpty())
            QCOMPARE(all->first().stanzaId, second.stanzaId); // the copy taught the server's id
    }
};

QTEST_GUILESS_MAIN(TestMessageIdentity)
#include "tst_messageidentity.moc"
