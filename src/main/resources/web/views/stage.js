/**
 * The stage: the videos of a meeting of up to 200, laid out as
 * - the tile view: pages of at most 25 tiles (fewer on small screens), with "Previous
 *   page"/"Next page" buttons and a "Page 2 of 4" label when there is more than one;
 * - the speaker view: the pinned person or the active speaker large, a strip of a few others;
 * - shared screens beside either, and our own camera as a small self view in the corner,
 *   movable (selfview.js), folded away with "Hide self view", back with "Show self view".
 * The settings dialog (settings.js) sets the video quality asked for and the sound output.
 * Only the people on screen have tiles, and only their videos are asked for: after every
 * change (and whenever a tile's size or visibility changes) the stage tells the call which
 * tracks it shows and how tall (Call.setView, docs/protocol.md "view").
 *
 * Test hooks: see tiles.js (tiles) and audio.js (sound); the stage root has data-layout
 * "grid" or "speaker", and data-page-size (tiles a page holds now).
 */
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { showNotice } from './notices.js';
import { Tile } from './tiles.js';
import { AudioSlots } from './audio.js';
import { SelfView } from './selfview.js';
import { arrange, pageSize, pickLarge, pickStrip, RECENT_SPEAKERS_KEPT, stripSize } from './layout.js';
import { t } from '../i18n.js';

/** Heights asked for by the "high" and "low" video qualities, device px. */
const HIGH_PX = 720;
const LOW_PX = 180;

export class Stage {
  #call;
  /** The <main> element. */
  element;
  #top = h('div', { class: 'stage-top' });
  #screens = h('div', { class: 'screens', hidden: true });
  #large = h('div', { class: 'speaker-large', hidden: true });
  #grid = h('div', { class: 'grid' });
  #pageLabel = h('span', { class: 'pager-label', 'aria-live': 'polite' });
  #prev;
  #next;
  #pager;
  #selfView;
  #self;
  #showSelf;
  #invite;
  #audio;
  #tiles = new Map();
  /** The tiles of the last update, in display order. */
  #shown = [];
  #page = 0;
  #largeId = null;
  #recent = [];
  #lastSpeaker = null;
  /** Tiles the IntersectionObserver last saw off screen (unknown counts as visible). */
  #offscreen = new WeakSet();
  #resize;
  #intersect;
  /** Video quality asked for: "auto", "high", "low" or "audio-only" (settings.js). */
  quality = 'auto';
  /** The sound output chosen in the settings ('' is the default one). */
  sinkId = '';
  #audioSink;

  /** attrs: attributes of the <main> element; invite: shown while we are alone. */
  constructor(call, { attrs, invite, audioSink, onAudioBlocked }) {
    this.#call = call;
    this.#invite = invite;
    this.#audio = new AudioSlots(call.media, audioSink, onAudioBlocked);
    this.#audioSink = audioSink;
    const pageButton = (name, iconName, step) => h('button', {
      type: 'button', class: 'icon-button pager-button', title: name, onclick: () => this.#turn(step),
    }, icon(iconName), h('span', { class: 'visually-hidden', text: name }));
    this.#prev = pageButton(t('stage.previousPage'), 'chevron-left', -1);
    this.#next = pageButton(t('stage.nextPage'), 'chevron-right', 1);
    this.#pager = h('nav', { class: 'pager', 'aria-label': t('stage.pages'), hidden: true }, this.#prev, this.#pageLabel, this.#next);
    this.#showSelf = h('button', {
      type: 'button', class: 'button button-small show-self', hidden: true, onclick: () => call.state.hideSelf(false),
    }, icon('self'), h('span', { text: t('stage.showSelf') }));
    this.#top.append(this.#screens, this.#large, this.#grid);
    this.element = h('main', { class: 'stage', ...attrs, dataset: { layout: 'grid' } }, this.#top, this.#pager, this.#showSelf);
    this.#selfView = new SelfView(this.element);
    this.#self = this.#selfView.element;
    this.element.append(this.#self);
    this.#resize = new ResizeObserver((entries) => this.#onResize(entries));
    this.#resize.observe(this.#top);
    this.#intersect = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) this.#offscreen.delete(e.target);
        else this.#offscreen.add(e.target);
      }
      this.#requestView();
    });
  }

  /** Brings the stage in line with the call's state. */
  update() {
    const { state } = this.#call;
    if (!state.me) return;
    this.#audio.update();
    this.#applySink();
    this.#noteSpeaker(state.activeSpeakerId);
    const others = [...state.participants.values()];
    const screens = this.#screenTiles(state);
    const presenting = screens.length > 0;
    const speakerView = state.view.layout === 'speaker' && others.length > 0;
    this.element.dataset.layout = speakerView ? 'speaker' : 'grid';
    this.element.classList.toggle('presenting', presenting);
    this.#screens.hidden = !presenting;
    this.#large.hidden = !speakerView;
    if (speakerView !== (this.#grid.parentNode !== this.#top)) {
      if (speakerView) this.#top.after(this.#grid);
      else this.#top.append(this.#grid);
    }
    const wanted = screens.map((w) => [w, this.#screens]);
    let people;
    if (speakerView) {
      people = this.#speakerLayout(state, others, wanted);
    } else {
      people = this.#gridPage(state, others, presenting);
      this.#largeId = null;
    }
    for (const p of people) wanted.push([this.#personTile(state, p, speakerView ? 'strip' : 'grid'), this.#grid]);
    if (!state.view.selfHidden) wanted.push([this.#selfTile(state), this.#self]);
    this.#self.hidden = state.view.selfHidden;
    this.element.classList.toggle('has-self', !state.view.selfHidden);
    this.#showSelf.hidden = !state.view.selfHidden;
    this.#sync(wanted, state);
    const alone = others.length === 0;
    this.#invite.hidden = !alone;
    if (alone) this.#grid.append(this.#invite);
    else this.#invite.remove();
    this.#arrange(people.length + (alone ? 1 : 0), speakerView || presenting);
    this.#requestView();
  }

  /** The video quality to ask for (see quality); sends a new `view` at once. */
  setQuality(quality) {
    this.quality = quality;
    this.#requestView();
  }

  /** Sends the sound to another output device (where the browser allows setSinkId). */
  setSinkId(sinkId) {
    this.sinkId = sinkId;
    this.#applySink();
  }

  #applySink() {
    for (const el of this.#audioSink.querySelectorAll('audio')) {
      if (typeof el.setSinkId !== 'function' || el.sinkId === this.sinkId) continue;
      el.setSinkId(this.sinkId).catch(() => showNotice({ text: t('stage.sinkFailed'), tone: 'error' }));
    }
  }

  /** Plays the sound again (after the person allowed it with a click). */
  resumeAudio() {
    this.#audio.resume();
  }

  destroy() {
    this.#resize.disconnect();
    this.#intersect.disconnect();
    for (const tile of this.#tiles.values()) tile.remove();
    this.#tiles.clear();
    this.#audio.clear();
  }

  /** The grid's current page of others; updates the pager. */
  #gridPage(state, others, presenting) {
    const { width, height } = this.#top.getBoundingClientRect();
    const size = pageSize(width, height, presenting, state.view.maxPageSize);
    const pages = Math.max(1, Math.ceil(others.length / size));
    this.#page = Math.min(Math.max(0, this.#page), pages - 1);
    this.element.dataset.pageSize = String(size);
    this.#pager.hidden = pages <= 1;
    this.#pageLabel.textContent = t('stage.page', { page: this.#page + 1, pages });
    this.#prev.disabled = this.#page === 0;
    this.#next.disabled = this.#page === pages - 1;
    return others.slice(this.#page * size, (this.#page + 1) * size);
  }

  /** Speaker view: the large one into wanted, returns the strip. */
  #speakerLayout(state, others, wanted) {
    this.#pager.hidden = true;
    const order = others.map((p) => p.id);
    const present = new Set(order);
    this.#largeId = pickLarge({
      pinnedId: state.view.pinnedId, activeId: state.activeSpeakerId, previousId: this.#largeId,
      recent: this.#recent, order, present,
    });
    const large = state.participants.get(this.#largeId);
    if (large) wanted.push([this.#personTile(state, large, 'large'), this.#large]);
    const stripIds = pickStrip({
      count: stripSize(this.#top.getBoundingClientRect().width), largeId: this.#largeId, recent: this.#recent, order,
    });
    return stripIds.map((id) => state.participants.get(id));
  }

  #turn(step) {
    this.#page += step;
    this.update();
    (step < 0 && this.#prev.disabled ? this.#next : (step > 0 && this.#next.disabled ? this.#prev : null))?.focus();
  }

  /** Remembers who spoke, most recent first, for the speaker view's strip. */
  #noteSpeaker(id) {
    if (!id || id === this.#lastSpeaker || id === this.#call.state.me?.id) return;
    this.#lastSpeaker = id;
    this.#recent = [id, ...this.#recent.filter((r) => r !== id)].slice(0, RECENT_SPEAKERS_KEPT);
  }

  #screenTiles(state) {
    const { media } = this.#call;
    const screens = [];
    if (state.local.sharing && media.screenTrack) {
      screens.push({
        key: 'screen:self', person: state.me, source: 'screen', self: true, place: 'screens',
        track: media.screenTrack, trackId: media.screenTrack.id,
      });
    }
    for (const p of state.participants.values()) {
      const screen = state.remote.get(p.id)?.screen;
      // A published screen gets its tile before its video arrives (camera on or off).
      if (!screen?.track && !state.trackIdOf(p.id, 'screen')) continue;
      screens.push({
        key: `screen:${p.key}`, person: p, source: 'screen', place: 'screens',
        track: screen?.track ?? null, trackId: screen?.trackId ?? null, mid: screen?.mid ?? null,
      });
    }
    return screens;
  }

  #selfTile(state) {
    const { media } = this.#call;
    const track = state.local.cameraOn ? media.sentTrack('camera') : null; // with its background effect, if on
    return {
      key: 'self', person: state.me, source: 'camera', self: true, place: 'self', track, trackId: track?.id ?? null,
      micOff: !state.local.micOn, cameraOff: !track, hand: state.local.handRaised,
    };
  }

  /** A tile is keyed by the person's stable key: a reconnection (a new id) keeps the tile in place. */
  #personTile(state, p, place) {
    const camera = state.remote.get(p.id)?.camera;
    return {
      key: p.key, person: p, source: 'camera', place,
      track: camera?.track ?? null, trackId: camera?.trackId ?? null, mid: camera?.mid ?? null,
      micOff: p.audioMuted, cameraOff: p.videoMuted || !camera?.track, hand: p.handRaised,
      reconnecting: p.reconnecting, pinned: state.view.pinnedId === p.id,
    };
  }

  /** wanted: [[w, container]] in display order. Creates, moves, updates and removes tiles. */
  #sync(wanted, state) {
    const keys = new Set(wanted.map(([w]) => w.key));
    for (const [key, tile] of this.#tiles) {
      if (keys.has(key)) continue;
      this.#resize.unobserve(tile.root);
      this.#intersect.unobserve(tile.root);
      tile.remove();
      this.#tiles.delete(key);
    }
    const index = new Map();
    for (const [w, container] of wanted) {
      let tile = this.#tiles.get(w.key);
      if (!tile) {
        tile = new Tile(w, {
          pin: (id) => state.pin(id), hideSelf: () => state.hideSelf(true),
        }, () => this.update());
        this.#tiles.set(w.key, tile);
        this.#resize.observe(tile.root);
        this.#intersect.observe(tile.root);
      }
      const i = index.get(container) ?? 0;
      index.set(container, i + 1);
      if (container.children[i] !== tile.root) container.insertBefore(tile.root, container.children[i] ?? null);
      tile.update(w, state);
    }
    this.#shown = wanted.map(([w]) => this.#tiles.get(w.key));
  }

  /** Columns and rows of the tile view for n tiles (the CSS reads --cols and --rows). */
  #arrange(n, fixed) {
    if (fixed) return;
    const { width, height } = this.#grid.getBoundingClientRect();
    const { cols, rows } = arrange(n, width, height);
    this.#grid.style.setProperty('--cols', String(cols));
    this.#grid.style.setProperty('--rows', String(rows));
  }

  #onResize(entries) {
    if (entries.some((e) => e.target === this.#top)) {
      this.update();
      this.#selfView.clamp();
    }
    else this.#requestView();
  }

  /**
   * Tells the call what is shown: the large one, the screens, then the tiles in order, each
   * at its height in device pixels; tiles off screen, cameras that are off and our own
   * videos are left out. In the speaker view without a pin, speakerHeight lets the server
   * put a new speaker on at once, before this page has caught up.
   */
  #requestView() {
    const { state } = this.#call;
    const dpr = globalThis.devicePixelRatio || 1;
    const video = [];
    const rank = { large: 0, screens: 1, grid: 2, strip: 2, self: 3 };
    const tiles = [...this.#shown].sort((a, b) => rank[a.w.place] - rank[b.w.place]);
    let speakerHeight = 0;
    for (const tile of tiles) {
      const { person, source, self } = tile.w;
      if (self || !tile.root.isConnected || this.#offscreen.has(tile.root)) continue;
      const height = this.#wantedHeight(source, tile.root.getBoundingClientRect().height * dpr);
      if (height === null) continue;
      if (tile.w.place === 'large' && !state.view.pinnedId) speakerHeight = height;
      if (source === 'camera' && person.videoMuted) continue;
      const trackId = state.trackIdOf(person.id, source);
      if (trackId) video.push({ trackId, height });
    }
    this.#call.setView({ video, speakerHeight: this.quality === 'audio-only' ? 0 : speakerHeight });
  }

  /**
   * The height to ask for a tile of `shown` device pixels at the chosen quality: "high" asks
   * for at least 720 (the top layer of a usual camera), "low" for at most 180 (the lowest),
   * "audio-only" for no camera at all (null); screens always as shown.
   */
  #wantedHeight(source, shown) {
    if (source === 'screen') return shown;
    switch (this.quality) {
      case 'high': return Math.max(shown, HIGH_PX);
      case 'low': return Math.min(shown, LOW_PX);
      case 'audio-only': return null;
      default: return shown;
    }
  }
}
