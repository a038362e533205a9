/**
 * A call's own-media effects (call.effects): background blur or a virtual background on
 * the camera, noise suppression on the microphone. Both are off until the person turns
 * them on. It is the MediaSession's `effects` hook: whenever the session puts a camera or
 * microphone track on its sender it asks track(source, raw) what to send, so a processed
 * track replaces the raw one with replaceTrack (no renegotiation, and an end-to-end
 * encryption transform on the sender stays). No DOM of its own (the processors use canvas
 * and WebAudio); views/effects.js is the dialog.
 *
 * Events (CustomEvent): "changed" {} after a setting took effect or failed back.
 */
import { BackgroundProcessor, BACKGROUND_IMAGES, parseMode } from './background.js';
import { NoiseSuppressor } from './noise.js';
import { preloadSegmenter } from './segmenter.js';

export { BACKGROUND_IMAGES, preloadSegmenter };

export class Effects extends EventTarget {
  /** "none", "blur" or "image:<name>". */
  background = 'none';
  noiseSuppression = false;
  #media;
  /** Source ("camera", "mic") → the running processor (BackgroundProcessor, NoiseSuppressor). */
  #running = new Map();
  /** Source → the chain of changes, so that two clicks never build two processors at once. */
  #chains = new Map();
  #closed = false;

  /** Hooks into media (a MediaSession): from now on its camera and microphone pass through here. */
  constructor(media) {
    super();
    this.#media = media;
    media.effects = this;
  }

  /** What to restore in another call (a move to a breakout room). */
  settings() {
    return { background: this.background, noiseSuppression: this.noiseSuppression };
  }

  /** Restores settings() of an earlier call; failures fall back to off. */
  restore(settings) {
    if (settings?.background && settings.background !== 'none') this.setBackground(settings.background).catch(() => {});
    if (settings?.noiseSuppression) this.setNoiseSuppression(true).catch(() => {});
  }

  /**
   * Turns the camera's background effect on or changes it: "blur", "image:<name>" (one of
   * BACKGROUND_IMAGES) or "none". Resolves when the camera sends it (or at once without a
   * camera: it applies when the camera starts); rejects, and stays as it was, when it cannot run.
   */
  async setBackground(mode) {
    parseMode(mode); // throws on a name that does not exist
    const before = this.background;
    this.background = mode;
    try {
      await this.#media.reprocess('camera');
    } catch (error) {
      this.background = before;
      await this.#media.reprocess('camera').catch(() => {});
      throw error;
    } finally {
      this.#changed();
    }
  }

  /** Turns RNNoise on the microphone on or off; like setBackground. */
  async setNoiseSuppression(on) {
    const before = this.noiseSuppression;
    this.noiseSuppression = Boolean(on);
    try {
      await this.#media.reprocess('mic');
    } catch (error) {
      this.noiseSuppression = before;
      await this.#media.reprocess('mic').catch(() => {});
      throw error;
    } finally {
      this.#changed();
    }
  }

  /**
   * The MediaSession hook: the track to send for source "camera" or "mic" whose raw track
   * is `raw` (null: nothing to send). Builds, changes or stops the processor as needed;
   * rejects when the effect cannot start.
   */
  track(source, raw) {
    const chain = (this.#chains.get(source) ?? Promise.resolve()).catch(() => {}).then(() => this.#apply(source, raw));
    this.#chains.set(source, chain);
    return chain;
  }

  /** Whether an effect is on for source ("camera" or "mic"). */
  wants(source) {
    return !this.#closed && (source === 'camera' ? this.background !== 'none' : this.noiseSuppression);
  }

  /** Stops every processor (the call is over). */
  close() {
    this.#closed = true;
    for (const processor of this.#running.values()) processor.stop();
    this.#running.clear();
  }

  async #apply(source, raw) {
    const wanted = raw && this.wants(source);
    const running = this.#running.get(source);
    if (running && (!wanted || running.input !== raw)) {
      running.stop();
      this.#running.delete(source);
    }
    if (!wanted) return raw;
    const current = this.#running.get(source);
    if (current) {
      if (source === 'camera') await current.setMode(this.background);
      return current.track;
    }
    const made = source === 'camera' ? await BackgroundProcessor.create(raw, this.background) : await NoiseSuppressor.create(raw);
    if (this.#closed) {
      made.stop();
      return raw;
    }
    this.#running.set(source, made);
    return made.track;
  }

  #changed() {
    this.dispatchEvent(new CustomEvent('changed', { detail: {} }));
  }
}
