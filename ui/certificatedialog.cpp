#include "certificatedialog.h"

#include "connection.h"
#include "uiformat.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Jw::Ui {
namespace {

QLabel *detailLabel(const QString &text, QWidget *parent)
{
    QLabel *label = makeSentenceLabel(parent);
    label->setText(text);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QString orUnknown(const QString &text)
{
    return text.isEmpty() ? CertificateDialog::tr("(not given)") : text;
}

} // namespace

CertificateDialog::CertificateDialog(const SessionError &error, QWidget *parent)
    : QDialog(parent)
    , m_message(detailLabel(error.message, this))
    , m_details(detailLabel(QString(), this))
    , m_trust(new QPushButton(tr("&Trust This Certificate"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Untrusted Certificate"));
    const QSslCertificate &certificate = error.certificate;

    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    icon->setAlignment(Qt::AlignTop);

    FormGrid form(this);
    if (certificate.isNull()) {
        m_details->setText(tr("The server presented no certificate that could be shown."));
        form.layout()->addWidget(m_details, 0, 0, 1, 2);
        m_trust->setEnabled(false);
    } else {
        const QLocale locale;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QString validity = tr("%1 to %2").arg(locale.toString(certificate.effectiveDate().toLocalTime(),
                                                  QLocale::ShortFormat),
            locale.toString(certificate.expiryDate().toLocalTime(), QLocale::ShortFormat));
        if (certificate.expiryDate() < now)
            validity += u' ' + tr("(expired)");
        else if (certificate.effectiveDate() > now)
            validity += u' ' + tr("(not yet valid)");
        QStringList names;
        const auto alternatives = certificate.subjectAlternativeNames();
        for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it) {
            if (it.key() == QSsl::DnsEntry)
                names.append(it.value());
        }
        m_details->setText(fingerprint(certificate));
        m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        form.addField(tr("Issued to:"), detailLabel(orUnknown(certificate.subjectDisplayName()), this));
        if (!names.isEmpty())
            form.addField(tr("Names:"), detailLabel(names.join(QStringLiteral(", ")), this));
        form.addField(tr("Issued by:"), detailLabel(orUnknown(certificate.issuerDisplayName()), this));
        form.addField(tr("Valid:"), detailLabel(validity, this));
        form.addField(tr("SHA-256:"), m_details);
    }

    auto *advice = detailLabel(tr("Trust it only if you can compare the fingerprint with one your server's "
                                  "administrator gave you. Jabberwock will then accept exactly this certificate "
                                  "for this account."),
        this);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_trust, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    // Pressing Enter without reading must not trust anything.
    m_trust->setAutoDefault(false);
    m_cancel->setDefault(true);
    m_cancel->setFocus();

    auto *text = new QVBoxLayout;
    text->setSpacing(12);
    text->addWidget(m_message);
    text->addLayout(form.layout());
    text->addWidget(advice);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    // The window's width comes from here; the wrapped sentences follow it.
    m_message->setMinimumWidth(m_message->fontMetrics().averageCharWidth() * 64);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

} // namespace Jw::Ui
