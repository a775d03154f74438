#include "memorytrim.h"

#include <QCoreApplication>
#include <QEvent>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace Jw::App {

MemoryTrim::MemoryTrim(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultQuietPeriod);
    connect(&m_timer, &QTimer::timeout, this, &MemoryTrim::trim);
    if (QCoreApplication *app = QCoreApplication::instance())
        app->installEventFilter(this);
}

MemoryTrim::~MemoryTrim()
{
    if (QCoreApplication *app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

void MemoryTrim::historyQuiet()
{
    if (!m_timer.isActive())
        m_timer.start();
}

bool MemoryTrim::eventFilter(QObject *watched, QEvent *event)
{
    if (m_timer.isActive()) {
        switch (event->type()) {
        case QEvent::KeyPress:
        case QEvent::MouseButtonPress:
        case QEvent::MouseMove:
        case QEvent::Wheel:
        case QEvent::TouchBegin:
        case QEvent::TouchUpdate:
            m_timer.start(); // someone is using the window: later
            break;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

void MemoryTrim::trim()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    Q_EMIT trimmed();
}

} // namespace Jw::App
