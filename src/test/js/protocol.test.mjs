// protocol.js: the signaling connection against a scripted WebSocket, with mocked timers.
//   node --test src/test/js/protocol.test.mjs
import { MemoryStorage, record } from './browser-globals.mjs';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { Signaling, defaultSignalingUrl } from '../../main/resources/web/protocol.js';

/** A WebSocket the test drives: open(), receive(message), drop(); sent holds what the client sent. */
class ScriptedSocket {
  static OPEN = 1;
  static all = [];
  readyState = 0;
  sent = [];
  constructor(url) {
    this.url = url;
    ScriptedSocket.all.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.readyState = 3; }
  open() { this.readyState = 1; this.onopen?.(); }
  receive(message) { this.onmessage?.({ data: JSON.stringify(message) }); }
  drop() { this.readyState = 3; this.onclose?.(); }
}

const params = () => ({ room: 'Room-1', name: 'Ada', password: '', hostToken: null, audioMuted: true, videoMuted: false });

beforeEach(() => {
  ScriptedSocket.all = [];
  globalThis.WebSocket = ScriptedSocket;
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
});
afterEach(() => {
  mock.timers.reset();
  mock.restoreAll();
});

test('the URL is the page origin\'s /ws, wss under https', () => {
  assert.equal(defaultSignalingUrl({ protocol: 'https:', host: 'meet.example:8443' }), 'wss://meet.example:8443/ws');
  assert.equal(defaultSignalingUrl({ protocol: 'http:', host: 'localhost' }), 'ws://localhost/ws');
});

test('connect sends join; joined keeps the resume secret, which the next join of that room sends', () => {
  const storage = new MemoryStorage();
  const signaling = new Signaling({ url: 'wss://x/ws', storage });
  const statuses = record(signaling, 'status');
  signaling.connect(params);
  const ws = ScriptedSocket.all[0];
  ws.open();
  assert.deepEqual(ws.sent[0], {
    type: 'join', room: 'Room-1', name: 'Ada', password: null, resume: null, hostToken: null,
    audioMuted: true, videoMuted: false, avatar: null, e2ee: false, e2eeCapable: false,
  });
  ws.receive({ type: 'joined', resume: 's3cret', you: { id: 'p1' } });
  assert.equal(signaling.status, 'joined');
  assert.deepEqual(statuses.map((s) => s.status), ['connecting', 'joined']);
  ws.drop();
  assert.equal(signaling.status, 'reconnecting');
  mock.timers.tick(1_000);
  const again = ScriptedSocket.all[1];
  assert.ok(again, 'reconnected after the back-off');
  again.open();
  assert.equal(again.sent[0].resume, 's3cret');
  signaling.leave();
  assert.deepEqual(again.sent.at(-1), { type: 'leave' });
  assert.equal(storage.getItem('parley.resume'), null, 'leaving forgets the secret');
});

test('a final join error closes with join-failed and its code; no retry', () => {
  const signaling = new Signaling({ url: 'wss://x/ws', storage: new MemoryStorage() });
  const closed = record(signaling, 'closed');
  signaling.connect(params);
  ScriptedSocket.all[0].open();
  ScriptedSocket.all[0].receive({ type: 'error', ref: 'join', code: 'wrong-password', message: 'no' });
  assert.deepEqual(closed, [{ reason: 'join-failed', code: 'wrong-password', message: 'no' }]);
  mock.timers.tick(60_000);
  assert.equal(ScriptedSocket.all.length, 1);
});

test('offers are answered in order; an error to an offer rejects it; a drop rejects the waiting one', async () => {
  const signaling = new Signaling({ url: 'wss://x/ws', storage: new MemoryStorage() });
  signaling.connect(params);
  const ws = ScriptedSocket.all[0];
  ws.open();
  ws.receive({ type: 'joined', resume: 'r' });
  const first = signaling.exchange({ type: 'offer', sdp: 'one' });
  const second = signaling.exchange({ type: 'offer', sdp: 'two' });
  await Promise.resolve();
  assert.deepEqual(ws.sent.filter((m) => m.type === 'offer').map((m) => m.sdp), ['one'], 'one at a time');
  ws.receive({ type: 'answer', sdp: 'A1' });
  assert.equal((await first).sdp, 'A1');
  await new Promise((resolve) => setImmediate(resolve));
  ws.receive({ type: 'error', ref: 'offer', code: 'bad-request' });
  await assert.rejects(second, /bad-request/);
  const third = signaling.exchange({ type: 'offer', sdp: 'three' });
  await new Promise((resolve) => setImmediate(resolve));
  ws.drop();
  await assert.rejects(third, /connection lost/);
});

test('silence for longer than the limit drops the connection; pings go out meanwhile', () => {
  let nowMs = 1_000_000;
  mock.method(Date, 'now', () => nowMs);
  const pass = (ms) => {
    nowMs += ms;
    mock.timers.tick(ms);
  };
  const signaling = new Signaling({ url: 'wss://x/ws', storage: new MemoryStorage() });
  signaling.connect(params);
  const ws = ScriptedSocket.all[0];
  ws.open();
  ws.receive({ type: 'joined', resume: 'r' });
  pass(15_000);
  assert.equal(ws.sent.at(-1).type, 'ping');
  assert.equal(signaling.status, 'joined');
  pass(15_000);
  pass(15_000);
  assert.equal(signaling.status, 'reconnecting', 'no frame for 45 s');
  signaling.close();
});

test('kicked and ended end the connection for good', () => {
  for (const type of ['kicked', 'ended']) {
    const signaling = new Signaling({ url: 'wss://x/ws', storage: new MemoryStorage() });
    const closed = record(signaling, 'closed');
    signaling.connect(params);
    ScriptedSocket.all.at(-1).open();
    ScriptedSocket.all.at(-1).receive({ type: 'joined', resume: 'r' });
    ScriptedSocket.all.at(-1).receive({ type });
    assert.deepEqual(closed, [{ reason: type }]);
    assert.equal(signaling.status, 'closed');
  }
});
