#include "commandline.h"

#include "address.h"
#include "profile.h"
#include "searchquery.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace Jw {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::CommandLine", text);
}

/// Whether `path` is a readable file holding a PEM certificate block.
bool looksLikePemCertificate(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = file.read(1024 * 1024);
    const qsizetype begin = text.indexOf("-----BEGIN CERTIFICATE-----");
    return begin >= 0 && text.indexOf("-----END CERTIFICATE-----", begin) > begin;
}

} // namespace

Expected<CommandLine> parseCommandLine(const QStringList &arguments)
{
    CommandLine result;
    const bool isSearch = arguments.size() > 1 && arguments.at(1) == QStringLiteral("search");
    const bool isExport = isSearch || (arguments.size() > 1 && arguments.at(1) == QStringLiteral("export"));

    QCommandLineParser parser;
    parser.setApplicationDescription(isSearch ? tr("Prints the stored messages that match QUERY, newest first, without connecting.")
            : isExport ? tr("Prints the stored history to standard output, without connecting.")
                       : tr("Jabberwock, a desktop chat client for XMPP."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, tr("Shows this help."));
    const QCommandLineOption version({ QStringLiteral("v"), QStringLiteral("version") }, tr("Shows the version."));
    const QCommandLineOption profile(QStringLiteral("profile"),
        tr("Where settings and history live (default: %1).").arg(Profile::defaultDir()), tr("DIR"));
    const QCommandLineOption jid(QStringLiteral("jid"), tr("Sign in as this account."), tr("JID"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
        tr("Read the password from the first line of this file."), tr("FILE"));
    const QCommandLineOption server(QStringLiteral("server"),
        tr("Connect to this host (and port) instead of the one DNS gives for the domain."), tr("HOST[:PORT]"));
    const QCommandLineOption trust(QStringLiteral("trust-certificate"),
        tr("Trust the server if it presents exactly this certificate (PEM)."), tr("PEM"));
    const QCommandLineOption chat(QStringLiteral("chat"), tr("Only this conversation."), tr("JID"));
    const QCommandLineOption format(QStringLiteral("format"), tr("json (default) or text."), tr("FORMAT"),
        QStringLiteral("json"));

    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(profile);
    if (isSearch) {
        parser.addPositionalArgument(QStringLiteral("search"), tr("Search the history."));
        parser.addPositionalArgument(QStringLiteral("QUERY"),
            tr("Words and \"phrases\" to find (all of them), and the filters from:NAME, in:CHAT, "
               "before:YYYY-MM-DD, after:YYYY-MM-DD."),
            QStringLiteral("QUERY…"));
        parser.addOption(chat);
        parser.addOption(format);
    } else if (isExport) {
        parser.addPositionalArgument(QStringLiteral("export"), tr("Export the history."));
        parser.addOption(chat);
        parser.addOption(format);
    } else {
        parser.addOption(jid);
        parser.addOption(passwordFile);
        parser.addOption(server);
        parser.addOption(trust);
        parser.addPositionalArgument(QStringLiteral("xmpp:ADDRESS"),
            tr("Open the chat with this address, for example xmpp:name@example.org or "
               "xmpp:name@example.org?message;body=Hello (written for you, not sent). "
               "If Jabberwock already runs for the profile, it opens the chat there."),
            QStringLiteral("[xmpp:ADDRESS]"));
    }

    if (!parser.parse(arguments))
        return Error { parser.errorText() + u'\n' + tr("Run “jabberwock --help” for the options.") };

    QString helpText = parser.helpText();
    if (!isExport) {
        helpText += u'\n' + tr("Commands:") + u'\n'
            + tr("  export [--profile DIR] [--chat JID] [--format json|text]   Print the stored history.")
            + u'\n'
            + tr("  search [--profile DIR] [--chat JID] [--format json|text] QUERY…   Print the messages that match.")
            + u'\n';
    }
    result.helpText = helpText;
    if (parser.isSet(help)) {
        result.mode = CommandLine::Mode::Help;
        return result;
    }
    if (parser.isSet(version)) {
        result.mode = CommandLine::Mode::Version;
        return result;
    }
    result.profileDir = parser.value(profile);

    const QStringList positional = parser.positionalArguments();
    if (isExport) {
        result.mode = isSearch ? CommandLine::Mode::Search : CommandLine::Mode::Export;
        if (isSearch) {
            result.searchQuery = positional.mid(1).join(u' ');
            if (auto query = Search::parseQuery(result.searchQuery); !query)
                return Error { tr("search: %1").arg(query.errorMessage()) };
        } else if (positional.size() > 1) {
            return Error { tr("Unexpected argument “%1”.").arg(positional.at(1)) };
        }
        if (parser.isSet(chat)) {
            auto address = parsePersonAddress(parser.value(chat));
            if (!address)
                return Error { tr("--chat: %1").arg(address.errorMessage()) };
            result.exportChat = address.value();
        }
        const QString f = parser.value(format).toLower();
        if (f == QStringLiteral("json"))
            result.exportFormat = ExportFormat::Json;
        else if (f == QStringLiteral("text"))
            result.exportFormat = ExportFormat::Text;
        else
            return Error { tr("--format must be “json” or “text”, not “%1”.").arg(parser.value(format)) };
        return result;
    }

    for (const QString &argument : positional) {
        if (!looksLikeXmppUri(argument) || !result.link.isEmpty())
            return Error { tr("Unexpected argument “%1”.").arg(argument) };
        auto uri = parseXmppUri(argument);
        if (!uri)
            return Error { tr("Cannot open the link “%1”: %2").arg(argument.left(80), uri.errorMessage()) };
        result.link = argument.trimmed();
        result.open = uri.value();
    }
    if (parser.isSet(jid)) {
        auto address = parsePersonAddress(parser.value(jid));
        if (!address)
            return Error { tr("--jid: %1").arg(address.errorMessage()) };
        result.jid = address.value();
    }
    if (parser.isSet(passwordFile)) {
        if (result.jid.isEmpty())
            return Error { tr("--password-file needs --jid.") };
        result.passwordFile = parser.value(passwordFile);
        if (!QFileInfo(result.passwordFile).isReadable())
            return Error { tr("--password-file: cannot read %1.").arg(result.passwordFile) };
    }
    if (parser.isSet(server)) {
        auto parsed = parseServer(parser.value(server));
        if (!parsed)
            return Error { tr("--server: %1").arg(parsed.errorMessage()) };
        result.serverHost = parsed->host;
        result.serverPort = parsed->port;
    }
    if (parser.isSet(trust)) {
        result.trustCertificate = parser.value(trust);
        // A look at the text only: the command line is read before the
        // application object exists, and Qt's TLS backend, which a real
        // parse loads, warns when it is loaded that early. The session
        // parses the certificate itself.
        if (!looksLikePemCertificate(result.trustCertificate))
            return Error { tr("--trust-certificate: %1 is not a readable PEM certificate.")
                               .arg(result.trustCertificate) };
    }
    return result;
}

} // namespace Jw
