#pragma once

#include <QDialog>
#include <QPointer>

class QAbstractItemModel;
class QCheckBox;
class QListView;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace Jw {
class Settings;
}

namespace Jw::Ui {

/// Settings, in tabs: account, privacy, notifications, appearance and
/// language, and where the history lives. There is no "Apply": each change
/// goes to Settings (and from there to whoever follows it) as it is made.
///
/// The account's server and password belong to the account, not to
/// Settings: the dialog asks for them through signals, and the caller
/// (app/) saves the server and changes the password on the server.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    /// `languages`: codes with a catalogue (Localization::languages()).
    SettingsDialog(Settings *settings, const QStringList &languages, QWidget *parent = nullptr);

    /// The signed-in account and the server it is set to use (empty, 0: from DNS).
    void setAccount(const QString &jid, const QString &host, quint16 port);
    /// The profile folder and the account's history file.
    void setLocations(const QString &profileDir, const QString &historyPath);
    /// Whether the password can be changed now (online); `reason` says why not.
    void setPasswordChangeAvailable(bool available, const QString &reason = {});
    /// The outcome of passwordChangeRequested: empty `error` for success.
    void showPasswordChangeResult(const QString &error);
    /// Without a system tray, "keep running in the tray" cannot apply.
    void setTrayAvailable(bool available);
    /// The account's blocked addresses (BlockedModel), listed under
    /// Privacy with Unblock; null: no account.
    void setBlockedAddresses(QAbstractItemModel *model);

    enum class Page
    {
        Account,
        Privacy,
        Notifications,
        Appearance,
        History
    };
    void showPage(Page page);

    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *serverEdit() const { return m_server; }
    QLabel *serverErrorLabel() const { return m_serverError; }
    QLineEdit *newPasswordEdit() const { return m_newPassword; }
    QLineEdit *repeatPasswordEdit() const { return m_repeatPassword; }
    QPushButton *changePasswordButton() const { return m_changePassword; }
    QLabel *passwordStatusLabel() const { return m_passwordStatus; }
    QCheckBox *typingCheck() const { return m_typing; }
    QCheckBox *receiptsCheck() const { return m_receipts; }
    QCheckBox *strangersCheck() const { return m_strangers; }
    QCheckBox *notificationsCheck() const { return m_notifications; }
    QCheckBox *hideTextCheck() const { return m_hideText; }
    QCheckBox *trayCheck() const { return m_tray; }
    QComboBox *colorSchemeSelector() const { return m_scheme; }
    QSpinBox *fontSizeSpin() const { return m_fontSize; }
    QComboBox *languageSelector() const { return m_language; }
    QLabel *profileLabel() const { return m_profile; }
    QLabel *historyLabel() const { return m_history; }
    /// Files: where downloads go, and how big a picture may come by itself (MB).
    QLabel *downloadFolderLabel() const { return m_downloadFolder; }
    QPushButton *chooseDownloadFolderButton() const { return m_chooseDownloadFolder; }
    QSpinBox *autoDownloadSpin() const { return m_autoDownload; }
    QListView *blockedList() const { return m_blockedList; }
    QLabel *blockedEmptyLabel() const { return m_blockedEmpty; }
    QPushButton *unblockButton() const { return m_unblock; }

Q_SIGNALS:
    /// A valid server was entered and differs from before (host empty: DNS).
    void serverChanged(const QString &host, quint16 port);
    /// The person asked to change the account's password on the server.
    void passwordChangeRequested(const QString &newPassword);
    /// The person asked to unblock `address` (XEP-0191, on the server).
    void unblockRequested(const QString &address);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *makeAccountPage();
    QWidget *makePrivacyPage();
    QWidget *makeNotificationsPage();
    QWidget *makeAppearancePage();
    QWidget *makeHistoryPage();
    void retranslate();
    void fillChoices();
    void showSettings();
    void validateServer();
    void applyServer();
    void validatePassword();
    void requestPasswordChange();
    void showBlocked();

    Settings *const m_settings;
    const QStringList m_languages;
    QTabWidget *const m_tabs;
    // Account
    QLabel *m_accountLabel = nullptr;
    QLabel *m_jid = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLineEdit *m_server = nullptr;
    QLabel *m_serverError = nullptr;
    QLabel *m_serverNote = nullptr;
    QLabel *m_passwordTitle = nullptr;
    QLabel *m_newPasswordLabel = nullptr;
    QLineEdit *m_newPassword = nullptr;
    QLabel *m_repeatPasswordLabel = nullptr;
    QLineEdit *m_repeatPassword = nullptr;
    QPushButton *m_changePassword = nullptr;
    QLabel *m_passwordStatus = nullptr;
    // Privacy
    QCheckBox *m_typing = nullptr;
    QCheckBox *m_receipts = nullptr;
    QCheckBox *m_strangers = nullptr;
    QLabel *m_privacyNote = nullptr;
    QLabel *m_blockedTitle = nullptr;
    QListView *m_blockedList = nullptr;
    QLabel *m_blockedEmpty = nullptr;
    QPushButton *m_unblock = nullptr;
    QPointer<QAbstractItemModel> m_blocked;
    // Notifications
    QCheckBox *m_notifications = nullptr;
    QCheckBox *m_hideText = nullptr;
    QCheckBox *m_tray = nullptr;
    QLabel *m_trayNote = nullptr;
    // Appearance
    QLabel *m_schemeLabel = nullptr;
    QComboBox *m_scheme = nullptr;
    QLabel *m_fontSizeLabel = nullptr;
    QSpinBox *m_fontSize = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_language = nullptr;
    // History
    QLabel *m_profileTitle = nullptr;
    QLabel *m_profile = nullptr;
    QLabel *m_historyTitle = nullptr;
    QLabel *m_history = nullptr;
    QPushButton *m_openFolder = nullptr;
    QLabel *m_historyNote = nullptr;
    QLabel *m_downloadFolderTitle = nullptr;
    QLabel *m_downloadFolder = nullptr;
    QPushButton *m_chooseDownloadFolder = nullptr;
    QLabel *m_autoDownloadLabel = nullptr;
    QSpinBox *m_autoDownload = nullptr;
    QPushButton *m_close = nullptr;

    QString m_appliedHost;
    quint16 m_appliedPort = 0;
    bool m_passwordChangeAvailable = false;
    bool m_passwordChangeBusy = false;
    QString m_passwordResult; ///< how the last change went, shown until the fields change
    QString m_passwordUnavailableReason;
    bool m_trayAvailable = true;
};

} // namespace Jw::Ui
