#include "signincheck.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QXmlStreamReader>

#include <functional>
#include <optional>

namespace Jw {

namespace {

constexpr QStringView StreamNs = u"http://etherx.jabber.org/streams";
constexpr QStringView SaslNs = u"urn:ietf:params:xml:ns:xmpp-sasl";
constexpr QStringView Sasl2Ns = u"urn:xmpp:sasl:2";

std::optional<QCryptographicHash::Algorithm> scramAlgorithm(const QString &mechanism)
{
    if (mechanism == u"SCRAM-SHA-1")
        return QCryptographicHash::Sha1;
    if (mechanism == u"SCRAM-SHA-256")
        return QCryptographicHash::Sha256;
    if (mechanism == u"SCRAM-SHA-512")
        return QCryptographicHash::Sha512;
    if (mechanism == u"SCRAM-SHA3-512")
        return QCryptographicHash::Sha3_512;
    return std::nullopt;
}

/// "a=1,b=2" -> the value of `key`, or null.
QByteArray scramAttribute(const QByteArray &message, char key)
{
    for (const QByteArray &part : message.split(',')) {
        if (part.size() >= 2 && part.at(0) == key && part.at(1) == '=')
            return part.mid(2);
    }
    return {};
}

} // namespace

/// One direction of the stream: its top-level elements, with the text that
/// carries SASL data (directly, or in a SASL2 child element).
struct SignInCheck::Side
{
    QXmlStreamReader reader;
    int depth = 0;
    QString name; ///< the top-level element being read
    QString ns;
    QString mechanism; ///< its "mechanism" attribute (auth, authenticate)
    QByteArray text;
    bool inDataChild = false;
    bool inMechanismList = false;
    bool offersMechanism = false; ///< features: a SASL or SASL2 mechanism seen

    /// Returns false when the stream is not XML we can follow (then the
    /// check gives up its verdict to the parsers that follow it).
    bool parse(QByteArrayView bytes,
        const std::function<void(const QString &, const QString &, const QString &, const QByteArray &, bool)> &done)
    {
        reader.addData(bytes.toByteArray());
        while (!reader.atEnd()) {
            switch (reader.readNext()) {
            case QXmlStreamReader::StartElement:
                ++depth;
                if (depth == 2) {
                    name = reader.name().toString();
                    ns = reader.namespaceUri().toString();
                    mechanism = reader.attributes().value(u"mechanism").toString();
                    text.clear();
                    offersMechanism = false;
                } else if (depth == 3) {
                    const QStringView child = reader.name();
                    inDataChild = child == u"initial-response" || child == u"additional-data";
                    inMechanismList = (child == u"mechanisms" && reader.namespaceUri() == SaslNs)
                        || (child == u"authentication" && reader.namespaceUri() == Sasl2Ns);
                } else if (depth == 4 && inMechanismList && reader.name() == u"mechanism") {
                    offersMechanism = true;
                }
                break;
            case QXmlStreamReader::EndElement:
                if (depth == 2)
                    done(name, ns, mechanism, text, offersMechanism);
                if (depth == 3)
                    inDataChild = inMechanismList = false;
                --depth;
                break;
            case QXmlStreamReader::Characters:
                if (depth == 2 || (depth == 3 && inDataChild))
                    text += reader.text().toUtf8();
                break;
            default:
                break;
            }
        }
        return !reader.hasError() || reader.error() == QXmlStreamReader::PrematureEndOfDocumentError;
    }
};

SignInCheck::SignInCheck(const QString &password)
    : m_password(password)
    , m_client(std::make_unique<Side>())
    , m_server(std::make_unique<Side>())
{
}

SignInCheck::~SignInCheck() = default;

void SignInCheck::feedClient(QByteArrayView bytes)
{
    if (isDone())
        return;
    const bool ok = m_client->parse(bytes,
        [this](const QString &name, const QString &ns, const QString &mechanism, const QByteArray &text, bool) {
            if (name == u"auth" || name == u"authenticate")
                m_mechanism = mechanism;
            onClientElement(name, ns, text);
        });
    if (!ok)
        refuse(QStringLiteral("the sign-in could not be followed"));
}

void SignInCheck::feedServer(QByteArrayView bytes)
{
    if (isDone())
        return;
    const bool ok = m_server->parse(bytes,
        [this](const QString &name, const QString &ns, const QString &, const QByteArray &text, bool offers) {
            if (isDone())
                return;
            if (name == u"features" && ns == StreamNs)
                onServerFeatures(offers);
            else
                onServerElement(name, ns, text);
        });
    if (!ok && !isDone())
        refuse(QStringLiteral("the server's stream is not well-formed XML"));
}

void SignInCheck::onClientElement(const QString &name, const QString &ns, const QByteArray &text)
{
    if (ns != SaslNs && ns != Sasl2Ns)
        return;
    const QByteArray decoded = QByteArray::fromBase64(text.trimmed());
    if (name == u"auth" || name == u"authenticate") {
        // The GS2 header ("n,," or "n,a=authzid,") is not part of the bare message.
        const qsizetype first = decoded.indexOf(',');
        const qsizetype second = first < 0 ? -1 : decoded.indexOf(',', first + 1);
        m_clientFirstBare = second < 0 ? QByteArray() : decoded.mid(second + 1);
    } else if (name == u"response") {
        const qsizetype proof = decoded.lastIndexOf(",p=");
        m_clientFinalWithoutProof = proof < 0 ? QByteArray() : decoded.left(proof);
    }
}

void SignInCheck::onServerFeatures(bool offersMechanism)
{
    // The first features after TLS are where SASL is offered (RFC 6120 §6.4.1);
    // anything QXmpp would do next without it (bind) is signing in unauthenticated.
    if (!offersMechanism)
        refuse(QStringLiteral("the server offers no way to sign in (no SASL mechanism)"));
}

void SignInCheck::onServerElement(const QString &name, const QString &ns, const QByteArray &text)
{
    if (ns != SaslNs && ns != Sasl2Ns)
        return;
    if (name == u"challenge" && m_serverFirst.isEmpty()) {
        m_serverFirst = QByteArray::fromBase64(text.trimmed());
    } else if (name == u"success") {
        verify(QByteArray::fromBase64(text.trimmed()));
    } else if (name == u"failure") {
        m_verdict = Verdict::Failed;
    }
}

void SignInCheck::verify(const QByteArray &additionalData)
{
    const auto algorithm = scramAlgorithm(m_mechanism);
    if (!algorithm) {
        refuse(QStringLiteral("the server accepted %1, which does not prove that it knows the password")
                .arg(m_mechanism.isEmpty() ? QStringLiteral("no mechanism") : m_mechanism));
        return;
    }
    const QByteArray salt = QByteArray::fromBase64(scramAttribute(m_serverFirst, 's'));
    const int iterations = scramAttribute(m_serverFirst, 'i').toInt();
    const QByteArray signature = QByteArray::fromBase64(scramAttribute(additionalData, 'v'));
    if (m_clientFirstBare.isEmpty() || m_serverFirst.isEmpty() || m_clientFinalWithoutProof.isEmpty()
        || salt.isEmpty() || iterations < 1) {
        refuse(QStringLiteral("the server said yes before the SCRAM exchange was complete"));
        return;
    }
    if (signature.isEmpty()) {
        refuse(QStringLiteral("the server's answer carries no SCRAM server signature"));
        return;
    }
    // RFC 5802 §3: ServerSignature = HMAC(HMAC(SaltedPassword, "Server Key"), AuthMessage).
    const QByteArray salted = QPasswordDigestor::deriveKeyPbkdf2(*algorithm, m_password.toUtf8(), salt,
        iterations, quint64(QCryptographicHash::hashLength(*algorithm)));
    const QByteArray serverKey = QMessageAuthenticationCode::hash("Server Key", salted, *algorithm);
    const QByteArray authMessage = m_clientFirstBare + ',' + m_serverFirst + ',' + m_clientFinalWithoutProof;
    const QByteArray expected = QMessageAuthenticationCode::hash(authMessage, serverKey, *algorithm);
    if (signature != expected) {
        refuse(QStringLiteral("the SCRAM server signature is wrong"));
        return;
    }
    m_verdict = Verdict::Verified;
}

void SignInCheck::refuse(const QString &reason)
{
    m_verdict = Verdict::Refused;
    m_reason = reason;
}

} // namespace Jw
