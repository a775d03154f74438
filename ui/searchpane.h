#pragma once

#include "searchindex.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QStandardItemModel;
class QTimer;
class QToolButton;

namespace Jw {
class AccountFeatures;
}

namespace Jw::Ui {

/// The search field above the lists and its results (issue 17): results come
/// as the person types, newest first, each with its chat, sender, time and
/// the matching words highlighted. Enter or a click opens the chat at the
/// hit; Up/Down then step to the previous/next hit. The search covers all
/// chats, or only the shown one (Ctrl+F); Requests only when the person
/// looks in Requests.
class SearchPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchPane)

public:
    explicit SearchPane(AccountFeatures *features, QWidget *parent = nullptr);

    QLineEdit *field() const { return m_field; }
    QListView *results() const { return m_results; }
    QLabel *status() const { return m_status; }

    /// Ctrl+F (a chat: only there) and Ctrl+Shift+F (empty: all chats).
    void searchIn(const QString &chat);
    /// Where strangers' chats belong: searched only when the person looks there.
    void setRequestScope(Search::RequestScope scope);
    /// Names the person knows contacts by (bare address → name), for from: and in:.
    void setNames(const QHash<QString, QString> &names) { m_names = names; }
    /// The chats and contacts the field also finds by name or address, as
    /// (address, name) in the order the lists show them: typing "ㅈㄴ" or
    /// "jen" lists Jenny above the messages, to open her chat.
    void setChats(const QList<std::pair<QString, QString>> &chats) { m_chats = chats; }
    /// Whether a search is under way (the field has something).
    bool isActive() const;
    /// The hit now chosen in the results, as (chat, row id); none: ({}, 0).
    std::pair<QString, qint64> currentHit() const;

Q_SIGNALS:
    /// Open the chat at this message.
    void hitActivated(const QString &chat, qint64 rowId);
    /// Open this chat (a chat found by its name): the search is over.
    void chatActivated(const QString &chat);
    /// The field was emptied or left with Esc: the lists come back.
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void runSearch(bool more);
    QList<std::pair<QString, QString>> matchingChats() const;
    void showPage(const Search::Page &page, bool more);
    void step(int delta);
    void open(int row);
    void updateScopeButton();
    void updateIndexing(qint64 done, qint64 total);

    AccountFeatures *const m_features;
    QLineEdit *const m_field;
    QToolButton *const m_scope;
    QLabel *const m_status;
    QListView *const m_results;
    QStandardItemModel *const m_model;
    QTimer *const m_typing;
    QString m_chat; ///< the chat of Ctrl+F
    Search::RequestScope m_requests = Search::RequestScope::Exclude;
    QHash<QString, QString> m_names;
    QList<std::pair<QString, QString>> m_chats;
    QList<std::pair<QString, QString>> m_chatMatches; ///< shown above the hits
    int m_hitCount = 0; ///< the message hits shown (the chats above them aside)
    Search::Query m_query;
    quint64 m_generation = 0;
    Search::Position m_last; ///< the last hit shown: the next page starts after it
    bool m_complete = true; ///< every hit is shown
    bool m_following = false; ///< a hit was opened: Up/Down open the next ones too
    QString m_indexing; ///< "Indexing… n %" while the index is built
};

} // namespace Jw::Ui
