/**
 * Who comes and goes, told as people experience it: a reconnection (docs/protocol.md,
 * "Departures and returns") is one event, "Roy reconnected.", never "Roy left." and
 * "Roy joined.". Someone whose connection went stays in place as reconnecting for a grace
 * period; the `participant-joined` that `replaces` them takes their place (and their tile).
 * Works on a MeetingState; says things through announce(text). No DOM code.
 */

import { t } from './i18n.js';

/**
 * Someone whose connection went ("disconnected", "replaced") is shown as reconnecting this
 * long before we say they left: a reload or a network switch brings them back sooner.
 */
export const RECONNECT_GRACE_MS = 10_000;
/** How many departed ids we remember, to call a late return "reconnected". */
const LOST_IDS_KEPT = 200;
/** Reasons after which the person may be back in a moment with their resume secret. */
const MAY_RETURN = new Set(['disconnected', 'replaced']);

export class Presence {
  #state;
  #announce;
  #graceMs;
  /** Participant id → timer: held as reconnecting until a return replaces them. */
  #held = new Map();
  /** Ids whose departure we announced after the grace: a late return is still "reconnected". */
  #lostIds = new Set();

  constructor(state, announce, { graceMs = RECONNECT_GRACE_MS } = {}) {
    this.#state = state;
    this.#announce = announce;
    this.#graceMs = graceMs;
  }

  /** `participant-joined`: a newcomer, or someone back on a new connection (`replaces`). */
  joined(m) {
    const name = m.participant?.name;
    const oldId = typeof m.replaces === 'string' ? m.replaces : null;
    if (oldId) {
      this.#release(oldId);
      const before = this.#state.replace(oldId, m.participant);
      const known = Boolean(before) || this.#lostIds.delete(oldId);
      if (name) this.#announce(known ? `${name} reconnected.` : `${name} joined.`);
      return;
    }
    const before = this.#state.upsert(m.participant);
    if (!before && name) this.#announce(`${name} joined.`);
  }

  /**
   * `participant-left`. Whoever may be back at once is held as reconnecting, and announced
   * as having left only if they are not back by the end of the grace period. A server
   * without `reason` means "left".
   */
  left(m) {
    const id = m.participantId;
    if (MAY_RETURN.has(m.reason)) {
      if (this.#state.hold(id) && !this.#held.has(id)) this.#held.set(id, setTimeout(() => this.#giveUp(id), this.#graceMs));
      return;
    }
    this.#release(id);
    const gone = this.#state.remove(id);
    if (gone) this.#announce(t(m.reason === 'kicked' ? 'announce.removed' : 'announce.left', { name: gone.name }));
  }

  /** Forgets everyone held (a `joined` starts over, or the call ends). */
  reset() {
    for (const timer of this.#held.values()) clearTimeout(timer);
    this.#held.clear();
  }

  #giveUp(id) {
    this.#held.delete(id);
    const gone = this.#state.remove(id);
    if (!gone) return;
    this.#lostIds.add(id);
    if (this.#lostIds.size > LOST_IDS_KEPT) this.#lostIds.delete(this.#lostIds.values().next().value);
    this.#announce(`${gone.name} left.`);
  }

  #release(id) {
    clearTimeout(this.#held.get(id));
    this.#held.delete(id);
  }
}
