#pragma once

#include <QHash>
#include <QMainWindow>

class QComboBox;
class QLabel;
class QListView;
class QTabWidget;
class QTimer;
class QToolButton;

namespace Jw {
class ContactsModel;
class ConversationsModel;
class AccountFeatures;
class Connection;
} // namespace Jw

namespace Jw::Ui {

class ChatPane;
class ConversationFilter;
class InvitationActions;
class QuickSwitcher;
class RoomActions;
class SearchPane;

/// The window of one signed-in account: conversations and contacts on the
/// left, the open chat on the right, own presence in the tool bar, the
/// connection's state in the status bar. It only lays out panes and
/// connects them; what they show lives in the panes and in core's models.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(AccountFeatures *features, Connection *connection, QWidget *parent = nullptr);
    ~MainWindow() override;

    ChatPane *chatPane() const { return m_chatPane; }
    QListView *conversationList() const { return m_conversationList; }
    QListView *contactList() const { return m_contactList; }
    /// Conversations started by people not in the contacts (see core/requests.h).
    QListView *requestList() const { return m_requestList; }
    QTabWidget *lists() const { return m_lists; }
    QComboBox *presenceSelector() const { return m_presence; }
    QLabel *connectionLabel() const { return m_connectionLabel; }
    /// "Reconnect now", shown while a reconnection waits for its back-off.
    QToolButton *reconnectButton() const { return m_reconnectButton; }
    QLabel *storageErrorLabel() const { return m_storageLabel; }
    ConversationsModel *conversations() const { return m_conversations; }
    /// Joining and leaving rooms.
    RoomActions *roomActions() const { return m_roomActions; }
    InvitationActions *invitationActions() const { return m_invitationActions; }
    /// The search field above the lists and its results (Ctrl+F, Ctrl+Shift+F).
    SearchPane *searchPane() const { return m_search; }

    /// Shows the chat with `jid` (a bare address), adding it to the
    /// conversation list if it is new.
    void openChat(const QString &jid);
    /// Opens (and starts) a private chat through a room with an occupant (occupantChat).
    void openPrivateChat(const QString &chat);
    /// Opens the chat with `jid` at its message `rowId` (the history's id),
    /// loading the messages around it (search results, replies).
    void openMessage(const QString &jid, qint64 rowId);
    /// Whether requests from strangers are shown at all (a setting).
    void setRequestsShown(bool shown);

public Q_SLOTS:
    /// Asks for an address and opens a chat with it.
    void newChat();
    /// Asks for an address and a name and adds them to the roster.
    void addContact();
    /// Ctrl+K: a quick switcher over the conversations and contacts.
    void jumpToChat();
    /// Ctrl+F: search the chat that is shown.
    void findInChat();
    /// Ctrl+Shift+F: search all chats.
    void searchAll();

Q_SIGNALS:
    /// "Settings…" was chosen; the application shows the settings.
    void settingsRequested();
    /// "Quit" was chosen: the application quits even if closing the window
    /// would keep it in the tray. Emitted just before QCoreApplication::quit().
    void quitRequested();

protected:
    /// Tells core's read tracker whether the window is active: messages count
    /// as read only then (see ReadTracker).
    bool event(QEvent *event) override;

private:
    void setUpActions();
    void setPresenceFromSelector(int index);
    void updateTitle();
    void updateConnectionState();
    void showStorageError(const QString &sentence);
    void selectConversation(const QString &jid);
    void updateRequestsTab();
    void updateSearchNames();

    AccountFeatures *const m_features;
    Connection *const m_connection;
    ConversationsModel *const m_conversations;
    ContactsModel *const m_contacts;
    QTabWidget *const m_lists;
    ConversationFilter *const m_chatsFilter;
    ConversationFilter *const m_requestsFilter;
    QListView *const m_conversationList;
    QListView *const m_requestList;
    QListView *const m_contactList;
    ChatPane *const m_chatPane;
    SearchPane *const m_search;
    QComboBox *const m_presence;
    QLabel *const m_connectionLabel;
    QToolButton *const m_reconnectButton;
    QTimer *const m_countdown; ///< updates "Reconnecting in N s" every second
    QLabel *const m_storageLabel;
    QAction *m_addContactAction = nullptr;
    RoomActions *m_roomActions = nullptr;
    InvitationActions *m_invitationActions = nullptr;
    QuickSwitcher *m_switcher = nullptr; ///< Ctrl+K's, made at its first use
    bool m_requestsShown = true;
    /// Rows are leaving a list: its current row moves, but nobody chose another chat.
    bool m_removingRows = false;
};

} // namespace Jw::Ui
