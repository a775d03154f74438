#pragma once
// A connection for unit and widget tests: nothing goes on the network. What
// the feature classes send is recorded; what "arrives" is injected, as the
// session's transport would hand it over.

#include "transport.h"
#include "types.h"

#include <QDomElement>
#include <QList>
#include <QXmppMessage.h>
#include <QXmppPromise.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Jw::Test {

class FakeTransport final : public Transport
{
    Q_OBJECT

public:
    explicit FakeTransport(const QString &accountJid = QStringLiteral("me@example.org"), QObject *parent = nullptr);
    ~FakeTransport() override;

    QString accountJid() const override { return m_account; }
    bool isOnline() const override { return m_online; }
    QXmppClient *client() const override { return m_client.get(); }
    void addFirstInLine(QXmppClientExtension *extension) override;
    QXmppTask<QXmpp::SendResult> send(QXmppMessage &&message) override;
    QXmppTask<IqResult> sendIq(QXmppIq &&iq) override;

    /// Online or not, as after a sign-in or a lost connection.
    void setOnline(bool online);
    /// A message stanza arrives.
    void receive(const QXmppMessage &message) { Q_EMIT messageReceived(message); }
    /// A chat state from `chat` (a bare address), alone or with a message.
    void receiveChatState(const QString &chat, ChatState state, const QString &body = {});
    /// A message with a body and no chat state, live.
    void receiveText(const QString &chat, const QString &body, const QString &id = {});
    /// XEP-0333: `chat` displayed our message `messageId`.
    void receiveDisplayed(const QString &chat, const QString &messageId);
    /// What the feature classes sent, oldest first.
    const QList<QXmppMessage> &sent() const { return m_sent; }
    /// The displayed markers sent to `chat`, as the ids they name.
    QStringList displayedMarkersSentTo(const QString &chat) const;

    /// How the IQs sent from now on are answered: at once with an empty
    /// result (the default), at once with an error, or not before
    /// answerHeldIqs().
    enum class IqAnswer
    {
        Result,
        Error,
        Hold
    };
    void setIqAnswer(IqAnswer answer) { m_iqAnswer = answer; }
    /// What a result carries, by the IQ it answers (the whole <iq/> sent): the
    /// payload's XML, or empty for none (the default).
    void setResultPayload(std::function<QString(const QDomElement &iq)> payload) { m_payload = std::move(payload); }
    /// Answers an IQ (the whole <iq/> sent) at once with what it returns,
    /// before the rules above; std::nullopt leaves the IQ to them.
    void setResponder(std::function<std::optional<IqResult>(const QDomElement &iq)> responder)
    {
        m_responder = std::move(responder);
    }
    /// Answers the IQs held so far, oldest first: a result, or an error.
    void answerHeldIqs(bool result);
    int heldIqCount() const { return int(m_heldIqs.size()); }
    /// The IQs sent, oldest first, each the whole <iq/> as it would go out.
    const QList<QDomElement> &sentIqs() const { return m_sentIqs; }

private:
    QString m_account;
    bool m_online = false;
    std::unique_ptr<QXmppClient> m_client;
    QList<QXmppMessage> m_sent;
    QList<QDomElement> m_sentIqs;
    IqAnswer m_iqAnswer = IqAnswer::Result;
    std::function<QString(const QDomElement &iq)> m_payload;
    std::function<std::optional<IqResult>(const QDomElement &iq)> m_responder;
    struct HeldIq
    {
        QString id;
        QString payload;
        QXmppPromise<IqResult> promise;
    };
    std::vector<HeldIq> m_heldIqs;
};

} // namespace Jw::Test
