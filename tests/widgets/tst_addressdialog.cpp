#include "addressdialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Jw::Ui;
using namespace Qt::StringLiterals;

/// "New chat…" and "Add contact…": the address is checked as it is typed.
class TestAddressDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newChatValidatesLive()
    {
        AddressDialog dialog(AddressDialog::Purpose::NewChat);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.nameEdit());
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(!dialog.errorLabel()->isVisible());

        QTest::keyClicks(dialog.addressEdit(), u"bob"_s);
        QVERIFY(dialog.errorLabel()->isVisible());
        QVERIFY(dialog.errorLabel()->text().contains(u"not a person"_s));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(dialog.address().isEmpty());
        // Enter does not get past a malformed address: no chat opens, nothing is sent.
        QTest::keyClick(dialog.addressEdit(), Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));

        QTest::keyClicks(dialog.addressEdit(), u"@Example.org"_s);
        QVERIFY(!dialog.errorLabel()->isVisible());
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.address(), u"bob@example.org"_s);

        QTest::keyClick(dialog.addressEdit(), Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void addContactHasAnOptionalName()
    {
        AddressDialog dialog(AddressDialog::Purpose::AddContact);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.nameEdit());
        dialog.addressEdit()->setText(u"xmpp:carol@example.net"_s);
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.address(), u"carol@example.net"_s);
        QCOMPARE(dialog.name(), QString());
        QTest::keyClicks(dialog.nameEdit(), u"  Carol  "_s);
        QCOMPARE(dialog.name(), u"Carol"_s);
    }
};

QTEST_MAIN(TestAddressDialog)
#include "tst_addressdialog.moc"
