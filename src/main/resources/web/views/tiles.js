/**
 * One video tile: a person's camera (or their avatar while it shows nothing) or a shared
 * screen. The stage (stage.js) keeps tiles by key and updates them in place, so a video
 * element is never re-created for a state change (no flicker, no layout jumps). A received
 * video is a receive slot's MediaStreamTrack: the tile shows it while the server's
 * `forwarding` names this person on that slot.
 *
 * Test hooks: a tile is a group named after the person ("Ada", or "Ada's screen"):
 * [data-participant-id][data-name][data-source="camera"] for a camera, [data-source="screen"]
 * for a screen, data-self="true" on our own small self view, and data-place saying where it
 * is: "grid" (a page of the tile view), "large" (speaker view's big one), "strip" (speaker
 * view's row of others), "screens" or "self". Every <video> carries data-participant-id and
 * data-track-id (the server's track id for received video, the local MediaStreamTrack id
 * for our own) and, when received, data-mid (its receive slot). Other people's camera
 * tiles have a "Pin"/"Unpin" button; our own has "Hide self view". The active speaker's
 * tile has the class is-active-speaker (a ring drawn above the video).
 */
import { h, setAttr, setData, setText } from '../dom.js';
import { icon, signalIcon } from '../icons.js';
import { avatarElement, updateAvatar } from '../avatar.js';
import { t } from '../i18n.js';

/** The connection grades (stats.js) in words. */
const QUALITY = { good: 'tile.connectionGood', fair: 'tile.connectionFair', poor: 'tile.connectionPoor' };

export class Tile {
  root;
  /** What the tile shows now (the last update's w); the stage reads it to build `view`. */
  w;
  #parts;
  #video = null;
  #track = null;
  /** Ends the stall listeners on the current track (slot tracks outlive their tiles). */
  #stallWatch = null;
  #actions;
  #onStall;

  /**
   * w: what the tile shows (see update). actions: {pin(participantId | null), hideSelf()}.
   * onStall() is called when a received video stops or starts delivering frames.
   */
  constructor(w, actions, onStall) {
    this.#actions = actions;
    this.#onStall = onStall;
    const isScreen = w.source === 'screen';
    this.root = h('div', { class: `tile ${isScreen ? 'tile-screen' : 'tile-camera'}`, role: 'group', dataset: { source: w.source } });
    const p = {
      media: h('div', { class: 'tile-media' }),
      avatar: isScreen ? null : avatarElement({ key: w.person.key, name: w.person.name, avatar: w.person.avatar }),
      name: h('span', { class: 'tile-name', dir: 'auto' }),
      mic: h('span', { class: 'tile-icon', role: 'img' }),
      camera: h('span', { class: 'tile-icon camera-off', role: 'img', 'aria-label': t('tile.cameraOff') }, icon('video-off')),
      hand: h('span', { class: 'tile-hand' }, icon('hand'), h('span', { class: 'tile-hand-text', text: t('tile.handRaised') })),
      status: h('span', { class: 'tile-status', text: t('tile.reconnecting'), hidden: true }),
      quality: h('span', { class: 'quality', role: 'img', hidden: true }, signalIcon()),
      button: null,
      buttonLabel: h('span', { class: 'visually-hidden' }),
    };
    p.media.append(p.avatar ?? '');
    if (!isScreen) {
      p.button = h('button', { type: 'button', class: 'tile-button', onclick: () => this.#onButton() }, p.buttonLabel);
    }
    this.#parts = p;
    this.root.append(
      p.media,
      h('div', { class: 'tile-top' }, isScreen ? null : [p.hand, p.status], p.quality, p.button),
      h('div', { class: 'tile-label' }, isScreen ? icon('screen') : [p.mic, p.camera], p.name));
    this.w = w;
  }

  /**
   * Brings the tile in line with w: {key, person, source, self, place, track, trackId, mid,
   * micOff, cameraOff, hand, reconnecting, pinned} and the meeting state (speaker, quality).
   */
  update(w, state) {
    this.w = w;
    const { person } = w;
    const p = this.#parts;
    const isScreen = w.source === 'screen';
    const label = isScreen ? t('tile.screenOf', { name: person.name }) : person.name;
    setAttr(this.root, 'aria-label', label);
    setData(this.root, 'participantId', person.id);
    setData(this.root, 'name', person.name);
    setData(this.root, 'place', w.place);
    if (w.self) this.root.dataset.self = 'true';
    setText(p.name, isScreen ? label : (w.self ? t('tile.you', { name: person.name }) : person.name));
    this.#updateVideo(w);
    if (isScreen) return;
    this.#updateButton(w);
    updateAvatar(p.avatar, { key: person.key, name: person.name, avatar: person.avatar });
    p.status.hidden = !w.reconnecting;
    this.root.classList.toggle('is-reconnecting', Boolean(w.reconnecting));
    const showVideo = Boolean(this.#video) && !w.cameraOff && !this.#video.dataset.stalled;
    this.#video?.classList.toggle('is-off', !showVideo);
    p.avatar.classList.toggle('is-off', showVideo);
    if (p.mic.dataset.muted !== String(w.micOff)) {
      p.mic.dataset.muted = String(w.micOff);
      p.mic.replaceChildren(icon(w.micOff ? 'mic-off' : 'mic'));
      p.mic.classList.toggle('is-muted', w.micOff);
      p.mic.setAttribute('aria-label', w.micOff ? t('tile.micOff') : t('tile.micOn'));
    }
    p.camera.hidden = !w.cameraOff;
    p.hand.hidden = !w.hand;
    const others = state.participants.size > 0;
    this.root.classList.toggle('is-active-speaker', others && state.activeSpeakerId === person.id);
    this.root.classList.toggle('is-speaking', state.speaking.has(person.id) && !w.micOff);
    this.root.classList.toggle('is-pinned', Boolean(w.pinned));
    const grade = state.quality.get(person.id);
    p.quality.hidden = !grade;
    if (grade) {
      p.quality.className = `quality quality-${grade}`;
      setAttr(p.quality, 'aria-label', t(QUALITY[grade] ?? 'tile.connection', { grade }));
    }
  }

  /** Detaches the video (the tile is going away). */
  remove() {
    this.#stallWatch?.abort();
    if (this.#video) this.#video.srcObject = null;
    this.root.remove();
  }

  #onButton() {
    if (this.w.self) this.#actions.hideSelf();
    else this.#actions.pin(this.w.pinned ? null : this.w.person.id);
  }

  #updateButton(w) {
    const text = w.self ? t('tile.hideSelf') : (w.pinned ? t('tile.unpin') : t('tile.pin'));
    const b = this.#parts.button;
    if (this.#parts.buttonLabel.textContent === text) return;
    this.#parts.buttonLabel.textContent = text;
    b.querySelector('svg')?.remove();
    b.prepend(icon(w.self ? 'minimize' : (w.pinned ? 'pin-off' : 'pin')));
    b.title = text;
  }

  #updateVideo(w) {
    if (!w.track) {
      this.#stallWatch?.abort();
      if (this.#video) this.#video.srcObject = null;
      this.#video?.remove();
      this.#video = null;
      this.#track = null;
      return;
    }
    if (!this.#video) {
      const mirrored = w.self && w.source === 'camera' ? ' mirrored' : '';
      this.#video = h('video', { class: `tile-video${mirrored}`, autoplay: true, playsinline: true, muted: true });
      this.#video.muted = true;
      this.#parts.media.prepend(this.#video);
    }
    const video = this.#video;
    if (this.#track !== w.track) {
      this.#track = w.track;
      video.srcObject = new MediaStream([w.track]);
      this.#watchStall(video, w.track);
      video.play().catch(() => {});
    }
    setData(video, 'participantId', w.person.id);
    setData(video, 'trackId', w.trackId);
    setData(video, 'mid', w.mid);
  }

  /** A received track that stops delivering frames (muted by the network) shows the avatar. */
  #watchStall(video, track) {
    const refresh = () => {
      if (this.#video !== video || this.#track !== track) return;
      if (track.muted) video.dataset.stalled = 'true';
      else delete video.dataset.stalled;
      this.#onStall();
    };
    this.#stallWatch?.abort();
    this.#stallWatch = new AbortController();
    track.addEventListener('mute', refresh, { signal: this.#stallWatch.signal });
    track.addEventListener('unmute', refresh, { signal: this.#stallWatch.signal });
    if (track.muted) video.dataset.stalled = 'true';
    else delete video.dataset.stalled;
  }
}
