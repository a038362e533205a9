// own-state.js: our own state follows the server's word after a refused update.
//   node --test src/test/js/own-state.test.mjs
import './browser-globals.mjs';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { MeetingState } from '../../main/resources/web/store.js';
import { OwnState } from '../../main/resources/web/own-state.js';

function setUp({ audioMuted = false, videoMuted = false, handRaised = false } = {}) {
  const state = new MeetingState();
  state.reset({ you: { id: 'me', name: 'Ada', audioMuted, videoMuted, handRaised }, room: {}, participants: [] });
  const media = { calls: [], setMicEnabled(on) { this.calls.push(['mic', on]); }, setCameraTrack(t) { this.calls.push(['camera', t]); } };
  const signaling = { status: 'joined', sent: [], send(m) { this.sent.push(m); return true; } };
  const notices = [];
  const own = new OwnState({ state, media, signaling, notice: (text, tone) => notices.push({ text, tone }) });
  return { state, media, signaling, notices, own };
}

let nowMs = 0;
beforeEach(() => {
  nowMs = 0;
  mock.method(performance, 'now', () => nowMs);
  mock.timers.enable({ apis: ['setTimeout'] });
});
afterEach(() => {
  mock.timers.reset();
  mock.restoreAll();
});

test('errors that are not about our update are not ours to handle', () => {
  const { own, notices } = setUp();
  assert.equal(own.error({ type: 'error', ref: 'chat', code: 'rate-limited' }), false);
  assert.equal(own.error({ type: 'error', ref: 'update', code: 'bad-request' }), false);
  assert.deepEqual(notices, []);
});

test('a refused update: a mic and camera the server has off are turned off here, the hand is the server\'s', () => {
  const { own, state, media, notices } = setUp({ audioMuted: true, videoMuted: true });
  Object.assign(state.local, { micOn: true, cameraOn: true, handRaised: true });
  assert.equal(own.error({ type: 'error', ref: 'update', code: 'rate-limited' }), true);
  assert.deepEqual(notices, [{ text: 'Slow down: too many changes at once.', tone: 'error' }]);
  assert.deepEqual(media.calls, [['mic', false], ['camera', null]]);
  assert.deepEqual(state.local, { micOn: false, cameraOn: false, sharing: false, handRaised: false });
});

test('what we turned off is told to the server again a second later; the notice is not repeated within 5 s', () => {
  const { own, state, signaling, notices } = setUp({ audioMuted: false });
  state.local.micOn = false;
  own.error({ type: 'error', ref: 'update', code: 'rate-limited' });
  nowMs = 1_000;
  own.error({ type: 'error', ref: 'update', code: 'rate-limited' });
  assert.equal(notices.length, 1);
  mock.timers.tick(999);
  assert.deepEqual(signaling.sent, []);
  mock.timers.tick(1);
  assert.deepEqual(signaling.sent, [{ type: 'update', audioMuted: true, videoMuted: true }]);
  nowMs = 6_000;
  own.error({ type: 'error', ref: 'update', code: 'rate-limited' });
  assert.equal(notices.length, 2);
  own.stop();
  mock.timers.tick(5_000);
  assert.equal(signaling.sent.length, 1, 'stopped: nothing more');
});

test('admitted without the picture we sent: told once', () => {
  const { own, notices } = setUp();
  own.joined(true);
  own.joined(true);
  own.joined(false);
  assert.deepEqual(notices.map((n) => n.tone), ['info']);
  assert.match(notices[0].text, /picture is too large/);
});
