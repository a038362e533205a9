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
The WebSocket client (rfc6455.py) is a minimal one over asyncio because neither
`websockets` nor `aiohttp` is installed there.
"""
import argparse
import asyncio
import json
import logging
import os
import sys

import numpy

from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rfc6455 import WebSocket, WebSocketClosed  # noqa: E402
from synthetic_media import BarVideoTrack, SineAudioTrack  # noqa: E402

LOG = logging.getLogger("aiortc_client")
PING_INTERVAL_S = 15  # the protocol asks for a ping at least every 20 s
ANSWER_TIMEOUT_S = 15
CONNECT_TIMEOUT_S = 10
SAMPLE_EVERY_FRAMES = 15  # how often a received frame's colour or level is measured


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
        self.closing = False  # set when shutting down: late answers and their errors are moot
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
                if self.closing:
                    return
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
        if self.closing:
            return  # wait_for may return a result although its task was just cancelled
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
        self.closing = True
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
