#include "quitsignals.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace Jw::App {

#ifdef Q_OS_UNIX
namespace {

int g_fds[2] = { -1, -1 }; ///< [0] written by the handler, [1] read by the notifier
constexpr int Handled[] = { SIGTERM, SIGINT, SIGHUP };

void onSignal(int number)
{
    const int saved = errno;
    const char byte = char(number);
    // Async-signal-safe; if the pipe is full a quit is already pending.
    [[maybe_unused]] const auto written = ::write(g_fds[0], &byte, 1);
    errno = saved;
}

} // namespace
#endif

QuitSignals::QuitSignals(QObject *parent)
    : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_fds) != 0) {
        qWarning("cannot watch for SIGTERM: socketpair failed");
        return;
    }
    ::fcntl(g_fds[0], F_SETFL, ::fcntl(g_fds[0], F_GETFL) | O_NONBLOCK);
    m_notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitSignals::onReadable);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int number : Handled)
        ::sigaction(number, &action, nullptr);
#endif
}

QuitSignals::~QuitSignals()
{
#ifdef Q_OS_UNIX
    if (!m_notifier)
        return;
    // Back to the defaults: a second signal during the shutdown ends the process.
    for (const int number : Handled)
        std::signal(number, SIG_DFL);
    delete m_notifier;
    ::close(g_fds[0]);
    ::close(g_fds[1]);
    g_fds[0] = g_fds[1] = -1;
#endif
}

void QuitSignals::onReadable()
{
#ifdef Q_OS_UNIX
    char byte = 0;
    if (::read(g_fds[1], &byte, 1) != 1)
        return;
    switch (byte) {
    case SIGTERM:
        Q_EMIT quitRequested(QStringLiteral("SIGTERM"));
        break;
    case SIGINT:
        Q_EMIT quitRequested(QStringLiteral("SIGINT"));
        break;
    default:
        Q_EMIT quitRequested(QStringLiteral("SIGHUP"));
        break;
    }
#endif
}

} // namespace Jw::App
