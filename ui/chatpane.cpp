#include "chatpane.h"

#include "filenames.h"
#include "sendfiledialog.h"
#include "transferbar.h"
#include "transfers.h"

#include "chatstatelabel.h"
#include "chatstatereporter.h"
#include "composer.h"
#include "invitationbar.h"
#include "messageactions.h"
#include "messagedelegate.h"
#include "messagesmodel.h"
#include "accountfeatures.h"
#include "address.h"
#include "messenger.h"
#include "models.h"
#include "mentions.h"
#include "newmessagesbutton.h"
#include "occupantsmodel.h"
#include "peerbanner.h"
#include "rooms.h"
#include "roster.h"
#include "uiformat.h"

#include <QAction>
#include <QClipboard>
#include <QCompleter>
#include <QStringListModel>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QImage>
#include <QDateTime>
#include <QDesktopServices>
#include <QFileInfo>
#include <QMessageBox>
#include <QDir>
#include <QStandardPaths>
#include <QMimeData>
#include <QDropEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QListView>
#include <QResizeEvent>
#include <QScrollBar>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace Jw::Ui {
namespace {

/// Keeps the view from paging on its own. QAbstractItemView fetches more
/// whenever the last row is in view, which in a chat is always: it would
/// load the whole history. The pane fetches older pages itself, at the top.
class NoAutoFetchProxy final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex &) const override { return false; }
    void fetchMore(const QModelIndex &) override { }
};

/// Stays on the newest message while the width (and so every row's height) changes.
class MessageListView final : public QListView
{
public:
    using QListView::QListView;

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        const QScrollBar *bar = verticalScrollBar();
        const bool atBottom = bar->value() >= bar->maximum() - 2;
        QListView::resizeEvent(event);
        if (atBottom && event->size().width() != event->oldSize().width())
            scrollToBottom(); // runs the pending layout first
    }
};

QLabel *plainLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    // Names and status texts can be long: they must not widen the window.
    label->setMinimumWidth(1);
    return label;
}

} // namespace

ChatPane::ChatPane(AccountFeatures *features, Connection *connection, QWidget *parent)
    : QWidget(parent)
    , m_features(features)
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(m_stack))
    , m_chatPage(new QWidget(m_stack))
    , m_name(plainLabel(m_chatPage))
    , m_address(plainLabel(m_chatPage))
    , m_presence(plainLabel(m_chatPage))
    , m_subject(plainLabel(m_chatPage))
    , m_chatState(new ChatStateLabel(features, m_chatPage))
    , m_banner(new PeerBanner(features, connection, m_chatPage))
    , m_view(new MessageListView(m_chatPage))
    , m_composer(new Composer(m_chatPage))
    , m_sendButton(new QToolButton(m_chatPage))
    , m_proxy(new NoAutoFetchProxy(this))
{
    m_placeholder->setText(tr("Choose a conversation, or start a new one with New chat (Ctrl+N)."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);

    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.15);
    m_name->setFont(nameFont);
    m_name->setAccessibleName(tr("Contact name"));
    m_address->setAccessibleName(tr("Contact address"));
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_presence->setAccessibleName(tr("Contact status"));
    m_subject->setAccessibleName(tr("Room subject"));
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subject->hide();
    QPalette secondary = m_address->palette();
    secondary.setColor(QPalette::WindowText, secondaryTextColor(palette()));
    m_address->setPalette(secondary);
    m_presence->setPalette(secondary);

    m_view->setModel(m_proxy);
    const auto updateRetry = [this] {
        const QModelIndex current = m_view->currentIndex();
        m_retryAction->setEnabled(!isRoom() && current.isValid()
            && current.data(MessagesModel::StateRole).toInt() == int(DeliveryState::Failed));
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, updateRetry);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, updateRetry);
    auto *delegate = new MessageDelegate(m_view);
    m_view->setItemDelegate(delegate);
    // A reply's quote opens what it answers.
    connect(delegate, &MessageDelegate::quoteClicked, this, &ChatPane::showMessage);
    // A downloaded picture shows in its message's bubble.
    delegate->setPictureLookup([this, transfers = features->transfers()](const QModelIndex &index) -> QString {
        if (!m_model)
            return {};
        const auto t = transfers->transferOf(m_model->chat(), index.data(MessagesModel::MessageIdRole).toString());
        if (!t || t->state != Transfer::State::Downloaded || !t->isPicture() || !t->error.isEmpty())
            return {};
        return t->localPath;
    });
    // A file's card: its progress repaints its row (the model says which);
    // a new state, a picture that arrived or a file that went changes its height.
    delegate->setTransfers(features->transfers());
    connect(delegate, &MessageDelegate::fileActionRequested, this,
        [this](qint64 id, MessageDelegate::FileAction action) { onFileAction(id, int(action)); });
    m_openUrl = [](const QUrl &url) { QDesktopServices::openUrl(url); };
    connect(features->transfers(), &Transfers::transferChanged, this, [this](const Transfer &t) {
        if (!m_model || t.chat != m_model->chat())
            return;
        const QString sized = QString::number(int(t.state)) + u'\n' + t.error + u'\n' + t.messageId;
        if (m_cardStates.value(t.id) == sized)
            return; // progress only
        m_cardStates.insert(t.id, sized);
        m_view->doItemsLayout();
    });
    new NewMessagesButton(m_view); // "jump to first unread", over the view
    m_view->setUniformItemSizes(false);
    m_view->setWordWrap(true);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->verticalScrollBar()->setSingleStep(20);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setAccessibleName(tr("Messages"));
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy = new QAction(tr("&Copy Text"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ChatPane::copyCurrentMessage);
    m_view->addAction(copy);
    // A message the server refused can be sent again, as it was.
    m_retryAction = new QAction(tr("&Retry Sending"), m_view);
    m_retryAction->setEnabled(false);
    connect(m_retryAction, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (!isRoom() && current.isValid()
            && current.data(MessagesModel::StateRole).toInt() == int(DeliveryState::Failed))
            m_features->messenger()->retry(chat(), current.data(MessagesModel::MessageIdRole).toString());
    });
    m_view->addAction(m_retryAction);

    m_sendButton->setText(tr("Send"));
    m_sendButton->setAccessibleName(tr("Send message"));
    m_sendButton->setToolTip(tr("Send (Enter)"));
    m_sendButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *header = new QVBoxLayout;
    header->setSpacing(0);
    header->setContentsMargins(10, 6, 10, 6);
    header->addWidget(m_name);
    auto *subtitle = new QHBoxLayout;
    subtitle->setSpacing(16);
    subtitle->addWidget(m_address);
    subtitle->addWidget(m_presence);
    subtitle->addWidget(m_subject, 1);
    subtitle->addWidget(m_chatState);
    subtitle->addStretch(1);
    header->addLayout(subtitle);

    auto *composerRow = new QHBoxLayout;
    composerRow->setContentsMargins(6, 0, 6, 6);
    m_attachButton = new QToolButton(m_chatPage);
    m_attachButton->setObjectName(QStringLiteral("attach"));
    m_attachButton->setText(tr("Attach"));
    m_attachButton->setToolTip(tr("Send a file or a picture (Ctrl+Shift+A)"));
    composerRow->addWidget(m_attachButton, 0, Qt::AlignBottom);
    composerRow->addWidget(m_composer, 1);
    composerRow->addWidget(m_sendButton, 0, Qt::AlignBottom);

    m_membersButton = new QToolButton(m_chatPage);
    m_membersButton->setText(tr("Members"));
    m_membersButton->setToolTip(tr("Show or hide who is in the room"));
    m_membersButton->setCheckable(true);
    m_membersButton->setChecked(true);
    m_membersButton->setAutoRaise(true);
    m_membersButton->hide();
    subtitle->addWidget(m_membersButton);
    m_occupantList = new QListView(m_chatPage);
    m_occupantList->setAccessibleName(tr("Room members"));
    m_occupantList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_occupantList->setMaximumWidth(200);
    m_occupantList->setToolTip(tr("Double-click a member to write to them privately, through the room"));
    m_occupantList->hide();
    connect(m_occupantList, &QListView::activated, this, [this](const QModelIndex &index) {
        const QString nick = index.data(OccupantsModel::NickRole).toString();
        if (!isRoom() || nick.isEmpty() || nick == m_features->rooms()->nick(chat()))
            return;
        Q_EMIT privateChatRequested(occupantChat(chat(), nick));
    });
    connect(m_membersButton, &QToolButton::toggled, m_occupantList, [this](bool shown) {
        m_occupantList->setVisible(shown && isRoom());
    });
    m_roomProblem = makeErrorLabel(m_chatPage);
    m_roomProblem->setAccessibleName(tr("Room problem"));
    m_roomProblem->hide();
    auto *middle = new QHBoxLayout;
    middle->setSpacing(0);
    middle->addWidget(m_view, 1);
    middle->addWidget(m_occupantList);

    m_nicks = new QStringListModel(this);
    m_completer = new QCompleter(m_nicks, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(m_composer);
    m_composer->setCompleter(m_completer);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &ChatPane::insertNick);
    connect(m_composer, &Composer::edited, this, &ChatPane::completeNick);

    auto *chatLayout = new QVBoxLayout(m_chatPage);
    chatLayout->setContentsMargins(0, 0, 0, 0);
    chatLayout->setSpacing(4);
    chatLayout->addLayout(header);
    chatLayout->addWidget(m_banner);
    m_invitationBar = new InvitationBar(m_chatPage);
    chatLayout->addWidget(m_invitationBar);
    chatLayout->addWidget(m_roomProblem);
    chatLayout->addLayout(middle, 1);
    m_messageActions = new MessageActions(m_features, this);
    chatLayout->addWidget(m_messageActions->bar());
    m_transferBar = new TransferBar(features->transfers(), m_chatPage);
    chatLayout->addWidget(m_transferBar);
    chatLayout->addLayout(composerRow);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_chatPage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_composer, &Composer::sendRequested, this, &ChatPane::send);
    auto *attach = new QAction(tr("Attach a File"), this);
    attach->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    attach->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(attach);
    connect(attach, &QAction::triggered, this, &ChatPane::chooseFile);
    connect(m_attachButton, &QToolButton::clicked, this, &ChatPane::chooseFile);
    connect(m_composer, &Composer::filesOffered, this, [this](const QStringList &paths) {
        if (!paths.isEmpty())
            offerFile(paths.constFirst());
    });
    connect(m_composer, &Composer::imagePasted, this, &ChatPane::offerImage);
    setAcceptDrops(true);
    connect(m_sendButton, &QToolButton::clicked, m_composer, &Composer::send);
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this,
        [this](const QModelIndex &, int first, int) { beforeRowsChange(first, true); });
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this,
        [this](const QModelIndex &, int first, int) { beforeRowsChange(first, false); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] { afterRowsChange(true); });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this] { afterRowsChange(false); });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &ChatPane::fetchAtEdges);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
        [this] { m_stickToBottom = isAtBottom() && m_model && m_model->isAtEnd(); });
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int maximum) {
        if (m_stickToBottom && m_anchorRowId == 0)
            m_view->verticalScrollBar()->setValue(maximum);
    });

    connect(m_features->roster(), &Roster::rosterReset, this, &ChatPane::updateHeader);
    connect(m_features->roster(), &Roster::contactChanged, this, [this](const Contact &contact) {
        if (contact.jid == chat())
            updateHeader();
    });
    connect(this, &ChatPane::chatChanged, m_chatState,
        [this](const QString &jid) { m_chatState->setChat(jid, m_kind); });
    // What can be known about a person: a room has no such banner.
    connect(this, &ChatPane::chatChanged, m_banner, [this](const QString &jid) {
        m_banner->setChat(isRoom() ? QString() : jid);
    });
    connectRooms();
    // Deleted from the banner: nothing is left to show.
    connect(m_banner, &PeerBanner::deleted, this, [this](const QString &jid) {
        if (jid == chat()) {
            m_drafts.remove(jid);
            setChat(QString());
        }
    });
    // What the person does, for XEP-0085, in chats and rooms.
    new ChatStateReporter(m_features->chatStates(), m_features->roomChatStates(), this);
}

ChatPane::~ChatPane()
{
    m_proxy->setSourceModel(nullptr);
}

QString ChatPane::chat() const
{
    return m_model ? m_model->chat() : QString();
}

void ChatPane::setChat(const QString &jid, ChatKind kind)
{
    if (jid == chat() && kind == m_kind)
        return;
    m_kind = jid.isEmpty() ? ChatKind::Chat : kind;
    m_messageActions->reset();
    m_transferBar->setChat(jid);
    if (m_model)
        m_drafts.insert(m_model->chat(), m_composer->toPlainText());
    m_composer->setPlainText(m_drafts.take(jid));

    std::unique_ptr<MessagesModel> model;
    if (!jid.isEmpty()) {
        model = std::make_unique<MessagesModel>(m_features, jid);
        connect(model.get(), &MessagesModel::pageLoaded, this, [this](int count) {
            if (m_stickToBottom && m_model->isAtEnd())
                m_view->scrollToBottom();
            // A page that does not fill the view leaves nothing to scroll: fetch on.
            if (count > 0)
                fetchAtEdges();
            Q_EMIT messagesShown();
        });
        connect(model.get(), &MessagesModel::aroundLoaded, this, &ChatPane::showLoadedMessage);
    }
    // The old model goes only once the view has let go of it (end of scope).
    m_occupantList->setModel(nullptr);
    m_occupants.reset();
    if (isRoom()) {
        m_occupants = std::make_unique<OccupantsModel>(m_features->rooms(), jid);
        m_occupantList->setModel(m_occupants.get());
    }
    m_occupantList->setVisible(isRoom() && m_membersButton->isChecked());
    m_membersButton->setVisible(isRoom());
    const std::unique_ptr<MessagesModel> old = std::exchange(m_model, std::move(model));
    m_proxy->setSourceModel(m_model.get());
    m_invitationBar->setModel(m_model.get());
    m_wasAtBottom = true;
    m_stickToBottom = true;
    m_anchorRowId = 0;
    m_stack->setCurrentWidget(m_model ? m_chatPage : static_cast<QWidget *>(m_placeholder));
    updateHeader();
    Q_EMIT chatChanged(jid);
}

void ChatPane::addDraft(const QString &text)
{
    const QString written = m_composer->toPlainText();
    // The same link twice is one draft; what the person wrote is never lost.
    if (written.isEmpty() || written == text)
        m_composer->setPlainText(text);
    else if (!text.isEmpty())
        m_composer->setPlainText(written + u'\n' + text);
    m_composer->moveCursor(QTextCursor::End);
    m_composer->setFocus();
}

bool ChatPane::isAtBottom() const
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    return bar->value() >= bar->maximum() - 2;
}

void ChatPane::updateHeader()
{
    if (!m_model) {
        m_name->clear();
        m_address->clear();
        m_presence->clear();
        return;
    }
    m_presence->setVisible(!isRoom());
    m_subject->setVisible(isRoom());
    if (!isRoom())
        m_roomProblem->hide();
    if (isRoom()) {
        const QString room = m_model->chat();
        const Rooms *rooms = m_features->rooms();
        m_name->setText(ConversationsModel::roomName(m_features, room));
        m_address->setText(room);
        m_address->setVisible(true);
        QString line = oneLine(rooms->subject(room));
        if (rooms->state(room) == Rooms::State::Joining)
            line = tr("Joining…");
        else if (rooms->state(room) == Rooms::State::Out)
            line = tr("You are not in this room now.");
        m_subject->setText(line);
        m_subject->setToolTip(QString());
        const QString problem = rooms->state(room) == Rooms::State::Joined ? QString() : m_problems.value(room);
        m_roomProblem->setText(problem);
        m_roomProblem->setVisible(!problem.isEmpty());
        return;
    }
    const Contact contact = m_features->roster()->contact(m_model->chat());
    const QString name = m_features->roster()->displayName(m_model->chat());
    m_name->setText(name);
    m_address->setText(m_model->chat());
    m_address->setVisible(name != m_model->chat()); // not the same line twice
    // Without a subscription nothing is known: "Offline" would be a guess.
    // Before the roster arrives, not even that is known: nothing is said.
    // A private chat through a room has no status: the room, not a
    // subscription, says who is there.
    const bool throughRoom = occupantOf(m_model->chat()).has_value();
    QString presence;
    if (throughRoom)
        presence.clear();
    else if (contact.sharesPresence())
        presence = presenceText(contact.presence);
    else if (m_features->roster()->hasArrived())
        presence = tr("Status not shared");
    if (!throughRoom && contact.sharesPresence() && !contact.statusText.isEmpty())
        presence += QStringLiteral(" — ") + oneLine(contact.statusText);
    m_presence->setText(presence);
    m_presence->setToolTip(QString()); // status texts stay out of (rich-text) tooltips
}

void ChatPane::send(const QString &text)
{
    if (!m_model)
        return;
    if (m_messageActions->takeSend(text)) // a correction or a reply
        return;
    if (isRoom())
        m_features->rooms()->send(m_model->chat(), text);
    else
        m_features->messenger()->sendMessage(m_model->chat(), text);
    // Whoever sends wants to see their message, wherever they had scrolled.
    scrollToNewest();
}

void ChatPane::connectRooms()
{
    const Rooms *rooms = m_features->rooms();
    const auto refresh = [this](const QString &room) {
        if (isRoom() && room == chat())
            updateHeader();
    };
    connect(rooms, &Rooms::subjectChanged, this, refresh);
    connect(rooms, &Rooms::joined, this, refresh);
    connect(rooms, &Rooms::left, this, refresh);
    // Put out, or not let in: said in the room, which stays readable.
    connect(rooms, &Rooms::removed, this, [this, refresh](const QString &room, Rooms::Removal, const QString &why) {
        m_problems.insert(room, why);
        refresh(room);
    });
    connect(rooms, &Rooms::joinFailed, this, [this, refresh](const QString &room, JoinError, const QString &why) {
        m_problems.insert(room, why);
        refresh(room);
    });
    connect(rooms, &Rooms::rejoining, this, refresh);
}

void ChatPane::completeNick()
{
    qsizetype start = -1;
    const QTextCursor cursor = m_composer->textCursor();
    const QString typed = isRoom() && m_occupants
        ? Mentions::typedPrefix(m_composer->toPlainText(), cursor.position(), &start)
        : QString();
    const QStringList nicks = start >= 0 ? m_occupants->nicksStartingWith(typed) : QStringList();
    if (nicks.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    m_nicks->setStringList(nicks);
    m_completer->setCompletionPrefix(typed);
    QRect rect = m_composer->cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0) + 24);
    m_completer->complete(rect);
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
}

void ChatPane::insertNick(const QString &nick)
{
    QTextCursor cursor = m_composer->textCursor();
    qsizetype start = -1;
    Mentions::typedPrefix(m_composer->toPlainText(), cursor.position(), &start);
    if (start < 0)
        return;
    cursor.setPosition(int(start), QTextCursor::KeepAnchor);
    cursor.insertText(u'@' + nick + u' ');
    m_composer->setTextCursor(cursor);
}

void ChatPane::copyCurrentMessage()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        QGuiApplication::clipboard()->setText(current.data(MessagesModel::BodyRole).toString());
}

void ChatPane::fetchAtEdges()
{
    if (!m_model || m_anchorRowId != 0)
        return;
    // Within a screen of either end of what is loaded: the next page comes
    // before the person gets there.
    const QScrollBar *bar = m_view->verticalScrollBar();
    const int margin = m_view->viewport()->height();
    if (bar->value() <= bar->minimum() + margin && m_model->canFetchMore())
        m_model->fetchMore();
    else if (bar->value() >= bar->maximum() - margin && m_model->canFetchNewer())
        m_model->fetchNewer();
}

void ChatPane::scrollToNewest()
{
    m_stickToBottom = true;
    if (m_model && !m_model->isAtEnd())
        m_model->loadNewest(); // pageLoaded scrolls down
    else
        m_view->scrollToBottom();
}

void ChatPane::showMessage(qint64 rowId)
{
    if (!m_model)
        return;
    m_stickToBottom = false;
    m_model->loadAround(rowId);
}

void ChatPane::showLoadedMessage(int row)
{
    if (row < 0)
        return;
    m_stickToBottom = false;
    m_view->doItemsLayout();
    const QModelIndex index = m_proxy->index(row, 0);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    Q_EMIT messagesShown();
}

void ChatPane::beforeRowsChange(int first, bool inserting)
{
    m_wasAtBottom = m_stickToBottom || isAtBottom();
    if (m_anchorRowId != 0 || m_proxy->rowCount() == 0)
        return;
    // Rows go in or out above what is in view: remember the message at the
    // top of the view and where it stands, to keep it there.
    const QModelIndex top = topVisibleIndex();
    if (!top.isValid() || first > top.row() || (inserting && first == m_proxy->rowCount()))
        return;
    m_anchorRowId = top.data(MessagesModel::RowIdRole).toLongLong();
    m_anchorTop = m_view->visualRect(top).top();
}

void ChatPane::afterRowsChange(bool inserted)
{
    if (m_anchorRowId != 0) {
        const qint64 rowId = std::exchange(m_anchorRowId, 0);
        const int row = m_model ? m_model->rowOf(rowId) : -1;
        if (row >= 0) {
            // One layout of the window (a few pages), whatever was read before.
            m_view->doItemsLayout();
            QScrollBar *bar = m_view->verticalScrollBar();
            bar->setValue(bar->value() + m_view->visualRect(m_proxy->index(row, 0)).top() - m_anchorTop);
        }
    } else if (inserted && m_wasAtBottom && m_model && m_model->isAtEnd()) {
        m_view->scrollToBottom();
    }
    if (inserted)
        Q_EMIT messagesShown();
}

QModelIndex ChatPane::topVisibleIndex() const
{
    // Bubbles sit on either side: look across the row.
    const int width = m_view->viewport()->width();
    for (int y = 0; y < std::min(64, m_view->viewport()->height()); y += 4) {
        for (const int x : { 16, width / 2, width - 16 }) {
            const QModelIndex index = m_view->indexAt(QPoint(x, y));
            if (index.isValid())
                return index;
        }
    }
    return {};
}

void ChatPane::chooseFile()
{
    if (chat().isEmpty())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Send a File"));
    if (!path.isEmpty())
        offerFile(path);
}

SendFileDialog *ChatPane::offerFile(const QString &path)
{
    if (chat().isEmpty())
        return nullptr;
    // Nothing is uploaded before the person saw what it is and said Send.
    auto *dialog = new SendFileDialog(path, m_name->text(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString to = chat();
    const ChatKind kind = m_kind;
    connect(dialog, &QDialog::accepted, this, [this, to, kind, path] {
        m_transferBar->showProblem({});
        m_features->transfers()->sendFile(to, kind, path);
    });
    dialog->open();
    return dialog;
}

SendFileDialog *ChatPane::offerImage(const QImage &image)
{
    if (chat().isEmpty() || image.isNull())
        return nullptr;
    // A pasted picture (a screenshot) becomes a PNG file to send.
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/pasted");
    QDir().mkpath(folder);
    const QString name = QStringLiteral("screenshot-%1.png")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const QString path = Files::availablePath(folder, name);
    if (!image.save(path, "PNG")) {
        m_transferBar->showProblem(tr("The pasted picture could not be saved to be sent."));
        return nullptr;
    }
    return offerFile(path);
}

void ChatPane::onFileAction(qint64 id, int action)
{
    Transfers *transfers = m_features->transfers();
    const auto t = transfers->transfer(id);
    if (!t)
        return;
    switch (MessageDelegate::FileAction(action)) {
    case MessageDelegate::FileAction::Download:
        downloadFile(id);
        break;
    case MessageDelegate::FileAction::Cancel:
        transfers->cancel(id);
        break;
    case MessageDelegate::FileAction::Retry:
        m_transferBar->showProblem({});
        transfers->retry(id);
        break;
    case MessageDelegate::FileAction::Remove:
        transfers->discard(id);
        break;
    case MessageDelegate::FileAction::Open:
        // Opened only when the person asks, with the desktop's own handler.
        if (QFileInfo::exists(t->localPath))
            m_openUrl(QUrl::fromLocalFile(t->localPath));
        break;
    case MessageDelegate::FileAction::ShowInFolder:
        if (QFileInfo::exists(t->localPath))
            m_openUrl(QUrl::fromLocalFile(QFileInfo(t->localPath).absolutePath()));
        break;
    }
}

void ChatPane::downloadFile(qint64 id)
{
    const auto wanted = m_features->transfers()->transfer(id);
    if (!wanted)
        return;
    // A link to another host than the sender's server: say where it goes first.
    const QString host = QUrl(wanted->url).host();
    const QString sender = wanted->kind == ChatKind::GroupChat ? wanted->chat : bareOf(wanted->chat);
    const QString senderDomain = sender.section(u'@', 1).section(u'/', 0, 0);
    if (host != senderDomain && !host.endsWith(u'.' + senderDomain)) {
        const auto answer = QMessageBox::question(this, tr("Download a File"),
            tr("This file is on %1, not on the sender's server. Download it from there?").arg(host));
        if (answer != QMessageBox::Yes)
            return;
    }
    m_features->transfers()->download(id);
}

void ChatPane::dragEnterEvent(QDragEnterEvent *event)
{
    if (!chat().isEmpty() && event->mimeData()->hasUrls() && !event->mimeData()->urls().isEmpty()
        && event->mimeData()->urls().constFirst().isLocalFile())
        event->acceptProposedAction();
}

void ChatPane::dropEvent(QDropEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.constFirst().isLocalFile())
        return;
    event->acceptProposedAction();
    offerFile(urls.constFirst().toLocalFile());
}

} // namespace Jw::Ui
