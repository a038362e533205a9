#!/usr/bin/python3
"""A Parley participant on aiortc, written from docs/protocol.md alone.

It joins a room over the signaling WebSocket, publishes a synthetic camera (a solid
colour with a moving white bar) and microphone (a sine tone), follows the room's
`tracks` by adding recvonly transceivers and renegotiating (the client always offers,
one negotiation at a time), counts the frames it decodes per remote track, and at the
end writes a JSON summary:

  {"joined": true, "participantId": "...",
   "remoteVideoFrames": {trackId: n}, "remoteAudioFrames": {trackId: n},
   "remoteVideoSize": {trackId: [w, h]}, "remoteVideoRgb": {trackId: [r, g, b]},
   "remoteAudioRms": {trackId: x}, "remoteTracks": {trackId: {participantId, kind, source}},
   "negotiations": n, "connectionStates": [...], "messageCounts": {type: n}, "errors": [...]}

Needs Debian's python3-aiortc (1.4.0) and the system /usr/bin/python3; no other package.
The WebSocket client is a minimal RFC 6455 client over asyncio because neither
`websockets` nor `aiohttp` is installed there.
"""
import argparse
import asyncio
import base64
import fractions
import json
import logging
import math
import os
import ssl
import struct
import sys
import time
import urllib.parse

import numpy
from av import AudioFrame, VideoFrame

from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack, VideoStreamTrack

LOG = logging.getLogger("aiortc_client")
PING_INTERVAL_S = 15  # the protocol asks for a ping at least every 20 s
ANSWER_TIMEOUT_S = 15
CONNECT_TIMEOUT_S = 10
SAMPLE_EVERY_FRAMES = 15  # how often a received frame's colour or level is measured


class WebSocketClosed(Exception):
    pass


def xor_mask(payload, mask):
    """RFC 6455 section 5.3 masking (its own inverse), on whole integers for speed."""
    n = len(payload)
    if n == 0:
        return payload
    key = (mask * (n // 4 + 1))[:n]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(key, "big")).to_bytes(n, "big")


class WebSocket:
    """A minimal RFC 6455 endpoint: text frames, ping/pong, close. One reader, many writers.

    Clients mask what they send; the test server in mock_parley.py reuses this class
    with masking off."""

    def __init__(self, reader, writer, masking=True):
        self.reader = reader
        self.writer = writer
        self.masking = masking
        self.closed = False
        self.close_code = None

    @classmethod
    async def connect(cls, url, timeout=10.0):
        parts = urllib.parse.urlsplit(url)
        secure = parts.scheme == "wss"
        if parts.scheme not in ("ws", "wss"):
            raise ValueError(f"URL scheme {parts.scheme!r} (expected: ws or wss)")
        port = parts.port or (443 if secure else 80)
        context = None
        if secure:
            context = ssl.create_default_context()
            context.check_hostname = False  # the test server's certificate is self-signed
            context.verify_mode = ssl.CERT_NONE
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(parts.hostname, port, ssl=context), timeout)
        key = base64.b64encode(os.urandom(16)).decode("ascii")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        # No Origin header: the protocol only constrains it when present.
        request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                   f"Sec-WebSocket-Version: 13\r\n\r\n")
        writer.write(request.encode("ascii"))
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        status = head.split(b"\r\n", 1)[0].decode("latin-1")
        if " 101 " not in status + " ":
            writer.close()
            raise ConnectionError(f"WebSocket upgrade refused: {status}")
        return cls(reader, writer)

    async def send_text(self, text):
        if self.closed:
            raise WebSocketClosed("send on a closed WebSocket")
        await self._send_frame(0x1, text.encode("utf-8"))

    async def _send_frame(self, opcode, payload):
        header = bytearray([0x80 | opcode])
        mask_bit = 0x80 if self.masking else 0
        length = len(payload)
        if length < 126:
            header.append(mask_bit | length)
        elif length < 65536:
            header.append(mask_bit | 126)
            header += struct.pack("!H", length)
        else:
            header.append(mask_bit | 127)
            header += struct.pack("!Q", length)
        if self.masking:
            mask = os.urandom(4)
            header += mask
            payload = xor_mask(payload, mask)
        self.writer.write(bytes(header) + payload)
        await self.writer.drain()

    async def recv(self):
        """The next text message, or None once the connection is closed."""
        message = bytearray()
        while True:
            try:
                first, second = await self.reader.readexactly(2)
            except (asyncio.IncompleteReadError, ConnectionError):
                self.closed = True
                return None
            fin, opcode = first & 0x80, first & 0x0F
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", await self.reader.readexactly(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", await self.reader.readexactly(8))[0]
            mask = await self.reader.readexactly(4) if second & 0x80 else None
            payload = await self.reader.readexactly(length)
            if mask:
                payload = xor_mask(payload, mask)
            if opcode == 0x8:
                self.close_code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                if not self.closed:
                    self.closed = True
                    try:
                        await self._send_frame(0x8, payload[:2])
                    except (ConnectionError, OSError):
                        pass
                return None
            if opcode == 0x9:
                await self._send_frame(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            message += payload
            if fin:
                return message.decode("utf-8")

    async def close(self, code=1000):
        if not self.closed:
            self.closed = True
            try:
                await self._send_frame(0x8, struct.pack("!H", code))
            except (ConnectionError, OSError):
                pass
        try:
            self.writer.close()
        except OSError:
            pass


class BarVideoTrack(VideoStreamTrack):
    """A synthetic camera: a solid colour with a white bar moving across its top."""

    def __init__(self, rgb, width=320, height=240):
        super().__init__()
        self.width, self.height = width, height
        self.background = numpy.zeros((height, width, 3), numpy.uint8)
        self.background[:, :] = rgb
        self.count = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        image = self.background.copy()
        x = (self.count * 4) % self.width
        image[0:24, x:x + 40] = 255
        self.count += 1
        frame = VideoFrame.from_ndarray(image, format="rgb24")
        frame.pts, frame.time_base = pts, time_base
        return frame


class SineAudioTrack(MediaStreamTrack):
    """A synthetic microphone: a sine tone, 48 kHz mono, 20 ms frames."""

    kind = "audio"
    RATE = 48000
    SAMPLES = 960

    def __init__(self, frequency_hz):
        super().__init__()
        self.frequency_hz = frequency_hz
        self.start = None
        self.timestamp = 0

    async def recv(self):
        if self.readyState != "live":
            raise MediaStreamError
        if self.start is None:
            self.start = time.time()
        else:
            self.timestamp += self.SAMPLES
            await asyncio.sleep(self.start + self.timestamp / self.RATE - time.time())
        t = (numpy.arange(self.SAMPLES) + self.timestamp) / self.RATE
        samples = (numpy.sin(2 * math.pi * self.frequency_hz * t) * 8000).astype(numpy.int16)
        frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = self.RATE
        frame.pts = self.timestamp
        frame.time_base = fractions.Fraction(1, self.RATE)
        return frame


class ParleyClient:
    def __init__(self, args):
        self.args = args
        self.ws = None
        self.pc = None
        self.published = []  # (transceiver, source)
        self.receiving = {}  # trackId -> transceiver
        self.tracks = {}  # trackId -> the latest description from `tracks`
        self.answer = None  # future of the pending negotiation's answer SDP
        self.negotiation_needed = asyncio.Event()
        self.transport_settled = asyncio.Event()  # connected, failed or closed
        self.tasks = []
        self.summary = {
            "joined": False, "participantId": None,
            "remoteVideoFrames": {}, "remoteAudioFrames": {},
            "remoteVideoSize": {}, "remoteVideoRgb": {}, "remoteAudioRms": {},
            "remoteTracks": {}, "negotiations": 0, "connectionStates": [],
            "messageCounts": {}, "errors": [],
        }

    def error(self, text):
        LOG.warning("error: %s", text)
        self.summary["errors"].append(text)

    async def send(self, message):
        LOG.debug("-> %s", message.get("type"))
        await self.ws.send_text(json.dumps(message))

    async def run(self):
        try:
            self.ws = await WebSocket.connect(self.args.url)
        except (OSError, ConnectionError, asyncio.TimeoutError, ValueError) as e:
            self.error(f"connect failed: {e!r}")
            return
        try:
            await self.send({"type": "join", "room": self.args.room, "name": self.args.name,
                             "password": self.args.password, "resume": None, "hostToken": None,
                             "audioMuted": False, "videoMuted": False, "avatar": None})
            joined = await self.await_joined()
            if joined is not None:
                await self.meet(joined)
        except Exception as e:  # the summary must be written whatever happened
            LOG.exception("client failed")
            self.error(f"{type(e).__name__}: {e}")
        finally:
            await self.shut_down()

    async def await_joined(self):
        """Reads until `joined`; waits through `lobby-waiting`; gives up on `error` or `denied`."""
        while True:
            message = await self.receive()
            if message is None:
                self.error(f"connection closed before joining (close code {self.ws.close_code})")
                return None
            kind = message.get("type")
            if kind == "joined":
                return message
            if kind == "lobby-waiting":
                LOG.info("waiting in the lobby")
            elif kind in ("error", "denied"):
                self.error(f"join refused: {kind} {message.get('code')}: {message.get('message')}")
                return None

    async def receive(self):
        text = await self.ws.recv()
        if text is None:
            return None
        message = json.loads(text)
        kind = message.get("type", "?")
        counts = self.summary["messageCounts"]
        counts[kind] = counts.get(kind, 0) + 1
        LOG.debug("<- %s", kind)
        return message

    async def meet(self, joined):
        self.summary["joined"] = True
        self.summary["participantId"] = joined["you"]["id"]
        LOG.info("joined")
        self.pc = RTCPeerConnection()  # aiortc 1.4.0 always bundles on the first m-line
        self.pc.on("track", self.on_track)
        self.pc.on("connectionstatechange", self.on_connection_state)
        colour = tuple(int(self.args.color[i:i + 2], 16) for i in (0, 2, 4))
        audio = self.pc.addTransceiver(SineAudioTrack(self.args.tone_hz), direction="sendonly")
        video = self.pc.addTransceiver(BarVideoTrack(colour), direction="sendonly")
        self.published = [(audio, "mic"), (video, "camera")]
        self.update_tracks(joined.get("tracks", []))
        self.negotiation_needed.set()
        self.tasks = [asyncio.ensure_future(self.negotiate_forever()),
                      asyncio.ensure_future(self.ping_forever())]
        reader = asyncio.ensure_future(self.read_forever())
        done, _ = await asyncio.wait([reader], timeout=self.args.duration)
        if not done:
            reader.cancel()
        elif not self.ws.closed:
            self.error("reader stopped early")

    async def read_forever(self):
        while True:
            message = await self.receive()
            if message is None:
                self.error(f"connection closed by the server (close code {self.ws.close_code})")
                return
            kind = message.get("type")
            if kind == "answer":
                if self.answer is not None and not self.answer.done():
                    self.answer.set_result(message["sdp"])
                else:
                    self.error("answer without a pending offer")
            elif kind == "tracks":
                self.update_tracks(message["tracks"])
                self.negotiation_needed.set()
            elif kind == "error":
                self.error(f"server error {message.get('code')}: {message.get('message')} "
                           f"(ref {message.get('ref')})")
                if self.answer is not None and not self.answer.done() and message.get("ref") == "offer":
                    self.answer.set_exception(RuntimeError(f"offer refused: {message.get('code')}"))
            elif kind in ("kicked", "ended"):
                LOG.info("%s", kind)

    def update_tracks(self, tracks):
        """Records the room's tracks; negotiate() adds their transceivers.

        Transceivers are only added inside a negotiation: aiortc 1.4.0 hands an answer's
        m-lines to any transceiver that has no mid yet, so one added while an answer is
        being applied would steal an existing mid."""
        self.tracks = {t["trackId"]: t for t in tracks if t.get("kind") in ("audio", "video")}
        for track_id, track in self.tracks.items():
            self.summary["remoteTracks"][track_id] = {
                "participantId": track.get("participantId"), "kind": track.get("kind"),
                "source": track.get("source")}

    async def negotiate_forever(self):
        while True:
            await self.negotiation_needed.wait()
            self.negotiation_needed.clear()
            try:
                await self.negotiate()
            except Exception as e:
                LOG.exception("negotiation failed")
                self.error(f"negotiation failed: {type(e).__name__}: {e}")

    async def negotiate(self):
        """One offer/answer round; the next starts only after this answer (protocol rule).

        A renegotiation also waits for the transport to connect: aiortc 1.4.0 starts its
        senders with whatever header extensions the latest *offer* listed, so an offer made
        while DTLS is still connecting makes it send extensions the answer refused."""
        if self.summary["negotiations"] > 0:
            try:
                await asyncio.wait_for(self.transport_settled.wait(), CONNECT_TIMEOUT_S)
            except asyncio.TimeoutError:
                self.error(f"transport not connected after {CONNECT_TIMEOUT_S} s")
        for track_id, track in self.tracks.items():
            if track_id not in self.receiving:
                self.receiving[track_id] = self.pc.addTransceiver(track["kind"], direction="recvonly")
        offer = await self.pc.createOffer()
        await self.pc.setLocalDescription(offer)
        send = [{"mid": t.mid, "source": source} for t, source in self.published]
        # aiortc 1.4.0 cannot take an m-line out of the SDP: a transceiver whose track is
        # gone stays in `recv` with its old track id, which the server answers `inactive`.
        recv = [{"mid": t.mid, "trackId": track_id} for track_id, t in self.receiving.items()]
        self.answer = asyncio.get_event_loop().create_future()
        await self.send({"type": "offer", "sdp": self.pc.localDescription.sdp,
                         "send": send, "recv": recv})
        sdp = await asyncio.wait_for(self.answer, ANSWER_TIMEOUT_S)
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))
        self.summary["negotiations"] += 1
        LOG.info("negotiated: %d sent, %d received m-lines", len(send), len(recv))

    async def ping_forever(self):
        while True:
            await asyncio.sleep(PING_INTERVAL_S)
            await self.send({"type": "ping"})

    def on_connection_state(self):
        LOG.info("connection state %s", self.pc.connectionState)
        self.summary["connectionStates"].append(self.pc.connectionState)
        if self.pc.connectionState in ("connected", "failed", "closed"):
            self.transport_settled.set()

    def on_track(self, track):
        track_id = next((tid for tid, t in self.receiving.items() if t.receiver.track is track), track.id)
        LOG.info("receiving %s track", track.kind)
        self.tasks.append(asyncio.ensure_future(self.consume(track_id, track)))

    async def consume(self, track_id, track):
        video = track.kind == "video"
        counts = self.summary["remoteVideoFrames" if video else "remoteAudioFrames"]
        counts.setdefault(track_id, 0)
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            counts[track_id] += 1
            if counts[track_id] % SAMPLE_EVERY_FRAMES == 1:
                self.sample(track_id, frame, video)

    def sample(self, track_id, frame, video):
        if video:
            image = frame.to_ndarray(format="rgb24")
            height, width = image.shape[:2]
            self.summary["remoteVideoSize"][track_id] = [width, height]
            self.summary["remoteVideoRgb"][track_id] = [int(c) for c in image[height // 2, width // 2]]
        else:
            samples = frame.to_ndarray().astype(numpy.float64) / 32768.0
            self.summary["remoteAudioRms"][track_id] = float(numpy.sqrt(numpy.mean(samples ** 2)))

    async def shut_down(self):
        for task in self.tasks:
            task.cancel()
        if self.ws is not None and not self.ws.closed:
            try:
                await self.send({"type": "leave"})
            except (ConnectionError, OSError, WebSocketClosed):
                pass
            await self.ws.close()
        if self.pc is not None:
            await self.pc.close()


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Join a Parley room with aiortc, publish synthetic audio and video, "
                    "count the remote frames received and write a JSON summary.")
    parser.add_argument("url", help="signaling URL, e.g. wss://127.0.0.1:8443/ws "
                                    "(certificates are not verified)")
    parser.add_argument("room", help="room name")
    parser.add_argument("name", help="display name")
    parser.add_argument("--duration", type=float, default=10.0,
                        help="seconds to stay in the room after joining (default 10)")
    parser.add_argument("--out", required=True, help="where to write the JSON summary")
    parser.add_argument("--password", default=None, help="room password, if any")
    parser.add_argument("--color", default="30c0c0",
                        help="RRGGBB colour of the synthetic camera (default 30c0c0)")
    parser.add_argument("--tone-hz", type=float, default=523.0,
                        help="frequency of the synthetic microphone (default 523)")
    parser.add_argument("--verbose", action="store_true", help="log every message type")
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    for noisy in ("aioice", "aiortc"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    client = ParleyClient(args)
    try:
        asyncio.run(client.run())
    finally:
        with open(args.out + ".tmp", "w") as f:
            json.dump(client.summary, f, indent=1, sort_keys=True)
        os.replace(args.out + ".tmp", args.out)
    return 0 if client.summary["joined"] and not client.summary["errors"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
