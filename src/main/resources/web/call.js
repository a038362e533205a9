/**
 * One person's meeting: joins through the signaling connection, keeps the MeetingState in
 * step with the server, drives the MediaSession, and turns server events into notices.
 * No DOM code: the page listens.
 *
 * Events (CustomEvent): "phase" {phase, code, message, reason} where phase is "joining",
 * "lobby", "joined", "reconnecting", "join-failed", "denied", "kicked", "ended", "left";
 * "notice" {text, tone, action?: {label, run}, sticky}; "announce" {text};
 * "knock" {names}; "moved" {room, password}.
 */
import { Signaling } from './protocol.js';
import { MediaSession } from './media.js';
import { MeetingState } from './store.js';
import { QualityMonitor } from './stats.js';
import { Presence } from './presence.js';
import { OwnState } from './own-state.js';
import { openCamera, openMic, openScreen } from './devices.js';

const STATS_INTERVAL_MS = 2000;
/** An audioLevel (0..1) above this counts as speaking. */
const SPEAKING_LEVEL = 0.03;
/** Phases after which the call is over and its devices are released. */
const FINAL_PHASES = new Set(['denied', 'kicked', 'ended', 'left']);

const ERROR_NOTICES = {
  forbidden: 'Only moderators can do that.',
  'rate-limited': 'That was too fast. Please wait a moment and try again.',
  'too-large': 'That was too long to send.',
  'media-failed': 'The server could not set up the media connection.',
};
/** After a media failure, wait at least this long before rebuilding again on our own. */
const MEDIA_RETRY_GAP_MS = 30_000;

export class Call extends EventTarget {
  signaling = new Signaling();
  media = new MediaSession(this.signaling);
  state = new MeetingState();
  phase = 'joining';
  #params;
  #quality = new QualityMonitor();
  #statsTimer = 0;
  #everJoined = false;
  #lastMediaRetryMs = -Infinity;
  #mediaRetryTimer = 0;
  #presence = new Presence(this.state, (text) => this.#announce(text));
  #own = new OwnState({
    state: this.state, media: this.media, signaling: this.signaling, notice: (text, tone) => this.#notice(text, tone),
  });

  /**
   * params: {room, name, password, hostToken, avatar, micTrack, cameraTrack, micOn,
   * micDeviceId, cameraDeviceId}. The call takes over the tracks.
   */
  constructor(params) {
    super();
    this.#params = { ...params };
    this.media.micTrack = params.micTrack ?? null;
    this.media.cameraTrack = params.cameraTrack ?? null;
    this.media.setMicEnabled(Boolean(params.micOn));
    this.state.local.micOn = Boolean(params.micOn && params.micTrack);
    this.state.local.cameraOn = Boolean(params.cameraTrack);
    this.#listen();
  }

  get room() { return this.#params.room; }

  /** Connects and joins; every rejoin sends the state of that moment. */
  join() {
    this.#setPhase('joining');
    this.signaling.connect(() => ({
      room: this.#params.room, name: this.#params.name, password: this.#params.password,
      hostToken: this.#params.hostToken, avatar: this.#params.avatar,
      audioMuted: !this.state.local.micOn, videoMuted: !this.state.local.cameraOn,
    }));
  }

  async setMic(on) {
    if (on && !this.media.micTrack) {
      try {
        await this.media.setMicTrack(await openMic(this.#params.micDeviceId));
      } catch (error) {
        this.#notice(error.message, 'error');
        return;
      }
    }
    this.media.setMicEnabled(on);
    this.state.local.micOn = on && Boolean(this.media.micTrack);
    this.signaling.send({ type: 'update', audioMuted: !this.state.local.micOn });
    this.state.changed('local');
  }

  async setCamera(on) {
    let track = null;
    if (on) {
      try {
        track = await openCamera(this.#params.cameraDeviceId);
      } catch (error) {
        this.#notice(error.message, 'error');
        return;
      }
    }
    await this.media.setCameraTrack(track);
    this.state.local.cameraOn = Boolean(track);
    this.signaling.send({ type: 'update', videoMuted: !track });
    this.state.changed('local');
  }

  async setSharing(on) {
    if (!on) {
      this.media.stopScreen();
      this.state.local.sharing = false;
      this.state.changed('local');
      return;
    }
    let track;
    try {
      track = await openScreen();
    } catch (error) {
      this.#notice(error.message, 'error');
      return;
    }
    if (!track) return;
    track.addEventListener('ended', () => { if (this.media.screenTrack === track) this.setSharing(false); });
    this.media.startScreen(track);
    this.state.local.sharing = true;
    this.state.changed('local');
  }

  setHand(raised) {
    this.state.local.handRaised = raised;
    this.signaling.send({ type: 'update', handRaised: raised });
    this.state.changed('local');
  }

  /** Sends a chat message to everyone (to = null) or one participant. */
  sendChat(text, to = null) {
    if (!this.signaling.send({ type: 'chat', text, to })) {
      this.#notice('Not connected: the message was not sent.', 'error');
      return false;
    }
    this.state.addSentChat(text, to);
    return true;
  }

  /** Sends a moderation message as it is (the server checks the role). */
  moderate(message) {
    return this.signaling.send(message);
  }

  leave() {
    this.signaling.leave();
  }

  /**
   * Hands the local tracks back (after a failed join, to the pre-join screen) and closes
   * the peer connection. The call must not be used afterwards.
   */
  releaseTracks() {
    const tracks = { micTrack: this.media.micTrack, cameraTrack: this.media.cameraTrack };
    this.media.micTrack = this.media.cameraTrack = null;
    this.signaling.close();
    this.#shutdown();
    return tracks;
  }

  #listen() {
    const on = (target, type, handler) => target.addEventListener(type, (e) => handler.call(this, e.detail));
    const s = this.signaling;
    on(s, 'joined', this.#onJoined);
    on(s, 'lobby-waiting', () => this.#setPhase('lobby'));
    on(s, 'denied', (m) => this.#setPhase('denied', { message: m.message ?? null }));
    on(s, 'error', this.#onError);
    on(s, 'status', this.#onStatus);
    on(s, 'closed', this.#onClosed);
    on(s, 'participant-joined', this.#onParticipantJoined);
    on(s, 'participant-left', this.#onParticipantLeft);
    on(s, 'participant-updated', this.#onParticipantUpdated);
    on(s, 'chat', this.#onChat);
    on(s, 'active-speaker', (m) => { this.state.activeSpeakerId = m.participantId ?? null; this.state.changed('speaker'); });
    on(s, 'room-updated', (m) => { this.state.room = { ...this.state.room, ...m.room }; this.state.changed('room'); });
    on(s, 'tracks', (m) => this.media.setRemoteTracks(Array.isArray(m.tracks) ? m.tracks : []));
    on(s, 'lobby', this.#onLobby);
    on(s, 'muted', this.#onMuted);
    on(s, 'unmute-requested', this.#onUnmuteRequested);
    on(s, 'role', this.#onRole);
    on(s, 'kicked', (m) => this.#setPhase('kicked', { reason: m.reason ?? null }));
    on(s, 'ended', () => this.#setPhase('ended'));
    on(s, 'moved', this.#onMoved);
    on(this.media, 'remote-track', (d) => this.state.setRemoteTrack(d));
    on(this.media, 'remote-track-ended', (d) => this.state.removeRemoteTrack(d));
    on(this.media, 'connection-state', ({ state }) => { if (state === 'failed') this.#retryMedia(); });
    on(this.media, 'negotiation-failed', ({ error }) => {
      if (this.signaling.status === 'joined') console.warn('Parley: negotiation failed:', error?.message);
    });
  }

  #onJoined(m) {
    const rejoin = this.#everJoined;
    this.#everJoined = true;
    this.#presence.reset();
    this.state.reset(m);
    this.state.local.handRaised = this.state.me?.handRaised ?? false;
    this.#applyServerMute(this.state.me);
    this.media.start(m.iceServers, Array.isArray(m.tracks) ? m.tracks : []);
    this.#startStats();
    this.#setPhase('joined');
    if (rejoin) this.#announce('Reconnected to the meeting.');
    this.#own.joined(this.#params.avatar);
    if (this.state.isModerator() && this.state.lobby.length) this.#knock(this.state.lobby);
  }

  /** The room may make newcomers start muted: follow what the server says we are. */
  #applyServerMute(me) {
    if (!me) return;
    if (me.audioMuted && this.state.local.micOn) {
      this.media.setMicEnabled(false);
      this.state.local.micOn = false;
      this.#notice('This meeting starts with microphones off.');
    }
    if (me.videoMuted && this.state.local.cameraOn) {
      this.media.setCameraTrack(null);
      this.state.local.cameraOn = false;
    }
    this.state.changed('local');
  }

  /** Errors while joining end in "closed" (join-failed); later ones become notices. */
  #onError(m) {
    if (this.signaling.status !== 'joined') return;
    if (this.#own.error(m)) return;
    const text = ERROR_NOTICES[m.code];
    if (text) this.#notice(text, 'error');
    if (m.code === 'media-failed') this.#retryMedia();
  }

  /**
   * The media path broke: rejoin, which rebuilds the peer connection. Not more often than
   * every MEDIA_RETRY_GAP_MS, so a network that never lets media through does not keep the
   * meeting flickering.
   */
  #retryMedia() {
    const waitMs = this.#lastMediaRetryMs + MEDIA_RETRY_GAP_MS - performance.now();
    if (waitMs <= 0) {
      this.#lastMediaRetryMs = performance.now();
      this.signaling.reconnectNow();
    } else if (!this.#mediaRetryTimer) {
      this.#notice('Audio and video cannot reach the server. A firewall may be blocking them. Trying again…', 'error');
      this.#mediaRetryTimer = setTimeout(() => {
        this.#mediaRetryTimer = 0;
        if (this.media.pc?.connectionState === 'failed') this.#retryMedia();
      }, waitMs);
    }
  }

  #onStatus({ status }) {
    if (status === 'reconnecting' && this.#everJoined) {
      this.state.connection = 'reconnecting';
      this.state.changed('connection');
      this.#stopStats();
      if (this.phase === 'joined') this.#setPhase('reconnecting');
    }
  }

  #onClosed({ reason, code, message }) {
    if (reason === 'left') this.#setPhase('left');
    else if (reason === 'join-failed') this.#setPhase('join-failed', { code, message: message ?? null });
    if (FINAL_PHASES.has(this.phase)) this.#shutdown();
  }

  #onParticipantJoined(m) {
    if (typeof m.replaces === 'string') this.#quality.forget(m.replaces);
    this.#presence.joined(m);
  }

  #onParticipantLeft(m) {
    this.#quality.forget(m.participantId);
    this.#presence.left(m);
  }

  #onParticipantUpdated(m) {
    const before = this.state.upsert(m.participant);
    const after = m.participant;
    if (after?.id && after.id === this.state.me?.id) {
      this.#own.updated();
      return;
    }
    if (before && after?.handRaised && !before.handRaised) {
      this.#announce(`${after.name} raised their hand.`);
    }
  }

  #onChat(m) {
    const entry = this.state.addReceivedChat(m);
    if (entry && !entry.own && !this.state.chatOpen) {
      this.#announce(`${entry.private ? 'Private message' : 'Message'} from ${entry.name}: ${entry.text}`);
    }
  }

  #onLobby(m) {
    const waiting = Array.isArray(m.waiting) ? m.waiting : [];
    const known = new Set(this.state.lobby.map((w) => w.id));
    const newcomers = waiting.filter((w) => !known.has(w.id));
    this.state.lobby = waiting;
    this.state.changed('lobby');
    if (newcomers.length) this.#knock(newcomers);
  }

  #knock(newcomers) {
    const names = newcomers.map((w) => w.name);
    this.dispatchEvent(new CustomEvent('knock', { detail: { names } }));
    for (const name of names) this.#announce(`${name} is waiting in the lobby.`);
  }

  #onMuted(m) {
    if (m.kind === 'video') {
      this.setCamera(false);
      this.#notice('A moderator stopped your camera.');
    } else {
      this.media.setMicEnabled(false);
      this.state.local.micOn = false;
      this.signaling.send({ type: 'update', audioMuted: true });
      this.state.changed('local');
      this.#notice('A moderator muted your microphone.');
    }
  }

  #onUnmuteRequested(m) {
    if (m.kind === 'video') {
      if (this.state.local.cameraOn) return;
      this.#notice('A moderator asks you to start your camera.', 'info',
        { label: 'Start camera', run: () => this.setCamera(true) });
    } else {
      if (this.state.local.micOn) return;
      this.#notice('A moderator asks you to unmute your microphone.', 'info',
        { label: 'Unmute microphone', run: () => this.setMic(true) });
    }
  }

  #onRole(m) {
    if (!this.state.me) return;
    const wasModerator = this.state.isModerator();
    this.state.me = { ...this.state.me, role: m.role };
    this.state.changed('participants');
    const isModerator = this.state.isModerator();
    if (isModerator && !wasModerator) this.#notice('You are now a moderator.');
    if (!isModerator && wasModerator) this.#notice('You are no longer a moderator.');
  }

  #onMoved(m) {
    if (typeof m.room !== 'string') return;
    this.#params.room = m.room;
    if (typeof m.password === 'string') this.#params.password = m.password;
    this.signaling.moveTo(m.room);
    this.state.room = { ...this.state.room, name: m.room, hasPassword: this.state.room?.hasPassword || Boolean(m.password) };
    this.state.changed('room');
    this.dispatchEvent(new CustomEvent('moved', { detail: { room: m.room, password: m.password ?? null } }));
  }

  #startStats() {
    this.#stopStats();
    this.#statsTimer = setInterval(() => this.#sampleStats(), STATS_INTERVAL_MS);
  }

  #stopStats() {
    clearInterval(this.#statsTimer);
    this.#statsTimer = 0;
  }

  async #sampleStats() {
    const summary = await this.media.stats().catch(() => null);
    if (!summary) return;
    const meId = this.state.me?.id;
    if (!meId) return;
    this.state.quality = this.#quality.assess(summary, meId);
    const speaking = new Set(summary.inbound.filter((s) => s.kind === 'audio' && s.audioLevel > SPEAKING_LEVEL)
      .map((s) => s.participantId));
    if (summary.outbound.some((s) => s.source === 'mic' && s.trackEnabled && s.audioLevel > SPEAKING_LEVEL)) {
      speaking.add(meId);
    }
    this.state.speaking = speaking;
    this.state.changed('quality');
  }

  #shutdown() {
    this.#stopStats();
    this.#presence.reset();
    this.#own.stop();
    clearTimeout(this.#mediaRetryTimer);
    this.media.close();
  }

  #setPhase(phase, extra = {}) {
    this.phase = phase;
    this.dispatchEvent(new CustomEvent('phase', { detail: { phase, ...extra } }));
  }

  #notice(text, tone = 'info', action = null) {
    this.dispatchEvent(new CustomEvent('notice', { detail: { text, tone, action } }));
  }

  #announce(text) {
    this.dispatchEvent(new CustomEvent('announce', { detail: { text } }));
  }
}
