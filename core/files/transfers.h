#pragma once

#include "expected.h"
#include "types.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QDateTime>
#include <QObject>
#include <QSslCertificate>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QXmppHttpUpload;
class QXmppHttpUploadManager;

namespace Jw {

class HistoryStore;
class Messenger;
class Requests;
class Rooms;
class Transport;

/// One upload or download of a file (schema version 12, table `transfers`).
struct Transfer
{
    enum class State { NotDownloaded, Downloading, Downloaded, Failed, Uploading, Uploaded, Cancelled };

    qint64 id = 0;
    QString chat;
    ChatKind kind = ChatKind::Chat;
    QString messageId; ///< the message carrying the link; empty while an upload runs
    Direction direction = Direction::Incoming; ///< Outgoing: an upload
    QString url; ///< the https link (empty until an upload got it)
    QString name; ///< the file's name, sanitised (core/files/filenames.h)
    qint64 size = -1; ///< bytes; -1 unknown
    QString mime;
    QString sha256; ///< hex, of the file on disk; empty until it is there
    QString localPath; ///< the file here: what was sent, or where the download went
    State state = State::NotDownloaded;
    qint64 bytesDone = 0;
    QString error; ///< why it failed, as a sentence
    QDateTime createdAt; ///< when it was asked for (sending: when the person sent it)

    bool isPicture() const;
    bool isRunning() const { return state == State::Downloading || state == State::Uploading; }
};

/// "not_downloaded", "downloading", "downloaded", "failed", "uploading",
/// "uploaded", "cancelled": as stored and in the export.
QString transferStateName(Transfer::State state);
Transfer::State transferStateFromName(const QString &name);

/// Files, both ways: sending one through the server's HTTP upload service
/// (XEP-0363) as a message carrying its link (XEP-0066 out-of-band data
/// beside the link in the body), and receiving: a message carrying a link
/// to a file is a transfer that can be downloaded into the download folder.
///
/// Safety: only https links are fetched; pictures are fetched by themselves
/// only from contacts, accepted chats and rooms, up to the auto-download
/// limit; nothing from a chat under Requests until it is accepted. A
/// download never grows past its announced size, never overwrites a file,
/// and is written under a sanitised name. A self-signed server certificate
/// pinned for the account (setPinnedCertificates) also covers HTTPS, for
/// exactly that certificate.
class Transfers final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transfers)

public:
    Transfers(HistoryStore *store, Transport *transport, Messenger *messenger, Rooms *rooms, Requests *requests,
        QObject *parent = nullptr);
    ~Transfers() override;

    void setPinnedCertificates(const QList<QSslCertificate> &certificates) { m_pinned = certificates; }
    void setDownloadFolder(const QString &folder) { m_downloadFolder = folder; }
    QString downloadFolder() const { return m_downloadFolder; }
    /// Pictures up to this size are downloaded without asking (0: never).
    void setAutoDownloadLimit(qint64 bytes) { m_autoLimit = bytes; }
    qint64 autoDownloadLimit() const { return m_autoLimit; }

    /// Reads the transfers kept in the history; one left running by an
    /// earlier run becomes failed ("interrupted"), to resume or retry. The
    /// future finishes on this object's thread (never block it on result()).
    QFuture<Expected<Done>> load();

    /// Sends the file at `path` to `chat` (a person, or a room with
    /// `kind` GroupChat): checks the server's upload service and its size
    /// limit first (refused says why, and nothing is uploaded), then
    /// uploads and sends the link. Progress as transferChanged.
    void sendFile(const QString &chat, ChatKind kind, const QString &path);
    /// Stops a running upload or download (state Cancelled / NotDownloaded).
    void cancel(qint64 id);
    /// A failed or cancelled upload again, or an interrupted download
    /// (resumed where the partial file allows).
    void retry(qint64 id);
    /// Downloads an incoming file the person asked for. Refused for a link
    /// that is not https.
    void download(qint64 id);
    /// Forgets an upload that never went out (failed or cancelled, no
    /// message carries it): it leaves the history; transferRemoved follows.
    /// Nothing for a running transfer or one a message carries.
    void discard(qint64 id);

    std::optional<Transfer> transfer(qint64 id) const;
    /// The transfer of a message, if it carries a file.
    std::optional<Transfer> transferOf(const QString &chat, const QString &messageId) const;
    QList<Transfer> transfers() const { return m_transfers.values(); }
    /// The upload service found (its size limit; 0: none said), for tests.
    bool serviceKnown() const { return m_service.has_value(); }
    /// How many HTTP requests this class started (uploads and downloads):
    /// tests check a refused file made none.
    int requestsStarted() const { return m_requestsStarted; }

    /// Every transfer kept in `store`, oldest first (the export reads them).
    static QFuture<Expected<QList<Transfer>>> readStored(HistoryStore *store);
    /// What a stored message's file is as far as the history knows, for a
    /// message that carries one (carriesFile): its transfer when there is
    /// one, else what the message says (the link and the name in it).
    static std::optional<Transfer> fileOf(const Message &message, const QList<Transfer> &transfers);

    /// Whether a received message carries a file: XEP-0066 data, or a body
    /// that is only an https link to a file.
    static bool carriesFile(const Message &message);
    /// The link of a message that carries a file.
    static QString linkOf(const Message &message);

Q_SIGNALS:
    void transferChanged(const Jw::Transfer &transfer);
    /// A transfer left the history (discard).
    void transferRemoved(const QString &chat, qint64 id);
    /// Sending a file to `chat` did not start: why, as one sentence.
    void refused(const QString &chat, const QString &sentence);
    void storageError(const QString &message);

private:
    struct Service
    {
        QString jid; ///< empty: the server has none
        qint64 limit = 0; ///< 0: no limit announced
    };
    struct Running;

    void onClientReplaced();
    QXmppHttpUploadManager *ensureUploader();
    void onMessageAdded(const Message &message);
    void onStandingChanged(const QString &chat);
    void findService(std::function<void()> then);
    void startUpload(Transfer start);
    void startDownload(Transfer start, bool automatic);
    void finishDownload(qint64 id);
    void failDownload(qint64 id, const QString &sentence, Transfer::State state = Transfer::State::Failed);
    bool mayFetchAutomatically(const Transfer &transfer) const;
    void update(const Transfer &transfer, bool persist = true);
    void insert(Transfer transfer, std::function<void(const Transfer &)> then);
    void onSslErrors(QNetworkReply *reply, const QList<QSslError> &errors);

    HistoryStore *const m_store;
    Transport *const m_transport;
    Messenger *const m_messenger;
    Rooms *const m_rooms;
    Requests *const m_requests;
    QNetworkAccessManager *const m_network;
    QXmppHttpUploadManager *m_uploader = nullptr; ///< on the current client (owned by it), once needed
    QList<QSslCertificate> m_pinned;
    QString m_downloadFolder;
    qint64 m_autoLimit = 5 * 1000 * 1000;
    std::optional<Service> m_service;
    QList<std::function<void()>> m_waitingForService;
    bool m_findingService = false;
    QHash<qint64, Transfer> m_transfers;
    QHash<QString, qint64> m_byMessage; ///< chat + '\n' + message id -> transfer id
    void remember(const Transfer &transfer);
    QHash<qint64, std::shared_ptr<Running>> m_running;
    int m_requestsStarted = 0;
};

} // namespace Jw

Q_DECLARE_METATYPE(Jw::Transfer)
