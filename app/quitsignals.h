#pragma once

#include <QObject>

class QSocketNotifier;

namespace Jw::App {

/// SIGTERM (desktop logout, systemctl, kill), SIGINT and SIGHUP mean "quit",
/// as the Quit action does: the event loop ends, the history is written, the
/// stream is closed (the server ends the session instead of keeping it for
/// resumption) and the exit status is 0.
///
/// The handler only writes the signal's number to a socket pair (what is
/// safe in a signal handler); a QSocketNotifier reads it in the event loop.
/// One instance per process. On platforms without POSIX signals it does nothing.
class QuitSignals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuitSignals)

public:
    explicit QuitSignals(QObject *parent = nullptr);
    ~QuitSignals() override;

Q_SIGNALS:
    /// `name`: "SIGTERM", "SIGINT" or "SIGHUP".
    void quitRequested(const QString &name);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Jw::App
