// names.js: the suggested meeting names and the guessability estimate.   node --test src/test/js/names.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ROOM_NAME_PATTERN, WEAK_NAME_BITS, estimateEntropyBits, normalizeRoomName, randomRoomName,
} from '../../main/resources/web/names.js';

test('a suggested name is four words and seven base32 characters the server accepts', () => {
  for (let i = 0; i < 200; i += 1) {
    const name = randomRoomName();
    assert.match(name, /^([a-z]{2,7}-){4}[a-z2-7]{7}$/);
    assert.ok(ROOM_NAME_PATTERN.test(name), name);
  }
});

test('suggested names do not repeat', () => {
  const names = new Set(Array.from({ length: 500 }, randomRoomName));
  assert.equal(names.size, 500);
});

test('a suggested name counts as hard to guess; short, wordy or counting names do not', () => {
  assert.ok(estimateEntropyBits(randomRoomName()) >= WEAK_NAME_BITS);
  for (const weak of ['team', 'standup-monday', 'meeting1234', 'abababababab', 'aaaaaaaaaaaaaaaaaaaa']) {
    assert.ok(estimateEntropyBits(weak) < WEAK_NAME_BITS, `${weak}: ${estimateEntropyBits(weak)} bits`);
  }
  assert.ok(estimateEntropyBits('xK9qZ2vTr7LmW4pQ') >= WEAK_NAME_BITS);
});

test('typed names: spaces become hyphens, outer spaces go; the pattern refuses the rest', () => {
  assert.equal(normalizeRoomName('  weekly   team sync '), 'weekly-team-sync');
  assert.ok(!ROOM_NAME_PATTERN.test('a/b'));
  assert.ok(!ROOM_NAME_PATTERN.test('x'.repeat(65)));
  assert.ok(ROOM_NAME_PATTERN.test('x'.repeat(64)));
});
