#include "application.h"

#include "address.h"
#include "certificatedialog.h"
#include "historystore.h"
#include "mainwindow.h"
#include "messenger.h"
#include "passwordstore.h"
#include "signindialog.h"

#include <QApplication>
#include <QMessageBox>

namespace Jw::App {

Application::Application(const CommandLine &commandLine, QObject *parent)
    : QObject(parent)
    , m_commandLine(commandLine)
    , m_profile(commandLine.profileDir.isEmpty() ? Profile::defaultDir() : commandLine.profileDir)
    , m_passwords(std::make_unique<PasswordStore>())
    , m_session(std::make_unique<Session>())
{
    connect(m_session.get(), &Session::errorOccurred, this, &Application::onSessionError);
    connect(m_session.get(), &Session::stateChanged, this, [this](Session::State state) {
        if (state == Session::State::Online)
            onOnline();
    });
}

Application::~Application()
{
    // The window and models go before the session and history they show.
    m_signIn.reset();
    m_window.reset();
    m_messenger.reset();
    m_session.reset();
    m_store.reset(); // writes whatever is still queued
}

bool Application::start()
{
    if (auto ok = m_profile.ensureExists(); !ok) {
        fail(ok.errorMessage());
        return false;
    }

    if (!m_commandLine.jid.isEmpty()) {
        AccountSettings account { m_commandLine.jid, m_commandLine.serverHost, m_commandLine.serverPort };
        if (!m_commandLine.passwordFile.isEmpty()) {
            auto password = readPasswordFile(m_commandLine.passwordFile);
            if (!password) {
                fail(password.errorMessage());
                return false;
            }
            return startAccount(account, password.value(), false);
        }
        askToSignIn(account.jid);
        return true;
    }

    const auto accounts = m_profile.accounts();
    if (accounts.isEmpty() || !m_passwords->isAvailable()) {
        askToSignIn(accounts.isEmpty() ? QString() : accounts.first().jid);
        return true;
    }
    const AccountSettings account = accounts.first();
    m_passwords->read(account.jid, [this, account](Expected<QString> password) {
        if (!password) {
            askToSignIn(account.jid, password.errorMessage());
            return;
        }
        if (!startAccount(account, password.value(), false))
            QApplication::exit(1);
    });
    return true;
}

void Application::askToSignIn(const QString &jid, const QString &error)
{
    m_signIn = std::make_unique<Ui::SignInDialog>(m_passwords->isAvailable());
    m_signIn->setJid(jid);
    if (!m_commandLine.serverHost.isEmpty()) {
        m_signIn->setServer(m_commandLine.serverPort == 0
                ? m_commandLine.serverHost
                : QStringLiteral("%1:%2").arg(m_commandLine.serverHost).arg(m_commandLine.serverPort));
    }
    if (!error.isEmpty())
        m_signIn->showError(error);
    connect(m_signIn.get(), &Ui::SignInDialog::signInRequested, this, &Application::signInFromDialog);
    connect(m_signIn.get(), &QDialog::rejected, this, [this] {
        if (!m_window)
            QApplication::quit();
    });
    m_signIn->show();
}

void Application::signInFromDialog()
{
    const AccountSettings account { m_signIn->jid(), m_signIn->serverHost(), m_signIn->serverPort() };
    m_signIn->setBusy(true);
    if (m_store && m_account.jid != account.jid) {
        // A different account than the one opened before: start over.
        m_messenger.reset();
        m_store.reset();
    }
    if (!startAccount(account, m_signIn->password(), m_signIn->rememberPassword()))
        m_signIn->setBusy(false);
}

bool Application::startAccount(const AccountSettings &account, const QString &password, bool rememberPassword)
{
    m_account = account;
    m_rememberPassword = rememberPassword;
    if (!m_store) {
        m_store = std::make_unique<HistoryStore>(m_profile.historyPath(account.jid));
        // Opening is quick and must succeed before anything is received.
        if (auto opened = m_store->open().result(); !opened) {
            m_store.reset();
            fail(opened.errorMessage());
            return false;
        }
        m_messenger = std::make_unique<Messenger>(m_store.get(), m_session.get());
        connect(m_messenger.get(), &Messenger::storageError, this,
            [](const QString &sentence) { qWarning("history: %s", qPrintable(sentence)); });
    }

    m_connection = ConnectionSettings {};
    m_connection.jid = account.jid;
    m_connection.password = password;
    m_connection.host = account.host;
    m_connection.port = account.port;
    m_connection.pinnedCertificates = m_profile.pinnedCertificates(account.jid);
    if (!m_commandLine.trustCertificate.isEmpty())
        m_connection.pinnedCertificates += QSslCertificate::fromPath(m_commandLine.trustCertificate);

    if (!m_signIn) {
        // Signed in from the command line or the keychain: the window shows
        // the connection's progress and errors itself.
        showMainWindow();
    }
    m_session->connectToServer(m_connection);
    return true;
}

void Application::onOnline()
{
    qInfo("signed in as %s", qPrintable(m_account.jid));
    if (!m_accountSaved) {
        m_accountSaved = true;
        if (auto saved = m_profile.saveAccount(m_account); !saved)
            qWarning("%s", qPrintable(saved.errorMessage()));
        if (m_rememberPassword) {
            m_passwords->write(m_account.jid, m_connection.password, [](Expected<Done> written) {
                if (!written)
                    qWarning("%s", qPrintable(written.errorMessage()));
            });
        }
    }
    if (m_signIn) {
        m_signIn->hide();
        m_signIn.release()->deleteLater();
        if (!m_window)
            showMainWindow();
    }
}

void Application::showMainWindow()
{
    m_window = std::make_unique<Ui::MainWindow>(m_messenger.get());
    m_window->show();
    qInfo("main window shown");
}

void Application::onSessionError(const SessionError &error)
{
    if (error.kind == SessionError::Kind::CertificateUntrusted && !error.certificate.isNull()) {
        QWidget *parent = m_signIn ? static_cast<QWidget *>(m_signIn.get()) : m_window.get();
        Ui::CertificateDialog dialog(error, parent);
        if (dialog.exec() == QDialog::Accepted) {
            if (auto pinned = m_profile.pinCertificate(m_account.jid, error.certificate); !pinned) {
                fail(pinned.errorMessage());
                return;
            }
            m_connection.pinnedCertificates.append(error.certificate);
            m_session->connectToServer(m_connection);
            return;
        }
    }
    if (m_signIn) {
        // While signing in, the person decides what to try next.
        m_session->disconnectFromServer();
        m_signIn->showError(error.message);
        return;
    }
    qWarning("%s", qPrintable(error.message));
}

void Application::fail(const QString &sentence)
{
    qCritical("%s", qPrintable(sentence));
    if (QGuiApplication::platformName() != QStringLiteral("offscreen"))
        QMessageBox::critical(m_window.get(), QStringLiteral("Jabberwock"), sentence);
}

} // namespace Jw::App
