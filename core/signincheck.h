#pragma once

// Signed in means authenticated, both ways (issue 12, "Sign-in").

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

class QXmlStreamReader;

namespace Jw {

/// Watches the SASL exchange (RFC 6120 §6, XEP-0388) between QXmpp and the
/// server, both directions in the clear inside the stream guard, and decides
/// whether the server proved that it knows the password.
///
/// QXmpp 1.10 does not: it takes any `<success/>` as signed in, without
/// looking at the SCRAM server signature (`v=`, RFC 5802 §3) in it, and binds
/// a resource on a server that offers no SASL mechanism at all. A server (or
/// whoever holds its certificate) could then pose as the account's server
/// without knowing the password. The guard feeds this check what each side
/// sends, before QXmpp sees the server's answer, and stops the stream when
/// the verdict is Refused.
///
/// Accepted: SCRAM-SHA-1, -256, -512, SHA3-512 with a correct `v=`. Refused:
/// no mechanism offered, a `<success/>` without a SCRAM exchange or without
/// a correct `v=`, or any other mechanism succeeding (none of them proves
/// the server knows the password). A `<failure/>` is QXmpp's to report.
class SignInCheck final
{
public:
    enum class Verdict {
        Pending,
        Verified, ///< the server proved it knows the password
        Failed, ///< the server refused us (wrong password…): QXmpp reports it
        Refused, ///< the server did not authenticate itself: see reason()
    };

    explicit SignInCheck(const QString &password);
    ~SignInCheck();
    Q_DISABLE_COPY_MOVE(SignInCheck)

    /// What QXmpp sent, from its stream header on.
    void feedClient(QByteArrayView bytes);
    /// What the server sent after TLS (decrypted), from its stream header on.
    void feedServer(QByteArrayView bytes);

    Verdict verdict() const { return m_verdict; }
    bool isDone() const { return m_verdict != Verdict::Pending; }
    /// For Refused: why, in English, for the log and the person's sentence.
    QString reason() const { return m_reason; }

private:
    struct Side;
    void onClientElement(const QString &name, const QString &ns, const QByteArray &text);
    void onServerFeatures(bool offersMechanism);
    void onServerElement(const QString &name, const QString &ns, const QByteArray &text);
    void verify(const QByteArray &additionalData);
    void refuse(const QString &reason);

    const QString m_password;
    std::unique_ptr<Side> m_client;
    std::unique_ptr<Side> m_server;
    Verdict m_verdict = Verdict::Pending;
    QString m_reason;
    QString m_mechanism;
    QByteArray m_clientFirstBare; ///< "n=user,r=nonce"
    QByteArray m_serverFirst; ///< "r=…,s=…,i=…"
    QByteArray m_clientFinalWithoutProof; ///< "c=…,r=…"
};

} // namespace Jw
