#pragma once

#include "types.h"

#include <QObject>
#include <QStringList>

class QAction;
class QLabel;
class QMenu;
class QModelIndex;

namespace Jw {
class AccountFeatures;
class Settings;
}

namespace Jw::Ui {

class ChatPane;

/// What a person can do to a message of a 1:1 chat (issue 18): correct
/// their own (XEP-0308: the message menu, or Up in an empty composer),
/// answer one (XEP-0461), react to one (XEP-0444), delete their own for
/// everyone (XEP-0424) or any message for themselves. A bar over the
/// composer says when the next send is a correction or a reply; Escape
/// leaves it.
class MessageActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageActions)

public:
    enum class Mode { None, Edit, Reply };

    MessageActions(AccountFeatures *features, ChatPane *pane);

    /// The bar over the composer (hidden while Mode::None).
    QLabel *bar() const { return m_bar; }
    Mode mode() const { return m_mode; }
    QAction *editAction() const { return m_edit; }
    QAction *replyAction() const { return m_reply; }
    QAction *reactAction() const { return m_react; }
    QAction *retractAction() const { return m_retract; }
    QAction *deleteLocallyAction() const { return m_deleteLocally; }
    /// Where the emoji used lately are kept (Settings::recentEmoji): shared
    /// by every pane and kept across restarts. Without it (null) they last
    /// as long as this pane.
    void setSettings(Settings *settings);
    /// The emoji used lately, newest first.
    QStringList recentEmoji() const;
    /// The emoji the picker offers, in its order: the recent ones, then the
    /// common ones not among them.
    QStringList pickerEmoji() const;

    /// Corrects our newest message of the chat: puts its text in the composer.
    void editLast();
    void startEdit(const QModelIndex &index);
    void startReply(const QModelIndex &index);
    /// Adds `emoji` to our reactions to the message at `index`, or takes it
    /// away when it is one of ours already.
    void toggleReaction(const QModelIndex &index, const QString &emoji);
    void cancel();
    /// Whether `text` was a correction or a reply (then sent as such).
    bool takeSend(const QString &text);
    /// The chat changed: whatever was in progress ends.
    void reset();

private:
    void updateActions();
    QModelIndex current() const;
    void showBar(const QString &text);

    AccountFeatures *const m_features;
    ChatPane *const m_pane;
    QLabel *const m_bar;
    QAction *m_edit = nullptr;
    QAction *m_reply = nullptr;
    QAction *m_react = nullptr;
    QAction *m_retract = nullptr;
    QAction *m_deleteLocally = nullptr;
    QMenu *m_picker = nullptr;
    Mode m_mode = Mode::None;
    QString m_target; ///< the message id corrected (Mode::Edit)
    Message m_replyTo; ///< the message answered (Mode::Reply)
    Settings *m_settings = nullptr;
    QStringList m_recent; ///< emoji used lately, newest first (without m_settings)
};

} // namespace Jw::Ui
