/**
 * The sound: one <audio> per audio receive slot, playing all the time. The server puts the
 * loudest speakers on those slots (docs/protocol.md, "What you see"), so nothing here
 * depends on who is speaking; the elements are made again only for a new peer connection.
 *
 * Test hooks: each <audio> carries data-mid (its slot) and, while the slot carries
 * someone, data-participant-id and data-track-id (from the server's `forwarding`).
 */
import { h, setData } from '../dom.js';

export class AudioSlots {
  #media;
  #sink;
  #onBlocked;
  /** Slot track → its <audio>. */
  #elements = new Map();
  /** How often play() failed for a reason other than the autoplay policy. */
  otherPlayFailures = 0;

  /** sink: a hidden container; onBlocked() when the browser's autoplay policy refuses sound. */
  constructor(media, sink, onBlocked) {
    this.#media = media;
    this.#sink = sink;
    this.#onBlocked = onBlocked;
  }

  /** Follows the slots of the current peer connection and what they carry. */
  update() {
    const slots = this.#media.audioSlots();
    const tracks = new Set(slots.map((s) => s.track));
    for (const [track, el] of this.#elements) {
      if (tracks.has(track)) continue;
      el.srcObject = null;
      el.remove();
      this.#elements.delete(track);
    }
    for (const slot of slots) {
      let el = this.#elements.get(slot.track);
      if (!el) {
        el = h('audio', { autoplay: true });
        el.srcObject = new MediaStream([slot.track]);
        this.#sink.append(el);
        this.#elements.set(slot.track, el);
        el.play().catch((error) => this.#playFailed(error));
      }
      setData(el, 'mid', slot.transceiver.mid);
      setData(el, 'participantId', slot.participantId);
      setData(el, 'trackId', slot.trackId);
    }
  }

  /**
   * Only NotAllowedError is the browser's autoplay policy, which a click lifts; any other
   * failure (an element removed or given a new stream while starting: AbortError) is no
   * reason to ask the person for a click, so it is counted and logged at debug only.
   */
  #playFailed(error) {
    if (error?.name === 'NotAllowedError') {
      this.#onBlocked?.();
      return;
    }
    this.otherPlayFailures += 1;
    console.debug('Parley: audio playback failed:', error?.name);
  }

  /** Plays every audio element again (after the person allowed sound with a click). */
  resume() {
    for (const el of this.#elements.values()) el.play().catch(() => {});
  }

  /** Stops and removes every element. */
  clear() {
    for (const el of this.#elements.values()) {
      el.srcObject = null;
      el.remove();
    }
    this.#elements.clear();
  }
}
