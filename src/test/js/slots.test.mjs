// slots.js: the receive slots and what the server's `forwarding` says they carry.
//   node --test src/test/js/slots.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReceiveSlots, WANTED_VIDEO_SLOTS, slotCounts } from '../../main/resources/web/slots.js';

/** A peer connection that hands out transceivers with mids 0, 1, 2, ... */
function fakePc() {
  let next = 0;
  return {
    addTransceiver(kind, init) {
      assert.equal(init.direction, 'recvonly');
      return { mid: String(next++), receiver: { track: { kind, id: `track-${next}` } }, setCodecPreferences() {} };
    },
  };
}

test('slot counts: the server\'s limits, at most 27 video slots, the protocol\'s defaults for garbage', () => {
  assert.deepEqual(slotCounts({ audio: 2, video: 8 }), { audio: 2, video: 8 });
  assert.deepEqual(slotCounts({ audio: 3, video: 100 }), { audio: 3, video: WANTED_VIDEO_SLOTS });
  assert.deepEqual(slotCounts(undefined), { audio: 3, video: WANTED_VIDEO_SLOTS });
  assert.deepEqual(slotCounts({ audio: -1, video: 2.5 }), { audio: 3, video: WANTED_VIDEO_SLOTS });
});

test('recv lists every slot by mid and kind, audio first', () => {
  const slots = new ReceiveSlots(fakePc(), { audio: 1, video: 2 });
  assert.deepEqual(slots.recv(), [{ mid: '0', kind: 'audio' }, { mid: '1', kind: 'video' }, { mid: '2', kind: 'video' }]);
});

test('forwarding fills and empties slots; only real changes count; unknown mids are ignored', () => {
  const slots = new ReceiveSlots(fakePc(), { audio: 1, video: 2 });
  const changed = slots.apply([
    { mid: '0', participantId: 'bob', trackId: 'ba' },
    { mid: '1', participantId: 'bob', trackId: 'bc', source: 'camera' },
    { mid: '2', participantId: 'cy', trackId: 'cs', source: 'screen' },
    { mid: '9', participantId: 'x', trackId: 'y' },
  ]);
  assert.equal(changed.length, 3);
  assert.equal(changed[0].source, 'mic', 'audio without a source is the mic');
  assert.equal(slots.apply([{ mid: '1', participantId: 'bob', trackId: 'bc', source: 'camera' }]).length, 0);
  const remote = slots.remote();
  assert.deepEqual(Object.keys(remote.get('bob')).sort(), ['audio', 'camera']);
  assert.equal(remote.get('cy').screen.trackId, 'cs');
  assert.equal(slots.forget('bob'), true);
  assert.equal(slots.forget('bob'), false);
  assert.deepEqual(slots.carrying().map((s) => s.participantId), ['cy']);
  assert.equal(slots.all()[1].epoch, 2, 'filled, then emptied');
});

test('a forwarding entry without both ids empties its slot', () => {
  const slots = new ReceiveSlots(fakePc(), { audio: 0, video: 1 });
  slots.apply([{ mid: '0', participantId: 'bob', trackId: 'bc' }]);
  slots.apply([{ mid: '0', participantId: 'bob', trackId: null }]);
  assert.deepEqual(slots.carrying(), []);
  assert.equal(slots.apply('not a list').length, 0);
});
