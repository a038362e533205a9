/**
 * The meeting's tools in the control bar (toolbar.js lays them out). Accessible names are
 * part of the test contract: "Mute microphone"/"Unmute microphone", "Stop camera"/"Start
 * camera", "Share screen"/"Stop sharing", "Raise hand"/"Lower hand", "Speaker view"/"Tile
 * view", "Full screen"/"Exit full screen", "Chat", "Participants", "Settings", "Start
 * recording"/"Stop recording" (moderators only), "Leave meeting" (data-tool: mic, camera,
 * screen, hand, layout, fullscreen, chat, participants, settings, record, leave).
 */
import { h, uid } from '../dom.js';
import { createToolbar, guarded, tool } from './toolbar.js';
import { openSettings } from './settings.js';
import { t } from '../i18n.js';

/**
 * Full screen takes the whole meeting (stage, notices and controls), not the stage alone:
 * the controls and notices stay reachable, and Escape leaves it as usual.
 */
function createFullscreen(meeting) {
  const full = tool('fullscreen', () => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else meeting.requestFullscreen().catch(() => {});
  });
  full.button.hidden = !document.fullscreenEnabled;
  const update = () => {
    const on = Boolean(document.fullscreenElement);
    full.set(on ? t('toolbar.exitFullscreen') : t('toolbar.fullscreen'), on ? 'fullscreen-exit' : 'fullscreen');
  };
  document.addEventListener('fullscreenchange', update);
  update();
  return { tool: full, destroy: () => document.removeEventListener('fullscreenchange', update) };
}

/** The unread badge of the Chat button. */
function createUnread(chatButton) {
  const id = uid('unread');
  const text = h('span', { id, class: 'visually-hidden' });
  const badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  chatButton.setAttribute('aria-describedby', id);
  return {
    nodes: [h('span', { class: 'tool-wrap' }, chatButton, badge), text],
    update(n) {
      badge.hidden = n === 0;
      badge.textContent = n > 99 ? '99+' : String(n);
      text.textContent = n === 0 ? '' : t('toolbar.unread', { count: n });
    },
  };
}

/**
 * The tools. panels: panels.js set (chat and participants are bound to their buttons);
 * stage: for the settings (quality, self view); meeting: the element full screen takes;
 * captions: its buttons join the meeting group. Returns {element, toolbar, update(what),
 * updateUnread(), destroy()}.
 */
export function createControls(call, { panels, stage, meeting, captions }) {
  const { state } = call;
  const tools = {
    mic: tool('mic', guarded(() => call.local.setMic(!state.local.micOn))),
    camera: tool('camera', guarded(() => call.local.setCamera(!state.local.cameraOn))),
    screen: tool('screen', guarded(() => call.local.setSharing(!state.local.sharing))),
    hand: tool('hand', () => call.setHand(!state.local.handRaised)),
    layout: tool('layout', () => state.setLayout(state.view.layout === 'speaker' ? 'grid' : 'speaker')),
    chat: tool('chat', () => panels.toggle('chat')),
    participants: tool('participants', () => panels.toggle('participants')),
    settings: tool('settings', () => openSettings(call, stage)),
    record: tool('record', () => call.moderate({ type: 'record', action: state.recording ? 'stop' : 'start' })),
    leave: tool('leave', () => call.leave()),
  };
  const fullscreen = createFullscreen(meeting);
  tools.chat.set(t('toolbar.chat'), 'chat');
  tools.participants.set(t('toolbar.participants'), 'people');
  tools.settings.set(t('toolbar.settings'), 'settings');
  tools.leave.set(t('toolbar.leave'), 'leave');
  tools.leave.button.classList.add('tool-leave');
  tools.screen.button.hidden = !navigator.mediaDevices?.getDisplayMedia;
  tools.settings.button.setAttribute('aria-haspopup', 'dialog');
  panels.bind('chat', tools.chat.button);
  panels.bind('participants', tools.participants.button);
  const unread = createUnread(tools.chat.button);

  const toolbar = createToolbar();
  toolbar.add('media', tools.mic, tools.camera, tools.screen, tools.hand);
  toolbar.add('meeting', tools.layout, fullscreen.tool, ...unread.nodes, tools.participants, tools.settings,
    tools.record, ...captions.buttons);
  toolbar.add('end', tools.leave);

  function updateOwn() {
    const { local } = state;
    tools.mic.set(local.micOn ? t('toolbar.mute') : t('toolbar.unmute'), local.micOn ? 'mic' : 'mic-off', !local.micOn);
    tools.camera.set(local.cameraOn ? t('toolbar.stopCamera') : t('toolbar.startCamera'), local.cameraOn ? 'video' : 'video-off', !local.cameraOn);
    tools.screen.set(local.sharing ? t('toolbar.stopSharing') : t('toolbar.share'), local.sharing ? 'screen-off' : 'screen');
    tools.screen.button.classList.toggle('is-active', local.sharing);
    tools.hand.set(local.handRaised ? t('toolbar.lowerHand') : t('toolbar.raiseHand'), 'hand');
    tools.hand.button.classList.toggle('is-active', local.handRaised);
    const speaker = state.view.layout === 'speaker';
    tools.layout.set(speaker ? t('toolbar.tileView') : t('toolbar.speakerView'), speaker ? 'grid' : 'speaker');
  }

  function updateRecord() {
    tools.record.button.hidden = !state.isModerator();
    tools.record.set(state.recording ? t('toolbar.stopRecording') : t('toolbar.startRecording'), 'record', false);
    tools.record.button.classList.toggle('is-active', Boolean(state.recording));
  }

  return {
    element: toolbar.element,
    toolbar,
    update(what) {
      if (what.has('local') || what.has('view')) updateOwn();
      if (what.has('chat')) unread.update(state.unread);
      if (what.has('room') || what.has('participants') || what.has('recording')) updateRecord();
    },
    updateUnread: () => unread.update(state.unread),
    destroy() {
      fullscreen.destroy();
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    },
  };
}
