/**
 * The encrypted frame format (docs/e2ee.md, "Frame format"): SFrame (RFC 9605) with cipher
 * suite AES_128_GCM_SHA256_128, its header moved to the end of the frame so that the bytes
 * the SFU reads (the VP8 payload header) stay first and in clear:
 *
 *     clear prefix | ciphertext | tag (16) | SFrame header (KID, CTR) | header length (1)
 *
 * The clear prefix is 10 bytes of a VP8 keyframe, 3 of a delta frame, none of audio; it is
 * RFC 9605's "metadata": additional data after the header (aad = header | clear prefix), so
 * with the header put back in front the bytes are RFC 9605's (checked against its C.3 vector). Pure functions over WebCrypto, used by
 * the worker, the tests and the benchmark (no DOM, no worker API).
 */

/** RFC 9605 §8.1: AES_128_GCM_SHA256_128. */
export const CIPHER_SUITE = 0x0004;
const KEY_BYTES = 16;
const SALT_BYTES = 12;
export const TAG_BYTES = 16;
/** VP8 payload header the SFU reads (RFC 6386 §9.1): 3-byte frame tag, +7 (start code, size) on keyframes. */
export const VP8_KEY_CLEAR = 10;
export const VP8_DELTA_CLEAR = 3;

const text = new TextEncoder();

/** How many bytes of a frame stay in clear: kind "audio" | "video", keyframe or not. */
export function clearBytes(kind, isKey, length) {
  if (kind !== 'video') return 0;
  return Math.min(length, isKey ? VP8_KEY_CLEAR : VP8_DELTA_CLEAR);
}

/** A non-negative integer below 2^53 as big-endian bytes, shortest form (at least one byte). */
function uintBytes(n) {
  const out = [];
  let v = n;
  do {
    out.unshift(v % 256);
    v = Math.floor(v / 256);
  } while (v > 0);
  return out;
}

function readUint(bytes, from, length) {
  let v = 0;
  for (let i = 0; i < length; i += 1) v = v * 256 + bytes[from + i];
  return v;
}

/**
 * The SFrame header (RFC 9605 §4.3): config byte X|K|Y|C, then the long KID and CTR. Values
 * below 8 sit in the config byte itself.
 */
export function encodeHeader(kid, ctr) {
  const k = kid < 8 ? [] : uintBytes(kid);
  const c = ctr < 8 ? [] : uintBytes(ctr);
  const config = (k.length ? 0x80 | ((k.length - 1) << 4) : kid << 4) | (c.length ? 0x08 | (c.length - 1) : ctr);
  return Uint8Array.from([config, ...k, ...c]);
}

/** Parses the header at bytes[from..]: {kid, ctr, length}, or null when it does not fit. */
export function decodeHeader(bytes, from, end) {
  if (from >= end) return null;
  const config = bytes[from];
  const kidLength = config & 0x80 ? ((config >> 4) & 7) + 1 : 0;
  const ctrLength = config & 0x08 ? (config & 7) + 1 : 0;
  const length = 1 + kidLength + ctrLength;
  if (from + length !== end || kidLength > 6 || ctrLength > 6) return null;
  const kid = kidLength ? readUint(bytes, from + 1, kidLength) : (config >> 4) & 7;
  const ctr = ctrLength ? readUint(bytes, from + 1 + kidLength, ctrLength) : config & 7;
  return { kid, ctr, length };
}

/** The 8-byte KID of the key derivation labels. */
function kidLabel(kid) {
  const b = new Uint8Array(8);
  let v = kid;
  for (let i = 7; i >= 0; i -= 1) {
    b[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return b;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p instanceof Uint8Array ? p : new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out;
}

/**
 * RFC 9605 §4.4.2: key and salt of one KID from its base key (raw bytes): HKDF-SHA256 with
 * an empty salt, labels "SFrame 1.0 Secret key|salt " + KID (8 bytes) + cipher suite.
 * Returns {kid, key: CryptoKey (AES-GCM, not extractable), salt: Uint8Array(12)}.
 */
export async function frameKey(subtle, baseKey, kid) {
  const ikm = await subtle.importKey('raw', baseKey, 'HKDF', false, ['deriveBits']);
  const suite = Uint8Array.from([CIPHER_SUITE >> 8, CIPHER_SUITE & 0xff]);
  const derive = (label, bytes) => subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: concat(text.encode(label), kidLabel(kid), suite) },
    ikm, bytes * 8);
  const keyBits = await derive('SFrame 1.0 Secret key ', KEY_BYTES);
  const salt = new Uint8Array(await derive('SFrame 1.0 Secret salt ', SALT_BYTES));
  const key = await subtle.importKey('raw', keyBits, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { kid, key, salt };
}

/** RFC 9605 §4.4.3: the nonce is the salt XOR the counter, right-aligned. */
function nonce(salt, ctr) {
  const iv = Uint8Array.from(salt);
  let v = ctr;
  for (let i = SALT_BYTES - 1; i >= 0 && v > 0; i -= 1) {
    iv[i] ^= v % 256;
    v = Math.floor(v / 256);
  }
  return iv;
}

/** Encrypts one frame (Uint8Array) under a frameKey with counter ctr; keeps `clear` bytes first. */
export async function sealFrame(subtle, fk, ctr, data, clear) {
  const header = encodeHeader(fk.kid, ctr);
  const prefix = data.subarray(0, clear);
  const sealed = await subtle.encrypt(
    { name: 'AES-GCM', iv: nonce(fk.salt, ctr), additionalData: concat(header, prefix), tagLength: TAG_BYTES * 8 },
    fk.key, data.subarray(clear));
  return concat(prefix, sealed, header, Uint8Array.of(header.length));
}

/**
 * The parts of an encrypted frame: {kid, ctr, clear (bytes), body (ciphertext and tag),
 * header}, or null when the frame does not end in a valid header (a clear frame).
 * `clear` is how many bytes the sender left in clear (from the frame type).
 */
export function parseFrame(data, clear) {
  if (data.length < 2) return null;
  const headerLength = data[data.length - 1];
  const headerStart = data.length - 1 - headerLength;
  if (headerLength < 1 || headerStart < clear + TAG_BYTES) return null;
  const h = decodeHeader(data, headerStart, data.length - 1);
  if (!h) return null;
  return {
    kid: h.kid, ctr: h.ctr, clear: data.subarray(0, clear), body: data.subarray(clear, headerStart),
    header: data.subarray(headerStart, data.length - 1),
  };
}

/** Decrypts a parsed frame with its frameKey; rejects when the tag does not match. */
export async function openFrame(subtle, fk, parsed) {
  const plain = await subtle.decrypt(
    { name: 'AES-GCM', iv: nonce(fk.salt, parsed.ctr), additionalData: concat(parsed.header, parsed.clear), tagLength: TAG_BYTES * 8 },
    fk.key, parsed.body);
  return concat(parsed.clear, plain);
}
