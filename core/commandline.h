#pragma once

#include "exporter.h"
#include "expected.h"
#include "xmppuri.h"

#include <QString>
#include <QStringList>

namespace Jw {

/// What `jabberwock` was asked to do. A public interface: documented in the
/// README; options are added, never changed.
struct CommandLine
{
    enum class Mode { Run, Export, Search, Help, Version };
    Mode mode = Mode::Run;
    QString helpText;

    QString profileDir; ///< empty: the platform's default
    // Run
    QString jid;
    QString passwordFile;
    QString serverHost;
    quint16 serverPort = 0;
    QString trustCertificate; ///< a PEM file
    QString link; ///< an `xmpp:` link to open, as given; empty: none
    XmppUri open; ///< the link, parsed (RFC 5122)
    // Export
    QString exportChat;
    ExportFormat exportFormat = ExportFormat::Json;
    // Search (also uses exportChat and exportFormat)
    QString searchQuery; ///< the QUERY words, joined by spaces; already checked by Search::parseQuery
};

/// Parses the arguments (the first being the program name). The error is a
/// sentence for standard error; the caller exits with status 2.
Expected<CommandLine> parseCommandLine(const QStringList &arguments);

} // namespace Jw
