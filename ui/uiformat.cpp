#include "uiformat.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QGridLayout>
#include <QLabel>
#include <QLayout>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QStyle>
#include <QToolTip>

#include <algorithm>

namespace Jw::Ui {
namespace {

QString tr(const char *text)
{
    // The context lupdate gives a tr() of the namespace (translations/jabberwock_ko.ts):
    // "Jw::Ui::Format" was looked up and never found, so these stayed English.
    return QCoreApplication::translate("Jw::Ui", text);
}

} // namespace

QString presenceText(PresenceStatus status)
{
    switch (status) {
    case PresenceStatus::Available:
        return tr("Available");
    case PresenceStatus::Away:
        return tr("Away");
    case PresenceStatus::DoNotDisturb:
        return tr("Do not disturb");
    case PresenceStatus::Offline:
        break;
    }
    return tr("Offline");
}

QColor presenceColor(PresenceStatus status)
{
    switch (status) {
    case PresenceStatus::Available:
        return QColor(0x2e, 0xa0, 0x43);
    case PresenceStatus::Away:
        return QColor(0xe0, 0x9b, 0x1a);
    case PresenceStatus::DoNotDisturb:
        return QColor(0xd0, 0x3b, 0x3b);
    case PresenceStatus::Offline:
        break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

QString messageTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const QDateTime local = when.toLocalTime();
    const QString time = local.toString(QStringLiteral("HH:mm"));
    if (local.date() == now.toLocalTime().date())
        return time;
    return QLocale().toString(local.date(), QLocale::ShortFormat) + u' ' + time;
}

QString timeOfDay(const QDateTime &when)
{
    return when.isValid() ? when.toLocalTime().toString(QStringLiteral("HH:mm")) : QString();
}

QString dayLabel(const QDate &day, const QDate &today)
{
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

QString listTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const QDate date = when.toLocalTime().date();
    const QDate today = now.toLocalTime().date();
    if (date == today)
        return when.toLocalTime().toString(QStringLiteral("HH:mm"));
    if (date < today && date.daysTo(today) < 7)
        return QLocale().dayName(date.dayOfWeek(), QLocale::ShortFormat);
    return QLocale().toString(date, QLocale::ShortFormat);
}

QColor addressColor(const QString &address)
{
    // XEP-0392 §5.1: the angle is the first two bytes of SHA-1, little endian.
    const QByteArray hash = QCryptographicHash::hash(address.toUtf8(), QCryptographicHash::Sha1);
    const int angle = (quint8(hash.at(0)) | (quint8(hash.at(1)) << 8)) * 360 / 65536;
    return QColor::fromHsl(angle, 150, 120);
}

QString initialOf(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("?");
    // A whole grapheme would be better; the first code point covers most names.
    const QChar first = trimmed.at(0);
    if (first.isHighSurrogate() && trimmed.size() > 1)
        return trimmed.left(2);
    return QString(first).toUpper();
}

void paintAvatar(QPainter *painter, const QRectF &rect, const QString &address, const QString &name)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(addressColor(address));
    painter->drawEllipse(rect);
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(std::max(8, int(rect.height() * 0.45)));
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter | Qt::TextSingleLine, initialOf(name));
    painter->restore();
}

void paintRoomAvatar(QPainter *painter, const QRectF &rect, const QString &address, const QString &name)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(addressColor(address));
    painter->drawRoundedRect(rect, rect.width() * 0.22, rect.height() * 0.22);
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(std::max(8, int(rect.height() * 0.45)));
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter | Qt::TextSingleLine, initialOf(name));
    font.setPixelSize(std::max(6, int(rect.height() * 0.28)));
    painter->setFont(font);
    const QRectF corner(rect.right() - rect.width() * 0.36, rect.bottom() - rect.height() * 0.38, rect.width() * 0.34,
        rect.height() * 0.36);
    painter->drawText(corner, Qt::AlignCenter | Qt::TextSingleLine, QStringLiteral("#"));
    painter->restore();
}

void paintPresenceDot(QPainter *painter, const QRectF &rect, PresenceStatus status, const QColor &ring)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(ring, 2));
    painter->setBrush(presenceColor(status));
    painter->drawEllipse(rect);
    painter->restore();
}

QColor blend(const QColor &from, const QColor &to, qreal amount)
{
    const auto mix = [amount](float a, float b) { return a + (b - a) * float(amount); };
    const QColor a = from.toRgb();
    const QColor b = to.toRgb();
    return QColor::fromRgbF(mix(a.redF(), b.redF()), mix(a.greenF(), b.greenF()), mix(a.blueF(), b.blueF()));
}

QColor errorColor(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightnessF() < 0.5;
    return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
}

QColor secondaryTextColor(const QPalette &palette, bool selected)
{
    if (selected)
        return blend(palette.color(QPalette::HighlightedText), palette.color(QPalette::Highlight), 0.25);
    return blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.4);
}

QString oneLine(const QString &text)
{
    return text.simplified();
}

namespace {

class SentenceLabel final : public QLabel
{
public:
    using QLabel::QLabel;

    QSize sizeHint() const override
    {
        const int width = fontMetrics().averageCharWidth() * 24;
        return { width, heightForWidth(width) };
    }
    QSize minimumSizeHint() const override
    {
        return { fontMetrics().averageCharWidth() * 12, text().isEmpty() ? 0 : fontMetrics().height() };
    }
};

} // namespace

QLabel *makeSentenceLabel(QWidget *parent)
{
    auto *label = new SentenceLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // Expanding, or QFormLayout works out the height for the hinted width only.
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    label->setSizePolicy(policy);
    return label;
}

QLabel *makeErrorLabel(QWidget *parent)
{
    QLabel *label = makeSentenceLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, errorColor(palette));
    label->setPalette(palette);
    return label;
}

FormGrid::FormGrid(QWidget *parent)
    : m_parent(parent)
    , m_grid(new QGridLayout)
{
    m_grid->setColumnStretch(1, 1);
}

void FormGrid::addField(const QString &label, QWidget *field)
{
    auto *name = new QLabel(label, m_parent);
    name->setBuddy(field);
    const auto alignment = Qt::Alignment(m_parent->style()->styleHint(QStyle::SH_FormLayoutLabelAlignment));
    // Beside a sentence that may wrap, the label stays on its first line.
    const bool text = qobject_cast<QLabel *>(field) != nullptr;
    m_grid->addWidget(name, m_row, 0, alignment | (text ? Qt::AlignTop : Qt::AlignVCenter));
    m_grid->addWidget(field, m_row, 1);
    ++m_row;
}

void FormGrid::addBelow(QWidget *widget)
{
    m_grid->addWidget(widget, m_row, 1);
    ++m_row;
}

void fitHeightToWidth(QWidget *window)
{
    QLayout *layout = window->layout();
    if (!window->isVisible() || !layout)
        return;
    layout->activate();
    if (layout->hasHeightForWidth())
        window->resize(window->width(), layout->totalHeightForWidth(window->width()));
    else
        window->resize(window->width(), layout->totalSizeHint().height());
}

void showPlainToolTip(const QPoint &globalPos, const QString &text, QWidget *widget)
{
    if (text.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    // Escaped and wrapped, so it is rich text we made: the content stays literal.
    QToolTip::showText(globalPos,
        QStringLiteral("<p style=\"white-space:pre-wrap\">") + text.toHtmlEscaped() + QStringLiteral("</p>"), widget);
}

} // namespace Jw::Ui
