#include "passwordstore.h"

#include <QCoreApplication>
#include <QFile>

#if JABBERWOCK_HAVE_KEYCHAIN
#    include <qt6keychain/keychain.h>
#endif

namespace Jw {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::PasswordStore", text);
}

const QString Service = QStringLiteral("Jabberwock");

} // namespace

PasswordStore::PasswordStore(QObject *parent)
    : QObject(parent)
{
}

bool PasswordStore::isAvailable() const
{
#if JABBERWOCK_HAVE_KEYCHAIN
    return QKeychain::isAvailable();
#else
    return false;
#endif
}

#if JABBERWOCK_HAVE_KEYCHAIN
void PasswordStore::read(const QString &jid, std::function<void(Expected<QString>)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(Service, this);
    job->setKey(jid);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (read->error() == QKeychain::NoError)
            done(read->textData());
        else if (read->error() == QKeychain::EntryNotFound)
            done(Error { tr("No password is saved for this account.") });
        else
            done(Error { tr("The system keychain could not be read: %1").arg(read->errorString()) });
    });
    job->start();
}

void PasswordStore::write(const QString &jid, const QString &password, std::function<void(Expected<Done>)> done)
{
    auto *job = new QKeychain::WritePasswordJob(Service, this);
    job->setKey(jid);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError)
            done(Done {});
        else
            done(Error { tr("The password could not be saved in the system keychain: %1").arg(j->errorString()) });
    });
    job->start();
}

void PasswordStore::remove(const QString &jid, std::function<void(Expected<Done>)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(Service, this);
    job->setKey(jid);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound)
            done(Done {});
        else
            done(Error { tr("The password could not be removed from the keychain: %1").arg(j->errorString()) });
    });
    job->start();
}
#else
void PasswordStore::read(const QString &, std::function<void(Expected<QString>)> done)
{
    done(Error { tr("This build of Jabberwock has no keychain support.") });
}

void PasswordStore::write(const QString &, const QString &, std::function<void(Expected<Done>)> done)
{
    done(Error { tr("This build of Jabberwock has no keychain support.") });
}

void PasswordStore::remove(const QString &, std::function<void(Expected<Done>)> done)
{
    done(Done {});
}
#endif

Expected<QString> readPasswordFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { tr("Could not read the password file %1: %2").arg(path, file.errorString()) };
    const QByteArray data = file.read(64 * 1024);
    QString password = QString::fromUtf8(data);
    const qsizetype newline = password.indexOf(u'\n');
    if (newline >= 0)
        password.truncate(newline);
    if (password.endsWith(u'\r'))
        password.chop(1);
    if (password.isEmpty())
        return Error { tr("The password file %1 is empty.").arg(path) };
    return password;
}

} // namespace Jw
