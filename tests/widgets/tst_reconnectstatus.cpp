#include "accountfeatures.h"
#include "historystore.h"
#include "hostileserver.h"
#include "mainwindow.h"
#include "roster.h"
#include "session.h"

#include <QLabel>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Jw;
using namespace Qt::StringLiterals;

/// The main window's status bar while the connection is away: why, when it
/// comes back, and "Reconnect Now", against a server that drops every sign-in.
class TestReconnectStatus final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheCountdownAndReconnectsNow()
    {
        Test::HostileServer server;
        server.setScript({ u"every-connection"_s, u"close"_s });
        QVERIFY2(server.start({ u"alice:alice-pw"_s }, { u"bob"_s }), qPrintable(server.errorString()));
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(u"history.db"_s));
        QVERIFY(store.open().result());
        Session session;
        AccountFeatures features(&store, session.transport());
        session.setContactRule([r = features.roster()](const QString &j) { return r->isContact(j); });
        Ui::MainWindow window(&features, &session);
        window.show();

        ConnectionSettings s;
        s.jid = server.jid(u"alice"_s);
        s.password = u"alice-pw"_s;
        s.host = u"127.0.0.1"_s;
        s.port = server.port();
        s.pinnedCertificates = QSslCertificate::fromPath(server.certificatePath());
        session.connectToServer(s);

        QLabel *label = window.connectionLabel();
        QToolButton *now = window.reconnectButton();
        QTRY_VERIFY_WITH_TIMEOUT(label->text().contains(u"Reconnecting in "_s), 15000);
        QVERIFY2(label->text().startsWith(u"The server 127.0.0.1 closed the connection."_s)
                || label->text().startsWith(u"The connection to the server was lost."_s),
            qPrintable(label->text()));
        QVERIFY(now->isVisible());
        // The second wait is 2 s: the countdown is seen, and "now" does not wait for it.
        QTRY_VERIFY_WITH_TIMEOUT(session.secondsUntilReconnect() >= 2, 10000);
        const int before = server.connectionCount();
        QTest::mouseClick(now, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(server.connectionCount() > before, 900);
        session.disconnectFromServer();
        QTRY_VERIFY(!now->isVisible());
        QCOMPARE(label->text(), u"Offline"_s);
    }
};

QTEST_MAIN(TestReconnectStatus)
#include "tst_reconnectstatus.moc"
