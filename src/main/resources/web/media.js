/**
 * The one RTCPeerConnection of a participant (docs/protocol.md, "Media negotiation"): the
 * client is always the offerer. Publishes the microphone, the camera (simulcast) and a
 * screen, receives the tracks the server announces, and renegotiates one offer at a time.
 *
 * Events (CustomEvent): "remote-track" {trackId, participantId, kind, source, track},
 * "remote-track-ended" {trackId, participantId, kind, source},
 * "connection-state" {state}, "negotiation-failed" {error}.
 */
import { collectStats } from './stats.js';

/** Camera simulcast layers, low to high; the server picks which one to forward. */
const CAMERA_ENCODINGS = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'f', maxBitrate: 1_500_000 },
];
const SCREEN_MAX_BITRATE_BPS = 2_500_000;
const KINDS = new Set(['audio', 'video']);

export class MediaSession extends EventTarget {
  #signaling;
  #pc = null;
  /** Local transceivers by source: "mic", "camera", "screen". */
  #senders = new Map();
  /** Received tracks by track id: {trackId, participantId, kind, source, transceiver, track}. */
  #remote = new Map();
  #byTransceiver = new Map();
  #localStream = new MediaStream();
  #dirty = false;
  #negotiating = null;

  /** Local tracks; null when off. The mic track stays while muted (enabled = false). */
  micTrack = null;
  cameraTrack = null;
  screenTrack = null;

  constructor(signaling) {
    super();
    this.#signaling = signaling;
  }

  get pc() { return this.#pc; }

  /**
   * Creates a fresh peer connection (on joining, and again after a reconnection),
   * publishes the local tracks and asks for the given remote tracks.
   */
  start(iceServers, remoteTracks) {
    this.#closePeer();
    const pc = new RTCPeerConnection({
      iceServers: Array.isArray(iceServers) ? iceServers : [],
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
    });
    this.#pc = pc;
    pc.ontrack = (event) => this.#onTrack(pc, event);
    pc.onconnectionstatechange = () => {
      if (pc === this.#pc) this.#emit('connection-state', { state: pc.connectionState });
    };
    this.#senders.set('mic', preferForwardedCodecs(pc.addTransceiver(this.micTrack ?? 'audio', this.#sendInit())));
    this.#senders.set('camera', preferForwardedCodecs(addCameraTransceiver(pc, this.cameraTrack, this.#localStream)));
    if (this.screenTrack) this.#senders.set('screen', this.#addScreenTransceiver(this.screenTrack));
    this.setRemoteTracks(remoteTracks ?? []);
  }

  /** Applies the complete list from `tracks`: receive new ones, stop gone ones, renegotiate. */
  setRemoteTracks(tracks) {
    if (!this.#pc) return;
    const wanted = new Map(tracks.filter((t) => t && KINDS.has(t.kind)).map((t) => [t.trackId, t]));
    for (const [trackId, entry] of this.#remote) {
      if (wanted.has(trackId)) continue;
      stopTransceiver(entry.transceiver);
      this.#forget(entry);
    }
    for (const [trackId, t] of wanted) {
      if (this.#remote.has(trackId)) continue;
      const transceiver = preferForwardedCodecs(this.#pc.addTransceiver(t.kind, { direction: 'recvonly' }));
      const entry = { trackId, participantId: t.participantId, kind: t.kind, source: t.source, transceiver, track: null };
      this.#remote.set(trackId, entry);
      this.#byTransceiver.set(transceiver, entry);
    }
    this.renegotiate();
  }

  /** Mutes or unmutes the microphone without renegotiating. */
  setMicEnabled(enabled) {
    if (this.micTrack) this.micTrack.enabled = enabled;
  }

  /** Replaces the microphone track (another device), keeping the muted state. */
  async setMicTrack(track) {
    const old = this.micTrack;
    if (track && old) track.enabled = old.enabled;
    this.micTrack = track;
    await replaceTrack(this.#senders.get('mic'), track);
    if (old && old !== track) old.stop();
  }

  /** Starts (a track) or stops (null) the camera; the old track is stopped so its light goes off. */
  async setCameraTrack(track) {
    const old = this.cameraTrack;
    this.cameraTrack = track;
    await replaceTrack(this.#senders.get('camera'), track);
    if (old && old !== track) old.stop();
  }

  /** Publishes a screen track on its own transceiver and renegotiates. */
  startScreen(track) {
    this.stopScreen();
    this.screenTrack = track;
    if (this.#pc) this.#senders.set('screen', this.#addScreenTransceiver(track));
    this.renegotiate();
  }

  /** Unpublishes the screen: its transceiver is stopped and the mid leaves `send`. */
  stopScreen() {
    const transceiver = this.#senders.get('screen');
    this.#senders.delete('screen');
    this.screenTrack?.stop();
    this.screenTrack = null;
    if (transceiver) {
      stopTransceiver(transceiver);
      this.renegotiate();
    }
  }

  /**
   * Asks for a new offer/answer round. Calls made while one is running are folded into
   * one more round, so a burst of `tracks` messages costs at most two offers.
   */
  renegotiate() {
    this.#dirty = true;
    if (!this.#negotiating) {
      this.#negotiating = this.#negotiateWhileDirty().finally(() => { this.#negotiating = null; });
    }
    return this.#negotiating;
  }

  /** A plain summary of getStats for tests and the quality indicators (see stats.js). */
  stats() {
    return collectStats(this.#pc, [...this.#senders].map(([source, t]) => ({ source, transceiver: t })),
      [...this.#remote.values()]);
  }

  /** Closes the peer connection and stops every local track. */
  close() {
    this.#closePeer();
    for (const track of [this.micTrack, this.cameraTrack, this.screenTrack]) track?.stop();
    this.micTrack = this.cameraTrack = this.screenTrack = null;
  }

  async #negotiateWhileDirty() {
    while (this.#dirty && this.#pc) {
      this.#dirty = false;
      const pc = this.#pc;
      try {
        await this.#negotiateOnce(pc);
      } catch (error) {
        if (pc !== this.#pc || pc.signalingState === 'closed') return;
        if (pc.signalingState === 'have-local-offer') {
          await pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
        }
        this.#emit('negotiation-failed', { error });
        return;
      }
    }
  }

  async #negotiateOnce(pc) {
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const send = [...this.#senders]
      .filter(([, t]) => t.mid !== null && t.direction !== 'stopped')
      .map(([source, t]) => ({ mid: t.mid, source }));
    const recv = [...this.#remote.values()]
      .filter((e) => e.transceiver.mid !== null && e.transceiver.direction !== 'stopped')
      .map((e) => ({ mid: e.transceiver.mid, trackId: e.trackId }));
    const answer = await this.#signaling.exchange({ type: 'offer', sdp: pc.localDescription.sdp, send, recv });
    if (pc !== this.#pc) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
  }

  #onTrack(pc, event) {
    if (pc !== this.#pc) return;
    const entry = this.#byTransceiver.get(event.transceiver);
    if (!entry) return;
    entry.track = event.track;
    // The stream id is the sender's participant id (a=msid); the `tracks` list says the same.
    const participantId = entry.participantId ?? event.streams[0]?.id;
    this.#emit('remote-track', { ...publicEntry(entry), participantId, track: event.track });
  }

  #forget(entry) {
    this.#remote.delete(entry.trackId);
    this.#byTransceiver.delete(entry.transceiver);
    this.#emit('remote-track-ended', publicEntry(entry));
  }

  #sendInit() {
    return { direction: 'sendonly', streams: [this.#localStream] };
  }

  #addScreenTransceiver(track) {
    return preferForwardedCodecs(this.#pc.addTransceiver(track, {
      ...this.#sendInit(), sendEncodings: [{ maxBitrate: SCREEN_MAX_BITRATE_BPS }],
    }));
  }

  #closePeer() {
    for (const entry of [...this.#remote.values()]) this.#forget(entry);
    this.#senders.clear();
    this.#dirty = false;
    if (this.#pc) {
      this.#pc.ontrack = this.#pc.onconnectionstatechange = null;
      this.#pc.close();
    }
    this.#pc = null;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** The codecs the server forwards (docs/protocol.md): Opus, and VP8 with its RTX. */
const FORWARDED = new Set(['audio/opus', 'video/vp8', 'video/rtx']);

/**
 * Offers only what the server forwards. Without this Chrome writes about 5 KB per video
 * m-line (every codec it knows), and a meeting of a dozen people outgrows the 64 KiB
 * signaling frame. Browsers without setCodecPreferences just send the long offer.
 */
function preferForwardedCodecs(transceiver) {
  const kind = transceiver.receiver.track.kind;
  const all = globalThis.RTCRtpReceiver?.getCapabilities?.(kind)?.codecs ?? [];
  const keep = all.filter((c) => FORWARDED.has(c.mimeType.toLowerCase()));
  // RTX entries name their codec only by payload type, which capabilities may not carry:
  // offer them all (the browser keeps the ones repairing VP8), or none if it objects.
  for (const codecs of [keep, keep.filter((c) => c.mimeType.toLowerCase() !== 'video/rtx')]) {
    try {
      if (codecs.length) transceiver.setCodecPreferences(codecs);
      return transceiver;
    } catch {
      // try the next, shorter list; without setCodecPreferences the offer is only longer
    }
  }
  return transceiver;
}

/**
 * Simulcast layers for a camera of this size. Browsers drop the top layers of small
 * captures (Chrome sends one layer below 480x270 and two below 960x540), and they keep
 * the first encodings: so a small camera gets fewer, larger layers, not a tiny one.
 */
function cameraEncodings(track) {
  const height = track?.getSettings?.().height ?? 720;
  if (height >= 540) return CAMERA_ENCODINGS;
  if (height >= 270) return CAMERA_ENCODINGS.slice(1);
  return [{ maxBitrate: 800_000 }];
}

/** The camera transceiver with simulcast layers fitting its size, or one layer where that throws. */
function addCameraTransceiver(pc, track, stream) {
  const init = { direction: 'sendonly', streams: [stream] };
  try {
    return pc.addTransceiver(track ?? 'video', { ...init, sendEncodings: cameraEncodings(track) });
  } catch {
    return pc.addTransceiver(track ?? 'video', { ...init, sendEncodings: [{ maxBitrate: 1_500_000 }] });
  }
}

/**
 * Puts a track on a sender. A transceiver that is gone (a reconnection is rebuilding the
 * peer connection) is fine: start() publishes the current tracks on the new one.
 */
async function replaceTrack(transceiver, track) {
  if (!transceiver || transceiver.direction === 'stopped') return;
  try {
    await transceiver.sender.replaceTrack(track);
  } catch (error) {
    console.warn('Parley: replaceTrack failed:', error?.message);
  }
}

function stopTransceiver(transceiver) {
  try {
    transceiver.stop();
  } catch {
    transceiver.direction = 'inactive';
  }
}

function publicEntry(entry) {
  return { trackId: entry.trackId, participantId: entry.participantId, kind: entry.kind, source: entry.source };
}
