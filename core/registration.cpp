#include "registration.h"

#include "connection.h" // fingerprint()

#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppDataForm.h>
#include <QXmppRegisterIq.h>
#include <QXmppRegistrationManager.h>

#include <QSslSocket>

#include <optional>

using namespace Qt::StringLiterals;

namespace Jw {
namespace {

RegistrationField::Kind toKind(QXmppDataForm::Field::Type type)
{
    switch (type) {
    case QXmppDataForm::Field::TextPrivateField:
        return RegistrationField::Kind::Password;
    case QXmppDataForm::Field::BooleanField:
        return RegistrationField::Kind::Boolean;
    case QXmppDataForm::Field::ListSingleField:
        return RegistrationField::Kind::Choice;
    case QXmppDataForm::Field::FixedField:
        return RegistrationField::Kind::Fixed;
    case QXmppDataForm::Field::HiddenField:
        return RegistrationField::Kind::Hidden;
    default:
        return RegistrationField::Kind::Text;
    }
}

QString valueText(const QVariant &value, QXmppDataForm::Field::Type type)
{
    if (type == QXmppDataForm::Field::BooleanField)
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    if (value.metaType().id() == QMetaType::QStringList)
        return value.toStringList().join(u'\n');
    return value.toString();
}

RegistrationForm parseForm(const QString &domain, const QXmppRegisterIq &iq)
{
    RegistrationForm form;
    form.domain = domain;
    form.url = iq.outOfBandUrl();
    const QXmppDataForm data = iq.form();
    if (!data.isNull() && !data.fields().isEmpty()) {
        form.instructions = data.instructions().isEmpty() ? iq.instructions() : data.instructions();
        const auto fields = data.fields();
        for (const QXmppDataForm::Field &f : fields) {
            RegistrationField field;
            field.key = f.key();
            field.label = f.label();
            field.description = f.description();
            field.kind = toKind(f.type());
            field.required = f.isRequired();
            field.value = valueText(f.value(), f.type());
            field.options = f.options();
            if (!f.mediaSources().isEmpty())
                form.hasChallenge = true;
            form.fields.append(field);
        }
        return form;
    }
    // The older protocol: a field is asked for when present, even empty.
    form.instructions = iq.instructions();
    const auto plain = [&form](const QString &key, const QString &value, RegistrationField::Kind kind) {
        if (value.isNull())
            return;
        RegistrationField field;
        field.key = key;
        field.kind = kind;
        field.required = true;
        form.fields.append(field);
    };
    plain(QStringLiteral("username"), iq.username(), RegistrationField::Kind::Text);
    plain(QStringLiteral("password"), iq.password(), RegistrationField::Kind::Password);
    plain(QStringLiteral("email"), iq.email(), RegistrationField::Kind::Text);
    return form;
}

} // namespace

bool RegistrationForm::hasField(const QString &key) const
{
    return std::any_of(
        fields.cbegin(), fields.cend(), [&](const RegistrationField &f) { return f.key == key; });
}

QList<RegistrationField> RegistrationForm::extraFields() const
{
    QList<RegistrationField> extra;
    for (const RegistrationField &field : fields) {
        if (field.key == u"username"_s || field.key == u"password"_s || field.key == u"FORM_TYPE"_s)
            continue;
        if (field.kind == RegistrationField::Kind::Hidden)
            continue;
        extra.append(field);
    }
    return extra;
}

AccountRegistration::AccountRegistration(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Jw::RegistrationForm>();
    qRegisterMetaType<Jw::RegistrationError>();
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(TimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail({ RegistrationError::Kind::ServerUnreachable,
            tr("The server %1 did not answer. Try again later.").arg(hostName()) });
    });
}

AccountRegistration::~AccountRegistration()
{
    cancel();
}

void AccountRegistration::setPinnedCertificates(const QList<QSslCertificate> &certificates)
{
    m_pinned = certificates;
}

QString AccountRegistration::hostName() const
{
    return m_host.isEmpty() ? m_domain : m_host;
}

void AccountRegistration::requestForm(const QString &domain, const QString &host, quint16 port)
{
    cancel();
    m_domain = domain;
    m_host = host;
    m_port = port;
    m_form = RegistrationForm {};
    m_lastIq.reset();
    m_submitting = false;
    m_busy = true;
    connectToServer();
}

void AccountRegistration::connectToServer()
{
    m_client = std::make_unique<QXmppClient>();
    m_manager = m_client->addNewExtension<QXmppRegistrationManager>();
    m_manager->setRegisterOnConnectEnabled(true);
    connect(m_manager, &QXmppRegistrationManager::registrationFormReceived, this,
        &AccountRegistration::onFormReceived);
    connect(m_manager, &QXmppRegistrationManager::registrationSucceeded, this, [this] {
        const QString jid = m_username + u'@' + m_domain;
        finish();
        Q_EMIT succeeded(jid);
    });
    connect(
        m_manager, &QXmppRegistrationManager::registrationFailed, this, [this](const QXmppStanza::Error &e) {
            RegistrationError error;
            error.serverText = e.text();
            switch (e.condition()) {
            case QXmppStanza::Error::FeatureNotImplemented:
            case QXmppStanza::Error::ServiceUnavailable:
                error.kind = RegistrationError::Kind::NotSupported;
                error.message = tr("%1 does not let apps create accounts.").arg(m_domain);
                break;
            case QXmppStanza::Error::Conflict:
                error.kind = RegistrationError::Kind::NameTaken;
                error.message = tr("The name “%1” is already taken on %2. Choose another one.")
                                    .arg(m_username, m_domain);
                break;
            case QXmppStanza::Error::NotAcceptable:
            case QXmppStanza::Error::BadRequest:
            case QXmppStanza::Error::JidMalformed:
                error.kind = RegistrationError::Kind::NotAcceptable;
                error.message = tr("%1 did not accept what was filled in.").arg(m_domain);
                break;
            case QXmppStanza::Error::NotAllowed:
            case QXmppStanza::Error::Forbidden:
            case QXmppStanza::Error::NotAuthorized:
            case QXmppStanza::Error::PolicyViolation:
            case QXmppStanza::Error::ResourceConstraint:
                error.kind = RegistrationError::Kind::Refused;
                error.message = tr("%1 refused to create the account.").arg(m_domain);
                break;
            default:
                error.kind = RegistrationError::Kind::Other;
                error.message = tr("%1 could not create the account.").arg(m_domain);
            }
            if (!error.serverText.isEmpty())
                error.message += u' ' + tr("It said: “%1”").arg(error.serverText);
            fail(error);
        });
    connect(m_client.get(), &QXmppClient::errorOccurred, this, &AccountRegistration::onClientError);
    // Direct: a pinned certificate must be accepted while the socket still asks.
    connect(m_client.get(), &QXmppClient::sslErrors, this, &AccountRegistration::onSslErrors,
        Qt::DirectConnection);

    QXmppConfiguration config;
    config.setDomain(m_domain);
    config.setJid(m_domain);
    if (!m_host.isEmpty())
        config.setHost(m_host);
    if (m_port != 0)
        config.setPort(m_port);
    config.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
    config.setUseNonSASLAuthentication(false);
    config.setIgnoreSslErrors(false);
    config.setAutoReconnectionEnabled(false);
    config.setResource(QStringLiteral("jabberwock"));
    m_sslErrors.clear();
    m_presented = QSslCertificate();
    m_timeout.start();
    m_client->connectToServer(config);
}

void AccountRegistration::onFormReceived(const QXmppRegisterIq &iq)
{
    m_lastIq = std::make_unique<QXmppRegisterIq>(iq);
    if (m_submitting)
        return; // asked again on a new connection: the completed form follows by itself
    m_timeout.stop();
    m_form = parseForm(m_domain, iq);
    Q_EMIT formReceived(m_form);
}

void AccountRegistration::submit(
    const QString &username, const QString &password, const QHash<QString, QString> &values)
{
    if (!m_lastIq || !m_client) {
        fail(
            { RegistrationError::Kind::Other, tr("There is no form to send: ask the server for it first.") });
        return;
    }
    m_username = username;
    m_submitting = true;
    m_busy = true;
    std::optional<QXmppDataForm> completedForm;
    std::optional<QXmppRegisterIq> plainForm;
    const QXmppDataForm data = m_lastIq->form();
    if (!data.isNull() && !data.fields().isEmpty()) {
        completedForm = data;
        completedForm->setType(QXmppDataForm::Submit);
        for (QXmppDataForm::Field &field : completedForm->fields()) {
            const QString key = field.key();
            if (key == u"username"_s)
                field.setValue(username);
            else if (key == u"password"_s)
                field.setValue(password);
            else if (values.contains(key))
                field.setValue(field.type() == QXmppDataForm::Field::BooleanField
                        ? QVariant(values.value(key) == u"1"_s || values.value(key) == u"true"_s)
                        : QVariant(values.value(key)));
            field.setMediaSources({});
        }
    } else {
        plainForm.emplace();
        plainForm->setUsername(username);
        plainForm->setPassword(password);
        if (!m_lastIq->email().isNull())
            plainForm->setEmail(values.value(QStringLiteral("email")));
    }
    m_timeout.start();
    const bool connected = m_client->isConnected();
    if (!connected) {
        // The server closed the idle connection: a new one sends the form
        // as soon as it is up (QXmppRegistrationManager's "option B").
        dropClient();
        connectToServer();
    }
    if (completedForm)
        m_manager->setRegistrationFormToSend(*completedForm);
    else
        m_manager->setRegistrationFormToSend(*plainForm);
    if (connected)
        m_manager->sendCachedRegistrationForm();
}

void AccountRegistration::onSslErrors(const QList<QSslError> &errors)
{
    m_sslErrors = errors;
    auto *socket = m_client->findChild<QSslSocket *>();
    if (!socket)
        return;
    m_presented = socket->peerCertificate();
    if (!m_presented.isNull() && m_pinned.contains(m_presented)) {
        socket->ignoreSslErrors();
        m_sslErrors.clear();
    }
}

void AccountRegistration::onClientError(const QXmppError &error)
{
    if (!m_busy)
        return;
    RegistrationError described;
    const QString host = hostName();
    if (auto socketError = error.value<QAbstractSocket::SocketError>()) {
        if (*socketError == QAbstractSocket::SslHandshakeFailedError && !m_sslErrors.isEmpty()) {
            QSslCertificate presented = m_sslErrors.first().certificate();
            if (presented.isNull())
                presented = m_presented;
            QStringList reasons;
            for (const QSslError &e : std::as_const(m_sslErrors))
                reasons.append(e.errorString());
            reasons.removeDuplicates();
            described = { RegistrationError::Kind::CertificateUntrusted,
                tr("The certificate of %1 is not trusted: %2. Its SHA-256 fingerprint is %3.")
                    .arg(host, reasons.join(QStringLiteral("; ")), fingerprint(presented)),
                {}, presented };
        } else if (*socketError == QAbstractSocket::HostNotFoundError) {
            described = { RegistrationError::Kind::ServerUnreachable,
                tr("The server %1 could not be found. Check the address.").arg(host) };
        } else if (*socketError == QAbstractSocket::ConnectionRefusedError) {
            described = { RegistrationError::Kind::ServerUnreachable,
                tr("The server %1 refused the connection. It may be down, or the port may be wrong.")
                    .arg(host) };
        } else {
            described = { RegistrationError::Kind::ServerUnreachable,
                tr("The server %1 cannot be reached: %2").arg(host, error.description) };
        }
    } else {
        described = { RegistrationError::Kind::Other,
            tr("The connection to %1 failed: %2").arg(host, error.description) };
    }
    fail(described);
}

void AccountRegistration::fail(const RegistrationError &error)
{
    finish();
    Q_EMIT failed(error);
}

void AccountRegistration::finish()
{
    m_timeout.stop();
    m_busy = false;
    m_submitting = false;
    dropClient();
}

void AccountRegistration::dropClient()
{
    if (!m_client)
        return;
    m_client->disconnect(this);
    m_manager->disconnect(this);
    m_manager = nullptr;
    // Not from inside one of its own signals: it goes once they have returned.
    QXmppClient *client = m_client.release();
    client->disconnectFromServer();
    client->deleteLater();
}

void AccountRegistration::cancel()
{
    finish();
}

} // namespace Jw
