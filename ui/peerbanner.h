#pragma once

#include <QFrame>
#include <QString>

class QLabel;
class QPushButton;

namespace Jw {
class AccountFeatures;
class Connection;
} // namespace Jw

namespace Jw::Ui {

/// The strip under a chat's header that says what can and cannot be known
/// about the other person, and offers the decisions that go with it:
/// a request (Accept, Block, Delete), a blocked address (Unblock), a request
/// to see our status (Allow, Deny), a status we cannot see (Ask to see it),
/// someone not in the contacts (Add to Contacts). Hidden when there is
/// nothing to say. The rules are core's (core/requests.h).
class PeerBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeerBanner)

public:
    PeerBanner(AccountFeatures *features, Connection *connection, QWidget *parent = nullptr);

    void setChat(const QString &chat);
    QString chat() const { return m_chat; }

    QLabel *textLabel() const { return m_text; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *blockButton() const { return m_block; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *unblockButton() const { return m_unblock; }
    QPushButton *allowButton() const { return m_allow; }
    QPushButton *denyButton() const { return m_deny; }
    QPushButton *askButton() const { return m_ask; }
    QPushButton *addContactButton() const { return m_addContact; }

    /// What the banner says now, in one sentence ("" when hidden).
    QString text() const;

Q_SIGNALS:
    /// The conversation was deleted from here.
    void deleted(const QString &chat);

private:
    void update();
    void showError(const QString &sentence);

    AccountFeatures *const m_features;
    QString m_chat;
    QLabel *const m_text;
    QLabel *const m_error;
    QPushButton *const m_accept;
    QPushButton *const m_block;
    QPushButton *const m_delete;
    QPushButton *const m_unblock;
    QPushButton *const m_allow;
    QPushButton *const m_deny;
    QPushButton *const m_ask;
    QPushButton *const m_addContact;
};

} // namespace Jw::Ui
