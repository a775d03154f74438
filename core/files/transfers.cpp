#include "transfers.h"

#include "filenames.h"
#include "historystore.h"
#include "messenger.h"
#include "requests.h"
#include "rooms.h"
#include "sqlsupport.h"
#include "transport.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTimeZone>
#include <QXmppClient.h>
#include <QXmppDataForm.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppHttpUploadManager.h>
#include <QXmppUploadRequestManager.h>

#include <utility>

namespace Jw {

namespace {

const QString UploadNs = QStringLiteral("urn:xmpp:http:upload:0");

/// The SHA-256 of a file, read in pieces (never whole), as hex; empty if unreadable.
QString sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

Transfer transferFromRow(const QSqlQuery &q)
{
    Transfer t;
    t.id = q.value(0).toLongLong();
    t.chat = q.value(1).toString();
    t.messageId = q.value(2).toString();
    t.direction = q.value(3).toInt() == 1 ? Direction::Outgoing : Direction::Incoming;
    t.url = q.value(4).toString();
    t.name = q.value(5).toString();
    t.size = q.value(6).toLongLong();
    t.mime = q.value(7).toString();
    t.sha256 = q.value(8).toString();
    t.localPath = q.value(9).toString();
    t.state = transferStateFromName(q.value(10).toString());
    t.bytesDone = q.value(11).toLongLong();
    t.error = q.value(12).toString();
    t.kind = kindFromName(q.value(13).toString());
    t.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(14).toLongLong(), QTimeZone::UTC);
    return t;
}

Expected<QList<Transfer>> readTransfers(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT t.id, t.chat, t.message_id, t.direction, t.url, t.name, t.size, t.mime, t.sha256, "
            "t.local_path, t.state, t.bytes_done, t.error, COALESCE(c.kind, 'chat'), t.created_at "
            "FROM transfers t LEFT JOIN chats c ON c.chat = t.chat ORDER BY t.id")))
        return sqlError(QCoreApplication::translate("Jw::Transfers", "The files in the history could not be read"),
            q.lastError());
    QList<Transfer> all;
    while (q.next())
        all.append(transferFromRow(q));
    return all;
}

} // namespace

/// What a running transfer holds: the upload, or the download's reply and
/// its partial file.
struct Transfers::Running
{
    std::shared_ptr<QXmppHttpUpload> upload;
    QNetworkReply *reply = nullptr;
    std::unique_ptr<QFile> part;
    QCryptographicHash hash { QCryptographicHash::Sha256 };
    qint64 allowed = -1; ///< the most bytes this download may bring; -1: no limit
    bool automatic = false;
    QString stopReason; ///< set when we abort it, with the state to end in
    Transfer::State stopState = Transfer::State::Failed;
};

bool Transfer::isPicture() const
{
    static const QStringList pictures { QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
        QStringLiteral("gif"), QStringLiteral("webp"), QStringLiteral("bmp") };
    if (mime.startsWith(QStringLiteral("image/")))
        return true;
    return pictures.contains(QFileInfo(name).suffix().toLower());
}

QString transferStateName(Transfer::State state)
{
    switch (state) {
    case Transfer::State::NotDownloaded:
        return QStringLiteral("not_downloaded");
    case Transfer::State::Downloading:
        return QStringLiteral("downloading");
    case Transfer::State::Downloaded:
        return QStringLiteral("downloaded");
    case Transfer::State::Failed:
        return QStringLiteral("failed");
    case Transfer::State::Uploading:
        return QStringLiteral("uploading");
    case Transfer::State::Uploaded:
        return QStringLiteral("uploaded");
    case Transfer::State::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("failed");
}

Transfer::State transferStateFromName(const QString &name)
{
    for (const auto s : { Transfer::State::NotDownloaded, Transfer::State::Downloading, Transfer::State::Downloaded,
             Transfer::State::Failed, Transfer::State::Uploading, Transfer::State::Uploaded,
             Transfer::State::Cancelled }) {
        if (transferStateName(s) == name)
            return s;
    }
    return Transfer::State::Failed;
}

Transfers::Transfers(HistoryStore *store, Transport *transport, Messenger *messenger, Rooms *rooms,
    Requests *requests, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_transport(transport)
    , m_messenger(messenger)
    , m_rooms(rooms)
    , m_requests(requests)
    , m_network(new QNetworkAccessManager(this))
{
    m_downloadFolder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    // Redirects only within the same https origin.
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    connect(m_network, &QNetworkAccessManager::sslErrors, this, &Transfers::onSslErrors);
    connect(m_transport, &Transport::clientReplaced, this, &Transfers::onClientReplaced);
    connect(m_transport, &Transport::onlineChanged, this, [this](bool online) {
        if (!online)
            m_service.reset(); // asked again on the next connection
    });
    if (m_transport->client())
        onClientReplaced();
    connect(m_messenger, &Messenger::messageAdded, this, &Transfers::onMessageAdded);
    connect(m_rooms, &Rooms::messageAdded, this, &Transfers::onMessageAdded);
    connect(m_requests, &Requests::changed, this, &Transfers::onStandingChanged);
}

Transfers::~Transfers()
{
    for (const auto &running : std::as_const(m_running)) {
        if (running->reply)
            running->reply->disconnect(this);
        if (running->upload)
            running->upload->disconnect(this);
    }
}

void Transfers::onClientReplaced()
{
    QXmppClient *client = m_transport->client();
    if (!client)
        return;
    // Uploads on the old client's manager cannot finish.
    const auto running = m_running;
    for (auto it = running.cbegin(); it != running.cend(); ++it) {
        if (!it.value()->upload)
            continue;
        it.value()->upload->disconnect(this);
        m_running.remove(it.key());
        if (auto t = transfer(it.key())) {
            t->state = Transfer::State::Failed;
            t->error = tr("The connection to the server was lost during the upload.");
            update(*t);
        }
    }
    // The upload managers come with the first upload on this client
    // (ensureUploader): a session that sends no file asks nothing more.
    m_uploader = nullptr;
    m_service.reset();
}

QXmppHttpUploadManager *Transfers::ensureUploader()
{
    QXmppClient *client = m_transport->client();
    if (!client)
        return nullptr;
    if (!m_uploader) {
        if (!client->findExtension<QXmppUploadRequestManager>())
            client->addNewExtension<QXmppUploadRequestManager>();
        m_uploader = new QXmppHttpUploadManager(m_network);
        client->addExtension(m_uploader); // owned by the client
    }
    return m_uploader;
}

bool Transfers::carriesFile(const Message &message)
{
    if (!message.outOfBandUrl.isEmpty())
        return Files::isHttps(QUrl(message.outOfBandUrl));
    return Files::isFileLink(message.body);
}

QString Transfers::linkOf(const Message &message)
{
    return message.outOfBandUrl.isEmpty() ? message.body.trimmed() : message.outOfBandUrl;
}

QFuture<Expected<QList<Transfer>>> Transfers::readStored(HistoryStore *store)
{
    return store->run<QList<Transfer>>(HistoryStore::Access::Read, readTransfers);
}

std::optional<Transfer> Transfers::fileOf(const Message &message, const QList<Transfer> &transfers)
{
    if (!carriesFile(message))
        return std::nullopt;
    for (const Transfer &t : transfers) {
        if (t.chat == message.chat && t.messageId == message.messageId && !t.messageId.isEmpty()
            && t.direction == message.direction)
            return t;
    }
    Transfer t;
    t.chat = message.chat;
    t.kind = message.kind;
    t.messageId = message.messageId;
    t.direction = message.direction;
    t.url = linkOf(message);
    t.name = Files::fileNameOfUrl(QUrl(t.url));
    t.state = message.isIncoming() ? Transfer::State::NotDownloaded : Transfer::State::Uploaded;
    return t;
}

QFuture<Expected<Done>> Transfers::load()
{
    auto loaded = std::make_shared<QList<Transfer>>();
    auto future = m_store->run<Done>(HistoryStore::Access::Write, [loaded](QSqlDatabase &db) -> Expected<Done> {
        QSqlQuery q(db);
        // Nothing runs at start: what was running was cut off by the end of the last run.
        if (!q.exec(QStringLiteral("UPDATE transfers SET state = 'failed', error = 'interrupted' "
                                   "WHERE state IN ('downloading', 'uploading')")))
            return sqlError(tr("The files in the history could not be read"), q.lastError());
        auto all = readTransfers(db);
        if (!all)
            return all.error();
        *loaded = std::move(all).value();
        return Done {};
    });
    return future.then(this, [this, loaded](Expected<Done> result) {
        if (!result) {
            Q_EMIT storageError(result.errorMessage());
            return result;
        }
        for (Transfer t : std::as_const(*loaded)) {
            if (t.error == u"interrupted")
                t.error = t.direction == Direction::Outgoing ? tr("The upload was interrupted.")
                                                             : tr("The download was interrupted.");
            // A finished download whose file was deleted says so.
            if (t.state == Transfer::State::Downloaded && !QFileInfo::exists(t.localPath))
                t.error = tr("The downloaded file is no longer there: it was moved or deleted.");
            remember(t);
            Q_EMIT transferChanged(t);
        }
        return result;
    });
}

std::optional<Transfer> Transfers::transfer(qint64 id) const
{
    const auto it = m_transfers.constFind(id);
    if (it == m_transfers.cend())
        return std::nullopt;
    return *it;
}

std::optional<Transfer> Transfers::transferOf(const QString &chat, const QString &messageId) const
{
    if (messageId.isEmpty())
        return std::nullopt;
    const auto it = m_byMessage.constFind(chat + u'\n' + messageId);
    return it == m_byMessage.cend() ? std::nullopt : transfer(*it);
}

void Transfers::remember(const Transfer &t)
{
    m_transfers.insert(t.id, t);
    if (!t.messageId.isEmpty())
        m_byMessage.insert(t.chat + u'\n' + t.messageId, t.id);
}

void Transfers::insert(Transfer transfer, std::function<void(const Transfer &)> then)
{
    if (!transfer.createdAt.isValid())
        transfer.createdAt = QDateTime::currentDateTimeUtc();
    m_store
        ->run<qint64>(HistoryStore::Access::Write,
            [transfer](QSqlDatabase &db) -> Expected<qint64> {
                QSqlQuery q(db);
                if (!transfer.messageId.isEmpty()) {
                    // A message seen again (archive, carbon) keeps its one transfer.
                    q.prepare(QStringLiteral(
                        "SELECT id FROM transfers WHERE chat = ? AND message_id = ? AND direction = ?"));
                    q.addBindValue(transfer.chat);
                    q.addBindValue(transfer.messageId);
                    q.addBindValue(transfer.direction == Direction::Outgoing ? 1 : 0);
                    if (q.exec() && q.next())
                        return qint64(-q.value(0).toLongLong());
                }
                q.prepare(QStringLiteral("INSERT INTO transfers (chat, message_id, direction, url, name, size, mime, "
                                         "sha256, local_path, state, bytes_done, error, created_at) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
                q.addBindValue(notNull(transfer.chat));
                q.addBindValue(notNull(transfer.messageId));
                q.addBindValue(transfer.direction == Direction::Outgoing ? 1 : 0);
                q.addBindValue(notNull(transfer.url));
                q.addBindValue(notNull(transfer.name));
                q.addBindValue(transfer.size);
                q.addBindValue(notNull(transfer.mime));
                q.addBindValue(notNull(transfer.sha256));
                q.addBindValue(notNull(transfer.localPath));
                q.addBindValue(transferStateName(transfer.state));
                q.addBindValue(transfer.bytesDone);
                q.addBindValue(notNull(transfer.error));
                q.addBindValue(transfer.createdAt.toMSecsSinceEpoch());
                if (!q.exec())
                    return sqlError(tr("The file could not be saved in the history"), q.lastError());
                return q.lastInsertId().toLongLong();
            })
        .then(this, [this, transfer, then = std::move(then)](Expected<qint64> id) mutable {
            if (!id) {
                Q_EMIT storageError(id.errorMessage());
                return;
            }
            if (id.value() < 0)
                return; // known already
            transfer.id = id.value();
            remember(transfer);
            Q_EMIT transferChanged(transfer);
            if (then)
                then(transfer);
        });
}

void Transfers::update(const Transfer &transfer, bool persist)
{
    remember(transfer);
    Q_EMIT transferChanged(transfer);
    if (!persist)
        return;
    m_store
        ->run<Done>(HistoryStore::Access::Write,
            [transfer](QSqlDatabase &db) -> Expected<Done> {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("UPDATE transfers SET message_id = ?, url = ?, name = ?, size = ?, mime = ?, "
                                         "sha256 = ?, local_path = ?, state = ?, bytes_done = ?, error = ? WHERE id = ?"));
                q.addBindValue(notNull(transfer.messageId));
                q.addBindValue(notNull(transfer.url));
                q.addBindValue(notNull(transfer.name));
                q.addBindValue(transfer.size);
                q.addBindValue(notNull(transfer.mime));
                q.addBindValue(notNull(transfer.sha256));
                q.addBindValue(notNull(transfer.localPath));
                q.addBindValue(transferStateName(transfer.state));
                q.addBindValue(transfer.bytesDone);
                q.addBindValue(notNull(transfer.error));
                q.addBindValue(transfer.id);
                if (!q.exec())
                    return sqlError(tr("The file's state could not be saved"), q.lastError());
                return Done {};
            })
        .then(this, [this](Expected<Done> done) {
            if (!done)
                Q_EMIT storageError(done.errorMessage());
        });
}

// ---------------------------------------------------------------- upload

void Transfers::findService(std::function<void()> then)
{
    if (m_service) {
        then();
        return;
    }
    m_waitingForService.append(std::move(then));
    if (m_findingService)
        return;
    QXmppClient *client = m_transport->client();
    auto *disco = client ? client->findExtension<QXmppDiscoveryManager>() : nullptr;
    if (!disco || !m_transport->isOnline()) {
        m_waitingForService.clear();
        return;
    }
    const auto finish = [this](Service service) {
        m_findingService = false;
        m_service = service;
        const auto waiting = std::exchange(m_waitingForService, {});
        for (const auto &w : waiting)
            w();
    };
    m_findingService = true;
    const QString domain = m_transport->accountJid().section(u'@', 1);
    // XEP-0363 §2: the service is one of the server's items announcing the feature.
    disco->requestDiscoItems(domain).then(this, [this, disco, finish](QXmppDiscoveryManager::ItemsResult &&items) {
        auto *list = std::get_if<QList<QXmppDiscoveryIq::Item>>(&items);
        if (!list || list->isEmpty()) {
            finish(Service {});
            return;
        }
        auto left = std::make_shared<int>(int(list->size()));
        auto found = std::make_shared<std::optional<Service>>();
        for (const auto &item : std::as_const(*list)) {
            disco->requestDiscoInfo(item.jid())
                .then(this, [left, found, finish, jid = item.jid()](QXmppDiscoveryManager::InfoResult &&info) {
                    if (auto *iq = std::get_if<QXmppDiscoveryIq>(&info);
                        iq && !found->has_value() && iq->features().contains(UploadNs)) {
                        Service s { jid, 0 };
                        const auto fields = iq->form().fields();
                        for (const auto &field : fields) {
                            if (field.key() == u"max-file-size")
                                s.limit = field.value().toString().toLongLong();
                        }
                        *found = s;
                    }
                    if (--*left == 0)
                        finish(found->value_or(Service {}));
                });
        }
    });
}

void Transfers::sendFile(const QString &chat, ChatKind kind, const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        Q_EMIT refused(chat, tr("This file cannot be read."));
        return;
    }
    if (!m_transport->isOnline()) {
        Q_EMIT refused(chat, tr("Files can be sent once you are online."));
        return;
    }
    Transfer t;
    t.chat = chat;
    t.kind = kind;
    t.direction = Direction::Outgoing;
    t.name = Files::sanitizedFileName(info.fileName());
    t.size = info.size();
    t.mime = QMimeDatabase().mimeTypeForFile(info).name();
    t.localPath = info.absoluteFilePath();
    t.state = Transfer::State::Uploading;
    findService([this, t] {
        // The limit is checked before anything is uploaded.
        if (m_service->jid.isEmpty()) {
            Q_EMIT refused(t.chat, Files::noUploadSentence());
            return;
        }
        if (m_service->limit > 0 && t.size > m_service->limit) {
            Q_EMIT refused(t.chat, Files::tooLargeSentence(t.size, m_service->limit));
            return;
        }
        insert(t, [this](const Transfer &stored) { startUpload(stored); });
    });
    if (!m_findingService && !m_service)
        Q_EMIT refused(chat, tr("Files can be sent once you are online."));
}

void Transfers::startUpload(Transfer start)
{
    if (!ensureUploader() || !m_service || m_service->jid.isEmpty()) {
        start.state = Transfer::State::Failed;
        start.error = tr("The upload could not start: the server's upload service is not known yet.");
        update(start);
        return;
    }
    start.state = Transfer::State::Uploading;
    start.bytesDone = 0;
    start.error.clear();
    update(start);
    auto running = std::make_shared<Running>();
    ++m_requestsStarted;
    running->upload = m_uploader->uploadFile(QFileInfo(start.localPath), start.name, m_service->jid);
    m_running.insert(start.id, running);
    const qint64 id = start.id;
    QXmppHttpUpload *upload = running->upload.get();
    connect(upload, &QXmppHttpUpload::progressChanged, this, [this, id, upload] {
        if (auto t = transfer(id); t && t->state == Transfer::State::Uploading) {
            t->bytesDone = qint64(upload->bytesSent());
            update(*t, false); // progress is shown, not stored
        }
    });
    connect(upload, &QXmppHttpUpload::finished, this, [this, id](const QXmppHttpUpload::Result &result) {
        // The upload object is inside its own signal: it goes only after this turn.
        const auto ended = m_running.take(id);
        if (ended)
            QMetaObject::invokeMethod(this, [ended] {}, Qt::QueuedConnection);
        // A cancelled upload can end as an error of its aborted request.
        const bool cancelled = ended && ended->stopState == Transfer::State::Cancelled;
        auto t = transfer(id);
        if (!t)
            return;
        if (const QUrl *url = std::get_if<QUrl>(&result)) {
            t->url = url->toString(QUrl::FullyEncoded);
            t->state = Transfer::State::Uploaded;
            t->bytesDone = t->size;
            t->error.clear();
            // The link goes out through the ordinary outbox: stored, queued, retried.
            t->messageId = t->kind == ChatKind::GroupChat ? m_rooms->send(t->chat, t->url, t->url)
                                                          : m_messenger->sendMessage(t->chat, t->url, t->url);
            update(*t);
            // The hash of what was sent, read off the UI thread.
            const QString path = t->localPath;
            QThreadPool::globalInstance()->start([this, id, path, guard = QPointer<Transfers>(this)] {
                const QString hash = sha256Of(path);
                if (!guard)
                    return;
                QMetaObject::invokeMethod(
                    guard.data(),
                    [this, id, hash] {
                        if (auto hashed = transfer(id)) {
                            hashed->sha256 = hash;
                            update(*hashed);
                        }
                    },
                    Qt::QueuedConnection);
            });
        } else if (cancelled || std::holds_alternative<QXmpp::Cancelled>(result)) {
            t->state = Transfer::State::Cancelled;
            t->error.clear();
            update(*t);
        } else {
            const auto &error = std::get<QXmppError>(result);
            t->state = Transfer::State::Failed;
            // One sentence, whatever the network layer's words end with.
            QString why = error.description.trimmed();
            if (!why.isEmpty() && !why.endsWith(u'.'))
                why += u'.';
            t->error = why.isEmpty() ? tr("The upload failed.") : tr("The upload failed: %1").arg(why);
            update(*t);
        }
    });
}

void Transfers::cancel(qint64 id)
{
    const auto it = m_running.constFind(id);
    if (it == m_running.cend())
        return;
    const auto running = it.value();
    if (running->upload) {
        running->stopState = Transfer::State::Cancelled;
        running->upload->cancel();
    } else if (running->reply) {
        running->stopReason = tr("The download was cancelled.");
        running->stopState = Transfer::State::NotDownloaded;
        running->reply->abort();
    }
}

void Transfers::retry(qint64 id)
{
    auto t = transfer(id);
    if (!t || t->isRunning())
        return;
    if (t->direction == Direction::Incoming) {
        download(id);
        return;
    }
    if (t->state == Transfer::State::Uploaded)
        return;
    if (!QFileInfo(t->localPath).isReadable()) {
        t->state = Transfer::State::Failed;
        t->error = tr("The file to send is no longer there: it was moved or deleted.");
        update(*t);
        return;
    }
    findService([this, id] {
        auto again = transfer(id);
        if (!again)
            return;
        if (m_service->jid.isEmpty() || (m_service->limit > 0 && again->size > m_service->limit)) {
            again->state = Transfer::State::Failed;
            again->error = m_service->jid.isEmpty() ? Files::noUploadSentence()
                                                    : Files::tooLargeSentence(again->size, m_service->limit);
            update(*again);
            return;
        }
        startUpload(*again);
    });
    if (!m_findingService && !m_service)
        Q_EMIT refused(t->chat, tr("Files can be sent once you are online."));
}

void Transfers::discard(qint64 id)
{
    const auto t = transfer(id);
    if (!t || t->direction != Direction::Outgoing || t->isRunning() || !t->messageId.isEmpty())
        return;
    m_transfers.remove(id);
    Q_EMIT transferRemoved(t->chat, id);
    m_store
        ->run<Done>(HistoryStore::Access::Write,
            [id](QSqlDatabase &db) -> Expected<Done> {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("DELETE FROM transfers WHERE id = ?"));
                q.addBindValue(id);
                if (!q.exec())
                    return sqlError(tr("The file could not be removed from the history"), q.lastError());
                return Done {};
            })
        .then(this, [this](Expected<Done> done) {
            if (!done)
                Q_EMIT storageError(done.errorMessage());
        });
}

// ---------------------------------------------------------------- download

void Transfers::onMessageAdded(const Message &message)
{
    if (!message.isIncoming() || !carriesFile(message) || transferOf(message.chat, message.messageId))
        return;
    const QUrl url(linkOf(message));
    Transfer t;
    t.chat = message.chat;
    t.kind = message.kind;
    t.messageId = message.messageId;
    t.direction = Direction::Incoming;
    t.url = url.toString(QUrl::FullyEncoded);
    t.name = Files::fileNameOfUrl(url);
    t.mime = QMimeDatabase().mimeTypeForFile(t.name, QMimeDatabase::MatchExtension).name();
    t.state = Transfer::State::NotDownloaded;
    insert(t, [this](const Transfer &stored) {
        if (mayFetchAutomatically(stored))
            startDownload(stored, true);
    });
}

bool Transfers::mayFetchAutomatically(const Transfer &t) const
{
    if (m_autoLimit <= 0 || !t.isPicture() || !Files::isHttps(QUrl(t.url)))
        return false;
    if (t.state != Transfer::State::NotDownloaded || !t.error.isEmpty())
        return false;
    // Fetching reveals our address to the link's host: never for a stranger.
    if (t.kind == ChatKind::GroupChat)
        return true;
    return Requests::mayShareActivity(m_requests->standing(t.chat));
}

void Transfers::onStandingChanged(const QString &chat)
{
    const auto all = m_transfers;
    for (const Transfer &t : all) {
        if (t.chat == chat && t.direction == Direction::Incoming && mayFetchAutomatically(t))
            startDownload(t, true);
    }
}

void Transfers::download(qint64 id)
{
    auto t = transfer(id);
    if (!t || t->direction != Direction::Incoming || t->isRunning())
        return;
    if (!Files::isHttps(QUrl(t->url))) {
        t->state = Transfer::State::Failed;
        t->error = tr("Only https links are downloaded.");
        update(*t);
        return;
    }
    startDownload(*t, false);
}

void Transfers::startDownload(Transfer start, bool automatic)
{
    if (m_running.contains(start.id))
        return;
    if (!QDir().mkpath(m_downloadFolder)) {
        failDownload(start.id, tr("The download folder %1 cannot be made.").arg(m_downloadFolder));
        return;
    }
    auto running = std::make_shared<Running>();
    running->automatic = automatic;
    if (automatic)
        running->allowed = m_autoLimit;
    if (start.size >= 0)
        running->allowed = running->allowed < 0 ? start.size : std::min(running->allowed, start.size);

    // The partial file: resumed where an earlier run left one.
    QString partPath = start.localPath.endsWith(QStringLiteral(".part")) ? start.localPath : QString();
    if (partPath.isEmpty() || !QFileInfo::exists(partPath)) {
        partPath = Files::availablePath(m_downloadFolder, start.name) + QStringLiteral(".part");
        start.bytesDone = 0;
    }
    running->part = std::make_unique<QFile>(partPath);
    if (!running->part->open(QIODevice::ReadWrite)) {
        failDownload(start.id, tr("The file %1 cannot be written.").arg(partPath));
        return;
    }
    QNetworkRequest request { QUrl(start.url) };
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    const qint64 have = running->part->size();
    if (have > 0) {
        // Hash what is there, then ask for the rest.
        running->hash.addData(running->part.get());
        request.setRawHeader("Range", "bytes=" + QByteArray::number(have) + '-');
    }
    running->part->seek(have);
    start.bytesDone = have;
    start.localPath = partPath;
    start.state = Transfer::State::Downloading;
    start.error.clear();
    update(start);

    ++m_requestsStarted;
    QNetworkReply *reply = m_network->get(request);
    running->reply = reply;
    m_running.insert(start.id, running);
    const qint64 id = start.id;
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, id, reply] {
        const auto it = m_running.constFind(id);
        if (it == m_running.cend())
            return;
        Running &r = **it;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200 && r.part->pos() > 0) {
            // The server sends it whole: start again.
            r.part->resize(0);
            r.part->seek(0);
            r.hash.reset();
        }
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (r.allowed < 0 && length > 0)
            r.allowed = r.part->pos() + length; // what the server announced, and not a byte more
        if (auto t = transfer(id); t && length > 0 && t->size < 0) {
            t->size = length + r.part->pos();
            update(*t, false);
        }
        if (r.allowed >= 0 && length > 0 && r.part->pos() + length > r.allowed) {
            r.stopReason = r.automatic ? QString() : tr("The file is larger than announced, so the download was stopped.");
            r.stopState = r.automatic ? Transfer::State::NotDownloaded : Transfer::State::Failed;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, id, reply] {
        const auto it = m_running.constFind(id);
        if (it == m_running.cend())
            return;
        Running &r = **it;
        const QByteArray data = reply->readAll();
        if (r.allowed >= 0 && r.part->pos() + data.size() > r.allowed) {
            // Never more than announced (or allowed without asking).
            r.stopReason = r.automatic ? QString() : tr("The file is larger than announced, so the download was stopped.");
            r.stopState = r.automatic ? Transfer::State::NotDownloaded : Transfer::State::Failed;
            reply->abort();
            return;
        }
        if (r.part->write(data) != data.size()) {
            r.stopReason = tr("The file could not be written: %1").arg(r.part->errorString());
            reply->abort();
            return;
        }
        r.hash.addData(data);
        if (auto t = transfer(id)) {
            t->bytesDone = r.part->pos();
            update(*t, false);
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, id, reply] {
        reply->deleteLater();
        const auto it = m_running.constFind(id);
        if (it == m_running.cend())
            return;
        Running &r = **it;
        if (reply->error() == QNetworkReply::NoError && r.stopReason.isEmpty()
            && r.stopState == Transfer::State::Failed) {
            finishDownload(id);
            return;
        }
        if (r.stopState == Transfer::State::NotDownloaded && r.stopReason.isEmpty() && r.automatic) {
            // Over the automatic limit: it waits for the person to ask.
            r.part->close();
            r.part->remove();
            m_running.remove(id);
            if (auto t = transfer(id)) {
                t->state = Transfer::State::NotDownloaded;
                t->bytesDone = 0;
                t->localPath.clear();
                update(*t);
            }
            return;
        }
        const QString reason = !r.stopReason.isEmpty() ? r.stopReason
                                                       : tr("The download failed: %1").arg(reply->errorString());
        failDownload(id, reason, r.stopState);
    });
}

void Transfers::finishDownload(qint64 id)
{
    const auto running = m_running.take(id);
    auto t = transfer(id);
    if (!t || !running)
        return;
    running->part->flush();
    const qint64 size = running->part->size();
    running->part->close();
    // The finished file takes a free name next to the partial one.
    const QFileInfo part(running->part->fileName());
    const QString finalPath = Files::availablePath(part.absolutePath(), t->name);
    if (!QFile::rename(part.absoluteFilePath(), finalPath)) {
        failDownload(id, tr("The file could not be put in place as %1.").arg(finalPath));
        return;
    }
    t->localPath = finalPath;
    t->size = size;
    t->bytesDone = size;
    t->sha256 = QString::fromLatin1(running->hash.result().toHex());
    t->state = Transfer::State::Downloaded;
    t->error.clear();
    update(*t);
}

void Transfers::failDownload(qint64 id, const QString &sentence, Transfer::State state)
{
    const auto running = m_running.take(id);
    if (running && running->part)
        running->part->close(); // the partial file stays, to be resumed
    auto t = transfer(id);
    if (!t)
        return;
    t->state = state == Transfer::State::NotDownloaded ? Transfer::State::NotDownloaded : Transfer::State::Failed;
    t->error = state == Transfer::State::NotDownloaded ? QString() : sentence;
    update(*t);
}

void Transfers::onSslErrors(QNetworkReply *reply, const QList<QSslError> &errors)
{
    // Exactly the certificate the person pinned for this account passes;
    // anything else is verified as usual (and fails here).
    const QSslCertificate presented = reply->sslConfiguration().peerCertificate();
    if (!presented.isNull() && m_pinned.contains(presented))
        reply->ignoreSslErrors(errors);
}

} // namespace Jw
