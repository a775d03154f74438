#include "application.h"

#include "transfers.h"

#include "address.h"
#include "addressdialog.h"
#include "certificatedialog.h"
#include "chatpane.h"
#include "composer.h"
#include "createaccountdialog.h"
#include "desktop.h"
#include "chatstates.h"
#include "historystore.h"
#include "mainwindow.h"
#include "models.h"
#include "roomactions.h"
#include "accountfeatures.h"
#include "messenger.h"
#include "passwordchange.h"
#include "roster.h"
#include "passwordstore.h"
#include "requests.h"
#include "signindialog.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QEvent>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QTimer>

#include <utility>

namespace Jw::App {

namespace {
/// How long a new main window waits for the conversation list before it shows anyway.
constexpr int MaxListWaitMs = 500;

/// Says once, in the log, how many rows the conversation list had when it
/// was first painted: the window's first frame shows the conversations, and
/// bench_startup times it against a bare Qt window's first paint.
class FirstListPaint final : public QObject
{
public:
    explicit FirstListPaint(QAbstractItemView *list)
        : QObject(list)
        , m_list(list)
    {
        list->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            qInfo("conversation list painted: %d rows", int(m_list->model() ? m_list->model()->rowCount() : 0));
            watched->removeEventFilter(this);
            deleteLater();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QAbstractItemView *const m_list;
};
} // namespace

Application::Application(const CommandLine &commandLine, QObject *parent)
    : QObject(parent)
    , m_commandLine(commandLine)
    , m_profile(commandLine.profileDir.isEmpty() ? Profile::defaultDir() : commandLine.profileDir)
    , m_passwords(std::make_unique<PasswordStore>())
    , m_session(std::make_unique<Session>())
    , m_requestedChat(commandLine.open)
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
    m_desktop.reset();
    m_signIn.reset();
    m_window.reset();
    m_features.reset();
    m_session.reset();
    m_store.reset(); // writes whatever is still queued
}

Expected<bool> Application::handToRunningInstance()
{
    // The channel is named after the profile's real path: make it first.
    if (auto ok = m_profile.ensureExists(); !ok)
        return ok.error();
    m_instance = std::make_unique<InstanceChannel>(m_profile.dir());
    // Wayland: the launcher's token lets the running window come to the
    // front (xdg-activation-v1); it is this start's to pass on, not to use.
    const QString token = qEnvironmentVariable("XDG_ACTIVATION_TOKEN");
    auto role = m_instance->claim(m_commandLine.link, token);
    if (!role) {
        m_instance.reset();
        return role.error();
    }
    if (role.value() == InstanceChannel::Role::HandedOver) {
        qInfo("Jabberwock already runs for this profile: handed the request to it");
        m_instance.reset();
        return true;
    }
    connect(m_instance.get(), &InstanceChannel::requested, this, &Application::onInstanceRequest);
    return false;
}

bool Application::start()
{
    if (auto ok = m_profile.ensureExists(); !ok) {
        fail(ok.errorMessage());
        return false;
    }
    // Settings, language and appearance before the first window.
    m_desktop = std::make_unique<Desktop>(m_profile);
    connect(m_desktop.get(), &Desktop::languageChanged, this, &Application::rebuildMainWindow);
    connect(m_desktop.get(), &Desktop::serverChangeRequested, this, &Application::changeServer);
    connect(m_desktop.get(), &Desktop::passwordChangeRequested, this, [this](const QString &password) {
        m_pendingPassword = password;
        if (m_features)
            m_features->passwordChange()->changePassword(password);
    });

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
        m_passwordInKeychain = true;
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
    connect(m_signIn.get(), &Ui::SignInDialog::createAccountRequested, this, &Application::createAccount);
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
        m_features.reset();
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
        connect(m_store.get(), &HistoryStore::quiet, &m_memoryTrim, &MemoryTrim::historyQuiet);
        m_features = std::make_unique<AccountFeatures>(m_store.get(), m_session->transport());
        connect(m_features.get(), &AccountFeatures::storageError, this,
            [](const QString &sentence) { qWarning("history: %s", qPrintable(sentence)); });
        // What strangers may learn from the connection depends on the roster.
        m_session->setContactRule([roster = m_features->roster()](const QString &jid) { return roster->isContact(jid); });
        // Files kept in the history: finished, failed, or cut off by the last run.
        m_features->transfers()->load();
        connect(m_features->passwordChange(), &PasswordChange::passwordChanged, this, [this](const QString &changed) {
            m_session->setPassword(changed); // the next connection signs in with it
            onPasswordChanged();
        });
    }

    m_desktop->setAccount(m_features.get(), m_session.get(), account);

    m_connection = ConnectionSettings {};
    m_connection.jid = account.jid;
    m_connection.password = password;
    m_connection.host = account.host;
    m_connection.port = account.port;
    m_connection.pinnedCertificates = m_profile.pinnedCertificates(account.jid);
    m_connection.resource = m_profile.deviceResource();
    if (!m_commandLine.trustCertificate.isEmpty())
        m_connection.pinnedCertificates += QSslCertificate::fromPath(m_commandLine.trustCertificate);
    // The same pin covers the upload host's HTTPS when it is the same certificate.
    m_features->transfers()->setPinnedCertificates(m_connection.pinnedCertificates);

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
            m_passwordInKeychain = true;
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
    m_window = std::make_unique<Ui::MainWindow>(m_features.get(), m_session.get());
    m_desktop->setWindow(m_window.get());
    // The first frame shows the conversations, not an empty list that fills
    // a moment later: the window waits for the list (read on the history's
    // thread while the window is built), but never long.
    Ui::MainWindow *window = m_window.get();
    new FirstListPaint(window->conversationList());
    const auto reveal = [this, window] {
        if (m_window.get() != window || window->isVisible())
            return;
        window->show();
        qInfo("main window shown");
        openRequestedChat();
    };
    if (window->conversations()->isLoaded()) {
        reveal();
        return;
    }
    connect(window->conversations(), &ConversationsModel::loaded, window, reveal, Qt::SingleShotConnection);
    QTimer::singleShot(MaxListWaitMs, window, reveal);
}

void Application::rebuildMainWindow()
{
    if (!m_window)
        return;
    // The window's texts were set when it was made; a new one speaks the new
    // language. It opens on the same chat, with what was being written.
    const QString chat = m_window->chatPane()->chat();
    const QString draft = m_window->chatPane()->composer()->toPlainText();
    const QByteArray geometry = m_window->saveGeometry();
    const QByteArray state = m_window->saveState();
    const bool visible = m_window->isVisible();
    // Replacing the only window must not count as closing it.
    const bool quitOnClose = QGuiApplication::quitOnLastWindowClosed();
    QGuiApplication::setQuitOnLastWindowClosed(false);
    m_desktop->setWindow(nullptr);
    m_window.reset();
    m_window = std::make_unique<Ui::MainWindow>(m_features.get(), m_session.get());
    m_window->restoreGeometry(geometry);
    m_window->restoreState(state);
    m_desktop->setWindow(m_window.get());
    if (!chat.isEmpty()) {
        m_window->openChat(chat);
        m_window->chatPane()->composer()->setPlainText(draft);
    }
    if (visible)
        m_window->show();
    QGuiApplication::setQuitOnLastWindowClosed(quitOnClose);
}

void Application::createAccount()
{
    Ui::CreateAccountDialog dialog(m_signIn.get());
    dialog.setServer(m_signIn->serverEdit()->text());
    QList<QSslCertificate> trusted;
    if (!m_commandLine.trustCertificate.isEmpty())
        trusted = QSslCertificate::fromPath(m_commandLine.trustCertificate);
    dialog.setPinnedCertificates(trusted);
    connect(&dialog, &Ui::CreateAccountDialog::certificateNotTrusted, this,
        [&dialog](const RegistrationError &error) {
            const SessionError asSession { SessionError::Kind::CertificateUntrusted, error.message, error.certificate };
            Ui::CertificateDialog ask(asSession, &dialog);
            if (ask.exec() == QDialog::Accepted)
                dialog.trustCertificateAndRetry(error.certificate);
        },
        Qt::QueuedConnection); // not from inside the connection's own signal
    if (dialog.exec() != QDialog::Accepted)
        return;
    // Certificates trusted on the way are pinned for the new account.
    const auto pinned = dialog.pinnedCertificates();
    for (const QSslCertificate &certificate : pinned) {
        if (!trusted.contains(certificate)) {
            if (auto saved = m_profile.pinCertificate(dialog.jid(), certificate); !saved)
                qWarning("%s", qPrintable(saved.errorMessage()));
        }
    }
    m_signIn->setJid(dialog.jid());
    m_signIn->setServer(dialog.serverHost(), dialog.serverPort());
    m_signIn->passwordEdit()->setText(dialog.password());
    signInFromDialog();
}

void Application::changeServer(const QString &host, quint16 port)
{
    m_account.host = host;
    m_account.port = port;
    if (auto saved = m_profile.saveAccount(m_account); !saved)
        qWarning("%s", qPrintable(saved.errorMessage()));
    m_desktop->setAccountServer(m_account);
    m_connection.host = host;
    m_connection.port = port;
    if (m_session->state() != Session::State::Offline) {
        // At once: the next connection goes to the new server.
        m_session->disconnectFromServer();
        m_session->connectToServer(m_connection);
    }
}

void Application::onPasswordChanged()
{
    m_connection.password = std::exchange(m_pendingPassword, QString());
    qInfo("password changed for %s", qPrintable(m_account.jid));
    if (!m_passwordInKeychain)
        return;
    m_passwords->write(m_account.jid, m_connection.password, [](Expected<Done> written) {
        if (!written)
            qWarning("%s", qPrintable(written.errorMessage()));
    });
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
            if (m_features)
                m_features->transfers()->setPinnedCertificates(m_connection.pinnedCertificates);
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

void Application::onInstanceRequest(const XmppUri &uri, const QString &activationToken)
{
    if (uri.jid.isEmpty()) {
        qInfo("another start asked for the window");
    } else {
        qInfo("another start asked for the chat with %s", qPrintable(uri.jid));
        m_requestedChat = uri;
    }
    // Not signed in yet: the request waits for the main window; the person
    // sees the sign-in dialog, which is what there is to see.
    QWidget *shown = m_window ? static_cast<QWidget *>(m_window.get()) : m_signIn.get();
    if (!shown)
        return;
    // Qt's Wayland plugin activates with XDG_ACTIVATION_TOKEN when it is set
    // (QWaylandXdgSurface::requestActivate, which then unsets it): the later
    // start's token, so the compositor lets the window come to the front.
    if (!activationToken.isEmpty())
        qputenv("XDG_ACTIVATION_TOKEN", activationToken.toLatin1());
    shown->show();
    shown->setWindowState(shown->windowState() & ~Qt::WindowMinimized);
    shown->raise();
    shown->activateWindow();
    // Single use, and never for a child process (X11 and others leave it).
    qunsetenv("XDG_ACTIVATION_TOKEN");
    openRequestedChat();
}

void Application::openRequestedChat()
{
    if (!m_window || m_requestedChat.jid.isEmpty())
        return;
    const XmppUri uri = std::exchange(m_requestedChat, XmppUri {});
    if (uri.isJoin()) {
        // A room: asked first (nickname, password), never joined by the link alone.
        m_window->roomActions()->askToJoin(uri.jid, uri.password);
        qInfo("a link for the room %s", qPrintable(uri.jid));
        return;
    }
    // The person followed a link to write to them: their answers are no request.
    if (m_features)
        m_features->requests()->startChat(uri.jid);
    m_window->openChat(uri.jid);
    if (!uri.body.isEmpty())
        m_window->chatPane()->addDraft(uri.body);
    else
        m_window->chatPane()->composer()->setFocus();
    qInfo("opened the chat with %s from a link (a draft of %lld characters)", qPrintable(uri.jid),
        qlonglong(uri.body.size()));
}

void Application::fail(const QString &sentence)
{
    qCritical("%s", qPrintable(sentence));
    if (QGuiApplication::platformName() != QStringLiteral("offscreen"))
        QMessageBox::critical(m_window.get(), QStringLiteral("Jabberwock"), sentence);
}

} // namespace Jw::App
