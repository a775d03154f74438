#include "moderationactions.h"

#include "accountfeatures.h"
#include "chatpane.h"
#include "mainwindow.h"
#include "nickdialog.h"
#include "occupantsmodel.h"
#include "rooms.h"

#include <QAction>
#include <QInputDialog>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace Jw::Ui {

ModerationActions::ModerationActions(AccountFeatures *features, MainWindow *window)
    : QObject(window)
    , m_features(features)
    , m_moderation(features->roomModeration())
    , m_window(window)
    , m_nick(new QAction(tr("Change &Nickname…"), window))
    , m_subject(new QAction(tr("Change &Subject…"), window))
    , m_addMember(new QAction(tr("Add a &Member…"), window))
    , m_destroy(new QAction(tr("&Destroy Room…"), window))
{
    m_nick->setToolTip(tr("Change the name others see you by in the room shown"));
    m_subject->setToolTip(tr("Change the subject of the room shown"));
    m_addMember->setToolTip(tr("Make someone a member of the room shown by their address"));
    m_destroy->setToolTip(tr("Close the room shown for everyone; its messages stay in your history"));
    connect(m_nick, &QAction::triggered, this, &ModerationActions::changeNick);
    connect(m_subject, &QAction::triggered, this, &ModerationActions::changeSubject);
    connect(m_addMember, &QAction::triggered, this, &ModerationActions::addMember);
    connect(m_destroy, &QAction::triggered, this, &ModerationActions::confirmDestroy);

    QListView *list = m_window->chatPane()->occupantList();
    list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(list, &QWidget::customContextMenuRequested, this, &ModerationActions::showOccupantMenu);

    connect(m_moderation, &RoomModeration::failed, this,
        [this](const QString &room, RoomRules::Action, const QString &, const QString &sentence) {
            onFailed(room, sentence);
        });
    connect(m_moderation, &RoomModeration::permissionsChanged, this, &ModerationActions::update);
    const Rooms *rooms = m_features->rooms();
    connect(rooms, &Rooms::joined, this, &ModerationActions::update);
    connect(rooms, &Rooms::left, this, &ModerationActions::update);
    connect(rooms, &Rooms::removed, this, &ModerationActions::update);
    connect(rooms, &Rooms::nickChanged, this, [this](const QString &room) {
        if (room == m_nickAsked)
            m_nickAsked.clear();
        update();
    });
    // A nickname the room refused (taken: 409): asked again, with the
    // sentence and another one offered.
    connect(rooms, &Rooms::nickChangeFailed, this,
        [this](const QString &room, const QString &nick, const QString &sentence) {
            if (room != m_nickAsked)
                return;
            m_nickAsked.clear();
            if (NickDialog *dialog = changeNick(); dialog && dialog->room() == room)
                dialog->showProblem(sentence, nick + u'_');
        });
    connect(m_window->chatPane(), &ChatPane::chatChanged, this, &ModerationActions::update);
    update();
}

QString ModerationActions::shownRoom() const
{
    const ChatPane *pane = m_window->chatPane();
    return pane->isRoom() ? pane->chat() : QString();
}

void ModerationActions::update()
{
    const QString room = shownRoom();
    const bool in = !room.isEmpty() && m_features->rooms()->rooms().contains(room);
    m_nick->setEnabled(in);
    m_subject->setEnabled(in && m_moderation->mayChangeSubject(room));
    m_addMember->setEnabled(in && m_moderation->mayGrantByAddress(room));
    m_destroy->setEnabled(in && m_moderation->mayDestroy(room));
}

NickDialog *ModerationActions::changeNick()
{
    const QString room = shownRoom();
    if (room.isEmpty())
        return nullptr;
    if (m_nickDialog)
        m_nickDialog->close();
    auto *dialog = new NickDialog(room, m_features->rooms()->nick(room), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_nickDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_nickAsked = dialog->room();
        m_features->rooms()->changeNick(dialog->room(), dialog->nick());
    });
    dialog->open();
    return dialog;
}

QInputDialog *ModerationActions::changeSubject()
{
    const QString room = shownRoom();
    if (room.isEmpty() || !m_moderation->mayChangeSubject(room))
        return nullptr;
    if (m_input)
        m_input->close();
    auto *dialog = new QInputDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Change Subject"));
    dialog->setLabelText(tr("The subject of %1, for everyone in it:").arg(room));
    dialog->setTextValue(m_features->rooms()->subject(room));
    dialog->setOkButtonText(tr("Change"));
    m_input = dialog;
    connect(dialog, &QInputDialog::textValueSelected, this,
        [this, room](const QString &subject) { m_moderation->changeSubject(room, subject.trimmed()); });
    dialog->open();
    return dialog;
}

QInputDialog *ModerationActions::addMember()
{
    const QString room = shownRoom();
    if (room.isEmpty() || !m_moderation->mayGrantByAddress(room))
        return nullptr;
    if (m_input)
        m_input->close();
    auto *dialog = new QInputDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add a Member"));
    dialog->setLabelText(tr("The address of the person to make a member of %1:").arg(room));
    dialog->setTextEchoMode(QLineEdit::Normal);
    dialog->setOkButtonText(tr("Make Member"));
    m_input = dialog;
    connect(dialog, &QInputDialog::textValueSelected, this, [this, room](const QString &address) {
        const QString jid = address.trimmed().section(u'/', 0, 0);
        if (!jid.isEmpty())
            m_moderation->grantMembershipTo(room, jid);
    });
    dialog->open();
    return dialog;
}

QMessageBox *ModerationActions::confirm(const QString &text, const QString &detail, const QString &yes)
{
    if (m_confirmation)
        m_confirmation->close();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Room"), text, QMessageBox::Cancel, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText); // a nickname is anyone's text
    box->setInformativeText(detail);
    QPushButton *button = box->addButton(yes, QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    button->setObjectName(QStringLiteral("confirm"));
    m_confirmation = box;
    return box;
}

QInputDialog *ModerationActions::askReason(const QString &title, const QString &label, const QString &yes,
    std::function<void(const QString &)> doIt)
{
    if (m_input)
        m_input->close();
    auto *dialog = new QInputDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setTextEchoMode(QLineEdit::Normal);
    dialog->setOkButtonText(yes);
    m_input = dialog;
    connect(dialog, &QInputDialog::textValueSelected, this,
        [doIt = std::move(doIt)](const QString &reason) { doIt(reason.trimmed()); });
    dialog->open();
    return dialog;
}

QInputDialog *ModerationActions::confirmKick(const QString &nick)
{
    const QString room = shownRoom();
    if (room.isEmpty())
        return nullptr;
    return askReason(tr("Kick %1").arg(nick),
        tr("Remove %1 from %2? They can join again.\n\nReason, shown to everyone in the room (optional):")
            .arg(nick, room),
        tr("Kick"), [this, room, nick](const QString &reason) { m_moderation->kick(room, nick, reason); });
}

QInputDialog *ModerationActions::confirmBan(const QString &nick)
{
    const QString room = shownRoom();
    if (room.isEmpty())
        return nullptr;
    return askReason(tr("Ban %1").arg(nick),
        tr("Ban %1 from %2? They are removed and cannot come back until an admin of the room lifts the "
           "ban.\n\nReason, shown to everyone in the room (optional):")
            .arg(nick, room),
        tr("Ban"), [this, room, nick](const QString &reason) { m_moderation->ban(room, nick, reason); });
}

QMessageBox *ModerationActions::confirmDestroy()
{
    const QString room = shownRoom();
    if (room.isEmpty() || !m_moderation->mayDestroy(room))
        return nullptr;
    QMessageBox *box = confirm(tr("Destroy %1?").arg(room),
        tr("Everyone is put out and the room is gone for good. Its messages stay in your history."),
        tr("Destroy Room"));
    connect(box, &QMessageBox::buttonClicked, this, [this, box, room](QAbstractButton *button) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            m_moderation->destroy(room);
    });
    box->open();
    return box;
}

QMenu *ModerationActions::occupantMenu(const QString &nick, QWidget *parent)
{
    const QString room = shownRoom();
    auto *menu = new QMenu(parent);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const auto add = [&](const QString &name, const QString &text, RoomRules::Action action, auto &&doIt) {
        QAction *a = menu->addAction(text);
        a->setObjectName(name);
        a->setEnabled(!room.isEmpty() && m_moderation->may(room, action, nick));
        connect(a, &QAction::triggered, this, doIt);
    };
    add(QStringLiteral("kick"), tr("&Kick…"), RoomRules::Action::Kick, [this, nick] { confirmKick(nick); });
    add(QStringLiteral("ban"), tr("&Ban…"), RoomRules::Action::Ban, [this, nick] { confirmBan(nick); });
    menu->addSeparator();
    add(QStringLiteral("grantMembership"), tr("Make &Member"), RoomRules::Action::GrantMembership,
        [this, room, nick] { m_moderation->grantMembership(room, nick); });
    add(QStringLiteral("revokeMembership"), tr("&Remove Membership"), RoomRules::Action::RevokeMembership,
        [this, room, nick] { m_moderation->revokeMembership(room, nick); });
    return menu;
}

void ModerationActions::showOccupantMenu(const QPoint &at)
{
    QListView *list = m_window->chatPane()->occupantList();
    const QModelIndex index = list->indexAt(at);
    if (!index.isValid())
        return;
    QMenu *menu = occupantMenu(index.data(OccupantsModel::NickRole).toString(), list);
    menu->popup(list->viewport()->mapToGlobal(at));
}

void ModerationActions::onFailed(const QString &room, const QString &sentence)
{
    if (m_problem)
        m_problem->close();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Room"), sentence, QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    box->setObjectName(room);
    m_problem = box;
    box->open();
}

} // namespace Jw::Ui
