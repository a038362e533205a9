/**
 * Speaker statistics: who spoke how long, counted in this browser from the audio levels the
 * page samples anyway (stats.js speakingIds, every 2 s). Nothing of it is sent anywhere; it
 * lives as long as the meeting screen. No DOM code.
 */

import { t } from './i18n.js';

/** A longer pause between two samples (a frozen background tab) counts only this much. */
export const MAX_SAMPLE_GAP_MS = 5_000;

export class SpeakerTally {
  /** key → {name, ms, self}; the key follows a person across reconnections. */
  #people = new Map();
  #lastMs = null;

  /**
   * One sample at nowMs (a monotonic clock): speaking is the set of participant ids above
   * the speaking level; who(id) gives {key, name, self} or null for an unknown id. Each
   * speaker is credited the time since the previous sample (at most MAX_SAMPLE_GAP_MS).
   */
  sample(nowMs, speaking, who) {
    const creditMs = this.#lastMs === null ? 0 : Math.min(Math.max(0, nowMs - this.#lastMs), MAX_SAMPLE_GAP_MS);
    this.#lastMs = nowMs;
    for (const id of speaking) {
      const person = who(id);
      if (!person) continue;
      const entry = this.#people.get(person.key) ?? { name: person.name, ms: 0, self: Boolean(person.self) };
      entry.name = person.name;
      entry.ms += creditMs;
      this.#people.set(person.key, entry);
    }
  }

  /** [{key, name, ms, self, share (0..1 of all speaking time)}], longest first, then by name. */
  rows() {
    const totalMs = [...this.#people.values()].reduce((sum, p) => sum + p.ms, 0);
    return [...this.#people].map(([key, p]) => ({ key, ...p, share: totalMs ? p.ms / totalMs : 0 }))
      .filter((row) => row.ms > 0)
      .sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name));
  }
}

/** "45 s", "3 min 05 s", "1 h 02 min" (whole seconds, rounded down). */
export function formatDuration(ms) {
  const s = Math.floor(Math.max(0, ms) / 1000);
  if (s < 60) return t('duration.seconds', { s });
  const min = Math.floor(s / 60);
  if (min < 60) return t('duration.minutes', { min, s: String(s % 60).padStart(2, '0') });
  return t('duration.hours', { h: Math.floor(min / 60), min: String(min % 60).padStart(2, '0') });
}
