#pragma once

// The person on the other side: a plain QXmpp client, as another XMPP client
// would be. Tests may use QXmpp directly; Jabberwock's ui may not.

#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppMessage.h>
#include <QXmppMessageReceiptManager.h>
#include <QXmppPingIq.h>
#include <QXmppPresence.h>
#include <QXmppRosterManager.h>
#include <QXmppTask.h>

#include <QDomElement>
#include <QList>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

#include <memory>

namespace Jw::Test {

class Peer final : public QObject
{
public:
    Peer(const QString &jid, const QString &password, quint16 port, const QString &certificatePath)
    {
        m_config.setJid(jid);
        m_config.setPassword(password);
        m_config.setHost(QStringLiteral("127.0.0.1"));
        m_config.setPort(port);
        m_config.setResource(QStringLiteral("peer"));
        m_config.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
        m_config.setCaCertificates(QSslCertificate::fromPath(certificatePath));
        m_config.setAutoReconnectionEnabled(false);
        QObject::connect(&client, &QXmppClient::messageReceived, this, [this](const QXmppMessage &m) {
            if (!m.body().isEmpty())
                received.append(m);
        });
    }

    /// Answers XEP-0184 receipt requests, as most clients do.
    void enableReceipts() { client.addExtension(new QXmppMessageReceiptManager); }

    bool connectAndWait(const QXmppPresence &presence = QXmppPresence(QXmppPresence::Available))
    {
        QSignalSpy connected(&client, &QXmppClient::connected);
        client.connectToServer(m_config, presence);
        if (!connected.wait(15000) && !client.isAuthenticated())
            return false;
        // One round trip after the initial presence: once the server answers,
        // it has taken that presence, so a message to the bare address
        // reaches this client rather than offline storage (a loaded ejabberd
        // was seen routing one before it).
        QXmppPingIq ping;
        ping.setTo(m_config.domain());
        auto answered = std::make_shared<bool>(false);
        client.sendIq(std::move(ping)).then(&client, [answered](QXmppClient::IqResult &&) { *answered = true; });
        return QTest::qWaitFor([answered] { return *answered; }, 10000);
    }

    void send(const QString &to, const QString &body, const QString &id = {})
    {
        QXmppMessage m(QString(), to, body);
        m.setType(QXmppMessage::Chat);
        if (!id.isEmpty())
            m.setId(id);
        client.sendPacket(m);
    }

    QXmppClient client;
    QList<QXmppMessage> received;

private:
    QXmppConfiguration m_config;
};

} // namespace Jw::Test
