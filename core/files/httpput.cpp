#include "httpput.h"

#include <QSslSocket>

namespace Jw {

namespace {

/// Read from the file at once; a quarter of what may wait in the socket.
constexpr qint64 Piece = 256 * 1024;
/// The most of the file held in memory, unsent, at any time.
constexpr qint64 Window = 4 * Piece;
constexpr qsizetype MaxHead = 64 * 1024;

} // namespace

HttpPut::HttpPut(const QUrl &url, const QMap<QString, QString> &headers, const QString &path, const QString &mime,
    QObject *parent)
    : QObject(parent)
    , m_url(url)
    , m_headers(headers)
    , m_mime(mime)
    , m_file(path)
    , m_socket(new QSslSocket(this))
{
    connect(m_socket, &QSslSocket::connected, this,
        [this] { m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    connect(m_socket, &QSslSocket::encrypted, this, &HttpPut::sendHead);
    connect(m_socket, &QSslSocket::readyRead, this, &HttpPut::onReadyRead);
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Exactly a pinned certificate passes; anything else fails as usual.
        const QSslCertificate presented = m_socket->peerCertificate();
        if (!presented.isNull() && m_pinned.contains(presented))
            m_socket->ignoreSslErrors(errors);
    });
    // An answer that came with the end of the connection counts.
    connect(m_socket, &QSslSocket::errorOccurred, this, [this] {
        onReadyRead();
        finish(m_socket->errorString());
    });
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        onReadyRead();
        finish(tr("the server closed the connection before it answered"));
    });
}

void HttpPut::start()
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        // Told from the event loop, as every other end.
        QMetaObject::invokeMethod(
            this, [this, why = m_file.errorString()] { finish(why); }, Qt::QueuedConnection);
        return;
    }
    m_size = m_file.size();
    m_socket->connectToHostEncrypted(m_url.host(), quint16(m_url.port(443)));
}

void HttpPut::abort()
{
    m_done = true;
    m_socket->abort();
}

void HttpPut::sendHead()
{
    QByteArray target = m_url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    QByteArray head = "PUT " + target + " HTTP/1.1\r\nHost: "
        + m_url.adjusted(QUrl::RemoveUserInfo).authority(QUrl::FullyEncoded).toLatin1()
        + "\r\nContent-Length: " + QByteArray::number(m_size) + "\r\nContent-Type: " + m_mime.toLatin1()
        + "\r\nConnection: close\r\n";
    // XEP-0363 §4: these three only, and never a line break of the server's.
    static const QStringList allowed { QStringLiteral("Authorization"), QStringLiteral("Cookie"),
        QStringLiteral("Expires") };
    for (auto it = m_headers.cbegin(); it != m_headers.cend(); ++it) {
        if (allowed.contains(it.key(), Qt::CaseInsensitive) && !it.value().contains(u'\r')
            && !it.value().contains(u'\n'))
            head += it.key().toLatin1() + ": " + it.value().toUtf8() + "\r\n";
    }
    m_socket->write(head + "\r\n");
    // Only now: the handshake's own bytes are told by this signal too.
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &HttpPut::pump);
    pump();
}

void HttpPut::pump()
{
    while (!m_done && m_queued < m_size && m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() < Window) {
        const QByteArray piece = m_file.read(std::min(Piece, m_size - m_queued));
        if (piece.isEmpty()) {
            finish(tr("the file could not be read to the end (%1)").arg(m_file.errorString()));
            return;
        }
        m_socket->write(piece);
        m_queued += piece.size();
        if (!m_lastProgress.isValid() || m_lastProgress.elapsed() >= 100 || m_queued == m_size) {
            m_lastProgress.start();
            Q_EMIT progress(m_queued, m_size); // may abort
        }
    }
}

void HttpPut::onReadyRead()
{
    m_answer += m_socket->readAll();
    while (!m_done) {
        const qsizetype end = m_answer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_answer.size() > MaxHead)
                finish(tr("the server's answer could not be read"));
            return;
        }
        // "HTTP/1.1 201 Created"
        const QByteArray status = m_answer.left(m_answer.indexOf("\r\n"));
        const QList<QByteArray> words = status.split(' ');
        const int code = words.value(1).toInt();
        if (!status.startsWith("HTTP/1.") || code < 100) {
            finish(tr("the server's answer could not be read"));
        } else if (code < 200) {
            m_answer.remove(0, end + 4); // "100 Continue" and the like: the answer follows
        } else if (code >= 300) {
            finish(tr("the server answered %1").arg(QString::fromLatin1(status.mid(status.indexOf(' ') + 1))));
        } else {
            // Taken before it was all sent: something is amiss.
            finish(m_queued < m_size ? tr("the server's answer could not be read") : QString());
        }
    }
}

void HttpPut::finish(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_socket->abort();
    Q_EMIT finished(error);
}

} // namespace Jw
