/**
 * The meeting screen: header, tile stage, side panels (chat, participants), lobby panel,
 * and the control bar. Accessible names of the controls are part of the test contract:
 * "Mute microphone"/"Unmute microphone", "Stop camera"/"Start camera",
 * "Share screen"/"Stop sharing", "Raise hand"/"Lower hand", "Speaker view"/"Tile view",
 * "Chat", "Participants", "Start recording"/"Stop recording" (moderators only), "Leave meeting" (data-tool: mic, camera, screen, hand, layout,
 * chat, participants, record, leave). The stage's own controls are in stage.js and tiles.js.
 */
import { h, replaceChildren, uid } from '../dom.js';
import { icon } from '../icons.js';
import { Stage } from './stage.js';
import { createChat } from './chat.js';
import { createParticipants } from './participants.js';
import { createLobbyPanel } from './moderation.js';
import { announce, showNotice } from './notices.js';
import { createCaptions } from './captions.js';
import { createBreakouts } from './breakouts.js';

/** The link to this meeting, from the current room name. */
function meetingLink(call) {
  return `${location.origin}/${call.room}`;
}

/** A "share the link" block with a Copy link button; returns {element, update()}. */
function createInvite(call, lead) {
  const link = h('span', { class: 'invite-link' });
  const element = h('div', { class: 'invite' },
    lead && h('p', { class: 'invite-lead', text: lead }),
    h('p', { class: 'invite-text' }, 'Share the link: ', link),
    h('button', { type: 'button', class: 'button button-primary button-small', onclick: () => copyLink(call, link) },
      icon('copy'), h('span', { text: 'Copy link' })));
  const update = () => { link.textContent = meetingLink(call); };
  update();
  return { element, update };
}

async function copyLink(call, linkElement) {
  try {
    await navigator.clipboard.writeText(meetingLink(call));
    showNotice({ text: 'Link copied.' });
  } catch {
    const range = document.createRange();
    range.selectNodeContents(linkElement);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    showNotice({ text: 'The link is selected: press Ctrl+C (or ⌘+C) to copy it.' });
  }
}

/** A control-bar button whose label, icon and "off" look can change. */
function tool(name, onclick) {
  const label = h('span', { class: 'tool-label' });
  const button = h('button', { type: 'button', class: 'tool', dataset: { tool: name }, onclick }, label);
  let iconName = null;
  return {
    button,
    set(text, newIcon, off = false) {
      if (label.textContent !== text) label.textContent = text;
      if (iconName !== newIcon) {
        iconName = newIcon;
        button.querySelector('svg')?.remove();
        button.prepend(icon(newIcon));
      }
      button.classList.toggle('is-off', off);
    },
  };
}

/** Runs an async action once at a time per button, so a double click does not toggle twice. */
function guarded(action) {
  let busy = false;
  return async (event) => {
    if (busy) return;
    busy = true;
    event.currentTarget.setAttribute('aria-busy', 'true');
    const target = event.currentTarget;
    try {
      await action();
    } finally {
      busy = false;
      target.removeAttribute('aria-busy');
    }
  };
}

/** Renders the meeting into root; returns {destroy()}. */
export function renderMeeting(root, call) {
  const { state } = call;
  const titleId = uid('meeting-title');
  const roomName = h('span', { class: 'meeting-room' });
  const badges = h('span', { class: 'meeting-badges' });
  const banner = h('p', { class: 'banner', hidden: true, text: 'Connection lost. Reconnecting…' });
  const audioSink = h('div', { class: 'audio-sink', hidden: true });
  const invite = createInvite(call, 'You are the only one here.');
  const inviteCard = h('div', { class: 'invite-card' }, invite.element);
  const panelInvite = createInvite(call, null);

  const stage = new Stage(call, {
    attrs: { id: 'main', 'aria-labelledby': titleId }, invite: inviteCard, audioSink,
    onAudioBlocked: () => showNotice({ text: 'The browser blocked the sound.', sticky: true, action: { label: 'Turn on sound', run: () => stage.resumeAudio() } }),
  });

  const panels = {};
  let openName = null;
  const makePanel = (name, title) => {
    const headingId = uid(`${name}-title`);
    const body = h('div', { class: 'panel-body' });
    const heading = h('h2', { id: headingId, class: 'panel-title', tabindex: '-1', text: title });
    const element = h('aside', { class: 'panel', id: uid(`panel-${name}`), 'aria-labelledby': headingId, hidden: true },
      h('div', { class: 'panel-head' }, heading,
        h('button', { type: 'button', class: 'icon-button', onclick: () => closePanel() },
          icon('close'), h('span', { class: 'visually-hidden', text: `Close ${title.toLowerCase()}` }))),
      body);
    panels[name] = { element, body, heading };
    return panels[name];
  };
  const chatPanel = makePanel('chat', 'Chat');
  const peoplePanel = makePanel('participants', 'Participants');
  const chat = createChat(call, chatPanel.body);
  const people = createParticipants(call, peoplePanel.body, {
    invite: panelInvite.element,
    onWriteTo: (id) => { openPanel('chat'); chat.writeTo(id); },
  });
  const lobby = createLobbyPanel(call);

  const tools = {
    mic: tool('mic', guarded(() => call.setMic(!state.local.micOn))),
    camera: tool('camera', guarded(() => call.setCamera(!state.local.cameraOn))),
    screen: tool('screen', guarded(() => call.setSharing(!state.local.sharing))),
    hand: tool('hand', () => call.setHand(!state.local.handRaised)),
    layout: tool('layout', () => state.setLayout(state.view.layout === 'speaker' ? 'grid' : 'speaker')),
    chat: tool('chat', () => togglePanel('chat')),
    participants: tool('participants', () => togglePanel('participants')),
    leave: tool('leave', () => call.leave()),
    record: tool('record', () => call.moderate({ type: 'record', action: state.recording ? 'stop' : 'start' })),
  };
  const captions = createCaptions(call, tool);
  const breakouts = createBreakouts(call);
  tools.chat.set('Chat', 'chat');
  tools.participants.set('Participants', 'people');
  tools.leave.set('Leave meeting', 'leave');
  tools.leave.button.classList.add('tool-leave');
  tools.screen.button.hidden = !navigator.mediaDevices?.getDisplayMedia;
  const unreadId = uid('unread');
  const unreadText = h('span', { id: unreadId, class: 'visually-hidden' });
  const unreadBadge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  tools.chat.button.setAttribute('aria-describedby', unreadId);
  for (const name of ['chat', 'participants']) {
    tools[name].button.setAttribute('aria-expanded', 'false');
    tools[name].button.setAttribute('aria-controls', panels[name].element.id);
  }

  root.replaceChildren(h('div', { class: 'meeting' },
    h('header', { class: 'meeting-header' },
      h('h1', { id: titleId, class: 'meeting-title', tabindex: '-1' }, icon('video', 'icon brand-icon'), roomName),
      badges, breakouts.indicator, banner),
    h('div', { class: 'meeting-body' },
      stage.element, captions.overlay, captions.live,
      chatPanel.element, peoplePanel.element),
    lobby.element,
    h('footer', { class: 'toolbar', 'aria-label': 'Meeting controls' },
      h('div', { class: 'toolbar-group' }, tools.mic.button, tools.camera.button, tools.screen.button, tools.hand.button),
      h('div', { class: 'toolbar-group' },
        tools.layout.button, h('span', { class: 'tool-wrap' }, tools.chat.button, unreadBadge), unreadText,
        tools.participants.button, tools.record.button, ...captions.buttons, breakouts.button),
      h('div', { class: 'toolbar-group' }, tools.leave.button)),
    audioSink));

  function togglePanel(name) {
    if (openName === name) closePanel();
    else openPanel(name);
  }

  function openPanel(name) {
    if (openName && openName !== name) closePanel(false);
    openName = name;
    panels[name].element.hidden = false;
    tools[name].button.setAttribute('aria-expanded', 'true');
    root.querySelector('.meeting').classList.add('has-panel');
    if (name === 'chat') {
      state.chatOpen = true;
      state.unread = 0;
      updateUnread();
      chat.focus();
    } else {
      panels[name].heading.focus();
    }
  }

  function closePanel(returnFocus = true) {
    if (!openName) return;
    const name = openName;
    openName = null;
    panels[name].element.hidden = true;
    tools[name].button.setAttribute('aria-expanded', 'false');
    root.querySelector('.meeting').classList.remove('has-panel');
    if (name === 'chat') state.chatOpen = false;
    if (returnFocus) tools[name].button.focus();
  }

  function updateUnread() {
    const n = state.unread;
    unreadBadge.hidden = n === 0;
    unreadBadge.textContent = n > 99 ? '99+' : String(n);
    unreadText.textContent = n === 0 ? '' : `${n} unread message${n === 1 ? '' : 's'}`;
  }

  function updateTools() {
    const { local } = state;
    tools.mic.set(local.micOn ? 'Mute microphone' : 'Unmute microphone', local.micOn ? 'mic' : 'mic-off', !local.micOn);
    tools.camera.set(local.cameraOn ? 'Stop camera' : 'Start camera', local.cameraOn ? 'video' : 'video-off', !local.cameraOn);
    tools.screen.set(local.sharing ? 'Stop sharing' : 'Share screen', local.sharing ? 'screen-off' : 'screen');
    tools.screen.button.classList.toggle('is-active', local.sharing);
    tools.hand.set(local.handRaised ? 'Lower hand' : 'Raise hand', 'hand');
    tools.hand.button.classList.toggle('is-active', local.handRaised);
    const speaker = state.view.layout === 'speaker';
    tools.layout.set(speaker ? 'Tile view' : 'Speaker view', speaker ? 'grid' : 'speaker');
  }

  function updateHeader() {
    roomName.textContent = call.room;
    const room = state.room ?? {};
    const count = state.participants.size + 1;
    replaceChildren(badges,
      h('span', { class: 'badge-pill', text: `${count} ${count === 1 ? 'person' : 'people'}` }),
      room.e2ee && h('span', { class: 'badge-pill badge-e2ee' }, icon('shield', 'icon icon-small'), 'End-to-end encrypted'),
      room.locked && h('span', { class: 'badge-pill' }, icon('lock', 'icon icon-small'), 'Locked'),
      room.lobby && h('span', { class: 'badge-pill', text: 'Lobby on' }),
      room.hasPassword && h('span', { class: 'badge-pill', text: 'Password' }),
      // Everyone sees it for as long as the server records (docs/protocol.md, "Recording").
      state.recording && h('span', { class: 'badge-pill badge-recording', dataset: { indicator: 'recording' } },
        h('span', { class: 'recording-dot', 'aria-hidden': 'true' }), 'Recording'));
    tools.record.button.hidden = !state.isModerator();
    tools.record.set(state.recording ? 'Stop recording' : 'Start recording', 'record', false);
    tools.record.button.classList.toggle('is-active', Boolean(state.recording));
    const reconnecting = state.connection === 'reconnecting';
    if (banner.hidden === reconnecting) {
      banner.hidden = !reconnecting;
      if (reconnecting) announce('Connection lost. Reconnecting…');
    }
    invite.update();
    panelInvite.update();
  }

  const dirty = new Set();
  let scheduled = false;
  function flush() {
    scheduled = false;
    const what = new Set(dirty);
    dirty.clear();
    stage.update();
    if (what.has('local') || what.has('view')) updateTools();
    if (what.has('chat')) updateUnread();
    if (what.has('room') || what.has('participants') || what.has('connection') || what.has('recording')) updateHeader();
    if (what.has('view')) people.update('participants');
    if (what.has('captions') || what.has('participants') || what.has('room')) captions.update();
    for (const w of what) {
      chat.update(w);
      people.update(w);
    }
    if (what.has('lobby') || what.has('participants')) lobby.update();
    if (what.has('breakouts') || what.has('participants') || what.has('room')) breakouts.update();
  }
  /** Coalesces bursts of changes into one update per task (works in background tabs too). */
  const onChange = (event) => {
    dirty.add(event.detail.what);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  };
  const onKey = (event) => {
    if (event.key === 'Escape' && openName && !document.querySelector('dialog[open]')) {
      event.preventDefault();
      closePanel();
    }
  };
  state.addEventListener('change', onChange);
  document.addEventListener('keydown', onKey);
  ['local', 'chat', 'room', 'lobby'].forEach((what) => dirty.add(what));
  flush();
  root.querySelector('h1').focus();

  return {
    destroy() {
      state.removeEventListener('change', onChange);
      document.removeEventListener('keydown', onKey);
      stage.destroy();
      breakouts.destroy();
      for (const el of root.querySelectorAll('video, audio')) el.srcObject = null;
    },
  };
}
