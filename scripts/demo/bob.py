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
messages displayed (XEP-0333). A picture (a message whose XEP-0066 link or
whole body is an https link to a .png, .jpg, .gif or .webp) is answered with a
picture: Bob draws a small PNG, uploads it to the server's HTTP upload service
(XEP-0363, --upload-service, default upload.DOMAIN) and sends its link as body
and XEP-0066 data, as Jabberwock does. With --greet, writes to JID once online
first, as a stranger would (the demo's Carol, who is in nobody's roster).

    bob.py ... --leave-for JID

instead leaves two messages for JID (who is offline: the server keeps them),
waits until the server has them (a ping round trip after them), and exits 0:
the demo then opens on Bob's chat with "arrived while you were offline".

Prints "ONLINE <full jid>" on stdout once online; everything else goes to
stderr. Exits 0 on SIGTERM or SIGINT, 1 when it cannot sign in.
"""

import argparse
import asyncio
import http.client
import ipaddress
import logging
import math
import signal
import ssl
import struct
import sys
import unicodedata
import uuid
import zlib
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

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

UPLOAD_NS = "urn:xmpp:http:upload:0"
OOB_NS = "jabber:x:oob"
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
PICTURE_CAPTION = "Nice picture! Here's one from me: a sunset over the harbour 🌅"

log = logging.getLogger("bob")


def picture_link(msg) -> str:
    """The https link of a picture the message carries, or ""."""
    oob = msg.xml.find(f"{{{OOB_NS}}}x/{{{OOB_NS}}}url")
    link = (oob.text or "").strip() if oob is not None else msg["body"].strip()
    if " " in link or not link.startswith("https://"):
        return ""
    return link if urlsplit(link).path.lower().endswith(PICTURE_SUFFIXES) else ""


def sunset_png(width: int = 240, height: int = 160) -> bytes:
    """A small PNG drawn here: a sky from orange to violet, a sun, and the sea."""
    rows = []
    sun_x, sun_y, sun_r = width * 0.62, height * 0.58, height * 0.18
    horizon = int(height * 0.66)
    for y in range(height):
        row = bytearray(b"\x00")  # filter: none
        t = y / max(1, horizon)
        for x in range(width):
            if y < horizon:
                r, g, b = int(250 - 90 * t), int(170 - 120 * t), int(90 + 90 * t)
                if math.hypot(x - sun_x, y - sun_y) < sun_r:
                    r, g, b = 255, 214, 120
            else:
                wave = 12 if (x // 9 + y // 3) % 5 == 0 else 0
                r, g, b = 40 + wave, 70 + wave, 130 + wave
            row += bytes((r, g, b))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


def put_file(url: str, headers: dict, data: bytes, cafile: str) -> None:
    """PUTs `data` to the upload slot, on this machine only, verifying the
    server's certificate against the CA file. The demo's links name
    127.0.0.1 while its certificate names localhost: the certificate is
    still checked, the name is not."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise RuntimeError(f"the upload slot is not https: {url}")
    host = loopback_address(parts.hostname or "")
    context = ssl.create_default_context(cafile=cafile)
    context.check_hostname = False
    connection = http.client.HTTPSConnection(host, parts.port or 443, context=context, timeout=30)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("PUT", path, body=data,
                           headers={**headers, "Content-Type": "image/png", "Content-Length": str(len(data))})
        response = connection.getresponse()
        response.read()
        if response.status not in (200, 201):
            raise RuntimeError(f"the upload service answered {response.status} {response.reason}")
    finally:
        connection.close()


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
                 leave_for: str = "", upload_service: str = ""):
        super().__init__(jid, password)
        self.cafile = cafile
        self.upload_service = upload_service or f"upload.{self.boundjid.domain}"
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
            if picture_link(msg):
                await self.answer_picture(sender)
                return
            reply = self.make_message(mto=sender, mbody=compose_reply(body), mtype="chat")
            reply["id"] = uuid.uuid4().hex
            reply["chat_state"] = "active"
            reply.send()
            log.info("answered %s", sender)

    async def answer_picture(self, sender) -> None:
        """A picture for a picture: a caption, then a PNG of Bob's own through
        the server's upload service (XEP-0363), its link also as XEP-0066."""
        caption = self.make_message(mto=sender, mbody=PICTURE_CAPTION, mtype="chat")
        caption["id"] = uuid.uuid4().hex
        caption["chat_state"] = "active"
        caption.send()
        data = sunset_png()
        try:
            iq = self.make_iq_get(ito=self.upload_service)
            ET.SubElement(iq.xml, f"{{{UPLOAD_NS}}}request",
                          {"filename": "sunset.png", "size": str(len(data)), "content-type": "image/png"})
            result = await iq.send(timeout=10)
            put = result.xml.find(f"{{{UPLOAD_NS}}}slot/{{{UPLOAD_NS}}}put")
            get = result.xml.find(f"{{{UPLOAD_NS}}}slot/{{{UPLOAD_NS}}}get")
            if put is None or get is None:
                raise RuntimeError("the upload service gave no slot")
            # Only the headers XEP-0363 allows go along.
            headers = {h.get("name"): (h.text or "") for h in put.findall(f"{{{UPLOAD_NS}}}header")
                       if h.get("name") in ("Authorization", "Cookie", "Expires")}
            await asyncio.to_thread(put_file, put.get("url"), headers, data, self.cafile)
        except Exception as error:
            log.warning("could not upload a picture for %s: %s", sender, error)
            sorry = self.make_message(mto=sender, mtype="chat",
                                      mbody="I wanted to send you a picture back, but the upload did not work.")
            sorry["id"] = uuid.uuid4().hex
            sorry.send()
            return
        link = get.get("url")
        picture = self.make_message(mto=sender, mbody=link, mtype="chat")
        picture["id"] = uuid.uuid4().hex
        oob = ET.SubElement(picture.xml, f"{{{OOB_NS}}}x")
        ET.SubElement(oob, f"{{{OOB_NS}}}url").text = link
        picture.send()
        log.info("answered %s with a picture", sender)

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
    parser.add_argument("--upload-service", default="", metavar="JID",
                        help="the HTTP upload service (XEP-0363) for pictures (default upload.DOMAIN)")
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
    bob = Bob(args.jid, args.password, host, args.port, args.cafile, args.greet, args.leave_for,
              args.upload_service)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, bob.stop)

    bob.start()
    loop.run_until_complete(bob.finished)
    return bob.exit_code


if __name__ == "__main__":
    sys.exit(main())
