// speaker-time.js: who spoke how long, from the speaking samples.   node --test src/test/js/speaker-time.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SAMPLE_GAP_MS, SpeakerTally, formatDuration } from '../../main/resources/web/speaker-time.js';

const people = {
  me: { key: 'self', name: 'Ada', self: true },
  b1: { key: 'b1', name: 'Bob', self: false },
  b2: { key: 'b1', name: 'Bob', self: false }, // Bob again after a reconnection: same key
  c1: { key: 'c1', name: 'Cy', self: false },
};
const who = (id) => people[id] ?? null;

test('each speaker gets the time since the previous sample; the first sample counts nothing', () => {
  const tally = new SpeakerTally();
  tally.sample(0, new Set(['b1']), who);
  tally.sample(2_000, new Set(['b1', 'me']), who);
  tally.sample(4_000, new Set(['c1']), who);
  tally.sample(6_000, new Set(['b2', 'stranger']), who);
  assert.deepEqual(tally.rows().map((r) => [r.name, r.ms, r.self]), [['Bob', 4_000, false], ['Ada', 2_000, true], ['Cy', 2_000, false]]);
  assert.equal(tally.rows()[0].share, 0.5);
});

test('a long pause between samples (a frozen tab) counts at most the cap', () => {
  const tally = new SpeakerTally();
  tally.sample(0, new Set(), who);
  tally.sample(60_000, new Set(['c1']), who);
  assert.equal(tally.rows()[0].ms, MAX_SAMPLE_GAP_MS);
});

test('nobody speaking: no rows; durations read as people say them', () => {
  const tally = new SpeakerTally();
  tally.sample(0, new Set(['b1']), who);
  assert.deepEqual(tally.rows(), []);
  assert.equal(formatDuration(999), '0 s');
  assert.equal(formatDuration(45_500), '45 s');
  assert.equal(formatDuration(185_000), '3 min 05 s');
  assert.equal(formatDuration(3_720_000), '1 h 02 min');
});
