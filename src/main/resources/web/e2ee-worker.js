/**
 * The frame transforms of an end-to-end encrypted meeting (docs/e2ee.md), one worker for
 * every sender and receiver of the page. Frames come either from RTCRtpScriptTransform
 * ("rtctransform" events) or from Chromium's createEncodedStreams (a "streams" message);
 * both go through the same code.
 *
 * Fail closed: a sender without a key drops its frames, a receiver drops a frame it cannot
 * decrypt (unknown key after a short wait, wrong tag, not encrypted at all). Keys come from
 * the page: "send-key" {kid, base}, "recv-key" {participantId, kid, base}, "forget"
 * {participantId}; "stats" is answered with the counters. Single-threaded: no locks.
 */
import { clearBytes, frameKey, openFrame, parseFrame, sealFrame } from './e2ee-frame.js';
import { ratchetSource, ratchetSteps, splitKid } from './e2ee-keys.js';

const subtle = crypto.subtle;
/** How long frames of a KID we have no key for wait for it (keys may arrive after frames). */
const KEY_WAIT_MS = 1000;
/** Unknown KIDs remembered at once (each with the time its frames stop waiting). */
const MAX_WAITING_KIDS = 64;
/** Keys kept per sender: the newest few, so frames in flight during a change still decrypt. */
const KEYS_PER_SENDER = 4;

/** Frame counts, and the time spent in AES-GCM (ms, performance.now: coarse, but fine summed over many frames). */
const counters = {
  encrypted: 0, sentClear: 0, droppedNoKey: 0, decrypted: 0, decryptFailed: 0, receivedClear: 0, droppedUnknownKid: 0,
  encryptMs: 0, decryptMs: 0, videoEncrypted: 0, videoDecrypted: 0, videoEncryptMs: 0, videoDecryptMs: 0, videoBytes: 0,
};

/** Adds one frame's AES-GCM time to the totals (video also to its own). */
function timed(kind, what, ms, bytes = 0) {
  counters[`${what}Ms`] += ms;
  if (kind !== 'video') return;
  const name = what === 'encrypt' ? 'Encrypted' : 'Decrypted';
  counters[`video${name}`] += 1;
  counters[`video${what === 'encrypt' ? 'Encrypt' : 'Decrypt'}Ms`] += ms;
  counters.videoBytes += bytes;
}
/** The key we send with now: {kid, fk: frameKey, ctr} or null (frames are dropped). */
let sendKey = null;
/** KID → {participantId, base, fk: Promise<frameKey>}. */
const recvKeys = new Map();
/** KID → {until (ms), waiters: [resolve]}: frames waiting for a key. */
const waiting = new Map();

async function encrypt(frame, kind, controller) {
  const key = sendKey;
  if (!key) {
    counters.droppedNoKey += 1;
    return;
  }
  const data = new Uint8Array(frame.data);
  const clear = clearBytes(kind, frame.type === 'key', data.length);
  key.ctr += 1; // one counter for all of this page's senders: a nonce is never used twice under one key
  const t0 = performance.now();
  frame.data = (await sealFrame(subtle, key.fk, key.ctr, data, clear)).buffer;
  timed(kind, 'encrypt', performance.now() - t0, data.length);
  counters.encrypted += 1;
  controller.enqueue(frame);
}

async function decrypt(frame, kind, controller) {
  const data = new Uint8Array(frame.data);
  const parsed = parseFrame(data, clearBytes(kind, frame.type === 'key', data.length));
  if (!parsed) {
    counters.receivedClear += 1;
    return;
  }
  const entry = await keyFor(parsed.kid);
  if (!entry) {
    counters.droppedUnknownKid += 1;
    return;
  }
  const fk = await entry.fk;
  const t0 = performance.now();
  try {
    frame.data = (await openFrame(subtle, fk, parsed)).buffer;
    timed(kind, 'decrypt', performance.now() - t0);
  } catch {
    counters.decryptFailed += 1;
    return;
  }
  counters.decrypted += 1;
  controller.enqueue(frame);
}

/**
 * The key of a KID: given, derived by ratcheting a key of the same sender and generation
 * forward, or awaited until KEY_WAIT_MS after the KID was first seen; null after that.
 */
async function keyFor(kid) {
  const known = recvKeys.get(kid) ?? await ratchetTo(kid);
  if (known) return known;
  const now = performance.now();
  let w = waiting.get(kid);
  if (!w) {
    w = { until: now + KEY_WAIT_MS, waiters: [] };
    waiting.set(kid, w);
    // KIDs come from the network: remember only the newest few we gave up on (Maps keep insertion order).
    if (waiting.size > MAX_WAITING_KIDS) waiting.delete(waiting.keys().next().value);
  }
  if (now >= w.until) return null;
  return new Promise((resolve) => {
    w.waiters.push(resolve);
    setTimeout(() => resolve(null), w.until - now);
  });
}

async function ratchetTo(kid) {
  const from = ratchetSource(recvKeys, kid);
  if (!from) return null;
  const base = await ratchetSteps(subtle, from.value.base, splitKid(kid).step - from.step);
  return recvKeys.get(kid) ?? addRecvKey(from.value.participantId, kid, base);
}

function addRecvKey(participantId, kid, base) {
  const entry = { participantId, base, fk: frameKey(subtle, base, kid) };
  recvKeys.set(kid, entry);
  const theirs = [...recvKeys].filter(([, e]) => e.participantId === participantId);
  for (const [k] of theirs.slice(0, Math.max(0, theirs.length - KEYS_PER_SENDER))) recvKeys.delete(k);
  const w = waiting.get(kid);
  waiting.delete(kid);
  for (const resolve of w?.waiters ?? []) resolve(entry);
  return entry;
}

function forget(participantId) {
  for (const [k, e] of recvKeys) if (e.participantId === participantId) recvKeys.delete(k);
}

/** Pipes one sender's or receiver's frames through encrypt or decrypt, in order. */
function attach(readable, writable, { side, kind }) {
  const step = side === 'send' ? encrypt : decrypt;
  readable.pipeThrough(new TransformStream({
    transform: (frame, controller) => step(frame, kind, controller).catch(() => {
      if (side === 'send') counters.droppedNoKey += 1;
      else counters.decryptFailed += 1;
    }),
  })).pipeTo(writable).catch(() => {});
}

async function onMessage(m) {
  switch (m?.type) {
    case 'streams':
      attach(m.readable, m.writable, m.options);
      break;
    case 'send-key':
      // Counters start again with each key: nonces repeat only under different keys.
      sendKey = { kid: m.kid, fk: await frameKey(subtle, m.base, m.kid), ctr: 0 };
      break;
    case 'recv-key':
      if (!recvKeys.has(m.kid)) addRecvKey(m.participantId, m.kid, m.base);
      break;
    case 'forget':
      forget(m.participantId);
      break;
    case 'stats':
      self.postMessage({ type: 'stats', id: m.id, counters: { ...counters, sendKid: sendKey?.kid ?? null } });
      break;
    default:
  }
}

self.onmessage = (event) => { onMessage(event.data); };
self.onrtctransform = (event) => {
  const t = event.transformer;
  attach(t.readable, t.writable, t.options);
};
