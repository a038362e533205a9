/**
 * One person's meeting: joins through the signaling connection, keeps the MeetingState in
 * step with the server (who is here, their published tracks, what our receive slots
 * carry), drives the MediaSession, sends the layout's `view`, and turns server events
 * into notices. No DOM code: the page listens.
 *
 * Events (CustomEvent): "phase" {phase, code, message, reason} where phase is "joining",
 * "lobby", "joined", "reconnecting", "join-failed", "denied", "kicked", "ended", "left";
 * "notice" {text, tone, action?: {label, run}, sticky}; "announce" {text};
 * "knock" {names}; "moved" {room, password}.
 */
import { RecordingWatch } from './recording.js';
import { CaptionsFeed } from './captions.js';
import { PollsFeed } from './polls.js';
import { Signaling } from './protocol.js';
import { MediaSession } from './media.js';
import { MeetingState } from './store.js';
import { StatsSampler } from './stats.js';
import { ViewRequester } from './view-request.js';
import { errorText } from './errors.js';
import { Presence } from './presence.js';
import { OwnState } from './own-state.js';
import { Moderated } from './moderated.js';
import { LocalMedia } from './local-media.js';
import { canEncrypt } from './e2ee.js';
import { E2eeCall } from './e2ee-call.js';
import { IceRecovery } from './ice-recovery.js';
import { BreakoutWatch } from './breakout-move.js';
import { Effects } from './effects/effects.js';
import { t } from './i18n.js';

/** Phases after which the call is over and its devices are released. */
const FINAL_PHASES = new Set(['denied', 'kicked', 'ended', 'left']);

/** The same error notice is shown at most this often (a refused `view` could repeat). */
const ERROR_NOTICE_GAP_MS = 5_000;
/** After a media failure, wait at least this long before rebuilding again on our own. */
const MEDIA_RETRY_GAP_MS = 30_000;

export class Call extends EventTarget {
  signaling = new Signaling();
  media = new MediaSession(this.signaling);
  state = new MeetingState();
  /** Background blur, virtual background and noise suppression (effects/effects.js). */
  effects = new Effects(this.media);
  phase = 'joining';
  #params;
  #stats = new StatsSampler(this.media, this.state);
  #everJoined = false;
  #lastMediaRetryMs = -Infinity;
  #mediaRetryTimer = 0;
  #errorShownMs = new Map();
  #moderated = new Moderated(this, {
    notice: (text, tone, action) => this.#notice(text, tone, action), announce: (text) => this.#announce(text),
  });
  #view = new ViewRequester((message) => this.signaling.send(message));
  #ice = new IceRecovery({
    restart: () => this.media.restartIce(), giveUp: () => this.#retryMedia(), canRestart: () => this.signaling.status === 'joined',
  });
  #presence = new Presence(this.state, (text) => this.#announce(text));
  #secure = new E2eeCall({
    state: this.state, media: this.media, signaling: this.signaling,
    notice: (text, tone, sticky) => this.dispatchEvent(new CustomEvent('notice', { detail: { text, tone, sticky } })),
  });
  #own = new OwnState({
    state: this.state, media: this.media, signaling: this.signaling, notice: (text, tone) => this.#notice(text, tone),
  });
  /** This person's microphone, camera and screen (local-media.js): set in the constructor. */
  local;

  /**
   * params: {room, name, password, hostToken, avatar, micTrack, cameraTrack, micOn,
   * micDeviceId, cameraDeviceId, e2ee (encrypt the meeting if this join opens it)}. The call
   * takes over the tracks.
   */
  constructor(params) {
    super();
    this.#params = { ...params };
    this.local = new LocalMedia({
      media: this.media, state: this.state, signaling: this.signaling, notice: (text, tone) => this.#notice(text, tone),
    }, params);
    this.#listen();
    this.effects.addEventListener('changed', () => this.state.changed('local')); // the self view shows what is sent
    this.effects.restore(params.effects);
    this.#recording = new RecordingWatch(this.state, this.signaling, {
      notice: (text, tone) => this.#notice(text, tone), announce: (text) => this.#announce(text),
      localActive: () => this.#recordingLocally,
    }); // after #listen: `joined` resets the state first
    this.captions = new CaptionsFeed(this.state, this.signaling, { notice: (text, tone) => this.#notice(text, tone) });
    this.polls = new PollsFeed(this.state, this.signaling); // before `joined`, which carries the open polls
    this.breakouts = new BreakoutWatch(this.state, this.signaling, {
      announce: (text) => this.#announce(text),
      onMove: (detail) => this.dispatchEvent(new CustomEvent('breakout-move', { detail })),
    });
  }

  /** The breakout room this call is in ({id, name}), or null in the main room. */
  get breakout() { return this.#params.breakout ?? null; }

  /**
   * Ends this call for a move to another room (leave, media closed) and returns what the
   * next call starts from: the same person, devices and tracks. The call must not be used afterwards.
   */
  handOver() {
    const params = { ...this.#params, micOn: this.state.local.micOn, effects: this.effects.settings(), ...this.local.takeTracks() };
    this.signaling.leave();
    this.#shutdown();
    return params;
  }

  #recording;
  #recordingLocally = false;

  /** Tells everyone that this page started or stopped recording on this device (the page records). */
  setLocalRecording(on) {
    this.#recordingLocally = on;
    this.signaling.send({ type: 'local-recording', action: on ? 'start' : 'stop' });
  }

  get room() { return this.#params.room; }

  /** End-to-end encryption (an E2eeSession): keys, emoji, verification, counters. */
  get e2ee() { return this.#secure.session; }

  /** Connects and joins; every rejoin sends the state of that moment. */
  join() {
    this.#setPhase('joining');
    this.signaling.connect(() => ({
      moveToken: this.#takeMoveToken(), room: this.#params.room, name: this.#params.name, password: this.#params.password,
      hostToken: this.#params.hostToken, avatar: this.#params.avatar,
      audioMuted: !this.state.local.micOn, videoMuted: !this.state.local.cameraOn,
      e2ee: Boolean(this.#params.e2ee), e2eeCapable: canEncrypt(),
    }));
  }

  /** A move token is good for one join: a rejoin after a drop goes to the main room. */
  #takeMoveToken() {
    const token = this.#params.moveToken ?? null;
    this.#params.moveToken = null;
    return token;
  }

  setHand(raised) {
    this.state.local.handRaised = raised;
    this.signaling.send({ type: 'update', handRaised: raised });
    this.state.changed('local');
  }

  /** Sends a chat message to everyone (to = null) or one participant (sealed first when encrypted). */
  sendChat(text, to = null) {
    if (this.signaling.status !== 'joined') {
      this.#notice(t('chat.notConnected'), 'error');
      return false;
    }
    if (!this.#secure.sendChat(text, to)) return false;
    this.state.addSentChat(text, to);
    return true;
  }

  /**
   * What the page shows (docs/protocol.md, "view"): video [{trackId, height}] most important
   * first, heights in device pixels; speakerHeight > 0 in speaker view. Sent debounced.
   */
  setView(view) {
    this.#view.request(view);
  }

  /** The last `view` sent (for tests). */
  get lastView() {
    return this.#view.lastSent;
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
    const { micTrack, cameraTrack } = this.local.takeTracks();
    this.signaling.close();
    this.#shutdown();
    return { micTrack, cameraTrack };
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
    on(s, 'avatar', (m) => this.state.setAvatar(m.participantId, m.avatar));
    on(s, 'chat', (m) => this.#secure.receiveChat(m, (shown) => this.#onChat(shown))); // opened first when encrypted
    on(s, 'active-speaker', (m) => { this.state.activeSpeakerId = m.participantId ?? null; this.state.changed('speaker'); });
    on(s, 'room-updated', this.#onRoomUpdated);
    on(s, 'tracks', (m) => this.state.setTracks(m.participantId, m.tracks));
    on(s, 'forwarding', (m) => this.media.applyForwarding(m.slots));
    on(s, 'send-layers', (m) => this.media.setSendLayers(m));
    on(s, 'lobby', (m) => this.#moderated.lobby(m));
    on(s, 'muted', (m) => this.#moderated.muted(m));
    on(s, 'unmute-requested', (m) => this.#moderated.unmuteRequested(m));
    on(s, 'role', (m) => this.#moderated.role(m));
    on(s, 'kicked', (m) => this.#setPhase('kicked', { reason: m.reason ?? null }));
    on(s, 'ended', (m) => this.#setPhase('ended', { byYou: typeof m.by === 'string' && m.by === this.state.me?.id }));
    on(s, 'moved', this.#onMoved);
    on(this.media, 'remote', () => this.state.setRemote(this.media.remote()));
    on(this.media, 'answered', () => this.#view.resend());
    on(this.media, 'ice-state', ({ state }) => this.#ice.onState(state));
    // A failed ICE path is mended by an ICE restart first (ice-recovery.js); anything else (DTLS) rejoins.
    on(this.media, 'connection-state', ({ state }) => {
      const ice = this.media.pc?.iceConnectionState;
      if (state === 'failed' && !this.#ice.busy && ice !== 'failed' && ice !== 'disconnected') this.#retryMedia();
    });
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
    this.local.followServer(this.state.me);
    this.#view.reset();
    this.#secure.joined(m, Boolean(this.#params.e2ee), rejoin);
    this.#ice.reset();
    this.media.start(m.iceServers, m.slots ?? {});
    this.#stats.start();
    this.#setPhase('joined');
    if (rejoin) this.#announce(t('announce.reconnected'));
    this.#own.joined(this.#params.avatar);
    this.#moderated.joined();
  }

  /**
   * Errors while joining end in "closed" (join-failed); later ones become notices (each
   * text at most every ERROR_NOTICE_GAP_MS), never silence.
   */
  #onError(m) {
    if (this.signaling.status !== 'joined') return;
    if (this.#own.error(m)) return;
    if (m.ref === 'e2ee') return; // a key message for someone who just left: the exchange goes on without them
    const text = errorText(m);
    const now = performance.now();
    if (now - (this.#errorShownMs.get(text) ?? -Infinity) >= ERROR_NOTICE_GAP_MS) {
      this.#errorShownMs.set(text, now);
      this.#notice(text, 'error');
    }
    if (m.code === 'media-failed') this.#rebuildMedia();
  }

  /**
   * `media-failed`: the server has dropped our transport and waits for a new offer on this
   * same connection (docs/protocol.md, "Media failure"): a fresh peer connection, then the
   * slots and our `view` again after its answer.
   */
  #rebuildMedia() {
    if (this.signaling.status !== 'joined') return;
    this.#lastMediaRetryMs = performance.now();
    this.#ice.reset();
    this.media.restart();
  }

  /**
   * The media path broke on our side: rejoin, which rebuilds the peer connection. Not more
   * often than every MEDIA_RETRY_GAP_MS, so a network that never lets media through does
   * not keep the meeting flickering.
   */
  #retryMedia() {
    const waitMs = this.#lastMediaRetryMs + MEDIA_RETRY_GAP_MS - performance.now();
    if (waitMs <= 0) {
      this.#lastMediaRetryMs = performance.now();
      this.signaling.reconnectNow();
    } else if (!this.#mediaRetryTimer) {
      this.#notice(t('notice.mediaBlocked'), 'error');
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
      this.#stats.stop();
      if (this.phase === 'joined') this.#setPhase('reconnecting');
    }
  }

  #onClosed({ reason, code, message }) {
    if (reason === 'left') this.#setPhase('left');
    else if (reason === 'join-failed') this.#setPhase('join-failed', { code, message: message ?? null });
    if (FINAL_PHASES.has(this.phase)) this.#shutdown();
  }

  #onRoomUpdated(m) {
    const wasEncrypted = Boolean(this.state.room?.e2ee);
    this.state.room = { ...this.state.room, ...m.room };
    this.state.changed('room');
    this.#secure.roomUpdated(wasEncrypted);
  }

  #onParticipantJoined(m) {
    if (typeof m.replaces === 'string') this.#stats.forget(m.replaces);
    this.#secure.participantJoined(m);
    this.#presence.joined(m);
  }

  #onParticipantLeft(m) {
    this.#stats.forget(m.participantId);
    this.media.forgetParticipant(m.participantId);
    this.#secure.participantLeft(m);
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
      this.#announce(t('announce.handRaised', { name: after.name }));
    }
  }

  #onChat(m) {
    const entry = this.state.addReceivedChat(m);
    if (entry && !entry.own && !this.state.chatOpen) {
      this.#announce(t(entry.private ? 'announce.privateMessage' : 'announce.message', { name: entry.name, text: entry.text }));
    }
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

  #shutdown() {
    this.#stats.stop();
    this.#presence.reset();
    this.#own.stop();
    clearTimeout(this.#mediaRetryTimer);
    this.#ice.reset();
    this.#view.reset();
    this.media.close();
    this.effects.close();
    this.#secure.close();
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
