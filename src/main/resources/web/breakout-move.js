/**
 * Breakout rooms as a client lives them (docs/protocol.md, "Breakout rooms"): keeps the
 * meeting's breakout state from `breakouts` in state.breakouts ({rooms, choose, closesInMs,
 * people} or null when there are none), says what changes (opened, a countdown, closed), and
 * turns `breakout-move` into a "breakout-move" event of the call, {token, breakout}, which
 * the page follows by leaving this call and starting the next one with the token.
 * No DOM code.
 */

import { t } from './i18n.js';
export class BreakoutWatch {
  #state;
  #announce;
  #onMove;

  constructor(state, signaling, { announce, onMove }) {
    this.#state = state;
    this.#announce = announce;
    this.#onMove = onMove;
    signaling.addEventListener('breakouts', (e) => this.#changed(e.detail));
    signaling.addEventListener('breakout-move', (e) => this.#move(e.detail));
  }

  #changed(m) {
    const rooms = Array.isArray(m.rooms) ? m.rooms.filter((r) => typeof r?.id === 'string' && typeof r?.name === 'string') : [];
    const was = this.#state.breakouts;
    const next = rooms.length === 0 ? null : {
      rooms,
      choose: Boolean(m.choose),
      closesInMs: typeof m.closesInMs === 'number' ? m.closesInMs : null,
      closesAtMs: typeof m.closesInMs === 'number' ? Date.now() + m.closesInMs : null,
      people: Array.isArray(m.people) ? m.people.filter((p) => typeof p?.id === 'string') : [],
    };
    this.#state.breakouts = next;
    this.#state.changed('breakouts');
    if (!was && next) {
      this.#announce(next.choose ? t('breakouts.openedChoose') : t('breakouts.opened'));
    } else if (was && !next) {
      this.#announce(t('breakouts.closed'));
    }
    if (next?.closesInMs != null && was?.closesInMs == null) {
      this.#announce(t('breakouts.closingIn', { count: Math.round(next.closesInMs / 1000) }));
    }
  }

  #move(m) {
    if (typeof m.token !== 'string') return;
    const b = m.breakout && typeof m.breakout.id === 'string' && typeof m.breakout.name === 'string'
      ? { id: m.breakout.id, name: m.breakout.name } : null;
    this.#onMove({ token: m.token, breakout: b });
  }
}

/** Where person id is: a breakout id, or null for the main room (or unknown). */
export function placeOf(breakouts, id) {
  return breakouts?.people.find((p) => p.id === id)?.breakout ?? null;
}
