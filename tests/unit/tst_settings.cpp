#include "profile.h"
#include "settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

/// The preferences: defaults, change signals, and what survives a restart.
class TestSettings final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString freshPath()
    {
        static int n = 0;
        return m_dir.filePath(u"profile-%1/jabberwock.ini"_s.arg(++n));
    }

private Q_SLOTS:
    void newProfileHasDefaults()
    {
        const Settings settings(freshPath());
        QVERIFY(settings.sendTypingNotifications());
        QVERIFY(settings.sendReadReceipts());
        QVERIFY(settings.showRequestsFromStrangers());
        QVERIFY(settings.notificationsEnabled());
        QVERIFY(!settings.hideMessageText());
        QVERIFY(settings.keepRunningInTray());
        QCOMPARE(settings.colorScheme(), Settings::ColorScheme::System);
        QCOMPARE(settings.fontSize(), 0);
        QCOMPARE(settings.language(), QString());
        QVERIFY(!QFile::exists(settings.path())); // reading writes nothing
    }

    void changesAreAnnouncedOnceAndKept()
    {
        const QString path = freshPath();
        {
            Settings settings(path);
            QSignalSpy typing(&settings, &Settings::sendTypingNotificationsChanged);
            QSignalSpy receipts(&settings, &Settings::sendReadReceiptsChanged);
            QSignalSpy strangers(&settings, &Settings::showRequestsFromStrangersChanged);
            QSignalSpy notifications(&settings, &Settings::notificationsEnabledChanged);
            QSignalSpy hide(&settings, &Settings::hideMessageTextChanged);
            QSignalSpy tray(&settings, &Settings::keepRunningInTrayChanged);
            QSignalSpy scheme(&settings, &Settings::colorSchemeChanged);
            QSignalSpy font(&settings, &Settings::fontSizeChanged);
            QSignalSpy language(&settings, &Settings::languageChanged);

            settings.setSendTypingNotifications(false);
            settings.setSendTypingNotifications(false); // no change, no signal
            settings.setSendReadReceipts(false);
            settings.setShowRequestsFromStrangers(false);
            settings.setNotificationsEnabled(false);
            settings.setHideMessageText(true);
            settings.setKeepRunningInTray(false);
            settings.setColorScheme(Settings::ColorScheme::Dark);
            settings.setFontSize(14);
            settings.setLanguage(u"ko"_s);

            for (QSignalSpy *spy :
                { &typing, &receipts, &strangers, &notifications, &hide, &tray, &scheme, &font, &language })
                QCOMPARE(spy->count(), 1);
            QCOMPARE(typing.first().first().toBool(), false);
            QCOMPARE(scheme.first().first().value<Settings::ColorScheme>(), Settings::ColorScheme::Dark);
            QCOMPARE(font.first().first().toInt(), 14);
            QCOMPARE(language.first().first().toString(), u"ko"_s);
        }
        const Settings reread(path);
        QVERIFY(!reread.sendTypingNotifications());
        QVERIFY(!reread.sendReadReceipts());
        QVERIFY(!reread.showRequestsFromStrangers());
        QVERIFY(!reread.notificationsEnabled());
        QVERIFY(reread.hideMessageText());
        QVERIFY(!reread.keepRunningInTray());
        QCOMPARE(reread.colorScheme(), Settings::ColorScheme::Dark);
        QCOMPARE(reread.fontSize(), 14);
        QCOMPARE(reread.language(), u"ko"_s);
    }

    void sharesTheFileWithTheAccounts()
    {
        const QString path = freshPath();
        const Profile profile(QFileInfo(path).absolutePath());
        QCOMPARE(profile.settingsPath(), path);
        QVERIFY(profile.saveAccount({ u"alice@example.org"_s, u"xmpp.example.org"_s, 5223 }).ok());
        Settings settings(path);
        settings.setHideMessageText(true);
        QCOMPARE(profile.accounts().size(), 1);
        QCOMPARE(profile.accounts().first().port, quint16(5223));
        QVERIFY(profile.saveAccount({ u"alice@example.org"_s, QString(), 0 }).ok());
        QVERIFY(Settings(path).hideMessageText());
    }

    void fontSizeStaysReadable_data()
    {
        QTest::addColumn<int>("asked");
        QTest::addColumn<int>("kept");
        QTest::newRow("system") << 0 << 0;
        QTest::newRow("negative is system") << -3 << 0;
        QTest::newRow("tiny") << 2 << int(Settings::MinFontSize);
        QTest::newRow("normal") << 11 << 11;
        QTest::newRow("huge") << 200 << int(Settings::MaxFontSize);
    }

    void fontSizeStaysReadable()
    {
        QFETCH(int, asked);
        QFETCH(int, kept);
        const QString path = freshPath();
        Settings settings(path);
        settings.setFontSize(asked);
        QCOMPARE(settings.fontSize(), kept);
        QCOMPARE(Settings(path).fontSize(), kept);
    }

    void oddValuesInTheFileFallBack()
    {
        const QString path = freshPath();
        {
            QSettings file(path, QSettings::IniFormat);
            file.setValue(u"appearance/colorScheme"_s, u"purple"_s);
            file.setValue(u"appearance/fontSize"_s, u"big"_s);
        }
        const Settings settings(path);
        QCOMPARE(settings.colorScheme(), Settings::ColorScheme::System);
        QCOMPARE(settings.fontSize(), 0);
    }

    /// The reaction picker's recent emoji: newest first, each once, at most
    /// eight, and still there after a restart.
    void recentEmojiAreKept()
    {
        const QString path = freshPath();
        {
            Settings settings(path);
            QVERIFY(settings.recentEmoji().isEmpty());
            QSignalSpy changed(&settings, &Settings::recentEmojiChanged);
            settings.addRecentEmoji(u"👍"_s);
            settings.addRecentEmoji(u"🎉"_s);
            settings.addRecentEmoji(u"👍"_s); // again: first, not twice
            QCOMPARE(settings.recentEmoji(), (QStringList { u"👍"_s, u"🎉"_s }));
            QCOMPARE(changed.count(), 3);
            settings.addRecentEmoji(u"👍"_s); // already first: no change
            QCOMPARE(changed.count(), 3);
            QCOMPARE(changed.last().first().toStringList(), (QStringList { u"👍"_s, u"🎉"_s }));
        }
        QCOMPARE(Settings(path).recentEmoji(), (QStringList { u"👍"_s, u"🎉"_s }));

        // One alone survives the file too (QSettings writes it as a plain string).
        const QString single = freshPath();
        Settings(single).addRecentEmoji(u"👨‍👩‍👧"_s);
        QCOMPARE(Settings(single).recentEmoji(), QStringList { u"👨‍👩‍👧"_s });

        const QStringList many { u"1️⃣"_s, u"2️⃣"_s, u"3️⃣"_s, u"4️⃣"_s, u"5️⃣"_s, u"6️⃣"_s, u"7️⃣"_s, u"8️⃣"_s,
            u"9️⃣"_s, u"🔟"_s };
        Settings settings(path);
        for (const QString &emoji : many)
            settings.addRecentEmoji(emoji);
        QCOMPARE(settings.recentEmoji().size(), Settings::MaxRecentEmoji);
        QCOMPARE(settings.recentEmoji().first(), u"🔟"_s);
        QCOMPARE(settings.recentEmoji().last(), u"3️⃣"_s);
        QCOMPARE(Settings(path).recentEmoji(), settings.recentEmoji());

        settings.setRecentEmoji({});
        QVERIFY(Settings(path).recentEmoji().isEmpty());
    }

    /// A hand-edited file: blanks and repeats left out, the newest eight kept.
    void oddRecentEmojiInTheFileAreCleaned()
    {
        const QString path = freshPath();
        {
            QSettings file(path, QSettings::IniFormat);
            file.setValue(u"reactions/recentEmoji"_s,
                QStringList { u"😀"_s, u" "_s, u"😀"_s, u"😁"_s, u"😂"_s, u"🤣"_s, u"😃"_s, u"😄"_s, u"😅"_s,
                    u"😆"_s, u"😉"_s });
        }
        QCOMPARE(Settings(path).recentEmoji(),
            (QStringList { u"😀"_s, u"😁"_s, u"😂"_s, u"🤣"_s, u"😃"_s, u"😄"_s, u"😅"_s, u"😆"_s }));
    }

    void unwritableFileIsReported()
    {
        // A folder where the file should be: QSettings cannot write it.
        const QString path = freshPath();
        QVERIFY(QDir().mkpath(path));
        Settings settings(path);
        QSignalSpy errors(&settings, &Settings::storageError);
        settings.setNotificationsEnabled(false);
        QCOMPARE(errors.count(), 1);
        QVERIFY2(
            errors.first().first().toString().contains(path), qPrintable(errors.first().first().toString()));
        QVERIFY(!settings.notificationsEnabled()); // holds for this run
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
