#pragma once

#include "expected.h"

#include <QObject>
#include <QString>

#include <functional>

namespace Jw {

/// Keeps account passwords in the system keychain (Secret Service, KWallet,
/// macOS Keychain, Windows Credential Store) through QtKeychain. Passwords
/// are never written to the profile: where no keychain exists the caller
/// asks the person and keeps the password for this session only.
class PasswordStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordStore)

public:
    explicit PasswordStore(QObject *parent = nullptr);

    /// Whether a keychain is there to keep passwords across sessions.
    bool isAvailable() const;

    void read(const QString &jid, std::function<void(Expected<QString>)> done);
    void write(const QString &jid, const QString &password, std::function<void(Expected<Done>)> done);
    void remove(const QString &jid, std::function<void(Expected<Done>)> done);
};

/// Reads a password from a file (for --password-file): the first line,
/// without its line break. The error names the file and the reason.
Expected<QString> readPasswordFile(const QString &path);

} // namespace Jw
