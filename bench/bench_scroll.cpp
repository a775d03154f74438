// Scrolling back through a long chat in the real window, offscreen.
// Makes (once) the 100-chat, 100,000-message profile (profilegen.h), opens
// the 50,000-message chat in a MainWindow and presses Page Up in the
// composer until the oldest message is in view. Prints the stall of every
// press that loaded a page against how deep the view is (the curve), the
// median and worst, how many were slow, and the resident memory as it goes.
//
//   bench_scroll [--limit N] [--profile PATH]
//     --limit N   stop once N messages back (the old code is quadratic)
//     --profile   where the generated history is kept between runs

#include "accountfeatures.h"
#include "chatpane.h"
#include "composer.h"
#include "faketransport.h"
#include "historystore.h"
#include "mainwindow.h"
#include "models.h"
#include "profilegen.h"
#include "readpositions.h"
#include "requests.h"
#include "session.h"
#include "chatstates.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QListView>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Jw;

namespace {

double rssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

/// CPU time of the calling (UI) thread: what froze the window, whatever else the machine does.
double threadCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double quantile(QList<double> values, double q)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min(qsizetype(q * double(values.size())), values.size() - 1));
}

QString argument(const QStringList &args, const QString &name, const QString &fallback)
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
}

/// Runs the event loop until the model has no page on the way, then paints.
void settle(QWidget *window, const MessagesModel *model)
{
    while (model->isLoading())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    QCoreApplication::processEvents();
    window->repaint();
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const Bench::ProfileShape shape;
    const int limit = argument(args, QStringLiteral("--limit"), QString::number(shape.withOne)).toInt();
    const QString cached = argument(args, QStringLiteral("--profile"),
        QDir::tempPath() + QStringLiteral("/jabberwock-bench/history-100k.db"));
    if (auto made = Bench::ensureProfile(cached, shape); !made) {
        std::fprintf(stderr, "%s\n", qPrintable(made.errorMessage()));
        return 1;
    }
    // A copy: the run writes read positions and must not change the cached profile.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.db"));
    if (!QFile::copy(cached, path)) {
        std::fprintf(stderr, "cannot copy %s\n", qPrintable(cached));
        return 1;
    }

    HistoryStore store(path);
    if (auto opened = store.open().result(); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    {
        // What start-up reads before the conversation list can be painted.
        QElapsedTimer listTimer;
        listTimer.start();
        const auto list = store.conversations().result();
        std::printf("scroll: conversation list (%lld chats) read in %.1f ms\n",
            list ? qlonglong(list->size()) : -1LL, double(listTimer.nsecsElapsed()) / 1e6);
    }
    Test::FakeTransport transport(Bench::selfJid());
    AccountFeatures features(&store, &transport);
    if (!QTest::qWaitFor([&] {
            return features.readPositions()->isLoaded() && features.chatStates()->isLoaded()
                && features.requests()->isLoaded();
        }, 60000)) {
        std::fprintf(stderr, "the profile did not load\n");
        return 1;
    }
    features.requests()->accept(Bench::bigChat());
    Session session; // never connected
    Ui::MainWindow window(&features, &session);
    window.resize(1000, 720);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    const double rssOpen = rssMiB();

    QElapsedTimer timer;
    timer.start();
    window.openChat(Bench::bigChat());
    Ui::ChatPane *pane = window.chatPane();
    MessagesModel *model = pane->model();
    settle(&window, model);
    const double openMs = double(timer.nsecsElapsed()) / 1e6;

    // BigChat's row ids run 1..withOne in time order (profilegen.h).
    const auto depth = [&] {
        return model->rowCount() == 0 ? 0 : int(shape.withOne - model->messageAt(0).rowId + 1);
    };
    struct Stall
    {
        int depth;
        double ms; ///< from the key press to the page painted (the history answers on its thread meanwhile)
        double uiMs; ///< of that, the UI thread's own work
        double rss;
    };
    QList<Stall> stalls;
    QList<double> repaints;
    int presses = 0;
    const QScrollBar *bar = pane->messageView()->verticalScrollBar();
    const QElapsedTimer total = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    while (depth() < limit) {
        const int rowsBefore = model->rowCount();
        const qint64 topBefore = model->rowCount() ? model->messageAt(0).rowId : 0;
        timer.restart();
        const double cpuBefore = threadCpuMs();
        QTest::keyClick(pane->composer(), Qt::Key_PageUp);
        const bool loaded = model->isLoading();
        settle(&window, model);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        const double uiMs = threadCpuMs() - cpuBefore;
        ++presses;
        const bool moved = model->rowCount() != rowsBefore
            || (model->rowCount() && model->messageAt(0).rowId != topBefore);
        if (loaded)
            stalls.append({ depth(), ms, uiMs, rssMiB() });
        else
            repaints.append(ms);
        if (!loaded && !moved && bar->value() == bar->minimum())
            break; // the oldest message is in view
        if (presses > 20 * shape.withOne)
            break;
    }
    const double totalS = double(total.elapsed()) / 1000.0;

    std::printf("scroll: profile %d chats, %d messages, %d with %s; window 1000x720\n", shape.chats, shape.messages,
        shape.withOne, qPrintable(Bench::bigChat()));
    std::printf("scroll: chat opened (first page shown) in %.1f ms; RSS before %.1f MiB\n", openMs, rssOpen);
    std::printf("scroll: %d presses of Page Up in %.1f s, %lld page loads, reached %d messages back\n", presses,
        totalS, qlonglong(stalls.size()), depth());
    std::printf("scroll: curve (page loads by messages loaded): depth  loads  median ms  worst ms  UI-thread "
                "median/worst ms  RSS MiB\n");
    constexpr int Bucket = 2500;
    for (int from = 0; from < depth(); from += Bucket) {
        QList<double> ms, ui;
        double rss = 0;
        for (const Stall &s : std::as_const(stalls)) {
            if (s.depth > from && s.depth <= from + Bucket) {
                ms.append(s.ms);
                ui.append(s.uiMs);
                rss = s.rss;
            }
        }
        if (!ms.isEmpty())
            std::printf("scroll:   %6d  %5lld  %9.1f  %8.1f  %8.1f / %6.1f  %7.1f\n", from + Bucket,
                qlonglong(ms.size()), quantile(ms, 0.5), *std::max_element(ms.cbegin(), ms.cend()), quantile(ui, 0.5),
                *std::max_element(ui.cbegin(), ui.cend()), rss);
    }
    QList<double> all, allUi;
    for (const Stall &s : std::as_const(stalls)) {
        all.append(s.ms);
        allUi.append(s.uiMs);
    }
    const auto over = [&](double limitMs) {
        return std::count_if(all.cbegin(), all.cend(), [&](double v) { return v > limitMs; });
    };
    std::printf("scroll: page loads: median %.1f ms, 90%% %.1f ms, worst %.1f ms; over 16 ms: %lld, over 50 ms: "
                "%lld, over 250 ms: %lld, over 1 s: %lld\n",
        quantile(all, 0.5), quantile(all, 0.9), all.isEmpty() ? 0.0 : *std::max_element(all.cbegin(), all.cend()),
        qlonglong(over(16)), qlonglong(over(50)), qlonglong(over(250)), qlonglong(over(1000)));
    std::printf("scroll: page loads, UI thread only: median %.1f ms, worst %.1f ms\n", quantile(allUi, 0.5),
        allUi.isEmpty() ? 0.0 : *std::max_element(allUi.cbegin(), allUi.cend()));
    std::printf("scroll: presses without a load: median %.1f ms, worst %.1f ms\n", quantile(repaints, 0.5),
        repaints.isEmpty() ? 0.0 : *std::max_element(repaints.cbegin(), repaints.cend()));
    // Jumps (search results, replies): to a message at any depth, shown and painted.
    std::printf("scroll: jump to a message by id (MessagesModel::loadAround via ChatPane::showMessage):");
    for (const int back : { 10, 1000, 10000, 25000, 40000, shape.withOne }) {
        const qint64 rowId = shape.withOne - back + 1;
        bool arrived = false;
        const auto connection = QObject::connect(model, &MessagesModel::aroundLoaded, model, [&] { arrived = true; });
        timer.restart();
        pane->showMessage(rowId);
        while (!arrived)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        settle(&window, model);
        QObject::disconnect(connection);
        const QModelIndex current = pane->messageView()->currentIndex();
        const bool right = current.isValid() && current.data(MessagesModel::RowIdRole).toLongLong() == rowId;
        std::printf(" %d back %.1f ms%s;", back, double(timer.nsecsElapsed()) / 1e6, right ? "" : " (WRONG ROW)");
    }
    std::printf("\n");
    std::printf("scroll: rows held by the model at the end: %d; RSS at the end %.1f MiB\n", model->rowCount(),
        rssMiB());
    return 0;
}
