#include "createaccountdialog.h"
#include "signindialog.h"
#include "testserver.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

/// Creating an account from the sign-in dialog, offscreen, against a real
/// Prosody that allows in-band registration (XEP-0077).
class TestCreateAccountDialog final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server;

    static void type(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }

    void fill(
        CreateAccountDialog &dialog, const QString &name, const QString &password, const QString &repeat)
    {
        type(dialog.addressEdit(), m_server.jid(name));
        type(dialog.passwordEdit(), password);
        type(dialog.repeatEdit(), repeat);
        type(dialog.serverEdit(), u"127.0.0.1:%1"_s.arg(m_server.port()));
        dialog.setPinnedCertificates(QSslCertificate::fromPath(m_server.certificatePath()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server.setAllowRegistration(true);
        QVERIFY2(m_server.start({ u"alice:alice-pw"_s }), qPrintable(m_server.errorString()));
    }

    void signInDialogOffersIt()
    {
        SignInDialog signIn(true);
        QSignalSpy requested(&signIn, &SignInDialog::createAccountRequested);
        signIn.createAccountButton()->click();
        QCOMPARE(requested.count(), 1);
        signIn.setBusy(true);
        QVERIFY(!signIn.createAccountButton()->isEnabled());
    }

    void fieldsAreCheckedAsTyped()
    {
        CreateAccountDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.createButton()->isEnabled());
        fill(dialog, u"erin"_s, u"pw-one"_s, u"pw-two"_s);
        QVERIFY(!dialog.createButton()->isEnabled()); // the passwords differ
        type(dialog.repeatEdit(), u"pw-one"_s);
        QVERIFY(dialog.createButton()->isEnabled());
        type(dialog.addressEdit(), u"not an address"_s);
        QVERIFY(!dialog.createButton()->isEnabled());
    }

    void createsTheAccount()
    {
        CreateAccountDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fill(dialog, u"frank"_s, u"frank-pw"_s, u"frank-pw"_s);
        QSignalSpy finished(&dialog, &QDialog::finished);
        dialog.createButton()->click();
        QVERIFY(dialog.isBusy());
        QVERIFY(dialog.statusLabel()->isVisible());
        QVERIFY2(finished.wait(20000) || !finished.isEmpty(), qPrintable(dialog.errorLabel()->text()));
        QCOMPARE(finished.first().first().toInt(), int(QDialog::Accepted));
        QCOMPARE(dialog.jid(), m_server.jid(u"frank"_s));
        QCOMPARE(dialog.password(), u"frank-pw"_s);
        QCOMPARE(dialog.serverHost(), u"127.0.0.1"_s);
        QCOMPARE(dialog.serverPort(), m_server.port());
    }

    void takenNameShowsTheServersError()
    {
        CreateAccountDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fill(dialog, u"alice"_s, u"whatever"_s, u"whatever"_s);
        dialog.createButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
        QVERIFY(dialog.isVisible()); // still open, to try another name
        QLabel *error = dialog.errorLabel();
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"“alice”"_s), qPrintable(error->text()));
        QVERIFY2(error->text().contains(u"It said:"_s), qPrintable(error->text())); // the server's own words
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QVERIFY(dialog.createButton()->isEnabled());

        // Another name works at once.
        type(dialog.addressEdit(), m_server.jid(u"alice2"_s));
        QSignalSpy finished(&dialog, &QDialog::finished);
        dialog.createButton()->click();
        QVERIFY2(finished.wait(20000) || !finished.isEmpty(), qPrintable(dialog.errorLabel()->text()));
        QCOMPARE(dialog.jid(), m_server.jid(u"alice2"_s));
    }

    void untrustedCertificateIsAskedAbout()
    {
        CreateAccountDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fill(dialog, u"grace"_s, u"grace-pw"_s, u"grace-pw"_s);
        dialog.setPinnedCertificates({});
        QSignalSpy untrusted(&dialog, &CreateAccountDialog::certificateNotTrusted);
        dialog.createButton()->click();
        QVERIFY(untrusted.wait(20000) || !untrusted.isEmpty());
        const auto error = untrusted.first().first().value<RegistrationError>();
        QCOMPARE(error.certificate, QSslCertificate::fromPath(m_server.certificatePath()).value(0));

        QSignalSpy finished(&dialog, &QDialog::finished);
        dialog.trustCertificateAndRetry(error.certificate); // the person trusted it
        QVERIFY2(finished.wait(20000) || !finished.isEmpty(), qPrintable(dialog.errorLabel()->text()));
        QCOMPARE(dialog.pinnedCertificates(), QList<QSslCertificate> { error.certificate });
    }
};

QTEST_MAIN(TestCreateAccountDialog)
#include "tst_createaccountdialog.moc"
