/**
 * The meeting as this page knows it: who is here, the room settings, the lobby, the chat,
 * the received tracks and the local devices. Views read it and re-render on "change"
 * events (detail {what}: "participants", "room", "lobby", "chat", "media", "speaker",
 * "quality", "local", "connection").
 */

const ROLES = new Set(['host', 'moderator', 'participant']);

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
  /** participantId → {camera, screen, audio}: each {trackId, track} or undefined. */
  remote = new Map();
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
    this.quality = new Map();
    this.speaking = new Set();
    this.activeSpeakerId = null;
    this.connection = 'joined';
    for (const what of ['participants', 'room', 'lobby', 'media', 'speaker', 'quality', 'local', 'connection']) {
      this.changed(what);
    }
  }

  changed(what) {
    this.dispatchEvent(new CustomEvent('change', { detail: { what } }));
  }

  /** Adds or replaces a participant; returns the previous record (or undefined). */
  upsert(participant) {
    const clean = cleanParticipant(participant);
    if (!clean) return undefined;
    if (this.me && clean.id === this.me.id) {
      const before = this.me;
      this.me = clean;
      this.changed('participants');
      return before;
    }
    const before = this.participants.get(clean.id);
    if (before) clean.key = before.key;
    this.participants.set(clean.id, clean);
    this.changed('participants');
    return before;
  }

  /** Removes a participant; returns the removed record (or undefined). */
  remove(participantId) {
    const before = this.participants.get(participantId);
    this.participants.delete(participantId);
    this.#forgetMedia(participantId);
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
    this.quality.delete(participantId);
    this.speaking.delete(participantId);
    if (this.activeSpeakerId === participantId) this.activeSpeakerId = null;
    this.changed('media');
  }

  /** Records a received track under its participant, by source ("camera", "screen") or "audio". */
  setRemoteTrack({ participantId, trackId, kind, source, track }) {
    const slot = kind === 'audio' ? 'audio' : (source === 'screen' ? 'screen' : 'camera');
    const media = this.remote.get(participantId) ?? {};
    media[slot] = { trackId, track };
    this.remote.set(participantId, media);
    this.changed('media');
  }

  removeRemoteTrack({ participantId, trackId }) {
    const media = this.remote.get(participantId);
    if (!media) return;
    for (const slot of ['camera', 'screen', 'audio']) if (media[slot]?.trackId === trackId) delete media[slot];
    this.changed('media');
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
      from: m.from, name: typeof m.name === 'string' ? m.name : (this.nameOf(m.from) ?? 'Someone'), to,
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
    name: typeof p.name === 'string' && p.name.trim() ? p.name : 'Guest',
    role: ROLES.has(p.role) ? p.role : 'participant',
    audioMuted: Boolean(p.audioMuted),
    videoMuted: Boolean(p.videoMuted),
    handRaised: Boolean(p.handRaised),
    avatar: typeof p.avatar === 'string' ? p.avatar : null,
  };
}
