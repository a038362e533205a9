/**
 * Live captions as the page receives them (docs/protocol.md, "Captions"): whether the meeting
 * has them and who may turn them on (state.captions, from `joined` and `captions`), each
 * speaker's current line (partial, then final) and the transcript of final lines, kept only in
 * this page. Whether to show them is each viewer's own choice (`shown`, default on). Fires
 * 'line' ({participantId, name, text, final}) for every caption. No DOM code.
 */

import { t } from './i18n.js';
export class CaptionsFeed extends EventTarget {
  #state;
  #notice;
  /** Final lines: {at (ms since 1970), name, text}; only in this page, for the download. */
  transcript = [];
  shown = true;

  constructor(state, signaling, { notice }) {
    super();
    this.#state = state;
    this.#notice = notice;
    this.signaling = signaling;
    signaling.addEventListener('joined', (e) => this.#joined(e.detail));
    signaling.addEventListener('captions', (e) => this.#changed(e.detail));
    signaling.addEventListener('caption', (e) => this.#caption(e.detail));
  }

  /** Whether this viewer may turn the meeting's captions on and off. */
  mayTurn() {
    const c = this.#state.captions;
    if (!c || !c.who) return false;
    return c.who === 'anyone' || this.#state.isModerator();
  }

  /** Asks the server to turn captions on or off for everyone. */
  turn(on) {
    this.signaling.send({ type: 'set-captions', on: Boolean(on) });
  }

  /** This viewer's own choice to show them. */
  setShown(shown) {
    this.shown = Boolean(shown);
    this.#state.changed('captions');
  }

  /** The transcript as plain text, one final line each: "[hh:mm:ss] Name: text". */
  transcriptText() {
    const pad = (n) => String(n).padStart(2, '0');
    return this.transcript.map(({ at, name, text }) => {
      const d = new Date(at);
      return `[${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}] ${name}: ${text}`;
    }).join('\n') + (this.transcript.length ? '\n' : '');
  }

  #joined(m) {
    const c = m.captions && typeof m.captions === 'object' ? m.captions : {};
    this.#set({ who: typeof c.who === 'string' ? c.who : null, on: Boolean(c.on), by: c.by ?? null });
  }

  #changed(m) {
    const was = this.#state.captions?.on;
    this.#set({ ...(this.#state.captions ?? { who: null }), on: Boolean(m.on), by: m.on ? m.by : null });
    if (Boolean(m.on) !== Boolean(was)) {
      this.#notice(m.on ? this.#by(m.by, 'captions.onByYou', 'captions.onBy') : (m.by ? this.#by(m.by, 'captions.offByYou', 'captions.offBy') : t('captions.stopped')));
    }
  }

  #caption(m) {
    if (typeof m.participantId !== 'string' || typeof m.text !== 'string') return;
    const name = this.#state.me?.id === m.participantId ? t('captions.you') : (this.#state.participants.get(m.participantId)?.name ?? t('captions.someone'));
    const line = { participantId: m.participantId, name, text: m.text, final: m.final === true };
    if (line.final) this.transcript.push({ at: Date.now(), name, text: m.text });
    this.dispatchEvent(new CustomEvent('line', { detail: line }));
  }

  /** A message about what someone did: its own wording when it was us (verbs agree with the person). */
  #by(id, youKey, key) {
    if (id && id === this.#state.me?.id) return t(youKey);
    return t(key, { name: this.#state.participants.get(id)?.name ?? t('captions.aModerator') });
  }

  #set(captions) {
    this.#state.captions = captions;
    this.#state.changed('captions');
  }
}
