/**
 * What moderators do to us, and what moderators need to hear (docs/protocol.md,
 * "Moderation"): the lobby and its knock, being muted or asked to unmute, a role that
 * changed. Works on a Call (its state, media and signaling); says things through
 * notice(text, tone, action) and announce(text). No DOM code.
 */

import { t } from './i18n.js';

export class Moderated {
  #call;
  #notice;
  #announce;

  constructor(call, { notice, announce }) {
    this.#call = call;
    this.#notice = notice;
    this.#announce = announce;
  }

  /** After `joined`: a moderator hears about guests already waiting. */
  joined() {
    const { state } = this.#call;
    if (state.isModerator() && state.lobby.length) this.#knock(state.lobby);
  }

  lobby(m) {
    const { state } = this.#call;
    const waiting = Array.isArray(m.waiting) ? m.waiting : [];
    const known = new Set(state.lobby.map((w) => w.id));
    const newcomers = waiting.filter((w) => !known.has(w.id));
    state.lobby = waiting;
    state.changed('lobby');
    if (newcomers.length) this.#knock(newcomers);
  }

  muted(m) {
    const call = this.#call;
    if (m.kind === 'video') {
      // The server holds back the screen too (docs/protocol.md, "Server-side mute"): stop
      // sharing here as well, so nobody believes they still share.
      const sharing = call.state.local.sharing;
      call.local.setCamera(false);
      if (sharing) call.local.setSharing(false);
      this.#notice(sharing ? t('moderated.cameraAndScreenStopped') : t('moderated.cameraStopped'));
    } else {
      call.local.setMic(false);
      this.#notice(t('moderated.muted'));
    }
  }

  unmuteRequested(m) {
    const call = this.#call;
    if (m.kind === 'video') {
      if (call.state.local.cameraOn) return;
      this.#notice(t('moderated.askCamera'), 'info',
        { label: t('toolbar.startCamera'), run: () => call.local.setCamera(true) });
    } else {
      if (call.state.local.micOn) return;
      this.#notice(t('moderated.askUnmute'), 'info',
        { label: t('toolbar.unmute'), run: () => call.local.setMic(true) });
    }
  }

  role(m) {
    const { state } = this.#call;
    if (!state.me) return;
    const wasModerator = state.isModerator();
    state.me = { ...state.me, role: m.role };
    state.changed('participants');
    const isModerator = state.isModerator();
    if (isModerator && !wasModerator) this.#notice(t('moderated.nowModerator'));
    if (!isModerator && wasModerator) this.#notice(t('moderated.noLongerModerator'));
  }

  #knock(newcomers) {
    const names = newcomers.map((w) => w.name);
    this.#call.dispatchEvent(new CustomEvent('knock', { detail: { names } }));
    for (const name of names) this.#announce(t('lobby.knock', { name }));
  }
}
