#include "passwordchange.h"
#include "registration.h"
#include "session.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Jw;
using namespace Qt::StringLiterals;

/// Creating accounts (XEP-0077) on a real Prosody that allows it, and on one
/// that does not.
class TestRegistration final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_open; // allows in-band registration
    Test::TestServer m_closed; // does not

    static QList<QSslCertificate> trust(const Test::TestServer &server)
    {
        return QSslCertificate::fromPath(server.certificatePath());
    }

    /// Asks `server` for its form; fails the test unless it comes.
    static RegistrationForm fetchForm(AccountRegistration &registration, const Test::TestServer &server)
    {
        QSignalSpy forms(&registration, &AccountRegistration::formReceived);
        QSignalSpy failures(&registration, &AccountRegistration::failed);
        registration.setPinnedCertificates(trust(server));
        registration.requestForm(server.domain(), u"127.0.0.1"_s, server.port());
        if (!QTest::qWaitFor([&] { return !forms.isEmpty() || !failures.isEmpty(); }, 20000))
            return {};
        if (!failures.isEmpty())
            qWarning("%s", qPrintable(failures.first().first().value<RegistrationError>().message));
        return forms.isEmpty() ? RegistrationForm {} : forms.first().first().value<RegistrationForm>();
    }

    static RegistrationError waitForFailure(QSignalSpy &failures)
    {
        if (failures.isEmpty() && !failures.wait(20000))
            return { RegistrationError::Kind::Other, u"no failure reported"_s };
        return failures.first().first().value<RegistrationError>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_open.setAllowRegistration(true);
        QVERIFY2(m_open.start({ u"alice:alice-pw"_s }), qPrintable(m_open.errorString()));
        QVERIFY2(m_closed.start({ u"bob:bob-pw"_s }), qPrintable(m_closed.errorString()));
    }

    void serverFormAsksForNameAndPassword()
    {
        AccountRegistration registration;
        const RegistrationForm form = fetchForm(registration, m_open);
        QCOMPARE(form.domain, m_open.domain());
        QVERIFY(form.hasField(u"username"_s));
        QVERIFY(form.hasField(u"password"_s));
        QVERIFY(!form.hasChallenge);
        QVERIFY(registration.isBusy()); // the connection waits for the filled-in form
        registration.cancel();
        QVERIFY(!registration.isBusy());
    }

    void newAccountIsCreatedAndSignsIn()
    {
        AccountRegistration registration;
        const RegistrationForm form = fetchForm(registration, m_open);
        QVERIFY(form.hasField(u"username"_s));
        QSignalSpy done(&registration, &AccountRegistration::succeeded);
        QSignalSpy failures(&registration, &AccountRegistration::failed);
        registration.submit(u"carol"_s, u"carol-pw-1"_s);
        QVERIFY2(done.wait(20000) || !done.isEmpty(),
            qPrintable(failures.isEmpty() ? u"no answer"_s
                                          : failures.first().first().value<RegistrationError>().message));
        QCOMPARE(done.first().first().toString(), m_open.jid(u"carol"_s));
        QVERIFY(!registration.isBusy());

        // The new account signs in like any other.
        Session session;
        ConnectionSettings settings;
        settings.jid = m_open.jid(u"carol"_s);
        settings.password = u"carol-pw-1"_s;
        settings.host = u"127.0.0.1"_s;
        settings.port = m_open.port();
        settings.pinnedCertificates = trust(m_open);
        session.connectToServer(settings);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Online, 15000);
        session.disconnectFromServer();
    }

    void takenNameGivesTheServersError()
    {
        AccountRegistration registration;
        QVERIFY(fetchForm(registration, m_open).hasField(u"username"_s));
        QSignalSpy done(&registration, &AccountRegistration::succeeded);
        QSignalSpy failures(&registration, &AccountRegistration::failed);
        registration.submit(u"alice"_s, u"another-pw"_s);
        const RegistrationError error = waitForFailure(failures);
        QCOMPARE(error.kind, RegistrationError::Kind::NameTaken);
        QVERIFY(done.isEmpty());
        QVERIFY2(error.message.contains(u"“alice”"_s), qPrintable(error.message));
        // What the server itself said is shown, word for word.
        QVERIFY2(!error.serverText.isEmpty(), qPrintable(error.message));
        QVERIFY2(error.message.contains(error.serverText), qPrintable(error.message));

        // The existing account keeps its password.
        Session session;
        ConnectionSettings settings;
        settings.jid = m_open.jid(u"alice"_s);
        settings.password = u"alice-pw"_s;
        settings.host = u"127.0.0.1"_s;
        settings.port = m_open.port();
        settings.pinnedCertificates = trust(m_open);
        session.connectToServer(settings);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Online, 15000);
        session.disconnectFromServer();
    }

    void serverWithoutRegistrationSaysSo()
    {
        AccountRegistration registration;
        QSignalSpy forms(&registration, &AccountRegistration::formReceived);
        QSignalSpy failures(&registration, &AccountRegistration::failed);
        registration.setPinnedCertificates(trust(m_closed));
        registration.requestForm(m_closed.domain(), u"127.0.0.1"_s, m_closed.port());
        const RegistrationError error = waitForFailure(failures);
        QCOMPARE(error.kind, RegistrationError::Kind::NotSupported);
        QVERIFY2(error.message.contains(m_closed.domain()), qPrintable(error.message));
        QVERIFY(forms.isEmpty());
        QVERIFY(!registration.isBusy());
    }

    void untrustedCertificateIsRefusedWithIt()
    {
        AccountRegistration registration; // nothing pinned
        QSignalSpy failures(&registration, &AccountRegistration::failed);
        registration.requestForm(m_open.domain(), u"127.0.0.1"_s, m_open.port());
        const RegistrationError error = waitForFailure(failures);
        QCOMPARE(error.kind, RegistrationError::Kind::CertificateUntrusted);
        const QSslCertificate served = trust(m_open).value(0);
        QCOMPARE(error.certificate, served);
        QVERIFY2(error.message.contains(fingerprint(served)), qPrintable(error.message));
    }

    void passwordChangeTakesEffect()
    {
        QVERIFY(m_open.addUser(u"dave"_s, u"dave-pw-1"_s));
        ConnectionSettings settings;
        settings.jid = m_open.jid(u"dave"_s);
        settings.password = u"dave-pw-1"_s;
        settings.host = u"127.0.0.1"_s;
        settings.port = m_open.port();
        settings.pinnedCertificates = trust(m_open);
        {
            Session session;
            // As the app does: the password change over the session's
            // transport, and later connections sign in with the new one.
            PasswordChange passwordChange(session.transport());
            connect(&passwordChange, &PasswordChange::passwordChanged, &session, &Session::setPassword);
            QSignalSpy refused(&passwordChange, &PasswordChange::passwordChangeFailed);
            passwordChange.changePassword(u"too-early"_s); // not online yet
            QCOMPARE(refused.count(), 1);

            session.connectToServer(settings);
            QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Online, 15000);
            QSignalSpy changed(&passwordChange, &PasswordChange::passwordChanged);
            QSignalSpy failed(&passwordChange, &PasswordChange::passwordChangeFailed);
            passwordChange.changePassword(u"dave-pw-2"_s);
            QVERIFY2(changed.wait(15000) || !changed.isEmpty(),
                qPrintable(failed.isEmpty() ? u"no answer"_s : failed.first().first().toString()));
            session.disconnectFromServer();
        }
        Session again;
        settings.password = u"dave-pw-2"_s;
        again.connectToServer(settings);
        QTRY_COMPARE_WITH_TIMEOUT(again.state(), Session::State::Online, 15000);
        again.disconnectFromServer();
    }
};

QTEST_GUILESS_MAIN(TestRegistration)
#include "tst_registration.moc"
