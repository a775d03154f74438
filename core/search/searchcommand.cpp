#include "searchcommand.h"

#include "historystore.h"
#include "profile.h"
#include "searchindex.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Jw::Search {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Jw::Search", text);
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

Expected<Done> searchHistory(const QString &profileDir, const QString &chat, const QString &queryText,
    ExportFormat format, QIODevice &out)
{
    auto query = parseQuery(queryText);
    if (!query)
        return query.error();
    if (!QFileInfo(profileDir).isDir())
        return Error { tr("There is no profile at %1.").arg(profileDir) };
    const Profile profile(profileDir);

    struct Found
    {
        QString account;
        Message message;
    };
    QList<Found> found;
    const auto histories = profile.histories();
    for (const Profile::StoredHistory &history : histories) {
        const QString &account = history.account;
        HistoryStore store(history.path);
        if (auto opened = store.open().result(); !opened)
            return opened.error();
        Request request;
        request.query = query.value();
        request.chat = chat;
        request.requests = RequestScope::Include;
        request.limit = 0; // every hit, newest first (read in batches: SQLite holds one at a time)
        const auto page = search(store, request).result();
        if (!page)
            return page.error();
        for (const Hit &hit : page->hits)
            found.append(Found { account, hit.message });
    }
    // The accounts' hits together; each account's order stays for equal times.
    std::stable_sort(found.begin(), found.end(),
        [](const Found &a, const Found &b) { return a.message.sentAt > b.message.sentAt; });

    QByteArray data;
    if (format == ExportFormat::Json) {
        QJsonArray list;
        for (const Found &f : std::as_const(found)) {
            const Message &m = f.message;
            list.append(QJsonObject {
                { QStringLiteral("chat"), m.chat },
                { QStringLiteral("id"), orNull(m.messageId) },
                { QStringLiteral("from"), m.isIncoming() ? m.from : f.account },
                { QStringLiteral("sent_at"), m.sentAt.toUTC().toString(Qt::ISODateWithMs) },
                { QStringLiteral("body"), m.body },
            });
        }
        data = QJsonDocument(list).toJson(QJsonDocument::Indented);
    } else {
        for (const Found &f : std::as_const(found)) {
            const Message &m = f.message;
            QString who = m.isIncoming() ? m.chat : f.account;
            if (m.kind == ChatKind::GroupChat)
                who = m.nick.isEmpty() ? m.chat : m.nick;
            data += QStringLiteral("[%1] %2 — %3: %4\n")
                        .arg(m.sentAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")), m.chat, who,
                            m.body)
                        .toUtf8();
        }
    }
    if (out.write(data) != data.size())
        return Error { tr("Could not write the results: %1").arg(out.errorString()) };
    return Done {};
}

} // namespace Jw::Search
