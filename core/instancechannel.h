#pragma once

#include "expected.h"
#include "xmppuri.h"

#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;
class QLocalSocket;
class QLockFile;

namespace Jw {

/// One running Jabberwock per profile. The first start for a profile takes a
/// lock and listens on a local socket; a later start hands its request (an
/// `xmpp:` link, or nothing: "show yourself") to it and exits.
///
/// Both live in the user's runtime folder (`$XDG_RUNTIME_DIR`, mode 0700, so
/// no other user can connect), named after a hash of the profile's path:
/// `jabberwock-<32 hex digits>.socket` and `.lock`. The lock (QLockFile: it
/// knows a dead process's lock is stale) decides who runs, so two starts at
/// once cannot both listen; the one holding it removes any socket a crash
/// left behind before it listens.
///
/// Wire format, version 2, integers big-endian:
///   request  "JWKI" | quint8 version | quint32 length | `length` bytes of
///            UTF-8: the link as given on the command line, or nothing |
///            quint16 tokenLength | `tokenLength` bytes: the later start's
///            XDG_ACTIVATION_TOKEN (printable ASCII), or nothing
///   reply    "JWKI" | quint8 version | quint8 status (0 taken, 1 refused)
/// Version 1 is the same without the token; both are served, and the reply
/// carries the request's version. A later start speaks 2 and, refused by a
/// running instance that speaks only 1 (an update while it ran), asks again
/// in 1, without the token.
///
/// The token (xdg-activation-v1) is what lets a Wayland compositor bring the
/// running window to the front for the person who just asked: without it,
/// focus-stealing prevention only marks the window as wanting attention.
///
/// The listener trusts none of it: another magic or version, a length over
/// MaxRequestBytes or MaxActivationTokenBytes, bytes after the request, text
/// that is not UTF-8 or a link parseXmppUri refuses, a token that is not
/// printable ASCII: "refused", and the connection is closed.
class InstanceChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceChannel)

public:
    enum class Role
    {
        Running, ///< this is the profile's instance (it may not be listening, see claim)
        HandedOver, ///< the running instance took the request: exit
    };

    static constexpr quint8 Version = 2;
    static constexpr quint8 OldestVersion = 1;
    static constexpr qint64 MaxRequestBytes = 4 * MaxXmppUriLength;
    static constexpr qint64 MaxActivationTokenBytes = 1024;

    /// Whether `token` can be an activation token: 1 to MaxActivationTokenBytes
    /// printable ASCII characters (compositors make them so).
    static bool isActivationToken(const QByteArray &token);

    explicit InstanceChannel(const QString &profileDir, QObject *parent = nullptr);
    ~InstanceChannel() override;

    /// Where the socket is for `profileDir` (the lock is next to it).
    static QString socketPath(const QString &profileDir);

    /// Becomes the profile's instance and listens, or hands `link` (empty:
    /// "show yourself") and `activationToken` (this start's
    /// XDG_ACTIVATION_TOKEN, empty: none; one that is not a token is not
    /// sent) to the instance that is. Waits (running the event
    /// loop) up to a few seconds for a starting instance to listen. The error
    /// is a sentence: an instance runs but does not answer, or refused.
    /// Where the socket cannot be made, this one runs without listening (a
    /// warning is logged): a second start is not worth refusing the first.
    Expected<Role> claim(const QString &link, const QString &activationToken = {});

    bool isListening() const;

Q_SIGNALS:
    /// A later start asked for this; an empty `jid` means "show yourself".
    /// `activationToken`: the one it was started with, for raising the
    /// window (empty: none).
    void requested(const Jw::XmppUri &uri, const QString &activationToken);

private:
    /// True when an instance took the request; false when none answered.
    Expected<bool> handOver(const QString &link, const QByteArray &token);
    /// One attempt in `version`; the reply as it came (empty: none).
    QByteArray send(const QString &link, const QByteArray &token, quint8 version, bool *connected);
    void listen();
    void accept();
    /// Reads a request from `socket`; true once it has been answered.
    bool serve(QLocalSocket *socket, QByteArray &buffer);

    const QString m_socketPath;
    const std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
};

} // namespace Jw
