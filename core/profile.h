#pragma once

#include "expected.h"

#include <QList>
#include <QSslCertificate>
#include <QString>

namespace Jw {

/// An account as stored in the profile. The password is never here: it lives
/// in the system keychain (see PasswordStore).
struct AccountSettings
{
    QString jid;
    QString host; ///< optional server host
    quint16 port = 0; ///< optional server port
};

/// The folder where settings and history live:
///   jabberwock.ini               settings and accounts
///   accounts/<jid>/history.db    one SQLite history per account
///   accounts/<jid>/pinned.pem    certificates the person chose to trust
class Profile final
{
public:
    explicit Profile(const QString &dir);

    /// The platform's folder for application data.
    static QString defaultDir();

    QString dir() const { return m_dir; }
    QString settingsPath() const;
    /// Creates the folder if needed; the error says why it could not.
    Expected<Done> ensureExists() const;

    QList<AccountSettings> accounts() const;
    Expected<Done> saveAccount(const AccountSettings &account) const;

    QString accountDir(const QString &jid) const;
    QString historyPath(const QString &jid) const;
    /// A history on disk: whose, and where.
    struct StoredHistory
    {
        QString account; ///< the account's address; the folder's name for a folder no account names
        QString path; ///< its history.db
    };
    /// Every history on disk (for export and search), sorted by folder.
    QList<StoredHistory> histories() const;

    /// This device's XMPP resource: made once, at random, and kept in the
    /// profile, so that it names neither the device nor the app's version
    /// and two devices of an account never take over each other's stream.
    /// Empty if the settings file cannot be written (a random one per
    /// session is used then).
    QString deviceResource() const;

    QList<QSslCertificate> pinnedCertificates(const QString &jid) const;
    Expected<Done> pinCertificate(const QString &jid, const QSslCertificate &certificate) const;

private:
    QString m_dir;
};

/// Reads "host", "host:port" or "[v6]:port". Error if the port is not 1–65535.
Expected<AccountSettings> parseServer(const QString &text);

} // namespace Jw
