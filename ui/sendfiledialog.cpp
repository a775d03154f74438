#include "sendfiledialog.h"

#include "filenames.h"
#include "picture.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace Jw::Ui {

SendFileDialog::SendFileDialog(const QString &path, const QString &recipient, QWidget *parent)
    : QDialog(parent)
    , m_path(path)
{
    setWindowTitle(tr("Send a File"));
    const QFileInfo info(path);
    auto *layout = new QVBoxLayout(this);
    auto *question = new QLabel(tr("Send this file to %1?").arg(recipient), this);
    question->setTextFormat(Qt::PlainText);
    layout->addWidget(question);

    m_thumbnail = new QLabel(this);
    m_thumbnail->setObjectName(QStringLiteral("thumbnail"));
    m_thumbnail->setAlignment(Qt::AlignCenter);
    const QImage picture = readPicture(path, QSize(320, 240));
    if (!picture.isNull())
        m_thumbnail->setPixmap(QPixmap::fromImage(picture));
    m_thumbnail->setVisible(!picture.isNull());
    layout->addWidget(m_thumbnail);

    auto *name = new QLabel(info.fileName(), this);
    name->setTextFormat(Qt::PlainText);
    name->setObjectName(QStringLiteral("name"));
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    layout->addWidget(name);
    auto *size = new QLabel(Files::sizeText(info.size()), this);
    size->setObjectName(QStringLiteral("size"));
    layout->addWidget(size);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace Jw::Ui
