#include "accountfeatures.h"
#include "chatpane.h"
#include "composer.h"
#include "filenames.h"
#include "messagedelegate.h"
#include "messagesmodel.h"
#include "profilefixture.h"
#include "requests.h"
#include "sendfiledialog.h"
#include "session.h"
#include "transferbar.h"
#include "transfers.h"

#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Jw;
using namespace Jw::Ui;
using namespace Qt::StringLiterals;

/// Sending a file from the window (issue 16): the attach flow and its
/// confirmation, a file dropped or pasted, a pasted screenshot, and a
/// downloaded picture in its message's bubble. The connection is a fake one
/// that is offline, so nothing leaves: what reaches the core is checked.
class TestSendFile final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Test::ProfileFixture> m_profile;
    std::unique_ptr<Session> m_session;
    int m_n = 0;
    const QString jenny = u"jenny@example.org"_s;

    QString makePicture(const QString &name, QSize size)
    {
        QImage image(size, QImage::Format_RGB32);
        image.fill(Qt::blue);
        const QString path = m_dir.filePath(name);
        return image.save(path, "PNG") ? path : QString();
    }

    static SendFileDialog *openDialog(ChatPane &pane)
    {
        SendFileDialog *found = nullptr;
        (void)QTest::qWaitFor([&] {
            found = pane.findChild<SendFileDialog *>();
            return found && found->isVisible();
        }, 2000);
        return found;
    }

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<Test::ProfileFixture>(m_dir.filePath(u"h%1.db"_s.arg(++m_n)), QString());
        QVERIFY(m_profile->ok());
        m_profile->requests()->accept(jenny);
        m_profile->features->transfers()->setAutoDownloadLimit(0); // nothing fetched in these tests
        m_session = std::make_unique<Session>();
    }

    void cleanup()
    {
        m_session.reset();
        m_profile.reset();
    }

    void attachShowsWhatWillBeSentAndCancelSendsNothing()
    {
        ChatPane pane(m_profile->features.get(), m_session.get());
        pane.setChat(jenny);
        pane.show();
        QVERIFY(pane.attachButton()->isVisible());
        const QString path = makePicture(u"holiday.png"_s, QSize(640, 480));
        QSignalSpy refused(m_profile->features->transfers(), &Transfers::refused);

        SendFileDialog *dialog = pane.offerFile(path);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->findChild<QLabel *>(u"name"_s)->text(), u"holiday.png"_s);
        QCOMPARE(dialog->findChild<QLabel *>(u"size"_s)->text(), Files::sizeText(QFileInfo(path).size()));
        QVERIFY(!dialog->thumbnail()->pixmap().isNull());
        QVERIFY(dialog->thumbnail()->pixmap().width() <= 320);
        dialog->reject();
        QTest::qWait(50);
        QCOMPARE(refused.count(), 0);
        QVERIFY(m_profile->features->transfers()->transfers().isEmpty());

        // Send hands it to the core, which says why it cannot go now.
        dialog = pane.offerFile(path);
        QVERIFY(dialog);
        dialog->sendButton()->click();
        QTRY_COMPARE(refused.count(), 1);
        QCOMPARE(refused.at(0).at(0).toString(), jenny);
        QTRY_VERIFY(pane.transferBar()->problemLabel()->isVisible());
        QCOMPARE(pane.transferBar()->problemLabel()->text(), u"Files can be sent once you are online."_s);
    }

    void aFileThatIsNoPictureHasNoThumbnail()
    {
        ChatPane pane(m_profile->features.get(), m_session.get());
        pane.setChat(jenny);
        const QString path = m_dir.filePath(u"notes.txt"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello\n");
        f.close();
        SendFileDialog *dialog = pane.offerFile(path);
        QVERIFY(dialog);
        QVERIFY(!dialog->thumbnail()->isVisibleTo(dialog));
        QCOMPARE(dialog->findChild<QLabel *>(u"size"_s)->text(), u"6 bytes"_s);
        dialog->reject();
    }

    void aFilePastedIntoTheComposerIsOfferedNotWritten()
    {
        ChatPane pane(m_profile->features.get(), m_session.get());
        pane.setChat(jenny);
        pane.show();
        const QString path = makePicture(u"dropped.png"_s, QSize(20, 20));
        auto *mime = new QMimeData;
        mime->setUrls({ QUrl::fromLocalFile(path) });
        QGuiApplication::clipboard()->setMimeData(mime);
        pane.composer()->paste();
        SendFileDialog *dialog = openDialog(pane);
        QVERIFY(dialog);
        QCOMPARE(dialog->path(), path);
        QVERIFY(pane.composer()->toPlainText().isEmpty());
        dialog->reject();
    }

    void aPastedScreenshotIsOfferedAsAPicture()
    {
        ChatPane pane(m_profile->features.get(), m_session.get());
        pane.setChat(jenny);
        pane.show();
        QImage screenshot(300, 200, QImage::Format_RGB32);
        screenshot.fill(Qt::green);
        QGuiApplication::clipboard()->setImage(screenshot);
        pane.composer()->paste();
        SendFileDialog *dialog = openDialog(pane);
        QVERIFY(dialog);
        QVERIFY(dialog->path().endsWith(u".png"_s));
        QCOMPARE(QImage(dialog->path()).size(), QSize(300, 200));
        QVERIFY(!dialog->thumbnail()->pixmap().isNull());
        dialog->reject();
    }

    void aFileDroppedOnTheChatIsOffered()
    {
        ChatPane pane(m_profile->features.get(), m_session.get());
        pane.setChat(jenny);
        pane.show();
        const QString path = makePicture(u"drag.png"_s, QSize(10, 10));
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(path) });
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&pane, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&pane, &drop);
        SendFileDialog *dialog = openDialog(pane);
        QVERIFY(dialog);
        QCOMPARE(dialog->path(), path);
        dialog->reject();
    }

    void aDownloadedPictureShowsInItsBubble()
    {
        QStandardItemModel model;
        auto *item = new QStandardItem;
        item->setData(u"https://upload.example.org/a/photo.png"_s, MessagesModel::BodyRole);
        item->setData(int(Direction::Incoming), MessagesModel::DirectionRole);
        item->setData(QDateTime::currentDateTimeUtc(), MessagesModel::SentAtRole);
        item->setData(int(DeliveryState::Received), MessagesModel::StateRole);
        model.appendRow(item);
        QListView view;
        view.resize(600, 400);
        MessageDelegate delegate;
        view.setModel(&model);
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.rect = QRect(0, 0, 600, 0);
        const QModelIndex index = model.index(0, 0);
        const int plain = delegate.sizeHint(option, index).height();

        const QString picture = makePicture(u"shown.png"_s, QSize(120, 90));
        QString lookedUp = picture;
        delegate.setPictureLookup([&](const QModelIndex &) { return lookedUp; });
        QCOMPARE(delegate.sizeHint(option, index).height(), plain + 90 + 3);
        QVERIFY(!delegate.shownTexts(option, index).contains(MessageDelegate::pictureProblemText()));

        // A picture that cannot be decoded (here: not a picture at all) gets the placeholder line.
        lookedUp = m_dir.filePath(u"broken.png"_s);
        QFile broken(lookedUp);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(100, 'x'));
        broken.close();
        QVERIFY(delegate.shownTexts(option, index).contains(MessageDelegate::pictureProblemText()));
        QVERIFY(delegate.sizeHint(option, index).height() < plain + 90);
    }
};

QTEST_MAIN(TestSendFile)
#include "tst_sendfile.moc"
