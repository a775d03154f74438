#include "messageactions.h"

#include "accountfeatures.h"
#include "chatpane.h"
#include "composer.h"
#include "messagesmodel.h"
#include "messenger.h"
#include "rooms.h"
#include "settings.h"

#include <QAction>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QModelIndex>

namespace Jw::Ui {

namespace {

const QStringList CommonEmoji { QStringLiteral("\U0001F44D"), QStringLiteral("\u2764\uFE0F"),
    QStringLiteral("\U0001F602"), QStringLiteral("\U0001F62E"), QStringLiteral("\U0001F622"),
    QStringLiteral("\U0001F64F") };

QStringList ownReactions(const QModelIndex &index)
{
    QStringList own;
    const QVariantList reactions = index.data(MessagesModel::ReactionsRole).toList();
    for (const QVariant &r : reactions) {
        const QVariantMap entry = r.toMap();
        if (entry.value(QStringLiteral("own")).toBool())
            own.append(entry.value(QStringLiteral("emoji")).toString());
    }
    return own;
}

/// One of our messages. A file still on its way up is no message yet (nothing
/// to correct, answer or delete): its card has its own buttons.
bool isOurs(const QModelIndex &index)
{
    return index.data(MessagesModel::DirectionRole).toInt() == int(Direction::Outgoing)
        && !index.data(MessagesModel::PendingUploadRole).toBool();
}

} // namespace

MessageActions::MessageActions(AccountFeatures *features, ChatPane *pane)
    : QObject(pane)
    , m_features(features)
    , m_pane(pane)
    , m_bar(new QLabel(pane))
{
    m_bar->setTextFormat(Qt::PlainText);
    m_bar->setAccessibleName(tr("Composer mode"));
    m_bar->setContentsMargins(10, 0, 10, 0);
    m_bar->hide();
    QListView *view = pane->messageView();

    m_edit = new QAction(tr("&Edit"), view);
    connect(m_edit, &QAction::triggered, this, [this] { startEdit(current()); });
    m_reply = new QAction(tr("Re&ply"), view);
    connect(m_reply, &QAction::triggered, this, [this] { startReply(current()); });
    m_react = new QAction(tr("Re&act"), view);
    m_picker = new QMenu(view);
    m_react->setMenu(m_picker);
    connect(m_picker, &QMenu::aboutToShow, this, [this] {
        m_picker->clear();
        const QModelIndex index = current();
        const QStringList own = ownReactions(index);
        for (const QString &emoji : pickerEmoji()) {
            QAction *a = m_picker->addAction(emoji);
            a->setCheckable(true);
            a->setChecked(own.contains(emoji)); // one's own: choosing it again takes it away
            connect(a, &QAction::triggered, this, [this, emoji] { toggleReaction(current(), emoji); });
        }
    });
    m_retract = new QAction(tr("De&lete for Everyone"), view);
    connect(m_retract, &QAction::triggered, this, [this] {
        const QModelIndex index = current();
        if (!index.isValid() || !isOurs(index))
            return;
        const QString id = index.data(MessagesModel::MessageIdRole).toString();
        if (m_pane->isRoom())
            m_features->rooms()->retract(m_pane->chat(), id);
        else
            m_features->messenger()->retract(m_pane->chat(), id);
    });
    m_deleteLocally = new QAction(tr("Delete for &Me"), view);
    connect(m_deleteLocally, &QAction::triggered, this, [this] {
        const QModelIndex index = current();
        if (index.isValid())
            m_features->messenger()->deleteLocally(m_pane->chat(), index.data(MessagesModel::RowIdRole).toLongLong());
    });
    for (QAction *a : { m_edit, m_reply, m_react, m_retract, m_deleteLocally })
        view->addAction(a);

    connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this, &MessageActions::updateActions);
    connect(view->model(), &QAbstractItemModel::dataChanged, this, &MessageActions::updateActions);
    connect(pane->composer(), &Composer::editLastRequested, this, &MessageActions::editLast);
    connect(pane->composer(), &Composer::cancelRequested, this, &MessageActions::cancel);
    updateActions();
}

QModelIndex MessageActions::current() const
{
    return m_pane->messageView()->currentIndex();
}

void MessageActions::updateActions()
{
    const QModelIndex index = current();
    // The same in 1:1 chats and rooms; a file still on its way up is no message yet.
    const bool valid = index.isValid() && !index.data(MessagesModel::PendingUploadRole).toBool();
    const bool retracted = valid && index.data(MessagesModel::RetractedRole).toBool();
    const bool ours = valid && isOurs(index);
    m_edit->setEnabled(ours && !retracted);
    m_reply->setEnabled(valid && !retracted);
    m_react->setEnabled(valid && !retracted);
    m_retract->setEnabled(ours && !retracted);
    m_deleteLocally->setEnabled(valid);
}

void MessageActions::setSettings(Settings *settings)
{
    m_settings = settings;
}

QStringList MessageActions::recentEmoji() const
{
    return m_settings ? m_settings->recentEmoji() : m_recent;
}

QStringList MessageActions::pickerEmoji() const
{
    QStringList list = recentEmoji();
    for (const QString &emoji : CommonEmoji) {
        if (!list.contains(emoji))
            list.append(emoji);
    }
    return list;
}

void MessageActions::editLast()
{
    const QAbstractItemModel *model = m_pane->messageView()->model();
    if (!model)
        return;
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = model->index(row, 0);
        if (isOurs(index) && !index.data(MessagesModel::RetractedRole).toBool()) {
            startEdit(index);
            return;
        }
    }
}

void MessageActions::startEdit(const QModelIndex &index)
{
    if (!index.isValid() || !isOurs(index) || index.data(MessagesModel::RetractedRole).toBool())
        return;
    m_mode = Mode::Edit;
    m_target = index.data(MessagesModel::MessageIdRole).toString();
    m_pane->composer()->setPlainText(index.data(MessagesModel::BodyRole).toString());
    m_pane->composer()->moveCursor(QTextCursor::End);
    m_pane->composer()->setFocus();
    showBar(tr("Editing your message (Escape to cancel)"));
}

void MessageActions::startReply(const QModelIndex &index)
{
    if (!index.isValid() || !m_pane->model())
        return;
    const int row = m_pane->model()->rowOf(index.data(MessagesModel::RowIdRole).toLongLong());
    if (row < 0)
        return;
    m_mode = Mode::Reply;
    m_replyTo = m_pane->model()->messageAt(row);
    const QString who = m_replyTo.isIncoming() ? index.data(MessagesModel::SenderRole).toString() : tr("yourself");
    showBar(tr("Replying to %1: %2 (Escape to cancel)").arg(who, m_replyTo.body.section(u'\n', 0, 0).left(80)));
    m_pane->composer()->setFocus();
}

void MessageActions::toggleReaction(const QModelIndex &index, const QString &emoji)
{
    if (!index.isValid() || emoji.isEmpty())
        return;
    QStringList own = ownReactions(index);
    if (own.contains(emoji)) {
        own.removeAll(emoji);
    } else {
        own.append(emoji);
        if (m_settings) {
            m_settings->addRecentEmoji(emoji);
        } else {
            m_recent.removeAll(emoji);
            m_recent.prepend(emoji);
            while (m_recent.size() > Settings::MaxRecentEmoji)
                m_recent.removeLast();
        }
    }
    QString id = index.data(MessagesModel::MessageIdRole).toString();
    if (m_pane->isRoom()) {
        // The room's id names it for sure (a sender may give none; ejabberd keeps none).
        const int row = m_pane->model() ? m_pane->model()->rowOf(index.data(MessagesModel::RowIdRole).toLongLong()) : -1;
        if (row >= 0 && !m_pane->model()->messageAt(row).stanzaId.isEmpty())
            id = m_pane->model()->messageAt(row).stanzaId;
        m_features->rooms()->react(m_pane->chat(), id, own);
    }
    else
        m_features->messenger()->react(m_pane->chat(), id, own);
}

void MessageActions::showBar(const QString &text)
{
    m_bar->setText(text);
    m_bar->show();
}

void MessageActions::cancel()
{
    const bool editing = m_mode == Mode::Edit;
    reset();
    if (editing)
        m_pane->composer()->clear();
}

void MessageActions::reset()
{
    m_mode = Mode::None;
    m_target.clear();
    m_replyTo = Message();
    m_bar->hide();
}

bool MessageActions::takeSend(const QString &text)
{
    switch (m_mode) {
    case Mode::None:
        return false;
    case Mode::Edit:
        if (m_pane->isRoom())
            m_features->rooms()->correct(m_pane->chat(), m_target, text);
        else
            m_features->messenger()->correct(m_pane->chat(), m_target, text);
        break;
    case Mode::Reply:
        if (m_pane->isRoom())
            m_features->rooms()->sendReply(m_pane->chat(), text, m_replyTo);
        else
            m_features->messenger()->sendReply(m_pane->chat(), text, m_replyTo);
        break;
    }
    reset();
    return true;
}

} // namespace Jw::Ui
