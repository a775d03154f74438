#pragma once

// How a test signs a Jabberwock account in to its private Prosody.

#include "session.h"
#include "testserver.h"

#include <QSslCertificate>

namespace Jw::Test {

/// `user` on `server` over loopback, trusting exactly the server's certificate.
/// The password is "<user>-pw" unless given.
inline ConnectionSettings connectionSettings(const TestServer &server, const QString &user,
    const QString &password = {})
{
    ConnectionSettings s;
    s.jid = server.jid(user);
    s.password = password.isNull() ? user + QStringLiteral("-pw") : password;
    s.host = QStringLiteral("127.0.0.1");
    s.port = server.port();
    s.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
    return s;
}

} // namespace Jw::Test
