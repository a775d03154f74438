#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace Jw {

/// The person's preferences, kept in the profile's jabberwock.ini next to
/// the accounts. Reads are from memory; every change is written at once and
/// announced, so whoever depends on a setting connects to its signal and
/// follows it while running. Defaults are what a new profile gets.
///
///     connect(settings, &Settings::sendTypingNotificationsChanged, this, &Typing::setEnabled);
///
/// Passwords are never here (see PasswordStore); server host and port are
/// per account (see Profile::saveAccount).
class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)

    Q_PROPERTY(bool sendTypingNotifications READ sendTypingNotifications WRITE setSendTypingNotifications
            NOTIFY sendTypingNotificationsChanged)
    Q_PROPERTY(
        bool sendReadReceipts READ sendReadReceipts WRITE setSendReadReceipts NOTIFY sendReadReceiptsChanged)
    Q_PROPERTY(bool showRequestsFromStrangers READ showRequestsFromStrangers WRITE
            setShowRequestsFromStrangers NOTIFY showRequestsFromStrangersChanged)
    Q_PROPERTY(bool notificationsEnabled READ notificationsEnabled WRITE setNotificationsEnabled NOTIFY
            notificationsEnabledChanged)
    Q_PROPERTY(
        bool hideMessageText READ hideMessageText WRITE setHideMessageText NOTIFY hideMessageTextChanged)
    Q_PROPERTY(bool keepRunningInTray READ keepRunningInTray WRITE setKeepRunningInTray NOTIFY
            keepRunningInTrayChanged)
    Q_PROPERTY(ColorScheme colorScheme READ colorScheme WRITE setColorScheme NOTIFY colorSchemeChanged)
    Q_PROPERTY(int fontSize READ fontSize WRITE setFontSize NOTIFY fontSizeChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(int firstSyncDays READ firstSyncDays WRITE setFirstSyncDays NOTIFY firstSyncDaysChanged)
    Q_PROPERTY(int firstSyncPages READ firstSyncPages WRITE setFirstSyncPages NOTIFY firstSyncPagesChanged)

public:
    enum class ColorScheme
    {
        System,
        Light,
        Dark
    };
    Q_ENUM(ColorScheme)

    /// Smallest and largest font size, in points, that setFontSize() keeps.
    static constexpr int MinFontSize = 6;
    static constexpr int MaxFontSize = 32;
    static constexpr int MaxFirstSyncDays = 3650;
    static constexpr int MaxFirstSyncPages = 1000;

    /// `path`: the settings file (Profile::settingsPath()).
    explicit Settings(const QString &path, QObject *parent = nullptr);

    QString path() const { return m_path; }

    // Privacy
    /// XEP-0085: tell the other person while we type. Default on.
    bool sendTypingNotifications() const { return m_sendTypingNotifications; }
    void setSendTypingNotifications(bool send);
    /// XEP-0184/0333: tell the sender that their message arrived and was read. Default on.
    bool sendReadReceipts() const { return m_sendReadReceipts; }
    void setSendReadReceipts(bool send);
    /// Show messages and contact requests from people not in the contacts. Default on.
    bool showRequestsFromStrangers() const { return m_showRequestsFromStrangers; }
    void setShowRequestsFromStrangers(bool show);

    // Notifications
    /// Desktop notifications for new messages. Default on.
    bool notificationsEnabled() const { return m_notificationsEnabled; }
    void setNotificationsEnabled(bool enabled);
    /// Notifications name the sender but not the text. Default off.
    bool hideMessageText() const { return m_hideMessageText; }
    void setHideMessageText(bool hide);
    /// Closing the window keeps Jabberwock in the system tray, where there is one. Default on.
    bool keepRunningInTray() const { return m_keepRunningInTray; }
    void setKeepRunningInTray(bool keep);

    // Appearance
    ColorScheme colorScheme() const { return m_colorScheme; }
    void setColorScheme(ColorScheme scheme);
    /// In points; 0 is the system's size.
    int fontSize() const { return m_fontSize; }
    void setFontSize(int points);
    /// A language code ("ko"); "" follows the system.
    QString language() const { return m_language; }
    void setLanguage(const QString &code);

    // History
    /// A first sign-in on this profile reads the server's archive this many
    /// days back (XEP-0313; what waited for the account may be only there).
    /// Default 7; 0 to 3650.
    int firstSyncDays() const { return m_firstSyncDays; }
    void setFirstSyncDays(int days);
    /// … and at most this many pages of 250 messages, newest first. Default 20; 1 to 1000.
    int firstSyncPages() const { return m_firstSyncPages; }
    void setFirstSyncPages(int pages);

    /// Files: where downloads go ("" for the system's Downloads folder).
    QString downloadFolder() const { return m_downloadFolder; }
    void setDownloadFolder(const QString &folder);
    /// Pictures from contacts and accepted chats up to this many MB are
    /// downloaded without asking. Default 5; 0 (never) to 100.
    int autoDownloadMb() const { return m_autoDownloadMb; }
    void setAutoDownloadMb(int megabytes);
    static constexpr int MaxAutoDownloadMb = 100;

    /// Reactions: the emoji used lately (XEP-0444), newest first, without
    /// repeats, at most MaxRecentEmoji; the reaction picker offers them
    /// first, in every chat and after a restart.
    QStringList recentEmoji() const { return m_recentEmoji; }
    void setRecentEmoji(const QStringList &emoji);
    /// Puts `emoji` first among the recent ones.
    void addRecentEmoji(const QString &emoji);
    static constexpr int MaxRecentEmoji = 8;

Q_SIGNALS:
    void sendTypingNotificationsChanged(bool send);
    void sendReadReceiptsChanged(bool send);
    void showRequestsFromStrangersChanged(bool show);
    void notificationsEnabledChanged(bool enabled);
    void hideMessageTextChanged(bool hide);
    void keepRunningInTrayChanged(bool keep);
    void colorSchemeChanged(Jw::Settings::ColorScheme scheme);
    void fontSizeChanged(int points);
    void languageChanged(const QString &code);
    void firstSyncDaysChanged(int days);
    void firstSyncPagesChanged(int pages);
    void downloadFolderChanged(const QString &folder);
    void autoDownloadMbChanged(int megabytes);
    void recentEmojiChanged(const QStringList &emoji);
    /// A change could not be written; it holds for this run only.
    void storageError(const QString &sentence);

private:
    void write(const QString &key, const QVariant &value);

    const QString m_path;
    bool m_sendTypingNotifications = true;
    bool m_sendReadReceipts = true;
    bool m_showRequestsFromStrangers = true;
    bool m_notificationsEnabled = true;
    bool m_hideMessageText = false;
    bool m_keepRunningInTray = true;
    ColorScheme m_colorScheme = ColorScheme::System;
    int m_fontSize = 0;
    QString m_language;
    int m_firstSyncDays = 7;
    QString m_downloadFolder;
    int m_autoDownloadMb = 5;
    int m_firstSyncPages = 20;
    QStringList m_recentEmoji;
};

} // namespace Jw
