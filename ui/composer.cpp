#include "composer.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QImage>
#include <QKeyEvent>
#include <QMimeData>
#include <QUrl>
#include <QResizeEvent>
#include <QTextBlock>

#include <algorithm>
#include <cmath>

namespace Jw::Ui {
namespace {
constexpr int MaxVisibleLines = 6;
} // namespace

Composer::Composer(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setPlaceholderText(tr("Write a message…"));
    setAccessibleName(tr("Message"));
    setAccessibleDescription(tr("Enter sends the message; Shift+Enter starts a new line."));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Grow with the text, up to MaxVisibleLines; then scroll.
    connect(document(), &QTextDocument::contentsChanged, this, &Composer::fitToText);
}

void Composer::send()
{
    const QString text = toPlainText();
    if (text.trimmed().isEmpty())
        return;
    Q_EMIT sendRequested(text);
    clear();
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (m_completer && m_completer->popup()->isVisible()
        && (enter || event->key() == Qt::Key_Tab || event->key() == Qt::Key_Escape)) {
        event->ignore(); // the completer's popup chooses (or closes)
        return;
    }
    if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier && toPlainText().isEmpty()) {
        Q_EMIT editLastRequested();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        Q_EMIT cancelRequested();
        event->accept();
        return;
    }
    if (!enter) {
        reportEdit([&] { QPlainTextEdit::keyPressEvent(event); });
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) {
        // A real paragraph break, so toPlainText() gives "\n" (the default
        // inserts U+2028).
        reportEdit([this] {
            textCursor().insertBlock();
            ensureCursorVisible();
        });
    } else {
        send();
    }
    event->accept();
}

void Composer::inputMethodEvent(QInputMethodEvent *event)
{
    // Input methods (Korean, Japanese, …) write through here, not through keys.
    reportEdit([&] { QPlainTextEdit::inputMethodEvent(event); });
}

void Composer::reportEdit(const std::function<void()> &edit)
{
    bool changed = false;
    const auto watch = connect(document(), &QTextDocument::contentsChanged, this, [&changed] { changed = true; });
    edit();
    disconnect(watch);
    if (changed)
        Q_EMIT edited();
}

int Composer::fittingHeight() const
{
    const qreal lineHeight = QFontMetricsF(font()).lineSpacing();
    qreal text = 0;
    for (QTextBlock block = document()->firstBlock(); block.isValid(); block = block.next())
        text += blockBoundingRect(block).height();
    text = std::clamp(text, lineHeight, MaxVisibleLines * lineHeight);
    // QFrame keeps its frame in the contents margins.
    const QMargins margins = contentsMargins();
    return int(std::ceil(text + 2 * document()->documentMargin())) + margins.top() + margins.bottom();
}

void Composer::fitToText()
{
    const qreal lineHeight = QFontMetricsF(font()).lineSpacing();
    const bool full = fittingHeight() - contentsMargins().top() - contentsMargins().bottom()
        >= MaxVisibleLines * lineHeight + 2 * document()->documentMargin();
    setVerticalScrollBarPolicy(full ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    updateGeometry();
}

QSize Composer::sizeHint() const
{
    return { QPlainTextEdit::sizeHint().width(), fittingHeight() };
}

QSize Composer::minimumSizeHint() const
{
    return { QPlainTextEdit::minimumSizeHint().width(), fittingHeight() };
}

void Composer::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    // Wrapping changes with the width, and with it the lines there are.
    if (event->size().width() != event->oldSize().width())
        fitToText();
}

namespace {

QStringList localFiles(const QMimeData *source)
{
    QStringList paths;
    if (!source->hasUrls())
        return paths;
    const auto urls = source->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

} // namespace

bool Composer::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasImage() || !localFiles(source).isEmpty() || QPlainTextEdit::canInsertFromMimeData(source);
}

void Composer::insertFromMimeData(const QMimeData *source)
{
    // A file or a picture is offered for sending, never written as its path.
    if (const QStringList files = localFiles(source); !files.isEmpty()) {
        Q_EMIT filesOffered(files);
        return;
    }
    if (source->hasImage()) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (!image.isNull()) {
            Q_EMIT imagePasted(image);
            return;
        }
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace Jw::Ui
