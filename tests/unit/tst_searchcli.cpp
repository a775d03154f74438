// `jabberwock search` (issue 17) as a script meets it: the real binary, its
// standard output, standard error and exit status.

#include "historystore.h"
#include "profile.h"
#include "storedmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

class TestSearchCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_profile;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };

    Run run(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"LANGUAGE"_s, u"en"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(JW_APP_BINARY), QStringList { u"search"_s, u"--profile"_s, m_profile } + args);
        Run r;
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            r.err = u"timed out"_s;
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    static Message make(const QString &chat, Direction dir, const QString &id, const QString &body, qint64 ms)
    {
        return Test::storedMessage(chat, dir, id, body, ms);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_profile = m_dir.filePath(u"profile"_s);
        const Profile profile(m_profile);
        QVERIFY(profile.saveAccount({ u"alice@example.org"_s, {}, 0 }));
        HistoryStore store(profile.historyPath(u"alice@example.org"_s));
        QVERIFY(store.open().result());
        const qint64 t = 1'790'000'000'000;
        QVERIFY(store.addMessage(make(u"jenny@example.org"_s, Direction::Incoming, u"a"_s, u"내일 정기회의를 합니다"_s, t)).result());
        QVERIFY(store.addMessage(make(u"jenny@example.org"_s, Direction::Outgoing, u"b"_s, u"네, 회의 자료 준비할게요"_s, t + 60'000)).result());
        QVERIFY(store.addMessage(make(u"bob@example.org"_s, Direction::Incoming, u"c"_s, u"Project MEETING at 3"_s, t + 120'000)).result());
        QVERIFY(store.addMessage(make(u"bob@example.org"_s, Direction::Outgoing, u"d"_s, u"프로젝트회의 OK"_s, t + 180'000)).result());
        // Stored out of the order they were sent, as a catch-up stores them:
        // today's first, then what the archive had from before.
        QVERIFY(store.addMessage(make(u"jenny@example.org"_s, Direction::Incoming, u"r3"_s, u"보고서 최종본"_s, t + 600'000)).result());
        QVERIFY(store.addMessage(make(u"bob@example.org"_s, Direction::Incoming, u"r1"_s, u"보고서 초안"_s, t - 2 * 86'400'000)).result());
        QVERIFY(store.addMessage(make(u"jenny@example.org"_s, Direction::Incoming, u"r2"_s, u"보고서 검토"_s, t + 300'000)).result());
    }

    void newestFirstWhateverTheStorageOrder()
    {
        Run r = run({ u"보고서"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList ids;
        const QJsonArray hits = QJsonDocument::fromJson(r.out).array();
        for (const QJsonValue &hit : hits)
            ids.append(hit.toObject().value(u"id"_s).toString());
        QCOMPARE(ids, (QStringList { u"r3"_s, u"r2"_s, u"r1"_s }));
        r = run({ u"--format"_s, u"text"_s, u"보고서"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out),
            u"[2026-09-21 14:23:20 UTC] jenny@example.org — jenny@example.org: 보고서 최종본\n"
            "[2026-09-21 14:18:20 UTC] jenny@example.org — jenny@example.org: 보고서 검토\n"
            "[2026-09-19 14:13:20 UTC] bob@example.org — bob@example.org: 보고서 초안\n"_s);
    }

    void jsonNewestFirst()
    {
        const Run r = run({ u"회의"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray hits = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(hits.size(), 3);
        QCOMPARE(hits.at(0).toObject().value(u"body"_s).toString(), u"프로젝트회의 OK"_s);
        QCOMPARE(hits.at(0).toObject().value(u"chat"_s).toString(), u"bob@example.org"_s);
        QCOMPARE(hits.at(0).toObject().value(u"from"_s).toString(), u"alice@example.org"_s);
        QCOMPARE(hits.at(1).toObject().value(u"id"_s).toString(), u"b"_s);
        const QJsonObject last = hits.at(2).toObject();
        QCOMPARE(last.value(u"body"_s).toString(), u"내일 정기회의를 합니다"_s);
        QCOMPARE(last.value(u"from"_s).toString(), u"jenny@example.org/phone"_s);
        QCOMPARE(last.value(u"sent_at"_s).toString(), u"2026-09-21T14:13:20.000Z"_s);
        QCOMPARE(last.keys(), (QStringList { u"body"_s, u"chat"_s, u"from"_s, u"id"_s, u"sent_at"_s }));
    }

    void chatAndFilters()
    {
        Run r = run({ u"--chat"_s, u"jenny@example.org"_s, u"회의"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 2);
        r = run({ u"meeting"_s, u"from:bob"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 1);
        r = run({ u"\"meeting project\""_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 0);
    }

    void noHitIsAnEmptyArray()
    {
        const Run r = run({ u"없는말"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("[\n]"));
        QVERIFY(QJsonDocument::fromJson(r.out).isArray());
    }

    void text()
    {
        const Run r = run({ u"--format"_s, u"text"_s, u"meeting"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out),
            u"[2026-09-21 14:15:20 UTC] bob@example.org — bob@example.org: Project MEETING at 3\n"_s);
    }

    void badQueries()
    {
        Run r = run({ u"회의"_s, u"before:tomorrow"_s });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"2026-11-01"_s), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        r = run({});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(u"Nothing to search for"_s));
        r = run({ u"--format"_s, u"xml"_s, u"회의"_s });
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestSearchCli)
#include "tst_searchcli.moc"
