#include "tlstrust.h"

#include <QDir>
#include <QFileInfo>
#include <QtGlobal>

#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
#include <dlfcn.h>
#define JW_TLSTRUST_HASHED_DIRECTORIES 1
#endif

namespace Jw::TlsTrust {

namespace {

bool isHashedName(QStringView name)
{
    // OpenSSL's by-hash lookup: the subject's hash as eight lower-case hex
    // digits, a dot, and the index among certificates with that hash.
    if (name.size() != 10 || name.at(8) != u'.' || !name.at(9).isDigit())
        return false;
    for (qsizetype i = 0; i < 8; ++i) {
        const QChar c = name.at(i);
        if (!(c >= u'0' && c <= u'9') && !(c >= u'a' && c <= u'f'))
            return false;
    }
    return true;
}

} // namespace

QStringList systemCertificateDirectories()
{
    // The list in Qt's QSslSocketPrivate::unixRootCertDirectories() (Qt 6.8):
    // these, and only these, are the directories Qt gives OpenSSL when it
    // reads on demand, so the check below must not look anywhere else.
    return {
        QStringLiteral("/etc/ssl/certs/"),
        QStringLiteral("/usr/lib/ssl/certs/"),
        QStringLiteral("/usr/share/ssl/"),
        QStringLiteral("/usr/local/ssl/"),
        QStringLiteral("/var/ssl/certs/"),
        QStringLiteral("/usr/local/ssl/certs/"),
        QStringLiteral("/etc/openssl/certs/"),
        QStringLiteral("/opt/openssl/certs/"),
        QStringLiteral("/etc/ssl/"),
    };
}

bool hasHashedCertificates(const QString &dir)
{
    const QDir directory(dir);
    // System: broken links are listed too, and then refused below by
    // QFileInfo, which follows a link to what it names.
    const QStringList names
        = directory.entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &name : names) {
        if (!isHashedName(name))
            continue;
        const QFileInfo target(directory.filePath(name));
        if (target.isFile() && target.isReadable())
            return true;
    }
    return false;
}

Outcome readSystemCertificatesOnDemand()
{
#ifdef JW_TLSTRUST_HASHED_DIRECTORIES
    bool hashed = false;
    for (const QString &dir : systemCertificateDirectories()) {
        if (hasHashedCertificates(dir)) {
            hashed = true;
            break;
        }
    }
    if (!hashed)
        return Outcome::NoHashedDirectory;
    // QSslSocketPrivate::setRootCertOnDemandLoadingSupported(bool): the switch
    // Qt's own check throws, exported from QtNetwork for its TLS plugins (it
    // is private API, so it is looked up, not linked: a Qt without it loses
    // nothing but this saving). Qt only ever turns it on, so it stays on.
    using Setter = void (*)(bool);
    auto *setter = reinterpret_cast<Setter>(
        dlsym(RTLD_DEFAULT, "_ZN17QSslSocketPrivate35setRootCertOnDemandLoadingSupportedEb"));
    if (setter == nullptr)
        return Outcome::Unsupported;
    setter(true);
    return Outcome::OnDemand;
#else
    return Outcome::Unsupported;
#endif
}

} // namespace Jw::TlsTrust
