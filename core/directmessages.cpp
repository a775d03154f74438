#include "directmessages.h"

#include "address.h"
#include "invitations.h"
#include "stanzas.h"
#include "transport.h"

#include <QXmppCarbonManagerV2.h>
#include <QXmppClient.h>
#include <QXmppElement.h>
#include <QXmppMessage.h>
#include <QXmppMessageReaction.h>

namespace Jw {
namespace {

/// Why the server sent our message back, as a sentence.
QString deliveryFailure(const QXmppStanza::Error &error, const QString &peer)
{
    const QString domain = peer.section(u'@', -1);
    QString reason;
    switch (error.condition()) {
    case QXmppStanza::Error::ItemNotFound:
        reason = DirectMessages::tr("There is no such user as %1.").arg(peer);
        break;
    case QXmppStanza::Error::ServiceUnavailable:
        // Servers say this both for an address that does not exist and for
        // one that does not take our messages (blocked, or offline storage
        // full); they do not tell which, on purpose.
        reason = DirectMessages::tr("%1 cannot receive this message: there is no such user, or they do not accept "
                             "messages from you.")
                     .arg(peer);
        break;
    case QXmppStanza::Error::RemoteServerNotFound:
        reason = DirectMessages::tr("The server %1 was not found. Check the address.").arg(domain);
        break;
    case QXmppStanza::Error::RemoteServerTimeout:
        reason = DirectMessages::tr("The server %1 did not answer. It may be down; try again later.").arg(domain);
        break;
    case QXmppStanza::Error::JidMalformed:
        reason = DirectMessages::tr("“%1” is not a valid address.").arg(peer);
        break;
    case QXmppStanza::Error::Forbidden:
    case QXmppStanza::Error::NotAllowed:
    case QXmppStanza::Error::NotAcceptable:
        reason = DirectMessages::tr("The server refused to deliver the message to %1.").arg(peer);
        break;
    case QXmppStanza::Error::PolicyViolation:
        reason = DirectMessages::tr("The server refused the message: it breaks one of the server’s rules.");
        break;
    case QXmppStanza::Error::ResourceConstraint:
        reason = DirectMessages::tr("The server is too busy to deliver the message now; try again later.");
        break;
    default:
        reason = DirectMessages::tr("The server could not deliver the message to %1.").arg(peer);
    }
    if (!error.text().isEmpty())
        reason += u' ' + DirectMessages::tr("It said: “%1”").arg(error.text());
    return reason;
}

} // namespace

DirectMessages::DirectMessages(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    qRegisterMetaType<Jw::Message>();
    // Carbons: what the person's other devices send and receive, here too.
    const auto attach = [](QXmppClient *client) { client->addNewExtension<QXmppCarbonManagerV2>(); };
    attach(m_transport->client());
    connect(m_transport, &Transport::clientReplaced, this, attach);
    connect(m_transport, &Transport::messageReceived, this, &DirectMessages::onMessage);
}

void DirectMessages::onMessage(const QXmppMessage &message)
{
    const Peer peer = peerOf(message, m_transport->accountJid());
    if (peer.chat.isEmpty())
        return;
    if (message.type() == QXmppMessage::Error) {
        const QString id = message.originId().isEmpty() ? message.id() : message.originId();
        // From an occupant (a private chat through a room, e.g. one who has
        // left): its key; Messenger folds it back to the bare address when the
        // room is not one we know.
        const auto occupant = peer.fromOwnDevice ? std::nullopt : occupantOf(message.from());
        const QString chat = occupant ? occupantChat(occupant->room, occupant->nick) : peer.chat;
        Q_EMIT failed(chat, id, deliveryFailure(message.error(), chat));
        return;
    }
    if (message.type() != QXmppMessage::Chat && message.type() != QXmppMessage::Normal)
        return;
    // An invitation to a room is Invitations' (stored once, there); one that
    // is refused leaves the rest of the message to be kept here.
    if (const auto invitation = Invitations::parse(message, m_transport->accountJid()); invitation && invitation->ok())
        return;
    const auto converted = Stanzas::toMessage(message, m_transport->accountJid(),
        peer.fromOwnDevice ? Stanzas::Origin::Carbon : Stanzas::Origin::Live, QDateTime::currentDateTimeUtc());
    if (converted)
        Q_EMIT received(converted.value());
}

void DirectMessages::sendTracked(QXmppMessage &&message, const QString &chat, const QString &id)
{
    m_transport->send(std::move(message)).then(this, [this, chat, id](QXmpp::SendResult &&result) {
        if (std::holds_alternative<QXmpp::SendSuccess>(result))
            Q_EMIT acknowledged(chat, id);
        else
            Q_EMIT notSent(chat, id);
    });
}

bool DirectMessages::sendRetraction(const QString &to, const QString &targetId, const QString &id)
{
    if (!m_transport->isOnline())
        return false;
    QXmppMessage message = Stanzas::retraction(to, targetId,
        tr("This person attempted to retract a previous message, but your client does not support it."));
    message.setType(QXmppMessage::Chat);
    message.setId(id);
    message.setOriginId(id);
    sendTracked(std::move(message), bareOf(to), id);
    return true;
}

bool DirectMessages::sendReactions(const QString &to, const QString &targetId, const QStringList &emojis,
    const QString &id)
{
    if (!m_transport->isOnline())
        return false;
    QXmppMessage message = Stanzas::reactions(to, targetId, emojis);
    message.setType(QXmppMessage::Chat);
    message.setId(id);
    message.setOriginId(id);
    sendTracked(std::move(message), bareOf(to), id);
    return true;
}

bool DirectMessages::send(const QString &to, const QString &body, const QString &id, ChatState state,
    const Extras &extras)
{
    if (!m_transport->isOnline())
        return false;
    QXmppMessage message(QString(), to, body);
    if (!extras.replyTo.isEmpty()) {
        if (extras.quotedName.isEmpty() && extras.quotedText.isEmpty())
            message.setReply(QXmpp::Reply { extras.replyToJid, extras.replyTo });
        else
            message = Stanzas::reply(to, body, extras.replyTo, extras.replyToJid, extras.quotedName, extras.quotedText);
    }
    message.setType(QXmppMessage::Chat);
    if (!extras.replaces.isEmpty())
        message.setReplaceId(extras.replaces); // XEP-0308
    message.setId(id);
    message.setOriginId(id);
    message.setReceiptRequested(true);
    message.setMarkable(true); // XEP-0333: the receiver may tell us it was displayed
    if (!extras.outOfBandUrl.isEmpty())
        message.setOutOfBandUrl(extras.outOfBandUrl); // XEP-0066, beside the link in the body
    if (state != ChatState::None)
        message.setState(QXmppMessage::State(Stanzas::fromChatState(state)));
    // A private chat through a room goes to the occupant, marked as such (XEP-0045 §7.5).
    const auto occupant = occupantOf(to);
    if (occupant) {
        QXmppElement x;
        x.setTagName(QStringLiteral("x"));
        x.setAttribute(QStringLiteral("xmlns"), QStringLiteral("http://jabber.org/protocol/muc#user"));
        auto extensions = message.extensions(); // a reply's fallback may be there
        extensions.append(x);
        message.setExtensions(extensions);
    }
    sendTracked(std::move(message), occupant ? occupantChat(occupant->room, occupant->nick) : bareOf(to), id);
    return true;
}

} // namespace Jw
