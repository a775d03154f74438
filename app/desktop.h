#pragma once

#include "profile.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace Jw {
class Localization;
class AccountFeatures;
class BlockedModel;
class Connection;
class Settings;
namespace Ui {
class Appearance;
class MainWindow;
class MessageAlerts;
class Notifier;
class SettingsDialog;
class TrayIcon;
} // namespace Ui

namespace App {

/// The desktop side of a running Jabberwock: the settings and what follows
/// them (language, colours, font, privacy), the tray icon, message
/// notifications and the settings dialog. The Application owns one and
/// tells it about the account and its window.
class Desktop final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Desktop)

public:
    /// Reads the settings from the profile and applies language and appearance.
    explicit Desktop(const Profile &profile, QObject *parent = nullptr);
    ~Desktop() override;

    Settings *settings() const { return m_settings.get(); }
    Localization *localization() const { return m_localization.get(); }

    /// The signed-in account: its messages are notified, its session is in
    /// the tray's menu, and the privacy settings reach it while it runs.
    void setAccount(AccountFeatures *features, Connection *connection, const AccountSettings &account);
    /// The account's server after a change (see serverChangeRequested).
    void setAccountServer(const AccountSettings &account);
    /// The window to notify for, show from the tray and keep in the tray
    /// when closed; again after it was rebuilt.
    void setWindow(Ui::MainWindow *window);

    void showSettings();
    /// The outcome of passwordChangeRequested: empty for success.
    void showPasswordChangeResult(const QString &error);

Q_SIGNALS:
    /// The language changed: windows that cannot retranslate themselves
    /// must be made again.
    void languageChanged();
    void serverChangeRequested(const QString &host, quint16 port);
    void passwordChangeRequested(const QString &newPassword);

private:
    void updatePasswordChangeAvailability();

    const Profile m_profile;
    const std::unique_ptr<Settings> m_settings;
    const std::unique_ptr<Localization> m_localization;
    std::unique_ptr<Ui::Appearance> m_appearance;
    std::unique_ptr<Ui::TrayIcon> m_tray;
    std::unique_ptr<Ui::Notifier> m_notifier;
    std::unique_ptr<Ui::MessageAlerts> m_alerts;
    std::unique_ptr<Ui::SettingsDialog> m_settingsDialog;
    std::unique_ptr<BlockedModel> m_blocked; ///< the account's, for Settings
    QPointer<AccountFeatures> m_features;
    QPointer<Connection> m_session;
    QPointer<Ui::MainWindow> m_window;
    AccountSettings m_account;
};

} // namespace App
} // namespace Jw
