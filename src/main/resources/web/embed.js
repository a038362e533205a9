/**
 * The meeting's side of the embedding API (docs/embedding.md): when this page runs in a
 * frame, it answers the embedding page by postMessage, but only a page whose origin the
 * server's CSP frame-ancestors allow (embed-origins.js), and only the window that is its
 * parent. Commands: hello, join {name, audio, video}, mute, unmute, hang-up. Events:
 * ready, joined, participant-joined, participant-left, left. Every event goes to the one
 * origin that said hello, never to "*". No DOM code but installEmbed(), given the window.
 */
import { originAllowed } from './embed-origins.js';
import { openLocalMedia } from './devices.js';
import { loadSite } from './site.js';

export const EMBED_TAG = 'parley-embed';
const NAME_MAX_CHARS = 48;
const FINAL_PHASES = new Set(['denied', 'kicked', 'ended', 'left', 'join-failed']);

export class EmbedBridge {
  #allowed;
  #post;
  #commands;
  #parentOrigin = null;
  /** Messages refused (wrong window, origin or shape), for tests and the curious. */
  refused = 0;

  /**
   * allowed(origin) → boolean; post(message, targetOrigin) sends to the parent;
   * commands: {join({name, audio, video}) → boolean, mute(), unmute(), hangUp(), room()}.
   */
  constructor({ allowed, post, commands }) {
    this.#allowed = allowed;
    this.#post = post;
    this.#commands = commands;
  }

  /** Handles one `message` event; parent is the window allowed to command. True if obeyed. */
  receive(event, parent) {
    const m = event.data;
    if (event.source !== parent || !this.#allowed(event.origin) || m?.[EMBED_TAG] !== 1 || typeof m.type !== 'string') {
      this.refused += 1;
      return false;
    }
    if (m.type === 'hello') {
      this.#parentOrigin = event.origin;
      this.emit('ready', { room: this.#commands.room() });
      return true;
    }
    if (event.origin !== this.#parentOrigin) {
      this.refused += 1;
      return false;
    }
    switch (m.type) {
      case 'join': {
        const name = typeof m.name === 'string' ? m.name.trim() : '';
        if (!name || [...name].length > NAME_MAX_CHARS || /\p{Cc}/u.test(name)) {
          this.emit('error', { command: 'join', reason: `name: 1 to ${NAME_MAX_CHARS} printable characters` });
          return false;
        }
        const started = this.#commands.join({ name, audio: m.audio !== false, video: m.video !== false });
        if (!started) this.emit('error', { command: 'join', reason: 'not on the pre-join screen' });
        return started;
      }
      case 'mute': return this.#commands.mute();
      case 'unmute': return this.#commands.unmute();
      case 'hang-up': return this.#commands.hangUp();
      default:
        this.emit('error', { command: m.type, reason: 'unknown command' });
        return false;
    }
  }

  /** Sends an event to the page that said hello (nothing before that). */
  emit(type, detail = {}) {
    if (this.#parentOrigin) this.#post({ [EMBED_TAG]: 1, type, ...detail }, this.#parentOrigin);
  }

  /** Reports a call's events to the embedding page. */
  attach(call) {
    const onPhase = ({ detail }) => {
      if (detail.phase === 'joined' && call.state.me) {
        this.emit('joined', { participantId: call.state.me.id, name: call.state.me.name, room: call.room });
      } else if (FINAL_PHASES.has(detail.phase)) {
        this.emit('left', { reason: detail.phase, code: detail.code ?? null });
        call.removeEventListener('phase', onPhase);
      }
    };
    call.addEventListener('phase', onPhase);
    call.signaling.addEventListener('participant-joined', ({ detail }) => {
      const p = detail.participant;
      if (typeof p?.id === 'string') {
        this.emit('participant-joined', { participantId: p.id, name: String(p.name ?? ''), replaces: detail.replaces ?? null });
      }
    });
    call.signaling.addEventListener('participant-left', ({ detail }) => {
      if (typeof detail.participantId === 'string') this.emit('participant-left', { participantId: detail.participantId });
    });
  }
}

/**
 * Listens to the parent window when this page is framed; returns the bridge (attach each
 * call to it) or null when not framed. page: {state(), room(), call(), start(params)}, the
 * app's view of the page: a join starts the call as the pre-join screen's button would.
 */
export function installEmbed(win, page) {
  if (win.parent === win) return null;
  let sources = null;
  let joining = false;
  const bridge = new EmbedBridge({
    allowed: (origin) => sources !== null && originAllowed(origin, sources, win.location.origin),
    post: (message, origin) => win.parent.postMessage(message, origin),
    commands: {
      room: () => page.room(),
      join: ({ name, audio, video }) => {
        if (joining || page.call() || page.state() !== 'prejoin') return false;
        joining = true;
        openLocalMedia({ audio, video }).then(({ audioTrack, videoTrack }) => {
          joining = false;
          page.start({ name, micTrack: audioTrack, cameraTrack: videoTrack, micOn: Boolean(audioTrack) });
        });
        return true;
      },
      mute: () => Boolean(page.call()?.local.setMic(false)),
      unmute: () => Boolean(page.call()?.local.setMic(true)),
      hangUp: () => {
        const call = page.call();
        call?.leave();
        return Boolean(call);
      },
    },
  });
  loadSite().then((site) => { sources = site.frameAncestors; });
  win.addEventListener('message', (event) => bridge.receive(event, win.parent));
  return bridge;
}
