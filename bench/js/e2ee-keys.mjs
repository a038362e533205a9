// End-to-end encryption costs (docs/e2ee.md, "Cost"), with node's WebCrypto on one core:
// what one join costs each participant and the newcomer at 10, 50 and 100 people (ECDH P-256,
// HKDF, wrapping and unwrapping a sender key, the emoji), and encrypting and decrypting a frame
// of 720p video. The browser runs the same code (src/main/resources/web/e2ee-*.js); its
// WebCrypto is the same BoringSSL/NSS work, so the figures carry over within a small factor.
import {
  clearBytes, frameKey, openFrame, parseFrame, sealFrame,
} from '../../src/main/resources/web/e2ee-frame.js';
import {
  kidOf, newIdentity, newSenderKey, pairKey, ratchetSenderKey, shortAuthString, unwrapSenderKey, wrapSenderKey,
} from '../../src/main/resources/web/e2ee-keys.js';

const { subtle } = crypto;
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const now = () => process.hrtime.bigint();

/** What one side does for one peer when it meets it: pair key, emoji, wrap ours, unwrap theirs. */
async function meet(me, peer, myKey, theirWrapped) {
  const pair = await pairKey(subtle, me, peer.publicRaw);
  await shortAuthString(subtle, me.publicRaw, peer.publicRaw);
  const wrapped = await wrapSenderKey(crypto, pair, myKey, me.publicRaw, peer.publicRaw);
  if (theirWrapped) await unwrapSenderKey(subtle, pair, theirWrapped, peer.publicRaw, me.publicRaw);
  return { pair, wrapped };
}

async function join(n) {
  const others = await Promise.all(Array.from({ length: n - 1 }, () => newIdentity(subtle)));
  const keys = others.map(() => newSenderKey(crypto));
  const me = await newIdentity(subtle);
  const myKey = newSenderKey(crypto);
  for (let i = 0; i < others.length; i += 1) {
    const pair = await pairKey(subtle, others[i], me.publicRaw); // the peer's side, to have a real wrapped key
    const theirs = await wrapSenderKey(crypto, pair, keys[i], others[i].publicRaw, me.publicRaw);
    const t = now();
    await meet(me, others[i], myKey, theirs);
    others[i].spent = ms(t);
  }
  const newcomerMs = others.reduce((s, o) => s + o.spent, 0);
  // Each existing participant: one ratchet and one meeting with the newcomer.
  const t1 = now();
  await ratchetSenderKey(subtle, keys[0]);
  await meet(others[0], me, keys[0], null);
  const existingMs = ms(t1);
  // A departure: each participant wraps a new key for everyone left (pair keys already known).
  const pairs = await Promise.all(others.map((o) => pairKey(subtle, me, o.publicRaw)));
  const next = newSenderKey(crypto, myKey);
  const t2 = now();
  for (let i = 0; i < others.length; i += 1) await wrapSenderKey(crypto, pairs[i], next, me.publicRaw, others[i].publicRaw);
  const rotateMs = ms(t2);
  return { n, newcomerMs, existingMs, rotateMs };
}

async function frames(bytes, isKey, rounds) {
  const key = newSenderKey(crypto);
  const fk = await frameKey(subtle, key.base, kidOf(key));
  const frame = crypto.getRandomValues(new Uint8Array(bytes));
  let sealed;
  let t = now();
  for (let i = 1; i <= rounds; i += 1) sealed = await sealFrame(subtle, fk, i, frame, clearBytes('video', isKey, bytes));
  const sealUs = (ms(t) * 1000) / rounds;
  const parsed = parseFrame(sealed, clearBytes('video', isKey, sealed.length));
  t = now();
  for (let i = 0; i < rounds; i += 1) await openFrame(subtle, fk, parsed);
  const openUs = (ms(t) * 1000) / rounds;
  return { bytes, sealUs, openUs };
}

console.log('join cost (ms of CPU on this machine, node WebCrypto)');
console.log('participants  newcomer_total_ms  newcomer_per_peer_ms  each_existing_ms  rotate_on_leave_ms');
const joins = [];
for (const n of [10, 50, 100]) {
  const r = await join(n);
  joins.push(r);
  console.log(`${String(n).padStart(12)}  ${r.newcomerMs.toFixed(1).padStart(17)}  ${(r.newcomerMs / (n - 1)).toFixed(3).padStart(20)}  ${r.existingMs.toFixed(3).padStart(16)}  ${r.rotateMs.toFixed(1).padStart(18)}`);
}
console.log('\nper frame (µs), AES-128-GCM with the SFrame trailer');
console.log('frame                      bytes  encrypt_us  decrypt_us');
const sizes = [['720p delta (1.5 Mb/s, 30 fps)', 6250, false], ['720p keyframe', 60000, true], ['Opus 20 ms', 120, false]];
const perFrame = [];
for (const [label, bytes, isKey] of sizes) {
  const r = await frames(bytes, isKey, 2000);
  perFrame.push({ label, ...r });
  console.log(`${label.padEnd(28)} ${String(bytes).padStart(6)}  ${r.sealUs.toFixed(1).padStart(10)}  ${r.openUs.toFixed(1).padStart(10)}`);
}
console.log(JSON.stringify({
  join: joins.map((j) => ({ participants: j.n, newcomer_ms: +j.newcomerMs.toFixed(1), each_existing_ms: +j.existingMs.toFixed(3), rotate_ms: +j.rotateMs.toFixed(1) })),
  frame: perFrame.map((f) => ({ frame: f.label, bytes: f.bytes, encrypt_us: +f.sealUs.toFixed(1), decrypt_us: +f.openUs.toFixed(1) })),
}));
