/**
 * End-to-end encryption of one person's meeting (docs/e2ee.md): our ECDH identity and
 * sender key, the pairwise exchange with every other participant over `e2ee` messages
 * (opaque to the server), the ratchet when someone joins and the rotation when someone
 * leaves, the short authentication strings and who is verified, and the frame transforms
 * (e2ee-worker.js) put on every sender and receiver before any frame flows. No DOM code.
 *
 * Events (CustomEvent): "changed" (keys, strings or verification changed), "key-changed"
 * {participantId} (a participant we had verified now has another key).
 */
import {
  chatKid, fromBase64, kidOf, newIdentity, newSenderKey, openChat, pairKey, ratchetSenderKey, ratchetSource,
  ratchetSteps, sealChat, shortAuthString, splitKid, toBase64, unwrapSenderKey, wrapSenderKey,
} from './e2ee-keys.js';

/** After a departure, the new key is handed out first and used this much later, so nobody's video freezes. */
const ROTATE_DELAY_MS = 1000;
/** Payloads per `e2ee` message: 100 of about 300 characters stay well inside a 64 Ki frame. */
const BATCH = 100;
const PUBLIC_KEY_BYTES = 65;
/** Sender keys kept per person for chat: a message sealed just before a change still opens. */
const CHAT_KEYS_PER_SENDER = 8;

/** Whether this browser can encrypt frames: encoded transforms, one API or the other. */
export function canEncrypt() {
  return typeof globalThis.RTCRtpScriptTransform === 'function'
    || typeof globalThis.RTCRtpSender?.prototype?.createEncodedStreams === 'function';
}

export class E2eeSession extends EventTarget {
  #signaling;
  #identity = newIdentity(crypto.subtle);
  #worker = null;
  #useScriptTransform = typeof globalThis.RTCRtpScriptTransform === 'function';
  #own = null;
  /** Bumped at every change of our key, so a delayed switch does not undo a later one. */
  #ownVersion = 0;
  /** participantId → {pubB64, pub, pair, sas, sentKid, kid, failed}. */
  #peers = new Map();
  /** Public keys (base64) marked verified in this meeting. */
  #verified = new Set();
  /** Every participant id met in this meeting → its public key (base64), kept after they go. */
  #keysById = new Map();
  /** New participant id → the public key its predecessor had (a resume): a change of it is announced. */
  #formerKeys = new Map();
  /** KID → {participantId (null: ours), base}: sender keys for chat (the worker has its own for frames). */
  #bases = new Map();
  #outbox = new Map();
  #chain = Promise.resolve();
  #statsWaiters = new Map();
  #nextStatsId = 1;
  active = false;

  constructor(signaling) {
    super();
    this.#signaling = signaling;
  }

  /** RTCPeerConnection options the transforms need (Chromium's older API wants a flag). */
  pcConfig() {
    return this.#useScriptTransform ? {} : { encodedInsertableStreams: true };
  }

  /** Encrypts everything `sender` sends; call right after addTransceiver, before any offer. */
  protectSender(sender, kind) {
    this.#attach(sender, { side: 'send', kind });
  }

  /** Decrypts everything `receiver` receives, dropping what does not decrypt. */
  protectReceiver(receiver, kind) {
    this.#attach(receiver, { side: 'recv', kind });
  }

  /** `joined` of an encrypted room (also after a reconnection): a new key, and hellos to everyone. */
  start(joined) {
    this.active = true;
    this.#ensureWorker();
    this.#run(async () => {
      for (const id of this.#peers.keys()) this.#worker.postMessage({ type: 'forget', participantId: id });
      this.#peers.clear();
      await this.#setOwnKey(newSenderKey(crypto, this.#own), 0);
      for (const p of joined.participants ?? []) this.#queue(p.id, await this.#hello(null));
    });
  }

  /** Someone came in: our key ratchets forward, so they cannot read what we sent before. */
  participantJoined(m) {
    const id = m.participant?.id;
    if (!this.active || typeof id !== 'string') return;
    const former = typeof m.replaces === 'string' ? this.#keysById.get(m.replaces) : undefined;
    if (former) this.#formerKeys.set(id, former);
    this.#run(async () => {
      const next = await ratchetSenderKey(crypto.subtle, this.#own);
      if (next) await this.#setOwnKey(next, 0);
      else await this.#rotate(); // the steps of this generation are used up
    });
  }

  /** Someone went: everyone left gets a new random key of ours, used a moment later. */
  participantLeft(m) {
    if (!this.active || !this.#peers.has(m.participantId)) return;
    this.#run(async () => {
      this.#peers.delete(m.participantId);
      this.#worker.postMessage({ type: 'forget', participantId: m.participantId });
      await this.#rotate();
      this.#changed();
    });
  }

  /** A new random key of ours, wrapped for everyone present, used ROTATE_DELAY_MS later. */
  async #rotate() {
    const next = newSenderKey(crypto, this.#own);
    for (const [id, peer] of this.#peers) this.#queue(id, await this.#hello(peer, next));
    await this.#setOwnKey(next, ROTATE_DELAY_MS);
  }

  /** An `e2ee` message: a peer's public key, and perhaps their sender key wrapped for us. */
  receive(m) {
    if (!this.active || typeof m.from !== 'string' || typeof m.payload !== 'string') return;
    this.#run(() => this.#onPayload(m.from, m.payload));
  }

  /** What the participant list shows of someone: {sas: {emoji, words}, verified, hasKey} or null before the exchange. */
  peer(participantId) {
    const p = this.#peers.get(participantId);
    if (!p) return null;
    return { sas: p.sas, verified: this.#verified.has(p.pubB64), hasKey: p.kid !== null, failed: p.failed };
  }

  /** Marks (or unmarks) someone's current key as verified for the rest of the meeting. */
  setVerified(participantId, verified) {
    const p = this.#peers.get(participantId);
    if (!p) return;
    if (verified) this.#verified.add(p.pubB64);
    else this.#verified.delete(p.pubB64);
    this.#changed();
  }

  /** Chat text sealed under our current sender key (docs/e2ee.md, "Chat"); in order with key changes. */
  sealChat(text) {
    return this.#run(() => sealChat(crypto, this.#own, text));
  }

  /** The text of a relayed chat message (`chat.text`), or null when it does not decrypt. */
  openChat(sealed) {
    return this.#run(async () => {
      const kid = chatKid(sealed);
      if (kid === null) return null;
      let base = this.#bases.get(kid)?.base;
      if (!base) {
        const from = ratchetSource(this.#bases, kid);
        if (!from) return null;
        base = await ratchetSteps(crypto.subtle, from.value.base, splitKid(kid).step - from.step);
      }
      return openChat(crypto.subtle, base, sealed).catch(() => null);
    });
  }

  /** Our current KID (null before the first key). */
  get kid() {
    return this.#own ? kidOf(this.#own) : null;
  }

  /** The worker's frame counters (docs/e2ee.md, "Test hooks"). */
  stats() {
    if (!this.#worker) return Promise.resolve(null);
    const id = this.#nextStatsId++;
    return new Promise((resolve) => {
      this.#statsWaiters.set(id, resolve);
      this.#worker.postMessage({ type: 'stats', id });
    });
  }

  close() {
    this.active = false;
    this.#worker?.terminate();
    this.#worker = null;
  }

  #ensureWorker() {
    if (this.#worker) return;
    this.#worker = new Worker(new URL('./e2ee-worker.js', import.meta.url), { type: 'module', name: 'parley-e2ee' });
    this.#worker.onmessage = ({ data }) => {
      if (data?.type !== 'stats') return;
      this.#statsWaiters.get(data.id)?.(data.counters);
      this.#statsWaiters.delete(data.id);
    };
  }

  #attach(endpoint, options) {
    this.#ensureWorker();
    if (this.#useScriptTransform) {
      endpoint.transform = new RTCRtpScriptTransform(this.#worker, options);
      return;
    }
    const { readable, writable } = endpoint.createEncodedStreams();
    this.#worker.postMessage({ type: 'streams', readable, writable, options }, [readable, writable]);
  }

  /**
   * Runs key work one task at a time, in message order; a failure is logged, never thrown.
   * Resolves with the task's result (undefined after a failure).
   */
  #run(task) {
    const result = this.#chain.then(task).catch((error) => console.warn('Parley: e2ee:', error?.message));
    this.#chain = result;
    return result;
  }

  #remember(kid, participantId, base) {
    this.#bases.set(kid, { participantId, base });
    const theirs = [...this.#bases].filter(([, e]) => e.participantId === participantId);
    for (const [k] of theirs.slice(0, Math.max(0, theirs.length - CHAT_KEYS_PER_SENDER))) this.#bases.delete(k);
  }

  async #setOwnKey(key, delayMs) {
    this.#own = key;
    this.#remember(kidOf(key), null, key.base);
    const version = ++this.#ownVersion;
    const post = () => {
      if (version !== this.#ownVersion || !this.#worker) return;
      this.#worker.postMessage({ type: 'send-key', kid: kidOf(key), base: key.base });
      this.#changed();
    };
    if (delayMs > 0) setTimeout(post, delayMs);
    else post();
  }

  async #onPayload(from, payload) {
    let msg;
    try {
      msg = JSON.parse(new TextDecoder().decode(fromBase64(payload)));
    } catch {
      return;
    }
    if (msg?.v !== 1 || typeof msg.pub !== 'string') return;
    let peer = this.#peers.get(from);
    if (!peer || peer.pubB64 !== msg.pub) peer = await this.#meet(from, msg.pub, peer);
    if (!peer) return;
    if (msg.key) await this.#takeKey(from, peer, msg.key);
    if (peer.sentKid !== kidOf(this.#own)) this.#queue(from, await this.#hello(peer));
  }

  /** A public key from `from`, new or changed: the pair key and the string to compare. */
  async #meet(from, pubB64, before) {
    const pub = fromBase64(pubB64);
    if (pub.length !== PUBLIC_KEY_BYTES) return null;
    const identity = await this.#identity;
    const peer = {
      pubB64, pub, pair: await pairKey(crypto.subtle, identity, pub),
      sas: await shortAuthString(crypto.subtle, identity.publicRaw, pub), sentKid: null, kid: null, failed: false,
    };
    const former = before?.pubB64 ?? this.#formerKeys.get(from);
    this.#formerKeys.delete(from);
    this.#peers.set(from, peer);
    this.#keysById.set(from, pubB64);
    if (former && former !== pubB64 && this.#verified.has(former)) {
      this.dispatchEvent(new CustomEvent('key-changed', { detail: { participantId: from } }));
    }
    this.#changed();
    return peer;
  }

  async #takeKey(from, peer, wrapped) {
    const identity = await this.#identity;
    try {
      const key = await unwrapSenderKey(crypto.subtle, peer.pair,
        { iv: fromBase64(wrapped.iv), ct: fromBase64(wrapped.ct) }, peer.pub, identity.publicRaw);
      peer.kid = key.kid;
      peer.failed = false;
      this.#remember(key.kid, from, key.base);
      this.#worker.postMessage({ type: 'recv-key', participantId: from, kid: key.kid, base: key.base });
    } catch {
      peer.failed = true; // not wrapped for this pair: a substituted key. Their media stays undecryptable.
    }
    this.#changed();
  }

  /** Our payload for a peer: our public key, and our sender key (`key`, or the current one) wrapped for them. */
  async #hello(peer, key = this.#own) {
    const identity = await this.#identity;
    const msg = { v: 1, pub: toBase64(identity.publicRaw) };
    if (peer) {
      const w = await wrapSenderKey(crypto, peer.pair, key, identity.publicRaw, peer.pub);
      msg.key = { iv: toBase64(w.iv), ct: toBase64(w.ct) };
      peer.sentKid = kidOf(key);
    }
    return toBase64(new TextEncoder().encode(JSON.stringify(msg)));
  }

  /** Collects payloads and sends them in as few `e2ee` messages as fit. */
  #queue(to, payload) {
    const first = this.#outbox.size === 0;
    this.#outbox.set(to, payload);
    if (first) setTimeout(() => this.#flush(), 0);
  }

  #flush() {
    const all = [...this.#outbox].map(([to, payload]) => ({ to, payload }));
    this.#outbox.clear();
    for (let i = 0; i < all.length; i += BATCH) this.#signaling.send({ type: 'e2ee', messages: all.slice(i, i + BATCH) });
  }

  #changed() {
    this.dispatchEvent(new CustomEvent('changed', { detail: {} }));
  }
}
