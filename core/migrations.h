#pragma once

#include <array>
#include <string_view>

namespace Jw::Schema {

/// One step of the history schema. Statements are separated by ";\n".
/// Never edit a step that has shipped: add a new one.
struct Migration
{
    int version;
    std::string_view sql;
};

// Version 1: the messages and their states.
inline constexpr std::string_view V1 = R"sql(
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    chat TEXT NOT NULL,
    message_id TEXT NOT NULL DEFAULT '',
    direction INTEGER NOT NULL CHECK (direction IN (0, 1)),
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    sort_at INTEGER NOT NULL,
    state INTEGER NOT NULL,
    arrived_offline INTEGER NOT NULL DEFAULT 0,
    stanza_id TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX messages_by_chat_and_time ON messages (chat, sort_at, id);
CREATE UNIQUE INDEX messages_unique_id ON messages (chat, direction, message_id) WHERE message_id <> '';
CREATE UNIQUE INDEX messages_unique_stanza_id ON messages (stanza_id) WHERE stanza_id <> ''
)sql";

// Version 2: one row per conversation with its read position (a message id,
// not a flag per message) and a key/value table for per-account state.
inline constexpr std::string_view V2 = R"sql(
CREATE TABLE chats (
    chat TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    last_read_id INTEGER NOT NULL DEFAULT 0
);
INSERT INTO chats (chat) SELECT DISTINCT chat FROM messages;
UPDATE chats SET last_read_id = (SELECT COALESCE(MAX(id), 0) FROM messages WHERE messages.chat = chats.chat);
CREATE TABLE account_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
)sql";

// Version 3: the contact's last chat state (XEP-0085) per conversation, with
// the time it arrived (ms since the epoch, UTC), and whether their messages
// carry chat states at all (peer_support: 0 unknown, 1 yes, 2 no).
inline constexpr std::string_view V3 = R"sql(
CREATE TABLE chat_states (
    chat TEXT PRIMARY KEY,
    state TEXT NOT NULL DEFAULT '' CHECK (state IN ('', 'active', 'composing', 'paused', 'inactive', 'gone')),
    state_at INTEGER,
    peer_support INTEGER NOT NULL DEFAULT 0 CHECK (peer_support IN (0, 1, 2))
)
)sql";

// Version 4: read receipts (XEP-0333), kept per conversation as message ids
// like the read position: displayed_id is our newest message the other side
// has displayed (ours up to it count as displayed); marker_id is the received
// message our newest displayed marker is about, marker_pending 1 while that
// marker has yet to be sent (read while offline). What was read before counts
// as settled: no marker is owed for old history.
inline constexpr std::string_view V4 = R"sql(
ALTER TABLE chats ADD COLUMN displayed_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN marker_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN marker_pending INTEGER NOT NULL DEFAULT 0;
UPDATE chats SET marker_id = (SELECT COALESCE(MAX(id), 0) FROM messages
    WHERE messages.chat = chats.chat AND messages.direction = 0 AND messages.id <= chats.last_read_id)
)sql";

// Version 5: who the other person of a chat is to us (core/requests.h).
// in_roster mirrors the server's roster, so the lists are right before the
// connection is up; blocked mirrors the server's blocklist (XEP-0191);
// accepted is the person's own decision (accepted a request, opened the
// chat). Writing to someone also counts as accepting them; that is read
// from the messages, not stored here. Conversations from before requests
// existed stay where they were.
inline constexpr std::string_view V5 = R"sql(
CREATE TABLE peers (
    jid TEXT PRIMARY KEY,
    in_roster INTEGER NOT NULL DEFAULT 0 CHECK (in_roster IN (0, 1)),
    accepted INTEGER NOT NULL DEFAULT 0 CHECK (accepted IN (0, 1)),
    blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1))
);
INSERT INTO peers (jid, accepted) SELECT chat, 1 FROM chats
)sql";

// Version 6: a message id identifies a message only together with its text
// (HistoryStore's isSameMessage): a sender who reuses an id for another text
// sends another message, so (chat, direction, message_id) is no longer unique.
inline constexpr std::string_view V6 = R"sql(
DROP INDEX messages_unique_id;
CREATE INDEX messages_by_message_id ON messages (chat, direction, message_id) WHERE message_id <> ''
)sql";

// Version 7: rooms (XEP-0045, core/rooms.h). A conversation has a kind: a
// chat with one person or a room (groupchat). A room message keeps the
// sender's nickname and, where the room gives one, its occupant id
// (XEP-0421). A stanza-id is unique per conversation, not overall: a room
// stamps its own (by = the room), and another archive may use the same
// value. `rooms` holds the rooms the person is in (their nickname, whether
// to be joined at sign-in) and where the room's archive was read up to: the
// room's stanza-id of the newest message of the last stored page, kept apart
// from the messages (a message stored live must not move it past a gap).
inline constexpr std::string_view V7 = R"sql(
ALTER TABLE chats ADD COLUMN kind TEXT NOT NULL DEFAULT 'chat' CHECK (kind IN ('chat', 'groupchat'));
ALTER TABLE messages ADD COLUMN nick TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN occupant_id TEXT NOT NULL DEFAULT '';
DROP INDEX messages_unique_stanza_id;
CREATE UNIQUE INDEX messages_unique_stanza_id ON messages (chat, stanza_id) WHERE stanza_id <> '';
CREATE TABLE rooms (
    room TEXT PRIMARY KEY,
    nick TEXT NOT NULL DEFAULT '',
    joined INTEGER NOT NULL DEFAULT 1 CHECK (joined IN (0, 1)),
    archive_last TEXT NOT NULL DEFAULT ''
)
)sql";

// Version 8: whether a received message asked for chat markers (XEP-0333
// <markable/>): a displayed marker may name only such a message. What came
// before counts as not having asked (no marker is owed for old history).
inline constexpr std::string_view V8 = R"sql(
ALTER TABLE messages ADD COLUMN markable INTEGER NOT NULL DEFAULT 0 CHECK (markable IN (0, 1))
)sql";

// Version 9: a message can be an invitation to a room (XEP-0249 direct,
// XEP-0045 mediated; core/invitations.h): the room, password, reason and
// inviter as JSON. Empty for every other message, and for all before.
inline constexpr std::string_view V9 = R"sql(
ALTER TABLE messages ADD COLUMN invitation TEXT NOT NULL DEFAULT ''
)sql";

// Version 10: "read by" in rooms (core/roomreadby.h): how far each other
// occupant has displayed a room (XEP-0333 markers), as the row id of the
// newest message a marker of theirs pointed at. `reader` is the person:
// "id:" and their occupant id (XEP-0421) where the room gives ids, else
// "nick:" and their nickname; `nick` is the name to show.
inline constexpr std::string_view V10 = R"sql(
CREATE TABLE room_reads (
    room TEXT NOT NULL,
    reader TEXT NOT NULL,
    nick TEXT NOT NULL DEFAULT '',
    up_to INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (room, reader)
)
)sql";

// Version 11: search (issue 17, core/search/). An FTS5 index over the
// messages' bodies, read from `messages` itself (external content), cut by
// our tokenizer "jabberwock" (bigrams for Hangul and Han, folded words for
// the rest; registered on each connection before migrating). Triggers keep
// it in the message's own transaction, corrections and deletions included.
// What was stored before is indexed in the background, newest first
// (Search::Indexer): `search_backfill.upto` is the highest row id not yet
// indexed (0: all done), `total` where it started. The triggers leave the
// rows up to `upto` to it, so nothing is indexed twice.
inline constexpr std::string_view V11 = R"sql(
CREATE VIRTUAL TABLE message_search USING fts5(body, content='messages', content_rowid='id', tokenize='jabberwock', columnsize=0);
CREATE TABLE search_backfill (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    upto INTEGER NOT NULL,
    total INTEGER NOT NULL
);
INSERT INTO search_backfill (id, upto, total) SELECT 1, COALESCE(MAX(id), 0), COALESCE(MAX(id), 0) FROM messages;
CREATE TRIGGER message_search_insert AFTER INSERT ON messages WHEN new.id > (SELECT upto FROM search_backfill) BEGIN INSERT INTO message_search (rowid, body) VALUES (new.id, new.body); END;
CREATE TRIGGER message_search_delete AFTER DELETE ON messages WHEN old.id > (SELECT upto FROM search_backfill) BEGIN INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', old.id, old.body); END;
CREATE TRIGGER message_search_update AFTER UPDATE OF body ON messages WHEN old.id > (SELECT upto FROM search_backfill) BEGIN INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', old.id, old.body); INSERT INTO message_search (rowid, body) VALUES (new.id, new.body); END
)sql";

// Version 12: edits (issue 18,
// core/edits.h). A message may be corrected (XEP-0308: `edited`, and its
// earlier texts in message_versions, each with the id of the correction
// that replaced it, so a correction seen twice is applied once), retracted
// (XEP-0424: `retracted`, its body and versions emptied so the search index
// forgets the text) or answer another (XEP-0461: `reply_to`, a message id).
// reactions (XEP-0444) hold each sender's current set (sender: a bare
// address, in a room "id:" and the occupant id, else "nick:" and the
// nickname). early_edits keeps a correction, retraction or reactions (body:
// the emoji, one a line) that arrived before the target (archive order)
// until it comes; who may apply it is checked then.
inline constexpr std::string_view V12 = R"sql(
ALTER TABLE messages ADD COLUMN edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1));
ALTER TABLE messages ADD COLUMN retracted INTEGER NOT NULL DEFAULT 0 CHECK (retracted IN (0, 1));
ALTER TABLE messages ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
CREATE TABLE message_versions (
    id INTEGER PRIMARY KEY,
    message INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    edit_id TEXT NOT NULL DEFAULT '',
    replaced_at INTEGER NOT NULL
);
CREATE INDEX message_versions_by_message ON message_versions (message, id);
CREATE TABLE reactions (
    message INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    sender TEXT NOT NULL,
    emoji TEXT NOT NULL,
    own INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1)),
    PRIMARY KEY (message, sender, emoji)
);
CREATE TABLE early_edits (
    id INTEGER PRIMARY KEY,
    chat TEXT NOT NULL,
    target TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('correct', 'retract', 'react')),
    direction INTEGER NOT NULL CHECK (direction IN (0, 1)),
    sender TEXT NOT NULL,
    nick TEXT NOT NULL DEFAULT '',
    occupant_id TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    edit_id TEXT NOT NULL DEFAULT '',
    sent_at INTEGER NOT NULL
);
CREATE INDEX early_edits_by_target ON early_edits (chat, target)
)sql";

// Version 13: files (issue 16, core/files/). A message may carry a link to
// a file as XEP-0066 out-of-band data: `messages.oob_url` ('' for none, and
// for all before). `transfers` keeps each upload and download: which
// message (chat, message_id; '' until an upload's message exists), the
// link, the announced name, size (-1: unknown) and type, the SHA-256 of
// what is on disk, where it is, its state ("not_downloaded",
// "downloading", "downloaded", "failed", "uploading", "uploaded",
// "cancelled") and how far it got.
inline constexpr std::string_view V13 = R"sql(
ALTER TABLE messages ADD COLUMN oob_url TEXT NOT NULL DEFAULT '';
CREATE TABLE transfers (
    id INTEGER PRIMARY KEY,
    chat TEXT NOT NULL,
    message_id TEXT NOT NULL DEFAULT '',
    direction INTEGER NOT NULL CHECK (direction IN (0, 1)),
    url TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT -1,
    mime TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    local_path TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    bytes_done INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX transfers_by_message ON transfers (chat, message_id)
)sql";

// Version 14: a file's name is found by search (issue 17). The index gets
// a second column, the message's link (`oob_url`, XEP-0066), and the
// tokenizer reads percent-encoded links (a Korean file name in an upload
// link is %ED%9A%8C…) as the text they stand for. The index is made anew and
// filled again in the background like version 11's (search reads every
// message meanwhile); the triggers follow the link too.
inline constexpr std::string_view V14 = R"sql(
DROP TRIGGER message_search_insert;
DROP TRIGGER message_search_delete;
DROP TRIGGER message_search_update;
DROP TABLE message_search;
CREATE VIRTUAL TABLE message_search USING fts5(body, oob_url, content='messages', content_rowid='id', tokenize='jabberwock', columnsize=0);
UPDATE search_backfill SET upto = COALESCE((SELECT MAX(id) FROM messages), 0), total = COALESCE((SELECT MAX(id) FROM messages), 0);
CREATE TRIGGER message_search_insert AFTER INSERT ON messages WHEN new.id > (SELECT upto FROM search_backfill) BEGIN INSERT INTO message_search (rowid, body, oob_url) VALUES (new.id, new.body, new.oob_url); END;
CREATE TRIGGER message_search_delete AFTER DELETE ON messages WHEN old.id > (SELECT upto FROM search_backfill) BEGIN INSERT INTO message_search (message_search, rowid, body, oob_url) VALUES ('delete', old.id, old.body, old.oob_url); END;
CREATE TRIGGER message_search_update AFTER UPDATE OF body, oob_url ON messages WHEN old.id > (SELECT upto FROM search_backfill) BEGIN INSERT INTO message_search (message_search, rowid, body, oob_url) VALUES ('delete', old.id, old.body, old.oob_url); INSERT INTO message_search (rowid, body, oob_url) VALUES (new.id, new.body, new.oob_url); END
)sql";

// Version 15: our own corrections, retractions and reactions wait here until
// the server has them (issue 18, core/editoutbox.h): one made while offline,
// or lost with the connection, goes out when the chat is back. One a kind
// per message (a newer correction or reaction set replaces the waiting one;
// a retraction replaces them all); `body` the new text, or the emoji one a
// line; `edit_id` the id it goes out with.
inline constexpr std::string_view V15 = R"sql(
CREATE TABLE outgoing_edits (
    id INTEGER PRIMARY KEY,
    message INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('correct', 'retract', 'react')),
    body TEXT NOT NULL DEFAULT '',
    edit_id TEXT NOT NULL,
    queued_at INTEGER NOT NULL,
    UNIQUE (message, kind)
);
CREATE INDEX outgoing_edits_by_id ON outgoing_edits (edit_id)
)sql";

// Version 16: search hits come newest first by the time sent straight from
// the index (issue 17). The index's row id is no longer the message's row
// id (the order stored) but `search_key` (Search::Key): the UTC day it was
// sent (by sort_at) times 2^20, plus its place among that day's messages in
// the order stored. FTS5 reads hits a day at a time, newest day first, and
// a catch-up that stores older messages last no longer slows search down;
// keys of one day stay close together, so the index stays as small as with
// row ids. Search::Key::nextSql() gives a new message its key as it is
// stored; the messages from before are given theirs, and so indexed, in the
// background (Search::Indexer), newest stored first; search reads every
// message meanwhile. A message without a key is not in the index.
inline constexpr std::string_view V16 = R"sql(
DROP TRIGGER message_search_insert;
DROP TRIGGER message_search_delete;
DROP TRIGGER message_search_update;
DROP TABLE message_search;
ALTER TABLE messages ADD COLUMN search_key INTEGER;
CREATE UNIQUE INDEX messages_by_search_key ON messages (search_key);
CREATE VIRTUAL TABLE message_search USING fts5(body, oob_url, content='messages', content_rowid='search_key', tokenize='jabberwock', columnsize=0);
UPDATE search_backfill SET upto = COALESCE((SELECT MAX(id) FROM messages), 0), total = COALESCE((SELECT MAX(id) FROM messages), 0);
CREATE TRIGGER message_search_insert AFTER INSERT ON messages WHEN new.search_key IS NOT NULL BEGIN INSERT INTO message_search (rowid, body, oob_url) VALUES (new.search_key, new.body, new.oob_url); END;
CREATE TRIGGER message_search_keyed AFTER UPDATE OF search_key ON messages WHEN old.search_key IS NULL AND new.search_key IS NOT NULL BEGIN INSERT INTO message_search (rowid, body, oob_url) VALUES (new.search_key, new.body, new.oob_url); END;
CREATE TRIGGER message_search_delete AFTER DELETE ON messages WHEN old.search_key IS NOT NULL BEGIN INSERT INTO message_search (message_search, rowid, body, oob_url) VALUES ('delete', old.search_key, old.body, old.oob_url); END;
CREATE TRIGGER message_search_update AFTER UPDATE OF body, oob_url ON messages WHEN old.search_key IS NOT NULL BEGIN INSERT INTO message_search (message_search, rowid, body, oob_url) VALUES ('delete', old.search_key, old.body, old.oob_url); INSERT INTO message_search (rowid, body, oob_url) VALUES (new.search_key, new.body, new.oob_url); END
)sql";

// Version 17: what a conversation's row needs, without reading the chat
// (issue 19). Its unread count (incoming messages after the read position)
// and its newest incoming message were found by walking every message of
// the chat: 15 ms for a chat of 50,000, at every message stored in it and
// for every row of the list at start-up. This index of the incoming
// messages by chat and row id answers both from the index alone.
inline constexpr std::string_view V17 = R"sql(
CREATE INDEX messages_incoming ON messages (chat, id) WHERE direction = 0
)sql";

// Version 18: read positions waiting to go to the XEP-0490 node (read while
// offline, refused, or held for another device's), so that quitting before
// the connection is back loses none: a row per chat, the read position's row
// id and the chat's kind (0 chat, 1 room); it goes when the position is
// published or passed by another device's.
inline constexpr std::string_view V18 = R"sql(
CREATE TABLE mds_waiting (
    chat TEXT PRIMARY KEY,
    read_row INTEGER NOT NULL,
    kind INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1))
)
)sql";

inline constexpr std::array<Migration, 18> Migrations { {
    { 1, V1 },
    { 2, V2 },
    { 3, V3 },
    { 4, V4 },
    { 5, V5 },
    { 6, V6 },
    { 7, V7 },
    { 8, V8 },
    { 9, V9 },
    { 10, V10 },
    { 11, V11 },
    { 12, V12 },
    { 13, V13 },
    { 14, V14 },
    { 15, V15 },
    { 16, V16 },
    { 17, V17 },
    { 18, V18 },
} };

constexpr bool versionsIncrease()
{
    for (std::size_t i = 0; i < Migrations.size(); ++i) {
        if (Migrations[i].version != static_cast<int>(i) + 1)
            return false;
    }
    return true;
}
static_assert(versionsIncrease(), "schema versions must be 1, 2, 3, … in order");

inline constexpr int LatestVersion = Migrations.back().version;

} // namespace Jw::Schema
