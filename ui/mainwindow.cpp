#include "mainwindow.h"

#include "addressdialog.h"
#include "chatpane.h"
#include "composer.h"
#include "contactdelegate.h"
#include "conversationdelegate.h"
#include "historykeys.h"
#include "icons.h"
#include "accountfeatures.h"
#include "connection.h"
#include "messenger.h"
#include "models.h"
#include "quickswitcher.h"
#include "readpositions.h"
#include "readtracker.h"
#include "requests.h"
#include "invitationactions.h"
#include "moderationactions.h"
#include "roomactions.h"
#include "roommembership.h"
#include "roster.h"
#include "searchpane.h"
#include "uiformat.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QPainter>
#include <QSet>

#include <algorithm>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace Jw::Ui {
namespace {

QListView *makeList(const QString &accessibleName, QWidget *parent)
{
    auto *list = new QListView(parent);
    list->setAccessibleName(accessibleName);
    list->setUniformItemSizes(true);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setFrameShape(QFrame::NoFrame);
    return list;
}

QIcon presenceIcon(PresenceStatus status)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paintPresenceDot(&painter, QRectF(3, 3, 10, 10), status, Qt::transparent);
    return QIcon(pixmap);
}

} // namespace

/// One section of the conversation list: the normal chats, or the requests
/// (strangers who wrote first). Blocked conversations are in neither.
class ConversationFilter final : public QSortFilterProxyModel
{
public:
    enum class Section { Chats, Requests };
    ConversationFilter(Section section, ConversationsModel *source, QObject *parent)
        : QSortFilterProxyModel(parent)
        , m_section(section)
    {
        setSourceModel(source);
        setDynamicSortFilter(true);
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        if (index.data(ConversationsModel::BlockedRole).toBool())
            return false;
        return index.data(ConversationsModel::RequestRole).toBool() == (m_section == Section::Requests);
    }

private:
    const Section m_section;
};

MainWindow::MainWindow(AccountFeatures *features, Connection *connection, QWidget *parent)
    : QMainWindow(parent)
    , m_features(features)
    , m_connection(connection)
    , m_conversations(new ConversationsModel(features, this))
    , m_contacts(new ContactsModel(features->roster(), this))
    , m_lists(new QTabWidget(this))
    , m_chatsFilter(new ConversationFilter(ConversationFilter::Section::Chats, m_conversations, this))
    , m_requestsFilter(new ConversationFilter(ConversationFilter::Section::Requests, m_conversations, this))
    , m_conversationList(makeList(tr("Conversations"), m_lists))
    , m_requestList(makeList(tr("Message requests"), m_lists))
    , m_contactList(makeList(tr("Contacts"), m_lists))
    , m_chatPane(new ChatPane(features, connection, this))
    , m_search(new SearchPane(features, this))
    , m_presence(new QComboBox(this))
    , m_connectionLabel(new QLabel(this))
    , m_reconnectButton(new QToolButton(this))
    , m_countdown(new QTimer(this))
    , m_storageLabel(makeErrorLabel(this))
{
    // A deleted, accepted or blocked chat leaves its list, and the view moves
    // its current row to a neighbour: that chat must not open by itself (it
    // would count as shown, and read). Connected before the views' selection
    // models, so the flag is up when they move the current row.
    for (ConversationFilter *filter : { m_chatsFilter, m_requestsFilter })
        connect(filter, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { m_removingRows = true; });
    m_conversationList->setModel(m_chatsFilter);
    m_conversationList->setItemDelegate(new ConversationDelegate(m_conversationList));
    m_requestList->setModel(m_requestsFilter);
    m_requestList->setItemDelegate(new ConversationDelegate(m_requestList));
    m_contactList->setModel(m_contacts);
    m_contactList->setItemDelegate(new ContactDelegate(m_contactList));
    m_lists->addTab(m_conversationList, tr("C&hats"));
    m_lists->addTab(m_requestList, QString());
    m_lists->addTab(m_contactList, tr("C&ontacts"));
    connect(m_requestsFilter, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateRequestsTab);
    connect(m_requestsFilter, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateRequestsTab);
    connect(m_requestsFilter, &QAbstractItemModel::modelReset, this, &MainWindow::updateRequestsTab);
    connect(m_requestsFilter, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateRequestsTab);
    updateRequestsTab();
    // Accepted or blocked: the open chat moves to its new section.
    connect(m_features->requests(), &Requests::changed, this, [this](const QString &chat) {
        if (chat == m_chatPane->chat())
            selectConversation(chat);
    });
    m_lists->setDocumentMode(true);

    // The search field above the lists; its results take the lists' place
    // while it has something.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_lists, 1);
    m_search->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    connect(m_search, &SearchPane::activeChanged, this, [this, leftLayout](bool active) {
        m_lists->setVisible(!active);
        m_search->setSizePolicy(QSizePolicy::Preferred, active ? QSizePolicy::Expanding : QSizePolicy::Maximum);
        leftLayout->setStretchFactor(m_search, active ? 1 : 0);
        if (active)
            updateSearchNames();
    });
    connect(m_search, &SearchPane::hitActivated, this, &MainWindow::openMessage);
    connect(m_search, &SearchPane::chatActivated, this, [this](const QString &chat) {
        m_search->field()->clear(); // the lists come back, with the chat chosen
        openChat(chat);
        m_chatPane->composer()->setFocus();
    });
    // Strangers' chats are searched only while the person looks in Requests.
    connect(m_lists, &QTabWidget::currentChanged, this, [this] {
        m_search->setRequestScope(m_lists->currentWidget() == m_requestList ? Search::RequestScope::Only
                                                                             : Search::RequestScope::Exclude);
    });

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_chatPane);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({ 280, 620 });
    setCentralWidget(splitter);

    m_connectionLabel->setTextFormat(Qt::PlainText);
    m_connectionLabel->setAccessibleName(tr("Connection"));
    m_storageLabel->setAccessibleName(tr("History problem"));
    m_storageLabel->setWordWrap(false);
    m_storageLabel->hide();
    // Sentences can be long: they must not widen the window.
    m_connectionLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_storageLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_connectionLabel, 1);
    m_reconnectButton->setText(tr("Reconnect &Now"));
    m_reconnectButton->setAutoRaise(true);
    m_reconnectButton->hide();
    statusBar()->addWidget(m_reconnectButton);
    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &MainWindow::updateConnectionState);
    statusBar()->addWidget(m_storageLabel, 1);

    setUpActions();
    new HistoryKeys(m_chatPane);
    resize(960, 640);

    for (QListView *list : { m_conversationList, m_requestList }) {
        connect(list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
            if (current.isValid() && !m_removingRows)
                openChat(current.data(ConversationsModel::ChatRole).toString());
        });
    }
    // Connected after the views' selection models: they move the current row first.
    for (ConversationFilter *filter : { m_chatsFilter, m_requestsFilter })
        connect(filter, &QAbstractItemModel::rowsRemoved, this, [this] { m_removingRows = false; });
    connect(m_contactList->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) {
            if (current.isValid())
                openChat(current.data(ContactsModel::JidRole).toString());
        });
    // Enter or a double click on a row means "I want to write".
    for (QListView *list : { m_conversationList, m_requestList, m_contactList })
        connect(list, &QListView::activated, m_chatPane->composer(), qOverload<>(&QWidget::setFocus));

    connect(m_conversations, &ConversationsModel::totalUnreadChanged, this, &MainWindow::updateTitle);
    connect(m_chatPane, &ChatPane::chatChanged, m_features->readPositions()->tracker(), &ReadTracker::setShownChat);
    connect(m_chatPane, &ChatPane::privateChatRequested, this, &MainWindow::openPrivateChat);
    connect(m_features, &AccountFeatures::storageError, this, &MainWindow::showStorageError);
    // The archive catch-up, visible while it reads: a first sign-in brings
    // days of messages, and the person should know more is coming.
    auto *archiveLabel = new QLabel(this);
    archiveLabel->setObjectName(QStringLiteral("archiveProgress"));
    archiveLabel->setTextFormat(Qt::PlainText);
    archiveLabel->hide();
    statusBar()->addWidget(archiveLabel);
    connect(m_features->messenger(), &Messenger::archiveFetchProgress, archiveLabel, [archiveLabel](bool running, int fetched) {
        archiveLabel->setText(MainWindow::tr("Fetching messages from the server archive… %1").arg(fetched));
        archiveLabel->setVisible(running);
    });
    connect(m_connection, &Connection::stateChanged, this, &MainWindow::updateConnectionState);
    connect(m_connection, &Connection::stateChanged, this, &MainWindow::updateTitle); // the account is known once connecting
    connect(m_connection, &Connection::errorOccurred, this, &MainWindow::updateConnectionState);
    connect(m_connection, &Connection::reconnectScheduled, this, &MainWindow::updateConnectionState);
    connect(m_reconnectButton, &QToolButton::clicked, m_connection, &Connection::reconnectNow);

    updateTitle();
    updateConnectionState();
}

MainWindow::~MainWindow()
{
    // Nothing is shown any more: nothing more is read.
    ReadTracker *tracker = m_features->readPositions()->tracker();
    tracker->setWindowActive(false);
    tracker->setShownChat(QString());
}

void MainWindow::setUpActions()
{
    auto *newChat = new QAction(tr("&New Chat…"), this);
    newChat->setShortcut(QKeySequence::New);
    newChat->setIcon(actionIcon(ActionIcon::NewChat));
    newChat->setToolTip(tr("Start a chat with any address (Ctrl+N)"));
    connect(newChat, &QAction::triggered, this, &MainWindow::newChat);

    m_addContactAction = new QAction(tr("&Add Contact…"), this);
    m_addContactAction->setToolTip(tr("Add someone to your contacts"));
    m_addContactAction->setIcon(actionIcon(ActionIcon::AddContact));
    connect(m_addContactAction, &QAction::triggered, this, &MainWindow::addContact);

    auto *jump = new QAction(tr("&Jump to Chat…"), this);
    jump->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    jump->setIcon(actionIcon(ActionIcon::JumpToChat));
    jump->setToolTip(tr("Find a chat by name or address (Ctrl+K)"));
    connect(jump, &QAction::triggered, this, &MainWindow::jumpToChat);

    auto *find = new QAction(tr("&Find in Chat…"), this);
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    find->setToolTip(tr("Search the messages of this chat (Ctrl+F)"));
    connect(find, &QAction::triggered, this, &MainWindow::findInChat);

    auto *searchAll = new QAction(tr("Search A&ll Chats…"), this);
    searchAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    searchAll->setToolTip(tr("Search the messages of all chats (Ctrl+Shift+F)"));
    connect(searchAll, &QAction::triggered, this, &MainWindow::searchAll);

    auto *settings = new QAction(tr("&Settings…"), this);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    settings->setIcon(actionIcon(ActionIcon::Settings));
    connect(settings, &QAction::triggered, this, &MainWindow::settingsRequested);

    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    quit->setIcon(actionIcon(ActionIcon::Quit));
    connect(quit, &QAction::triggered, this, [this] {
        Q_EMIT quitRequested();
        QCoreApplication::quit();
    });

    m_roomActions = new RoomActions(m_features, this);
    m_invitationActions = new InvitationActions(m_features, this, m_roomActions);

    QMenu *chatMenu = menuBar()->addMenu(tr("&Chat"));
    chatMenu->addAction(newChat);
    chatMenu->addAction(m_roomActions->newGroupAction());
    chatMenu->addAction(jump);
    chatMenu->addAction(find);
    chatMenu->addAction(searchAll);
    chatMenu->addAction(m_addContactAction);
    chatMenu->addAction(m_invitationActions->inviteAction());
    chatMenu->addAction(m_roomActions->leaveAction());
    chatMenu->addMenu(m_roomActions->notificationsMenu());
    ModerationActions *moderation = m_roomActions->moderation();
    QMenu *roomMenu = chatMenu->addMenu(tr("&Room"));
    roomMenu->addAction(moderation->nickAction());
    roomMenu->addAction(moderation->subjectAction());
    roomMenu->addAction(moderation->addMemberAction());
    roomMenu->addSeparator();
    roomMenu->addAction(moderation->destroyAction());
    chatMenu->addSeparator();
    chatMenu->addAction(settings);
    chatMenu->addSeparator();
    chatMenu->addAction(quit);

    for (const PresenceStatus status : { PresenceStatus::Available, PresenceStatus::Away,
             PresenceStatus::DoNotDisturb, PresenceStatus::Offline })
        m_presence->addItem(presenceIcon(status), presenceText(status), int(status));
    m_presence->setAccessibleName(tr("My status"));
    m_presence->setToolTip(tr("Your status, as your contacts see it"));
    m_presence->setCurrentIndex(m_presence->findData(int(m_connection->presence())));
    m_presence->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_presence, &QComboBox::activated, this, &MainWindow::setPresenceFromSelector);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addWidget(m_presence);
    toolBar->addSeparator();
    toolBar->addAction(newChat);
    toolBar->addAction(m_addContactAction);
}

void MainWindow::openPrivateChat(const QString &chat)
{
    // The person starts it: not a request to answer.
    m_features->requests()->startChat(chat);
    openChat(chat);
    m_chatPane->composer()->setFocus();
}

void MainWindow::openChat(const QString &jid)
{
    if (jid.isEmpty())
        return;
    const ChatKind kind = m_conversations->kindOf(jid);
    m_conversations->ensure(jid, kind);
    m_chatPane->setChat(jid, kind);
    selectConversation(jid);
}

void MainWindow::findInChat()
{
    updateSearchNames();
    m_search->searchIn(m_chatPane->chat());
}

void MainWindow::searchAll()
{
    updateSearchNames();
    m_search->searchIn(QString());
}

void MainWindow::updateSearchNames()
{
    QHash<QString, QString> names;
    for (int row = 0; row < m_contacts->rowCount(); ++row) {
        const QModelIndex index = m_contacts->index(row);
        const QString name = index.data(ContactsModel::NameRole).toString();
        if (!name.isEmpty())
            names.insert(index.data(ContactsModel::JidRole).toString(), name);
    }
    m_search->setNames(names);

    // What the field finds by name: the chats of the list the person looks
    // at, and in Chats also the contacts without a chat yet.
    const bool inRequests = m_lists->currentWidget() == m_requestList;
    const QSortFilterProxyModel *section = inRequests ? m_requestsFilter : m_chatsFilter;
    QList<std::pair<QString, QString>> chats;
    QSet<QString> listed;
    for (int row = 0; row < section->rowCount(); ++row) {
        const QModelIndex index = section->index(row, 0);
        const QString chat = index.data(ConversationsModel::ChatRole).toString();
        chats.append({ chat, index.data(ConversationsModel::NameRole).toString() });
        listed.insert(chat);
    }
    if (!inRequests) {
        QList<std::pair<QString, QString>> contacts;
        for (auto it = names.cbegin(); it != names.cend(); ++it) {
            if (!listed.contains(it.key()))
                contacts.append({ it.key(), it.value() });
        }
        std::sort(contacts.begin(), contacts.end(),
            [](const auto &a, const auto &b) { return a.second.localeAwareCompare(b.second) < 0; });
        chats += contacts;
    }
    m_search->setChats(chats);
}

void MainWindow::openMessage(const QString &jid, qint64 rowId)
{
    openChat(jid);
    m_chatPane->showMessage(rowId);
}

void MainWindow::selectConversation(const QString &jid)
{
    const QModelIndex source = m_conversations->index(m_conversations->rowOf(jid));
    if (!source.isValid())
        return;
    for (const auto &[list, filter] :
        { std::pair { m_conversationList, m_chatsFilter }, std::pair { m_requestList, m_requestsFilter } }) {
        const QModelIndex index = filter->mapFromSource(source);
        if (!index.isValid())
            continue;
        if (list->currentIndex() != index)
            list->setCurrentIndex(index);
        // Opened from elsewhere (a notification, a link): show where it lives.
        if (m_lists->currentWidget() != m_contactList && m_lists->isTabVisible(m_lists->indexOf(list)))
            m_lists->setCurrentWidget(list);
    }
}

void MainWindow::setRequestsShown(bool shown)
{
    m_requestsShown = shown;
    updateRequestsTab();
}

void MainWindow::updateRequestsTab()
{
    const int count = m_requestsFilter->rowCount();
    const int tab = m_lists->indexOf(m_requestList);
    m_lists->setTabText(tab, count > 0 ? tr("Re&quests (%1)").arg(count) : tr("Re&quests"));
    m_lists->setTabToolTip(tab, tr("Messages from people who are not in your contacts"));
    // Nothing to decide, or the person does not want to see requests: no tab.
    const bool visible = m_requestsShown && count > 0;
    if (!visible && m_lists->currentIndex() == tab)
        m_lists->setCurrentWidget(m_conversationList);
    m_lists->setTabVisible(tab, visible);
}

void MainWindow::newChat()
{
    AddressDialog dialog(AddressDialog::Purpose::NewChat, this);
    dialog.setNick(m_features->roomMembership()->defaultNick());
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.isRoom()) {
        m_roomActions->join(dialog.address(), dialog.nick(), dialog.password());
        return;
    }
    // The person chose to write to them: their answers are not a request.
    m_features->requests()->startChat(dialog.address());
    openChat(dialog.address());
    m_chatPane->composer()->setFocus();
}

void MainWindow::jumpToChat()
{
    QList<QuickSwitcher::Entry> entries;
    QSet<QString> listed;
    for (int row = 0; row < m_conversations->rowCount(); ++row) {
        const QModelIndex index = m_conversations->index(row);
        const QString jid = index.data(ConversationsModel::ChatRole).toString();
        entries.append({ jid, index.data(ConversationsModel::NameRole).toString(),
            index.data(ConversationsModel::UnreadRole).toInt() });
        listed.insert(jid);
    }
    for (int row = 0; row < m_contacts->rowCount(); ++row) {
        const QModelIndex index = m_contacts->index(row);
        const QString jid = index.data(ContactsModel::JidRole).toString();
        if (!listed.contains(jid))
            entries.append({ jid, index.data(ContactsModel::NameRole).toString(), 0 });
    }
    if (!m_switcher) {
        // Made once and kept: making it looks its field's clear-button icon
        // up in the icon theme, ~100 ms where the theme has no cache.
        m_switcher = new QuickSwitcher(this);
        connect(m_switcher, &QuickSwitcher::chatChosen, this, [this](const QString &jid) {
            openChat(jid);
            m_chatPane->composer()->setFocus();
        });
    }
    m_switcher->filterEdit()->clear();
    m_switcher->setEntries(entries);
    m_switcher->filterEdit()->setFocus();
    m_switcher->open();
}

void MainWindow::addContact()
{
    AddressDialog dialog(AddressDialog::Purpose::AddContact, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_features->roster()->addContact(dialog.address(), dialog.name());
    openChat(dialog.address());
}

void MainWindow::setPresenceFromSelector(int index)
{
    m_connection->setPresence(PresenceStatus(m_presence->itemData(index).toInt()));
}

void MainWindow::updateTitle()
{
    const QString account = m_features->messenger()->accountJid();
    QString title = account.isEmpty() ? tr("Jabberwock") : tr("Jabberwock — %1").arg(account);
    if (const int unread = m_conversations->totalUnread(); unread > 0)
        title = tr("(%1) %2", "unread count, window title").arg(QString::number(unread), title);
    setWindowTitle(title);
}

void MainWindow::updateConnectionState()
{
    const Connection *session = m_connection;
    QString text;
    switch (session->state()) {
    case Connection::State::Offline:
        text = tr("Offline");
        break;
    case Connection::State::Connecting:
        if (const int seconds = session->secondsUntilReconnect(); seconds >= 0) {
            // Why it went away, and when it comes back (the person can say "now").
            const QString reason = session->lastError().message;
            text = tr("Reconnecting in %1 s.").arg(seconds);
            if (!reason.isEmpty())
                text = reason + u' ' + text;
        } else {
            text = tr("Connecting…");
        }
        break;
    case Connection::State::Online:
        text = tr("Online as %1").arg(session->accountJid());
        break;
    case Connection::State::Error: {
        const QString reason = session->lastError().message;
        text = reason.isEmpty() ? tr("Not connected.") : tr("Not connected: %1").arg(reason);
        if (const int seconds = session->secondsUntilReconnect(); seconds >= 0)
            text += u' ' + tr("Trying again in %n second(s).", nullptr, seconds);
        break;
    }
    }
    m_connectionLabel->setText(text);
    const bool waiting = session->secondsUntilReconnect() >= 0;
    m_reconnectButton->setVisible(waiting);
    if (waiting && !m_countdown->isActive())
        m_countdown->start();
    else if (!waiting)
        m_countdown->stop();
    m_addContactAction->setEnabled(session->state() == Connection::State::Online);
}

void MainWindow::showStorageError(const QString &sentence)
{
    m_storageLabel->setText(sentence);
    m_storageLabel->setToolTip(QString());
    m_storageLabel->setVisible(!sentence.isEmpty());
}

bool MainWindow::event(QEvent *event)
{
    const bool handled = QMainWindow::event(event);
    ReadTracker *tracker = m_features->readPositions()->tracker();
    switch (event->type()) {
    case QEvent::WindowActivate:
        tracker->setWindowActive(!isMinimized());
        break;
    case QEvent::WindowDeactivate:
    case QEvent::Hide:
        tracker->setWindowActive(false);
        break;
    case QEvent::WindowStateChange:
        // Activation is reported apart; only a minimised window is known to be unseen here.
        if (isMinimized())
            tracker->setWindowActive(false);
        else if (isActiveWindow())
            tracker->setWindowActive(true);
        break;
    default:
        break;
    }
    return handled;
}

} // namespace Jw::Ui
