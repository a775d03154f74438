#pragma once

#include "commandline.h"
#include "instancechannel.h"
#include "memorytrim.h"
#include "profile.h"
#include "session.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace Jw {
class HistoryStore;
class AccountFeatures;
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

    /// One Jabberwock per profile: hands the command line's request (its
    /// `xmpp:` link, or "show yourself") to the instance already running for
    /// the profile; true when it took it, and this one should exit. Otherwise
    /// this one becomes that instance and listens for later starts. The error
    /// is a sentence (an instance runs but does not answer).
    Expected<bool> handToRunningInstance();

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
    /// A later start asked for this (see InstanceChannel).
    void onInstanceRequest(const XmppUri &uri, const QString &activationToken);
    /// Opens the chat an `xmpp:` link asked for, once the main window exists.
    void openRequestedChat();

    const CommandLine m_commandLine;
    Profile m_profile;
    std::unique_ptr<PasswordStore> m_passwords;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<AccountFeatures> m_features; ///< over m_session's transport and m_store
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<Ui::SignInDialog> m_signIn;
    std::unique_ptr<Desktop> m_desktop; ///< settings, language, tray, notifications
    std::unique_ptr<InstanceChannel> m_instance;
    MemoryTrim m_memoryTrim; ///< after the history goes quiet
    XmppUri m_requestedChat; ///< from a link, until the main window exists; empty jid: none
    AccountSettings m_account;
    ConnectionSettings m_connection;
    bool m_rememberPassword = false;
    bool m_accountSaved = false;
    bool m_passwordInKeychain = false; ///< a changed password must be saved there too
    QString m_pendingPassword; ///< asked of the server, not yet confirmed
};

} // namespace App
} // namespace Jw
