#include "profilegen.h"

#include "historystore.h"
#include "migrations.h"
#include "readstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTimeZone>

#include <cstdio>

namespace Jw::Bench {
namespace {

const QStringList &sentences()
{
    static const QStringList list = {
        QStringLiteral("ok"),
        QStringLiteral("Sounds good, see you then!"),
        QStringLiteral("Did you see the message from the landlord about the heating?"),
        QStringLiteral("I'm on the train, will be there in about twenty minutes."),
        QStringLiteral("haha yes"),
        QStringLiteral("Can you bring the charger? Mine died again and the shop is closed."),
        QStringLiteral("내일 저녁에 시간 있어요? 같이 밥 먹어요 🍜"),
        QStringLiteral("Thanks!"),
        QStringLiteral("The meeting moved to Thursday at 10, same room as last time. Bring the printouts if "
                       "you still have them, otherwise I can print new ones in the morning."),
        QStringLiteral("🦉"),
        QStringLiteral("Here is the list:\n- milk\n- bread\n- apples\n- coffee (the good one)"),
        QStringLiteral("Wait what"),
    };
    return list;
}

/// Stores `count` messages of one chat between `from` and `to` (ms since the
/// epoch): talks in bursts of a few minutes, hours or days apart.
Expected<int> fillChat(HistoryStore &store, const QString &chat, int count, qint64 from, qint64 to,
    QRandomGenerator &random, int &idCounter)
{
    constexpr double BurstEnd = 0.15; // chance that a message ends a burst
    const double meanGap = double(to - from) / std::max(1, count);
    const double meanPause = meanGap / BurstEnd;
    qint64 at = from;
    bool theirs = true;
    QFuture<Expected<HistoryStore::AddResult>> last;
    qint64 newestIncoming = 0;
    QString newestIncomingId;
    for (int i = 0; i < count; ++i) {
        Message m;
        m.chat = chat;
        m.messageId = QStringLiteral("bench-%1").arg(++idCounter);
        if (random.bounded(10) < 3)
            theirs = !theirs;
        m.direction = theirs ? Direction::Incoming : Direction::Outgoing;
        m.from = theirs ? QString(chat + QStringLiteral("/phone")) : QString(selfJid() + QStringLiteral("/desktop"));
        m.to = theirs ? selfJid() : chat;
        m.body = sentences().at(int(random.bounded(qsizetype(sentences().size()))));
        m.state = theirs ? DeliveryState::Received : DeliveryState::Delivered;
        m.sentAt = QDateTime::fromMSecsSinceEpoch(at, QTimeZone::UTC);
        m.receivedAt = m.sentAt;
        last = store.addMessage(m);
        if (i % 2000 == 1999 || i == count - 1) {
            // A batch per turn: one transaction, and the queue stays small.
            const auto stored = last.result();
            if (!stored)
                return stored.error();
        }
        if (random.generateDouble() < BurstEnd)
            at += qint64(meanPause * (0.2 + 1.6 * random.generateDouble()));
        else
            at += 5000 + qint64(random.bounded(170000));
        at = std::min(at, to);
    }
    // Read up to the newest message, as after a normal day.
    const auto newest = store.messages(chat, std::nullopt, 1).result();
    if (!newest)
        return newest.error();
    ChatReadState read;
    if (!newest->isEmpty()) {
        read.lastRead = newest->constLast().rowId;
        if (newest->constLast().isIncoming()) {
            newestIncoming = read.lastRead;
            newestIncomingId = newest->constLast().messageId;
        }
    }
    read.newestIncoming = newestIncoming;
    read.newestIncomingId = newestIncomingId;
    const auto saved = ReadStore::save(store, chat, read).result();
    if (!saved)
        return saved.error();
    return count;
}

} // namespace

QString bigChat()
{
    return QStringLiteral("jenny@example.org");
}

QString selfJid()
{
    return QStringLiteral("me@example.org");
}

Expected<int> fillProfile(HistoryStore &store, const ProfileShape &shape)
{
    QRandomGenerator random(19);
    const qint64 now = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
    const qint64 start = now - qint64(shape.years) * 365 * 24 * 3600 * 1000;
    int idCounter = 0;
    int stored = 0;
    auto big = fillChat(store, bigChat(), shape.withOne, start, now, random, idCounter);
    if (!big)
        return big.error();
    stored += big.value();
    const int others = std::max(1, shape.chats - 1);
    const int rest = shape.messages - shape.withOne;
    for (int c = 0; c < others; ++c) {
        const int count = rest / others + (c < rest % others ? 1 : 0);
        const QString chat = QStringLiteral("friend%1@example.org").arg(c, 2, 10, QLatin1Char('0'));
        // Older and newer conversations: each one ends at another time.
        const qint64 end = now - qint64(random.bounded(24 * 90)) * 3600 * 1000;
        auto filled = fillChat(store, chat, count, start, end, random, idCounter);
        if (!filled)
            return filled.error();
        stored += filled.value();
    }
    return stored;
}

Expected<Done> ensureProfile(const QString &path, const ProfileShape &shape)
{
    // The schema is in it: a profile kept from an older one would be migrated
    // at every start it is copied for, and the start measured with it.
    const QString signature = QStringLiteral("%1 %2 %3 %4 v1 schema %5")
                                  .arg(shape.chats)
                                  .arg(shape.messages)
                                  .arg(shape.withOne)
                                  .arg(shape.years)
                                  .arg(Schema::LatestVersion);
    QFile done(path + QStringLiteral(".done"));
    if (done.open(QIODevice::ReadOnly) && QString::fromUtf8(done.readAll()) == signature && QFile::exists(path))
        return Done {};
    done.close();
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    QDir().mkpath(QFileInfo(path).absolutePath());
    std::printf("profile: making %d chats, %d messages (%d with %s) in %s\n", shape.chats, shape.messages,
        shape.withOne, qPrintable(bigChat()), qPrintable(path));
    std::fflush(stdout);
    QElapsedTimer timer;
    timer.start();
    {
        HistoryStore store(path);
        if (auto opened = store.open().result(); !opened)
            return opened.error();
        auto filled = fillProfile(store, shape);
        if (!filled)
            return filled.error();
        store.flush();
    }
    std::printf("profile: made in %.1f s\n", double(timer.elapsed()) / 1000.0);
    if (!done.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error { QStringLiteral("cannot write %1").arg(done.fileName()) };
    done.write(signature.toUtf8());
    return Done {};
}

} // namespace Jw::Bench
