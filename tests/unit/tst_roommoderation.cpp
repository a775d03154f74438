// RoomModeration (core/roommoderation.h): who may do what (XEP-0045's role
// and affiliation tables), what goes to the wire, and the sentence for each
// answer; the stanzas QXmppRoomWire writes for it. tests/integration/
// tst_roommoderation.cpp runs it against Prosody and ejabberd.
#include "fakeroomwire.h"
#include "profilefixture.h"
#include "qxmpproomwire.h"
#include "rawiq.h"
#include "roommoderation.h"
#include "rooms.h"

#include <QDomDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamWriter>

using namespace Jw;
using namespace Jw::Test;
using namespace Qt::StringLiterals;
using Action = RoomRules::Action;

namespace {

const QString Room = u"team@conference.example.org"_s;

Occupant occupant(const QString &nick, const QString &role, const QString &affiliation)
{
    Occupant o;
    o.nick = nick;
    o.role = role;
    o.affiliation = affiliation;
    return o;
}

/// What QXmppRoomWire writes for `element` (as RawIq and its raw stanzas write).
QString written(const QDomElement &element, const QString &parentNamespace = {})
{
    QString out;
    QXmlStreamWriter writer(&out);
    writeElement(&writer, element, parentNamespace);
    return out;
}

QDomElement parse(const QString &xml)
{
    static QDomDocument doc; // the elements must outlive this call
    doc.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing);
    return doc.documentElement();
}

/// An element as text with its attributes sorted (DOM keeps them in no order).
QString canonical(const QDomElement &e)
{
    QStringList attributes;
    const QDomNamedNodeMap map = e.attributes();
    for (int i = 0; i < map.count(); ++i)
        attributes.append(map.item(i).nodeName() + u"='"_s + map.item(i).nodeValue() + u'\'');
    attributes.sort();
    QString out = u'<' + e.namespaceURI() + u' ' + e.localName() + u' ' + attributes.join(u' ') + u'>';
    for (QDomNode n = e.firstChild(); !n.isNull(); n = n.nextSibling())
        out += n.isElement() ? canonical(n.toElement()) : n.nodeValue();
    return out + u"</>"_s;
}

/// Whether two serialisations are the same XML, attribute order aside.
bool sameXml(const QString &actual, const QString &expected)
{
    QDomDocument a, b;
    if (!a.setContent(actual, QDomDocument::ParseOption::UseNamespaceProcessing)
        || !b.setContent(expected, QDomDocument::ParseOption::UseNamespaceProcessing))
        return false;
    const bool same = canonical(a.documentElement()) == canonical(b.documentElement());
    if (!same)
        qWarning("%s\n!=\n%s", qPrintable(actual), qPrintable(expected));
    return same;
}

} // namespace

class TestRoomModeration final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    /// A profile whose rooms run over a fake wire, joined to Room as Alice
    /// with `role` and `affiliation`; Bob (participant, member, bob@example.org)
    /// and Carol (participant, none, address hidden) are in.
    struct Setup
    {
        explicit Setup(const QString &path)
            : profile(path, u"alice@example.org"_s, makeWire())
        {
        }
        std::unique_ptr<RoomWire> makeWire()
        {
            auto owned = std::make_unique<FakeRoomWire>(u"alice@example.org"_s);
            wire = owned.get();
            return owned;
        }
        Rooms *rooms() const { return profile.features->rooms(); }
        RoomModeration *moderation() const { return profile.features->roomModeration(); }
        bool joinAs(const QString &role, const QString &affiliation)
        {
            if (!profile.ok() || !QTest::qWaitFor([this] { return rooms()->isLoaded(); }))
                return false;
            wire->setOnline(true);
            rooms()->join(Room, u"Alice"_s);
            if (!QTest::qWaitFor([&] { return !wire->featureRequests.isEmpty(); }))
                return false;
            Q_EMIT wire->features(Room, {}, std::nullopt);
            if (!QTest::qWaitFor([&] { return !wire->joins.isEmpty(); }))
                return false;
            wire->occupantPresence(Room, u"Bob"_s, true, u"participant"_s, {}, u"member"_s, u"bob@example.org/desk"_s);
            wire->occupantPresence(Room, u"Carol"_s, true, u"participant"_s, {}, u"none"_s);
            wire->selfPresence(Room, u"Alice"_s, {}, {}, true, role, affiliation);
            return rooms()->state(Room) == Rooms::State::Joined;
        }
        /// The room answers the last request.
        void answer(const QString &condition = {}, const QString &text = {})
        {
            const FakeRoomWire::Request &r = wire->requests.last();
            Q_EMIT wire->requestAnswered(r.room, r.id, condition, text);
        }

        FakeRoomWire *wire = nullptr;
        ProfileFixture profile;
    };

    QString nextPath() { return m_dir.filePath(u"h%1.db"_s.arg(++m_n)); }

private Q_SLOTS:
    // XEP-0045 §5.1 (roles), §5.2 (affiliations), §8.2, §9.1, §9.3, §9.4.
    void rules_data()
    {
        QTest::addColumn<Action>("action");
        QTest::addColumn<QString>("ourRole");
        QTest::addColumn<QString>("ourAffiliation");
        QTest::addColumn<QString>("theirRole");
        QTest::addColumn<QString>("theirAffiliation");
        QTest::addColumn<bool>("allowed");

        const QString mod = u"moderator"_s, part = u"participant"_s, vis = u"visitor"_s;
        const QString owner = u"owner"_s, admin = u"admin"_s, member = u"member"_s, none = u"none"_s;
        QTest::newRow("moderator kicks a participant") << Action::Kick << mod << none << part << none << true;
        QTest::newRow("moderator kicks a visitor") << Action::Kick << mod << member << vis << none << true;
        QTest::newRow("participant cannot kick") << Action::Kick << part << member << part << none << false;
        QTest::newRow("member cannot kick even as owner's peer") << Action::Kick << part << member << vis << none << false;
        QTest::newRow("moderator cannot kick an admin") << Action::Kick << mod << owner << mod << admin << false;
        QTest::newRow("moderator cannot kick an owner") << Action::Kick << mod << owner << mod << owner << false;
        QTest::newRow("owner kicks a moderator member") << Action::Kick << mod << owner << mod << member << true;
        QTest::newRow("moderator cannot kick an equal moderator") << Action::Kick << mod << member << mod << member << false;
        QTest::newRow("owner bans a member") << Action::Ban << mod << owner << part << member << true;
        QTest::newRow("owner bans an admin") << Action::Ban << mod << owner << mod << admin << true;
        QTest::newRow("owner cannot ban an owner") << Action::Ban << mod << owner << mod << owner << false;
        QTest::newRow("admin bans someone without affiliation") << Action::Ban << mod << admin << part << none << true;
        QTest::newRow("admin cannot ban an admin") << Action::Ban << mod << admin << mod << admin << false;
        QTest::newRow("moderator without affiliation cannot ban") << Action::Ban << mod << none << part << none << false;
        QTest::newRow("member cannot ban") << Action::Ban << part << member << part << none << false;
        QTest::newRow("admin makes a member") << Action::GrantMembership << mod << admin << part << none << true;
        QTest::newRow("owner makes a member") << Action::GrantMembership << mod << owner << vis << none << true;
        QTest::newRow("not twice") << Action::GrantMembership << mod << owner << part << member << false;
        QTest::newRow("not an admin demoted") << Action::GrantMembership << mod << owner << mod << admin << false;
        QTest::newRow("member cannot make members") << Action::GrantMembership << part << member << part << none << false;
        QTest::newRow("admin removes a member") << Action::RevokeMembership << mod << admin << part << member << true;
        QTest::newRow("only from a member") << Action::RevokeMembership << mod << owner << part << none << false;
        QTest::newRow("moderator cannot remove members") << Action::RevokeMembership << mod << none << part << member << false;
        QTest::newRow("we are out") << Action::Kick << none << owner << part << none << false;
    }

    void rules()
    {
        QFETCH(Action, action);
        QFETCH(QString, ourRole);
        QFETCH(QString, ourAffiliation);
        QFETCH(QString, theirRole);
        QFETCH(QString, theirAffiliation);
        QFETCH(bool, allowed);
        const Occupant self = occupant(u"Alice"_s, ourRole, ourAffiliation);
        QCOMPARE(RoomRules::allows(action, self, occupant(u"Bob"_s, theirRole, theirAffiliation)), allowed);
        // Never to oneself.
        QVERIFY(!RoomRules::allows(action, self, occupant(u"Alice"_s, theirRole, theirAffiliation)));
    }

    void subjectAndDestructionRules_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("affiliation");
        QTest::addColumn<bool>("occupantsMayChange");
        QTest::addColumn<bool>("subject");
        QTest::addColumn<bool>("destroy");
        QTest::addColumn<bool>("grantByAddress");
        QTest::newRow("owner") << u"moderator"_s << u"owner"_s << false << true << true << true;
        QTest::newRow("admin") << u"moderator"_s << u"admin"_s << false << true << false << true;
        QTest::newRow("moderator") << u"moderator"_s << u"none"_s << false << true << false << false;
        QTest::newRow("participant, room says no") << u"participant"_s << u"member"_s << false << false << false
                                                   << false;
        QTest::newRow("participant, room lets them") << u"participant"_s << u"none"_s << true << true << false
                                                     << false;
        QTest::newRow("visitor, room lets participants") << u"visitor"_s << u"none"_s << true << false << false
                                                         << false;
    }

    void subjectAndDestructionRules()
    {
        QFETCH(QString, role);
        QFETCH(QString, affiliation);
        QFETCH(bool, occupantsMayChange);
        const Occupant self = occupant(u"Alice"_s, role, affiliation);
        QTEST(RoomRules::allowsSubject(self, occupantsMayChange), "subject");
        QTEST(RoomRules::allowsDestroy(self), "destroy");
        QTEST(RoomRules::allowsGrantByAddress(self), "grantByAddress");
    }

    // The stanzas (XEP-0045 §8.1, §8.2, §9.1, §10.9) as they go out.
    void stanzas()
    {
        QDomDocument doc;
        QVERIFY(sameXml(written(RoomStanzas::adminQuery(doc, { u"Carol"_s, {}, u"none"_s, {}, u"Spam"_s })),
            u"<query xmlns=\"http://jabber.org/protocol/muc#admin\"><item nick=\"Carol\" role=\"none\">"
            "<reason>Spam</reason></item></query>"_s));
        QVERIFY(sameXml(written(RoomStanzas::adminQuery(doc, { {}, u"bob@example.org"_s, {}, u"outcast"_s, {} })),
            u"<query xmlns=\"http://jabber.org/protocol/muc#admin\"><item jid=\"bob@example.org\" "
            "affiliation=\"outcast\"/></query>"_s));
        QVERIFY(sameXml(written(RoomStanzas::destroyQuery(doc, u"모임 끝"_s)),
            u"<query xmlns=\"http://jabber.org/protocol/muc#owner\"><destroy><reason>모임 끝</reason></destroy>"
            "</query>"_s));
        QVERIFY(sameXml(written(RoomStanzas::destroyQuery(doc, {})),
            u"<query xmlns=\"http://jabber.org/protocol/muc#owner\"><destroy/></query>"_s));
        QVERIFY(sameXml(written(RoomStanzas::subjectMessage(doc, Room, u"s1"_s, u"3시 회의 <안건>"_s), u"jabber:client"_s),
            u"<message to=\"team@conference.example.org\" type=\"groupchat\" id=\"s1\">"
            "<subject>3시 회의 &lt;안건&gt;</subject></message>"_s));
        // In the stream's own namespace (jabber:client): nothing declared again.
        QVERIFY(!written(RoomStanzas::subjectMessage(doc, Room, u"s1"_s, u"x"_s), u"jabber:client"_s)
                     .contains(u"xmlns"_s));
        // An empty subject clears it: the element is still there.
        QVERIFY(sameXml(written(RoomStanzas::subjectMessage(doc, Room, u"s2"_s, {}), u"jabber:client"_s),
            u"<message to=\"team@conference.example.org\" type=\"groupchat\" id=\"s2\"><subject/></message>"_s));
    }

    void subjectRuleFromDisco_data()
    {
        QTest::addColumn<QString>("fields");
        QTest::addColumn<int>("rule"); // -1: not said
        const QString formType = u"<field var='FORM_TYPE' type='hidden'>"
                                 "<value>http://jabber.org/protocol/muc#roominfo</value></field>"_s;
        QTest::newRow("XEP-0045 yes") << formType + u"<field var='muc#roominfo_subjectmod'><value>1</value></field>"_s
                                      << 1;
        QTest::newRow("XEP-0045 no") << formType + u"<field var='muc#roominfo_subjectmod'><value>0</value></field>"_s
                                     << 0;
        QTest::newRow("Prosody yes")
            << formType + u"<field var='muc#roomconfig_changesubject' type='boolean'><value>true</value></field>"_s
            << 1;
        QTest::newRow("Prosody, not set") << formType + u"<field var='muc#roomconfig_changesubject'/>"_s << 0;
        QTest::newRow("not said") << formType << -1;
    }

    void subjectRuleFromDisco()
    {
        QFETCH(QString, fields);
        QFETCH(int, rule);
        const QDomElement iq = parse(u"<iq xmlns='jabber:client' type='result' from='team@conference.example.org'>"
                                     "<query xmlns='http://jabber.org/protocol/disco#info'>"
                                     "<identity category='conference' type='text'/>"
                                     "<x xmlns='jabber:x:data' type='result'>%1</x></query></iq>"_s.arg(fields));
        const auto said = RoomStanzas::occupantsMayChangeSubject(iq);
        QCOMPARE(said.has_value(), rule >= 0);
        if (said)
            QCOMPARE(int(*said), rule);
    }

    void anOwnerMayDoEverythingAndTheRequestsGoOut()
    {
        Setup s(nextPath());
        QVERIFY(s.joinAs(u"moderator"_s, u"owner"_s));
        RoomModeration *m = s.moderation();
        QVERIFY(m->may(Room, Action::Kick, u"Bob"_s));
        QVERIFY(m->may(Room, Action::Ban, u"Carol"_s));
        QVERIFY(m->may(Room, Action::GrantMembership, u"Carol"_s));
        QVERIFY(!m->may(Room, Action::GrantMembership, u"Bob"_s)); // already one
        QVERIFY(m->may(Room, Action::RevokeMembership, u"Bob"_s));
        QVERIFY(!m->may(Room, Action::Kick, u"Alice"_s));
        QVERIFY(!m->may(Room, Action::Kick, u"Nobody"_s));
        QVERIFY(m->mayChangeSubject(Room));
        QVERIFY(m->mayDestroy(Room));
        QVERIFY(m->mayGrantByAddress(Room));

        QSignalSpy done(m, &RoomModeration::done);
        m->kick(Room, u"Carol"_s, u"Spam"_s);
        QCOMPARE(s.wire->requests.size(), 1);
        FakeRoomWire::Request r = s.wire->requests.last();
        QCOMPARE(r.kind, u"admin"_s);
        QCOMPARE(r.item.nick, u"Carol"_s);
        QCOMPARE(r.item.role, u"none"_s);
        QCOMPARE(r.item.reason, u"Spam"_s);
        QVERIFY(r.item.affiliation.isEmpty());
        s.answer();
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.last().at(1).value<Action>(), Action::Kick);
        QCOMPARE(done.last().at(2).toString(), u"Carol"_s);

        // A ban names the address where the room shows it (bare), else the nickname.
        m->ban(Room, u"Bob"_s);
        r = s.wire->requests.last();
        QCOMPARE(r.item.jid, u"bob@example.org"_s);
        QVERIFY(r.item.nick.isEmpty());
        QCOMPARE(r.item.affiliation, u"outcast"_s);
        m->ban(Room, u"Carol"_s);
        QCOMPARE(s.wire->requests.last().item.nick, u"Carol"_s);
        QVERIFY(s.wire->requests.last().item.jid.isEmpty());

        m->grantMembership(Room, u"Carol"_s);
        QCOMPARE(s.wire->requests.last().item.affiliation, u"member"_s);
        m->grantMembershipTo(Room, u"dave@example.org"_s);
        QCOMPARE(s.wire->requests.last().item.jid, u"dave@example.org"_s);
        QCOMPARE(s.wire->requests.last().item.affiliation, u"member"_s);
        m->revokeMembership(Room, u"Bob"_s);
        QCOMPARE(s.wire->requests.last().item.affiliation, u"none"_s);
        QCOMPARE(s.wire->requests.last().item.jid, u"bob@example.org"_s);

        m->changeSubject(Room, u"3시 회의"_s);
        QCOMPARE(s.wire->requests.last().kind, u"subject"_s);
        QCOMPARE(s.wire->requests.last().text, u"3시 회의"_s);
        m->destroy(Room, u"끝"_s);
        QCOMPARE(s.wire->requests.last().kind, u"destroy"_s);
        QCOMPARE(s.wire->requests.last().text, u"끝"_s);
        s.answer();
        QCOMPARE(done.last().at(1).value<Action>(), Action::Destroy);
    }

    void aRefusalIsASentenceNeverSilence_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("forbidden") << u"forbidden"_s << QString()
                                   << u"Bob could not be removed from %1. Your role in the room does not allow it."_s;
        QTest::newRow("not-allowed") << u"not-allowed"_s << QString()
                                     << u"Bob could not be removed from %1. The room does not allow it."_s;
        QTest::newRow("item-not-found") << u"item-not-found"_s << QString()
                                        << u"Bob could not be removed from %1. They are no longer in the room."_s;
        QTest::newRow("other, with text") << u"undefined-condition"_s << u"Busy"_s
                                          << u"Bob could not be removed from %1. It said: “Busy”"_s;
    }

    void aRefusalIsASentenceNeverSilence()
    {
        QFETCH(QString, condition);
        QFETCH(QString, text);
        QFETCH(QString, sentence);
        Setup s(nextPath());
        QVERIFY(s.joinAs(u"participant"_s, u"member"_s));
        RoomModeration *m = s.moderation();
        QVERIFY(!m->may(Room, Action::Kick, u"Bob"_s));
        QVERIFY(!m->mayDestroy(Room));
        QVERIFY(!m->mayChangeSubject(Room));
        // The rules only decide what is offered; the room has the last word.
        QSignalSpy failed(m, &RoomModeration::failed);
        m->kick(Room, u"Bob"_s);
        s.answer(condition, text);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.last().at(3).toString(), sentence.arg(Room));
    }

    void noAnswerOfflineAndOutAreSaid()
    {
        Setup s(nextPath());
        QVERIFY(s.joinAs(u"moderator"_s, u"owner"_s));
        RoomModeration *m = s.moderation();
        m->setAnswerTimeout(100);
        QSignalSpy failed(m, &RoomModeration::failed);
        m->changeSubject(Room, u"x"_s);
        QVERIFY(failed.wait());
        QCOMPARE(failed.last().at(3).toString(),
            u"The subject of %1 could not be changed. The room did not answer. Try again later."_s.arg(Room));
        // A late answer changes nothing.
        s.answer();
        QCOMPARE(failed.size(), 1);

        s.wire->setOnline(false);
        m->destroy(Room);
        QVERIFY(failed.wait());
        QCOMPARE(failed.last().at(3).toString(),
            u"%1 could not be closed. You are offline. Try again once connected."_s.arg(Room));
        QVERIFY(!m->mayDestroy(Room)); // out: nothing offered
        QVERIFY(s.wire->requests.size() == 1);
    }

    void theSubjectRuleAndOurRoleDecideTheSubject()
    {
        Setup s(nextPath());
        QVERIFY(s.joinAs(u"participant"_s, u"none"_s));
        RoomModeration *m = s.moderation();
        QSignalSpy changed(m, &RoomModeration::permissionsChanged);
        QVERIFY(!m->mayChangeSubject(Room));
        Q_EMIT s.wire->subjectRule(Room, true);
        QCOMPARE(changed.size(), 1);
        QVERIFY(m->mayChangeSubject(Room));
        // Made a visitor: no longer.
        s.wire->selfPresence(Room, u"Alice"_s, {}, {}, true, u"visitor"_s, u"none"_s);
        QVERIFY(changed.size() >= 2);
        QVERIFY(!m->mayChangeSubject(Room));
        // Made an owner: everything.
        s.wire->selfPresence(Room, u"Alice"_s, {}, {}, true, u"moderator"_s, u"owner"_s);
        QVERIFY(m->mayDestroy(Room));
        QVERIFY(m->may(Room, Action::Kick, u"Carol"_s));
    }
};

QTEST_GUILESS_MAIN(TestRoomModeration)
#include "tst_roommoderation.moc"
