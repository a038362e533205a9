/**
 * The sound: one <audio> per audio receive slot, playing all the time. The server puts the
 * loudest speakers on those slots (docs/protocol.md, "What you see"), so nothing here
 * depends on who is speaking; the elements are made again only for a new peer connection.
 *
 * Test hooks: each <audio> carries data-mid (its slot) and, while the slot carries
 * someone, data-participant-id and data-track-id (from the server's `forwarding`).
 */
import { h, setData } from '../dom.js';
import { showNotice } from './notices.js';
import { t } from '../i18n.js';

const GESTURES = ['pointerdown', 'keydown'];

export class AudioSlots {
  #media;
  #sink;
  #onBlocked;
  /** Removes the "blocked" notice while it shows (what onBlocked returned), else null. */
  #removeBlocked = null;
  #otherTold = false;
  #retryOnGesture = () => { for (const el of this.#elements.values()) this.#play(el); };
  /** Slot track → its <audio>. */
  #elements = new Map();
  /** How often play() failed for a reason other than the autoplay policy. */
  otherPlayFailures = 0;

  /**
   * sink: a hidden container; onBlocked() when the browser's autoplay policy refuses sound,
   * returning a function that takes its notice away (called once sound plays).
   */
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
        el.addEventListener('playing', () => this.#played());
        el.srcObject = new MediaStream([slot.track]);
        this.#sink.append(el);
        this.#elements.set(slot.track, el);
        this.#play(el);
      }
      setData(el, 'mid', slot.transceiver.mid);
      setData(el, 'participantId', slot.participantId);
      setData(el, 'trackId', slot.trackId);
    }
  }

  /**
   * Only NotAllowedError is the browser's autoplay policy, which a click lifts: one sticky
   * notice, and the next click or key anywhere tries again. AbortError (an element removed
   * or given a new stream while starting) is no failure of the sound and is only counted;
   * anything else gets a short notice of its own, once.
   */
  #playFailed(error) {
    if (error?.name === 'NotAllowedError') {
      if (!this.#removeBlocked) this.#removeBlocked = this.#onBlocked?.() ?? (() => {});
      for (const type of GESTURES) document.addEventListener(type, this.#retryOnGesture, { capture: true, once: true });
      return;
    }
    this.otherPlayFailures += 1;
    console.debug('Parley: audio playback failed:', error?.name);
    if (error?.name === 'AbortError' || this.#otherTold) return;
    this.#otherTold = true;
    showNotice({ text: t('meeting.soundFailed'), tone: 'error' });
  }

  /** Sound plays: the autoplay policy no longer stands in the way. */
  #played() {
    this.#removeBlocked?.();
    this.#removeBlocked = null;
    this.#stopRetrying();
  }

  #stopRetrying() {
    for (const type of GESTURES) document.removeEventListener(type, this.#retryOnGesture, { capture: true });
  }

  #play(el) {
    el.play().then(() => this.#played(), (error) => this.#playFailed(error));
  }

  /** Plays every audio element again (the person clicked "Turn on sound", whose notice is gone). */
  resume() {
    this.#removeBlocked = null;
    this.#retryOnGesture();
  }

  /** Stops and removes every element. */
  clear() {
    this.#stopRetrying();
    for (const el of this.#elements.values()) {
      el.srcObject = null;
      el.remove();
    }
    this.#elements.clear();
  }
}
