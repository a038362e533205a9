/**
 * Reactions on the meeting screen: the "React" toolbar button (data-tool react) opens the
 * "Reactions" group of six buttons ("Thumbs up", "Applause", "Laughter", "Surprise", "Love",
 * "Celebration"); Escape or "React" closes it. Every reaction the server passes on (the
 * sender's own included) shows for a few seconds in a strip over the stage with the sender's
 * name (textContent), and others' are announced politely ("Ada reacted with applause.").
 * The strip itself is hidden from screen readers: the announcement says it once.
 */
import { h, uid } from '../dom.js';
import { announce } from './notices.js';
import { t } from '../i18n.js';

/** The server's set (docs/protocol.md), in order: emoji, button name, what the announcement says (catalogue keys). */
export const REACTIONS = [
  ['\u{1F44D}', 'reactions.thumbsUp', 'reactions.reactedThumbsUp'],
  ['\u{1F44F}', 'reactions.applause', 'reactions.reactedApplause'],
  ['\u{1F602}', 'reactions.laughter', 'reactions.reactedLaughter'],
  ['\u{1F62E}', 'reactions.surprise', 'reactions.reactedSurprise'],
  ['\u2764\uFE0F', 'reactions.love', 'reactions.reactedLove'],
  ['\u{1F389}', 'reactions.celebration', 'reactions.reactedCelebration'],
];
const SHOWN_MS = 4000;
const MAX_SHOWN = 8;

/** Returns {button, picker, strip}, given the meeting's tool() maker. */
export function createReactions(call, tool) {
  const { state } = call;
  const react = tool('react', () => setOpen(picker.hidden));
  react.set(t('reactions.tool'), 'smile');
  const pickerId = uid('reactions');
  const picker = h('div', {
    id: pickerId, class: 'reaction-picker', role: 'group', 'aria-label': t('reactions.label'), hidden: true,
    onkeydown: (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      react.button.focus();
    },
  }, REACTIONS.map(([emoji, key]) => h('button', {
    type: 'button', class: 'reaction-button', 'aria-label': t(key), title: t(key),
    onclick: () => call.signaling.send({ type: 'react', emoji }),
  }, h('span', { 'aria-hidden': 'true', text: emoji }))));
  react.button.setAttribute('aria-expanded', 'false');
  react.button.setAttribute('aria-controls', pickerId);
  const strip = h('div', { class: 'reaction-strip', 'aria-hidden': 'true', dataset: { reactions: '' } });

  function setOpen(open) {
    picker.hidden = !open;
    react.button.setAttribute('aria-expanded', String(open));
    if (open) picker.querySelector('button').focus();
  }

  call.signaling.addEventListener('reaction', (e) => {
    const m = e.detail;
    const known = REACTIONS.find(([emoji]) => emoji === m?.emoji);
    if (!known || typeof m.participantId !== 'string' || !strip.isConnected) return; // not twice after a language switch
    const own = m.participantId === state.me?.id;
    const name = own ? t('reactions.you') : (state.nameOf(m.participantId) ?? t('reactions.someone'));
    const item = h('p', { class: 'reaction', dataset: { participantId: m.participantId } },
      h('span', { class: 'reaction-emoji', text: known[0] }), h('span', { class: 'reaction-name', text: name, dir: 'auto' }));
    strip.append(item);
    while (strip.childElementCount > MAX_SHOWN) strip.firstElementChild.remove();
    setTimeout(() => item.remove(), SHOWN_MS);
    if (!own) announce(t(known[2], { name }));
  });
  return { button: react.button, picker, strip };
}
