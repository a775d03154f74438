// The occupant list of a room (core/occupantsmodel.h) under
// QAbstractItemModelTester, as Rooms hears the room's presences over a
// fake wire; and the nicknames `@` completion offers.
#include "mentions.h"
#include "occupantsmodel.h"
#include "roomprofile.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

class TestOccupants final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    const QString room = u"team@conference.example.org"_s;

private Q_SLOTS:
    void followsTheRoomsPresences()
    {
        Test::RoomProfile profile(m_dir.filePath(u"h.db"_s));
        QVERIFY(profile.ok());
        OccupantsModel model(profile.rooms(), room);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(profile.join(room, u"me"_s));
        profile.wire->occupantPresence(room, u"carol"_s);
        profile.wire->occupantPresence(room, u"Alice"_s, true, u"moderator"_s);
        profile.wire->occupantPresence(room, u"bob"_s);
        QCOMPARE(model.rowCount(), 4);
        QStringList nicks;
        for (int row = 0; row < model.rowCount(); ++row)
            nicks.append(model.index(row).data(OccupantsModel::NickRole).toString());
        QCOMPARE(nicks, (QStringList { u"Alice"_s, u"bob"_s, u"carol"_s, u"me"_s }));
        QCOMPARE(model.index(0).data(OccupantsModel::RoleRole).toString(), u"moderator"_s);
        QCOMPARE(model.index(0).data(OccupantsModel::AffiliationRole).toString(), u"member"_s);

        profile.wire->occupantPresence(room, u"bob"_s, true, u"visitor"_s); // changed, not added
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(model.rowOf(u"bob"_s)).data(OccupantsModel::RoleRole).toString(), u"visitor"_s);
        profile.wire->occupantPresence(room, u"carol"_s, false); // left
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(u"carol"_s), -1);

        // `@` completion: others only, by prefix in any case.
        QCOMPARE(model.nicksStartingWith(u"a"_s), QStringList { u"Alice"_s });
        QCOMPARE(model.nicksStartingWith(u"m"_s), QStringList());
        qsizetype start = 0;
        QCOMPARE(Mentions::typedPrefix(u"hi @al"_s, 6, &start), u"al"_s);
        QCOMPARE(start, 3);
        QCOMPARE(Mentions::typedPrefix(u"mail me@al"_s, 10, &start), QString());
        QCOMPARE(start, -1);

        // Out of the room (the connection went): nobody listed.
        profile.wire->setOnline(false);
        QCOMPARE(model.rowCount(), 0);
    }

    void mentionsAreWholeWords()
    {
        QVERIFY(Mentions::mentions(u"@Ann are you there?"_s, u"ann"_s));
        QVERIFY(Mentions::mentions(u"thanks, ann!"_s, u"Ann"_s));
        QVERIFY(!Mentions::mentions(u"Annette said so"_s, u"Ann"_s));
        QVERIFY(!Mentions::mentions(u"Joann said so"_s, u"Ann"_s));
        const auto found = Mentions::find(u"hi @ann"_s, u"ann"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().first, 3);
        QCOMPARE(found.first().second, 4);
    }
};

QTEST_MAIN(TestOccupants)
#include "tst_occupants.moc"
