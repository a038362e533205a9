/**
 * Our own state as everyone sees it is what the server says (docs/protocol.md, "update
 * during the meeting"): when it refuses an `update` (too often, or a picture over the
 * room's budget) or admits us without our picture, this tells the person politely and
 * brings the controls back in line with the server. No DOM code.
 */

import { t } from './i18n.js';

/** Refusals of our own `update`, by error code (catalogue keys). */
const REFUSAL_NOTICES = {
  'rate-limited': 'own.rateLimited',
  'too-large': 'own.pictureTooLarge',
};
/** The same refusal notice is shown at most this often. */
const NOTICE_GAP_MS = 5_000;
/**
 * After a refusal, tell the server again what we turned off this much later: its bucket
 * gives one update back every 500 ms.
 */
const RESEND_AFTER_MS = 1_000;

export class OwnState {
  #state;
  #media;
  #signaling;
  #notice;
  #shownMs = new Map();
  #resendTimer = 0;
  #avatarNoticeShown = false;

  /** notice(text, tone) shows a notice. */
  constructor({ state, media, signaling, notice }) {
    this.#state = state;
    this.#media = media;
    this.#signaling = signaling;
    this.#notice = notice;
  }

  /** After `joined`: we sent a picture and were admitted without it (the room's budget was full). */
  joined(sentAvatar) {
    if (!sentAvatar || this.#state.me?.avatar || this.#avatarNoticeShown) return;
    this.#avatarNoticeShown = true;
    this.#notice(t(REFUSAL_NOTICES['too-large']), 'info');
  }

  /** Handles an `error`; true if it was the refusal of one of our updates. */
  error(m) {
    const text = m.ref === 'update' && REFUSAL_NOTICES[m.code] ? t(REFUSAL_NOTICES[m.code]) : undefined;
    if (!text) return false;
    const now = performance.now();
    if (now - (this.#shownMs.get(text) ?? -Infinity) >= NOTICE_GAP_MS) {
      this.#shownMs.set(text, now);
      this.#notice(text, 'error');
    }
    this.#followServer();
    return true;
  }

  /** Our own `participant-updated` arrived (already in state.me): the hand is the server's. */
  updated() {
    this.#state.local.handRaised = this.#state.me?.handRaised ?? false;
    this.#state.changed('local');
  }

  stop() {
    clearTimeout(this.#resendTimer);
    this.#resendTimer = 0;
  }

  /**
   * Shows what the server has: a hand goes back to the server's; a mic or camera we
   * turned on while the server has it off is turned off again. One we turned off stays
   * off here (never on again behind the person's back), and the server is told again a
   * moment later, when its rate allows.
   */
  #followServer() {
    const me = this.#state.me;
    if (!me) return;
    const { local } = this.#state;
    local.handRaised = me.handRaised;
    if (local.micOn && me.audioMuted) {
      this.#media.setMicEnabled(false);
      local.micOn = false;
    }
    if (local.cameraOn && me.videoMuted) {
      this.#media.setCameraTrack(null);
      local.cameraOn = false;
    }
    this.#state.changed('local');
    clearTimeout(this.#resendTimer);
    this.#resendTimer = setTimeout(() => this.#resendOff(), RESEND_AFTER_MS);
  }

  #resendOff() {
    this.#resendTimer = 0;
    const me = this.#state.me;
    if (!me || this.#signaling.status !== 'joined') return;
    const update = {};
    if (!this.#state.local.micOn && !me.audioMuted) update.audioMuted = true;
    if (!this.#state.local.cameraOn && !me.videoMuted) update.videoMuted = true;
    if (Object.keys(update).length) this.#signaling.send({ type: 'update', ...update });
  }
}
