/**
 * The participants panel: an invitation (copy link), everyone with role, microphone,
 * camera and raised hand, and for moderators the per-person and room actions.
 */
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { avatarElement } from '../avatar.js';
import { createRoomActions, personActions } from './moderation.js';

const ROLE_LABELS = { host: 'Host', moderator: 'Moderator', participant: '' };

/**
 * Builds the panel's content into panelBody. invite is a ready-made copy-link block.
 * onWriteTo(participantId) opens a private chat. Returns {update(what)}.
 */
export function createParticipants(call, panelBody, { invite, onWriteTo }) {
  const { state } = call;
  const list = h('ul', { class: 'people-list' });
  const roomActions = createRoomActions(call);
  const moderatorArea = h('div', { class: 'moderator-area' });
  panelBody.append(h('div', { class: 'people-scroll' }, invite, list, moderatorArea));

  function render() {
    const hadFocus = list.contains(document.activeElement) ? describeFocus(document.activeElement) : null;
    list.replaceChildren(...state.everyone().map((p) => personRow(call, p, onWriteTo)));
    const isModerator = state.isModerator();
    if (isModerator && !roomActions.element.isConnected) moderatorArea.append(roomActions.element);
    if (!isModerator) roomActions.element.remove();
    roomActions.update();
    if (hadFocus) restoreFocus(list, hadFocus);
  }

  render();
  return {
    update(what) {
      if (what === 'participants' || what === 'local') render();
      if (what === 'room') roomActions.update();
    },
  };
}

function personRow(call, p, onWriteTo) {
  const { state } = call;
  const self = p.id === state.me?.id;
  const micOff = self ? !state.local.micOn : p.audioMuted;
  const cameraOff = self ? !state.local.cameraOn : p.videoMuted;
  const hand = self ? state.local.handRaised : p.handRaised;
  const nameId = uid('person');
  const role = ROLE_LABELS[p.role];
  const actions = p.reconnecting ? [] : personActions(call, p);
  if (!self && !p.reconnecting) actions.unshift(h('button', { type: 'button', class: 'button button-small', onclick: () => onWriteTo(p.id) }, 'Message privately'));
  return h('li', {
    class: 'person', 'aria-labelledby': nameId, dataset: { participantId: p.id, name: p.name },
  },
  h('div', { class: 'person-main' },
    avatarElement({ key: p.key ?? p.id, name: p.name, avatar: p.avatar }, 'small'),
    h('div', { class: 'person-text' },
      h('span', { id: nameId, class: 'person-name', text: self ? `${p.name} (you)` : p.name }),
      role && h('span', { class: 'person-role' }, icon('shield', 'icon icon-small'), role),
      p.reconnecting && h('span', { class: 'person-status', text: 'Reconnecting…' })),
    h('div', { class: 'person-state' },
      hand && stateIcon('hand', 'Hand raised', 'is-hand'),
      stateIcon(micOff ? 'mic-off' : 'mic', micOff ? 'Microphone off' : 'Microphone on', micOff ? 'is-off' : ''),
      stateIcon(cameraOff ? 'video-off' : 'video', cameraOff ? 'Camera off' : 'Camera on', cameraOff ? 'is-off' : ''))),
  actions.length > 0 && h('div', { class: 'person-actions', role: 'group', 'aria-label': `Actions for ${p.name}` }, actions));
}

function stateIcon(name, label, extra) {
  return h('span', { class: `state-icon ${extra}`.trim(), role: 'img', 'aria-label': label, title: label }, icon(name));
}

/** Where focus was, as (participant id, button text), so a re-render can put it back. */
function describeFocus(el) {
  return { participantId: el.closest('[data-participant-id]')?.dataset.participantId, text: el.textContent };
}

function restoreFocus(list, { participantId, text }) {
  const row = [...list.children].find((li) => li.dataset.participantId === participantId);
  const buttons = row ? [...row.querySelectorAll('button')] : [];
  (buttons.find((b) => b.textContent === text) ?? buttons[0] ?? list.querySelector('button'))?.focus();
}
