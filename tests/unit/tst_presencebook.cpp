// The best presence over a contact's resources, kept one resource at a time.
#include "presencebook.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

class TestPresenceBook final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bestOverResources()
    {
        PresenceBook book;
        const QString bob = u"bob@example.org"_s;
        QCOMPARE(book.best(bob).status, PresenceStatus::Offline);
        book.set(bob, u"phone"_s, PresenceStatus::Away, u"out"_s);
        QCOMPARE(book.best(bob).status, PresenceStatus::Away);
        book.set(bob, u"desk"_s, PresenceStatus::Available, u"here"_s);
        QCOMPARE(book.best(bob).status, PresenceStatus::Available);
        QCOMPARE(book.best(bob).statusText, u"here"_s);
        book.set(bob, u"laptop"_s, PresenceStatus::DoNotDisturb, u"busy"_s);
        QCOMPARE(book.best(bob).statusText, u"here"_s);
        // The shown one falls: the next best shows.
        book.set(bob, u"desk"_s, PresenceStatus::Away, u"later"_s);
        QCOMPARE(book.best(bob).status, PresenceStatus::DoNotDisturb);
        QCOMPARE(book.best(bob).statusText, u"busy"_s);
        book.set(bob, u"laptop"_s, PresenceStatus::Offline, {});
        QCOMPARE(book.best(bob).status, PresenceStatus::Away);
        book.set(bob, u"desk"_s, PresenceStatus::Offline, {});
        book.set(bob, u"phone"_s, PresenceStatus::Offline, {});
        QCOMPARE(book.best(bob).status, PresenceStatus::Offline);
        // An unknown resource going away changes nothing.
        book.set(bob, u"ghost"_s, PresenceStatus::Offline, {});
        QCOMPARE(book.best(bob).status, PresenceStatus::Offline);
    }

    void manyResourcesCostLinearTime()
    {
        // Issue 12: 50,000 resources of one contact, asked after each one.
        PresenceBook book;
        const QString bob = u"bob@example.org"_s;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 50'000; ++i) {
            book.set(bob, u"r%1"_s.arg(i), i % 2 ? PresenceStatus::Available : PresenceStatus::Away, {});
            QVERIFY(book.best(bob).status != PresenceStatus::Offline);
        }
        for (int i = 0; i < 50'000; ++i) {
            book.set(bob, u"r%1"_s.arg(i), PresenceStatus::Offline, {});
            (void)book.best(bob);
        }
        QCOMPARE(book.best(bob).status, PresenceStatus::Offline);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestPresenceBook)
#include "tst_presencebook.moc"
