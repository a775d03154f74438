#include "peerbanner.h"

#include "accountfeatures.h"
#include "address.h"
#include "connection.h"
#include "requests.h"
#include "roster.h"
#include "uiformat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Jw::Ui {
namespace {

QPushButton *makeButton(const QString &text, const QString &accessibleName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setAccessibleName(accessibleName);
    button->setAutoDefault(false);
    return button;
}

} // namespace

PeerBanner::PeerBanner(AccountFeatures *features, Connection *connection, QWidget *parent)
    : QFrame(parent)
    , m_features(features)
    , m_text(new QLabel(this))
    , m_error(makeErrorLabel(this))
    , m_accept(makeButton(tr("&Accept"), tr("Accept request"), this))
    , m_block(makeButton(tr("&Block"), tr("Block this address"), this))
    , m_delete(makeButton(tr("&Delete"), tr("Delete conversation"), this))
    , m_unblock(makeButton(tr("&Unblock"), tr("Unblock this address"), this))
    , m_allow(makeButton(tr("A&llow"), tr("Allow them to see your status"), this))
    , m_deny(makeButton(tr("De&ny"), tr("Do not let them see your status"), this))
    , m_ask(makeButton(tr("Ask to &See It"), tr("Ask to see their status"), this))
    , m_addContact(makeButton(tr("Add to &Contacts"), tr("Add to contacts"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("About this person"));
    // Names and addresses come from the network: never rich text.
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_error->hide();

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *b : { m_accept, m_block, m_delete, m_unblock, m_allow, m_deny, m_ask, m_addContact })
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(4);
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    layout->addWidget(m_error);

    Requests *requests = m_features->requests();
    connect(m_accept, &QPushButton::clicked, this, [this, requests] { requests->accept(m_chat); });
    connect(m_block, &QPushButton::clicked, this, [this, requests] { requests->block(m_chat); });
    connect(m_unblock, &QPushButton::clicked, this, [this, requests] { requests->unblock(m_chat); });
    connect(m_delete, &QPushButton::clicked, this, [this, requests] { requests->remove(m_chat); });
    connect(m_allow, &QPushButton::clicked, this, [this, requests] { requests->answerPresenceRequest(m_chat, true); });
    connect(m_deny, &QPushButton::clicked, this, [this, requests] { requests->answerPresenceRequest(m_chat, false); });
    connect(m_ask, &QPushButton::clicked, this, [this, requests] { requests->askForPresence(m_chat); });
    connect(m_addContact, &QPushButton::clicked, this, [this, requests] {
        if (!m_features->roster()->isOnline()) {
            showError(tr("You can add contacts only while you are online."));
            return;
        }
        requests->accept(m_chat);
        m_features->roster()->addContact(m_chat, QString());
    });

    connect(requests, &Requests::changed, this, [this](const QString &chat) {
        if (chat == m_chat)
            update();
    });
    connect(requests, &Requests::removed, this, [this](const QString &chat) {
        if (chat == m_chat)
            Q_EMIT deleted(chat);
    });
    connect(requests, &Requests::failed, this, [this](const QString &chat, const QString &sentence) {
        if (chat.isEmpty() || chat == m_chat)
            showError(sentence);
    });
    connect(m_features->roster(), &Roster::contactChanged, this, [this](const Contact &c) {
        if (c.jid == m_chat)
            update();
    });
    connect(m_features->roster(), &Roster::rosterReset, this, &PeerBanner::update);
    connect(connection, &Connection::stateChanged, this, &PeerBanner::update);
    update();
}

void PeerBanner::setChat(const QString &chat)
{
    if (chat == m_chat)
        return;
    m_chat = chat;
    m_error->clear();
    m_error->hide();
    update();
}

QString PeerBanner::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void PeerBanner::showError(const QString &sentence)
{
    if (m_chat.isEmpty())
        return;
    m_error->setText(sentence);
    m_error->setVisible(!sentence.isEmpty());
    setVisible(true);
}

void PeerBanner::update()
{
    for (QPushButton *b : { m_accept, m_block, m_delete, m_unblock, m_allow, m_deny, m_ask, m_addContact })
        b->hide();
    if (m_chat.isEmpty()) {
        hide();
        return;
    }
    const Requests *requests = m_features->requests();
    const Contact contact = m_features->roster()->contact(m_chat);
    const bool roster = m_features->roster()->hasArrived();
    const QString name = m_features->roster()->displayName(m_chat);
    QString text;
    switch (requests->standing(m_chat)) {
    case Standing::Blocked:
        text = tr("You blocked %1. The server refuses their messages.").arg(name);
        m_unblock->show();
        break;
    case Standing::Request:
        text = tr("%1 is not in your contacts. They wrote to you first: nothing from them is loaded, and they "
                  "cannot see whether you are online or have read this.")
                   .arg(name);
        m_accept->show();
        m_block->show();
        m_delete->show();
        if (requests->wantsPresence(m_chat)) {
            text += u' ' + tr("They also ask to see your status.");
            m_allow->show();
            m_deny->show();
        }
        break;
    case Standing::Contact:
    case Standing::Accepted:
        // A private chat through a room has no status to ask for and is no contact to add.
        if (occupantOf(m_chat))
            break;
        if (requests->wantsPresence(m_chat)) {
            text = tr("%1 wants to see your status (whether you are online).").arg(name);
            m_allow->show();
            m_deny->show();
        } else if (contact.askPending) {
            text = tr("You asked to see %1’s status. It shows here once they allow it.").arg(name);
        } else if (!contact.sharesPresence() && roster) {
            text = tr("You can’t see %1’s status: they don’t share it with you.").arg(name);
            m_ask->show();
        }
        // Until the roster arrives, the history says whether they are a contact.
        if (!(roster ? contact.inRoster : requests->flags(m_chat).inRoster)) {
            if (text.isEmpty())
                text = tr("%1 is not in your contacts.").arg(name);
            m_addContact->show();
        }
        break;
    }
    // Asking, answering, blocking and adding go to the server. Offline the
    // buttons stay: pressing one says why nothing happened (see showError).
    m_text->setText(text);
    setVisible(!text.isEmpty() || !m_error->text().isEmpty());
}

} // namespace Jw::Ui
