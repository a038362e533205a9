/**
 * The one RTCPeerConnection of a participant (docs/protocol.md, "Media negotiation"): the
 * client is always the offerer. Publishes the microphone, the camera (simulcast) and a
 * screen, and receives on a fixed set of receive slots (slots.js) whatever the server
 * forwards there. It renegotiates only when its own sending changes (a screen share starts
 * or stops), never because someone joins or leaves; one offer at a time.
 *
 * Events (CustomEvent): "remote" (what the slots carry changed, or new slots), "answered"
 * (an answer was applied: time to send `view` again), "connection-state" {state},
 * "ice-state" {state} (iceConnectionState), "negotiation-failed" {error}.
 */
import { collectStats, readInbound } from './stats.js';
import { ReceiveSlots, slotCounts } from './slots.js';
import {
  addCameraTransceiver, addScreenTransceiver, preferForwardedCodecs, replaceTrack, setActiveLayers,
  stopTransceiver,
} from './transceivers.js';

export class MediaSession extends EventTarget {
  #signaling;
  #pc = null;
  /** Local transceivers by source: "mic", "camera", "screen". */
  #senders = new Map();
  /** Per sender: the chain of its setParameters calls (they must not overlap). */
  #layerChains = new WeakMap();
  /** The receive slots of the current peer connection. */
  #slots = null;
  #counts = slotCounts(null);
  /**
   * The ICE configuration of the newest `joined` (docs/protocol.md, "Joining"): its TURN
   * credential expires, so each new peer connection takes the latest one.
   */
  #ice = { iceServers: [], iceTransportPolicy: 'all' };
  /** Slot → {epoch, counters}: the slot's inbound counters when it started carrying its track. */
  #baselines = new Map();
  #localStream = new MediaStream();
  #dirty = false;
  #negotiating = null;

  /**
   * End-to-end encryption (an E2eeSession) or null: when set at start(), every sender and
   * receiver gets its frame transform before the first offer, so no frame leaves in clear.
   */
  encryption = null;

  /** Local tracks; null when off. The mic track stays while muted (enabled = false). */
  micTrack = null;
  cameraTrack = null;
  screenTrack = null;

  /**
   * Own-media effects (effects/effects.js) or null: {track(source, raw) → promise of the
   * track to send}. micTrack and cameraTrack stay the raw tracks; the senders carry these.
   */
  effects = null;
  /** Source ("mic", "camera") → {raw, sent}: what the sender carries for which raw track. */
  #sent = new Map();

  constructor(signaling) {
    super();
    this.#signaling = signaling;
    signaling.addEventListener('joined', ({ detail: m }) => {
      this.#ice = {
        iceServers: Array.isArray(m.iceServers) ? m.iceServers : [],
        iceTransportPolicy: m.iceTransportPolicy === 'relay' ? 'relay' : 'all',
      };
    });
  }

  get pc() { return this.#pc; }

  /**
   * Creates a fresh peer connection (on joining, and again after `media-failed`), publishes
   * the local tracks and offers the receive slots. slotLimits is `joined.slots` (null: the
   * ones of the last start); iceServers is `joined.iceServers` (null: the newest `joined`'s).
   */
  start(iceServers, slotLimits) {
    this.#closePeer();
    if (slotLimits !== null) this.#counts = slotCounts(slotLimits);
    if (Array.isArray(iceServers)) this.#ice = { ...this.#ice, iceServers };
    const pc = new RTCPeerConnection({
      ...this.#ice, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require', ...this.encryption?.pcConfig(),
    });
    this.#pc = pc;
    pc.onconnectionstatechange = () => {
      if (pc === this.#pc) this.#emit('connection-state', { state: pc.connectionState });
    };
    pc.oniceconnectionstatechange = () => {
      if (pc === this.#pc) this.#emit('ice-state', { state: pc.iceConnectionState });
    };
    this.#addSender('mic', preferForwardedCodecs(pc.addTransceiver(this.#firstTrack('mic') ?? 'audio',
      { direction: 'sendonly', streams: [this.#localStream] })));
    this.#addSender('camera', addCameraTransceiver(pc, this.#firstTrack('camera'), this.#localStream));
    if (this.screenTrack) this.#addSender('screen', addScreenTransceiver(pc, this.screenTrack, this.#localStream));
    this.#slots = new ReceiveSlots(pc, this.#counts);
    for (const slot of this.encryption ? this.#slots.all() : []) this.encryption.protectReceiver(slot.transceiver.receiver, slot.kind);
    this.#emit('remote', {});
    this.renegotiate();
  }

  /** A new peer connection on the same signaling connection (after `media-failed`). */
  restart() {
    this.#signaling.abandonOffers();
    this.start(null, null);
  }

  /** ICE restart on the same peer connection: new ICE credentials in one more offer/answer round. */
  restartIce() {
    if (!this.#pc) return Promise.resolve();
    this.#pc.restartIce();
    return this.renegotiate();
  }

  /** Applies a `forwarding` message's slots. */
  applyForwarding(entries) {
    const changed = this.#slots?.apply(entries) ?? [];
    for (const slot of changed) this.#takeBaseline(slot);
    if (changed.length) this.#emit('remote', {});
  }

  /** Someone left: their slots are empty from now on (the server's `forwarding` follows). */
  forgetParticipant(participantId) {
    if (this.#slots?.forget(participantId)) this.#emit('remote', {});
  }

  /** participantId → {camera, screen, audio}: {trackId, track, mid}, from the slots. */
  remote() {
    return this.#slots?.remote() ?? new Map();
  }

  /** The audio slots: [{track, participantId, trackId, transceiver}] (participantId null when empty). */
  audioSlots() {
    return (this.#slots?.all() ?? []).filter((s) => s.kind === 'audio');
  }

  /** `send-layers`: encodes only the rids someone receives on that mid. */
  setSendLayers({ mid, active }) {
    if (typeof mid !== 'string' || !Array.isArray(active)) return;
    const transceiver = [...this.#senders.values()].find((t) => t.mid === mid);
    if (!transceiver || transceiver.direction === 'stopped') return;
    const sender = transceiver.sender;
    const chain = (this.#layerChains.get(sender) ?? Promise.resolve()).then(() => setActiveLayers(sender, active));
    this.#layerChains.set(sender, chain);
  }

  /** Mutes or unmutes the microphone without renegotiating. */
  setMicEnabled(enabled) {
    if (this.micTrack) this.micTrack.enabled = enabled;
    const sent = this.sentTrack('mic');
    if (sent) sent.enabled = enabled;
  }

  /** The track sent for "camera" or "mic": the processed one while an effect is on, else the raw one. */
  sentTrack(source) {
    const raw = source === 'camera' ? this.cameraTrack : this.micTrack;
    const entry = this.#sent.get(source);
    return entry && entry.raw === raw ? entry.sent : raw;
  }

  /** Passes the raw track of "camera" or "mic" through the effects again (a setting changed); rejects when one cannot start. */
  async reprocess(source) {
    const sent = await this.#process(source, source === 'camera' ? this.cameraTrack : this.micTrack, true);
    await replaceTrack(this.#senders.get(source), sent);
  }

  /**
   * The track a new sender starts with. An effect that is on but not running yet for this
   * raw track (a call that took over its settings) gets none: its processed track follows,
   * so the raw picture is never sent meanwhile (the raw one does, should the effect fail).
   */
  #firstTrack(source) {
    const raw = source === 'camera' ? this.cameraTrack : this.micTrack;
    const sent = this.sentTrack(source);
    if (!raw || sent !== raw || !this.effects?.wants(source)) return sent;
    this.#process(source, raw).then((track) => replaceTrack(this.#senders.get(source), track));
    return null;
  }

  /** The track to send for raw (the effects' processed one, or raw). */
  async #process(source, raw, strict = false) {
    let sent = raw;
    try {
      if (this.effects) sent = await this.effects.track(source, raw);
    } catch (error) {
      if (strict) throw error;
      console.warn('Parley: an effect failed, sending without it:', error?.message);
    }
    if (sent && raw && sent !== raw) sent.enabled = raw.enabled;
    this.#sent.set(source, { raw, sent });
    return sent;
  }

  /** Replaces the microphone track (another device), keeping the muted state. */
  async setMicTrack(track) {
    const old = this.micTrack;
    if (track && old) track.enabled = old.enabled;
    this.micTrack = track;
    await replaceTrack(this.#senders.get('mic'), await this.#process('mic', track));
    if (old && old !== track) old.stop();
  }

  /** Starts (a track) or stops (null) the camera; the old track is stopped so its light goes off. */
  async setCameraTrack(track) {
    const old = this.cameraTrack;
    this.cameraTrack = track;
    await replaceTrack(this.#senders.get('camera'), await this.#process('camera', track));
    if (old && old !== track) old.stop();
  }

  /** Publishes a screen track on its own transceiver and renegotiates. */
  startScreen(track) {
    this.stopScreen();
    this.screenTrack = track;
    if (this.#pc) this.#addSender('screen', addScreenTransceiver(this.#pc, track, this.#localStream));
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
   * one more round.
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
    const senders = [...this.#senders].map(([source, t]) => ({ source, transceiver: t }));
    const receivers = (this.#slots?.carrying() ?? []).map((slot) => ({ slot, baseline: this.#baselineOf(slot) }));
    return collectStats(this.#pc, senders, receivers);
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
        // A replaced peer connection (rejoin, media failure) is not a failure: go on with the new one.
        if (pc !== this.#pc || pc.signalingState === 'closed') continue;
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
    const recv = this.#slots.recv();
    const answer = await this.#signaling.exchange({ type: 'offer', sdp: pc.localDescription.sdp, send, recv });
    if (pc !== this.#pc) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    this.#emit('answered', {});
  }

  /** A sender of ours: encrypted from its first frame when the meeting is (before any offer). */
  #addSender(source, transceiver) {
    this.encryption?.protectSender(transceiver.sender, source === 'mic' ? 'audio' : 'video');
    this.#senders.set(source, transceiver);
  }

  /** Reads a slot's counters now, so its stats count from the moment it changed hands. */
  #takeBaseline(slot) {
    const counters = readInbound(slot.transceiver.receiver);
    this.#baselines.set(slot, { epoch: slot.epoch, counters });
  }

  #baselineOf(slot) {
    const b = this.#baselines.get(slot);
    return b && b.epoch === slot.epoch ? b.counters : null;
  }

  #closePeer() {
    this.#senders.clear();
    this.#baselines.clear();
    this.#dirty = false;
    const hadSlots = this.#slots !== null;
    this.#slots = null;
    if (this.#pc) {
      this.#pc.onconnectionstatechange = this.#pc.oniceconnectionstatechange = null;
      this.#pc.close();
    }
    this.#pc = null;
    if (hadSlots) this.#emit('remote', {});
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
