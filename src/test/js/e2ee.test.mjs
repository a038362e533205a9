// The key schedule and frame format of docs/e2ee.md, run with node's WebCrypto (node 20+):
//   node src/test/js/e2ee.test.mjs
// Prints one line per check and exits 1 on the first failure. E2eeScheduleTest runs it in CI.
import assert from 'node:assert/strict';
import {
  clearBytes, decodeHeader, encodeHeader, frameKey, openFrame, parseFrame, sealFrame,
} from '../../main/resources/web/e2ee-frame.js';
import {
  chatKid, openChat, ratchetSource, sealChat,
  kidOf, newIdentity, newSenderKey, pairKey, ratchetSenderKey, shortAuthString, splitKid, unwrapSenderKey,
  wrapSenderKey,
} from '../../main/resources/web/e2ee-keys.js';

const { subtle } = globalThis.crypto;
const checks = [];
const check = (name, fn) => checks.push([name, fn]);

/** A fake VP8 keyframe: frame tag (P=0), start code 9d 01 2a, 640x360, then "compressed" bytes. */
function vp8Keyframe(size) {
  const f = new Uint8Array(size);
  f.set([0x50, 0x42, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0x68, 0x01]);
  for (let i = 10; i < size; i += 1) f[i] = (i * 7) & 0xff;
  return f;
}

async function seal(key, frame, kind = 'video', isKey = true, ctr = 1) {
  return sealFrame(subtle, await frameKey(subtle, key.base, kidOf(key)), ctr, frame, clearBytes(kind, isKey, frame.length));
}

async function opens(key, sealed, kind = 'video', isKey = true) {
  const parsed = parseFrame(sealed, clearBytes(kind, isKey, sealed.length));
  if (!parsed || parsed.kid !== kidOf(key)) return false; // a receiver looks keys up by KID
  try {
    await openFrame(subtle, await frameKey(subtle, key.base, parsed.kid), parsed);
    return true;
  } catch {
    return false;
  }
}

check('SFrame header: short values in the config byte, long ones after it (RFC 9605 §4.3)', () => {
  assert.deepEqual([...encodeHeader(3, 5)], [0x35]);
  assert.deepEqual([...encodeHeader(0x1234, 7)], [0x97, 0x12, 0x34]);
  assert.deepEqual([...encodeHeader(2, 0x0102)], [0x29, 0x01, 0x02]);
  for (const [kid, ctr] of [[0, 0], [7, 7], [8, 8], [2 ** 47 + 5, 2 ** 40 + 1], [123456789, 1]]) {
    const h = encodeHeader(kid, ctr);
    assert.deepEqual(decodeHeader(h, 0, h.length), { kid, ctr, length: h.length });
  }
});

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const unhex = (text) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

check('SFrame header: the vectors of RFC 9605 Appendix C.1', () => {
  assert.equal(hex(encodeHeader(0, 0)), '00');
  assert.equal(hex(encodeHeader(0, 0x100)), '090100');
  assert.equal(hex(encodeHeader(0xff, 0)), '80ff');
  assert.equal(hex(encodeHeader(0x100, 0x100)), '9901000100');
});

check('key, salt, nonce and ciphertext: RFC 9605 Appendix C.3, AES_128_GCM_SHA256_128', async () => {
  // base_key 000102…0f, KID 0x123, CTR 0x4567, metadata "IETF SFrame WG", plaintext "draft-ietf-sframe-enc".
  const fk = await frameKey(subtle, unhex('000102030405060708090a0b0c0d0e0f'), 0x123);
  assert.equal(hex(fk.salt), '75234edefe07819026751816');
  const metadata = new TextEncoder().encode('IETF SFrame WG');
  const pt = new TextEncoder().encode('draft-ietf-sframe-enc');
  const frame = new Uint8Array([...metadata, ...pt]);
  const sealed = await sealFrame(subtle, fk, 0x4567, frame, metadata.length);
  const header = sealed.subarray(sealed.length - 1 - sealed[sealed.length - 1], sealed.length - 1);
  // The RFC's frame is header | ciphertext | tag; ours keeps the metadata first and the header last.
  const ours = hex(header) + hex(sealed.subarray(metadata.length, sealed.length - 1 - header.length));
  assert.equal(ours, '9901234567b7412c2513a1b66dbb48841bbaf17f598751176ad847681a69c6d0b091c07018ce4adb34eb');
  assert.equal(hex(await openFrame(subtle, fk, parseFrame(sealed, metadata.length))), hex(frame));
});

check('a sealed VP8 keyframe keeps its 10 header bytes in clear, and only those', async () => {
  const key = newSenderKey(crypto);
  const frame = vp8Keyframe(1200);
  const sealed = await seal(key, frame);
  assert.deepEqual([...sealed.subarray(0, 10)], [...frame.subarray(0, 10)]);
  assert.notDeepEqual([...sealed.subarray(10, 40)], [...frame.subarray(10, 40)]);
  assert.equal(sealed.length, 1200 + 16 + sealed[sealed.length - 1] + 1);
  assert.ok(await opens(key, sealed));
  const delta = await seal(key, vp8Keyframe(300), 'video', false, 2);
  assert.deepEqual([...delta.subarray(0, 3)], [0x50, 0x42, 0x00]);
  assert.notEqual(delta[3], 0x9d);
  const audio = await seal(key, vp8Keyframe(100), 'audio', false, 3);
  assert.notEqual(audio[0], 0x50, 'nothing of audio stays clear');
});

check('a changed clear byte or ciphertext byte fails the tag: the frame is dropped', async () => {
  const key = newSenderKey(crypto);
  const sealed = await seal(key, vp8Keyframe(500));
  for (const at of [0, 9, 10, 200]) {
    const bad = Uint8Array.from(sealed);
    bad[at] ^= 1;
    assert.equal(await opens(key, bad), false, `byte ${at}`);
  }
  assert.equal(parseFrame(vp8Keyframe(500), 10), null, 'a clear frame does not parse as encrypted');
});

check('a late joiner, given the ratcheted key, cannot decrypt what was sent before it joined', async () => {
  const before = newSenderKey(crypto);
  const sentBefore = await seal(before, vp8Keyframe(800));
  const after = await ratchetSenderKey(subtle, before);
  assert.equal(splitKid(kidOf(after)).step, 1);
  assert.ok(await opens(after, await seal(after, vp8Keyframe(800))), 'the newcomer reads what follows');
  let k = after;
  for (let i = 0; i < 20; i += 1) {
    assert.equal(await opens({ ...k, step: before.step, gen: before.gen }, sentBefore), false, 'no ratchet of the new key opens the old frames');
    k = await ratchetSenderKey(subtle, k);
  }
  assert.ok(await opens(before, sentBefore), 'those present before still can');
});

check('someone who left cannot decrypt after the rotation, however far they ratchet', async () => {
  const old = newSenderKey(crypto);
  const rotated = newSenderKey(crypto, old);
  assert.equal(rotated.tag, old.tag);
  assert.equal(splitKid(kidOf(rotated)).gen, 1);
  const sentAfter = await seal(rotated, vp8Keyframe(800));
  let k = old;
  for (let i = 0; i < 20; i += 1) {
    assert.equal(await opens({ ...k, gen: rotated.gen, step: 0 }, sentAfter), false);
    k = await ratchetSenderKey(subtle, k);
  }
  assert.ok(await opens(rotated, sentAfter));
});

check('pairwise wrapping: only the named peer unwraps; the emoji match on both sides', async () => {
  const [ada, bo, mallory] = await Promise.all([newIdentity(subtle), newIdentity(subtle), newIdentity(subtle)]);
  const key = newSenderKey(crypto);
  const wrapped = await wrapSenderKey(crypto, await pairKey(subtle, ada, bo.publicRaw), key, ada.publicRaw, bo.publicRaw);
  const got = await unwrapSenderKey(subtle, await pairKey(subtle, bo, ada.publicRaw), wrapped, ada.publicRaw, bo.publicRaw);
  assert.equal(got.kid, kidOf(key));
  assert.deepEqual([...got.base], [...key.base]);
  await assert.rejects(unwrapSenderKey(subtle, await pairKey(subtle, mallory, ada.publicRaw), wrapped, ada.publicRaw, mallory.publicRaw));
  const adaSees = await shortAuthString(subtle, ada.publicRaw, bo.publicRaw);
  const boSees = await shortAuthString(subtle, bo.publicRaw, ada.publicRaw);
  assert.deepEqual(adaSees, boSees);
  assert.equal(adaSees.emoji.split(' ').length, 6);
});

check('a server that substitutes public keys makes the emoji differ and the keys unusable', async () => {
  const [ada, bo, mitm] = await Promise.all([newIdentity(subtle), newIdentity(subtle), newIdentity(subtle)]);
  // Ada gets the server's key instead of Bo's, and Bo the server's instead of Ada's.
  const adaSees = await shortAuthString(subtle, ada.publicRaw, mitm.publicRaw);
  const boSees = await shortAuthString(subtle, bo.publicRaw, mitm.publicRaw);
  assert.notDeepEqual(adaSees, boSees);
  const key = newSenderKey(crypto);
  const wrapped = await wrapSenderKey(crypto, await pairKey(subtle, ada, mitm.publicRaw), key, ada.publicRaw, mitm.publicRaw);
  await assert.rejects(unwrapSenderKey(subtle, await pairKey(subtle, bo, mitm.publicRaw), wrapped, mitm.publicRaw, bo.publicRaw));
});

check('a join at 100 participants: the newcomer meets 99, each of them ratchets and meets one', async () => {
  const people = await Promise.all(Array.from({ length: 100 }, () => newIdentity(subtle)));
  const keys = people.map(() => newSenderKey(crypto));
  const [newcomer, ...present] = people;
  const t0 = performance.now();
  for (let i = 0; i < present.length; i += 1) {
    const ratcheted = await ratchetSenderKey(subtle, keys[i + 1]);
    const theirPair = await pairKey(subtle, present[i], newcomer.publicRaw);
    const wrapped = await wrapSenderKey(crypto, theirPair, ratcheted, present[i].publicRaw, newcomer.publicRaw);
    const ourPair = await pairKey(subtle, newcomer, present[i].publicRaw);
    const got = await unwrapSenderKey(subtle, ourPair, wrapped, present[i].publicRaw, newcomer.publicRaw);
    assert.equal(got.kid, kidOf(ratcheted));
  }
  const totalMs = performance.now() - t0;
  console.log(`     100 people: ${totalMs.toFixed(0)} ms for the whole join, ${(totalMs / 99).toFixed(2)} ms per existing participant (both sides of one pair)`);
  assert.ok(totalMs < 10_000, `a join took ${totalMs} ms`);
});

check('chat sealed under a sender key opens only with it, and after a ratchet by following it', async () => {
  const key = newSenderKey(crypto);
  const sealed = await sealChat(crypto, key, 'Meet at 3, door code 4711');
  assert.ok(sealed.startsWith('e2ee1:') && !sealed.includes('4711'));
  assert.equal(chatKid(sealed), kidOf(key));
  assert.equal(await openChat(subtle, key.base, sealed), 'Meet at 3, door code 4711');
  await assert.rejects(openChat(subtle, newSenderKey(crypto).base, sealed));
  const next = await ratchetSenderKey(subtle, key);
  const later = await sealChat(crypto, next, 'after a join');
  const from = ratchetSource([[kidOf(key), key]], chatKid(later));
  assert.equal(from.step, 0);
  assert.equal(chatKid('plain text'), null);
});

let failed = 0;
for (const [name, fn] of checks) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}\n     ${error.stack}`);
  }
}
console.log(`${checks.length - failed} of ${checks.length} passed`);
process.exit(failed ? 1 : 0);
