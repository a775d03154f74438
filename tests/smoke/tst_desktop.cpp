#include <QDir>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

/// The real binary on the desktop side: it speaks the system's language, or
/// the one chosen in the settings, from its first window on.
class TestDesktop final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    /// Starts Jabberwock (offscreen, no account: the sign-in dialog) with
    /// `lang` as the system language; returns what it logged once it said
    /// which language it uses.
    QString startAndReadLog(const QString &lang, const QString &chosen = {})
    {
        const QString profile = m_dir.filePath(u"profile-%1"_s.arg(++m_n));
        if (!chosen.isNull()) {
            QDir().mkpath(profile);
            QSettings settings(profile + u"/jabberwock.ini"_s, QSettings::IniFormat);
            settings.setValue(u"appearance/language"_s, chosen);
        }
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : { u"LC_ALL"_s, u"LC_MESSAGES"_s, u"LANGUAGE"_s })
            env.remove(name);
        env.insert(u"LANG"_s, lang);
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(JW_APP_BINARY), { u"--profile"_s, profile });
        if (!app.waitForStarted())
            return {};
        QString log;
        [[maybe_unused]] const bool said = QTest::qWaitFor(
            [&] {
                log += QString::fromUtf8(app.readAllStandardError());
                return log.contains(u"language "_s) || app.state() == QProcess::NotRunning;
            },
            20000);
        app.kill();
        app.waitForFinished();
        return log;
    }

private Q_SLOTS:
    void followsTheSystemLanguage()
    {
        const QString korean = startAndReadLog(u"ko_KR.UTF-8"_s);
        QVERIFY2(korean.contains(u"language ko"_s), qPrintable(korean));
        const QString german = startAndReadLog(u"de_DE.UTF-8"_s); // no catalogue: English
        QVERIFY2(german.contains(u"language en"_s), qPrintable(german));
    }

    void theSettingOverridesTheSystem()
    {
        const QString english = startAndReadLog(u"ko_KR.UTF-8"_s, u"en"_s);
        QVERIFY2(english.contains(u"language en"_s), qPrintable(english));
        const QString korean = startAndReadLog(u"C.UTF-8"_s, u"ko"_s);
        QVERIFY2(korean.contains(u"language ko"_s), qPrintable(korean));
    }
};

QTEST_GUILESS_MAIN(TestDesktop)
#include "tst_desktop.moc"
