/**
 * The video tiles: one per person (camera or avatar), one per shared screen, and a hidden
 * <audio> per received audio track. Tiles are kept by key and updated in place, so video
 * elements are never re-created for a state change (no flicker, no layout jumps).
 *
 * Test hooks: a camera tile is [data-participant-id][data-name][data-source="camera"],
 * a screen tile [data-source="screen"]; every <video> and <audio> carries
 * data-participant-id and data-track-id (the server's track id for received tracks, the
 * local MediaStreamTrack id for our own).
 */
import { h } from '../dom.js';
import { icon, signalIcon } from '../icons.js';
import { avatarElement, updateAvatar } from '../avatar.js';

/** Grid layout buckets: tile count → the data-layout value style.css lays out. */
function layoutFor(count) {
  if (count <= 1) return '1';
  if (count === 2) return '2';
  if (count <= 4) return '4';
  if (count <= 9) return '9';
  if (count <= 16) return '16';
  return 'many';
}

export class TileGrid {
  #call;
  #grid;
  #screens;
  #audioSink;
  #invite;
  #tiles = new Map();
  #audios = new Map();
  #onAudioBlocked;

  /**
   * grid and screens are containers; invite is the element shown beside our own tile
   * while we are alone; onAudioBlocked() is called when the browser refuses to play sound.
   */
  constructor(call, { grid, screens, audioSink, invite, onAudioBlocked }) {
    this.#call = call;
    this.#grid = grid;
    this.#screens = screens;
    this.#audioSink = audioSink;
    this.#invite = invite;
    this.#onAudioBlocked = onAudioBlocked;
  }

  /** Brings every tile in line with the call's state. */
  update() {
    const { state, media } = this.#call;
    if (!state.me) return;
    const wanted = [];
    wanted.push(this.#selfTile(state, media));
    for (const p of state.participants.values()) wanted.push(this.#personTile(state, p));
    const screens = [];
    if (state.local.sharing && media.screenTrack) {
      screens.push({ key: 'screen:self', person: state.me, source: 'screen', self: true, track: media.screenTrack, trackId: media.screenTrack.id });
    }
    for (const p of state.participants.values()) {
      const screen = state.remote.get(p.id)?.screen;
      if (screen?.track) screens.push({ key: `screen:${p.key}`, person: p, source: 'screen', track: screen.track, trackId: screen.trackId });
    }
    this.#sync(this.#grid, wanted, state);
    this.#sync(this.#screens, screens, state);
    const alone = state.participants.size === 0;
    this.#invite.hidden = !alone;
    if (alone) this.#grid.append(this.#invite);
    this.#grid.dataset.layout = layoutFor(wanted.length + (alone ? 1 : 0));
    this.#screens.hidden = screens.length === 0;
    this.#grid.closest('.stage')?.classList.toggle('presenting', screens.length > 0);
    this.#syncAudio(state);
  }

  #selfTile(state, media) {
    const track = state.local.cameraOn ? media.cameraTrack : null;
    return {
      key: 'self', person: state.me, source: 'camera', self: true, track, trackId: track?.id ?? null,
      micOff: !state.local.micOn, cameraOff: !track, hand: state.local.handRaised,
    };
  }

  /** A tile is keyed by the person's stable key: a reconnection (a new id) keeps the tile in place. */
  #personTile(state, p) {
    const camera = state.remote.get(p.id)?.camera;
    return {
      key: p.key, person: p, source: 'camera', track: camera?.track ?? null, trackId: camera?.trackId ?? null,
      micOff: p.audioMuted, cameraOff: p.videoMuted || !camera?.track, hand: p.handRaised, reconnecting: p.reconnecting,
    };
  }

  #sync(container, wanted, state) {
    const keys = new Set(wanted.map((w) => w.key));
    for (const [key, tile] of this.#tiles) {
      if (tile.container === container && !keys.has(key)) {
        tile.root.remove();
        this.#tiles.delete(key);
      }
    }
    wanted.forEach((w, index) => {
      let tile = this.#tiles.get(w.key);
      if (!tile) {
        tile = this.#createTile(w, container);
        this.#tiles.set(w.key, tile);
      }
      if (container.children[index] !== tile.root) container.insertBefore(tile.root, container.children[index] ?? null);
      this.#updateTile(tile, w, state);
    });
  }

  #createTile(w, container) {
    const isScreen = w.source === 'screen';
    const root = h('div', { class: `tile ${isScreen ? 'tile-screen' : 'tile-camera'}`, role: 'group', dataset: { source: w.source } });
    const tile = {
      root, container, trackId: null, video: null,
      avatar: isScreen ? null : avatarElement({ key: w.person.key, name: w.person.name, avatar: w.person.avatar }),
      name: h('span', { class: 'tile-name' }),
      mic: h('span', { class: 'tile-icon', role: 'img' }),
      camera: h('span', { class: 'tile-icon camera-off', role: 'img', 'aria-label': 'Camera off' }, icon('video-off')),
      hand: h('span', { class: 'tile-hand' }, icon('hand'), h('span', { class: 'tile-hand-text', text: 'Hand raised' })),
      status: h('span', { class: 'tile-status', text: 'Reconnecting…', hidden: true }),
      quality: h('span', { class: 'quality', role: 'img', hidden: true }, signalIcon()),
    };
    root.append(
      h('div', { class: 'tile-media' }, tile.avatar),
      h('div', { class: 'tile-top' }, isScreen ? null : [tile.hand, tile.status], tile.quality),
      h('div', { class: 'tile-label' }, isScreen ? icon('screen') : [tile.mic, tile.camera], tile.name));
    return tile;
  }

  #updateTile(tile, w, state) {
    const { person } = w;
    const isScreen = w.source === 'screen';
    const label = isScreen ? `${person.name}'s screen` : person.name;
    setAttr(tile.root, 'aria-label', isScreen ? label : person.name);
    tile.root.dataset.participantId = person.id;
    tile.root.dataset.name = person.name;
    if (w.self) tile.root.dataset.self = 'true';
    setText(tile.name, isScreen ? label : (w.self ? `${person.name} (you)` : person.name));
    this.#updateVideo(tile, w, person);
    if (isScreen) return;
    updateAvatar(tile.avatar, { key: person.key, name: person.name, avatar: person.avatar });
    tile.status.hidden = !w.reconnecting;
    tile.root.classList.toggle('is-reconnecting', Boolean(w.reconnecting));
    const showVideo = Boolean(tile.video) && !w.cameraOff && !tile.video.dataset.stalled;
    tile.video?.classList.toggle('is-off', !showVideo);
    tile.avatar.classList.toggle('is-off', showVideo);
    if (tile.mic.dataset.muted !== String(w.micOff)) {
      tile.mic.dataset.muted = String(w.micOff);
      tile.mic.replaceChildren(icon(w.micOff ? 'mic-off' : 'mic'));
      tile.mic.classList.toggle('is-muted', w.micOff);
      tile.mic.setAttribute('aria-label', w.micOff ? 'Microphone off' : 'Microphone on');
    }
    tile.camera.hidden = !w.cameraOff;
    tile.hand.hidden = !w.hand;
    tile.root.classList.toggle('is-active-speaker', state.activeSpeakerId === person.id && state.participants.size > 0);
    tile.root.classList.toggle('is-speaking', state.speaking.has(person.id) && !w.micOff);
    const grade = state.quality.get(person.id);
    tile.quality.hidden = !grade;
    if (grade) {
      tile.quality.className = `quality quality-${grade}`;
      setAttr(tile.quality, 'aria-label', `Connection: ${grade}`);
    }
  }

  #updateVideo(tile, w, person) {
    if (!w.track) {
      tile.video?.remove();
      tile.video = null;
      tile.trackId = null;
      return;
    }
    if (!tile.video) {
      tile.video = h('video', { class: `tile-video${w.self && w.source === 'camera' ? ' mirrored' : ''}`, autoplay: true, playsinline: true, muted: true });
      tile.video.muted = true;
      tile.root.querySelector('.tile-media').prepend(tile.video);
    }
    if (tile.trackId !== w.trackId) {
      tile.trackId = w.trackId;
      tile.video.srcObject = new MediaStream([w.track]);
      this.#watchStall(tile, w.track);
      tile.video.play().catch(() => {});
    }
    tile.video.dataset.participantId = person.id;
    tile.video.dataset.trackId = w.trackId;
  }

  /** A received track that stops delivering frames (muted by the network) shows the avatar. */
  #watchStall(tile, track) {
    const video = tile.video;
    const refresh = () => {
      if (tile.video !== video) return;
      if (track.muted) video.dataset.stalled = 'true';
      else delete video.dataset.stalled;
      this.update();
    };
    track.addEventListener('mute', refresh);
    track.addEventListener('unmute', refresh);
    if (track.muted) video.dataset.stalled = 'true';
    else delete video.dataset.stalled;
  }

  #syncAudio(state) {
    const wanted = new Map();
    for (const [participantId, media] of state.remote) {
      if (media.audio?.track) wanted.set(media.audio.trackId, { participantId, ...media.audio });
    }
    for (const [trackId, el] of this.#audios) {
      if (!wanted.has(trackId)) {
        el.srcObject = null;
        el.remove();
        this.#audios.delete(trackId);
      }
    }
    for (const [trackId, a] of wanted) {
      if (this.#audios.has(trackId)) continue;
      const el = h('audio', { autoplay: true, dataset: { participantId: a.participantId, trackId } });
      el.srcObject = new MediaStream([a.track]);
      this.#audioSink.append(el);
      this.#audios.set(trackId, el);
      el.play().catch(() => this.#onAudioBlocked?.());
    }
  }

  /** Plays every audio element again (after the person allowed sound with a click). */
  resumeAudio() {
    for (const el of this.#audios.values()) el.play().catch(() => {});
  }
}

function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
