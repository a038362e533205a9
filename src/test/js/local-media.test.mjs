// local-media.js: the own microphone, camera and screen during a meeting, with a fake
// MediaSession and fake devices (navigator.mediaDevices).
//   node --test src/test/js/local-media.test.mjs
import './browser-globals.mjs';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { MeetingState } from '../../main/resources/web/store.js';
import { LocalMedia } from '../../main/resources/web/local-media.js';

/** A track as far as LocalMedia and devices.js look at it. */
function track(kind, deviceId) {
  return {
    kind, deviceId, enabled: true, stopped: false, listeners: {},
    stop() { this.stopped = true; },
    getSettings() { return { deviceId }; },
    addEventListener(type, listener) { this.listeners[type] = listener; },
  };
}

/** Fake devices: getUserMedia answers with a track of the asked device, or fails when told to. */
function installDevices({ fail = false } = {}) {
  const asked = [];
  Object.defineProperty(globalThis, 'navigator', {
    configurable: true,
    value: {
      mediaDevices: {
        async getUserMedia(constraints) {
          asked.push(constraints);
          if (fail) throw Object.assign(new Error('denied'), { name: 'NotAllowedError' });
          const kind = constraints.audio ? 'audio' : 'video';
          const wanted = (constraints.audio ?? constraints.video).deviceId;
          return { getTracks: () => [track(kind, wanted?.exact ?? wanted?.ideal ?? 'default')] };
        },
        async getDisplayMedia() {
          return { getVideoTracks: () => [track('video', 'screen')], getTracks: () => [track('video', 'screen')] };
        },
      },
    },
  });
  return asked;
}

const originalNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
afterEach(() => {
  if (originalNavigator) Object.defineProperty(globalThis, 'navigator', originalNavigator);
});

function setUp(start = {}) {
  const state = new MeetingState();
  state.reset({ you: { id: 'me', name: 'Ada', audioMuted: false, videoMuted: false }, room: {}, participants: [] });
  const media = {
    micTrack: null, cameraTrack: null, screenTrack: null, micEnabled: null,
    setMicEnabled(on) { this.micEnabled = on; },
    async setMicTrack(t) { this.micTrack = t; },
    async setCameraTrack(t) { this.cameraTrack?.stop(); this.cameraTrack = t; },
    startScreen(t) { this.screenTrack = t; },
    stopScreen() { this.screenTrack = null; },
  };
  const signaling = { sent: [], send(m) { this.sent.push(m); return true; } };
  const notices = [];
  const local = new LocalMedia({ media, state, signaling, notice: (text, tone) => notices.push({ text, tone }) }, start);
  return { state, media, signaling, notices, local };
}

test('the pre-join screen hands over its tracks and choices', () => {
  const mic = track('audio', 'mic-1');
  const { state, media, local } = setUp({ micTrack: mic, cameraTrack: null, micOn: true, micDeviceId: 'mic-1' });
  assert.equal(media.micTrack, mic);
  assert.equal(media.micEnabled, true);
  assert.deepEqual([state.local.micOn, state.local.cameraOn], [true, false]);
  assert.equal(local.deviceId('mic'), 'mic-1');
  assert.equal(local.deviceId('camera'), null);
});

test('mute and unmute tell the server; a microphone that will not open is a notice, not a change', async () => {
  const { state, media, signaling, notices, local } = setUp({ micTrack: track('audio', 'mic-1'), micOn: true });
  await local.setMic(false);
  assert.equal(media.micEnabled, false);
  assert.equal(state.local.micOn, false);
  assert.deepEqual(signaling.sent.at(-1), { type: 'update', audioMuted: true });

  const { local: noMic, signaling: quiet, notices: said, state: noMicState } = setUp({ micOn: false });
  installDevices({ fail: true });
  await noMic.setMic(true);
  assert.equal(noMicState.local.micOn, false);
  assert.deepEqual(quiet.sent, [], 'nothing sent when the microphone did not open');
  assert.equal(said.length, 1);
  assert.equal(said[0].tone, 'error');
  assert.deepEqual(notices, []);
});

test('the camera opens the device chosen in Settings, and another one swaps in while it is on', async () => {
  const asked = installDevices();
  const { state, media, signaling, local } = setUp({ cameraDeviceId: 'cam-1' });
  await local.setCamera(true);
  assert.equal(media.cameraTrack.deviceId, 'cam-1');
  assert.equal(state.local.cameraOn, true);
  assert.deepEqual(signaling.sent.at(-1), { type: 'update', videoMuted: false });
  const first = media.cameraTrack;
  await local.useDevice('camera', 'cam-2');
  assert.equal(media.cameraTrack.deviceId, 'cam-2');
  assert.equal(first.stopped, true);
  assert.equal(local.deviceId('camera'), 'cam-2');
  assert.equal(asked.length, 2);

  await local.useDevice('mic', 'mic-9'); // the microphone is off: only remembered
  assert.equal(asked.length, 2);
  assert.equal(local.deviceId('mic'), 'mic-9');
  const camera = media.cameraTrack;
  assert.deepEqual(local.takeTracks(), { micTrack: null, cameraTrack: camera, micDeviceId: 'mic-9', cameraDeviceId: 'cam-2' });
  assert.equal(media.cameraTrack, null, 'the tracks are given away (to the next call or the pre-join screen)');
});

test('sharing stops when the browser ends it', async () => {
  installDevices();
  const { state, media, local } = setUp();
  await local.setSharing(true);
  assert.equal(state.local.sharing, true);
  const screen = media.screenTrack;
  screen.listeners.ended();
  assert.equal(media.screenTrack, null);
  assert.equal(state.local.sharing, false);
});

test('a room that makes newcomers start muted: the server is followed, and said', () => {
  const { state, media, notices, local } = setUp({ micTrack: track('audio', 'm'), cameraTrack: track('video', 'c'), micOn: true });
  local.followServer({ audioMuted: true, videoMuted: true });
  assert.deepEqual([state.local.micOn, state.local.cameraOn], [false, false]);
  assert.equal(media.micEnabled, false);
  assert.equal(notices.length, 1);
});
