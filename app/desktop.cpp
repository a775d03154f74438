#include "desktop.h"

#include "transfers.h"

#include <QStandardPaths>

#include "accountfeatures.h"
#include "appearance.h"
#include "blockedmodel.h"
#include "chatpane.h"
#include "connection.h"
#include "chatstates.h"
#include "mainwindow.h"
#include "messageactions.h"
#include "messagealerts.h"
#include "messenger.h"
#include "notifier.h"
#include "passwordchange.h"
#include "readpositions.h"
#include "requests.h"
#include "roomactions.h"
#include "roomchatstates.h"
#include "settings.h"
#include "settingsdialog.h"
#include "translation.h"
#include "trayicon.h"

namespace Jw::App {

Desktop::Desktop(const Profile &profile, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_settings(std::make_unique<Settings>(profile.settingsPath()))
    , m_localization(std::make_unique<Localization>())
{
    // Before any window is made. Logged for scripts and the smoke test.
    qInfo("language %s", qPrintable(m_localization->apply(m_settings->language())));
    m_appearance = std::make_unique<Ui::Appearance>(m_settings.get());
    connect(m_settings.get(), &Settings::languageChanged, this, [this](const QString &code) {
        qInfo("language %s", qPrintable(m_localization->apply(code)));
        Q_EMIT languageChanged();
    });
    connect(m_settings.get(), &Settings::storageError, this,
        [](const QString &sentence) { qWarning("%s", qPrintable(sentence)); });
}

Desktop::~Desktop()
{
    m_settingsDialog.reset();
    m_blocked.reset();
    m_alerts.reset();
    m_notifier.reset();
    m_tray.reset();
}

void Desktop::setAccount(AccountFeatures *features, Connection *session, const AccountSettings &account)
{
    m_account = account;
    if (m_features == features)
        return;
    m_alerts.reset();
    if (m_settingsDialog)
        m_settingsDialog->setBlockedAddresses(nullptr);
    m_blocked.reset();
    m_features = features;
    if (!m_features)
        return;
    m_blocked = std::make_unique<BlockedModel>(m_features->requests());
    if (m_settingsDialog)
        m_settingsDialog->setBlockedAddresses(m_blocked.get());
    Messenger *messenger = m_features->messenger();

    // Privacy choices reach the account while it runs, not only at sign-in.
    m_features->chatStates()->setSendingEnabled(m_settings->sendTypingNotifications());
    m_features->readPositions()->setSendDisplayedMarkers(m_settings->sendReadReceipts());
    connect(m_settings.get(), &Settings::sendTypingNotificationsChanged, m_features->chatStates(),
        &ChatStates::setSendingEnabled);
    m_features->roomChatStates()->setSendingEnabled(m_settings->sendTypingNotifications());
    connect(m_settings.get(), &Settings::sendTypingNotificationsChanged, m_features->roomChatStates(),
        &RoomChatStates::setSendingEnabled);
    connect(m_settings.get(), &Settings::sendReadReceiptsChanged, m_features->readPositions(),
        &ReadPositions::setSendDisplayedMarkers);
    // How much of the archive a first sign-in on this profile reads.
    messenger->setFirstSyncLimits(m_settings->firstSyncDays(), m_settings->firstSyncPages());
    connect(m_settings.get(), &Settings::firstSyncDaysChanged, messenger,
        [this, messenger](int days) { messenger->setFirstSyncLimits(days, m_settings->firstSyncPages()); });
    connect(m_settings.get(), &Settings::firstSyncPagesChanged, messenger,
        [this, messenger](int pages) { messenger->setFirstSyncLimits(m_settings->firstSyncDays(), pages); });

    // Files: where downloads go, and how big a picture may come by itself.
    Transfers *transfers = m_features->transfers();
    const auto applyFolder = [transfers](const QString &folder) {
        transfers->setDownloadFolder(
            folder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DownloadLocation) : folder);
    };
    applyFolder(m_settings->downloadFolder());
    transfers->setAutoDownloadLimit(qint64(m_settings->autoDownloadMb()) * 1000 * 1000);
    connect(m_settings.get(), &Settings::downloadFolderChanged, transfers, applyFolder);
    connect(m_settings.get(), &Settings::autoDownloadMbChanged, transfers,
        [transfers](int mb) { transfers->setAutoDownloadLimit(qint64(mb) * 1000 * 1000); });

    if (!m_tray) {
        m_tray = std::make_unique<Ui::TrayIcon>(session, m_settings.get());
        m_notifier = Ui::makeDesktopNotifier(m_tray->systemTrayIcon());
    }
    m_alerts = std::make_unique<Ui::MessageAlerts>(m_features, session, m_settings.get(), m_notifier.get());
    m_alerts->setWindow(m_window);
    if (m_session != session) {
        m_session = session;
        connect(session, &Connection::stateChanged, this, &Desktop::updatePasswordChangeAvailability);
    }
    // A password change is this account's: a new account brings its own.
    connect(m_features->passwordChange(), &PasswordChange::passwordChanged, this,
        [this] { showPasswordChangeResult({}); });
    connect(m_features->passwordChange(), &PasswordChange::passwordChangeFailed, this,
        &Desktop::showPasswordChangeResult);
}

void Desktop::setAccountServer(const AccountSettings &account)
{
    m_account = account;
    if (m_settingsDialog)
        m_settingsDialog->setAccount(account.jid, account.host, account.port);
}

void Desktop::setWindow(Ui::MainWindow *window)
{
    m_window = window;
    if (m_tray)
        m_tray->setWindow(window);
    if (m_alerts)
        m_alerts->setWindow(window);
    if (window) {
        connect(window, &Ui::MainWindow::settingsRequested, this, &Desktop::showSettings);
        window->roomActions()->setSettingsPath(m_settings->path());
        window->chatPane()->messageActions()->setSettings(m_settings.get());
        window->setRequestsShown(m_settings->showRequestsFromStrangers());
        connect(m_settings.get(), &Settings::showRequestsFromStrangersChanged, window,
            &Ui::MainWindow::setRequestsShown);
    }
}

void Desktop::showSettings()
{
    if (!m_settingsDialog) {
        // A window of its own: it outlives a main window rebuilt for a new language.
        m_settingsDialog
            = std::make_unique<Ui::SettingsDialog>(m_settings.get(), m_localization->languages());
        connect(m_settingsDialog.get(), &Ui::SettingsDialog::serverChanged, this,
            &Desktop::serverChangeRequested);
        connect(m_settingsDialog.get(), &Ui::SettingsDialog::passwordChangeRequested, this,
            &Desktop::passwordChangeRequested);
        connect(m_settingsDialog.get(), &Ui::SettingsDialog::unblockRequested, this,
            [this](const QString &address) {
                if (m_features)
                    m_features->requests()->unblock(address);
            });
        m_settingsDialog->setBlockedAddresses(m_blocked.get());
    }
    m_settingsDialog->setAccount(m_account.jid, m_account.host, m_account.port);
    m_settingsDialog->setLocations(
        m_profile.dir(), m_account.jid.isEmpty() ? QString() : m_profile.historyPath(m_account.jid));
    m_settingsDialog->setTrayAvailable(m_tray && m_tray->isTrayAvailable());
    updatePasswordChangeAvailability();
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

void Desktop::showPasswordChangeResult(const QString &error)
{
    if (m_settingsDialog)
        m_settingsDialog->showPasswordChangeResult(error);
}

void Desktop::updatePasswordChangeAvailability()
{
    if (!m_settingsDialog)
        return;
    const bool online = m_session && m_session->state() == Connection::State::Online;
    m_settingsDialog->setPasswordChangeAvailable(online);
}

} // namespace Jw::App
