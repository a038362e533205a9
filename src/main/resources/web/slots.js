/**
 * The receive slots of one peer connection (docs/protocol.md, "Media negotiation" and
 * "What you see"): a fixed set of recvonly transceivers, offered once, whose
 * MediaStreamTracks never change, and what the server says each one carries now
 * (`forwarding`). The server moves a slot from one participant to another without any
 * renegotiation; this class only keeps the latest word on it. No DOM code.
 */
import { preferForwardedCodecs } from './transceivers.js';

const KINDS = ['audio', 'video'];
const SOURCES = new Set(['mic', 'camera', 'screen']);
/** The web client's video slots: a page of 25 tiles, a large (speaker or pinned) view and a screen. */
export const WANTED_VIDEO_SLOTS = 27;
/** `joined.slots` when the server sends none (the protocol's defaults). */
const DEFAULT_LIMITS = { audio: 3, video: 32 };

/** How many slots of each kind to offer: all the audio slots, and up to 27 video ones. */
export function slotCounts(limits) {
  const count = (kind) => {
    const n = limits?.[kind];
    return Number.isInteger(n) && n >= 0 ? n : DEFAULT_LIMITS[kind];
  };
  return { audio: count('audio'), video: Math.min(count('video'), WANTED_VIDEO_SLOTS) };
}

export class ReceiveSlots {
  /**
   * Slots in offer order: {kind, transceiver, track, participantId, trackId, source,
   * epoch}; epoch counts the changes of what the slot carries (stats count from there).
   */
  #slots = [];

  /** Adds the recvonly transceivers to pc: counts {audio, video}. */
  constructor(pc, counts) {
    for (const kind of KINDS) {
      for (let i = 0; i < counts[kind]; i += 1) {
        const transceiver = preferForwardedCodecs(pc.addTransceiver(kind, { direction: 'recvonly' }));
        this.#slots.push({
          kind, transceiver, track: transceiver.receiver.track,
          participantId: null, trackId: null, source: null, epoch: 0,
        });
      }
    }
  }

  /** The `recv` list of an offer: [{mid, kind}] of the slots that have a mid. */
  recv() {
    return this.#slots.filter((s) => s.transceiver.mid !== null).map((s) => ({ mid: s.transceiver.mid, kind: s.kind }));
  }

  /**
   * Applies `forwarding.slots` ([{mid, kind, participantId, trackId, source}], nulls for an
   * empty slot). Slots it does not name keep what they had. Returns the slots whose
   * content changed.
   */
  apply(entries) {
    const changed = [];
    const byMid = new Map(this.#slots.map((s) => [s.transceiver.mid, s]));
    for (const e of Array.isArray(entries) ? entries : []) {
      const slot = byMid.get(e?.mid);
      if (!slot) continue;
      const carrying = typeof e.participantId === 'string' && typeof e.trackId === 'string';
      const next = {
        participantId: carrying ? e.participantId : null,
        trackId: carrying ? e.trackId : null,
        source: carrying ? sourceOf(slot.kind, e.source) : null,
      };
      if (next.trackId === slot.trackId && next.participantId === slot.participantId) continue;
      Object.assign(slot, next);
      slot.epoch += 1;
      changed.push(slot);
    }
    return changed;
  }

  /**
   * Forgets a participant who left at once (the server's `forwarding` follows). Returns
   * whether any slot carried them.
   */
  forget(participantId) {
    const gone = this.#slots.filter((s) => s.participantId === participantId);
    for (const slot of gone) this.apply([{ mid: slot.transceiver.mid, participantId: null, trackId: null }]);
    return gone.length > 0;
  }

  /** Every slot (read-only use): {kind, transceiver, track, participantId, trackId, source, epoch}. */
  all() {
    return this.#slots;
  }

  /** The slots that carry something now. */
  carrying() {
    return this.#slots.filter((s) => s.participantId !== null);
  }

  /**
   * What each participant's tracks are showing on: participantId → {camera, screen, audio},
   * each {trackId, track, mid} or absent.
   */
  remote() {
    const byParticipant = new Map();
    for (const slot of this.carrying()) {
      const media = byParticipant.get(slot.participantId) ?? {};
      const place = slot.kind === 'audio' ? 'audio' : (slot.source === 'screen' ? 'screen' : 'camera');
      media[place] = { trackId: slot.trackId, track: slot.track, mid: slot.transceiver.mid };
      byParticipant.set(slot.participantId, media);
    }
    return byParticipant;
  }
}

function sourceOf(kind, source) {
  if (SOURCES.has(source)) return source;
  return kind === 'audio' ? 'mic' : 'camera';
}
