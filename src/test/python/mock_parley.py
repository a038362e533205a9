#!/usr/bin/python3
"""A stand-in Parley server for testing aiortc_client.py before the real server exists.

It speaks the part of docs/protocol.md a media client needs (join with `slots`,
offer/answer with own tracks in `send` and receive slots in `recv`, `tracks`,
`forwarding`, ping) over WSS with a self-signed certificate, and answers offers with an
aiortc peer (full ICE, not ICE-lite: it proves the client, not the SFU). Every receive slot
is answered sendonly. With the first answer it publishes an "echo" participant whose tracks
are the client's own audio and video sent back on the first audio and the first video slot,
and says so in `tracks` and `forwarding`, so the client must map slots to tracks from
`forwarding` to attribute what it decodes. With --gone-after the echo goes again: its
`tracks` is empty, `forwarding` shows the slots empty, and nothing more is sent on them.

It checks the client's offers against the protocol (slot kinds and counts, directions,
no renegotiation needed) and answers violations with `error` `bad-request`, which the
client records as errors.

Usage: mock_parley.py --port-file PATH [--gone-after SECONDS]
"""
import argparse
import asyncio
import base64
import datetime
import hashlib
import json
import logging
import os
import ssl
import sys
import tempfile

from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaRelay
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rfc6455 import WebSocket  # noqa: E402

LOG = logging.getLogger("mock_parley")
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
ECHO_PARTICIPANT = "pecho"
ECHO_TRACKS = {"audio": ("techo-audio", "mic"), "video": ("techo-video", "camera")}  # kind -> (trackId, source)
SLOTS = {"audio": 3, "video": 32}


def tls_context(directory):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mock-parley")])
    now = datetime.datetime.utcnow()
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    return context


async def accept_websocket(reader, writer):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:] if l)}
    if not lines[0].startswith("GET /ws ") or headers.get("upgrade", "").lower() != "websocket":
        writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        writer.close()
        return None
    accept = base64.b64encode(hashlib.sha1((headers["sec-websocket-key"] + WS_GUID).encode()).digest())
    writer.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")
    await writer.drain()
    return WebSocket(reader, writer, masking=False)


def sections(sdp):
    """{mid: (kind, direction)} of an SDP's media sections."""
    result, mid, kind, direction = {}, None, None, "sendrecv"
    for line in sdp.splitlines() + ["m=end"]:
        if line.startswith("m="):
            if mid is not None:
                result[mid] = (kind, direction)
            mid, kind, direction = None, line[2:].split(" ")[0], "sendrecv"
        elif line.startswith("a=mid:"):
            mid = line[6:].strip()
        elif line[2:] in ("sendonly", "recvonly", "sendrecv", "inactive"):
            direction = line[2:]
    return result


class Session:
    """One client connection: joined, one peer connection, echo tracks after the first answer."""

    def __init__(self, ws, gone_after):
        self.ws = ws
        self.gone_after = gone_after
        self.pc = RTCPeerConnection()
        self.relay = MediaRelay()
        self.incoming = {}  # kind -> the client's published track
        self.slots = []  # the last answer's receive slots: [(mid, kind)] in recv order
        self.echo_slots = {}  # kind -> the transceiver that echoes the client's track of that kind
        self.echo_live = False
        self.offers = 0
        self.pc.on("track", lambda track: self.incoming.__setitem__(track.kind, track))

    async def send(self, message):
        await self.ws.send_text(json.dumps(message))

    async def error(self, code, text, ref):
        LOG.warning("client error: %s", text)
        await self.send({"type": "error", "code": code, "message": text, "ref": ref})

    async def run(self):
        joined = False
        while True:
            text = await self.ws.recv()
            if text is None:
                break
            message = json.loads(text)
            kind = message.get("type")
            if not joined:
                if kind != "join" or not isinstance(message.get("room"), str):
                    await self.error("not-joined", "first message must be join", kind)
                    continue
                joined = True
                await self.send({"type": "joined", "you": {"id": "pclient", "name": message.get("name"),
                                 "role": "host", "audioMuted": False, "videoMuted": False,
                                 "handRaised": False, "avatar": None},
                                 "room": {"name": message["room"], "locked": False, "lobby": False,
                                          "hasPassword": False, "startAudioMuted": False,
                                          "startVideoMuted": False},
                                 "participants": [], "tracks": [], "slots": SLOTS, "lobby": [],
                                 "resume": "r", "iceServers": []})
            elif kind == "offer":
                await self.answer(message)
            elif kind == "ping":
                await self.send({"type": "pong"})
            elif kind == "leave":
                break
        await self.pc.close()
        await self.ws.close()

    async def answer(self, offer):
        self.offers += 1
        found = sections(offer["sdp"])
        for entry in offer.get("send", []):
            if found.get(entry.get("mid"), (None, None))[1] != "sendonly" \
                    or entry.get("source") not in ("mic", "camera", "screen"):
                await self.error("bad-request", f"send entry {entry} vs SDP {found}", "offer")
        recv = offer.get("recv", [])
        for entry in recv:
            if set(entry) != {"mid", "kind"} or found.get(entry.get("mid")) != (entry.get("kind"), "recvonly"):
                await self.error("bad-request", f"recv entry {entry} vs SDP {found} (expected: a recvonly slot of its kind)", "offer")
        for kind, limit in SLOTS.items():
            if sum(1 for e in recv if e.get("kind") == kind) > limit:
                await self.error("bad-request", f"more than {limit} {kind} slots", "offer")
        if self.offers > 1:
            await self.error("bad-request", "a second offer: nothing in the client's sending or slots changed", "offer")
        # aiortc offers extmap id 2 for ssrc-audio-level (audio) and for abs-send-time (video)
        # in one BUNDLE group, which its own single-transport receiver cannot parse. The
        # client leaves abs-send-time out of what it sends (aiortc_client.py says why); an
        # offer that still has it loses it here, as Parley never answers both meanings.
        sdp = "".join(line + "\r\n" for line in offer["sdp"].splitlines() if "abs-send-time" not in line)
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        self.slots = [(e["mid"], e["kind"]) for e in recv if "mid" in e and "kind" in e]
        for mid, kind in self.slots:
            transceiver = next(t for t in self.pc.getTransceivers() if t.mid == mid)
            transceiver.direction = "sendonly"  # every slot is answered sendonly, carrying something or not
            if kind in self.incoming and kind not in self.echo_slots:
                transceiver.sender.replaceTrack(self.relay.subscribe(self.incoming[kind]))
                self.echo_slots[kind] = transceiver
        await self.pc.setLocalDescription(await self.pc.createAnswer())
        await self.send({"type": "answer", "sdp": self.pc.localDescription.sdp})
        if not self.echo_live and self.echo_slots.keys() >= {"audio", "video"}:
            self.echo_live = True
            await self.publish_echo()
            if self.gone_after:
                asyncio.get_event_loop().call_later(self.gone_after,
                                                    lambda: asyncio.ensure_future(self.drop_echo()))
        else:
            await self.send_forwarding()

    async def send_forwarding(self):
        """What every slot carries: the echo on the slots echoing, nothing on the others."""
        slots = []
        for mid, kind in self.slots:
            echoing = self.echo_live and self.echo_slots.get(kind) is not None \
                and self.echo_slots[kind].mid == mid
            track_id, source = ECHO_TRACKS[kind]
            slots.append({"mid": mid, "kind": kind, "participantId": ECHO_PARTICIPANT if echoing else None,
                          "trackId": track_id if echoing else None, "source": source if echoing else None})
        await self.send({"type": "forwarding", "slots": slots})

    async def publish_echo(self):
        await self.send({"type": "tracks", "participantId": ECHO_PARTICIPANT, "tracks": [
            {"trackId": track_id, "kind": kind, "source": source}
            for kind, (track_id, source) in ECHO_TRACKS.items()]})
        await self.send_forwarding()

    async def drop_echo(self):
        self.echo_live = False
        for transceiver in self.echo_slots.values():
            transceiver.sender.replaceTrack(None)
        if not self.ws.closed:
            await self.send({"type": "tracks", "participantId": ECHO_PARTICIPANT, "tracks": []})
            await self.send_forwarding()


async def main(args):
    with tempfile.TemporaryDirectory() as directory:
        context = tls_context(directory)

        async def handle(reader, writer):
            ws = await accept_websocket(reader, writer)
            if ws is not None:
                await Session(ws, args.gone_after).run()

        server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=context)
        port = server.sockets[0].getsockname()[1]
        with open(args.port_file + ".tmp", "w") as f:
            f.write(str(port))
        os.replace(args.port_file + ".tmp", args.port_file)
        LOG.info("listening on port %d", port)
        async with server:
            await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Stand-in Parley server for testing aiortc_client.py")
    parser.add_argument("--port-file", required=True, help="where to write the chosen TCP port")
    parser.add_argument("--gone-after", type=float, default=0, help="seconds until the echo tracks go")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("aioice").setLevel(logging.WARNING)
    asyncio.run(main(parser.parse_args()))
