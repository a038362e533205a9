/**
 * Everything the page tells people without being asked: one polite live region for
 * screen readers (joins, leaves, messages, notices), visual notices with an optional action,
 * and the lobby knock sound (made with WebAudio, no file).
 */
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';

const NOTICE_MS = 7000;
const NOTICE_WITH_ACTION_MS = 15000;

let liveRegion = null;
let noticeStack = null;
let audioContext = null;

/** Creates the live region and the notice stack once; both live for the page's lifetime. */
export function installNotices(parent = document.body) {
  if (liveRegion) return;
  liveRegion = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'false', id: 'announcer' });
  // A named region, so that notices sit in a landmark like the rest of the page.
  noticeStack = h('div', { class: 'notices', role: 'region', 'aria-label': t('notice.region') });
  parent.append(noticeStack, liveRegion);
}

/**
 * Moves the notice stack into parent (the meeting puts it in its own row outside the stage,
 * so notices never cover a video), or back to the page's body (null).
 */
export function placeNotices(parent) {
  if (!noticeStack) installNotices();
  (parent ?? document.body).append(noticeStack);
}

/**
 * Says something to screen-reader users through the one live region. Each announcement
 * is a fresh paragraph (so repeating the same words is announced again); old ones are
 * pruned.
 */
export function announce(text) {
  if (!liveRegion) installNotices();
  liveRegion.append(h('p', { text }));
  while (liveRegion.childElementCount > 5) liveRegion.firstElementChild.remove();
}

/**
 * Shows a notice. tone: "info" or "error". action: {label, run} adds a button. sticky:
 * stays until dismissed. Also announced. Returns a function that removes it.
 */
export function showNotice({ text, tone = 'info', action = null, sticky = false, detail = null }) {
  if (!noticeStack) installNotices();
  announce(detail ? `${text} ${detail}` : text);
  const remove = () => item.remove();
  const item = h('div', { class: `notice notice-${tone}` },
    h('p', { class: 'notice-text' }, text, detail && h('span', { class: 'notice-detail', text: detail })),
    action && h('button', {
      type: 'button', class: 'button button-primary button-small',
      onclick: () => { remove(); action.run(); },
    }, action.label),
    h('button', { type: 'button', class: 'icon-button notice-close', onclick: remove },
      icon('close'), h('span', { class: 'visually-hidden', text: t('notice.dismiss') })));
  noticeStack.append(item);
  while (noticeStack.childElementCount > 4) noticeStack.firstElementChild.remove();
  if (!sticky) setTimeout(remove, action ? NOTICE_WITH_ACTION_MS : NOTICE_MS);
  return remove;
}

/** Removes every notice (when leaving a screen). */
export function clearNotices() {
  noticeStack?.replaceChildren();
}

/**
 * Prepares the audio context while we have a user gesture (the Join click), so the knock
 * can play later without one.
 */
export function unlockSound() {
  const AudioCtx = globalThis.AudioContext;
  if (!AudioCtx) return;
  audioContext ??= new AudioCtx();
  if (audioContext.state === 'suspended') audioContext.resume().catch(() => {});
}

/** A soft two-note chime: someone is waiting in the lobby. */
export function playKnock() {
  if (!audioContext) unlockSound();
  if (!audioContext) return;
  const start = audioContext.currentTime + 0.02;
  [[660, 0], [880, 0.18]].forEach(([frequencyHz, offsetS]) => {
    const osc = audioContext.createOscillator();
    const gain = audioContext.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequencyHz;
    gain.gain.setValueAtTime(0.0001, start + offsetS);
    gain.gain.exponentialRampToValueAtTime(0.2, start + offsetS + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offsetS + 0.45);
    osc.connect(gain).connect(audioContext.destination);
    osc.start(start + offsetS);
    osc.stop(start + offsetS + 0.5);
  });
}
