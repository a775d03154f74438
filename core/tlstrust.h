#pragma once

// How Qt finds the system's trusted certificate authorities.
//
// Qt's OpenSSL backend is meant to let OpenSSL look a CA certificate up when a
// handshake needs it, in the system's hashed directory (/etc/ssl/certs/<hash>.0,
// which Debian, Ubuntu, Fedora and Arch all have). Qt 6.8 checks for that
// directory with a listing that leaves out symbolic links, and every hashed
// name there is one, so it reads all the system's certificates (about 300)
// at the first QSslSocket or QSslCertificate instead: 50 ms at start and
// 2.6 MiB that stay for the life of the process. readSystemCertificatesOnDemand()
// makes the check Qt meant to make and, when it holds, tells Qt so.

#include <QString>
#include <QStringList>

namespace Jw::TlsTrust {

/// The directories Qt's OpenSSL backend hands to OpenSSL for looking a
/// certificate up by its hashed name, in Qt's order (non-Apple Unix).
QStringList systemCertificateDirectories();

/// True when DIR holds a certificate under OpenSSL's hashed name (eight
/// lower-case hex digits, a dot, a digit) as a file or a link to a file.
bool hasHashedCertificates(const QString &dir);

enum class Outcome {
    OnDemand,           ///< Qt looks certificates up when a handshake needs them
    NoHashedDirectory,  ///< none of the directories is hashed: Qt reads them all, as before
    Unsupported,        ///< not this platform, or this Qt has no such switch
};

/// Call once, before anything makes a QSslSocket, QSslCertificate or
/// QSslConfiguration: Qt decides how to read the certificates at its first
/// TLS object and keeps to it. Trust itself is unchanged: the same
/// certificates, read from the same directories, only later.
Outcome readSystemCertificatesOnDemand();

} // namespace Jw::TlsTrust
