/**
 * Moderator controls: per-person actions (mute, stop video, ask to unmute, role, kick) as
 * items of the person's "More actions" menu,
 * room actions (mute everyone else, lock, lobby, password, start muted, new link, end),
 * and the lobby panel with Admit / Deny. Shown only to hosts and moderators; the server
 * checks every action anyway.
 */
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { openDialog } from './dialog.js';
import { playKnock, showNotice } from './notices.js';
import { renameAction } from './dial-in.js';

function smallButton(label, onclick, extra = '') {
  return h('button', { type: 'button', class: `button button-small ${extra}`.trim(), onclick }, label);
}

/**
 * The moderator's items for another participant p, for their "More actions" menu
 * (participants.js): [{label, run, danger}]; empty for non-moderators and for oneself.
 */
export function personActions(call, p) {
  const { state } = call;
  if (!state.isModerator() || p.id === state.me?.id) return [];
  const send = (message) => () => call.moderate(message);
  const items = [];
  if (p.audioMuted) {
    items.push({
      label: 'Ask to unmute',
      run: () => {
        call.moderate({ type: 'ask-unmute', participantId: p.id, kind: 'audio' });
        showNotice({ text: `Asked ${p.name} to unmute.` });
      },
    });
  } else {
    items.push({ label: 'Mute', run: send({ type: 'mute', participantId: p.id, kind: 'audio' }) });
  }
  if (!p.videoMuted) items.push({ label: 'Stop video', run: send({ type: 'mute', participantId: p.id, kind: 'video' }) });
  if (p.role === 'participant') {
    items.push({ label: 'Make moderator', run: send({ type: 'set-role', participantId: p.id, role: 'moderator' }) });
  } else if (p.role === 'moderator') {
    items.push({ label: 'Remove moderator', run: send({ type: 'set-role', participantId: p.id, role: 'participant' }) });
  }
  const rename = renameAction(call, p);
  if (rename) items.push(rename);
  if (p.role !== 'host') items.push({ label: 'Remove from meeting', run: () => confirmKick(call, p), danger: true });
  return items;
}

async function confirmKick(call, p) {
  const values = await openDialog({
    title: `Remove ${p.name} from the meeting?`,
    description: 'They cannot come back into this meeting for 10 minutes.',
    fields: [{ name: 'reason', label: 'Reason (optional)', maxlength: 200, hint: 'They will see this.' }],
    confirmLabel: 'Kick',
    danger: true,
  });
  if (!values) return;
  call.moderate({ type: 'kick', participantId: p.id, reason: values.reason.trim() || null });
}

/** Builds the room actions section; returns {element, update()}. */
export function createRoomActions(call) {
  const { state } = call;
  const send = (message) => call.moderate(message);
  const startMutedId = uid('start-muted');
  const startCamOffId = uid('start-cam-off');
  const lockButton = smallButton('Lock room', () => send({ type: 'set-lock', locked: !state.room?.locked }));
  const lobbyButton = smallButton('Enable lobby', () => send({ type: 'set-lobby', enabled: !state.room?.lobby }));
  const encryptButton = smallButton('Turn on end-to-end encryption', () => send({ type: 'set-e2ee', enabled: true }));
  const startMuted = h('input', { type: 'checkbox', class: 'checkbox', id: startMutedId });
  const startCamOff = h('input', { type: 'checkbox', class: 'checkbox', id: startCamOffId });
  const sendStartMuted = () => send({ type: 'set-start-muted', audio: startMuted.checked, video: startCamOff.checked });
  startMuted.addEventListener('change', sendStartMuted);
  startCamOff.addEventListener('change', sendStartMuted);
  const status = h('p', { class: 'room-status' });

  const element = h('section', { class: 'room-actions', 'aria-labelledby': `${startMutedId}-heading` },
    h('h3', { class: 'panel-subtitle', id: `${startMutedId}-heading`, text: 'Room' }),
    status,
    h('div', { class: 'action-row' },
      smallButton('Mute everyone else', () => send({ type: 'mute', participantId: null, kind: 'audio' })),
      lockButton, lobbyButton,
      smallButton('Set password', () => setPassword(call)),
      smallButton('New meeting link', () => rotate(call)), encryptButton),
    h('div', { class: 'field field-check' }, startMuted, h('label', { for: startMutedId, text: 'Everyone starts muted' })),
    h('div', { class: 'field field-check' }, startCamOff, h('label', { for: startCamOffId, text: 'Everyone starts with camera off' })),
    h('div', { class: 'action-row' }, smallButton('End meeting for all', () => endMeeting(call), 'button-danger')));

  function update() {
    const room = state.room ?? {};
    lockButton.textContent = room.locked ? 'Unlock room' : 'Lock room';
    lobbyButton.textContent = room.lobby ? 'Disable lobby' : 'Enable lobby';
    encryptButton.hidden = Boolean(room.e2ee);
    startMuted.checked = Boolean(room.startAudioMuted);
    startCamOff.checked = Boolean(room.startVideoMuted);
    const facts = [room.locked ? 'Locked' : 'Open', room.lobby ? 'lobby on' : 'no lobby',
      room.hasPassword ? 'password set' : 'no password', room.e2ee ? 'end-to-end encrypted' : 'not end-to-end encrypted'];
    status.textContent = `${facts.join(', ')}.`;
  }
  update();
  return { element, update };
}

async function setPassword(call) {
  const values = await openDialog({
    title: 'Set the meeting password',
    description: 'People who join from now on need it. Leave it empty to remove the password.',
    fields: [{ name: 'password', label: 'Room password', type: 'text', maxlength: 128, autocomplete: 'off' }],
    confirmLabel: 'Save',
  });
  if (!values) return;
  const password = values.password.trim();
  call.moderate({ type: 'set-password', password: password || null });
  showNotice({ text: password ? 'The meeting password is set.' : 'The meeting password is removed.' });
}

async function rotate(call) {
  const values = await openDialog({
    title: 'Move to a new meeting link?',
    description: 'Everyone here moves along; the old link stops working. Use it when the link reached the wrong people.',
    fields: [{ name: 'newPassword', label: 'Also set a new password', type: 'checkbox', value: false }],
    confirmLabel: 'Create new link',
  });
  if (!values) return;
  call.moderate({ type: 'rotate', newPassword: values.newPassword });
}

async function endMeeting(call) {
  const values = await openDialog({
    title: 'End the meeting for everyone?',
    description: 'Everyone is disconnected and the chat is gone.',
    confirmLabel: 'End meeting for all',
    danger: true,
  });
  if (values) call.moderate({ type: 'end-meeting' });
}

/**
 * The lobby panel: who is waiting, with Admit / Deny each and Admit all. Visible to
 * moderators while someone waits. Returns {element, update()}; plays the knock on "knock".
 */
export function createLobbyPanel(call) {
  const { state } = call;
  const headingId = uid('lobby-heading');
  const list = h('ul', { class: 'lobby-list' });
  const heading = h('h2', { id: headingId, class: 'lobby-title' });
  const element = h('section', { class: 'lobby-panel', 'aria-labelledby': headingId, hidden: true },
    h('div', { class: 'lobby-head' }, icon('door'), heading),
    list,
    h('div', { class: 'action-row' },
      smallButton('Admit all', () => call.moderate({ type: 'admit', all: true }), 'button-primary')));
  call.addEventListener('knock', () => playKnock());

  const items = new Map();
  function item(w) {
    return h('li', { class: 'lobby-item' },
      h('span', { class: 'lobby-name', text: w.name }),
      h('span', { class: 'lobby-buttons', role: 'group', 'aria-label': w.name },
        smallButton('Admit', () => call.moderate({ type: 'admit', participantId: w.id }), 'button-primary'),
        smallButton('Deny', () => call.moderate({ type: 'deny', participantId: w.id, message: null }))));
  }

  /** Keyed update, so a newcomer does not steal the focus from someone's Admit button. */
  function update() {
    const waiting = state.isModerator() ? state.lobby : [];
    const hadFocus = element.contains(document.activeElement);
    element.hidden = waiting.length === 0;
    heading.textContent = waiting.length === 1 ? '1 person is waiting' : `${waiting.length} people are waiting`;
    const ids = new Set(waiting.map((w) => w.id));
    for (const [id, li] of items) if (!ids.has(id)) { li.remove(); items.delete(id); }
    for (const w of waiting) {
      if (!items.has(w.id)) items.set(w.id, item(w));
      list.append(items.get(w.id));
    }
    if (hadFocus && !element.contains(document.activeElement)) {
      (list.querySelector('button') ?? document.querySelector('[data-tool="participants"]'))?.focus();
    }
  }
  update();
  return { element, update };
}
