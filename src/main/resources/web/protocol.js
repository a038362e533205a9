/**
 * Talks to the Parley server (docs/protocol.md) over one WebSocket: joins a room, keeps the
 * connection alive with pings, reconnects with exponential back-off and resumes with the
 * secret kept in sessionStorage, and exchanges offers for answers one at a time.
 * No DOM code here: the page listens to events.
 *
 * Events (CustomEvent): one per server message, named by its type ("joined", "chat", ...),
 * with the message as detail; "status" with detail {status, retryInMs} whenever the
 * connection status changes. Browser JS is single-threaded, so nothing here needs locking.
 */

const PING_INTERVAL_MS = 15_000;
/** No frame at all (not even a pong) for this long: the connection is dead, drop it. */
const SILENCE_LIMIT_MS = 35_000;
/**
 * Reconnecting: 250 ms, 500 ms, then every second for a few tries (a restarting server is
 * back within seconds), then doubling up to 10 s; each wait ±20 % so that a room's clients
 * do not all arrive at once. The count starts over only once a connection has stayed up for
 * BACKOFF_STABLE_MS, so a flapping network backs off too.
 */
const BACKOFF_FIRST_MS = 250;
const BACKOFF_FAST_MAX_MS = 1_000;
const BACKOFF_FAST_ATTEMPTS = 8;
const BACKOFF_MAX_MS = 10_000;
const BACKOFF_STABLE_MS = 10_000;
const RESUME_KEY = 'parley.resume';

/** Join errors after which trying again with the same parameters cannot help. */
const FINAL_JOIN_ERRORS = new Set([
  'password-required', 'wrong-password', 'room-locked', 'kicked', 'host-required', 'host-key-wrong', 'bad-request',
  'not-found', 'room-full', 'lobby-full', 'e2ee-unsupported', 'move-refused',
]);

/** Messages after which the server closes the connection for good. */
const FINAL_MESSAGES = new Set(['kicked', 'ended', 'denied']);

/** The signaling URL of the page's own server: same host, /ws. */
export function defaultSignalingUrl(location = globalThis.location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

/**
 * One participant's signaling connection. Status: "idle", "connecting" (first attempt),
 * "lobby" (waiting to be admitted), "joined", "reconnecting" (after a drop),
 * "closed" (left, kicked, ended, denied or a final join error). The "closed" event says
 * why: detail {reason: "left" | "kicked" | "ended" | "denied" | "closed" | "join-failed",
 * code, message} (code and message of the server's error for "join-failed").
 */
export class Signaling extends EventTarget {
  #url;
  #storage;
  #joinParams = null;
  #ws = null;
  #status = 'idle';
  #attempt = 0;
  #retryTimer = 0;
  #pingTimer = 0;
  #lastFrameMs = 0;
  #joinedAtMs = 0;
  #everJoined = false;
  #answerWaiters = [];
  #offerChain = Promise.resolve();

  constructor({ url = defaultSignalingUrl(), storage = globalThis.sessionStorage } = {}) {
    super();
    this.#url = url;
    this.#storage = storage;
  }

  get status() { return this.#status; }

  /**
   * Connects and sends `join`. joinParams() is called for every join, so a rejoin after a
   * drop carries the current name, mute state and password: {room, name, password,
   * hostToken, audioMuted, videoMuted, avatar}.
   */
  connect(joinParams) {
    this.#joinParams = joinParams;
    this.#everJoined = false;
    this.#attempt = 0;
    this.#open();
  }

  /** Sends one message; returns false when there is no open connection. */
  send(message) {
    const ws = this.#ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(message));
    return true;
  }

  /**
   * Sends an `offer` and resolves with the server's `answer` message. Offers are chained:
   * the next one is sent only after the previous answer (or failure). Rejects when the
   * connection drops or the server answers the offer with an error.
   */
  exchange(offer) {
    const result = this.#offerChain.then(() => this.#sendOffer(offer));
    this.#offerChain = result.catch(() => {});
    return result;
  }

  /**
   * Gives up on the offers waiting for an answer (they reject): after `media-failed` the
   * server drops the negotiation of the transport it closed and never answers it.
   */
  abandonOffers() {
    this.#failAnswers();
  }

  /** Leaves the room on purpose: no reconnection after this. */
  leave() {
    this.send({ type: 'leave' });
    this.#finish('left');
  }

  /** Closes without a `leave` (for example when the page goes away). */
  close(reason = 'closed') {
    this.#finish(reason);
  }

  /** Drops the current connection and reconnects now (a broken media path, back online). */
  reconnectNow() {
    if (this.#status === 'closed' || this.#status === 'idle') return;
    this.#attempt = 0;
    if (this.#ws) this.#drop(this.#ws);
    else this.#retryNow();
  }

  /** Retries at once if a retry is waiting (for the browser's "online" event). */
  retryNow() {
    if (this.#retryTimer) this.#retryNow();
  }

  /** The room was renamed (`moved`): later rejoins and the resume secret follow it. */
  moveTo(room) {
    const saved = this.#readResume();
    if (saved) this.#writeResume(room, saved.secret);
  }

  #open() {
    this.#setStatus(this.#everJoined ? 'reconnecting' : 'connecting');
    let ws;
    try {
      ws = new WebSocket(this.#url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#ws = ws;
    ws.onopen = () => this.#onOpen(ws);
    ws.onmessage = (event) => this.#onFrame(ws, event.data);
    ws.onclose = () => this.#onClose(ws);
  }

  #onOpen(ws) {
    if (ws !== this.#ws) return;
    this.#lastFrameMs = Date.now();
    ws.send(JSON.stringify(this.#joinMessage()));
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => this.#keepAlive(ws), PING_INTERVAL_MS);
  }

  #joinMessage() {
    const p = this.#joinParams();
    if (p.moveToken) { // to a breakout or back (docs/protocol.md, "Breakout rooms"): no resume, no password
      return {
        type: 'join-move', token: p.moveToken, name: p.name, audioMuted: Boolean(p.audioMuted),
        videoMuted: Boolean(p.videoMuted), avatar: p.avatar || null, e2eeCapable: Boolean(p.e2eeCapable),
      };
    }
    const saved = this.#readResume();
    const sameRoom = saved && saved.room === p.room.toLowerCase();
    return {
      type: 'join', room: p.room, name: p.name, password: p.password || null,
      resume: sameRoom ? saved.secret : null, hostToken: p.hostToken || null,
      audioMuted: Boolean(p.audioMuted), videoMuted: Boolean(p.videoMuted), avatar: p.avatar || null,
      e2ee: Boolean(p.e2ee), e2eeCapable: Boolean(p.e2eeCapable),
    };
  }

  #keepAlive(ws) {
    if (ws !== this.#ws) return;
    if (Date.now() - this.#lastFrameMs > SILENCE_LIMIT_MS) this.#drop(ws);
    else this.send({ type: 'ping' });
  }

  #onFrame(ws, data) {
    if (ws !== this.#ws) return;
    this.#lastFrameMs = Date.now();
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!message || typeof message.type !== 'string') return;
    this.#before(message);
    this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
    this.#after(message);
  }

  /** Bookkeeping that listeners may rely on having happened. */
  #before(message) {
    switch (message.type) {
      case 'joined':
        this.#joinedAtMs = Date.now();
        this.#everJoined = true;
        if (typeof message.resume === 'string') this.#writeResume(this.#joinParams().room, message.resume);
        this.#setStatus('joined');
        break;
      case 'lobby-waiting':
        this.#setStatus('lobby');
        break;
      case 'answer':
        this.#answerWaiters.shift()?.resolve(message);
        break;
      case 'error':
        // A frame too large to parse is refused with ref null: an offer was the only large thing we sent.
        if (message.ref === 'offer' || (message.code === 'too-large' && message.ref == null)) {
          this.#answerWaiters.shift()?.reject(new Error(message.code));
        }
        break;
      default:
    }
  }

  /** Ends the connection after messages that end it. */
  #after(message) {
    if (FINAL_MESSAGES.has(message.type)) {
      this.#finish(message.type);
    } else if (message.type === 'error' && this.#status !== 'joined'
        && (message.ref === 'join' || FINAL_JOIN_ERRORS.has(message.code))) {
      this.#finish('join-failed', { code: message.code, message: message.message ?? null });
    }
  }

  #onClose(ws) {
    if (ws !== this.#ws) return;
    this.#ws = null;
    clearInterval(this.#pingTimer);
    this.#failAnswers();
    if (this.#status === 'joined' && Date.now() - this.#joinedAtMs >= BACKOFF_STABLE_MS) this.#attempt = 0;
    if (this.#status !== 'closed') this.#scheduleRetry();
  }

  /** Gives up on a connection at once, without waiting for a closing handshake. */
  #drop(ws) {
    ws.onopen = ws.onmessage = ws.onclose = null;
    try { ws.close(); } catch { /* already closed */ }
    this.#onClose(ws);
  }

  #scheduleRetry() {
    const n = this.#attempt;
    const delayMs = n < BACKOFF_FAST_ATTEMPTS ? Math.min(BACKOFF_FAST_MAX_MS, BACKOFF_FIRST_MS * 2 ** n)
      : Math.min(BACKOFF_MAX_MS, BACKOFF_FAST_MAX_MS * 2 ** (n - BACKOFF_FAST_ATTEMPTS + 1));
    const retryInMs = Math.round(delayMs * (0.8 + 0.4 * Math.random()));
    this.#attempt += 1;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#retryNow(), retryInMs);
    this.#setStatus(this.#everJoined ? 'reconnecting' : 'connecting', retryInMs);
  }

  #retryNow() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = 0;
    this.#open();
  }

  #finish(reason, extra = {}) {
    clearTimeout(this.#retryTimer);
    clearInterval(this.#pingTimer);
    this.#retryTimer = 0;
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      try { ws.close(1000); } catch { /* already closed */ }
    }
    this.#failAnswers();
    // A kicked tab keeps its secret: the server's ban on coming back (docs/protocol.md, "kick")
    // follows that secret, and forgetting it here would let the tab straight back in.
    if (reason === 'left' || reason === 'ended') this.#storage?.removeItem(RESUME_KEY);
    if (this.#status === 'closed') return;
    this.#setStatus('closed');
    this.dispatchEvent(new CustomEvent('closed', { detail: { reason, ...extra } }));
  }

  #sendOffer(offer) {
    return new Promise((resolve, reject) => {
      if (this.send(offer)) this.#answerWaiters.push({ resolve, reject });
      else reject(new Error('not connected'));
    });
  }

  #failAnswers() {
    const waiters = this.#answerWaiters;
    this.#answerWaiters = [];
    for (const w of waiters) w.reject(new Error('connection lost'));
  }

  #setStatus(status, retryInMs = 0) {
    if (status === this.#status && !retryInMs) return;
    this.#status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: { status, retryInMs } }));
  }

  #readResume() {
    try {
      const saved = JSON.parse(this.#storage?.getItem(RESUME_KEY) ?? 'null');
      return saved && typeof saved.room === 'string' && typeof saved.secret === 'string' ? saved : null;
    } catch {
      return null;
    }
  }

  #writeResume(room, secret) {
    this.#storage?.setItem(RESUME_KEY, JSON.stringify({ room: room.toLowerCase(), secret }));
  }
}
