// Jabberwock's entry point: the command line, then either export or search (no UI,
// no network) or the application.

#include "application.h"
#include "commandline.h"
#include "exporter.h"
#include "profile.h"
#include "quitsignals.h"
#include "searchcommand.h"
#include "tlstrust.h"
#include "translation.h"

#include <QApplication>
#include <QFile>
#include <QIcon>

#include <cstdio>
#include <functional>

namespace Jw {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::CommandLine", text);
}

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Jabberwock"));
    QCoreApplication::setApplicationName(QStringLiteral("Jabberwock"));
    QCoreApplication::setApplicationVersion(QStringLiteral(JABBERWOCK_VERSION));
}

/// A command that reads the profile and writes to standard output (export,
/// search): 0 when it did, 1 with the reason on standard error when not.
int writeToStandardOutput(
    const std::function<Jw::Expected<Jw::Done>(const QString &profile, QIODevice &out)> &command,
    const QString &profileDir)
{
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly)) {
        print(stderr, QStringLiteral("jabberwock: %1\n").arg(tr("cannot write to standard output")));
        return 1;
    }
    const auto done = command(profileDir.isEmpty() ? Jw::Profile::defaultDir() : profileDir, out);
    out.close();
    if (!done) {
        print(stderr, QStringLiteral("jabberwock: %1\n").arg(done.errorMessage()));
        return 1;
    }
    return 0;
}

/// Everything but a window: help, version, the export, a mistake in the
/// arguments. It speaks the terminal's language (LANGUAGE, LC_ALL,
/// LC_MESSAGES, LANG), so the arguments are read again once that catalogue
/// is in.
int runInTerminal(int argc, char *argv[], const QStringList &arguments)
{
    QCoreApplication app(argc, argv);
    setIdentity();
    Jw::Localization localization;
    localization.apply(QString());
    const auto commandLine = Jw::parseCommandLine(arguments);
    if (!commandLine) {
        print(stderr, QStringLiteral("jabberwock: %1\n").arg(commandLine.errorMessage()));
        return 2;
    }
    switch (commandLine->mode) {
    case Jw::CommandLine::Mode::Help:
        print(stdout, commandLine->helpText);
        return 0;
    case Jw::CommandLine::Mode::Version:
        print(stdout, Jw::versionText() + u'\n');
        return 0;
    case Jw::CommandLine::Mode::Export:
        return writeToStandardOutput([&](const QString &profile, QIODevice &out) {
            return Jw::exportHistory(profile, commandLine->exportChat, commandLine->exportFormat, out);
        }, commandLine->profileDir);
    case Jw::CommandLine::Mode::Search:
        return writeToStandardOutput([&](const QString &profile, QIODevice &out) {
            return Jw::Search::searchHistory(
                profile, commandLine->exportChat, commandLine->searchQuery, commandLine->exportFormat, out);
        }, commandLine->profileDir);
    case Jw::CommandLine::Mode::Run:
        break;
    }
    return 2; // not reached: a run was recognised before
}

} // namespace
} // namespace Jw

using Jw::print;
using Jw::runInTerminal;
using Jw::setIdentity;

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    // Identity first: the default profile folder depends on it.
    setIdentity();

    // Read once to tell a window from the terminal; the terminal's texts
    // come in its language (runInTerminal).
    const auto commandLine = Jw::parseCommandLine(arguments);
    if (!commandLine || commandLine->mode != Jw::CommandLine::Mode::Run)
        return runInTerminal(argc, argv, arguments);

    // Before any TLS object: Qt decides then how to read the trusted
    // certificates (tlstrust.h).
    Jw::TlsTrust::readSystemCertificatesOnDemand();

    QApplication app(argc, argv);
    setIdentity();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Jabberwock"));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.jabberwock.Jabberwock"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/jabberwock.svg")));

    Jw::App::Application application(commandLine.value());
    // One instance per profile: a later start hands its link to the first.
    // What goes wrong there is said in the terminal, in its language; the
    // window's language (a setting) is applied only by start().
    {
        Jw::Localization terminal;
        terminal.apply(QString());
        const auto handed = application.handToRunningInstance();
        if (!handed) {
            print(stderr, QStringLiteral("jabberwock: %1\n").arg(handed.errorMessage()));
            return 1;
        }
        if (handed.value())
            return 0;
    }
    // Logging out, systemctl or kill: the same as Quit (history written,
    // stream closed), then exit 0. The destructors after exec() do the work.
    Jw::App::QuitSignals quitSignals;
    QObject::connect(&quitSignals, &Jw::App::QuitSignals::quitRequested, &app, [](const QString &name) {
        qInfo("%s received: quitting", qPrintable(name));
        QCoreApplication::quit();
    });
    if (!application.start())
        return 1;
    return app.exec();
}
