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
    void fail(const QString &sentence);

    const CommandLine m_commandLine;
    Profile m_profile;
    std::unique_ptr<PasswordStore> m_passwords;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<Messenger> m_messenger;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<Ui::SignInDialog> m_signIn;
    AccountSettings m_account;
    ConnectionSettings m_connection;
    bool m_rememberPassword = false;
    bool m_accountSaved = false;
};

} // namespace App
} // namespace Jw
