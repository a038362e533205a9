// The web client's ICE recovery (docs/protocol.md, "When the media path breaks"), run with
// node's test runner and mocked timers:   node --test src/test/js/ice-recovery.test.mjs
// IceRecoveryScriptTest runs it in CI.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { DISCONNECTED_GRACE_MS, IceRecovery, RESTART_TIMEOUT_MS } from '../../main/resources/web/ice-recovery.js';

function recovery({ joined = true } = {}) {
  const log = [];
  const r = new IceRecovery({
    restart: () => log.push('restart'), giveUp: () => log.push('give up'), canRestart: () => joined,
  });
  return { r, log };
}

test('a short "disconnected" heals by itself: no restart', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { r, log } = recovery();
  r.onState('disconnected');
  mock.timers.tick(DISCONNECTED_GRACE_MS - 1);
  r.onState('connected');
  mock.timers.tick(60_000);
  assert.deepEqual(log, []);
  mock.timers.reset();
});

test('a lasting "disconnected" restarts ICE once; connected again, nothing more', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { r, log } = recovery();
  r.onState('disconnected');
  mock.timers.tick(DISCONNECTED_GRACE_MS);
  assert.deepEqual(log, ['restart']);
  assert.equal(r.busy, true);
  r.onState('disconnected'); // still down while the restart runs: no second one
  r.onState('checking');
  r.onState('connected');
  mock.timers.tick(60_000);
  assert.deepEqual(log, ['restart']);
  assert.equal(r.busy, false);
  mock.timers.reset();
});

test('"failed" restarts at once, and a restart that does not connect gives up to the fallback', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { r, log } = recovery();
  r.onState('failed');
  assert.deepEqual(log, ['restart']);
  mock.timers.tick(RESTART_TIMEOUT_MS - 1);
  assert.deepEqual(log, ['restart']);
  mock.timers.tick(1);
  assert.deepEqual(log, ['restart', 'give up']);
  assert.equal(r.restarts, 1);
  mock.timers.reset();
});

test('no restart while signaling is down (the rejoin rebuilds everything)', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { r, log } = recovery({ joined: false });
  r.onState('failed');
  r.onState('disconnected');
  mock.timers.tick(60_000);
  assert.deepEqual(log, []);
  mock.timers.reset();
});

test('reset forgets a pending restart (a new peer connection)', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { r, log } = recovery();
  r.onState('disconnected');
  r.reset();
  mock.timers.tick(60_000);
  assert.deepEqual(log, []);
  mock.timers.reset();
});
