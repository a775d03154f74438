#pragma once

#include "types.h"

#include <QColor>
#include <QDateTime>
#include <QString>

class QGridLayout;
class QLabel;
class QPainter;
class QPalette;
class QRectF;
class QPoint;
class QWidget;

namespace Jw::Ui {

/// How a presence reads in the interface ("Available", "Away", …).
QString presenceText(PresenceStatus status);
/// The colour of a presence dot; the same in light and dark themes.
QColor presenceColor(PresenceStatus status);

/// A message's time in local time: "14:32" today, with the date otherwise.
QString messageTime(const QDateTime &when, const QDateTime &now = QDateTime::currentDateTime());
/// A message's time of day alone ("14:32"); its day shows in a separator above.
QString timeOfDay(const QDateTime &when);
/// A day separator's words: "Today", "Yesterday", else the long date of the
/// language ("Thursday, 17 April 2026").
QString dayLabel(const QDate &day, const QDate &today = QDate::currentDate());
/// A conversation list's time: "14:32" today, "Mon" this week, a date before.
QString listTime(const QDateTime &when, const QDateTime &now = QDateTime::currentDateTime());

/// A colour that stays the same for one address wherever it is shown: the
/// hue of XEP-0392 (consistent color generation), at a fixed lightness.
QColor addressColor(const QString &address);
/// The letter shown in a round picture for a name.
QString initialOf(const QString &name);

/// A round picture: the first letter of `name` on the address's colour.
void paintAvatar(QPainter *painter, const QRectF &rect, const QString &address, const QString &name);
/// A room's picture: a rounded square (not a person's circle) with the
/// first letter of `name` and a small "#" corner mark.
void paintRoomAvatar(QPainter *painter, const QRectF &rect, const QString &address, const QString &name);
/// A presence dot with a ring of `ring` colour so it stands out on a picture.
void paintPresenceDot(QPainter *painter, const QRectF &rect, PresenceStatus status, const QColor &ring);

/// `from` moved towards `to` by `amount` (0–1), for tints that follow the theme.
QColor blend(const QColor &from, const QColor &to, qreal amount);
/// A red that reads on the palette's base colour, light or dark.
QColor errorColor(const QPalette &palette);
/// A colour for secondary text (times, addresses), between text and base.
QColor secondaryTextColor(const QPalette &palette, bool selected = false);

/// One line of text for previews: line breaks and runs of white space become
/// single spaces.
QString oneLine(const QString &text);

/// A label for a sentence: plain text, wrapped to whatever width the layout
/// gives it, as tall as its lines (a plain word-wrapped QLabel asks for the
/// height of a narrow guess and leaves gaps).
QLabel *makeSentenceLabel(QWidget *parent);
/// The same, in an error colour.
QLabel *makeErrorLabel(QWidget *parent);

/// A two-column form (labels, fields) on a QGridLayout, which, unlike
/// QFormLayout, gives word-wrapped sentences under the fields their real height.
class FormGrid final
{
public:
    explicit FormGrid(QWidget *parent);
    QGridLayout *layout() const { return m_grid; }
    /// A field with its label (which may have a "&" mnemonic for the field).
    void addField(const QString &label, QWidget *field);
    /// A widget under the fields, in the field column.
    void addBelow(QWidget *widget);

private:
    QWidget *const m_parent;
    QGridLayout *const m_grid;
    int m_row = 0;
};

/// Makes a shown window as tall as its word-wrapped labels need at its
/// current width, after a row appeared or went away. (Qt sizes a window from
/// its labels' size hints, which guess a narrower width and leave gaps.)
void fitHeightToWidth(QWidget *window);

/// Shows a tooltip whose text came from the network as plain text: QToolTip
/// would otherwise render anything that looks like HTML as rich text.
void showPlainToolTip(const QPoint &globalPos, const QString &text, QWidget *widget);

} // namespace Jw::Ui
