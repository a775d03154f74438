#!/usr/bin/env python3
"""The demo's room (python3-slixmpp): Bob and Carol talk in "팀 Team".

    room.py --domain localhost --port PORT --cafile CERT [--host 127.0.0.1]
            --bob PASSWORD --carol PASSWORD --alice PASSWORD

Connects to a server on this machine only (a loopback address), with STARTTLS
verified against the given CA file, and:

1. Bob makes the room 팀-team@conference.DOMAIN (a private group, as
   Jabberwock's New Group makes one: members only, real addresses shown to
   all, persistent, archived, not listed) and makes Alice and Carol members;
2. Carol joins; they write a few messages in Korean and English (each one
   waits for the room to hand it back, so the archive keeps their order);
   then both leave (the room stays, with its archive);
3. Alice's account keeps the room as a bookmark with autojoin (XEP-0402 on
   the server's PEP; XEP-0048 private storage where that is refused). Alice
   sends no presence, so what waits for her (Bob's offline messages) stays
   waiting.

Jabberwock signed in as Alice then has the room in its Chats list, joined,
with the conversation read from the room's archive. Prints "ROOM <address>
<n> messages" on stdout and exits 0; exits 1 on any failure (the reason on
stderr).
"""

import argparse
import asyncio
import logging
import ssl
import sys
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import slixmpp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bob import loopback_address  # noqa: E402  (same folder)

ROOM_LOCAL = "팀-team"
ROOM_NAME = "팀 Team"
CONVERSATION = (
    ("Bob", "안녕하세요 캐롤! 금요일 출시 준비는 어떻게 되어 가요?"),
    ("Carol", "거의 다 됐어요. 번역만 한 번 더 보면 돼요."),
    ("Bob", "Great. Alice wanted to check the Korean strings too — @alice, could you look?"),
    ("Carol", "I'll put the screenshots in the shared folder tonight."),
    ("Bob", "좋아요, 그럼 내일 10시에 회의해요 🙂"),
)
TIMEOUT = 15

log = logging.getLogger("room")


class Person(slixmpp.ClientXMPP):
    """One demo account, signed in over loopback STARTTLS."""

    def __init__(self, jid: str, password: str, cafile: str):
        super().__init__(jid, password)
        context = ssl.create_default_context(cafile=cafile)
        context.check_hostname = True
        context.verify_mode = ssl.CERT_REQUIRED
        self.ssl_context = context
        self.ca_certs = Path(cafile)
        self.enable_starttls = True
        self.enable_direct_tls = False
        self.enable_plaintext = False
        self.use_aiodns = False
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0004")
        self.register_plugin("xep_0045")
        self.register_plugin("xep_0199")
        self.started = asyncio.get_event_loop().create_future()
        self.heard: dict[str, asyncio.Future] = {}
        self.add_event_handler("session_start", lambda _: self.started.done() or self.started.set_result(True))
        self.add_event_handler("failed_all_auth", lambda _: self.started.done() or self.started.set_exception(
            RuntimeError(f"the server did not accept the password for {self.boundjid.bare}")))
        self.add_event_handler("groupchat_message", self.on_groupchat)
        self.add_event_handler("presence", self.on_presence)
        self.joining: dict[str, asyncio.Future] = {}

    def on_groupchat(self, msg) -> None:
        future = self.heard.get(msg["body"])
        if future and not future.done():
            future.set_result(True)

    def on_presence(self, presence) -> None:
        future = self.joining.get(str(presence["from"]))
        if future is None or future.done():
            return
        if presence["type"] == "error":
            future.set_exception(RuntimeError(f"{presence['from']}: {presence['error']['condition']}"))
            return
        x = presence.xml.find("{http://jabber.org/protocol/muc#user}x")
        if x is not None and any(s.get("code") == "110" for s in x.findall("{http://jabber.org/protocol/muc#user}status")):
            future.set_result(True)

    async def join(self, room: str, nick: str) -> None:
        """Joins without history and waits for our own presence (status 110)."""
        future = asyncio.get_event_loop().create_future()
        self.joining[f"{room}/{nick}"] = future
        presence = self.make_presence(pto=f"{room}/{nick}")
        x = ET.SubElement(presence.xml, "{http://jabber.org/protocol/muc}x")
        ET.SubElement(x, "{http://jabber.org/protocol/muc}history", {"maxchars": "0"})
        presence.send()
        await asyncio.wait_for(future, TIMEOUT)

    async def sign_in(self, host: str, port: int) -> None:
        self.connect(host, port)
        await asyncio.wait_for(self.started, TIMEOUT)

    async def say(self, room: str, body: str) -> None:
        """Writes in the room and waits until the room hands it back."""
        future = asyncio.get_event_loop().create_future()
        self.heard[body] = future
        message = self.make_message(mto=room, mbody=body, mtype="groupchat")
        message["id"] = uuid.uuid4().hex
        message.send()
        await asyncio.wait_for(future, TIMEOUT)

    async def close(self) -> None:
        await self.disconnect(wait=2.0)


def configure(form, name: str) -> None:
    """The private group's values, for the fields the form has (as RoomConfig does)."""
    wanted = {
        "muc#roomconfig_roomname": name,
        "muc#roomconfig_membersonly": True,
        "muc#roomconfig_whois": "anyone",
        "muc#roomconfig_persistentroom": True,
        "muc#roomconfig_publicroom": False,
        "muc#roomconfig_enablearchiving": True,
        "mam": True,
    }
    for var, value in wanted.items():
        if var in form["fields"]:
            form["fields"][var]["value"] = value


async def keep_bookmark(alice: Person, room: str, name: str, nick: str) -> str:
    """Alice's autojoin bookmark: XEP-0402, else XEP-0048 in private storage."""
    pep = ET.fromstring(
        "<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
        "<publish node='urn:xmpp:bookmarks:1'><item id=''>"
        "<conference xmlns='urn:xmpp:bookmarks:1' autojoin='true'><nick/></conference>"
        "</item></publish>"
        "<publish-options><x xmlns='jabber:x:data' type='submit'>"
        "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
        "<field var='pubsub#persist_items'><value>true</value></field>"
        "<field var='pubsub#max_items'><value>max</value></field>"
        "<field var='pubsub#send_last_published_item'><value>never</value></field>"
        "<field var='pubsub#access_model'><value>whitelist</value></field>"
        "</x></publish-options></pubsub>")
    ns = "{http://jabber.org/protocol/pubsub}"
    item = pep.find(f"{ns}publish/{ns}item")
    item.set("id", room)
    conference = item.find("{urn:xmpp:bookmarks:1}conference")
    conference.set("name", name)
    conference.find("{urn:xmpp:bookmarks:1}nick").text = nick
    iq = alice.Iq()
    iq["type"] = "set"
    iq.append(pep)
    try:
        await iq.send(timeout=TIMEOUT)
        return "XEP-0402"
    except slixmpp.exceptions.IqError as error:
        log.warning("PEP bookmarks refused (%s); using private storage", error.iq["error"]["condition"])
    private = ET.fromstring(
        "<query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'>"
        "<conference autojoin='true'><nick/></conference></storage></query>")
    conference = private.find("{storage:bookmarks}storage/{storage:bookmarks}conference")
    conference.set("jid", room)
    conference.set("name", name)
    conference.find("{storage:bookmarks}nick").text = nick
    iq = alice.Iq()
    iq["type"] = "set"
    iq.append(private)
    await iq.send(timeout=TIMEOUT)
    return "XEP-0048"


async def run(args) -> int:
    host = loopback_address(args.host)
    room = f"{ROOM_LOCAL}@conference.{args.domain}"
    bob = Person(f"bob@{args.domain}", args.bob, args.cafile)
    carol = Person(f"carol@{args.domain}", args.carol, args.cafile)
    alice = Person(f"alice@{args.domain}", args.alice, args.cafile)
    try:
        await bob.sign_in(host, args.port)
        muc = bob.plugin["xep_0045"]
        await bob.join(room, "Bob")
        form = await muc.get_room_config(room)
        configure(form, ROOM_NAME)
        await muc.set_room_config(room, form)
        for member in ("alice", "carol"):
            await muc.set_affiliation(room, "member", jid=f"{member}@{args.domain}")

        await carol.sign_in(host, args.port)
        await carol.join(room, "Carol")
        speakers = {"Bob": bob, "Carol": carol}
        for nick, body in CONVERSATION:
            await speakers[nick].say(room, body)
        for nick, person in speakers.items():
            person.send_presence(pto=f"{room}/{nick}", ptype="unavailable")

        # Alice signs in without presence: her offline messages keep waiting.
        await alice.sign_in(host, args.port)
        kind = await keep_bookmark(alice, room, ROOM_NAME, "alice")
        for person in (bob, carol, alice):
            await person.plugin["xep_0199"].ping(jid=args.domain, timeout=TIMEOUT)
        print(f"ROOM {room} {len(CONVERSATION)} messages, bookmark {kind}", flush=True)
        return 0
    except Exception as error:  # a demo helper: say why and stop
        print(f"room: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        for person in (bob, carol, alice):
            try:
                await asyncio.wait_for(person.close(), 5)
            except Exception:
                pass


def main() -> int:
    parser = argparse.ArgumentParser(description="Bob and Carol talk in the demo's room.")
    parser.add_argument("--domain", default="localhost")
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5222)
    parser.add_argument("--cafile", required=True)
    parser.add_argument("--bob", required=True, metavar="PASSWORD")
    parser.add_argument("--carol", required=True, metavar="PASSWORD")
    parser.add_argument("--alice", required=True, metavar="PASSWORD")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="room: %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if not Path(args.cafile).is_file():
        print(f"room: no such CA file: {args.cafile}", file=sys.stderr)
        return 2
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    code = loop.run_until_complete(run(args))
    # What the closed streams leave behind (slixmpp's filters) ends here, quietly.
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
