#!/usr/bin/env python3
"""Bob, a demo contact for Jabberwock (python3-slixmpp).

    bob.py --jid bob@localhost --password PW --port PORT --cafile CERT [--host 127.0.0.1]
           [--greet JID]

Connects to a server on this machine only (a loopback address), with STARTTLS
verified against the given CA file; goes online with the status
"Demo contact — say hi"; accepts subscription requests and subscribes back;
and answers every chat message that has a body: XEP-0085 <composing/>, a
pause of about 1.5 s, then a friendly reply quoting the message, sent with
<active/>. Answers delivery-receipt requests (XEP-0184) and marks markable
messages displayed (XEP-0333). With --greet, writes to JID once online first,
as a stranger would (the demo's Carol, who is in nobody's roster).

    bob.py ... --leave-for JID

instead leaves two messages for JID (who is offline: the server keeps them),
waits until the server has them (a ping round trip after them), and exits 0:
the demo then opens on Bob's chat with "arrived while you were offline".

Prints "ONLINE <full jid>" on stdout once online; everything else goes to
stderr. Exits 0 on SIGTERM or SIGINT, 1 when it cannot sign in.
"""

import argparse
import asyncio
import ipaddress
import logging
import signal
import ssl
import sys
import unicodedata
import uuid
from pathlib import Path

import slixmpp

STATUS = "Demo contact — say hi"
TYPING_DELAY = 1.5  # seconds between <composing/> and the reply
QUOTE_LIMIT = 1000  # characters of the message quoted back
LEFT_MESSAGES = (
    "안녕하세요 앨리스! 내일 정기회의 자료를 보냈어요. 확인 부탁해요.",
    "Hi Alice, I wrote this while you were offline. Say hi when you're back! 👋",
)
GREETING = ("Hi, I'm {name}. We're not in each other's contacts, so this waits in your Requests "
            "until you accept it (or block me).")

log = logging.getLogger("bob")


def loopback_address(host: str) -> str:
    """The loopback literal to connect to; refuses anything off this machine."""
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise SystemExit(f"bob: --host must be a loopback address, not {host!r}")
    if not address.is_loopback:
        raise SystemExit(f"bob: --host must be a loopback address, not {host!r}")
    return str(address)


def has_hangul(text: str) -> bool:
    return any("HANGUL" in unicodedata.name(ch, "") for ch in text)


def quote(text: str) -> str:
    text = text.strip()
    if len(text) > QUOTE_LIMIT:
        text = text[:QUOTE_LIMIT] + "…"
    return text


def compose_reply(body: str) -> str:
    quoted = quote(body)
    if has_hangul(body):
        return f"안녕하세요! 메시지 잘 받았어요: “{quoted}” 😊"
    if quoted.endswith("?"):
        return f"Good question! You asked: “{quoted}” — I'm only a demo, but I'm happy you asked. 🙂"
    return f"Hi! You said: “{quoted}” — nice to hear from you! 👋"


class Bob(slixmpp.ClientXMPP):
    def __init__(self, jid: str, password: str, host: str, port: int, cafile: str, greet: str = "",
                 leave_for: str = ""):
        super().__init__(jid, password)
        self.greet = greet
        self.leave_for = leave_for
        self.address = (host, port)
        self.stopping = False
        self.finished = asyncio.get_event_loop().create_future()
        self.exit_code = 0
        self.locks: dict[str, asyncio.Lock] = {}

        # TLS: STARTTLS only, verified against the given CA file alone.
        context = ssl.create_default_context(cafile=cafile)
        context.check_hostname = True
        context.verify_mode = ssl.CERT_REQUIRED
        self.ssl_context = context
        self.ca_certs = Path(cafile)
        self.enable_starttls = True
        self.enable_direct_tls = False
        self.enable_plaintext = False
        self.use_aiodns = False

        # Accept every subscription request and ask back.
        self.auto_authorize = True
        self.auto_subscribe = True

        self.register_plugin("xep_0030")  # service discovery
        self.register_plugin("xep_0085")  # chat states
        self.register_plugin("xep_0184", {"auto_ack": True, "auto_request": False})  # receipts
        self.register_plugin("xep_0199")  # ping
        self.register_plugin("xep_0333")  # chat markers

        self.add_event_handler("session_start", self.on_session_start)
        self.add_event_handler("message", self.on_message)
        self.add_event_handler("failed_all_auth", self.on_failed_auth)
        self.add_event_handler("ssl_invalid_chain", self.on_bad_certificate)
        self.add_event_handler("disconnected", self.on_disconnected)

    def start(self) -> None:
        self.connect(*self.address)

    async def on_session_start(self, _event) -> None:
        if self.leave_for:
            await self.leave_messages()
            return
        try:
            await self.get_roster()
        except Exception as error:  # the roster is a nicety here
            log.warning("could not fetch the roster: %s", error)
        self.send_presence(pstatus=STATUS)
        if self.greet:
            # A stranger writes first: in Jabberwock this waits in Requests.
            name = self.boundjid.user.capitalize()
            hello = self.make_message(mto=self.greet, mtype="chat", mbody=GREETING.format(name=name))
            hello["id"] = uuid.uuid4().hex
            hello.send()
        print(f"ONLINE {self.boundjid.full}", flush=True)

    async def leave_messages(self) -> None:
        """Writes to someone who is offline (no presence sent: Bob stays
        invisible), then makes sure the server has it before leaving."""
        for text in LEFT_MESSAGES:
            left = self.make_message(mto=self.leave_for, mtype="chat", mbody=text)
            left["id"] = uuid.uuid4().hex
            left.send()
        try:
            # The server answers in order: once the ping is back, the messages are stored.
            await self.plugin["xep_0199"].ping(jid=self.boundjid.domain, timeout=10)
        except Exception as error:
            log.warning("no answer to the ping after the messages: %s", error)
        print(f"LEFT {len(LEFT_MESSAGES)} for {self.leave_for}", flush=True)
        self.stop()

    async def on_message(self, msg) -> None:
        if msg["type"] not in ("chat", "normal"):
            return
        body = msg["body"]
        if not body:
            return
        sender = msg["from"]
        if sender.bare == self.boundjid.bare:
            return
        if msg["id"] and msg.xml.find("{urn:xmpp:chat-markers:0}markable") is not None:
            marker = self.make_message(mto=sender, mtype=msg["type"])
            marker["displayed"]["id"] = msg["id"]
            marker.send()

        # One answer at a time per person, in the order the messages came.
        lock = self.locks.setdefault(sender.bare, asyncio.Lock())
        async with lock:
            typing = self.make_message(mto=sender, mtype="chat")
            typing["chat_state"] = "composing"
            typing.send()
            await asyncio.sleep(TYPING_DELAY)
            if self.stopping:
                return
            reply = self.make_message(mto=sender, mbody=compose_reply(body), mtype="chat")
            reply["id"] = uuid.uuid4().hex
            reply["chat_state"] = "active"
            reply.send()
            log.info("answered %s", sender)

    def on_failed_auth(self, _event) -> None:
        print(f"bob: the server did not accept the password for {self.boundjid.bare}", file=sys.stderr)
        self.exit_code = 1
        self.stop()

    def on_bad_certificate(self, error) -> None:
        print(f"bob: the server's certificate did not verify: {error}", file=sys.stderr)
        self.exit_code = 1
        self.stop()

    def on_disconnected(self, _event) -> None:
        if self.stopping:
            return
        log.warning("disconnected; reconnecting in 2 s")
        asyncio.get_event_loop().call_later(2.0, lambda: None if self.stopping else self.start())

    def stop(self) -> None:
        """Closes the stream (the server tells the contacts Bob went offline)
        and resolves self.finished; within 5 s in any case."""
        if self.stopping:
            return
        self.stopping = True
        self.cancel_connection_attempt()
        closing = self.disconnect(wait=2.0)
        closing.add_done_callback(lambda _: self._finish())
        asyncio.get_event_loop().call_later(5.0, self._finish)

    def _finish(self) -> None:
        if not self.finished.done():
            self.finished.set_result(None)


def main() -> int:
    parser = argparse.ArgumentParser(description="Bob, a demo contact that answers every message.")
    parser.add_argument("--jid", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5222)
    parser.add_argument("--cafile", required=True, help="PEM file of the CA (or self-signed certificate) to trust")
    parser.add_argument("--greet", default="", metavar="JID",
                        help="write to JID once online, as someone not in their contacts would")
    parser.add_argument("--leave-for", default="", metavar="JID",
                        help="leave two messages for JID, who is offline, and exit")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="bob: %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not Path(args.cafile).is_file():
        print(f"bob: no such CA file: {args.cafile}", file=sys.stderr)
        return 2
    host = loopback_address(args.host)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    bob = Bob(args.jid, args.password, host, args.port, args.cafile, args.greet, args.leave_for)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, bob.stop)

    bob.start()
    loop.run_until_complete(bob.finished)
    return bob.exit_code


if __name__ == "__main__":
    sys.exit(main())
