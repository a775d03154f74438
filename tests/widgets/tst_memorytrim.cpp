// When the freed heap is given back (app/memorytrim.h): only after the
// history has gone quiet, and only once nobody has used the window for the
// quiet period; input meanwhile puts it off.

#include "memorytrim.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace Jw::App;
using namespace std::chrono_literals;

class TestMemoryTrim final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void trimsAfterTheHistoryGoesQuiet()
    {
        MemoryTrim trim;
        trim.setQuietPeriod(100ms);
        QSignalSpy trimmed(&trim, &MemoryTrim::trimmed);
        // Nothing happened in the history: nothing to give back.
        QVERIFY(!trimmed.wait(400));
        QVERIFY(!trim.isPending());
        trim.historyQuiet();
        QVERIFY(trim.isPending());
        QVERIFY(trimmed.wait(5000));
        QCOMPARE(trimmed.size(), 1);
        QVERIFY(!trim.isPending());
        // Once per quiet moment, not again while idle.
        QVERIFY(!trimmed.wait(400));
    }

    void waitsWhileSomeoneTypes()
    {
        QLineEdit edit;
        edit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&edit));
        MemoryTrim trim;
        trim.setQuietPeriod(1500ms);
        QSignalSpy trimmed(&trim, &MemoryTrim::trimmed);
        trim.historyQuiet();
        // Typing for three quiet periods: no trim meanwhile.
        for (int i = 0; i < 90; ++i) {
            QTest::keyClick(&edit, Qt::Key_A);
            QTest::qWait(50);
            QCOMPARE(trimmed.size(), 0);
        }
        QVERIFY(trim.isPending());
        QCOMPARE(edit.text().size(), 90);
        // Then left alone: trimmed.
        QVERIFY(trimmed.wait(10000));
    }

    void waitsWhileThePointerMovesOrClicks()
    {
        QLineEdit edit;
        edit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&edit));
        MemoryTrim trim;
        trim.setQuietPeriod(1500ms);
        QSignalSpy trimmed(&trim, &MemoryTrim::trimmed);
        trim.historyQuiet();
        for (int i = 0; i < 90; ++i) {
            if (i % 2)
                QTest::mouseMove(&edit, QPoint(5 + i % 20, 5));
            else
                QTest::mouseClick(&edit, Qt::LeftButton, {}, QPoint(5, 5));
            QTest::qWait(50);
            QCOMPARE(trimmed.size(), 0);
        }
        QVERIFY(trimmed.wait(10000));
    }
};

QTEST_MAIN(TestMemoryTrim)
#include "tst_memorytrim.moc"
