#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace Jw::App {

/// Gives the heap memory that was freed back to the system (glibc's
/// malloc_trim) once the history has gone quiet and nobody has used the
/// window for a while.
///
/// Issue 19: after the start's reads and after a catch-up, the freed heap
/// stays resident until trimmed (2.4 MiB at start with a 100,000-message
/// history). Trimming takes each of the allocator's arenas' locks for as long
/// as it works on it, up to 100 ms after a catch-up; done on the history's
/// thread, it froze the window whenever the UI thread allocated meanwhile.
/// Here it runs on the UI thread, and only after quietPeriod() without input
/// (keys, clicks, the wheel, the pointer moving), so nobody waits for it.
class MemoryTrim final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryTrim)

public:
    static constexpr std::chrono::milliseconds DefaultQuietPeriod { 2000 };

    /// Watches the application's input from here on.
    explicit MemoryTrim(QObject *parent = nullptr);
    ~MemoryTrim() override;

    void setQuietPeriod(std::chrono::milliseconds period) { m_timer.setInterval(period); }
    std::chrono::milliseconds quietPeriod() const { return m_timer.intervalAsDuration(); }
    /// Waiting for a quiet moment to trim.
    bool isPending() const { return m_timer.isActive(); }

    /// The history has gone quiet (HistoryStore::quiet): trim once the
    /// person has left the window alone for quietPeriod().
    void historyQuiet();

Q_SIGNALS:
    /// The heap was trimmed (also where the C library cannot: nothing then).
    void trimmed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void trim();

    QTimer m_timer;
};

} // namespace Jw::App
