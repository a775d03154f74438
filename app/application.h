#pragma once

#include "commandline.h"
#include "profile.h"
#include "session.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace Jw {
class HistoryStore;
class Messenger;
class PasswordStore;
namespace Ui {
class MainWindow;
class SignInDialog;
} // namespace Ui

namespace App {

class Desktop;

/// Wires core to ui for one account: finds the account and its password
/// (command line, profile and keychain, or the sign-in dialog), opens its
/// history, connects, and shows the main window.
class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)

public:
    explicit Application(const CommandLine &commandLine, QObject *parent = nullptr);
    ~Application() override;

    /// False when the application cannot run (the reason was shown).
    bool start();

private:
    void askToSignIn(const QString &jid = {}, const QString &error = {});
    void signInFromDialog();
    /// Opens the history and connects; the main window appears at once.
    bool startAccount(const AccountSettings &account, const QString &password, bool rememberPassword);
    void onSessionError(const SessionError &error);
    void onOnline();
    void showMainWindow();
    /// Makes the main window again (after a language change), on the same chat.
    void rebuildMainWindow();
    /// XEP-0077 from the sign-in dialog; the new account then signs in.
    void createAccount();
    void changeServer(const QString &host, quint16 port);
    void onPasswordChanged();
    void fail(const QString &sentence);

    const CommandLine m_commandLine;
    Profile m_profile;
    std::unique_ptr<PasswordStore> m_passwords;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<Messenger> m_messenger;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<Ui::SignInDialog> m_signIn;
    std::unique_ptr<Desktop> m_desktop; ///< settings, language, tray, notifications
    AccountSettings m_account;
    ConnectionSettings m_connection;
    bool m_rememberPassword = false;
    bool m_accountSaved = false;
    bool m_passwordInKeychain = false; ///< a changed password must be saved there too
    QString m_pendingPassword; ///< asked of the server, not yet confirmed
};

} // namespace App
} // namespace Jw
