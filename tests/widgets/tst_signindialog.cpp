#include "address.h"
#include "signindialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

/// The sign-in dialog, offscreen: live validation, busy state, errors.
class TestSignInDialog final : public QObject
{
    Q_OBJECT

private:
    static void type(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }

private Q_SLOTS:
    void malformedAddressShowsSentence_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("fragment"); // a part of the sentence that names the mistake

        QTest::newRow("no localpart") << u"example.org"_s << u"is a server, not a person"_s;
        QTest::newRow("empty local") << u"@example.org"_s << u"before “@” is empty"_s;
        QTest::newRow("empty domain") << u"alice@"_s << u"after “@” is empty"_s;
        QTest::newRow("space") << u"al ice@example.org"_s << u"spaces"_s;
        QTest::newRow("resource") << u"alice@example.org/phone"_s << u"“/phone”"_s;
        QTest::newRow("two at") << u"alice@@example.org"_s << u"only one “@”"_s;
        QTest::newRow("bad domain") << u"alice@-bad-.org"_s << u"is not a valid server name"_s;
        QTest::newRow("angle bracket") << u"al<ice@example.org"_s << u"cannot contain “<”"_s;
        QTest::newRow("double dot") << u"alice@example..org"_s << u"is not a valid server name"_s;
    }

    void malformedAddressShowsSentence()
    {
        QFETCH(QString, address);
        QFETCH(QString, fragment);

        SignInDialog dialog(true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        type(dialog.passwordEdit(), u"secret"_s);
        type(dialog.addressEdit(), address);

        QLabel *error = dialog.addressErrorLabel();
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), parsePersonAddress(address).errorMessage());
        QVERIFY2(error->text().contains(fragment), qPrintable(error->text()));
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QVERIFY(!dialog.signInButton()->isEnabled());
        QVERIFY(dialog.jid().isEmpty());
    }

    void goodAddressAndPasswordEnableSignIn()
    {
        SignInDialog dialog(true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.signInButton()->isEnabled());
        QVERIFY(!dialog.addressErrorLabel()->isVisible()); // nothing typed is not a mistake

        type(dialog.addressEdit(), u"  Alice@Example.ORG "_s);
        QVERIFY(!dialog.addressErrorLabel()->isVisible());
        QVERIFY(!dialog.signInButton()->isEnabled()); // no password yet
        type(dialog.passwordEdit(), u"secret"_s);
        QVERIFY(dialog.signInButton()->isEnabled());
        QCOMPARE(dialog.jid(), u"alice@example.org"_s);
        QCOMPARE(dialog.password(), u"secret"_s);
        QCOMPARE(dialog.serverHost(), QString());
        QCOMPARE(dialog.serverPort(), quint16(0));

        dialog.passwordEdit()->clear();
        QVERIFY(!dialog.signInButton()->isEnabled());
    }

    void serverIsValidated()
    {
        SignInDialog dialog(true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        type(dialog.addressEdit(), u"alice@example.org"_s);
        type(dialog.passwordEdit(), u"secret"_s);

        type(dialog.serverEdit(), u"xmpp.example.org:99999"_s);
        QVERIFY(dialog.serverErrorLabel()->isVisible());
        QVERIFY(dialog.serverErrorLabel()->text().contains(u"99999"_s));
        QVERIFY(!dialog.signInButton()->isEnabled());

        type(dialog.serverEdit(), u"xmpp.example.org:5223"_s);
        QVERIFY(!dialog.serverErrorLabel()->isVisible());
        QVERIFY(dialog.signInButton()->isEnabled());
        QCOMPARE(dialog.serverHost(), u"xmpp.example.org"_s);
        QCOMPARE(dialog.serverPort(), quint16(5223));

        dialog.setServer(u"::1"_s, 5222);
        QCOMPARE(dialog.serverEdit()->text(), u"[::1]:5222"_s);
        QCOMPARE(dialog.serverHost(), u"::1"_s);
    }

    void signingInLocksTheFieldsUntilAnError()
    {
        SignInDialog dialog(true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.setJid(u"alice@example.org"_s);
        type(dialog.passwordEdit(), u"secret"_s);
        QSignalSpy requested(&dialog, &SignInDialog::signInRequested);

        QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        QVERIFY(dialog.isVisible()); // it does not close itself
        QVERIFY(dialog.isBusy());
        QVERIFY(!dialog.addressEdit()->isEnabled());
        QVERIFY(!dialog.passwordEdit()->isEnabled());
        QVERIFY(!dialog.signInButton()->isEnabled());
        QVERIFY(dialog.statusLabel()->isVisible());
        QCOMPARE(dialog.statusLabel()->text(), u"Signing in…"_s);

        const QString sentence = u"The server did not accept the password for alice@example.org."_s;
        dialog.showError(sentence);
        QVERIFY(!dialog.isBusy());
        QVERIFY(dialog.errorLabel()->isVisible());
        QCOMPARE(dialog.errorLabel()->text(), sentence);
        QVERIFY(!dialog.statusLabel()->isVisible());
        QVERIFY(dialog.addressEdit()->isEnabled());
        QVERIFY(dialog.passwordEdit()->isEnabled());
        QVERIFY(dialog.signInButton()->isEnabled());

        // Trying again hides the old reason.
        QTest::keyClick(dialog.passwordEdit(), Qt::Key_Return);
        QCOMPARE(requested.size(), 2);
        QVERIFY(!dialog.errorLabel()->isVisible());
    }

    void errorsArePlainText()
    {
        SignInDialog dialog(true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.showError(u"<b>bold</b> & <a href=\"x\">link</a>"_s);
        QCOMPARE(dialog.errorLabel()->textFormat(), Qt::PlainText);
        QCOMPARE(dialog.errorLabel()->text(), u"<b>bold</b> & <a href=\"x\">link</a>"_s);
    }

    void keychainUnavailableIsExplained()
    {
        SignInDialog without(false);
        without.show();
        QVERIFY(QTest::qWaitForWindowExposed(&without));
        QVERIFY(without.keychainNoteLabel()->isVisible());
        QCOMPARE(without.keychainNoteLabel()->text(),
            u"No system keychain was found: the password will be kept only until you quit."_s);
        QVERIFY(!without.rememberCheck()->isEnabled());
        QVERIFY(!without.rememberPassword());

        SignInDialog with(true);
        with.show();
        QVERIFY(QTest::qWaitForWindowExposed(&with));
        QVERIFY(!with.keychainNoteLabel()->isVisible());
        QVERIFY(with.rememberCheck()->isEnabled());
        QVERIFY(with.rememberPassword());
        with.rememberCheck()->setChecked(false);
        QVERIFY(!with.rememberPassword());
    }
};

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
