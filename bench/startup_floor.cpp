// The floor bench_startup measures Jabberwock against, started the same way
// in the same run: a bare Qt 6 Widgets window of Jabberwock's size with a
// list of rows in Korean and Latin text (so the same fonts load), and with
// --xmpp also a bare QXmpp 1.10 client signing in over TLS, which loads the
// libraries any QXmpp client on this system loads (Qt Network with libproxy,
// the TLS backend, QXmpp with GStreamer and QCA). Nothing of Jabberwock's.
//
//   startup_floor [--xmpp JID PASSWORD HOST:PORT CA-CERTIFICATE]
//
// Writes "floor window painted" to stderr at the list's first paint, and
// "floor signed in" once the client is connected. Runs until killed.

#include "tlstrust.h"

#include <QApplication>
#include <QEvent>
#include <QListWidget>
#include <QMainWindow>
#include <QSslCertificate>
#include <QSslConfiguration>

#include <QXmppClient.h>
#include <QXmppConfiguration.h>

#include <cstdio>

namespace {

class FirstPaint final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_painted) {
            m_painted = true;
            std::fputs("floor window painted\n", stderr);
            std::fflush(stderr);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_painted = false;
};

} // namespace

int main(int argc, char *argv[])
{
    // The same on-demand CA lookup Jabberwock uses: the floor is what Qt and
    // QXmpp cost at their best, not Qt's eager read of every CA.
    Jw::TlsTrust::readSystemCertificatesOnDemand();
    QApplication app(argc, argv);
    const QStringList args = app.arguments();

    QMainWindow window;
    window.resize(960, 640);
    auto *list = new QListWidget(&window);
    for (int i = 0; i < 30; ++i)
        list->addItem(QStringLiteral("대화 %1 · conversation %1 · 안녕하세요").arg(i + 1));
    window.setCentralWidget(list);
    FirstPaint firstPaint;
    list->viewport()->installEventFilter(&firstPaint);
    window.show();

    QXmppClient client;
    const qsizetype at = args.indexOf(QStringLiteral("--xmpp"));
    if (at > 0) {
        if (at + 4 >= args.size()) {
            std::fputs("usage: startup_floor [--xmpp JID PASSWORD HOST:PORT CA-CERTIFICATE]\n", stderr);
            return 2;
        }
        QXmppConfiguration config;
        config.setJid(args.at(at + 1));
        config.setPassword(args.at(at + 2));
        const QString server = args.at(at + 3);
        config.setHost(server.section(u':', 0, 0));
        config.setPort(server.section(u':', 1, 1).toInt());
        config.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(QSslCertificate::fromPath(args.at(at + 4)));
        // The test certificate names the server's domain, not 127.0.0.1.
        config.setIgnoreSslErrors(true);
        QSslConfiguration::setDefaultConfiguration(tls);
        QObject::connect(&client, &QXmppClient::connected, [] {
            std::fputs("floor signed in\n", stderr);
            std::fflush(stderr);
        });
        client.connectToServer(config);
    }
    return app.exec();
}
