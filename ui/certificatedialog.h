#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace Jw {
struct SessionError;
}

namespace Jw::Ui {

/// Asks whether to trust a server certificate that did not verify. Shows the
/// session's sentence (with the SHA-256 fingerprint), who the certificate
/// names and who issued it, and when it is valid. Accepting means "pin this
/// exact certificate"; Cancel, the default, means do not connect.
class CertificateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateDialog)

public:
    explicit CertificateDialog(const SessionError &error, QWidget *parent = nullptr);

    QLabel *messageLabel() const { return m_message; }
    QLabel *detailsLabel() const { return m_details; }
    QPushButton *trustButton() const { return m_trust; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    QLabel *const m_message;
    QLabel *const m_details;
    QPushButton *const m_trust;
    QPushButton *const m_cancel;
};

} // namespace Jw::Ui
