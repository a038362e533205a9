/**
 * The meeting as this page knows it: who is here, the room settings, the lobby, the chat,
 * the published and received tracks, the local devices and how this page lays out the
 * videos. Views read it and re-render on "change" events (detail {what}: "participants",
 * "room", "lobby", "chat", "media", "tracks", "speaker", "quality", "local",
 * "connection", "view").
 */

import { t } from './i18n.js';

const ROLES = new Set(['host', 'moderator', 'participant']);
const KINDS = new Set(['audio', 'video']);
const SOURCES = new Set(['mic', 'camera', 'screen']);
/** At most this many tiles on a page of the grid (the web client offers 27 video slots). */
export const MAX_PAGE_SIZE = 25;

export class MeetingState extends EventTarget {
  /** Our own participant record from the server (same shape as the others). */
  me = null;
  room = null;
  /**
   * Everyone else, by participant id, in joining order. Each record is the server's
   * participant plus `key` (stable across reconnections: the tile's key) and
   * `reconnecting` (their connection went; they may be back in a moment).
   */
  participants = new Map();
  /** Old participant id → the id that replaced it (a reconnection), to follow references. */
  #successors = new Map();
  /** Moderators only: [{id, name}] waiting to be admitted. */
  lobby = [];
  /** [{from, name, to, toName, text, ts, private, own, pending}] in arrival order. */
  chat = [];
  unread = 0;
  chatOpen = false;
  activeSpeakerId = null;
  /**
   * What is received now, from the receive slots and the server's latest `forwarding`:
   * participantId → {camera, screen, audio}, each {trackId, track, mid} or undefined.
   */
  remote = new Map();
  /** Everyone's published tracks (`tracks`): participantId → [{trackId, kind, source}]. */
  published = new Map();
  /**
   * How this page shows the videos: layout "grid" (pages of tiles) or "speaker" (one
   * large, a strip of others); pinnedId (shown large, or null); selfHidden (our own small
   * picture folded away); maxPageSize (tiles per page at most, a test hook may lower it).
   * Kept across reconnections.
   */
  view = { layout: 'grid', pinnedId: null, selfHidden: false, maxPageSize: MAX_PAGE_SIZE };
  /** participantId → "good" | "fair" | "poor"; our own under our id. */
  quality = new Map();
  /** Participant ids whose audio level is above the speaking threshold. */
  speaking = new Set();
  /** Local devices: whether the mic is live, the camera is on, a screen is shared. */
  local = { micOn: false, cameraOn: false, sharing: false, handRaised: false };
  /** "joined" or "reconnecting". */
  connection = 'joined';

  /** Starts over from a `joined` message (first join and every rejoin). Keeps the chat. */
  reset(joined) {
    this.me = cleanParticipant(joined.you);
    this.room = { ...joined.room };
    this.participants = new Map();
    this.#successors = new Map();
    for (const p of joined.participants ?? []) {
      const clean = cleanParticipant(p);
      if (clean) this.participants.set(clean.id, clean);
    }
    this.lobby = Array.isArray(joined.lobby) ? joined.lobby : [];
    this.remote = new Map();
    this.published = new Map();
    for (const t of Array.isArray(joined.tracks) ? joined.tracks : []) {
      if (typeof t?.participantId !== 'string' || t.participantId === this.me?.id) continue;
      const list = this.published.get(t.participantId) ?? [];
      list.push(t);
      this.published.set(t.participantId, list);
    }
    for (const [id, list] of this.published) this.published.set(id, cleanTracks(list));
    if (this.view.pinnedId && !this.participants.has(this.view.pinnedId)) this.view.pinnedId = null;
    this.quality = new Map();
    this.speaking = new Set();
    this.activeSpeakerId = null;
    this.connection = 'joined';
    for (const what of ['participants', 'room', 'lobby', 'media', 'tracks', 'speaker', 'quality', 'local', 'connection', 'view']) {
      this.changed(what);
    }
  }

  changed(what) {
    this.dispatchEvent(new CustomEvent('change', { detail: { what } }));
  }

  /**
   * Adds or replaces a participant; returns the previous record (or undefined). A record
   * without an `avatar` field (`participant-updated`) keeps the avatar we have.
   */
  upsert(participant) {
    const clean = cleanParticipant(participant);
    if (!clean) return undefined;
    const keepAvatar = participant.avatar === undefined;
    if (this.me && clean.id === this.me.id) {
      const before = this.me;
      if (keepAvatar) clean.avatar = before.avatar;
      this.me = clean;
      this.changed('participants');
      return before;
    }
    const before = this.participants.get(clean.id);
    if (before) clean.key = before.key;
    if (keepAvatar) clean.avatar = before?.avatar ?? null;
    this.participants.set(clean.id, clean);
    this.changed('participants');
    return before;
  }

  /** A participant's new avatar (`avatar` message); null removes it. */
  setAvatar(participantId, avatar) {
    const value = typeof avatar === 'string' ? avatar : null;
    if (this.me && participantId === this.me.id) this.me = { ...this.me, avatar: value };
    else if (this.participants.has(participantId)) {
      this.participants.set(participantId, { ...this.participants.get(participantId), avatar: value });
    } else return;
    this.changed('participants');
  }

  /** Removes a participant; returns the removed record (or undefined). */
  remove(participantId) {
    const before = this.participants.get(participantId);
    this.participants.delete(participantId);
    this.#forgetMedia(participantId);
    if (this.view.pinnedId === participantId) this.pin(null);
    this.changed('participants');
    return before;
  }

  /**
   * Marks a participant whose connection went as reconnecting: they stay in place, without
   * media, until replaced or removed. Returns the record (or undefined if unknown).
   */
  hold(participantId) {
    const before = this.participants.get(participantId);
    if (!before) return undefined;
    this.participants.set(participantId, { ...before, reconnecting: true });
    this.#forgetMedia(participantId);
    this.changed('participants');
    return before;
  }

  /**
   * The same person back under a new id (`participant-joined` with `replaces`): takes the
   * old record's place and key, so their tile stays where it was. Returns the old record,
   * or undefined when it was not here (then the participant is simply added).
   */
  replace(oldId, participant) {
    const clean = cleanParticipant(participant);
    if (!clean) return undefined;
    const before = this.participants.get(oldId);
    this.#successors.set(oldId, clean.id);
    if (!before) {
      this.upsert(clean);
      return undefined;
    }
    clean.key = before.key;
    if (this.view.pinnedId === oldId) this.view.pinnedId = clean.id;
    const entries = [...this.participants].map(([id, p]) => (id === oldId ? [clean.id, clean] : [id, p]));
    this.participants = new Map(entries);
    this.#forgetMedia(oldId);
    this.changed('participants');
    return before;
  }

  /** The id someone has now, following their reconnections from an id they had. */
  currentId(participantId) {
    let id = participantId;
    for (let hops = 0; this.#successors.has(id) && hops < 100; hops += 1) id = this.#successors.get(id);
    return id;
  }

  #forgetMedia(participantId) {
    this.remote.delete(participantId);
    if (this.published.delete(participantId)) this.changed('tracks');
    this.quality.delete(participantId);
    this.speaking.delete(participantId);
    if (this.activeSpeakerId === participantId) this.activeSpeakerId = null;
    this.changed('media');
  }

  /** What the receive slots carry now (from MediaSession.remote()). */
  setRemote(remote) {
    this.remote = remote;
    this.changed('media');
  }

  /** `tracks`: one participant's complete list of published tracks. */
  setTracks(participantId, tracks) {
    if (typeof participantId !== 'string' || participantId === this.me?.id) return;
    const clean = cleanTracks(Array.isArray(tracks) ? tracks : []);
    if (clean.length) this.published.set(participantId, clean);
    else this.published.delete(participantId);
    this.changed('tracks');
  }

  /** The published track id of a participant's "camera" or "screen", or null. */
  trackIdOf(participantId, source) {
    return this.published.get(participantId)?.find((t) => t.source === source)?.trackId ?? null;
  }

  /** Shows a participant large (speaker view), or nobody (null). */
  pin(participantId) {
    this.view.pinnedId = participantId;
    if (participantId) this.view.layout = 'speaker';
    this.changed('view');
  }

  /** "grid" or "speaker"; back to the grid unpins. */
  setLayout(layout) {
    this.view.layout = layout === 'speaker' ? 'speaker' : 'grid';
    if (this.view.layout === 'grid') this.view.pinnedId = null;
    this.changed('view');
  }

  /** Folds our own small picture away (true) or shows it again. */
  hideSelf(hidden) {
    this.view.selfHidden = Boolean(hidden);
    this.changed('view');
  }

  /** At most n tiles a page (a test hook; 1..MAX_PAGE_SIZE). */
  limitPageSize(n) {
    this.view.maxPageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(Number(n)) || MAX_PAGE_SIZE));
    this.changed('view');
  }

  /** Adds a message we just sent; it stays "pending" until the server echoes it (if it does). */
  addSentChat(text, to) {
    this.chat.push({
      from: this.me?.id, name: this.me?.name, to, toName: to ? this.nameOf(to) : null, text,
      ts: Date.now(), private: Boolean(to), own: true, pending: true,
    });
    this.changed('chat');
  }

  /**
   * Adds a `chat` message from the server and counts it unread while the chat is closed.
   * Our own message coming back confirms its pending copy instead of doubling it.
   * Returns the new entry, or null (confirmed echo or garbage).
   */
  addReceivedChat(m) {
    if (typeof m?.text !== 'string') return null;
    const own = m.from === this.me?.id;
    const to = m.to ?? null;
    const pending = own && this.chat.find((c) => c.pending && c.text === m.text && (c.to ?? null) === to);
    if (pending) {
      pending.pending = false;
      pending.ts = m.ts ?? pending.ts;
      this.changed('chat');
      return null;
    }
    const entry = {
      from: m.from, name: typeof m.name === 'string' ? m.name : (this.nameOf(m.from) ?? t('chat.someone')), to,
      toName: to ? this.nameOf(to) : null, text: m.text, ts: Number.isFinite(m.ts) ? m.ts : Date.now(),
      private: Boolean(m.private), own, pending: false,
    };
    this.chat.push(entry);
    if (!own && !this.chatOpen) this.unread += 1;
    this.changed('chat');
    return entry;
  }

  /** The name of anyone in the room, ourselves included; null when unknown. */
  nameOf(participantId) {
    if (this.me?.id === participantId) return this.me.name;
    return this.participants.get(participantId)?.name ?? null;
  }

  /** Whether a participant (default: us) is a host or moderator. */
  isModerator(participant = this.me) {
    return participant?.role === 'host' || participant?.role === 'moderator';
  }

  /** Everyone, us first, then the others by name. */
  everyone() {
    const others = [...this.participants.values()].sort((a, b) => a.name.localeCompare(b.name));
    return this.me ? [this.me, ...others] : others;
  }
}

/** Keeps only the fields we use, with the types we expect; null for garbage. */
function cleanParticipant(p) {
  if (!p || typeof p.id !== 'string') return null;
  return {
    id: p.id,
    key: p.id,
    reconnecting: false,
    name: typeof p.name === 'string' && p.name.trim() ? p.name : t('people.guest'),
    role: ROLES.has(p.role) ? p.role : 'participant',
    audioMuted: Boolean(p.audioMuted),
    videoMuted: Boolean(p.videoMuted),
    handRaised: Boolean(p.handRaised),
    /** When the hand went up (the server's order of the raised-hand queue), or null. */
    handRaisedAt: p.handRaised && Number.isFinite(p.handRaisedAt) ? p.handRaisedAt : null,
    avatar: typeof p.avatar === 'string' ? p.avatar : null,
  };
}

/** The valid entries of a `tracks` list: [{trackId, kind, source}]. */
function cleanTracks(tracks) {
  return tracks.filter((t) => typeof t?.trackId === 'string' && KINDS.has(t.kind) && SOURCES.has(t.source))
    .map((t) => ({ trackId: t.trackId, kind: t.kind, source: t.source }));
}
