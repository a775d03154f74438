// When the freed heap is given back (app/memorytrim.h): only after the
// history has gone quiet, and only once nobody has used the window for the
// quiet period; input meanwhile puts it off.

#include "memorytrim.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

using namespace Jw::App;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

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
        const QString error = waitsWhile([](QLineEdit &e, int) { QTest::keyClick(&e, Qt::Key_A); });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(m_edit->text().size(), InputSteps);
    }

    void waitsWhileThePointerMovesOrClicks()
    {
        const QString error = waitsWhile([](QLineEdit &e, int step) {
            if (step % 2)
                QTest::mouseMove(&e, QPoint(5 + step % 20, 5));
            else
                QTest::mouseClick(&e, Qt::LeftButton, {}, QPoint(5, 5));
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

private:
    static constexpr int InputSteps = 90;

    /// Input for three quiet periods (`act`, every 50 ms) puts the trim off
    /// throughout; left alone afterwards, it trims. Empty, or what went wrong.
    QString waitsWhile(const std::function<void(QLineEdit &, int)> &act)
    {
        m_edit = std::make_unique<QLineEdit>();
        m_edit->show();
        if (!QTest::qWaitForWindowExposed(m_edit.get()))
            return u"the window was not shown"_s;
        MemoryTrim trim;
        trim.setQuietPeriod(1500ms);
        QSignalSpy trimmed(&trim, &MemoryTrim::trimmed);
        trim.historyQuiet();
        for (int step = 0; step < InputSteps; ++step) {
            act(*m_edit, step);
            QTest::qWait(50);
            if (!trimmed.isEmpty())
                return u"trimmed while in use, at step %1"_s.arg(step);
        }
        if (!trim.isPending())
            return u"no longer waiting to trim"_s;
        if (!trimmed.wait(10000))
            return u"not trimmed once left alone"_s;
        return {};
    }

    std::unique_ptr<QLineEdit> m_edit;
};

QTEST_MAIN(TestMemoryTrim)
#include "tst_memorytrim.moc"
