#include "account.h"
#include "accountsettings.h"
#include "chatpane.h"
#include "filenames.h"
#include "messagedelegate.h"
#include "messagesmodel.h"
#include "sendfiledialog.h"
#include "testserver.h"
#include "transfers.h"

#include <QApplication>
#include <QDebug>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

using Action = MessageDelegate::FileAction;

/// A file's card in its message (issue 16), as the person sees and uses it:
/// two Jabberwock accounts on a private Prosody with mod_http_file_share on
/// loopback HTTPS, each with the chat pane open. The receiver downloads
/// from the card of an incoming file (progress with Cancel, then Open and
/// Show in Folder, then "deleted" once the file is gone); the sender
/// cancels an upload from its message and sends it again with Retry.
class TestFileCard final : public QObject
{
    Q_OBJECT

private:
    Test::TestServer m_server;
    QTemporaryDir m_dir;

    std::unique_ptr<Test::Account> signIn(const QString &user)
    {
        auto account = std::make_unique<Test::Account>(
            m_dir.filePath(user + u".db"_s), Test::connectionSettings(m_server, user));
        Transfers *transfers = account->features.transfers();
        transfers->setPinnedCertificates(account->settings.pinnedCertificates);
        transfers->setDownloadFolder(m_dir.filePath(u"downloads-"_s + user));
        if (!account->opened || !account->signIn())
            return {};
        if (!QTest::qWaitFor([&] { return account->requests()->isLoaded(); }, 5000))
            return {};
        return account;
    }

    QString makeFile(const QString &name, qint64 size)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        QByteArray chunk(256 * 1024, Qt::Uninitialized);
        for (qint64 left = size; left > 0; left -= chunk.size()) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
            f.write(chunk.constData(), std::min<qint64>(left, chunk.size()));
        }
        return path;
    }

    static QString sha256Of(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(&f);
        return QString::fromLatin1(h.result().toHex());
    }

    static MessageDelegate *delegateOf(ChatPane &pane)
    {
        return qobject_cast<MessageDelegate *>(pane.messageView()->itemDelegate());
    }

    /// The row of the view whose message carries (or is) transfer `id`.
    static QModelIndex rowOf(ChatPane &pane, qint64 id)
    {
        const QAbstractItemModel *model = pane.messageView()->model();
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(MessagesModel::TransferIdRole).toLongLong() == id)
                return index;
        }
        return {};
    }

    /// What the view gives the delegate for `index`.
    static QStyleOptionViewItem optionFor(QListView *view, const QModelIndex &index)
    {
        QStyleOptionViewItem option;
        option.initFrom(view->viewport());
        option.widget = view;
        option.font = view->font();
        option.rect = view->visualRect(index);
        return option;
    }

    /// What the card of transfer `id` shows now, as words.
    static QStringList cardTexts(ChatPane &pane, qint64 id)
    {
        QListView *view = pane.messageView();
        const QModelIndex index = rowOf(pane, id);
        return index.isValid() ? delegateOf(pane)->shownTexts(optionFor(view, index), index) : QStringList();
    }

    static int cardProgress(ChatPane &pane, qint64 id)
    {
        QListView *view = pane.messageView();
        const QModelIndex index = rowOf(pane, id);
        return index.isValid() ? delegateOf(pane)->fileProgress(optionFor(view, index), index) : -2;
    }

    /// Clicks the card's button as the person does: on the view, where it is drawn.
    static bool click(ChatPane &pane, qint64 id, Action action)
    {
        QListView *view = pane.messageView();
        view->doItemsLayout();
        const QModelIndex index = rowOf(pane, id);
        if (!index.isValid()) {
            qWarning() << "no row for transfer" << id;
            return false;
        }
        view->scrollTo(index);
        QCoreApplication::processEvents();
        const auto buttons = delegateOf(pane)->fileButtons(optionFor(view, index), index);
        for (const auto &[shown, rect] : buttons) {
            if (shown != action)
                continue;
            if (!view->viewport()->rect().contains(rect.center().toPoint())) {
                qWarning() << "the button is out of view:" << rect << view->viewport()->rect();
                return false;
            }
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center().toPoint());
            return true;
        }
        return false;
    }

    static qint64 lastTransfer(Transfers *transfers, Direction direction)
    {
        qint64 id = 0;
        const auto all = transfers->transfers();
        for (const Transfer &t : all) {
            if (t.direction == direction)
                id = std::max(id, t.id);
        }
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!m_server.isProsody())
            QSKIP("the upload service is set up for Prosody (mod_http_file_share)");
        m_server.setHttpUpload(qint64(200) * 1000 * 1000);
        QVERIFY2(m_server.start({ u"alice:alice-pw"_s, u"bob:bob-pw"_s }, { u"alice:bob"_s }),
            qPrintable(m_server.errorString()));
    }

    void cleanupTestCase() { m_server.stop(); }

    void anIncomingFileIsDownloadedFromItsCard()
    {
        auto alice = signIn(u"alice"_s);
        QVERIFY(alice);
        auto bob = signIn(u"bob"_s);
        QVERIFY(bob);
        const QString aliceJid = m_server.jid(u"alice"_s);
        const QString source = makeFile(u"minutes.pdf"_s, 24 * 1000 * 1000);
        Transfers *up = alice->features.transfers();
        up->sendFile(m_server.jid(u"bob"_s), ChatKind::Chat, source);
        QTRY_VERIFY_WITH_TIMEOUT(up->transfer(lastTransfer(up, Direction::Outgoing))
                && up->transfer(lastTransfer(up, Direction::Outgoing))->state == Transfer::State::Uploaded,
            30000);

        ChatPane pane(&bob->features, &bob->session);
        QList<QUrl> opened;
        pane.setUrlOpener([&](const QUrl &url) { opened.append(url); });
        pane.resize(700, 500);
        pane.setChat(aliceJid);
        pane.show();
        Transfers *down = bob->features.transfers();
        QTRY_VERIFY_WITH_TIMEOUT(lastTransfer(down, Direction::Incoming) != 0, 10000);
        const qint64 id = lastTransfer(down, Direction::Incoming);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(pane, id).isValid(), 5000);

        // The card: the name in place of the link, and Download.
        QStringList shown = cardTexts(pane, id);
        QVERIFY2(shown.contains(u"minutes.pdf"_s), qPrintable(shown.join(u" | "_s)));
        QVERIFY(shown.contains(MessageDelegate::fileActionText(Action::Download)));
        QVERIFY(!shown.contains(down->transfer(id)->url));
        QVERIFY(!shown.contains(MessageDelegate::fileActionText(Action::Open)));

        // While it comes: a progress bar that moves, and Cancel.
        QList<int> progress;
        QStringList whileRunning;
        connect(down, &Transfers::transferChanged, this, [&](const Transfer &t) {
            if (t.id != id || t.state != Transfer::State::Downloading)
                return;
            progress.append(cardProgress(pane, id));
            whileRunning = cardTexts(pane, id);
        });
        // The link is on 127.0.0.1, not on the sender's server: the card asks first.
        QString asked;
        QTimer::singleShot(100, this, [&] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                asked = box->text();
                box->button(QMessageBox::Yes)->click();
            }
        });
        QVERIFY(click(pane, id, Action::Download));
        QVERIFY2(asked.contains(u"127.0.0.1"_s), qPrintable(asked));
        QTRY_COMPARE_WITH_TIMEOUT(down->transfer(id)->state, Transfer::State::Downloaded, 30000);
        QVERIFY(!progress.isEmpty());
        QVERIFY(std::any_of(progress.cbegin(), progress.cend(), [](int p) { return p > 0 && p < 1000; }));
        QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));
        QVERIFY2(whileRunning.contains(MessageDelegate::fileActionText(Action::Cancel)),
            qPrintable(whileRunning.join(u" | "_s)));
        QVERIFY(!whileRunning.contains(MessageDelegate::fileActionText(Action::Download)));

        // Done: Open and Show in Folder, which hand the file and its folder to the desktop.
        const QString path = down->transfer(id)->localPath;
        QCOMPARE(sha256Of(path), sha256Of(source));
        QTRY_VERIFY(cardTexts(pane, id).contains(MessageDelegate::fileActionText(Action::Open)));
        shown = cardTexts(pane, id);
        QVERIFY(shown.contains(MessageDelegate::fileActionText(Action::ShowInFolder)));
        QVERIFY(!shown.contains(MessageDelegate::fileActionText(Action::Cancel)));
        QCOMPARE(cardProgress(pane, id), -1);
        QVERIFY(shown.contains(Files::sizeText(24 * 1000 * 1000)));
        QVERIFY(click(pane, id, Action::Open));
        QVERIFY(click(pane, id, Action::ShowInFolder));
        QCOMPARE(opened, (QList<QUrl> { QUrl::fromLocalFile(path), QUrl::fromLocalFile(QFileInfo(path).absolutePath()) }));

        // A file deleted since says so, and can be downloaded again.
        QVERIFY(QFile::remove(path));
        pane.messageView()->viewport()->update();
        shown = cardTexts(pane, id);
        QVERIFY(shown.contains(MessageDelegate::fileDeletedText()));
        QVERIFY(shown.contains(MessageDelegate::fileActionText(Action::Download)));
        QVERIFY(!shown.contains(MessageDelegate::fileActionText(Action::Open)));
    }

    void anUploadIsCancelledAndRetriedFromItsMessage()
    {
        auto alice = signIn(u"alice"_s);
        QVERIFY(alice);
        auto bob = signIn(u"bob"_s);
        QVERIFY(bob);
        const QString bobJid = m_server.jid(u"bob"_s);
        const qsizetype before = alice->history(bobJid).size();
        ChatPane pane(&alice->features, &alice->session);
        pane.resize(700, 500);
        pane.setChat(bobJid);
        pane.show();

        // Sent as the person does: the dialog, then Send.
        const QString source = makeFile(u"holiday video.mkv"_s, 60 * 1000 * 1000);
        SendFileDialog *dialog = pane.offerFile(source);
        QVERIFY(dialog);
        Transfers *up = alice->features.transfers();
        bool cancelClicked = false;
        QStringList whileRunning;
        int progressWhileRunning = -2;
        connect(up, &Transfers::transferChanged, this, [&](const Transfer &t) {
            if (cancelClicked || t.state != Transfer::State::Uploading || t.bytesDone <= 0)
                return;
            cancelClicked = true;
            whileRunning = cardTexts(pane, t.id);
            progressWhileRunning = cardProgress(pane, t.id);
            QVERIFY(click(pane, t.id, Action::Cancel));
        });
        dialog->sendButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(cancelClicked, 30000);
        const qint64 id = lastTransfer(up, Direction::Outgoing);
        // The message showed the file going up: its name, a progress bar and Cancel.
        QVERIFY2(whileRunning.contains(u"holiday video.mkv"_s), qPrintable(whileRunning.join(u" | "_s)));
        QVERIFY(whileRunning.contains(MessageDelegate::fileActionText(Action::Cancel)));
        QVERIFY(progressWhileRunning >= 0);

        QTRY_COMPARE_WITH_TIMEOUT(up->transfer(id)->state, Transfer::State::Cancelled, 10000);
        // Still in the chat, as not sent, with Retry (and Remove); no link went out.
        const QModelIndex row = rowOf(pane, id);
        QVERIFY(row.isValid());
        QVERIFY(row.data(MessagesModel::PendingUploadRole).toBool());
        QTRY_VERIFY(cardTexts(pane, id).contains(MessageDelegate::fileActionText(Action::Retry)));
        QStringList shown = cardTexts(pane, id);
        QVERIFY2(shown.contains(MessageDelegate::fileStatusText(*up->transfer(id), true)), qPrintable(shown.join(u" | "_s)));
        QVERIFY(shown.contains(MessageDelegate::fileActionText(Action::Remove)));
        QVERIFY(!shown.contains(MessageDelegate::fileActionText(Action::Cancel)));
        QTest::qWait(300);
        QCOMPARE(alice->history(bobJid).size(), before);

        // Retry: it goes up again and out as a message; the row becomes that message.
        QVERIFY(click(pane, id, Action::Retry));
        QTRY_COMPARE_WITH_TIMEOUT(up->transfer(id)->state, Transfer::State::Uploaded, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(alice->history(bobJid).size(), before + 1, 10000);
        QTRY_VERIFY(rowOf(pane, id).isValid() && !rowOf(pane, id).data(MessagesModel::PendingUploadRole).toBool());
        QCOMPARE(rowOf(pane, id).data(MessagesModel::MessageIdRole).toString(), up->transfer(id)->messageId);
        shown = cardTexts(pane, id);
        QVERIFY2(shown.contains(MessageDelegate::fileStatusText(*up->transfer(id), true)), qPrintable(shown.join(u" | "_s)));
        QVERIFY(shown.contains(MessageDelegate::fileActionText(Action::Open)));
        QVERIFY(!shown.contains(MessageDelegate::fileActionText(Action::Retry)));
        // … and Bob has it.
        const QString messageId = up->transfer(id)->messageId;
        QTRY_VERIFY_WITH_TIMEOUT(
            bob->features.transfers()->transferOf(m_server.jid(u"alice"_s), messageId).has_value(), 10000);
    }

    void aStoppedUploadCanBeRemovedFromTheChat()
    {
        auto alice = signIn(u"alice"_s);
        QVERIFY(alice);
        const QString bobJid = m_server.jid(u"bob"_s);
        ChatPane pane(&alice->features, &alice->session);
        pane.resize(700, 500);
        pane.setChat(bobJid);
        pane.show();
        Transfers *up = alice->features.transfers();
        bool cancelled = false;
        connect(up, &Transfers::transferChanged, this, [&](const Transfer &t) {
            if (!cancelled && t.state == Transfer::State::Uploading && t.bytesDone > 0) {
                cancelled = true;
                up->cancel(t.id);
            }
        });
        up->sendFile(bobJid, ChatKind::Chat, makeFile(u"draft.bin"_s, 40 * 1000 * 1000));
        QTRY_VERIFY_WITH_TIMEOUT(cancelled, 30000);
        const qint64 id = lastTransfer(up, Direction::Outgoing);
        QTRY_COMPARE_WITH_TIMEOUT(up->transfer(id)->state, Transfer::State::Cancelled, 10000);
        const int rows = pane.messageView()->model()->rowCount();
        QSignalSpy removed(up, &Transfers::transferRemoved);
        QTRY_VERIFY2(cardTexts(pane, id).contains(MessageDelegate::fileActionText(Action::Remove)),
            qPrintable(cardTexts(pane, id).join(u" | "_s)));
        QVERIFY(click(pane, id, Action::Remove));
        QCOMPARE(removed.count(), 1);
        QVERIFY(!up->transfer(id));
        QCOMPARE(pane.messageView()->model()->rowCount(), rows - 1);
        QVERIFY(!rowOf(pane, id).isValid());
    }
};

QTEST_MAIN(TestFileCard)
#include "tst_filecard.moc"
