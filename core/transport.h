#pragma once

// Internal to core: what one XEP family's class sees of the connection.
// Not for ui/ (it names QXmpp's types).

#include <QDomElement>
#include <QObject>
#include <QString>
#include <QXmppError.h>
#include <QXmppSendResult.h>
#include <QXmppTask.h>

#include <variant>

class QXmppClient;
class QXmppClientExtension;
class QXmppIq;
class QXmppMessage;

namespace Jw {

/// The typed way a feature class (roster, blocking, receipts, markers, chat
/// states, archive, 1:1 messages) uses the account's connection: it sends its
/// stanzas here and picks the ones it owns from what arrives here. Session's
/// transport is the real one; tests use a fake (tests/support/faketransport.h)
/// that records what is sent and injects what arrives.
///
/// Features built on one of QXmpp's managers attach it to client(), and
/// again to each client after clientReplaced(): the session makes a fresh
/// QXmppClient for every connection attempt.
class Transport : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transport)

public:
    using QObject::QObject;

    /// The account's bare address ("" before the first connection).
    virtual QString accountJid() const = 0;
    virtual bool isOnline() const = 0;
    /// The current QXmpp client; replaced for each connection (clientReplaced).
    virtual QXmppClient *client() const = 0;
    /// Puts `extension` on the current client after the stanza checks and
    /// before QXmpp's own managers: it sees what it handles first.
    virtual void addFirstInLine(QXmppClientExtension *extension) = 0;
    /// Sends a message stanza. The task says whether the server took it
    /// (acknowledged with XEP-0198) or it did not leave.
    virtual QXmppTask<QXmpp::SendResult> send(QXmppMessage &&message) = 0;
    /// The answer to an IQ: the <iq type="result"/>, or why there is none
    /// (an error from the other side, or the IQ did not leave). The same as
    /// QXmppClient::IqResult.
    using IqResult = std::variant<QDomElement, QXmppError>;
    /// Sends an IQ over the current client (QXmppClient::sendIq); tests see
    /// and answer it (FakeTransport).
    virtual QXmppTask<IqResult> sendIq(QXmppIq &&iq);

Q_SIGNALS:
    void onlineChanged(bool online);
    /// A message stanza that passed the stanza checks, live or a carbon
    /// (QXmpp unwraps carbons: a carbon comes from our own bare address).
    void messageReceived(const QXmppMessage &message);
    /// A new client was made, before it connects: attach extensions to it.
    void clientReplaced(QXmppClient *client);
};

/// Who a message is about, as the feature classes read it.
struct Peer
{
    QString chat; ///< the other side's bare address; empty: not a 1:1 message to handle
    bool fromOwnDevice = false; ///< a carbon of what another of our devices sent
};

/// Reads a 1:1 message's other side: the sender's bare address, or for what
/// came from our own account (a carbon) the recipient's.
Peer peerOf(const QXmppMessage &message, const QString &ownBareJid);
/// peerOf() for the 1:1 extensions riding on chat and normal messages
/// (receipts, markers, chat states): empty for groupchat, headline and error
/// stanzas. DirectMessages reads error bounces itself first, and those must
/// not reach the others (a bounce carries our own chat state back).
Peer oneToOnePeer(const QXmppMessage &message, const QString &ownBareJid);

} // namespace Jw
