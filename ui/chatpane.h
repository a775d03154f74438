#pragma once

#include "types.h"

#include <QHash>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>

class QAbstractProxyModel;
class QCompleter;
class QStringListModel;
class QLabel;
class QAction;
class QListView;
class QStackedWidget;
class QToolButton;
class QImage;
class QDragEnterEvent;
class QDropEvent;

namespace Jw {
class AccountFeatures;
class Connection;
class MessagesModel;
class OccupantsModel;
} // namespace Jw

namespace Jw::Ui {

class ChatStateLabel;
class InvitationBar;
class Composer;
class MessageActions;
class PeerBanner;
class SendFileDialog;
class TransferBar;

/// One conversation: who it is with, the messages, and the composer.
///
/// Older messages load a page at a time when the view is scrolled to the
/// top; the view stays on the newest message as messages arrive, unless the
/// person has scrolled up to read.
class ChatPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatPane)

public:
    ChatPane(AccountFeatures *features, Connection *connection, QWidget *parent = nullptr);
    ~ChatPane() override;

    /// Shows the chat with `jid` (a bare address), or the room; "" shows no chat.
    void setChat(const QString &jid, ChatKind kind = ChatKind::Chat);
    QString chat() const;
    /// Whether the shown chat is a room.
    bool isRoom() const { return m_kind == ChatKind::GroupChat; }
    /// Puts `text` in the composer of the shown chat, after what is already
    /// written there (on a new line), for the person to send or not; focuses
    /// the composer. Nothing is sent (an `xmpp:…?message;body=` link).
    void addDraft(const QString &text);

    QListView *messageView() const { return m_view; }
    Composer *composer() const { return m_composer; }
    /// Edit, reply, react, delete (issue 18).
    MessageActions *messageActions() const { return m_messageActions; }
    /// "Jenny is typing…" and the other chat states (XEP-0085), in the header.
    ChatStateLabel *chatStateLabel() const { return m_chatState; }
    /// What can be known about the other person, and the decisions about them.
    PeerBanner *peerBanner() const { return m_banner; }
    /// The newest invitation to a room in the shown chat, with Join and Decline.
    InvitationBar *invitationBar() const { return m_invitationBar; }
    /// The name in the header ("Jenny"; "Jenny (private, through team)").
    QLabel *nameLabel() const { return m_name; }
    /// The status line of the header ("Available", "Status not shared").
    QLabel *presenceLabel() const { return m_presence; }
    /// A room's subject, or where we stand in it ("Joining…"), in the header.
    QLabel *subjectLabel() const { return m_subject; }
    /// A room's occupants, beside the messages; hidden with the Members button.
    QListView *occupantList() const { return m_occupantList; }
    QToolButton *membersButton() const { return m_membersButton; }
    OccupantsModel *occupants() const { return m_occupants.get(); }
    /// Why we are not in the shown room (a failed join, a kick, a ban, the room closed), or hidden.
    QLabel *roomProblemLabel() const { return m_roomProblem; }
    /// `@` completion of nicknames in a room.
    QCompleter *nickCompleter() const { return m_completer; }
    /// The shown chat's messages; null when no chat is shown.
    MessagesModel *model() const { return m_model.get(); }
    /// Whether the bottom of what is loaded is in view.
    bool isAtBottom() const;
    /// Shows the newest message, loading it if the view is far back.
    void scrollToNewest();
    /// Shows the message `rowId` (the history's id) of the shown chat,
    /// loading the messages around it, centred and made current.
    void showMessage(qint64 rowId);
    /// Files: the attach button, the line saying why a file was not sent,
    /// and the confirmation before sending one (a dropped file, a pasted
    /// picture). Each file's progress and buttons are in its message's
    /// bubble (MessageDelegate's card).
    QToolButton *attachButton() const { return m_attachButton; }
    /// How Open and Show in Folder hand a file or folder to the desktop
    /// (default QDesktopServices::openUrl; tests put a recorder here).
    void setUrlOpener(std::function<void(const QUrl &)> opener) { m_openUrl = std::move(opener); }
    TransferBar *transferBar() const { return m_transferBar; }
    /// Shows what would be sent, with Send and Cancel (nothing is uploaded before Send).
    SendFileDialog *offerFile(const QString &path);
    /// A pasted picture: saved as a PNG, then offered like a file.
    SendFileDialog *offerImage(const QImage &image);

Q_SIGNALS:
    void chatChanged(const QString &jid);
    /// The person asked for a private chat with an occupant of the room shown
    /// (double click or Enter on the member): `chat` is its key (occupantChat).
    void privateChatRequested(const QString &chat);
    /// Messages came into view: the first page, an older page, or a new message.
    void messagesShown();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void chooseFile();
    void updateHeader();
    void connectRooms();
    void completeNick();
    void insertNick(const QString &nick);
    void send(const QString &text);
    void copyCurrentMessage();
    void fetchAtEdges();
    void showLoadedMessage(int row);
    void beforeRowsChange(int first, bool inserting);
    void afterRowsChange(bool inserted);
    QModelIndex topVisibleIndex() const;
    /// A button of a file's card (MessageDelegate::FileAction) was clicked.
    void onFileAction(qint64 transferId, int action);
    void downloadFile(qint64 transferId);

    AccountFeatures *const m_features;
    QAction *m_retryAction = nullptr;
    MessageActions *m_messageActions = nullptr;
    QStackedWidget *const m_stack;
    QLabel *const m_placeholder;
    QWidget *const m_chatPage;
    QLabel *const m_name;
    QLabel *const m_address;
    QLabel *const m_presence;
    QLabel *const m_subject;
    ChatStateLabel *const m_chatState;
    PeerBanner *const m_banner;
    InvitationBar *m_invitationBar = nullptr;
    QListView *const m_view;
    Composer *const m_composer;
    QToolButton *const m_sendButton;
    QToolButton *m_attachButton = nullptr;
    TransferBar *m_transferBar = nullptr;
    std::function<void(const QUrl &)> m_openUrl;
    QHash<qint64, QString> m_cardStates; ///< transfer id -> what sized its card (a change lays the view out)
    QAbstractProxyModel *const m_proxy; ///< between the model and the view; see chatpane.cpp
    std::unique_ptr<MessagesModel> m_model;
    ChatKind m_kind = ChatKind::Chat;
    QListView *m_occupantList = nullptr;
    QToolButton *m_membersButton = nullptr;
    QLabel *m_roomProblem = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_nicks = nullptr;
    std::unique_ptr<OccupantsModel> m_occupants;
    QHash<QString, QString> m_problems; ///< room -> why we are out of it
    QHash<QString, QString> m_drafts; ///< unsent text of chats not shown
    bool m_wasAtBottom = true;
    /// The view follows the newest message: the person was at the bottom
    /// when they last scrolled (or the chat was just opened). The range grows
    /// after rows are laid out, later than they are inserted; this keeps
    /// following through a burst instead of losing the bottom halfway.
    bool m_stickToBottom = true;
    /// While rows go in or out above the view: the message at its top
    /// (history row id; 0: none) and where it stood, to keep it there.
    qint64 m_anchorRowId = 0;
    int m_anchorTop = 0;
};

} // namespace Jw::Ui
