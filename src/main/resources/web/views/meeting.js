/**
 * The meeting screen, put together from small components: the header (this file), the
 * stage (stage.js, tiles.js, selfview.js), the side panels (panels.js: chat, participants),
 * the lobby panel, a notice row outside the stage, and the control bar (controls.js).
 * Accessible names of the controls are part of the test contract: see controls.js.
 * A feature with its own button adds it here, after createControls:
 * `controls.toolbar.add('meeting', tool('polls', () => ...))` (toolbar.js), as reactions, polls,
 * the live stream and local recording, and the speaker statistics do.
 */
import { h, replaceChildren, uid } from '../dom.js';
import { icon } from '../icons.js';
import { Stage } from './stage.js';
import { createChat } from './chat.js';
import { createParticipants } from './participants.js';
import { createLobbyPanel } from './moderation.js';
import { announce, placeNotices, showNotice } from './notices.js';
import { createCaptions } from './captions.js';
import { createPanels } from './panels.js';
import { createControls } from './controls.js';
import { tool } from './toolbar.js';
import { speakerStatsTool } from './speaker-stats.js';
import { createReactions } from './reactions.js';
import { createPolls } from './polls.js';
import { createDialIn } from './dial-in.js';
import { createRecordingTools } from './recording-tools.js';
import { createBreakouts } from './breakouts.js';
import { effectsTool } from './effects.js';
import { openSettings } from './settings.js';
import { t, tAround } from '../i18n.js';

/** The link to this meeting, from the current room name. */
function meetingLink(call) {
  return `${location.origin}/${call.room}`;
}

/** "Share the link: <link>", with the link where the language puts it. */
function inviteText(link) {
  const [before, after] = tAround('meeting.shareLink', 'link');
  return [before, link, after];
}

/** A "share the link" block with a Copy link button; returns {element, update()}. */
function createInvite(call, lead) {
  const link = h('span', { class: 'invite-link' });
  const element = h('div', { class: 'invite' },
    lead && h('p', { class: 'invite-lead', text: lead }),
    h('p', { class: 'invite-text' }, ...inviteText(link)),
    h('button', { type: 'button', class: 'button button-primary button-small', onclick: () => copyLink(call, link) },
      icon('copy'), h('span', { text: t('meeting.copyLink') })));
  const update = () => { link.textContent = meetingLink(call); };
  update();
  return { element, update };
}

async function copyLink(call, linkElement) {
  try {
    await navigator.clipboard.writeText(meetingLink(call));
    showNotice({ text: t('meeting.linkCopied') });
  } catch {
    const range = document.createRange();
    range.selectNodeContents(linkElement);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    showNotice({ text: t('meeting.linkSelected') });
  }
}

/** The header: room name, badges (people, encryption, lock, recording) and the reconnecting banner. */
function createHeader(call, titleId, extraBadges = () => [], indicator = null) {
  const { state } = call;
  const roomName = h('span', { class: 'meeting-room' });
  const badges = h('span', { class: 'meeting-badges' });
  const banner = h('p', { class: 'banner', hidden: true, text: t('meeting.reconnecting') });
  const element = h('header', { class: 'meeting-header' },
    h('h1', { id: titleId, class: 'meeting-title', tabindex: '-1' }, icon('video', 'icon brand-icon'), roomName),
    badges, indicator, banner);
  function update() {
    roomName.textContent = call.room;
    const room = state.room ?? {};
    const count = state.participants.size + 1;
    replaceChildren(badges,
      h('span', { class: 'badge-pill', text: t('meeting.people', { count }) }),
      room.e2ee && h('span', { class: 'badge-pill badge-e2ee' }, icon('shield', 'icon icon-small'), t('meeting.e2ee')),
      room.locked && h('span', { class: 'badge-pill' }, icon('lock', 'icon icon-small'), t('meeting.locked')),
      room.lobby && h('span', { class: 'badge-pill', text: t('meeting.lobbyOn') }),
      room.hasPassword && h('span', { class: 'badge-pill', text: t('meeting.password') }),
      // Everyone sees it for as long as the server records (docs/protocol.md, "Recording").
      state.recording && h('span', { class: 'badge-pill badge-recording', dataset: { indicator: 'recording' } },
        h('span', { class: 'recording-dot', 'aria-hidden': 'true' }), t('meeting.recording')),
      ...extraBadges());
    const reconnecting = state.connection === 'reconnecting';
    if (banner.hidden === reconnecting) {
      banner.hidden = !reconnecting;
      if (reconnecting) announce(t('meeting.reconnecting'));
    }
  }
  return { element, update };
}

/** The stage with its invite card and the sound. */
function createStage(call, titleId, audioSink) {
  const invite = createInvite(call, t('meeting.alone'));
  const stage = new Stage(call, {
    attrs: { id: 'main', 'aria-labelledby': titleId }, invite: h('div', { class: 'invite-card' }, invite.element), audioSink,
    onAudioBlocked: () => showNotice({ text: t('meeting.soundBlocked'), sticky: true, action: { label: t('meeting.turnOnSound'), run: () => stage.resumeAudio() } }),
  });
  return { stage, invite };
}

/** Renders the meeting into root; returns {destroy()}. */
export function renderMeeting(root, call) {
  const { state } = call;
  const titleId = uid('meeting-title');
  const audioSink = h('div', { class: 'audio-sink', hidden: true });
  const { stage, invite } = createStage(call, titleId, audioSink);
  const recordingTools = createRecordingTools(call, tool, stage.element, audioSink);
  const breakouts = createBreakouts(call);
  const header = createHeader(call, titleId, () => recordingTools.badges(), breakouts.indicator);
  const panels = createPanels({
    onOpen: (name) => name === 'chat' && (chat.opened(), true),
    onClose: (name) => name === 'chat' && chat.closed(),
  });
  const chatPanel = panels.make('chat', t('panel.chat'), t('panel.closeChat'));
  const peoplePanel = panels.make('participants', t('panel.participants'), t('panel.closeParticipants'));
  const chat = createChatPanel(call, chatPanel.body, () => controls.updateUnread());
  const panelInvite = createInvite(call, null);
  panelInvite.element.append(createDialIn(call).element);
  const people = createParticipants(call, peoplePanel.body, {
    invite: panelInvite.element, onWriteTo: (id) => { panels.open('chat'); chat.writeTo(id); },
  });
  const lobby = createLobbyPanel(call);
  const captions = createCaptions(call, tool);
  const reactions = createReactions(call, tool);
  const polls = createPolls(call, tool);
  const noticeRow = h('div', { class: 'notice-row' });
  const meeting = h('div', { class: 'meeting' }, header.element,
    h('div', { class: 'meeting-body' }, stage.element, captions.overlay, captions.live, reactions.strip, chatPanel.element, peoplePanel.element),
    lobby.element, noticeRow);
  const controls = createControls(call, { panels, stage, meeting, captions });
  controls.toolbar.add('media', h('span', { class: 'tool-wrap' }, reactions.button, reactions.picker));
  controls.toolbar.add('media', effectsTool(call, tool));
  controls.toolbar.add('meeting', polls.element, ...recordingTools.buttons, speakerStatsTool(call, tool), breakouts.button);
  meeting.append(controls.element, audioSink);
  root.replaceChildren(meeting);
  placeNotices(noticeRow);

  const updates = {
    header: () => { header.update(); recordingTools.update(); invite.update(); panelInvite.update(); },
  };
  const stop = watchState(state, (what) => {
    stage.update();
    controls.update(what);
    if (what.has('room') || what.has('participants') || what.has('connection') || what.has('recording')) updates.header();
    if (what.has('view')) people.update('participants');
    if (what.has('captions') || what.has('participants') || what.has('room')) captions.update();
    for (const w of what) { chat.update(w); people.update(w); }
    if (what.has('lobby') || what.has('participants')) lobby.update();
    if (what.has('polls')) polls.update();
    if (what.has('breakouts') || what.has('participants') || what.has('room')) breakouts.update();
  }, ['local', 'chat', 'room', 'lobby']);
  const onKey = (event) => {
    if (event.key === 'Escape' && panels.openName && !document.querySelector('dialog[open]')) {
      event.preventDefault();
      panels.close();
    }
  };
  document.addEventListener('keydown', onKey);
  root.querySelector('h1').focus();

  return {
    /** Opens the Settings dialog (the page opens it again after a language switch). */
    openSettings: (focus) => openSettings(call, stage, focus),
    destroy() {
      stop();
      document.removeEventListener('keydown', onKey);
      placeNotices(null);
      controls.destroy();
      stage.destroy();
      recordingTools.destroy();
      breakouts.destroy();
      for (const el of root.querySelectorAll('video, audio')) el.srcObject = null;
    },
  };
}

/** The chat with its unread count: opened()/closed() follow the panel. */
function createChatPanel(call, body, onUnread) {
  const { state } = call;
  const chat = createChat(call, body);
  return {
    ...chat,
    update: (w) => chat.update(w),
    writeTo: (id) => chat.writeTo(id),
    opened() {
      state.chatOpen = true;
      state.unread = 0;
      onUnread();
      chat.focus();
    },
    closed() { state.chatOpen = false; },
  };
}

/**
 * Coalesces bursts of state changes into one render(whatChanged) per task (works in
 * background tabs too); renders once at once with `initial`. Returns a function that stops it.
 */
function watchState(state, render, initial) {
  const dirty = new Set(initial);
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const what = new Set(dirty);
    dirty.clear();
    render(what);
  };
  const onChange = (event) => {
    dirty.add(event.detail.what);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  };
  state.addEventListener('change', onChange);
  flush();
  return () => state.removeEventListener('change', onChange);
}
