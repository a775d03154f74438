#include "certificatedialog.h"
#include "session.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

namespace {

// A self-signed certificate for xmpp.example.org (made with openssl req -x509).
const char selfSigned[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDZTCCAk2gAwIBAgIUWQ6wy0X64qOFNMjDKSwXTf7qbPgwDQYJKoZIhvcNAQEL\n"
    "BQAwLTEZMBcGA1UEAwwQeG1wcC5leGFtcGxlLm9yZzEQMA4GA1UECgwHRXhhbXBs\n"
    "ZTAeFw0yNjExMjUxNzI0NDBaFw0yNjEyMjUxNzI0NDBaMC0xGTAXBgNVBAMMEHht\n"
    "cHAuZXhhbXBsZS5vcmcxEDAOBgNVBAoMB0V4YW1wbGUwggEiMA0GCSqGSIb3DQEB\n"
    "AQUAA4IBDwAwggEKAoIBAQC3zpnYlMA0VrKcjJic4LaebUaJHCk4Yw0pimjdk/r7\n"
    "FV4XXXj5UETn/frTwuN+LA2MiUdXQyaCn4f/3H+RBChfT/FPg82ig51XC9FI9wZC\n"
    "zfrSuRxcswYYGjnpoSFXo4RX7dASNZgnjUx5Q6DOlnczhtGMGA+NEE7Ito8jyU9f\n"
    "inYCzBY9midYtH5jQ0VqX9Y5OBCF513IGstSLlmqmuMRTOtHCBc/2GE34ey+Z12g\n"
    "pbq7lm/IEdCmtuOFZM9I31hg+48jTIwXi14yjlD0yV65RCMcZutJGLUZJtItDvtM\n"
    "I/ry3UzzjGpE7rQi5Esmo8PeMKjtG9khatLEzTTimANzAgMBAAGjfTB7MB0GA1Ud\n"
    "DgQWBBSu7UbknKaI8Nf/yYllJM23S7VT4DAfBgNVHSMEGDAWgBSu7UbknKaI8Nf/\n"
    "yYllJM23S7VT4DAPBgNVHRMBAf8EBTADAQH/MCgGA1UdEQQhMB+CEHhtcHAuZXhh\n"
    "bXBsZS5vcmeCC2V4YW1wbGUub3JnMA0GCSqGSIb3DQEBCwUAA4IBAQBSDI+rZAWh\n"
    "LhJfLftU9ozy0E60DecNsHi0edRFnl/siZBoZTUZhh/+/bIRQuK+Vd064VFJZipT\n"
    "QV4yzmMJChsLZVxboaLGtzTFM7TbaAG2GHAAHyZoU0jGSyAFOT5YruSLzJ0XP/Hf\n"
    "PKBnepGYovfBa7pyub5xm6xb2ImsXz1KcnjxEUST7OWn2kLXqqPMcEqAVDJaE+MS\n"
    "R+N+aOhJY725datmsHYzbOcsvL2683zOWI05wubGbLuvrdgq7S2uSUWaLz3WL/nl\n"
    "mDlZcU41fOGo0w33IQ6H3igF87sC002sznIcLklGTlmBupYMW+Wl5pmhT6p6Pt1g\n"
    "bJVyo4Yh5nC9\n"
    "-----END CERTIFICATE-----\n";

SessionError untrusted()
{
    SessionError error;
    error.kind = SessionError::Kind::CertificateUntrusted;
    error.certificate = QSslCertificate(QByteArray(selfSigned));
    error.message = u"The certificate of xmpp.example.org is not trusted: it is self-signed. "
                    "Its SHA-256 fingerprint is %1."_s.arg(fingerprint(error.certificate));
    return error;
}

} // namespace

/// The question asked before pinning a certificate that did not verify.
class TestCertificateDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheSentenceAndTheCertificate()
    {
        const SessionError error = untrusted();
        QVERIFY(!error.certificate.isNull());
        CertificateDialog dialog(error);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.messageLabel()->text(), error.message);
        QCOMPARE(dialog.messageLabel()->textFormat(), Qt::PlainText);
        QCOMPARE(dialog.detailsLabel()->text(), fingerprint(error.certificate));
        const auto labels = dialog.findChildren<QLabel *>();
        const bool namesSubject = std::any_of(labels.cbegin(), labels.cend(),
            [](const QLabel *label) { return label->text() == u"xmpp.example.org"_s; });
        QVERIFY(namesSubject);
        QCOMPARE(dialog.trustButton()->text(), u"&Trust This Certificate"_s);
        QVERIFY(dialog.trustButton()->isEnabled());
    }

    void cancelIsTheDefault()
    {
        CertificateDialog dialog(untrusted());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.cancelButton()->isDefault());
        QVERIFY(!dialog.trustButton()->isDefault());
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        QTest::keyClick(&dialog, Qt::Key_Return);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void trustAccepts()
    {
        CertificateDialog dialog(untrusted());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(dialog.trustButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void withoutACertificateNothingCanBeTrusted()
    {
        SessionError error;
        error.kind = SessionError::Kind::CertificateUntrusted;
        error.message = u"The certificate of xmpp.example.org is not trusted."_s;
        CertificateDialog dialog(error);
        QVERIFY(!dialog.trustButton()->isEnabled());
    }
};

QTEST_MAIN(TestCertificateDialog)
#include "tst_certificatedialog.moc"
