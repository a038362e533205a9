/**
 * Sends `view` (docs/protocol.md, "What you see"): which videos this page shows, most
 * important first, and how tall. The layout asks as often as it likes; this sends the
 * newest wish once things settle for DEBOUNCE_MS, never two messages closer than
 * MIN_GAP_MS (so at most 4 a second), nothing when the wish did not change, and the
 * current wish again after every answer (the server wants it then). No DOM code.
 */

const DEBOUNCE_MS = 150;
const MIN_GAP_MS = 250;
/** Protocol limits: 64 entries, heights 0..4320 device pixels. */
const MAX_ENTRIES = 64;
const MAX_HEIGHT = 4320;

export class ViewRequester {
  #send;
  #wanted = null;
  #wantedKey = '';
  #sentKey = null;
  #lastSentMs = -Infinity;
  #timer = 0;
  /** The last `view` message sent (for tests: window.parley.lastView). */
  lastSent = null;

  /** send(message) → boolean: whether the message went out. */
  constructor(send) {
    this.#send = send;
  }

  /**
   * The layout's wish: video [{trackId, height}] most important first (heights in device
   * pixels), speakerHeight (0: no speaker view). Clamped to the protocol's limits.
   */
  request({ video, speakerHeight = 0 }) {
    const seen = new Set();
    const clean = [];
    for (const v of video) {
      if (typeof v?.trackId !== 'string' || seen.has(v.trackId) || clean.length === MAX_ENTRIES) continue;
      seen.add(v.trackId);
      clean.push({ trackId: v.trackId, height: clampHeight(v.height) });
    }
    this.#wanted = { type: 'view', video: clean, speakerHeight: clampHeight(speakerHeight) };
    this.#wantedKey = JSON.stringify(this.#wanted);
    if (this.#wantedKey !== this.#sentKey) this.#schedule(DEBOUNCE_MS);
  }

  /** After an answer: the current wish goes out again, changed or not. */
  resend() {
    this.#sentKey = null;
    if (this.#wanted) this.#schedule(0);
  }

  /** Forgets what was sent (a new connection starts from nothing). */
  reset() {
    clearTimeout(this.#timer);
    this.#timer = 0;
    this.#sentKey = null;
  }

  #schedule(delayMs) {
    clearTimeout(this.#timer);
    const now = performance.now();
    const waitMs = Math.max(delayMs, this.#lastSentMs + MIN_GAP_MS - now);
    this.#timer = setTimeout(() => this.#flush(), waitMs);
  }

  #flush() {
    this.#timer = 0;
    if (!this.#wanted || this.#wantedKey === this.#sentKey) return;
    if (!this.#send(this.#wanted)) return;
    this.#sentKey = this.#wantedKey;
    this.#lastSentMs = performance.now();
    this.lastSent = this.#wanted;
  }
}

function clampHeight(height) {
  const n = Math.round(Number(height));
  return Number.isFinite(n) ? Math.min(MAX_HEIGHT, Math.max(0, n)) : 0;
}
