#pragma once

// What the server sends, made safe for QXmpp 1.10's stream reader (issue 8).
// See docs/text-integrity.md for the whole story.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <memory>

class QXmlStreamReader;

namespace Jw {

/// The length of the longest prefix of `bytes` that does not end inside an
/// incomplete UTF-8 sequence: what can be decoded now without turning a
/// character split across two reads into U+FFFD. Only the last three bytes
/// are looked at, so the check is stateless and O(1). Bytes that can never
/// become valid UTF-8 (stray continuation bytes, C0, C1, F5–FF, a second
/// byte out of range) are not held back: they pass through unchanged and the
/// decoder replaces them as it would anyway.
qsizetype utf8CompletePrefixLength(QByteArrayView bytes) noexcept;

/// Re-encodes the XMPP stream a server sends into a form that QXmpp 1.10
/// reads correctly however the loopback connection splits it:
///
/// - Every character outside ASCII, in text and in attribute values, becomes
///   a numeric character reference (`가` → `&#xAC00;`). The output is ASCII,
///   so QXmpp's `QString::fromUtf8()` of each socket read cannot cut a
///   character in two: the hop between the guard and QXmpp is TCP, and TCP
///   does not keep write boundaries (measured: writes cut at character
///   boundaries still arrive split). The XML QXmpp parses means the same.
/// - Output is released a whole top-level element (stanza) at a time, so
///   QXmpp's reads mostly end where a stanza ends and its buffer (which it
///   re-parses from the start on every read until it parses) empties often.
/// - Defences against a hostile server that QXmpp 1.10 lacks: a size limit
///   per top-level element, a nesting limit, no DTDs, entity references or
///   processing instructions (RFC 6120 §11.1); comments are dropped.
/// - Nothing may make QXmpp open a connection of its own, which would bypass
///   the guard without TLS: a stream management `location` is dropped and a
///   `<see-other-host/>` stream error is reported instead of passed on.
/// - A refused stream resumption is reported instead of passed on (see
///   Outcome::ResumeFailed), in both forms: XEP-0198's `<failed/>` answering
///   a `<resume/>`, and under SASL2 (XEP-0388) a `<failed/>` inside the
///   `<success/>` that answers an `<authenticate/>` with a resume inline.
///   Only when the client asked to resume (clientSent() shows it): an
///   unsolicited `<failed/>` is QXmpp's to handle, never a reason to reconnect.
///
/// Input is decoded strictly as UTF-8 whatever the XML declaration says
/// (RFC 6120 §11.6). Non-ASCII element or attribute *names* cannot be
/// written as references and pass through as UTF-8 (no XMPP namespace uses
/// them).
class ServerStreamFilter final
{
public:
    struct Limits
    {
        /// Characters one top-level element may take, with any whitespace
        /// before it. Prosody's default c2s_stanza_size_limit is 256 KiB, the
        /// test server's 4 MiB; a server relaying larger stanzas is rare.
        qsizetype maxElementCharacters = 16 * 1024 * 1024;
        /// Characters a message stanza may take to be passed on: the one
        /// limit on a message's size that the whole path (this filter,
        /// QXmpp 1.10, the history, the chat view) handles within seconds
        /// (issue 12; the figures are in bench/bench_floods.cpp). A larger
        /// message is replaced by a stand-in (see oversizedMessageNamespace()),
        /// up to maxElementCharacters; past that the stream is refused.
        qsizetype maxMessageCharacters = 512 * 1024;
        /// Element nesting inside the stream.
        int maxDepth = 128;
    };

    enum class Outcome {
        Open, ///< still going
        Closed, ///< the server closed its stream (</stream:stream>)
        Failed, ///< the server broke a rule: see errorString() and condition()
        Redirected, ///< <see-other-host/>: see redirectHost(), redirectPort()
        /// XEP-0198: the server refused to resume the previous stream that
        /// the client asked it to resume (a <failed/> answering <resume/>,
        /// or inside a SASL2 <success/>). Not passed on: QXmpp 1.10 would
        /// open a new stream (or bind) and resend, blindly, everything it
        /// never saw acknowledged, also what the server did receive.
        ResumeFailed,
    };

    explicit ServerStreamFilter(Limits limits);
    ServerStreamFilter();
    ~ServerStreamFilter();
    Q_DISABLE_COPY_MOVE(ServerStreamFilter)

    /// Feeds bytes the server sent and appends to `out` what QXmpp may have now.
    void feed(QByteArrayView bytes, QByteArray &out);
    /// Tells what the client (QXmpp) sent the server, so a refusal of a
    /// resumption counts only when one was asked for: a `<resume` start tag
    /// (XEP-0198 on its own, or inline in SASL2's `<authenticate/>`). A raw
    /// scan is sound here: in XML a literal `<` in text or attribute values
    /// is always escaped, so `<resume` is markup. O(size), no buffering
    /// beyond a few bytes of a tag split across two writes.
    void clientSent(QByteArrayView bytes);
    /// Whether a resumption was asked for and not yet answered.
    bool resumeRequested() const { return m_resumeRequested; }

    Outcome outcome() const { return m_outcome; }
    /// For Failed: what was wrong, for a person (English, from the parser).
    QString errorString() const { return m_error; }
    /// For Failed: the RFC 6120 stream error condition to tell the server.
    QString condition() const { return m_condition; }
    QString redirectHost() const { return m_redirectHost; }
    /// 0 when the server gave no port (then the default, 5222).
    quint16 redirectPort() const { return m_redirectPort; }

    /// Characters held for the element being read (for tests and limits).
    qsizetype pendingCharacters() const { return m_sinceBoundary; }

private:
    enum class Special { None, SaslSuccess, Sasl2Success, StreamError, SmFailed, SmResumed, Message };

    void process(QByteArray &out);
    void onStartElement(QByteArray &out);
    void onEndElement(QByteArray &out);
    void onCharacters(QByteArray &out);
    void closePendingStartTag(QByteArray &target);
    QByteArray &target(QByteArray &out) { return m_depth >= 2 ? m_element : out; }
    void markBoundary();
    void checkMessageSize();
    void appendStandIn(QByteArray &out);
    void restartStream();
    void fail(const QString &condition, const QString &error);

    const Limits m_limits;
    std::unique_ptr<QXmlStreamReader> m_reader;
    QByteArray m_undecoded; ///< at most 3 bytes: an incomplete trailing sequence
    QString m_lastFed; ///< the last text given to the reader (for a stream restart)
    qint64 m_fed = 0; ///< characters given to the current reader
    qsizetype m_sinceBoundary = 0;
    QByteArray m_element; ///< the top-level element being re-encoded
    int m_depth = 0; ///< 0 before the stream, 1 inside it, 2+ inside a stanza
    bool m_startTagOpen = false; ///< "<name attrs" written, ">" or "/>" not yet
    bool m_restartPending = false;
    bool m_authenticated = false; ///< SASL succeeded: the stream after it is the session's
    bool m_resumeRequested = false; ///< the client sent <resume/> (alone or in SASL2) unanswered
    bool m_inlineResumeFailed = false; ///< a SASL2 <success/> being read holds an SM <failed/>
    QByteArray m_clientTail; ///< the end of the client's last write: a tag split across writes
    Special m_special = Special::None;
    // A message over maxMessageCharacters: dropped as it is read, then
    // passed on as a small stand-in with its addresses and size.
    qint64 m_elementStart = 0; ///< reader offset where the top-level element began
    bool m_skipping = false;
    qint64 m_textUtf8 = 0; ///< bytes of text in the message so far, as UTF-8
    QByteArray m_standInAttributes; ///< from/to/id/type of the message, escaped
    QString m_innerFrom; ///< of a message inside it (a carbon, an archive result)
    QString m_innerTo;
    bool m_inSeeOtherHost = false;
    QString m_seeOtherHost;
    bool m_sawSeeOtherHost = false;
    Outcome m_outcome = Outcome::Open;
    QString m_error;
    QString m_condition;
    QString m_redirectHost;
    quint16 m_redirectPort = 0;
};

/// The namespace of the stand-in element that replaces what a message over
/// Limits::maxMessageCharacters carried:
///   <message from=… to=… id=… type=…><oversized xmlns=NS key=K
///     bytes=UTF-8-BYTES-OF-TEXT [from=… to=… of a forwarded message]/></message>
/// Passing a stand-in on, rather than refusing the stream, keeps the message
/// from being lost silently: a server that keeps it (offline storage, a
/// resumption) would send it again on every connection, and the stream
/// management counter (XEP-0198) still counts one stanza for one stanza.
QString oversizedMessageNamespace();
/// A random key, the same for the whole run, that the stand-in carries: an
/// element in that namespace sent by the server without it is not ours.
QString oversizedMessageKey();

/// Appends `text` to `out` as XML character data (or, with `attribute`, as an
/// attribute value in single quotes) in ASCII: markup characters as entities,
/// everything outside ASCII and the whitespace XML would normalise as numeric
/// character references.
void appendXmlEscapedAscii(QByteArray &out, QStringView text, bool attribute);

/// Parses RFC 6120 §4.9.3.19 "host", "host:port", "[v6]" or "[v6]:port".
/// Returns false for anything else; port is 0 when none is given.
bool parseHostAndPort(const QString &text, QString &host, quint16 &port);

} // namespace Jw
