#include "exporter.h"

#include "historystore.h"
#include "profile.h"
#include "requests.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

namespace Jw {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::Export", text);
}

QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

bool write(QIODevice &out, const QByteArray &data)
{
    return out.write(data) == data.size();
}

} // namespace

QJsonObject messageToJson(const Message &m, const StoredReadState &chat, const std::optional<Transfer> &file)
{
    QJsonObject o {
        { QStringLiteral("id"), m.messageId },
        { QStringLiteral("direction"), directionName(m.direction) },
        { QStringLiteral("from"), m.from },
        { QStringLiteral("to"), m.to },
        { QStringLiteral("body"), m.body },
        { QStringLiteral("sent_at"), isoUtc(m.sentAt) },
        { QStringLiteral("received_at"), isoUtc(m.receivedAt) },
        { QStringLiteral("state"), stateName(m.state) },
        { QStringLiteral("arrived_offline"), m.arrivedOffline },
        { QStringLiteral("stanza_id"), orNull(m.stanzaId) },
    };
    // Issue 18: corrections (XEP-0308), replies (XEP-0461), reactions
    // (XEP-0444), retraction (XEP-0424; the body is empty then).
    o.insert(QStringLiteral("edited"), m.edited);
    o.insert(QStringLiteral("versions"), QJsonArray::fromStringList(m.versions));
    o.insert(QStringLiteral("reply_to"), orNull(m.replyTo));
    QJsonArray reactions;
    for (const Reaction &r : m.reactions)
        reactions.append(QJsonObject { { QStringLiteral("from"), r.from }, { QStringLiteral("emoji"), r.emoji } });
    o.insert(QStringLiteral("reactions"), reactions);
    o.insert(QStringLiteral("retracted"), m.retracted);
    if (m.state == DeliveryState::Failed)
        o.insert(QStringLiteral("error"), m.error);
    if (m.kind == ChatKind::GroupChat) {
        // `from` is already the occupant address (room@service/nick).
        o.insert(QStringLiteral("nick"), orNull(m.nick));
        o.insert(QStringLiteral("occupant_id"), orNull(m.occupantId));
    }
    if (m.isIncoming())
        o.insert(QStringLiteral("read"), m.rowId <= chat.read.lastRead);
    else
        o.insert(QStringLiteral("displayed"), countsAsDisplayed(m, chat.displayed));
    if (file) {
        const bool done = file->state == Transfer::State::Downloaded || file->direction == Direction::Outgoing;
        QString state = transferStateName(file->state);
        if (file->state == Transfer::State::Cancelled)
            state = QStringLiteral("failed");
        const QJsonObject attachment {
            { QStringLiteral("url"), file->url },
            { QStringLiteral("name"), file->name },
            { QStringLiteral("size"), file->size >= 0 ? QJsonValue(file->size) : QJsonValue() },
            { QStringLiteral("sha256"), orNull(file->sha256) },
            { QStringLiteral("local_path"), done ? orNull(file->localPath) : QJsonValue() },
            { QStringLiteral("state"), state },
        };
        o.insert(QStringLiteral("attachments"), QJsonArray { attachment });
    }
    return o;
}

QJsonObject chatToJson(const QString &account, const StoredReadState &chat, const QList<Message> &messages,
    const PeerChatState &peer, const StandingFlags &flags, const QList<Transfer> &transfers)
{
    QJsonArray list;
    // The read position is a row id; the export names the newest message up to it.
    qint64 lastReadRow = 0;
    QJsonValue lastReadId(QJsonValue::Null);
    int unread = 0;
    for (const Message &m : messages) {
        list.append(messageToJson(m, chat, Transfers::fileOf(m, transfers)));
        if (m.rowId <= chat.read.lastRead && m.rowId > lastReadRow) {
            lastReadRow = m.rowId;
            lastReadId = orNull(m.messageId);
        }
        if (m.isIncoming() && m.rowId > chat.read.lastRead)
            ++unread;
    }
    return QJsonObject {
        { QStringLiteral("account"), account },
        { QStringLiteral("chat"), chat.chat },
        { QStringLiteral("kind"), kindName(chat.kind) },
        { QStringLiteral("last_read_id"), lastReadId },
        { QStringLiteral("unread"), unread },
        // As the list would show it now: a composing gone stale is "paused".
        { QStringLiteral("chat_state"),
            orNull(chatStateName(peer.shownAt(QDateTime::currentDateTimeUtc(),
                ChatStateTiming {}.composingTimeoutMs))) },
        { QStringLiteral("chat_state_at"),
            orNull(peer.state == ChatState::None ? QString() : isoUtc(peer.at)) },
        { QStringLiteral("in_roster"), flags.inRoster },
        // A room is joined by the person (or their bookmark), never a request;
        // a stranger's invitation waits in the 1:1 chat with the inviter.
        { QStringLiteral("request"),
            chat.kind != ChatKind::GroupChat && Requests::isRequest(Requests::standingOf(flags)) },
        { QStringLiteral("blocked"), flags.blocked },
        { QStringLiteral("messages"), list },
    };
}

Expected<Done> exportHistory(const QString &profileDir, const QString &chat, ExportFormat format, QIODevice &out)
{
    if (!QFileInfo(profileDir).isDir())
        return Error { tr("There is no profile at %1.").arg(profileDir) };
    const Profile profile(profileDir);

    QJsonArray chats;
    QByteArray text;
    const auto histories = profile.histories();
    for (const Profile::StoredHistory &history : histories) {
        const QString &account = history.account;
        HistoryStore store(history.path);
        if (auto opened = store.open().result(); !opened)
            return opened.error();
        auto messages = store.allMessages(chat).result();
        if (!messages)
            return messages.error();
        const auto readStates = ReadStore::load(store, chat).result();
        if (!readStates)
            return readStates.error();
        QHash<QString, StoredReadState> readStateOf;
        for (const StoredReadState &s : std::as_const(readStates.value()))
            readStateOf.insert(s.chat, s);
        const auto chatStates = readPeerChatStates(store).result();
        if (!chatStates)
            return chatStates.error();
        const auto peers = RequestStore::load(store).result();
        if (!peers)
            return peers.error();
        const auto transfers = Transfers::readStored(&store).result();
        if (!transfers)
            return transfers.error();
        QHash<QString, QList<Transfer>> transfersOf;
        for (const Transfer &t : std::as_const(transfers.value()))
            transfersOf[t.chat].append(t);
        QString current;
        QList<Message> ofChat;
        const auto flush = [&] {
            if (current.isEmpty())
                return;
            StoredReadState readState = readStateOf.value(current);
            readState.chat = current;
            chats.append(chatToJson(account, readState, ofChat, chatStates->value(current), peers->value(current),
                transfersOf.value(current)));
            ofChat.clear();
        };
        for (const Message &m : std::as_const(messages.value())) {
            if (m.chat != current) {
                flush();
                current = m.chat;
                text += QStringLiteral("== %1 — %2 ==\n").arg(account, current).toUtf8();
            }
            ofChat.append(m);
            QString who = m.isIncoming() ? m.chat : account;
            if (m.kind == ChatKind::GroupChat)
                who = m.nick.isEmpty() ? m.chat : m.nick; // an empty nick: the room's own notice
            QString line = QStringLiteral("[%1] %2%3: %4\n")
                               .arg(m.sentAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")), who,
                                   m.arrivedOffline ? tr(" (arrived while offline)") : QString(), m.body);
            if (!m.isIncoming() && m.state != DeliveryState::Sent && m.state != DeliveryState::Delivered)
                line.insert(line.size() - 1, QStringLiteral(" [%1]").arg(stateName(m.state)));
            text += line.toUtf8();
        }
        flush();
    }
    const bool written = format == ExportFormat::Json
        ? write(out, QJsonDocument(chats).toJson(QJsonDocument::Indented))
        : write(out, text);
    if (!written)
        return Error { tr("Could not write the export: %1").arg(out.errorString()) };
    return Done {};
}

} // namespace Jw
