#pragma once

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>

class QXmppClient;
class QXmppRegisterIq;
class QXmppRegistrationManager;
struct QXmppError;

namespace Jw {

/// One field of a server's registration form.
struct RegistrationField
{
    enum class Kind
    {
        Text,
        Password,
        Boolean, ///< "1" or "0"
        Choice, ///< one of `options`
        Fixed, ///< a sentence to show, nothing to fill in
        Hidden, ///< sent back as it came
    };
    QString key; ///< the form's name for it ("username", "password", "email", …)
    QString label;
    QString description;
    Kind kind = Kind::Text;
    bool required = false;
    QString value;
    QList<QPair<QString, QString>> options; ///< for Choice: (label, value)
};

/// What a server asks of whoever wants an account (XEP-0077), as a data
/// form (XEP-0004) or as the plain fields of the older protocol.
struct RegistrationForm
{
    QString domain;
    QString instructions;
    QList<RegistrationField> fields;
    /// XEP-0066: the server wants accounts made on this web page instead.
    QString url;
    /// The form asks for a picture-based check (XEP-0158) that only its web
    /// page or a more capable client can show.
    bool hasChallenge = false;

    bool hasField(const QString &key) const;
    /// Fields a person must fill in besides the name and the password.
    QList<RegistrationField> extraFields() const;
};

/// Why no account was made, as a person should read it.
struct RegistrationError
{
    enum class Kind
    {
        NotSupported, ///< the server makes no accounts from an app
        NameTaken,
        NotAcceptable, ///< a field is missing or refused (password too weak, name malformed)
        Refused, ///< not allowed, too many attempts, failed check
        CertificateUntrusted,
        ServerUnreachable,
        Other,
    };
    Kind kind = Kind::Other;
    QString message = QString(); ///< our sentence, with the server's own words when it gave some
    QString serverText = QString(); ///< what the server said, as it said it
    QSslCertificate certificate
        = QSslCertificate(); ///< for CertificateUntrusted: to show, and to pin if trusted
};

/// Creates an account on a server that allows it (XEP-0077 in-band
/// registration): connects without signing in, asks for the form, sends it
/// back filled in. The new account signs in as any other afterwards.
///
/// TLS is required as for signing in, and a certificate that does not
/// verify is refused unless it is one of the pinned ones.
class AccountRegistration final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountRegistration)

public:
    explicit AccountRegistration(QObject *parent = nullptr);
    ~AccountRegistration() override;

    /// Certificates the person trusts though they do not verify.
    void setPinnedCertificates(const QList<QSslCertificate> &certificates);
    /// Connects to the server of `domain` (or `host`:`port`) and asks for
    /// its form. Then formReceived or failed.
    void requestForm(const QString &domain, const QString &host = {}, quint16 port = 0);
    /// Sends the form with the name, the password and `values` for the other
    /// fields (by key). Then succeeded or failed; after a failure, ask for
    /// the form again before another try.
    void submit(const QString &username, const QString &password, const QHash<QString, QString> &values = {});
    /// Stops whatever is going on, quietly.
    void cancel();

    bool isBusy() const { return m_busy; }
    RegistrationForm form() const { return m_form; }

    /// How long a step may take before it counts as failed.
    static constexpr int TimeoutMs = 30000;

Q_SIGNALS:
    void formReceived(const Jw::RegistrationForm &form);
    /// The account `jid` now exists (with the password that was sent).
    void succeeded(const QString &jid);
    void failed(const Jw::RegistrationError &error);

private:
    void connectToServer();
    void onFormReceived(const QXmppRegisterIq &iq);
    void onClientError(const QXmppError &error);
    void onSslErrors(const QList<QSslError> &errors);
    void fail(const RegistrationError &error);
    void finish();
    void dropClient();
    QString hostName() const;

    std::unique_ptr<QXmppClient> m_client;
    QXmppRegistrationManager *m_manager = nullptr;
    std::unique_ptr<QXmppRegisterIq> m_lastIq;
    QList<QSslCertificate> m_pinned;
    QList<QSslError> m_sslErrors;
    QSslCertificate m_presented;
    QTimer m_timeout;
    RegistrationForm m_form;
    QString m_domain;
    QString m_host;
    quint16 m_port = 0;
    QString m_username;
    bool m_busy = false;
    bool m_submitting = false;
};

} // namespace Jw

Q_DECLARE_METATYPE(Jw::RegistrationForm)
Q_DECLARE_METATYPE(Jw::RegistrationError)
