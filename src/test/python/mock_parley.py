#!/usr/bin/python3
"""A stand-in Parley server for testing aiortc_client.py before the real server exists.

It speaks the part of docs/protocol.md a media client needs (join, offer/answer with
send/recv mid lists, tracks, ping) over WSS with a self-signed certificate, and answers
offers with an aiortc peer (full ICE, not ICE-lite: it proves the client, not the SFU).
After the first answer it publishes an "echo" participant whose tracks are the client's
own audio and video sent back, so the client must follow `tracks`, add recvonly
transceivers, renegotiate and decode. With --gone-after the echo tracks disappear again.

It checks the client's offers against the protocol and answers violations with `error`
`bad-request`, which the client records as errors.

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
from aiortc_client import WebSocket  # noqa: E402

LOG = logging.getLogger("mock_parley")
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
ECHO_PARTICIPANT = "pecho"
ECHO_TRACKS = {"techo-audio": ("audio", "mic"), "techo-video": ("video", "camera")}


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


def mids_with_direction(sdp):
    """{mid: direction} of an SDP's media sections."""
    result, mid, direction = {}, None, "sendrecv"
    for line in sdp.splitlines() + ["m=end"]:
        if line.startswith("m="):
            if mid is not None:
                result[mid] = direction
            mid, direction = None, "sendrecv"
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
        self.echo_live = False
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
                                 "participants": [], "tracks": [], "lobby": [],
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
        directions = mids_with_direction(offer["sdp"])
        for entry in offer.get("send", []):
            if directions.get(entry.get("mid")) != "sendonly" or entry.get("source") not in ("mic", "camera", "screen"):
                await self.error("bad-request", f"send entry {entry} vs SDP {directions}", "offer")
        for entry in offer.get("recv", []):
            if directions.get(entry.get("mid")) != "recvonly":
                await self.error("bad-request", f"recv entry {entry} vs SDP {directions}", "offer")
        # aiortc offers extmap id 2 for ssrc-audio-level (audio) and for abs-send-time (video)
        # in one BUNDLE group, which its own single-transport receiver cannot parse; Parley
        # does not accept abs-send-time, so leaving it out is also what the real server does.
        sdp = "".join(line + "\r\n" for line in offer["sdp"].splitlines() if "abs-send-time" not in line)
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        for entry in offer.get("recv", []):
            transceiver = next(t for t in self.pc.getTransceivers() if t.mid == entry["mid"])
            kind = ECHO_TRACKS.get(entry["trackId"], (None,))[0]
            if self.echo_live and kind in self.incoming:
                if transceiver.sender.track is None:
                    transceiver.sender.replaceTrack(self.relay.subscribe(self.incoming[kind]))
                transceiver.direction = "sendonly"
            else:
                transceiver.direction = "inactive"  # the protocol's answer to a gone track
        await self.pc.setLocalDescription(await self.pc.createAnswer())
        await self.send({"type": "answer", "sdp": self.pc.localDescription.sdp})
        if not self.echo_live and self.incoming.keys() >= {"audio", "video"}:
            self.echo_live = True
            await self.publish_echo()
            if self.gone_after:
                asyncio.get_event_loop().call_later(self.gone_after,
                                                    lambda: asyncio.ensure_future(self.drop_echo()))

    async def publish_echo(self):
        await self.send({"type": "tracks", "tracks": [
            {"trackId": track_id, "participantId": ECHO_PARTICIPANT, "kind": kind, "source": source}
            for track_id, (kind, source) in ECHO_TRACKS.items()]})

    async def drop_echo(self):
        self.echo_live = False
        if not self.ws.closed:
            await self.send({"type": "tracks", "tracks": []})


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
