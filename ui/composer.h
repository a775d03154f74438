#pragma once

#include <QPlainTextEdit>

#include <functional>

class QCompleter;

namespace Jw::Ui {

/// Where a message is written. Enter sends, Shift+Enter starts a new line;
/// blank text is never sent. The field grows with its text up to a few lines.
class Composer final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Composer)

public:
    explicit Composer(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    /// A completer whose popup, while shown, takes Enter, Tab and Escape (`@` nicknames in a room).
    void setCompleter(QCompleter *completer) { m_completer = completer; }

public Q_SLOTS:
    /// Emits sendRequested with the text and clears the field, unless it is blank.
    void send();

Q_SIGNALS:
    void sendRequested(const QString &text);
    /// The person changed the text (a key, an input method), as opposed to
    /// the program (a draft put back, the field cleared after sending).
    void edited();
    /// Up in an empty field: the person wants to correct their last message.
    void editLastRequested();
    /// Escape: leave what the field was doing (a correction, a reply).
    void cancelRequested();
    /// Files were dropped or pasted into the field (local paths): to send, not to write.
    void filesOffered(const QStringList &paths);
    /// A picture was pasted (a screenshot).
    void imagePasted(const QImage &image);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    /// Runs `edit` and emits edited() if it changed the text.
    void reportEdit(const std::function<void()> &edit);
    /// The height that shows the text without scrolling, up to MaxVisibleLines.
    int fittingHeight() const;
    void fitToText();

    QCompleter *m_completer = nullptr;
};

} // namespace Jw::Ui
