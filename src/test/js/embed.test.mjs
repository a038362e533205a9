// embed-origins.js and embed.js: which pages may command an embedded meeting, and the bridge.
//   node --test src/test/js/embed.test.mjs
import './browser-globals.mjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { originAllowed } from '../../main/resources/web/embed-origins.js';
import { EMBED_TAG, EmbedBridge } from '../../main/resources/web/embed.js';

const SELF = 'https://meet.example.org';

test('frame-ancestors sources: exact origins, self, wildcards, bare hosts and schemes', () => {
  const sources = ["'self'", 'https://intranet.example.com', 'https://*.apps.example.net', 'portal.example.org:8443', 'http://127.0.0.2:4000'];
  for (const ok of [SELF, 'https://intranet.example.com', 'https://a.apps.example.net', 'https://portal.example.org:8443', 'http://127.0.0.2:4000']) {
    assert.ok(originAllowed(ok, sources, SELF), ok);
  }
  for (const no of ['https://evil.example', 'http://intranet.example.com', 'https://intranet.example.com:444', 'https://apps.example.net',
    'https://portal.example.org', 'http://127.0.0.2:4001', 'null', 'not a url', 'https://intranet.example.com/path']) {
    assert.ok(!originAllowed(no, sources, SELF), no);
  }
  assert.ok(!originAllowed(SELF, ["'none'"], SELF));
  assert.ok(!originAllowed('https://any.example', ['*'], SELF), "'*' is never taken as anyone");
  assert.ok(originAllowed('https://any.example', ['https:'], SELF));
  assert.ok(!originAllowed('http://any.example', ['http:'], SELF), 'a plain-http scheme source is too broad');
});

function bridge({ allowed = (o) => o === 'https://portal.example' } = {}) {
  const posted = [];
  const calls = [];
  const b = new EmbedBridge({
    allowed,
    post: (message, origin) => posted.push({ message, origin }),
    commands: {
      room: () => 'team-sync',
      join: (p) => { calls.push(['join', p]); return true; },
      mute: () => { calls.push(['mute']); return true; },
      unmute: () => { calls.push(['unmute']); return true; },
      hangUp: () => { calls.push(['hang-up']); return true; },
    },
  });
  return { b, posted, calls };
}

const parent = { name: 'parent window' };
const from = (origin, data, source = parent) => ({ origin, source, data: { [EMBED_TAG]: 1, ...data } });

test('hello from the allowed parent: ready goes back to that origin only; then commands are obeyed', () => {
  const { b, posted, calls } = bridge();
  assert.equal(b.receive(from('https://portal.example', { type: 'hello' }), parent), true);
  assert.deepEqual(posted, [{ message: { [EMBED_TAG]: 1, type: 'ready', room: 'team-sync' }, origin: 'https://portal.example' }]);
  b.receive(from('https://portal.example', { type: 'join', name: '  Ada ', video: false }), parent);
  b.receive(from('https://portal.example', { type: 'mute' }), parent);
  b.receive(from('https://portal.example', { type: 'unmute' }), parent);
  b.receive(from('https://portal.example', { type: 'hang-up' }), parent);
  assert.deepEqual(calls, [['join', { name: 'Ada', audio: true, video: false }], ['mute'], ['unmute'], ['hang-up']]);
});

test('messages from another origin, another window or of another shape are ignored and counted', () => {
  const { b, posted, calls } = bridge();
  assert.equal(b.receive(from('https://evil.example', { type: 'hello' }), parent), false);
  assert.equal(b.receive(from('https://evil.example', { type: 'hang-up' }), parent), false);
  assert.equal(b.receive(from('https://portal.example', { type: 'hello' }, { name: 'a popup' }), parent), false);
  assert.equal(b.receive({ origin: 'https://portal.example', source: parent, data: { type: 'hello' } }, parent), false);
  assert.equal(b.receive(from('https://portal.example', { type: 'mute' }), parent), false, 'no hello yet');
  assert.deepEqual(posted, []);
  assert.deepEqual(calls, []);
  assert.equal(b.refused, 5);
});

test('events go to the hello origin; a bad name or unknown command is answered with an error', () => {
  const { b, posted, calls } = bridge();
  b.emit('joined', { participantId: 'p1' });
  assert.deepEqual(posted, [], 'nobody said hello: nothing is sent');
  b.receive(from('https://portal.example', { type: 'hello' }), parent);
  b.receive(from('https://portal.example', { type: 'join', name: 'x'.repeat(49) }), parent);
  b.receive(from('https://portal.example', { type: 'join', name: 'a\u0007b' }), parent);
  b.receive(from('https://portal.example', { type: 'dance' }), parent);
  assert.deepEqual(calls, []);
  assert.deepEqual(posted.slice(1).map((p) => [p.message.type, p.message.command]), [['error', 'join'], ['error', 'join'], ['error', 'dance']]);
  assert.ok(posted.every((p) => p.origin === 'https://portal.example'));
});

test('attach: joined, participants joining and leaving, and the end of the call become events', () => {
  const { b, posted } = bridge();
  b.receive(from('https://portal.example', { type: 'hello' }), parent);
  const call = new EventTarget();
  call.signaling = new EventTarget();
  call.state = { me: { id: 'p1', name: 'Ada' } };
  call.room = 'team-sync';
  b.attach(call);
  const fire = (target, type, detail) => target.dispatchEvent(new CustomEvent(type, { detail }));
  fire(call, 'phase', { phase: 'joined' });
  fire(call.signaling, 'participant-joined', { participant: { id: 'p2', name: 'Bob' }, replaces: null });
  fire(call.signaling, 'participant-left', { participantId: 'p2' });
  fire(call, 'phase', { phase: 'left' });
  fire(call, 'phase', { phase: 'left' });
  assert.deepEqual(posted.slice(1).map((p) => p.message), [
    { [EMBED_TAG]: 1, type: 'joined', participantId: 'p1', name: 'Ada', room: 'team-sync' },
    { [EMBED_TAG]: 1, type: 'participant-joined', participantId: 'p2', name: 'Bob', replaces: null },
    { [EMBED_TAG]: 1, type: 'participant-left', participantId: 'p2' },
    { [EMBED_TAG]: 1, type: 'left', reason: 'left', code: null },
  ]);
});
