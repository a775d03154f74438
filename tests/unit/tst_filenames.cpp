// File names and sizes from the network (core/files/filenames.h): hostile
// names cannot leave the download folder, hide, or replace a file.

#include "filenames.h"
#include "transfers.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

class TestFileNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sanitises_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"photo.jpg"_s << u"photo.jpg"_s;
        QTest::newRow("korean kept") << u"회의록 2026.pdf"_s << u"회의록 2026.pdf"_s;
        QTest::newRow("parent path") << u"../../etc/passwd"_s << u"passwd"_s;
        QTest::newRow("subfolder") << u"a/b"_s << u"b"_s;
        QTest::newRow("windows path") << u"..\\..\\boot.ini"_s << u"boot.ini"_s;
        QTest::newRow("dot dot") << u".."_s << u"file"_s;
        QTest::newRow("dot") << u"."_s << u"file"_s;
        QTest::newRow("trailing slash") << u"folder/"_s << u"file"_s;
        QTest::newRow("empty") << QString() << u"file"_s;
        QTest::newRow("hidden") << u".bashrc"_s << u"bashrc"_s;
        QTest::newRow("many leading dots") << u"...profile"_s << u"profile"_s;
        QTest::newRow("control char") << u"\x01name"_s << u"_name"_s;
        QTest::newRow("newline") << u"a\nb.txt"_s << u"a_b.txt"_s;
        QTest::newRow("nul") << QString(u"a" + QString(QChar(0)) + u"b") << u"a_b"_s;
        QTest::newRow("bidi override") << u"photo\u202Egpj.exe"_s << u"photo_gpj.exe"_s;
        QTest::newRow("trailing dots and spaces") << u"report.pdf. . "_s << u"report.pdf"_s;
        QTest::newRow("only refused characters") << u"***"_s << u"file"_s;
        QTest::newRow("colon and pipe") << u"a:b|c.txt"_s << u"a_b_c.txt"_s;
    }
    void sanitises()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString safe = Files::sanitizedFileName(name);
        QCOMPARE(safe, expected);
        QVERIFY(!safe.contains(u'/'));
        QVERIFY(!safe.contains(u'\\'));
        QVERIFY(!safe.startsWith(u'.'));
    }

    void longNamesAreCutKeepingTheExtension_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("latin") << QString(u"a"_s.repeated(1000) + u".png");
        QTest::newRow("korean") << QString(u"가"_s.repeated(400) + u".png"); // 3 bytes each in UTF-8
        QTest::newRow("emoji") << QString(u"😀"_s.repeated(300) + u".jpeg"); // 4 bytes, surrogate pairs
        QTest::newRow("no extension") << u"b"_s.repeated(5000);
    }
    void longNamesAreCutKeepingTheExtension()
    {
        QFETCH(QString, name);
        const QString safe = Files::sanitizedFileName(name);
        QVERIFY(safe.toUtf8().size() <= Files::MaxFileNameBytes);
        QVERIFY(safe.size() > 10);
        const qsizetype dot = name.lastIndexOf(u'.');
        if (dot > 0)
            QVERIFY(safe.endsWith(name.mid(dot)));
        // No half characters: the name survives a round trip through UTF-8.
        QCOMPARE(QString::fromUtf8(safe.toUtf8()), safe);
        QVERIFY(!safe.contains(QChar(0xfffd)));
    }

    void collisionsGetANumber()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto touch = [&](const QString &name) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
        };
        QCOMPARE(Files::availablePath(dir.path(), u"photo.jpg"_s), dir.filePath(u"photo.jpg"_s));
        touch(u"photo.jpg"_s);
        QCOMPARE(Files::availablePath(dir.path(), u"photo.jpg"_s), dir.filePath(u"photo (1).jpg"_s));
        touch(u"photo (1).jpg"_s);
        QCOMPARE(Files::availablePath(dir.path(), u"photo.jpg"_s), dir.filePath(u"photo (2).jpg"_s));
        touch(u"README"_s);
        QCOMPARE(Files::availablePath(dir.path(), u"README"_s), dir.filePath(u"README (1)"_s));
        // A hostile name is sanitised first, and stays in the folder.
        const QString hostile = Files::availablePath(dir.path(), u"../photo.jpg"_s);
        QCOMPARE(hostile, dir.filePath(u"photo (2).jpg"_s));
    }

    void namesFromLinks()
    {
        QCOMPARE(Files::fileNameOfUrl(QUrl(u"https://up.example/abc/%ED%9A%8C%EC%9D%98.png"_s)), u"회의.png"_s);
        QCOMPARE(Files::fileNameOfUrl(QUrl(u"https://up.example/abc/..%2F..%2Fetc%2Fpasswd"_s)), u"passwd"_s);
        QCOMPARE(Files::fileNameOfUrl(QUrl(u"https://up.example/"_s)), u"file"_s);
    }

    void fileLinks_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("isFile");
        QTest::newRow("upload") << u"https://upload.example.org/x/y/photo.jpg"_s << true;
        QTest::newRow("spaces around") << u"  https://upload.example.org/x/photo.jpg\n"_s << true;
        QTest::newRow("http") << u"http://upload.example.org/x/photo.jpg"_s << false;
        QTest::newRow("text with link") << u"look https://example.org/a.jpg"_s << false;
        QTest::newRow("no file") << u"https://example.org/"_s << false;
        QTest::newRow("file scheme") << u"file:///etc/passwd"_s << false;
        QTest::newRow("plain text") << u"hello"_s << false;
    }
    void fileLinks()
    {
        QFETCH(QString, body);
        QFETCH(bool, isFile);
        QCOMPARE(Files::isFileLink(body), isFile);
        Message m;
        m.body = body;
        QCOMPARE(Transfers::carriesFile(m), isFile);
    }

    void outOfBandDecides()
    {
        Message m;
        m.body = u"a picture"_s;
        m.outOfBandUrl = u"https://up.example/p.png"_s;
        QVERIFY(Transfers::carriesFile(m));
        m.outOfBandUrl = u"http://up.example/p.png"_s; // not fetched
        QVERIFY(!Transfers::carriesFile(m));
    }

    void sizes_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("bytes") << qint64(812) << u"812 bytes"_s;
        QTest::newRow("kb") << qint64(1500) << u"1.5 KB"_s;
        QTest::newRow("mb") << qint64(300) * 1000 * 1000 << u"300 MB"_s;
        QTest::newRow("100 mb") << qint64(100) * 1000 * 1000 << u"100 MB"_s;
        QTest::newRow("gb") << qint64(2) * 1000 * 1000 * 1000 << u"2 GB"_s;
    }
    void sizes()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(Files::sizeText(bytes), text);
    }

    void tooLargeSentence()
    {
        QCOMPARE(Files::tooLargeSentence(qint64(300) * 1000 * 1000, qint64(100) * 1000 * 1000),
            u"This file is 300 MB; your server accepts up to 100 MB."_s);
    }

    void stateNamesRoundTrip()
    {
        for (const auto s : { Transfer::State::NotDownloaded, Transfer::State::Downloading,
                 Transfer::State::Downloaded, Transfer::State::Failed, Transfer::State::Uploading,
                 Transfer::State::Uploaded, Transfer::State::Cancelled })
            QCOMPARE(transferStateFromName(transferStateName(s)), s);
        QCOMPARE(transferStateName(Transfer::State::NotDownloaded), u"not_downloaded"_s);
    }
};

QTEST_GUILESS_MAIN(TestFileNames)
#include "tst_filenames.moc"
