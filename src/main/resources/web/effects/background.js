/**
 * Background blur and virtual background: turns a camera track into a processed track in
 * this browser, with MediaPipe's selfie segmentation (segmenter.js: in a worker, from this
 * origin, nothing fetched elsewhere) on a 256x144 copy of each picture it segments; the
 * output keeps the camera's size.
 *
 * Frames come from MediaStreamTrackProcessor and leave through MediaStreamTrackGenerator
 * where the browser has them (Chromium: they keep running in a background tab); elsewhere a
 * hidden <video> is drawn on each requestVideoFrameCallback (or a timer) into a canvas whose
 * captureStream() is the output. Segmentation runs beside the frames, as fast as it can:
 * every frame is composed with the newest mask, so a slow machine gets a mask that lags, not
 * a camera that stutters. Until the first mask exists the whole picture is the background
 * (blurred or replaced), so the room behind the person never shows while the model loads.
 * Not thread-safe (the page's main thread only).
 */
import { loadSegmenter, MASK_HEIGHT, MASK_WIDTH } from './segmenter.js';

const FALLBACK_FRAME_MS = 33;
/** The longest rest after a run: the first run also compiles shaders and may take seconds. */
const MAX_REST_MS = 500;
/** The blurred background is made at 1/4 of the frame's width and height. */
const BLUR_DOWNSCALE = 4;

/** The built-in virtual backgrounds (SVG in ./backgrounds/), by name. */
export const BACKGROUND_IMAGES = ['dawn', 'shelves', 'sea'];

function loadImage(name) {
  const image = new Image();
  image.src = new URL(`./backgrounds/${name}.svg`, import.meta.url).href;
  return image.decode().then(() => image);
}

/** "none", "blur" or "image:<name>" of BACKGROUND_IMAGES; throws on anything else. */
export function parseMode(mode) {
  if (mode === 'none' || mode === 'blur') return { kind: mode, image: null };
  const name = typeof mode === 'string' && mode.startsWith('image:') ? mode.slice(6) : null;
  if (name && BACKGROUND_IMAGES.includes(name)) return { kind: 'image', image: name };
  throw new Error(`background "${mode}" (expected: none, blur or image:${BACKGROUND_IMAGES.join('|')})`);
}

export class BackgroundProcessor {
  /** The processed track, to send and to show as the self view. */
  track;
  #input;
  #mode = { kind: 'blur', image: null };
  #image = null;
  #segmenter = null;
  #maskCanvas = document.createElement('canvas');
  #maskContext;
  #blurCanvas = document.createElement('canvas');
  #hasMask = false;
  #segmenting = false;
  /** performance.now() before which the model rests (see #segment). */
  #restUntilMs = 0;
  #stopped = false;
  #stopLoop = () => {};

  /** Starts processing `input` (a live camera track) with `mode` ("blur" or "image:<name>"). */
  static async create(input, mode) {
    const processor = new BackgroundProcessor(input);
    try {
      await processor.setMode(mode);
      await processor.#startSegmenter();
      processor.#startFrames();
    } catch (error) {
      processor.stop();
      throw error;
    }
    return processor;
  }

  constructor(input) {
    this.#input = input;
    this.#maskCanvas.width = MASK_WIDTH;
    this.#maskCanvas.height = MASK_HEIGHT;
    this.#maskContext = this.#maskCanvas.getContext('2d');
  }

  /** The raw camera track this processes. */
  get input() { return this.#input; }

  async setMode(mode) {
    const parsed = parseMode(mode);
    if (parsed.kind === 'none') throw new Error('a processor always has an effect: stop it instead');
    // Without canvas filters a "blur" would send the background sharp: refuse instead.
    if (parsed.kind === 'blur' && !('filter' in CanvasRenderingContext2D.prototype)) throw new Error('this browser cannot blur a picture');
    this.#image = parsed.image ? await loadImage(parsed.image) : null;
    this.#mode = parsed;
  }

  /** Stops processing and the processed track (not the camera: its owner stops that). */
  stop() {
    this.#stopped = true;
    this.#stopLoop();
    this.track?.stop();
    this.#segmenter = null; // the page keeps it warm for the next processor
  }

  async #startSegmenter() {
    const segmenter = await loadSegmenter();
    if (!this.#stopped) this.#segmenter = segmenter;
  }

  /**
   * Hands the newest frame to the model unless it is busy, or resting: after a run it rests
   * as long as the run took (at most MAX_REST_MS), so on a slow machine (no GPU: WebGL in
   * software) the model takes half a core at most, and frames and the meeting stay fluid.
   */
  #segment(source, width, height) {
    const now = performance.now();
    if (this.#segmenting || !this.#segmenter || this.#stopped || now < this.#restUntilMs) return;
    this.#segmenting = true;
    this.#segmenter.segment(source, width, height)
      .then((mask) => this.#keepMask(mask))
      .catch((error) => console.warn('Parley: segmentation failed:', error?.message))
      .finally(() => {
        this.#segmenting = false;
        const end = performance.now();
        this.#restUntilMs = end + Math.min(end - now, MAX_REST_MS);
      });
  }

  /** Copies the model's mask, softening its edges (cheap at this size). */
  #keepMask(mask) {
    if (!mask) return;
    if (!this.#stopped) {
      this.#maskContext.globalCompositeOperation = 'copy';
      this.#maskContext.filter = 'blur(2px)';
      this.#maskContext.drawImage(mask, 0, 0, MASK_WIDTH, MASK_HEIGHT);
      this.#maskContext.filter = 'none';
      this.#hasMask = true;
    }
    mask.close?.();
  }

  /** Draws one output picture of width x height from source (a VideoFrame or a <video>). */
  #compose(context, source, width, height) {
    const canvas = context.canvas;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    context.filter = 'none';
    if (this.#hasMask) {
      context.globalCompositeOperation = 'copy';
      context.drawImage(this.#maskCanvas, 0, 0, width, height);
      context.globalCompositeOperation = 'source-in';
      context.drawImage(source, 0, 0, width, height);
      context.globalCompositeOperation = 'destination-over';
    } else {
      context.globalCompositeOperation = 'copy';
    }
    this.#drawBackground(context, source, width, height);
    context.globalCompositeOperation = 'source-over';
    context.filter = 'none';
  }

  #drawBackground(context, source, width, height) {
    if (this.#mode.kind === 'image' && this.#image) {
      const image = this.#image;
      const scale = Math.max(width / image.naturalWidth, height / image.naturalHeight); // cover, keep proportions
      const w = image.naturalWidth * scale;
      const h = image.naturalHeight * scale;
      context.drawImage(image, (width - w) / 2, (height - h) / 2, w, h);
      return;
    }
    // Blurred at a quarter of the size, then scaled up: a sixteenth of the pixels to blur
    // (the costly part on a CPU), and nothing a blur keeps is lost by the scaling.
    const small = this.#blurCanvas;
    const w = Math.max(1, Math.round(width / BLUR_DOWNSCALE));
    const h = Math.max(1, Math.round(height / BLUR_DOWNSCALE));
    if (small.width !== w || small.height !== h) {
      small.width = w;
      small.height = h;
    }
    const blurContext = small.getContext('2d');
    const radius = Math.max(2, Math.round(small.width / 40));
    blurContext.filter = `blur(${radius}px)`;
    // Drawn past the edges, so the blur does not fade to transparent there.
    blurContext.drawImage(source, -radius, -radius, small.width + 2 * radius, small.height + 2 * radius);
    context.drawImage(small, 0, 0, width, height);
  }

  #startFrames() {
    if (typeof globalThis.MediaStreamTrackProcessor === 'function' && typeof globalThis.MediaStreamTrackGenerator === 'function') {
      this.#startStreams();
    } else {
      this.#startCanvas();
    }
  }

  /** Chromium: VideoFrames in, VideoFrames out, no rendering loop involved. */
  #startStreams() {
    const reader = new MediaStreamTrackProcessor({ track: this.#input }).readable.getReader();
    const generator = new MediaStreamTrackGenerator({ kind: 'video' });
    const writer = generator.writable.getWriter();
    const context = new OffscreenCanvas(1, 1).getContext('2d');
    this.track = generator;
    this.#stopLoop = () => {
      reader.cancel().catch(() => {});
      writer.close().catch(() => {});
    };
    const pump = async () => {
      while (!this.#stopped) {
        const { value: frame, done } = await reader.read();
        if (done) break;
        try {
          const width = frame.displayWidth;
          const height = frame.displayHeight;
          this.#segment(frame, width, height);
          this.#compose(context, frame, width, height);
          const timestamp = frame.timestamp;
          frame.close();
          await writer.write(new VideoFrame(context.canvas, { timestamp }));
        } catch (error) {
          frame.close();
          if (!this.#stopped) console.warn('Parley: background frame failed:', error?.message);
        }
      }
    };
    pump().catch(() => {});
  }

  /** Other browsers: a hidden <video>, a canvas, and the canvas's own track. */
  #startCanvas() {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = new MediaStream([this.#input]);
    video.play().catch(() => {});
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d');
    this.track = canvas.captureStream(30).getVideoTracks()[0];
    let timer = 0;
    let handle = 0;
    const draw = () => {
      if (this.#stopped) return;
      if (video.videoWidth > 0) {
        this.#segment(video, video.videoWidth, video.videoHeight);
        this.#compose(context, video, video.videoWidth, video.videoHeight);
      }
      next();
    };
    const next = () => {
      if (typeof video.requestVideoFrameCallback === 'function') handle = video.requestVideoFrameCallback(draw);
      else timer = setTimeout(draw, FALLBACK_FRAME_MS);
    };
    this.#stopLoop = () => {
      clearTimeout(timer);
      video.cancelVideoFrameCallback?.(handle);
      video.srcObject = null;
    };
    next();
  }
}
