#include "profile.h"

#include "connection.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSettings>
#include <QStandardPaths>

namespace Jw {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::Profile", text);
}

// Account folders are named after the address; '/' and '\' cannot occur in a
// bare address, but keep the name safe on every file system anyway.
QString folderName(const QString &jid)
{
    QString name = jid.toLower();
    for (QChar &c : name) {
        if (c == u'/' || c == u'\\' || c == u':' || c == u'*' || c == u'?' || c == u'"' || c == u'<'
            || c == u'>' || c == u'|')
            c = u'_';
    }
    return name;
}

} // namespace

Profile::Profile(const QString &dir)
    : m_dir(QDir(dir).absolutePath())
{
}

QString Profile::defaultDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Profile::settingsPath() const
{
    return m_dir + QStringLiteral("/jabberwock.ini");
}

Expected<Done> Profile::ensureExists() const
{
    if (!QDir().mkpath(m_dir))
        return Error { tr("Could not create the profile folder %1.").arg(m_dir) };
    return Done {};
}

QList<AccountSettings> Profile::accounts() const
{
    QSettings settings(settingsPath(), QSettings::IniFormat);
    QList<AccountSettings> list;
    const int n = settings.beginReadArray(QStringLiteral("accounts"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        AccountSettings a;
        a.jid = settings.value(QStringLiteral("jid")).toString();
        a.host = settings.value(QStringLiteral("host")).toString();
        a.port = quint16(settings.value(QStringLiteral("port"), 0).toUInt());
        if (!a.jid.isEmpty())
            list.append(a);
    }
    settings.endArray();
    return list;
}

Expected<Done> Profile::saveAccount(const AccountSettings &account) const
{
    if (auto ok = ensureExists(); !ok)
        return ok;
    QList<AccountSettings> list = accounts();
    auto it = std::find_if(list.begin(), list.end(),
        [&](const AccountSettings &a) { return a.jid.compare(account.jid, Qt::CaseInsensitive) == 0; });
    if (it != list.end())
        *it = account;
    else
        list.append(account);
    QSettings settings(settingsPath(), QSettings::IniFormat);
    settings.beginWriteArray(QStringLiteral("accounts"), int(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("jid"), list[i].jid);
        settings.setValue(QStringLiteral("host"), list[i].host);
        settings.setValue(QStringLiteral("port"), list[i].port);
    }
    settings.endArray();
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return Error { tr("Could not write the settings file %1.").arg(settingsPath()) };
    return Done {};
}

QString Profile::accountDir(const QString &jid) const
{
    return m_dir + QStringLiteral("/accounts/") + folderName(jid);
}

QString Profile::historyPath(const QString &jid) const
{
    return accountDir(jid) + QStringLiteral("/history.db");
}

QList<Profile::StoredHistory> Profile::histories() const
{
    QHash<QString, QString> accountOfFolder;
    const auto known = accounts();
    for (const AccountSettings &a : known)
        accountOfFolder.insert(folderName(a.jid), a.jid);

    QList<StoredHistory> result;
    const QDir accountsDir(m_dir + QStringLiteral("/accounts"));
    const QStringList names = accountsDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names) {
        const QString path = accountsDir.filePath(name + QStringLiteral("/history.db"));
        if (QFile::exists(path))
            result.append({ accountOfFolder.value(name, name), path });
    }
    return result;
}

QString Profile::deviceResource() const
{
    if (!ensureExists())
        return {};
    QSettings settings(settingsPath(), QSettings::IniFormat);
    const QString key = QStringLiteral("device/resource");
    QString resource = settings.value(key).toString();
    if (resource.isEmpty()) {
        resource = randomResource();
        settings.setValue(key, resource);
        settings.sync();
        if (settings.status() != QSettings::NoError)
            return {};
    }
    return resource;
}

QList<QSslCertificate> Profile::pinnedCertificates(const QString &jid) const
{
    return QSslCertificate::fromPath(accountDir(jid) + QStringLiteral("/pinned.pem"));
}

Expected<Done> Profile::pinCertificate(const QString &jid, const QSslCertificate &certificate) const
{
    if (!QDir().mkpath(accountDir(jid)))
        return Error { tr("Could not create the folder %1.").arg(accountDir(jid)) };
    QFile file(accountDir(jid) + QStringLiteral("/pinned.pem"));
    if (!file.open(QIODevice::Append) || file.write(certificate.toPem()) < 0)
        return Error { tr("Could not save the trusted certificate: %1").arg(file.errorString()) };
    return Done {};
}

Expected<AccountSettings> parseServer(const QString &text)
{
    AccountSettings s;
    const QString t = text.trimmed();
    if (t.isEmpty())
        return s;
    QString host = t;
    QString port;
    if (t.startsWith(u'[')) {
        const qsizetype close = t.indexOf(u']');
        if (close < 0)
            return Error { tr("“%1” is not a server: a “]” is missing.").arg(t) };
        host = t.mid(1, close - 1);
        if (close + 1 < t.size()) {
            if (t.at(close + 1) != u':')
                return Error { tr("“%1” is not a server: expected “:port” after “]”.").arg(t) };
            port = t.mid(close + 2);
        }
    } else if (t.count(u':') == 1) {
        host = t.section(u':', 0, 0);
        port = t.section(u':', 1);
    }
    if (host.isEmpty() || host.contains(u' '))
        return Error { tr("“%1” is not a server name.").arg(t) };
    s.host = host;
    if (!port.isNull()) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (!ok || value == 0 || value > 65535)
            return Error { tr("“%1” is not a port: use a number from 1 to 65535.").arg(port) };
        s.port = quint16(value);
    }
    return s;
}

} // namespace Jw
