// Making rooms (core/roomcreation.h): the address made from a name, the
// configuration form filled for a kind, and Rooms leaving a room being made
// to its maker. tests/integration/tst_roomcreation.cpp makes rooms on Prosody.
#include "fakeroomwire.h"
#include "profilefixture.h"
#include "roomconfig.h"
#include "roomcreation.h"
#include "rooms.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Jw::Test;
using namespace Qt::StringLiterals;

namespace {

using Field = QXmppDataForm::Field;

/// The form Prosody 0.12 offers (muc with muc_mam), in part, with its values.
QXmppDataForm prosodyForm()
{
    QXmppDataForm form(QXmppDataForm::Form);
    form.setFields({
        Field(Field::HiddenField, u"FORM_TYPE"_s, u"http://jabber.org/protocol/muc#roomconfig"_s),
        Field(Field::TextSingleField, u"muc#roomconfig_roomname"_s, QString()),
        Field(Field::TextSingleField, u"muc#roomconfig_roomdesc"_s, QString()),
        Field(Field::BooleanField, u"muc#roomconfig_persistentroom"_s, false),
        Field(Field::BooleanField, u"muc#roomconfig_publicroom"_s, true),
        Field(Field::ListSingleField, u"muc#roomconfig_whois"_s, u"moderators"_s),
        Field(Field::TextPrivateField, u"muc#roomconfig_roomsecret"_s, QString()),
        Field(Field::BooleanField, u"muc#roomconfig_membersonly"_s, false),
        Field(Field::BooleanField, u"muc#roomconfig_changesubject"_s, false),
        Field(Field::BooleanField, u"muc#roomconfig_enablearchiving"_s, false),
        Field(Field::TextSingleField, u"muc#roomconfig_historylength"_s, u"20"_s),
    });
    return form;
}

/// The submitted fields by name (FORM_TYPE included).
QHash<QString, Field> byKey(const QXmppDataForm &form)
{
    QHash<QString, Field> fields;
    for (const Field &f : form.fields())
        fields.insert(f.key(), f);
    return fields;
}

} // namespace

class TestRoomCreation final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void localpartFromAName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("localpart");
        QTest::newRow("korean and english") << u"팀 Team"_s << u"팀-team"_s;
        QTest::newRow("hangul only") << u"우리 팀 회의"_s << u"우리-팀-회의"_s;
        QTest::newRow("case folded") << u"Design Team"_s << u"design-team"_s;
        QTest::newRow("nodeprep's forbidden characters left out")
            << u"a\"b&c'd/e:f<g>h@i"_s << u"abcdefghi"_s;
        QTest::newRow("separators made one dash") << u"  release_2.0 -- plan  "_s << u"release-2-0-plan"_s;
        QTest::newRow("emoji and symbols left out") << u"🎉 Party! ★"_s << u"party"_s;
        QTest::newRow("full-width made plain (NFKC)") << u"ＡＢＣ１２"_s << u"abc12"_s;
        QTest::newRow("nothing left") << u"!!! ???"_s << u"group"_s;
        QTest::newRow("controls left out") << u"a\tb\u0007c"_s << u"a-bc"_s;
    }

    void localpartFromAName()
    {
        QFETCH(QString, name);
        QFETCH(QString, localpart);
        QCOMPARE(RoomNaming::localpart(name), localpart);
    }

    void aLongNameIsCut()
    {
        const QString local = RoomNaming::localpart(QString(200, u'가'));
        QCOMPARE(local.size(), 48);
        QVERIFY(!RoomNaming::localpart(QString(47, u'a') + u" b"_s).endsWith(u'-'));
    }

    void candidatesCountFromTwo()
    {
        QCOMPARE(RoomNaming::candidate(u"팀-team"_s, 0), u"팀-team"_s);
        QCOMPARE(RoomNaming::candidate(u"팀-team"_s, 1), u"팀-team-2"_s);
        QCOMPARE(RoomNaming::candidate(u"팀-team"_s, 2), u"팀-team-3"_s);
    }

    void aPrivateGroupsForm()
    {
        const auto fields = byKey(RoomConfig::submission(prosodyForm(), RoomKind::PrivateGroup, u"팀 Team"_s));
        QCOMPARE(fields.value(u"FORM_TYPE"_s).value().toString(),
            u"http://jabber.org/protocol/muc#roomconfig"_s);
        QCOMPARE(fields.value(u"muc#roomconfig_roomname"_s).value().toString(), u"팀 Team"_s);
        QCOMPARE(fields.value(u"muc#roomconfig_membersonly"_s).value().toBool(), true);
        QCOMPARE(fields.value(u"muc#roomconfig_whois"_s).value().toString(), u"anyone"_s);
        QCOMPARE(fields.value(u"muc#roomconfig_persistentroom"_s).value().toBool(), true);
        QCOMPARE(fields.value(u"muc#roomconfig_publicroom"_s).value().toBool(), false);
        QCOMPARE(fields.value(u"muc#roomconfig_enablearchiving"_s).value().toBool(), true);
        QCOMPARE(fields.value(u"muc#roomconfig_whois"_s).type(), Field::ListSingleField);
        QCOMPARE(fields.value(u"muc#roomconfig_membersonly"_s).type(), Field::BooleanField);
        // What the kind has no say on keeps the server's value: not submitted.
        QCOMPARE(fields.size(), 7);
        for (const QString &kept : { u"muc#roomconfig_roomdesc"_s, u"muc#roomconfig_roomsecret"_s,
                 u"muc#roomconfig_changesubject"_s, u"muc#roomconfig_historylength"_s })
            QVERIFY2(!fields.contains(kept), qPrintable(kept));
    }

    void aPublicChannelsForm()
    {
        const auto fields = byKey(RoomConfig::submission(prosodyForm(), RoomKind::PublicChannel, u"Open"_s));
        QCOMPARE(fields.value(u"muc#roomconfig_roomname"_s).value().toString(), u"Open"_s);
        QCOMPARE(fields.value(u"muc#roomconfig_membersonly"_s).value().toBool(), false);
        QCOMPARE(fields.value(u"muc#roomconfig_whois"_s).value().toString(), u"moderators"_s);
        QCOMPARE(fields.value(u"muc#roomconfig_persistentroom"_s).value().toBool(), true);
        QCOMPARE(fields.value(u"muc#roomconfig_publicroom"_s).value().toBool(), true);
        QCOMPARE(fields.value(u"muc#roomconfig_enablearchiving"_s).value().toBool(), true);
    }

    void onlyFieldsTheFormHasAreSet()
    {
        // ejabberd calls the archive field "mam"; a small service may have no whois or archive at all.
        QXmppDataForm small(QXmppDataForm::Form);
        small.setFields({
            Field(Field::HiddenField, u"FORM_TYPE"_s, u"http://jabber.org/protocol/muc#roomconfig"_s),
            Field(Field::TextSingleField, u"muc#roomconfig_roomname"_s, QString()),
            Field(Field::BooleanField, u"muc#roomconfig_membersonly"_s, false),
            Field(Field::BooleanField, u"mam"_s, false),
        });
        const auto fields = byKey(RoomConfig::submission(small, RoomKind::PrivateGroup, u"작은 방"_s));
        QCOMPARE(fields.size(), 4);
        QCOMPARE(fields.value(u"mam"_s).value().toBool(), true);
        QCOMPARE(fields.value(u"muc#roomconfig_membersonly"_s).value().toBool(), true);
        QVERIFY(!fields.contains(u"muc#roomconfig_whois"_s));
        QVERIFY(!fields.contains(u"muc#roomconfig_publicroom"_s));
        QVERIFY(!fields.contains(u"muc#roomconfig_persistentroom"_s));
        // An empty form: only FORM_TYPE goes back.
        QCOMPARE(RoomConfig::submission(QXmppDataForm(QXmppDataForm::Form), RoomKind::PublicChannel, u"x"_s)
                     .fields()
                     .size(),
            1);
    }

    /// A room the person is making is left to its maker: no default configuration.
    void aRoomBeingMadeIsNotOpenedAsItIs()
    {
        QVERIFY(m_dir.isValid());
        ProfileFixture profile(m_dir.filePath(u"made.db"_s));
        QVERIFY(profile.ok());
        auto owned = std::make_unique<FakeRoomWire>();
        FakeRoomWire *wire = owned.get();
        Rooms rooms(&profile.store, std::move(owned));
        QVERIFY(QTest::qWaitFor([&] { return rooms.isLoaded(); }));
        wire->setOnline(true);
        QSignalSpy made(&rooms, &Rooms::made);
        QSignalSpy joined(&rooms, &Rooms::joined);

        const QString mine = u"팀-team@conference.example.org"_s;
        rooms.expectCreation(mine);
        rooms.join(mine, u"Alice"_s);
        QTRY_COMPARE(wire->featureRequests.size(), 1);
        Q_EMIT wire->features(mine, {}, JoinError::RoomNotFound);
        QTRY_COMPARE(wire->joins.size(), 1);
        wire->selfPresence(mine, u"Alice"_s, { 201 });
        QCOMPARE(made.size(), 1);
        QCOMPARE(made.first().at(0).toString(), mine);
        QCOMPARE(joined.size(), 1);
        QVERIFY(wire->configured.isEmpty());

        // A room made by a plain join (not asked to be made) opens as it is.
        const QString other = u"other@conference.example.org"_s;
        rooms.join(other, u"Alice"_s);
        QTRY_COMPARE(wire->featureRequests.size(), 2);
        Q_EMIT wire->features(other, {}, JoinError::RoomNotFound);
        QTRY_COMPARE(wire->joins.size(), 2);
        wire->selfPresence(other, u"Alice"_s, { 201 });
        QCOMPARE(made.size(), 1);
        QCOMPARE(wire->configured, QStringList { other });
        profile.store.flush();
    }
};

QTEST_GUILESS_MAIN(TestRoomCreation)
#include "tst_roomcreation.moc"
