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
import { t } from '../i18n.js';

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
      label: t('moderation.askUnmute'),
      run: () => {
        call.moderate({ type: 'ask-unmute', participantId: p.id, kind: 'audio' });
        showNotice({ text: t('moderation.askedUnmute', { name: p.name }) });
      },
    });
  } else {
    items.push({ label: t('moderation.mute'), run: send({ type: 'mute', participantId: p.id, kind: 'audio' }) });
  }
  if (!p.videoMuted) items.push({ label: t('moderation.stopVideo'), run: send({ type: 'mute', participantId: p.id, kind: 'video' }) });
  if (p.role === 'participant') {
    items.push({ label: t('moderation.makeModerator'), run: send({ type: 'set-role', participantId: p.id, role: 'moderator' }) });
  } else if (p.role === 'moderator') {
    items.push({ label: t('moderation.removeModerator'), run: send({ type: 'set-role', participantId: p.id, role: 'participant' }) });
  }
  const rename = renameAction(call, p);
  if (rename) items.push(rename);
  if (p.role !== 'host') items.push({ label: t('moderation.kick'), run: () => confirmKick(call, p), danger: true });
  return items;
}

async function confirmKick(call, p) {
  const values = await openDialog({
    title: t('moderation.kickTitle', { name: p.name }),
    description: t('moderation.kickDescription'),
    fields: [{ name: 'reason', label: t('moderation.kickReason'), maxlength: 200, hint: t('moderation.kickReasonHint') }],
    confirmLabel: t('moderation.kickConfirm'),
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
  const lockButton = smallButton(t('moderation.lock'), () => send({ type: 'set-lock', locked: !state.room?.locked }));
  const lobbyButton = smallButton(t('moderation.enableLobby'), () => send({ type: 'set-lobby', enabled: !state.room?.lobby }));
  const encryptButton = smallButton(t('moderation.e2eeOn'), () => send({ type: 'set-e2ee', enabled: true }));
  const startMuted = h('input', { type: 'checkbox', class: 'checkbox', id: startMutedId });
  const startCamOff = h('input', { type: 'checkbox', class: 'checkbox', id: startCamOffId });
  const sendStartMuted = () => send({ type: 'set-start-muted', audio: startMuted.checked, video: startCamOff.checked });
  startMuted.addEventListener('change', sendStartMuted);
  startCamOff.addEventListener('change', sendStartMuted);
  const status = h('p', { class: 'room-status' });

  const element = h('section', { class: 'room-actions', 'aria-labelledby': `${startMutedId}-heading` },
    h('h3', { class: 'panel-subtitle', id: `${startMutedId}-heading`, text: t('moderation.room') }),
    status,
    h('div', { class: 'action-row' },
      smallButton(t('moderation.muteAll'), () => send({ type: 'mute', participantId: null, kind: 'audio' })),
      lockButton, lobbyButton,
      smallButton(t('moderation.setPassword'), () => setPassword(call)),
      smallButton(t('moderation.newLink'), () => rotate(call)), encryptButton),
    h('div', { class: 'field field-check' }, startMuted, h('label', { for: startMutedId, text: t('moderation.startMuted') })),
    h('div', { class: 'field field-check' }, startCamOff, h('label', { for: startCamOffId, text: t('moderation.startCameraOff') })),
    h('div', { class: 'action-row' }, smallButton(t('moderation.endForAll'), () => endMeeting(call), 'button-danger')));

  function update() {
    const room = state.room ?? {};
    lockButton.textContent = room.locked ? t('moderation.unlock') : t('moderation.lock');
    lobbyButton.textContent = room.lobby ? t('moderation.disableLobby') : t('moderation.enableLobby');
    encryptButton.hidden = Boolean(room.e2ee);
    startMuted.checked = Boolean(room.startAudioMuted);
    startCamOff.checked = Boolean(room.startVideoMuted);
    status.textContent = t('moderation.status', {
      lock: t(room.locked ? 'moderation.statusLocked' : 'moderation.statusOpen'),
      lobby: t(room.lobby ? 'moderation.statusLobby' : 'moderation.statusNoLobby'),
      password: t(room.hasPassword ? 'moderation.statusPassword' : 'moderation.statusNoPassword'),
      e2ee: t(room.e2ee ? 'moderation.statusE2ee' : 'moderation.statusNoE2ee'),
    });
  }
  update();
  return { element, update };
}

async function setPassword(call) {
  const values = await openDialog({
    title: t('moderation.passwordTitle'),
    description: t('moderation.passwordDescription'),
    fields: [{ name: 'password', label: t('moderation.passwordLabel'), type: 'text', maxlength: 128, autocomplete: 'off' }],
    confirmLabel: t('moderation.passwordSave'),
  });
  if (!values) return;
  const password = values.password.trim();
  call.moderate({ type: 'set-password', password: password || null });
  showNotice({ text: password ? t('moderation.passwordSet') : t('moderation.passwordRemoved') });
}

async function rotate(call) {
  const values = await openDialog({
    title: t('moderation.rotateTitle'),
    description: t('moderation.rotateDescription'),
    fields: [{ name: 'newPassword', label: t('moderation.rotatePassword'), type: 'checkbox', value: false }],
    confirmLabel: t('moderation.rotateConfirm'),
  });
  if (!values) return;
  call.moderate({ type: 'rotate', newPassword: values.newPassword });
}

async function endMeeting(call) {
  const values = await openDialog({
    title: t('moderation.endTitle'),
    description: t('moderation.endDescription'),
    confirmLabel: t('moderation.endForAll'),
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
      smallButton(t('lobby.admitAll'), () => call.moderate({ type: 'admit', all: true }), 'button-primary')));
  call.addEventListener('knock', () => { if (element.isConnected) playKnock(); }); // not twice after a language switch

  const items = new Map();
  function item(w) {
    return h('li', { class: 'lobby-item' },
      h('span', { class: 'lobby-name', text: w.name, dir: 'auto' }),
      h('span', { class: 'lobby-buttons', role: 'group', 'aria-label': w.name },
        smallButton(t('lobby.admit'), () => call.moderate({ type: 'admit', participantId: w.id }), 'button-primary'),
        smallButton(t('lobby.deny'), () => call.moderate({ type: 'deny', participantId: w.id, message: null }))));
  }

  /** Keyed update, so a newcomer does not steal the focus from someone's Admit button. */
  function update() {
    const waiting = state.isModerator() ? state.lobby : [];
    const hadFocus = element.contains(document.activeElement);
    element.hidden = waiting.length === 0;
    heading.textContent = t('lobby.waiting', { count: waiting.length });
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
