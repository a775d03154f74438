#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

class QSslSocket;

namespace Jw {

/// The upload of XEP-0363 (§4): one HTTPS PUT of a file to the slot's
/// link, streamed from disk in large pieces over a socket of its own with
/// Nagle off, so memory stays the same whatever the file's size.
///
/// Not QNetworkAccessManager: its HTTP thread asks the thread that owns
/// the file for the body 16 KB at a time, one round trip between the two
/// threads per piece, on a socket with Nagle on; against Prosody on
/// loopback that held uploads to a third of curl's speed (issue 16).
class HttpPut final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpPut)

public:
    /// `headers`: the slot's; only those XEP-0363 allows are sent.
    HttpPut(const QUrl &url, const QMap<QString, QString> &headers, const QString &path, const QString &mime,
        QObject *parent = nullptr);

    /// A server presenting one of these passes despite the errors of its
    /// certificate (a self-signed one pinned for the account).
    void setPinnedCertificates(const QList<QSslCertificate> &certificates) { m_pinned = certificates; }
    void start();
    /// Stops it; finished does not follow.
    void abort();

Q_SIGNALS:
    /// Bytes of the file handed to the connection (ahead of the server by
    /// what the socket holds): the first piece at once, the last, and
    /// between them at most every 100 ms.
    void progress(qint64 sent, qint64 total);
    /// The server answered (`error` empty: it took the file) or the request
    /// failed; `error` is a phrase to follow "The upload failed: ".
    void finished(const QString &error);

private:
    void sendHead();
    void pump();
    void onReadyRead();
    void finish(const QString &error);

    const QUrl m_url;
    const QMap<QString, QString> m_headers;
    const QString m_mime;
    QFile m_file;
    QSslSocket *const m_socket;
    QList<QSslCertificate> m_pinned;
    qint64 m_size = 0;
    qint64 m_queued = 0; ///< bytes of the file handed to the socket
    bool m_done = false;
    QByteArray m_answer; ///< the response as far as it came
    QElapsedTimer m_lastProgress;
};

} // namespace Jw
