#include "settingsdialog.h"

#include "profile.h"
#include "settings.h"
#include "translation.h"
#include "uiformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QGridLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardPaths>
#include <QFileDialog>
#include <QStyle>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace Jw::Ui {
namespace {

/// A page: a grid of labelled fields, then a stretch.
struct PageLayout
{
    explicit PageLayout(QWidget *parent)
        : widget(new QWidget(parent))
        , grid(new QGridLayout)
    {
        grid->setColumnStretch(1, 1);
        auto *outer = new QVBoxLayout(widget);
        outer->addLayout(grid);
        outer->addStretch(1);
    }

    /// `label` is the field's buddy; both are kept by the caller for retranslation.
    void addField(QLabel *label, QWidget *field)
    {
        label->setBuddy(field);
        const auto alignment = Qt::Alignment(widget->style()->styleHint(QStyle::SH_FormLayoutLabelAlignment));
        const bool text = qobject_cast<QLabel *>(field) != nullptr;
        grid->addWidget(label, row, 0, alignment | (text ? Qt::AlignTop : Qt::AlignVCenter));
        grid->addWidget(field, row, 1);
        ++row;
    }
    void addWide(QWidget *field)
    {
        grid->addWidget(field, row, 0, 1, 2);
        ++row;
    }
    void addBelow(QWidget *field)
    {
        grid->addWidget(field, row, 1);
        ++row;
    }

    QWidget *widget;
    QGridLayout *grid;
    int row = 0;
};

QLabel *pathLabel(QWidget *parent)
{
    QLabel *label = makeSentenceLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QLabel *titleLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(Settings *settings, const QStringList &languages, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_languages(languages)
    , m_tabs(new QTabWidget(this))
{
    m_tabs->addTab(makeAccountPage(), QString());
    m_tabs->addTab(makePrivacyPage(), QString());
    m_tabs->addTab(makeNotificationsPage(), QString());
    m_tabs->addTab(makeAppearancePage(), QString());
    m_tabs->addTab(makeHistoryPage(), QString());

    auto *buttons = new QDialogButtonBox(this);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);

    // From the widgets to the settings, at once.
    connect(m_typing, &QCheckBox::toggled, m_settings, &Settings::setSendTypingNotifications);
    connect(m_receipts, &QCheckBox::toggled, m_settings, &Settings::setSendReadReceipts);
    connect(m_strangers, &QCheckBox::toggled, m_settings, &Settings::setShowRequestsFromStrangers);
    connect(m_notifications, &QCheckBox::toggled, m_settings, &Settings::setNotificationsEnabled);
    connect(m_hideText, &QCheckBox::toggled, m_settings, &Settings::setHideMessageText);
    connect(m_tray, &QCheckBox::toggled, m_settings, &Settings::setKeepRunningInTray);
    connect(m_scheme, &QComboBox::activated, this, [this](int index) {
        m_settings->setColorScheme(Settings::ColorScheme(m_scheme->itemData(index).toInt()));
    });
    connect(m_fontSize, &QSpinBox::valueChanged, this,
        [this](int value) { m_settings->setFontSize(value < Settings::MinFontSize ? 0 : value); });
    connect(m_autoDownload, &QSpinBox::valueChanged, m_settings, &Settings::setAutoDownloadMb);
    connect(m_chooseDownloadFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Downloads Folder"), m_downloadFolder->text());
        if (!folder.isEmpty())
            m_settings->setDownloadFolder(folder);
    });
    connect(m_settings, &Settings::downloadFolderChanged, this, &SettingsDialog::showSettings);
    connect(m_settings, &Settings::autoDownloadMbChanged, this, &SettingsDialog::showSettings);
    connect(m_language, &QComboBox::activated, this,
        [this](int index) { m_settings->setLanguage(m_language->itemData(index).toString()); });

    // From the settings to the widgets, whoever changed them.
    for (auto signal : { &Settings::sendTypingNotificationsChanged, &Settings::sendReadReceiptsChanged,
             &Settings::showRequestsFromStrangersChanged, &Settings::notificationsEnabledChanged,
             &Settings::hideMessageTextChanged, &Settings::keepRunningInTrayChanged })
        connect(m_settings, signal, this, &SettingsDialog::showSettings);
    connect(m_settings, &Settings::colorSchemeChanged, this, &SettingsDialog::showSettings);
    connect(m_settings, &Settings::fontSizeChanged, this, &SettingsDialog::showSettings);
    connect(m_settings, &Settings::languageChanged, this, &SettingsDialog::showSettings);

    connect(m_server, &QLineEdit::textChanged, this, &SettingsDialog::validateServer);
    connect(m_server, &QLineEdit::editingFinished, this, &SettingsDialog::applyServer);
    for (QLineEdit *edit : { m_newPassword, m_repeatPassword }) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            m_passwordResult.clear(); // an outcome shown stays until the next try
            validatePassword();
        });
    }
    connect(m_changePassword, &QPushButton::clicked, this, &SettingsDialog::requestPasswordChange);
    connect(m_openFolder, &QPushButton::clicked, this,
        [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_profile->text())); });

    retranslate();
    showSettings();
    validatePassword();
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
}

QWidget *SettingsDialog::makeAccountPage()
{
    PageLayout page(m_tabs);
    m_accountLabel = new QLabel(page.widget);
    m_jid = new QLabel(page.widget);
    m_jid->setTextFormat(Qt::PlainText);
    m_jid->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    page.addField(m_accountLabel, m_jid);

    m_serverLabel = new QLabel(page.widget);
    m_server = new QLineEdit(page.widget);
    m_serverError = makeErrorLabel(page.widget);
    m_serverError->hide();
    m_serverNote = makeSentenceLabel(page.widget);
    m_serverNote->setEnabled(false);
    page.addField(m_serverLabel, m_server);
    page.addBelow(m_serverError);
    page.addBelow(m_serverNote);

    m_passwordTitle = titleLabel(page.widget);
    page.addWide(m_passwordTitle);
    m_newPasswordLabel = new QLabel(page.widget);
    m_newPassword = new QLineEdit(page.widget);
    m_newPassword->setEchoMode(QLineEdit::Password);
    page.addField(m_newPasswordLabel, m_newPassword);
    m_repeatPasswordLabel = new QLabel(page.widget);
    m_repeatPassword = new QLineEdit(page.widget);
    m_repeatPassword->setEchoMode(QLineEdit::Password);
    page.addField(m_repeatPasswordLabel, m_repeatPassword);
    m_changePassword = new QPushButton(page.widget);
    m_changePassword->setAutoDefault(false);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_changePassword);
    buttonRow->addStretch(1);
    page.grid->addLayout(buttonRow, page.row++, 1);
    m_passwordStatus = makeSentenceLabel(page.widget);
    page.addBelow(m_passwordStatus);
    return page.widget;
}

QWidget *SettingsDialog::makePrivacyPage()
{
    PageLayout page(m_tabs);
    m_typing = new QCheckBox(page.widget);
    m_receipts = new QCheckBox(page.widget);
    m_strangers = new QCheckBox(page.widget);
    m_privacyNote = makeSentenceLabel(page.widget);
    m_privacyNote->setEnabled(false);
    page.addWide(m_typing);
    page.addWide(m_receipts);
    page.addWide(m_strangers);
    page.addWide(m_privacyNote);

    // Blocked people (XEP-0191): the server refuses what they send.
    m_blockedTitle = titleLabel(page.widget);
    page.addWide(m_blockedTitle);
    m_blockedList = new QListView(page.widget);
    m_blockedList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_blockedList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_blockedList->setUniformItemSizes(true);
    m_blockedTitle->setBuddy(m_blockedList);
    page.addWide(m_blockedList);
    m_blockedEmpty = makeSentenceLabel(page.widget);
    m_blockedEmpty->setEnabled(false);
    page.addWide(m_blockedEmpty);
    m_unblock = new QPushButton(page.widget);
    m_unblock->setAutoDefault(false);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_unblock);
    buttonRow->addStretch(1);
    page.grid->addLayout(buttonRow, page.row++, 0, 1, 2);
    connect(m_unblock, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_blockedList->currentIndex();
        if (current.isValid())
            Q_EMIT unblockRequested(current.data().toString());
    });
    showBlocked();
    return page.widget;
}

QWidget *SettingsDialog::makeNotificationsPage()
{
    PageLayout page(m_tabs);
    m_notifications = new QCheckBox(page.widget);
    m_hideText = new QCheckBox(page.widget);
    m_tray = new QCheckBox(page.widget);
    m_trayNote = makeSentenceLabel(page.widget);
    m_trayNote->setEnabled(false);
    m_trayNote->hide();
    page.addWide(m_notifications);
    page.addWide(m_hideText);
    page.addWide(m_tray);
    page.addWide(m_trayNote);
    connect(m_notifications, &QCheckBox::toggled, m_hideText, &QWidget::setEnabled);
    return page.widget;
}

QWidget *SettingsDialog::makeAppearancePage()
{
    PageLayout page(m_tabs);
    m_schemeLabel = new QLabel(page.widget);
    m_scheme = new QComboBox(page.widget);
    page.addField(m_schemeLabel, m_scheme);
    m_fontSizeLabel = new QLabel(page.widget);
    m_fontSize = new QSpinBox(page.widget);
    // One below the smallest size stands for "the system's size".
    m_fontSize->setRange(Settings::MinFontSize - 1, Settings::MaxFontSize);
    page.addField(m_fontSizeLabel, m_fontSize);
    m_languageLabel = new QLabel(page.widget);
    m_language = new QComboBox(page.widget);
    page.addField(m_languageLabel, m_language);
    return page.widget;
}

QWidget *SettingsDialog::makeHistoryPage()
{
    PageLayout page(m_tabs);
    m_profileTitle = new QLabel(page.widget);
    m_profile = pathLabel(page.widget);
    page.addField(m_profileTitle, m_profile);
    m_historyTitle = new QLabel(page.widget);
    m_history = pathLabel(page.widget);
    page.addField(m_historyTitle, m_history);
    m_openFolder = new QPushButton(page.widget);
    m_openFolder->setAutoDefault(false);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_openFolder);
    buttonRow->addStretch(1);
    page.grid->addLayout(buttonRow, page.row++, 1);
    m_historyNote = makeSentenceLabel(page.widget);
    m_historyNote->setEnabled(false);
    page.addWide(m_historyNote);

    // Files
    m_downloadFolderTitle = new QLabel(page.widget);
    m_downloadFolder = pathLabel(page.widget);
    page.addField(m_downloadFolderTitle, m_downloadFolder);
    m_chooseDownloadFolder = new QPushButton(page.widget);
    m_chooseDownloadFolder->setAutoDefault(false);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_chooseDownloadFolder);
    folderRow->addStretch(1);
    page.grid->addLayout(folderRow, page.row++, 1);
    m_autoDownloadLabel = new QLabel(page.widget);
    m_autoDownload = new QSpinBox(page.widget);
    m_autoDownload->setRange(0, Settings::MaxAutoDownloadMb);
    m_autoDownloadLabel->setBuddy(m_autoDownload);
    page.addField(m_autoDownloadLabel, m_autoDownload);
    return page.widget;
}

void SettingsDialog::setBlockedAddresses(QAbstractItemModel *model)
{
    if (model == m_blocked)
        return;
    if (m_blocked)
        m_blocked->disconnect(this);
    m_blocked = model;
    m_blockedList->setModel(model);
    if (model) {
        for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
            connect(model, signal, this, &SettingsDialog::showBlocked);
        connect(model, &QAbstractItemModel::modelReset, this, &SettingsDialog::showBlocked);
        connect(m_blockedList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SettingsDialog::showBlocked);
    }
    showBlocked();
}

void SettingsDialog::showBlocked()
{
    const bool any = m_blocked && m_blocked->rowCount() > 0;
    m_blockedList->setVisible(any);
    m_blockedEmpty->setVisible(!any);
    m_unblock->setVisible(any);
    m_unblock->setEnabled(any && m_blockedList->currentIndex().isValid());
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("Jabberwock Settings"));
    m_tabs->setTabText(int(Page::Account), tr("&Account"));
    m_tabs->setTabText(int(Page::Privacy), tr("&Privacy"));
    m_tabs->setTabText(int(Page::Notifications), tr("&Notifications"));
    m_tabs->setTabText(int(Page::Appearance), tr("App&earance"));
    m_tabs->setTabText(int(Page::History), tr("&History"));

    m_accountLabel->setText(tr("Address:"));
    m_jid->setAccessibleName(tr("Account address"));
    m_serverLabel->setText(tr("&Server:"));
    m_server->setPlaceholderText(tr("Found from the address"));
    m_server->setAccessibleName(tr("Server"));
    m_serverError->setAccessibleName(tr("Server problem"));
    m_serverNote->setText(tr("Host or host:port. Leave empty unless your provider tells you otherwise. "
                             "A change reconnects at once."));
    m_passwordTitle->setText(tr("Change password"));
    m_newPasswordLabel->setText(tr("Ne&w password:"));
    m_newPassword->setAccessibleName(tr("New password"));
    m_repeatPasswordLabel->setText(tr("&Repeat it:"));
    m_repeatPassword->setAccessibleName(tr("Repeat the new password"));
    m_changePassword->setText(tr("&Change Password"));
    m_passwordStatus->setAccessibleName(tr("Password change"));

    m_typing->setText(tr("Let people see when I am &typing"));
    m_receipts->setText(tr("Let people see when I have &read their messages"));
    m_strangers->setText(tr("Show messages and requests from people who are not in my &contacts"));
    m_privacyNote->setText(tr("These choices apply to every chat and take effect at once."));
    m_blockedTitle->setText(tr("&Blocked addresses"));
    m_blockedList->setAccessibleName(tr("Blocked addresses"));
    m_blockedEmpty->setText(tr("No one is blocked. Whoever you block in a chat is listed here."));
    m_unblock->setText(tr("&Unblock"));

    m_notifications->setText(tr("Show a notification for new &messages"));
    m_hideText->setText(tr("Hide the message &text in notifications"));
    m_tray->setText(tr("&Keep running in the system tray when the window is closed"));
    m_trayNote->setText(tr("This desktop has no system tray: closing the window quits Jabberwock."));

    m_schemeLabel->setText(tr("&Colours:"));
    m_fontSizeLabel->setText(tr("&Text size:"));
    m_fontSize->setSpecialValueText(tr("System size"));
    m_fontSize->setSuffix(tr(" pt", "font size unit"));
    m_languageLabel->setText(tr("&Language:"));

    m_profileTitle->setText(tr("Profile folder:"));
    m_profile->setAccessibleName(tr("Profile folder"));
    m_historyTitle->setText(tr("History of this account:"));
    m_history->setAccessibleName(tr("History file"));
    m_openFolder->setText(tr("&Open Folder"));
    m_historyNote->setText(
        tr("Settings and the history of every account live in the profile folder. "
           "Copy it to keep a backup; start Jabberwock with --profile to use another one."));
    m_downloadFolderTitle->setText(tr("Downloads folder:"));
    m_downloadFolder->setAccessibleName(tr("Downloads folder"));
    m_chooseDownloadFolder->setText(tr("C&hoose…"));
    m_autoDownloadLabel->setText(tr("Download &pictures by themselves up to:"));
    m_autoDownload->setSpecialValueText(tr("Never"));
    m_autoDownload->setSuffix(tr(" MB", "size unit"));
    fillChoices();
    validatePassword();
}

void SettingsDialog::fillChoices()
{
    const QSignalBlocker blockScheme(m_scheme);
    m_scheme->clear();
    m_scheme->addItem(tr("Like the system"), int(Settings::ColorScheme::System));
    m_scheme->addItem(tr("Light"), int(Settings::ColorScheme::Light));
    m_scheme->addItem(tr("Dark"), int(Settings::ColorScheme::Dark));

    const QSignalBlocker blockLanguage(m_language);
    m_language->clear();
    const QString system = Localization::resolve({}, QLocale::system().uiLanguages(), m_languages);
    m_language->addItem(tr("Like the system (%1)").arg(Localization::nativeName(system)), QString());
    for (const QString &code : m_languages)
        m_language->addItem(Localization::nativeName(code), code);
    showSettings();
}

void SettingsDialog::showSettings()
{
    const QSignalBlocker b1(m_typing), b2(m_receipts), b3(m_strangers), b4(m_notifications), b5(m_hideText),
        b6(m_tray), b7(m_scheme), b8(m_fontSize), b9(m_language);
    m_typing->setChecked(m_settings->sendTypingNotifications());
    m_receipts->setChecked(m_settings->sendReadReceipts());
    m_strangers->setChecked(m_settings->showRequestsFromStrangers());
    m_notifications->setChecked(m_settings->notificationsEnabled());
    m_hideText->setChecked(m_settings->hideMessageText());
    m_hideText->setEnabled(m_settings->notificationsEnabled());
    m_tray->setChecked(m_settings->keepRunningInTray() && m_trayAvailable);
    m_tray->setEnabled(m_trayAvailable);
    m_trayNote->setVisible(!m_trayAvailable);
    m_scheme->setCurrentIndex(m_scheme->findData(int(m_settings->colorScheme())));
    m_fontSize->setValue(m_settings->fontSize() == 0 ? m_fontSize->minimum() : m_settings->fontSize());
    {
        const QSignalBlocker b10(m_autoDownload);
        m_autoDownload->setValue(m_settings->autoDownloadMb());
    }
    m_downloadFolder->setText(m_settings->downloadFolder().isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)
            : m_settings->downloadFolder());
    const int language = m_language->findData(m_settings->language());
    m_language->setCurrentIndex(language < 0 ? 0 : language);
}

void SettingsDialog::setAccount(const QString &jid, const QString &host, quint16 port)
{
    m_jid->setText(jid);
    m_appliedHost = host;
    m_appliedPort = port;
    QString text = host.contains(u':') ? u'[' + host + u']' : host;
    if (!host.isEmpty() && port != 0)
        text += u':' + QString::number(port);
    const QSignalBlocker block(m_server);
    m_server->setText(text);
    validateServer();
}

void SettingsDialog::setLocations(const QString &profileDir, const QString &historyPath)
{
    m_profile->setText(QDir::toNativeSeparators(profileDir));
    m_history->setText(QDir::toNativeSeparators(historyPath));
    m_openFolder->setEnabled(QFileInfo(profileDir).isDir());
}

void SettingsDialog::setPasswordChangeAvailable(bool available, const QString &reason)
{
    m_passwordChangeAvailable = available;
    m_passwordUnavailableReason = reason;
    validatePassword();
}

void SettingsDialog::setTrayAvailable(bool available)
{
    m_trayAvailable = available;
    showSettings();
}

void SettingsDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

void SettingsDialog::validateServer()
{
    const auto parsed = parseServer(m_server->text());
    m_serverError->setText(parsed.errorMessage());
    m_serverError->setVisible(!parsed.ok());
    m_server->setAccessibleDescription(parsed.errorMessage());
}

void SettingsDialog::applyServer()
{
    const auto parsed = parseServer(m_server->text());
    if (!parsed || (parsed->host == m_appliedHost && parsed->port == m_appliedPort))
        return;
    m_appliedHost = parsed->host;
    m_appliedPort = parsed->port;
    Q_EMIT serverChanged(m_appliedHost, m_appliedPort);
}

void SettingsDialog::validatePassword()
{
    const QString first = m_newPassword->text();
    const QString second = m_repeatPassword->text();
    QString status = m_passwordResult;
    if (m_passwordChangeBusy)
        status = tr("Changing the password…");
    else if (!m_passwordChangeAvailable)
        status = m_passwordUnavailableReason.isEmpty()
            ? tr("The password can be changed while you are online.")
            : m_passwordUnavailableReason;
    else if (!second.isEmpty() && first != second)
        status = tr("The two passwords are not the same.");
    m_passwordStatus->setText(status);
    m_changePassword->setEnabled(
        m_passwordChangeAvailable && !m_passwordChangeBusy && !first.isEmpty() && first == second);
    m_newPassword->setEnabled(!m_passwordChangeBusy);
    m_repeatPassword->setEnabled(!m_passwordChangeBusy);
}

void SettingsDialog::requestPasswordChange()
{
    if (!m_changePassword->isEnabled())
        return;
    m_passwordChangeBusy = true;
    m_passwordResult.clear();
    validatePassword();
    Q_EMIT passwordChangeRequested(m_newPassword->text());
}

void SettingsDialog::showPasswordChangeResult(const QString &error)
{
    m_passwordChangeBusy = false;
    if (error.isEmpty()) {
        const QSignalBlocker b1(m_newPassword), b2(m_repeatPassword);
        m_newPassword->clear();
        m_repeatPassword->clear();
    }
    m_passwordResult = error.isEmpty() ? tr("The password was changed.") : error;
    validatePassword();
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace Jw::Ui
