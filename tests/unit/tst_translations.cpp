#include "address.h"
#include "profile.h"
#include "translation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Jw;
using namespace Qt::StringLiterals;

namespace {

/// One message of a .ts file.
struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    bool unfinished = false; ///< marked unfinished, or a translation (form) is empty
    bool gone = false; ///< vanished or obsolete: no longer in the sources
    QStringList translations; ///< the one translation, or each numerus form
    QStringList files; ///< where it is used, as the <location> elements say
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1"_s.arg(path);
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == "context"_L1) {
                context.clear();
            } else if (name == "name"_L1) {
                context = xml.readElementText();
            } else if (name == "message"_L1) {
                current = TsMessage {};
                current.context = context;
                current.numerus = xml.attributes().value("numerus"_L1) == "yes"_L1;
            } else if (name == "source"_L1) {
                current.source = xml.readElementText();
            } else if (name == "comment"_L1) {
                current.comment = xml.readElementText();
            } else if (name == "translation"_L1) {
                const auto type = xml.attributes().value("type"_L1);
                current.unfinished = type == "unfinished"_L1;
                current.gone = type == "vanished"_L1 || type == "obsolete"_L1;
                if (!current.numerus)
                    current.translations.append(xml.readElementText());
            } else if (name == "location"_L1) {
                current.files.append(xml.attributes().value("filename"_L1).toString());
            } else if (name == "numerusform"_L1) {
                current.translations.append(xml.readElementText());
            }
        } else if (xml.isEndElement() && xml.name() == "message"_L1) {
            for (const QString &t : std::as_const(current.translations))
                current.unfinished = current.unfinished || t.isEmpty();
            current.unfinished = current.unfinished || current.translations.isEmpty();
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = u"%1: %2"_s.arg(path, xml.errorString());
    return messages;
}

QString describe(const TsMessage &m)
{
    return u"  [%1] “%2”%3"_s.arg(
        m.context, m.source, m.comment.isEmpty() ? QString() : u" (%1)"_s.arg(m.comment));
}

/// %1 … %99, %L1, %n: what the code fills in, which a translation must keep.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression marker(u"%L?(\\d{1,2}|n)"_s);
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(1));
    found.sort();
    found.removeDuplicates();
    return found;
}

struct LupdateRun
{
    bool ok = false;
    QString output;
};

/// Runs lupdate over the code as scripts/update-translations does.
LupdateRun lupdate(const QStringList &extra, const QString &ts)
{
    QProcess process;
    process.setWorkingDirectory(QStringLiteral(JW_SOURCE_DIR));
    process.setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments = QString::fromUtf8(JW_LUPDATE_OPTIONS).split(u'|', Qt::SkipEmptyParts);
    if (const qsizetype at = arguments.indexOf(u"-locations"_s); at >= 0 && extra.contains(u"-locations"_s))
        arguments.remove(at, 2); // the caller wants them
    arguments += extra;
    arguments += { u"core"_s, u"ui"_s, u"app"_s, u"-ts"_s, ts };
    process.start(QStringLiteral(JW_LUPDATE), arguments);
    LupdateRun run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        run.output = u"lupdate did not finish"_s;
        return run;
    }
    run.output = QString::fromUtf8(process.readAll());
    run.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return run;
}

const QString RefreshHint = u"\nRun scripts/update-translations, translate the new strings (Qt Linguist, or "
                            "by hand in the .ts), and commit the .ts files. See CONTRIBUTING.md."_s;

} // namespace

/// The catalogues against the code: nothing a person can see is left
/// untranslated, translations keep their placeholders, and every tr() call is
/// filed under a context the running program looks up.
class TestTranslations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyStringIsTranslated_data()
    {
        QTest::addColumn<QString>("ts");
        QTest::addColumn<bool>("pluralOnly");
        QTest::newRow("Korean") << QStringLiteral(JW_KO_TS) << false;
        QTest::newRow("English plurals") << QStringLiteral(JW_EN_TS) << true;
    }

    void everyStringIsTranslated()
    {
        QFETCH(QString, ts);
        QFETCH(bool, pluralOnly);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QFileInfo(ts).fileName());
        QVERIFY(QFile::copy(ts, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        const LupdateRun run = lupdate(pluralOnly ? QStringList { u"-pluralonly"_s } : QStringList {}, copy);
        QVERIFY2(run.ok, qPrintable(run.output));

        QString error;
        const QList<TsMessage> messages = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!messages.isEmpty());
        QStringList missing;
        for (const TsMessage &m : messages) {
            if (!m.gone && m.unfinished)
                missing.append(describe(m));
        }
        QVERIFY2(missing.isEmpty(),
            qPrintable(u"%1 string(s) in the code have no finished translation in %2:\n%3%4"_s.arg(
                QString::number(missing.size()), QFileInfo(ts).fileName(), missing.join(u'\n'),
                RefreshHint)));
    }

    void translationsKeepPlaceholders_data() { everyStringIsTranslated_data(); }

    void translationsKeepPlaceholders()
    {
        QFETCH(QString, ts);
        QString error;
        const QList<TsMessage> messages = readTs(ts, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList wrong;
        for (const TsMessage &m : messages) {
            if (m.gone || m.unfinished)
                continue;
            const QStringList expected = placeholders(m.source);
            for (const QString &translation : m.translations) {
                if (placeholders(translation) != expected)
                    wrong.append(describe(m) + u" -> “%1”"_s.arg(translation));
            }
        }
        QVERIFY2(wrong.isEmpty(),
            qPrintable(u"Translations that lose or add a placeholder (%1, %n):\n"_s + wrong.join(u'\n')));
    }

    /// lupdate files a tr() call in a class without Q_OBJECT, or in a free
    /// function, under that class or namespace (and says that the class
    /// "lacks Q_OBJECT"). The file's own helper must then ask for that
    /// context, or one inside it (Jw::Translator also looks in the enclosing
    /// namespaces); anything else would stay English at run time.
    void everyTrCallHasALookedUpContext()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ts = dir.filePath(u"all.ts"_s);
        const LupdateRun run = lupdate({ u"-locations"_s, u"absolute"_s }, ts);
        QVERIFY2(run.ok, qPrintable(run.output));

        // lupdate names each such class once per run, wherever it met it first.
        static const QRegularExpression lacks(
            u"^.+:\\d+: Class '([^']+)' lacks Q_OBJECT macro$"_s, QRegularExpression::MultilineOption);
        QSet<QString> helperContexts;
        for (auto it = lacks.globalMatch(run.output); it.hasNext();)
            helperContexts.insert(it.next().captured(1));

        QString error;
        const QList<TsMessage> messages = readTs(ts, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        static const QRegularExpression helper(
            u"translate\\(\\s*\"([^\"]+)\"\\s*,\\s*[A-Za-z_]\\w*\\s*[,)]"_s);
        QVERIFY(std::any_of(
            messages.cbegin(), messages.cend(), [](const TsMessage &m) { return !m.files.isEmpty(); }));
        QHash<QString, QStringList> askedFor; // file -> contexts its helpers ask for
        QStringList wrong;
        for (const TsMessage &m : messages) {
            if (!helperContexts.contains(m.context))
                continue; // a Q_OBJECT class's own tr(), or translate() with a literal context
            for (const QString &location : m.files) {
                const QString path = QDir::cleanPath(QFileInfo(ts).absolutePath() + u'/' + location);
                if (!askedFor.contains(path)) {
                    QFile file(path);
                    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
                    const QString code = QString::fromUtf8(file.readAll());
                    QStringList contexts;
                    for (auto h = helper.globalMatch(code); h.hasNext();)
                        contexts.append(h.next().captured(1));
                    askedFor.insert(path, contexts);
                }
                const QStringList contexts = askedFor.value(path);
                const bool found = std::any_of(contexts.cbegin(), contexts.cend(),
                    [&](const QString &c) { return c == m.context || c.startsWith(m.context + u"::"_s); });
                if (!found) {
                    wrong.append(u"  %1: “%2” is filed under “%3”, the code asks for %4"_s.arg(
                        QDir(QStringLiteral(JW_SOURCE_DIR)).relativeFilePath(path), m.source, m.context,
                        contexts.isEmpty() ? u"no context"_s : contexts.join(u", "_s)));
                }
            }
        }
        QVERIFY2(wrong.isEmpty(),
            qPrintable(u"tr() calls whose translation would never be found:\n"_s + wrong.join(u'\n')
                + u"\nIn a class without Q_OBJECT, add Q_DECLARE_TR_FUNCTIONS(<the helper's context>) to it."_s));
    }

    void resolvesLanguage_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QStringList>("system");
        QTest::addColumn<QString>("expected");
        QTest::newRow("system Korean") << QString() << QStringList { u"ko-KR"_s, u"en-US"_s } << u"ko"_s;
        QTest::newRow("system German, then Korean")
            << QString() << QStringList { u"de-DE"_s, u"ko"_s } << u"ko"_s;
        QTest::newRow("system unknown") << QString() << QStringList { u"de-DE"_s } << u"en"_s;
        QTest::newRow("system C") << QString() << QStringList { u"C"_s } << u"en"_s;
        QTest::newRow("chosen English on a Korean system")
            << u"en"_s << QStringList { u"ko-KR"_s } << u"en"_s;
        QTest::newRow("chosen Korean") << u"ko"_s << QStringList { u"en-US"_s } << u"ko"_s;
        QTest::newRow("chosen but not there") << u"fr"_s << QStringList { u"ko-KR"_s } << u"en"_s;
    }

    void resolvesLanguage()
    {
        QFETCH(QString, setting);
        QFETCH(QStringList, system);
        QFETCH(QString, expected);
        QCOMPARE(Localization::resolve(setting, system, { u"en"_s, u"ko"_s }), expected);
    }

    void appliesKoreanAndEnglishAtRunTime()
    {
        Localization localization(QStringLiteral(JW_QM_DIR));
        QCOMPARE(localization.languages(), (QStringList { u"en"_s, u"ko"_s }));
        QCOMPARE(Localization::nativeName(u"ko"_s), u"한국어"_s);
        QCOMPARE(Localization::nativeName(u"en"_s), u"English"_s);

        QCOMPARE(localization.apply(u"ko"_s), u"ko"_s);
        QCOMPARE(localization.current(), u"ko"_s);
        // A core string from a free function (filed under "Jw", asked for as "Jw::Profile") …
        const QString portError = parseServer(u"host:0"_s).errorMessage();
        QVERIFY2(!portError.contains(u"is not a port"_s), qPrintable(portError));
        QVERIFY2(portError.contains(u"0"_s), qPrintable(portError));
        // … one from another file, and a plural.
        const QString addressError = parsePersonAddress(u"example.org"_s).errorMessage();
        QVERIFY2(!addressError.contains(u"server"_s), qPrintable(addressError));
        const QString retry
            = QCoreApplication::translate("Jw::Ui::MainWindow", "Trying again in %n second(s).", nullptr, 5);
        QVERIFY2(retry.contains(u"5"_s) && !retry.contains(u"second"_s), qPrintable(retry));

        QCOMPARE(localization.apply(u"en"_s), u"en"_s);
        QCOMPARE(
            parseServer(u"host:0"_s).errorMessage(), u"“0” is not a port: use a number from 1 to 65535."_s);
        QCOMPARE(
            QCoreApplication::translate("Jw::Ui::MainWindow", "Trying again in %n second(s).", nullptr, 1),
            u"Trying again in 1 second."_s);
        QCOMPARE(
            QCoreApplication::translate("Jw::Ui::MainWindow", "Trying again in %n second(s).", nullptr, 5),
            u"Trying again in 5 seconds."_s);
    }

    void cleanupTestCase() { QLocale::setDefault(QLocale::system()); }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
