#include "transferbar.h"

#include "filenames.h"
#include "picture.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace Jw::Ui {

namespace {

QString statusText(const Transfer &t)
{
    const QString size = t.size >= 0 ? Files::sizeText(t.size) : QString();
    switch (t.state) {
    case Transfer::State::Uploading:
        return TransferBar::tr("Sending…");
    case Transfer::State::Downloading:
        return TransferBar::tr("Downloading…");
    case Transfer::State::Uploaded:
        return TransferBar::tr("Sent · %1").arg(size);
    case Transfer::State::Downloaded:
        return t.error.isEmpty() ? size : t.error;
    case Transfer::State::NotDownloaded:
        return size.isEmpty() ? TransferBar::tr("Not downloaded") : TransferBar::tr("Not downloaded · %1").arg(size);
    case Transfer::State::Cancelled:
        return TransferBar::tr("Cancelled");
    case Transfer::State::Failed:
        return t.error.isEmpty() ? TransferBar::tr("Failed") : t.error;
    }
    return {};
}

} // namespace

TransferBar::TransferBar(Transfers *transfers, QWidget *parent)
    : QWidget(parent)
    , m_transfers(transfers)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("fileProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    m_list = new QVBoxLayout;
    layout->addLayout(m_list);
    connect(m_transfers, &Transfers::transferChanged, this, [this](const Transfer &t) {
        if (t.chat != m_chat)
            return;
        QWidget *row = m_rows.value(t.id);
        if (row && row->property("state").toInt() == int(t.state)) {
            // Progress only: the bar moves, nothing is rebuilt.
            if (auto *bar = row->findChild<QProgressBar *>()) {
                bar->setMaximum(t.size > 0 ? 1000 : 0);
                bar->setValue(t.size > 0 ? int(1000 * t.bytesDone / t.size) : 0);
            }
            return;
        }
        rebuild();
    });
    connect(m_transfers, &Transfers::refused, this, [this](const QString &chat, const QString &sentence) {
        if (chat == m_chat)
            showProblem(sentence);
    });
}

void TransferBar::setChat(const QString &chat)
{
    if (chat == m_chat)
        return;
    m_chat = chat;
    m_problem->hide();
    rebuild();
}

void TransferBar::showProblem(const QString &sentence)
{
    m_problem->setText(sentence);
    m_problem->setVisible(!sentence.isEmpty());
}

void TransferBar::rebuild()
{
    for (QWidget *row : std::as_const(m_rows))
        delete row;
    m_rows.clear();
    QList<Transfer> shown;
    const auto all = m_transfers->transfers();
    for (const Transfer &t : all) {
        if (t.chat == m_chat && !m_dismissed.contains(t.id))
            shown.append(t);
    }
    std::sort(shown.begin(), shown.end(), [](const Transfer &a, const Transfer &b) { return a.id > b.id; });
    if (shown.size() > MaxRows)
        shown.resize(MaxRows);
    std::reverse(shown.begin(), shown.end());
    for (const Transfer &t : std::as_const(shown)) {
        QWidget *row = makeRow(t);
        m_list->addWidget(row);
        m_rows.insert(t.id, row);
    }
    setVisible(!m_chat.isEmpty());
}

QWidget *TransferBar::makeRow(const Transfer &t)
{
    auto *row = new QWidget(this);
    row->setProperty("state", int(t.state));
    row->setObjectName(QStringLiteral("transfer-%1").arg(t.id));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(4, 2, 4, 2);
    const qint64 id = t.id;

    if (t.state == Transfer::State::Downloaded && t.isPicture() && t.error.isEmpty()) {
        auto *thumbnail = new QLabel(row);
        thumbnail->setObjectName(QStringLiteral("thumbnail"));
        const QImage image = readPicture(t.localPath, QSize(96, 96));
        if (image.isNull())
            thumbnail->setText(tr("Could not show this picture"));
        else
            thumbnail->setPixmap(QPixmap::fromImage(image));
        layout->addWidget(thumbnail);
    }
    auto *text = new QLabel(row);
    text->setTextFormat(Qt::PlainText);
    text->setObjectName(QStringLiteral("status"));
    text->setText(t.name + QStringLiteral(" — ") + statusText(t));
    text->setToolTip(t.url);
    layout->addWidget(text, 1);

    const auto button = [&](const QString &label, const QString &name, auto slot) {
        auto *b = new QPushButton(label, row);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, slot);
        layout->addWidget(b);
        return b;
    };
    if (t.isRunning()) {
        auto *bar = new QProgressBar(row);
        bar->setMaximum(t.size > 0 ? 1000 : 0);
        bar->setValue(t.size > 0 ? int(1000 * t.bytesDone / t.size) : 0);
        bar->setTextVisible(false);
        bar->setMaximumWidth(160);
        layout->addWidget(bar);
        button(tr("Cancel"), QStringLiteral("cancel"), [this, id] { m_transfers->cancel(id); });
    }
    if ((t.state == Transfer::State::Failed || t.state == Transfer::State::Cancelled)
        && !(t.direction == Direction::Incoming && t.state == Transfer::State::Cancelled))
        button(tr("Retry"), QStringLiteral("retry"), [this, id] { m_transfers->retry(id); });
    if (t.state == Transfer::State::NotDownloaded) {
        button(tr("Download"), QStringLiteral("download"), [this, id] {
            const auto wanted = m_transfers->transfer(id);
            if (!wanted)
                return;
            // A link to another host than the sender's server: say where it goes first.
            const QString host = QUrl(wanted->url).host();
            const QString senderDomain = wanted->chat.section(u'@', 1).section(u'/', 0, 0);
            if (!host.endsWith(senderDomain)) {
                const auto answer = QMessageBox::question(this, tr("Download a File"),
                    tr("This file is on %1, not on the sender's server. Download it from there?").arg(host));
                if (answer != QMessageBox::Yes)
                    return;
            }
            m_transfers->download(id);
        });
    }
    if (t.state == Transfer::State::Downloaded && QFileInfo::exists(t.localPath)) {
        // Opened only when the person asks, with the desktop's own handler.
        button(tr("Open"), QStringLiteral("open"),
            [path = t.localPath] { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); });
        button(tr("Show in Folder"), QStringLiteral("showInFolder"), [path = t.localPath] {
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
        });
    }
    if (!t.isRunning()) {
        auto *dismiss = new QToolButton(row);
        dismiss->setText(QStringLiteral("×"));
        dismiss->setToolTip(tr("Hide"));
        dismiss->setObjectName(QStringLiteral("dismiss"));
        connect(dismiss, &QToolButton::clicked, this, [this, id] {
            m_dismissed.insert(id);
            rebuild();
        });
        layout->addWidget(dismiss);
    }
    return row;
}

} // namespace Jw::Ui
