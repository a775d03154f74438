#pragma once

// Internal to core: publishing to one of our own account's PEP nodes with
// publish-options (XEP-0060 §7.1.5, XEP-0223), as XEP-0402 bookmarks and
// XEP-0490 read positions ask.
//
// A server refuses such a publish (precondition-not-met) when the node exists
// with other options: made by another client that published without them, or
// with other defaults. Asking again would be refused again, for good. As
// XEP-0223 says, the node is ours: it is configured to the options, and the
// publish is sent once more.

#include "transport.h"

#include <QDomElement>
#include <QList>
#include <QString>

#include <utility>

class QObject;

namespace Jw::Pep {

/// (var, value) fields of a pubsub form, FORM_TYPE left out.
using Options = QList<std::pair<QString, QString>>;

/// Private, every item kept, nothing sent at presence: XEP-0223's options,
/// which both XEP-0402 and XEP-0490 use.
Options privateStorage();

/// Publishes `item` (an <item/>, its payload inside) to `node` of our own
/// account with `options`; on precondition-not-met, configures the node to
/// them and publishes once more. The result is that of the last IQ sent.
QXmppTask<Transport::IqResult> publish(
    Transport *transport, QObject *context, const QString &node, const QDomElement &item, const Options &options);

} // namespace Jw::Pep
