// How fast the history stores a burst and pages it back.
// Prints: messages stored per second for a burst queued in one turn (one
// transaction per batch), time to open a chat's first page, and to page
// through all of it.

#include "historystore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace Jw;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    QTemporaryDir dir;
    HistoryStore store(dir.filePath(QStringLiteral("bench.db")));
    if (auto opened = store.open().result(); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }

    QElapsedTimer timer;
    timer.start();
    QFuture<Expected<HistoryStore::AddResult>> last;
    const QString body = QStringLiteral("안녕하세요, 오프라인 메시지입니다 🦉 ").repeated(3);
    for (int i = 0; i < count; ++i) {
        Message m;
        m.chat = QStringLiteral("jenny@example.org");
        m.messageId = QStringLiteral("m%1").arg(i);
        m.from = m.chat;
        m.to = QStringLiteral("me@example.org");
        m.body = body;
        m.sentAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + i, QTimeZone::UTC);
        m.receivedAt = m.sentAt;
        last = store.addMessage(m);
    }
    if (!last.result()) {
        std::fprintf(stderr, "%s\n", qPrintable(last.result().errorMessage()));
        return 1;
    }
    const double storeMs = double(timer.nsecsElapsed()) / 1e6;

    timer.restart();
    auto first = store.messages(QStringLiteral("jenny@example.org"), std::nullopt, 50).result();
    const double firstPageMs = double(timer.nsecsElapsed()) / 1e6;

    timer.restart();
    int seen = int(first->size());
    auto page = first.value();
    while (!page.isEmpty()) {
        const auto cursor = HistoryStore::Cursor::before(page.first());
        page = store.messages(QStringLiteral("jenny@example.org"), cursor, 50).result().value();
        seen += int(page.size());
    }
    const double allPagesMs = double(timer.nsecsElapsed()) / 1e6;

    timer.restart();
    auto conversations = store.conversations().result();
    const double conversationsMs = double(timer.nsecsElapsed()) / 1e6;

    std::printf("history: stored %d messages in %.1f ms (%.0f messages/s, one burst)\n", count, storeMs,
        count / (storeMs / 1000.0));
    std::printf("history: first page of 50 in %.2f ms; all %d messages paged in %.1f ms\n", firstPageMs, seen,
        allPagesMs);
    std::printf("history: conversation list (%lld) in %.2f ms\n", qlonglong(conversations->size()), conversationsMs);
    return seen == count ? 0 : 1;
}
