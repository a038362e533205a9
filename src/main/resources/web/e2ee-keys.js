/**
 * The key schedule (docs/e2ee.md, "Keys"): sender keys and their KIDs, the ratchet a join
 * triggers, the pairwise ECDH (P-256) secrets that wrap sender keys for one participant,
 * and the short authentication string of a pair. Pure functions over WebCrypto (`subtle`
 * is passed in so node's can run the tests and the benchmark); no DOM, no state.
 */

const BASE_KEY_BYTES = 32;
const WRAP_IV_BYTES = 12;
/** KID = tag (32 bits) · 2^16 + generation (8 bits) · 2^8 + ratchet step (8 bits): 48 bits, exact in a JS number. */
const GEN_FACTOR = 256;
const TAG_FACTOR = 65536;
export const MAX_STEP = 255;
/** How far a receiver ratchets a known key forward to find a KID it has not been given. */
export const MAX_RATCHET_AHEAD = 16;

const text = new TextEncoder();

export function makeKid(tag, gen, step) {
  return tag * TAG_FACTOR + (gen % GEN_FACTOR) * GEN_FACTOR + step;
}

/** {tag, gen, step} of a KID. */
export function splitKid(kid) {
  return { tag: Math.floor(kid / TAG_FACTOR), gen: Math.floor(kid / GEN_FACTOR) % GEN_FACTOR, step: kid % GEN_FACTOR };
}

/** A fresh random sender key: {tag, gen, step, base (32 random bytes)}; a new generation of `previous` if given. */
export function newSenderKey(crypto, previous = null) {
  const base = crypto.getRandomValues(new Uint8Array(BASE_KEY_BYTES));
  const tag = previous ? previous.tag : crypto.getRandomValues(new Uint32Array(1))[0];
  const gen = previous ? (previous.gen + 1) % GEN_FACTOR : 0;
  return { tag, gen, step: 0, base };
}

/**
 * One ratchet step: base' = HKDF-SHA256(base, info "Parley E2EE ratchet"). One-way, so a
 * newcomer given base' cannot compute base, and anyone holding base can follow.
 */
export async function ratchetBase(subtle, base) {
  const ikm = await subtle.importKey('raw', base, 'HKDF', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: text.encode('Parley E2EE ratchet') }, ikm,
    BASE_KEY_BYTES * 8);
  return new Uint8Array(bits);
}

/** The next step of a sender key (a join), or null when the steps are used up (rotate instead). */
export async function ratchetSenderKey(subtle, key) {
  if (key.step >= MAX_STEP) return null;
  return { ...key, step: key.step + 1, base: await ratchetBase(subtle, key.base) };
}

export function kidOf(key) {
  return makeKid(key.tag, key.gen, key.step);
}

/** This participant's ECDH key pair for the meeting: {privateKey, publicRaw (65 bytes)}. */
export async function newIdentity(subtle) {
  const pair = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const publicRaw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicRaw };
}

function compare(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The two public keys in a fixed order, so both sides compute the same thing. */
function ordered(a, b) {
  const [x, y] = compare(a, b) <= 0 ? [a, b] : [b, a];
  const out = new Uint8Array(x.length + y.length);
  out.set(x, 0);
  out.set(y, x.length);
  return out;
}

/**
 * The pairwise wrapping key of us and a peer: ECDH P-256, then HKDF-SHA256 salted with both
 * public keys (in byte order). AES-GCM, not extractable. Rejects an invalid public key.
 */
export async function pairKey(subtle, identity, peerPublicRaw) {
  const peer = await subtle.importKey('raw', peerPublicRaw, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const shared = await subtle.deriveBits({ name: 'ECDH', public: peer }, identity.privateKey, 256);
  const ikm = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: ordered(identity.publicRaw, peerPublicRaw), info: text.encode('Parley E2EE pair v1') },
    ikm, { name: 'AES-GCM', length: 128 }, false, ['encrypt', 'decrypt']);
}

/** A sender key for one peer: {iv, ct} (bytes) binding both public keys, sender's first. */
export async function wrapSenderKey(crypto, pair, key, fromRaw, toRaw) {
  const iv = crypto.getRandomValues(new Uint8Array(WRAP_IV_BYTES));
  const plain = new Uint8Array(BASE_KEY_BYTES + 6);
  plain.set(key.base, 0);
  plain.set(kidBytes(kidOf(key)), BASE_KEY_BYTES);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: concat2(fromRaw, toRaw) }, pair, plain);
  return { iv, ct: new Uint8Array(ct) };
}

/** The sender key a peer wrapped for us: {kid, base}; rejects when it was not wrapped for this pair. */
export async function unwrapSenderKey(subtle, pair, wrapped, fromRaw, toRaw) {
  const plain = new Uint8Array(await subtle.decrypt(
    { name: 'AES-GCM', iv: wrapped.iv, additionalData: concat2(fromRaw, toRaw) }, pair, wrapped.ct));
  if (plain.length !== BASE_KEY_BYTES + 6) throw new Error('wrapped key of the wrong size');
  let kid = 0;
  for (let i = 0; i < 6; i += 1) kid = kid * 256 + plain[BASE_KEY_BYTES + i];
  return { kid, base: plain.slice(0, BASE_KEY_BYTES) };
}

function concat2(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * The 64 pictures of the short authentication string (the emoji list of Matrix's SAS
 * verification, so people may know them): each carries 6 bits. Beside each, its id: the
 * page says its name in the person's language (catalogue key "sas.<id>").
 */
export const SAS_EMOJI = [
  ['🐶', 'dog'], ['🐱', 'cat'], ['🦁', 'lion'], ['🐎', 'horse'], ['🦄', 'unicorn'], ['🐷', 'pig'], ['🐘', 'elephant'],
  ['🐰', 'rabbit'], ['🐼', 'panda'], ['🐓', 'rooster'], ['🐧', 'penguin'], ['🐢', 'turtle'], ['🐟', 'fish'],
  ['🐙', 'octopus'], ['🦋', 'butterfly'], ['🌷', 'flower'], ['🌳', 'tree'], ['🌵', 'cactus'], ['🍄', 'mushroom'],
  ['🌏', 'globe'], ['🌙', 'moon'], ['☁️', 'cloud'], ['🔥', 'fire'], ['🍌', 'banana'], ['🍎', 'apple'],
  ['🍓', 'strawberry'], ['🌽', 'corn'], ['🍕', 'pizza'], ['🎂', 'cake'], ['❤️', 'heart'], ['😀', 'smiley'],
  ['🤖', 'robot'], ['🎩', 'hat'], ['👓', 'glasses'], ['🔧', 'spanner'], ['🎅', 'santa'], ['👍', 'thumbs-up'],
  ['☂️', 'umbrella'], ['⌛', 'hourglass'], ['⏰', 'clock'], ['🎁', 'gift'], ['💡', 'light-bulb'], ['📕', 'book'],
  ['✏️', 'pencil'], ['📎', 'paperclip'], ['✂️', 'scissors'], ['🔒', 'lock'], ['🔑', 'key'], ['🔨', 'hammer'],
  ['☎️', 'telephone'], ['🏁', 'flag'], ['🚂', 'train'], ['🚲', 'bicycle'], ['✈️', 'aeroplane'], ['🚀', 'rocket'],
  ['🏆', 'trophy'], ['⚽', 'ball'], ['🎸', 'guitar'], ['🎺', 'trumpet'], ['🔔', 'bell'], ['⚓', 'anchor'],
  ['🎧', 'headphones'], ['📁', 'folder'], ['📌', 'pin'],
];
const SAS_LENGTH = 6;

/**
 * The short authentication string of two public keys, the same whichever side computes it:
 * SHA-256("Parley SAS v1" | both keys in byte order), 36 bits as 6 pictures.
 * Returns {emoji: "🐶 🐱 …", words: "dog cat …"} (words: the pictures' ids, the same in every language).
 */
export async function shortAuthString(subtle, aRaw, bRaw) {
  const label = text.encode('Parley SAS v1');
  const digest = new Uint8Array(await subtle.digest('SHA-256', concat2(label, ordered(aRaw, bRaw))));
  const picks = [];
  for (let i = 0; i < SAS_LENGTH; i += 1) {
    const bit = i * 6;
    const pair = (digest[bit >> 3] << 8) | digest[(bit >> 3) + 1];
    picks.push(SAS_EMOJI[(pair >> (10 - (bit & 7))) & 63]);
  }
  return { emoji: picks.map((p) => p[0]).join(' '), words: picks.map((p) => p[1]).join(' ') };
}

/**
 * Of `keys` ([kid, value] pairs), the one to ratchet forward to reach `kid`: same tag and
 * generation, a lower step at most MAX_RATCHET_AHEAD behind, the closest. Null if none.
 */
export function ratchetSource(keys, kid) {
  const want = splitKid(kid);
  let best = null;
  for (const [k, value] of keys) {
    const have = splitKid(k);
    if (have.tag === want.tag && have.gen === want.gen && have.step < want.step
        && want.step - have.step <= MAX_RATCHET_AHEAD && (!best || have.step > best.step)) {
      best = { step: have.step, value };
    }
  }
  return best;
}

/** A base key `steps` ratchet steps further. */
export async function ratchetSteps(subtle, base, steps) {
  let b = base;
  for (let i = 0; i < steps; i += 1) b = await ratchetBase(subtle, b);
  return b;
}

/** Chat under a sender key (docs/e2ee.md, "Chat"): "e2ee1:" + base64(KID (6) | IV (12) | AES-GCM). */
const CHAT_PREFIX = 'e2ee1:';

async function chatKey(subtle, base, kid) {
  const ikm = await subtle.importKey('raw', base, 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: concat2(text.encode('Parley E2EE chat '), kidBytes(kid)) },
    ikm, { name: 'AES-GCM', length: 128 }, false, ['encrypt', 'decrypt']);
}

function kidBytes(kid) {
  const b = new Uint8Array(6);
  for (let i = 0; i < 6; i += 1) b[i] = Math.floor(kid / 256 ** (5 - i)) % 256;
  return b;
}

export async function sealChat(crypto, key, message) {
  const kid = kidOf(key);
  const iv = crypto.getRandomValues(new Uint8Array(WRAP_IV_BYTES));
  const ct = new Uint8Array(await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: kidBytes(kid) }, await chatKey(crypto.subtle, key.base, kid), text.encode(message)));
  const all = new Uint8Array(6 + WRAP_IV_BYTES + ct.length);
  all.set(kidBytes(kid), 0);
  all.set(iv, 6);
  all.set(ct, 6 + WRAP_IV_BYTES);
  return CHAT_PREFIX + toBase64(all);
}

/** The KID an encrypted chat text was sealed under, or null when it is not one. */
export function chatKid(sealed) {
  if (typeof sealed !== 'string' || !sealed.startsWith(CHAT_PREFIX)) return null;
  try {
    const all = fromBase64(sealed.slice(CHAT_PREFIX.length));
    if (all.length < 6 + WRAP_IV_BYTES + 16) return null;
    let kid = 0;
    for (let i = 0; i < 6; i += 1) kid = kid * 256 + all[i];
    return kid;
  } catch {
    return null;
  }
}

/** The text of an encrypted chat message, given the base key of its KID; rejects if it does not decrypt. */
export async function openChat(subtle, base, sealed) {
  const all = fromBase64(sealed.slice(CHAT_PREFIX.length));
  const kid = chatKid(sealed);
  const plain = await subtle.decrypt({ name: 'AES-GCM', iv: all.subarray(6, 6 + WRAP_IV_BYTES), additionalData: all.subarray(0, 6) },
    await chatKey(subtle, base, kid), all.subarray(6 + WRAP_IV_BYTES));
  return new TextDecoder().decode(plain);
}

export function toBase64(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i += 1) out[i] = s.charCodeAt(i);
  return out;
}
