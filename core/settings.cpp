#include "settings.h"

#include <QSettings>

#include <algorithm>

namespace Jw {
namespace {

// Keys in jabberwock.ini. They are a file format: add, never rename.
const QString SendTypingKey = QStringLiteral("privacy/sendTypingNotifications");
const QString SendReceiptsKey = QStringLiteral("privacy/sendReadReceipts");
const QString StrangersKey = QStringLiteral("privacy/showRequestsFromStrangers");
const QString NotificationsKey = QStringLiteral("notifications/enabled");
const QString HideTextKey = QStringLiteral("notifications/hideMessageText");
const QString TrayKey = QStringLiteral("notifications/keepRunningInTray");
const QString SchemeKey = QStringLiteral("appearance/colorScheme");
const QString FontSizeKey = QStringLiteral("appearance/fontSize");
const QString LanguageKey = QStringLiteral("appearance/language");
const QString FirstSyncDaysKey = QStringLiteral("history/firstSyncDays");
const QString FirstSyncPagesKey = QStringLiteral("history/firstSyncPages");
const QString DownloadFolderKey = QStringLiteral("files/downloadFolder");
const QString AutoDownloadKey = QStringLiteral("files/autoDownloadMb");
const QString RecentEmojiKey = QStringLiteral("reactions/recentEmoji");

QString schemeName(Settings::ColorScheme scheme)
{
    switch (scheme) {
    case Settings::ColorScheme::Light:
        return QStringLiteral("light");
    case Settings::ColorScheme::Dark:
        return QStringLiteral("dark");
    case Settings::ColorScheme::System:
        break;
    }
    return QStringLiteral("system");
}

Settings::ColorScheme schemeFromName(const QString &name)
{
    if (name == QStringLiteral("light"))
        return Settings::ColorScheme::Light;
    if (name == QStringLiteral("dark"))
        return Settings::ColorScheme::Dark;
    return Settings::ColorScheme::System;
}

/// Newest first, each once, none empty, at most MaxRecentEmoji (also what a
/// hand-edited file holds).
QStringList cleanRecentEmoji(const QStringList &emoji)
{
    QStringList kept;
    for (const QString &e : emoji) {
        const QString trimmed = e.trimmed();
        if (!trimmed.isEmpty() && !kept.contains(trimmed))
            kept.append(trimmed);
        if (kept.size() == Settings::MaxRecentEmoji)
            break;
    }
    return kept;
}

int clampFontSize(int points)
{
    return points <= 0 ? 0 : std::clamp(points, Settings::MinFontSize, Settings::MaxFontSize);
}

} // namespace

Settings::Settings(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    const QSettings file(m_path, QSettings::IniFormat);
    m_sendTypingNotifications = file.value(SendTypingKey, m_sendTypingNotifications).toBool();
    m_sendReadReceipts = file.value(SendReceiptsKey, m_sendReadReceipts).toBool();
    m_showRequestsFromStrangers = file.value(StrangersKey, m_showRequestsFromStrangers).toBool();
    m_notificationsEnabled = file.value(NotificationsKey, m_notificationsEnabled).toBool();
    m_hideMessageText = file.value(HideTextKey, m_hideMessageText).toBool();
    m_keepRunningInTray = file.value(TrayKey, m_keepRunningInTray).toBool();
    m_colorScheme = schemeFromName(file.value(SchemeKey).toString());
    m_fontSize = clampFontSize(file.value(FontSizeKey, 0).toInt());
    m_firstSyncDays = std::clamp(file.value(FirstSyncDaysKey, m_firstSyncDays).toInt(), 0, MaxFirstSyncDays);
    m_firstSyncPages = std::clamp(file.value(FirstSyncPagesKey, m_firstSyncPages).toInt(), 1, MaxFirstSyncPages);
    m_language = file.value(LanguageKey).toString();
    m_downloadFolder = file.value(DownloadFolderKey).toString();
    m_autoDownloadMb = std::clamp(file.value(AutoDownloadKey, m_autoDownloadMb).toInt(), 0, MaxAutoDownloadMb);
    m_recentEmoji = cleanRecentEmoji(file.value(RecentEmojiKey).toStringList());
}

void Settings::setRecentEmoji(const QStringList &emoji)
{
    const QStringList kept = cleanRecentEmoji(emoji);
    if (kept == m_recentEmoji)
        return;
    m_recentEmoji = kept;
    write(RecentEmojiKey, kept);
    Q_EMIT recentEmojiChanged(kept);
}

void Settings::addRecentEmoji(const QString &emoji)
{
    setRecentEmoji(QStringList { emoji } + m_recentEmoji);
}

void Settings::setDownloadFolder(const QString &folder)
{
    if (folder == m_downloadFolder)
        return;
    m_downloadFolder = folder;
    write(DownloadFolderKey, folder);
    Q_EMIT downloadFolderChanged(folder);
}

void Settings::setAutoDownloadMb(int megabytes)
{
    megabytes = std::clamp(megabytes, 0, MaxAutoDownloadMb);
    if (megabytes == m_autoDownloadMb)
        return;
    m_autoDownloadMb = megabytes;
    write(AutoDownloadKey, megabytes);
    Q_EMIT autoDownloadMbChanged(megabytes);
}

void Settings::write(const QString &key, const QVariant &value)
{
    QSettings file(m_path, QSettings::IniFormat);
    file.setValue(key, value);
    file.sync();
    if (file.status() != QSettings::NoError)
        Q_EMIT storageError(tr("Could not save the setting in %1; it holds until you quit.").arg(m_path));
}

void Settings::setSendTypingNotifications(bool send)
{
    if (send == m_sendTypingNotifications)
        return;
    m_sendTypingNotifications = send;
    write(SendTypingKey, send);
    Q_EMIT sendTypingNotificationsChanged(send);
}

void Settings::setSendReadReceipts(bool send)
{
    if (send == m_sendReadReceipts)
        return;
    m_sendReadReceipts = send;
    write(SendReceiptsKey, send);
    Q_EMIT sendReadReceiptsChanged(send);
}

void Settings::setShowRequestsFromStrangers(bool show)
{
    if (show == m_showRequestsFromStrangers)
        return;
    m_showRequestsFromStrangers = show;
    write(StrangersKey, show);
    Q_EMIT showRequestsFromStrangersChanged(show);
}

void Settings::setNotificationsEnabled(bool enabled)
{
    if (enabled == m_notificationsEnabled)
        return;
    m_notificationsEnabled = enabled;
    write(NotificationsKey, enabled);
    Q_EMIT notificationsEnabledChanged(enabled);
}

void Settings::setHideMessageText(bool hide)
{
    if (hide == m_hideMessageText)
        return;
    m_hideMessageText = hide;
    write(HideTextKey, hide);
    Q_EMIT hideMessageTextChanged(hide);
}

void Settings::setKeepRunningInTray(bool keep)
{
    if (keep == m_keepRunningInTray)
        return;
    m_keepRunningInTray = keep;
    write(TrayKey, keep);
    Q_EMIT keepRunningInTrayChanged(keep);
}

void Settings::setColorScheme(ColorScheme scheme)
{
    if (scheme == m_colorScheme)
        return;
    m_colorScheme = scheme;
    write(SchemeKey, schemeName(scheme));
    Q_EMIT colorSchemeChanged(scheme);
}

void Settings::setFirstSyncDays(int days)
{
    days = std::clamp(days, 0, MaxFirstSyncDays);
    if (days == m_firstSyncDays)
        return;
    m_firstSyncDays = days;
    write(FirstSyncDaysKey, days);
    Q_EMIT firstSyncDaysChanged(days);
}

void Settings::setFirstSyncPages(int pages)
{
    pages = std::clamp(pages, 1, MaxFirstSyncPages);
    if (pages == m_firstSyncPages)
        return;
    m_firstSyncPages = pages;
    write(FirstSyncPagesKey, pages);
    Q_EMIT firstSyncPagesChanged(pages);
}

void Settings::setFontSize(int points)
{
    points = clampFontSize(points);
    if (points == m_fontSize)
        return;
    m_fontSize = points;
    write(FontSizeKey, points);
    Q_EMIT fontSizeChanged(points);
}

void Settings::setLanguage(const QString &code)
{
    if (code == m_language)
        return;
    m_language = code;
    write(LanguageKey, code);
    Q_EMIT languageChanged(code);
}

} // namespace Jw
