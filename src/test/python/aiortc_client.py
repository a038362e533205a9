#!/usr/bin/python3
"""A Parley participant on aiortc, written from docs/protocol.md alone.

It joins a room over the signaling WebSocket, publishes a synthetic camera (a solid
colour with a moving white bar) and microphone (a sine tone), and offers a fixed number
of receive slots (recvonly transceivers: 3 audio and 4 video by default, never more than
`joined.slots` allows) in one negotiation; it never renegotiates, whoever comes and goes.
It sends no `view`: the server's default view (every camera at 360 pixels, as far as the
video slots go) is what it receives. From `forwarding` it knows which participant's track
each slot carries at each moment, and so counts the frames it decodes per remote track;
`joined.tracks`, `tracks` and `forwarding` say whose each track is. At the end it writes a
JSON summary:

  {"joined": true, "participantId": "...",
   "remoteVideoFrames": {trackId: n}, "remoteAudioFrames": {trackId: n},
   "remoteVideoSize": {trackId: [w, h]}, "remoteVideoRgb": {trackId: [r, g, b]},
   "remoteAudioRms": {trackId: x}, "remoteTracks": {trackId: {participantId, kind, source}},
   "slots": {mid: kind}, "slotTracks": {mid: [trackId, ...]}, "unattributedFrames": {mid: n},
   "negotiations": n, "connectionStates": [...], "messageCounts": {type: n}, "errors": [...]}

`remoteTracks` keeps every track ever announced (a track that went stays, so that the
frames counted for it keep their owner); `slotTracks` lists, per slot, each track it
carried in turn; `unattributedFrames` counts frames decoded while `forwarding` said the
slot carried nothing (a frame or two around a switch is normal).

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
SAMPLE_EVERY_FRAMES = 15  # how often a received frame's colour or level is measured
DEFAULT_SLOTS = {"audio": 3, "video": 32}  # docs/protocol.md, for a server that does not say
ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"


def without_clashing_extmaps(sdp):
    """The offer without abs-send-time where its extmap id also names another extension.

    aiortc 1.4.0 offers id 2 as ssrc-audio-level on audio and as abs-send-time on video, in
    one BUNDLE group, where one id must mean one thing (RFC 8843 section 9.2). The server
    answers neither meaning of such an id (docs/protocol.md), which would leave the mic
    without the audio levels that senders must include: the server forwards on audio slots
    the loudest speakers, and a mic without levels is never among them. aiortc takes the
    extensions it uses from the answer, so leaving abs-send-time out of the offer is enough.
    """
    uris = {}
    for line in sdp.splitlines():
        if line.startswith("a=extmap:"):
            ext_id, _, uri = line[len("a=extmap:"):].partition(" ")
            uris.setdefault(ext_id.split("/")[0], set()).add(uri.split(" ")[0])
    clashing = {ext_id for ext_id, names in uris.items() if len(names) > 1}
    kept = [line for line in sdp.splitlines()
            if not (line.startswith("a=extmap:") and ABS_SEND_TIME in line
                    and line[len("a=extmap:"):].split(" ")[0].split("/")[0] in clashing)]
    return "".join(line + "\r\n" for line in kept)


class ParleyClient:
    def __init__(self, args):
        self.args = args
        self.ws = None
        self.pc = None
        self.published = []  # (transceiver, source)
        self.slots = []  # (transceiver, kind): the receive slots, in offer order
        self.carrying = {}  # mid -> the trackId that `forwarding` last said the slot carries, or None
        self.answer = None  # future of the pending negotiation's answer SDP
        self.tasks = []
        self.closing = False  # set when shutting down: late answers and their errors are moot
        self.summary = {
            "joined": False, "participantId": None,
            "remoteVideoFrames": {}, "remoteAudioFrames": {},
            "remoteVideoSize": {}, "remoteVideoRgb": {}, "remoteAudioRms": {},
            "remoteTracks": {}, "slots": {}, "slotTracks": {}, "unattributedFrames": {},
            "negotiations": 0, "connectionStates": [], "messageCounts": {}, "errors": [],
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
                             "audioMuted": False, "videoMuted": False, "avatar": None,
                             "e2eeCapable": self.args.claim_e2ee})
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
        limits = joined.get("slots") or DEFAULT_SLOTS
        for kind, wanted in (("audio", self.args.audio_slots), ("video", self.args.video_slots)):
            for _ in range(max(0, min(wanted, limits.get(kind, 0)))):
                self.slots.append((self.pc.addTransceiver(kind, direction="recvonly"), kind))
        for track in joined.get("tracks", []):
            self.learn_track(track.get("participantId"), track)
        self.tasks = [asyncio.ensure_future(self.negotiate_once()),
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
                for track in message.get("tracks", []):
                    self.learn_track(message.get("participantId"), track)
            elif kind == "forwarding":
                self.update_forwarding(message.get("slots", []))
            elif kind == "error":
                self.error(f"server error {message.get('code')}: {message.get('message')} "
                           f"(ref {message.get('ref')})")
                if self.answer is not None and not self.answer.done() and message.get("ref") == "offer":
                    self.answer.set_exception(RuntimeError(f"offer refused: {message.get('code')}"))
            elif kind in ("kicked", "ended"):
                LOG.info("%s", kind)

    def learn_track(self, participant_id, track):
        """Records whose a track is (from `joined.tracks`, `tracks` or `forwarding`); never forgets one."""
        track_id = track.get("trackId")
        if track_id is None or track.get("kind") not in ("audio", "video"):
            return
        self.summary["remoteTracks"][track_id] = {
            "participantId": participant_id, "kind": track.get("kind"), "source": track.get("source")}

    def update_forwarding(self, slots):
        """What each receive slot carries from now on (the server lists every slot of the last answer)."""
        for slot in slots:
            mid, track_id = slot.get("mid"), slot.get("trackId")
            if track_id is not None:
                self.learn_track(slot.get("participantId"), slot)
            self.carrying[mid] = track_id
            history = self.summary["slotTracks"].setdefault(mid, [])
            if track_id is not None and (not history or history[-1] != track_id):
                history.append(track_id)

    async def negotiate_once(self):
        """The one offer/answer round: own tracks and every receive slot, whatever the room holds."""
        try:
            await self.negotiate()
        except Exception as e:
            if not self.closing:
                LOG.exception("negotiation failed")
                self.error(f"negotiation failed: {type(e).__name__}: {e}")

    async def negotiate(self):
        offer = await self.pc.createOffer()
        await self.pc.setLocalDescription(offer)
        send = [{"mid": t.mid, "source": source} for t, source in self.published]
        recv = [{"mid": t.mid, "kind": kind} for t, kind in self.slots]
        for t, kind in self.slots:
            self.summary["slots"][t.mid] = kind
        self.answer = asyncio.get_event_loop().create_future()
        await self.send({"type": "offer", "sdp": without_clashing_extmaps(self.pc.localDescription.sdp),
                         "send": send, "recv": recv})
        sdp = await asyncio.wait_for(self.answer, ANSWER_TIMEOUT_S)
        if self.closing:
            return  # wait_for may return a result although its task was just cancelled
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))
        self.summary["negotiations"] += 1
        LOG.info("negotiated: %d sent, %d receive slots", len(send), len(recv))

    async def ping_forever(self):
        while True:
            await asyncio.sleep(PING_INTERVAL_S)
            await self.send({"type": "ping"})

    def on_connection_state(self):
        LOG.info("connection state %s", self.pc.connectionState)
        self.summary["connectionStates"].append(self.pc.connectionState)

    def on_track(self, track):
        mid = next((t.mid for t, _ in self.slots if t.receiver.track is track), None)
        if mid is None:
            self.error(f"a {track.kind} track on no receive slot")
            return
        LOG.info("receive slot %s (%s) open", mid, track.kind)
        self.tasks.append(asyncio.ensure_future(self.consume(mid, track)))

    async def consume(self, mid, track):
        """Counts each decoded frame for the track that the slot carries now, by `forwarding`."""
        video = track.kind == "video"
        counts = self.summary["remoteVideoFrames" if video else "remoteAudioFrames"]
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            track_id = self.carrying.get(mid)
            if track_id is None:
                unattributed = self.summary["unattributedFrames"]
                unattributed[mid] = unattributed.get(mid, 0) + 1
                continue
            counts[track_id] = counts.get(track_id, 0) + 1
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
                    "receive on a fixed number of slots, count the remote frames received per "
                    "track and write a JSON summary.")
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
    parser.add_argument("--audio-slots", type=int, default=3,
                        help="audio receive slots to offer (default 3; at most joined.slots.audio)")
    parser.add_argument("--video-slots", type=int, default=4,
                        help="video receive slots to offer (default 4; at most joined.slots.video)")
    parser.add_argument("--verbose", action="store_true", help="log every message type")
    parser.add_argument("--claim-e2ee", action="store_true",
                        help="say e2eeCapable in join without encrypting (a test's stand-in for what the "
                             "server sees of an end-to-end encrypted meeting: docs/e2ee.md)")
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
