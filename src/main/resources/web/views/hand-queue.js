/**
 * The raised-hand queue, for moderators, at the top of the participants panel: the region
 * "Raised hands" lists everyone whose hand is up in the order the hands went up (the
 * server's `handRaisedAt`), each with "Lower <name>'s hand". A participant whose hand a
 * moderator lowered is told so. Nobody else sees the list; everyone sees raised hands on
 * the people themselves.
 */
import { h, uid } from '../dom.js';
import { showNotice } from './notices.js';
import { t } from '../i18n.js';

/** Returns {element, update()}. */
export function createHandQueue(call) {
  const { state } = call;
  const headingId = uid('hands');
  const list = h('ol', { class: 'hand-queue-list' });
  const empty = h('p', { class: 'hint', text: t('hands.none') });
  const element = h('section', { class: 'hand-queue', 'aria-labelledby': headingId, hidden: true },
    h('h3', { id: headingId, class: 'hand-queue-title', text: t('hands.title') }), empty, list);
  let shown = '';

  call.signaling.addEventListener('hand-lowered', (e) => {
    const by = e.detail?.by;
    if (!element.isConnected) return; // a meeting screen rendered again (language switch) says it
    const who = state.nameOf(by);
    showNotice({ text: who ? t('hands.loweredBy', { name: who }) : t('hands.loweredByModerator') });
  });

  function update() {
    element.hidden = !state.isModerator();
    if (element.hidden) return;
    const queue = [state.me, ...state.participants.values()]
      .filter((p) => p?.handRaised && !p.reconnecting)
      .sort((a, b) => (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0));
    const key = queue.map((p) => `${p.id}:${p.name}`).join('|');
    if (key === shown) return;
    const hadFocus = list.contains(document.activeElement);
    shown = key;
    empty.hidden = queue.length > 0;
    list.replaceChildren(...queue.map((p) => {
      const self = p.id === state.me?.id;
      const name = self ? t('hands.you', { name: p.name }) : p.name;
      return h('li', { class: 'hand-queue-item', dataset: { participantId: p.id } },
        h('span', { class: 'hand-queue-name', text: name, dir: 'auto' }),
        h('button', {
          type: 'button', class: 'button button-small',
          onclick: () => (self ? call.setHand(false) : call.moderate({ type: 'lower-hand', participantId: p.id })),
        }, self ? t('hands.lowerOwn') : t('hands.lower', { name: p.name })));
    }));
    if (hadFocus) (list.querySelector('button') ?? element.querySelector('h3')).focus?.();
  }
  update();
  return { element, update };
}
