/**
 * The person's outline in a camera picture: MediaPipe selfie segmentation (vendored in
 * ../vendor/, served from this origin), run in a worker (segment-worker.js) so that neither
 * its first run (about 11 s on software WebGL: shader compilation) nor each later run holds
 * the page's main thread, where the leave and mute buttons live. Where the worker cannot
 * start the model, it runs in the page as before (a slower page, the same picture).
 *
 * loadSegmenter() starts the model once per page and keeps it warm: the dialog calls it
 * when it opens (preloadSegmenter), so that by the time someone picks "Blur" it has often
 * loaded; a new call after a move to a breakout room finds it ready. segment(source, w, h)
 * takes a camera picture, scales it to the model's input (256x144) and resolves to a mask
 * of that size (ImageBitmap or canvas; null when the model gave none). One run at a time.
 * Not thread-safe (the page's main thread only).
 */

const VENDOR = new URL('../vendor/selfie-segmentation/', import.meta.url);
/** The landscape model's input size: smaller costs less, larger is not seen. */
export const MASK_WIDTH = 256;
export const MASK_HEIGHT = 144;

let loading = null;

/** The page's segmenter, loading it on first use; rejects when neither a worker nor the page can run the model. */
export function loadSegmenter() {
  loading ??= WorkerSegmenter.start().catch((error) => {
    console.warn('Parley: segmentation in a worker failed, running it in the page:', error?.message);
    return PageSegmenter.start();
  }).catch((error) => {
    loading = null; // a later try loads it again
    throw error;
  });
  return loading;
}

/** Starts loading the model now, for a blur that may come (the effects dialog opened). */
export function preloadSegmenter() {
  loadSegmenter().catch(() => {});
}

class WorkerSegmenter {
  #worker;
  #canvas = new OffscreenCanvas(MASK_WIDTH, MASK_HEIGHT);
  /** One {resolve, reject} per frame sent, answered in order. */
  #waiting = [];

  static start() {
    if (typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function') return Promise.reject(new Error('no OffscreenCanvas'));
    const worker = new Worker(new URL('./segment-worker.js', import.meta.url));
    return new Promise((resolve, reject) => {
      worker.onerror = (event) => {
        event.preventDefault?.();
        worker.terminate();
        reject(new Error(event.message || 'the segmentation worker failed'));
      };
      worker.onmessage = ({ data }) => {
        if (data?.type === 'ready') resolve(new WorkerSegmenter(worker));
        else {
          worker.terminate();
          reject(new Error(data?.message ?? 'the segmentation worker failed'));
        }
      };
    });
  }

  constructor(worker) {
    this.#worker = worker;
    worker.onerror = (event) => this.#answer({ type: 'failed', message: event.message || 'the segmentation worker failed' });
    worker.onmessage = ({ data }) => this.#answer(data);
  }

  segment(source, width, height) {
    this.#canvas.getContext('2d').drawImage(source, 0, 0, width, height, 0, 0, MASK_WIDTH, MASK_HEIGHT);
    const image = this.#canvas.transferToImageBitmap();
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#worker.postMessage({ type: 'frame', image }, [image]);
    });
  }

  #answer(data) {
    const next = this.#waiting.shift();
    if (!next) return;
    if (data?.type === 'mask') next.resolve(data.mask ?? null);
    else next.reject(new Error(data?.message ?? 'segmentation failed'));
  }
}

class PageSegmenter {
  #model;
  #canvas = document.createElement('canvas');
  #mask = document.createElement('canvas');
  #hasMask = false;

  static async start() {
    const SelfieSegmentation = await loadScript();
    const model = new SelfieSegmentation({ locateFile: (file) => new URL(file, VENDOR).href });
    model.setOptions({ modelSelection: 1 });
    await model.initialize();
    return new PageSegmenter(model);
  }

  constructor(model) {
    this.#model = model;
    this.#canvas.width = this.#mask.width = MASK_WIDTH;
    this.#canvas.height = this.#mask.height = MASK_HEIGHT;
    model.onResults((results) => {
      // The mask is only valid during this callback: copy it.
      const context = this.#mask.getContext('2d');
      context.globalCompositeOperation = 'copy';
      context.drawImage(results.segmentationMask, 0, 0, MASK_WIDTH, MASK_HEIGHT);
      this.#hasMask = true;
    });
  }

  async segment(source, width, height) {
    this.#canvas.getContext('2d').drawImage(source, 0, 0, width, height, 0, 0, MASK_WIDTH, MASK_HEIGHT);
    this.#hasMask = false;
    await this.#model.send({ image: this.#canvas });
    return this.#hasMask ? this.#mask : null;
  }
}

/** Loads selfie_segmentation.js into the page (a classic script that defines SelfieSegmentation). */
function loadScript() {
  if (globalThis.SelfieSegmentation) return Promise.resolve(globalThis.SelfieSegmentation);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('selfie_segmentation.js', VENDOR).href;
    script.onload = () => resolve(globalThis.SelfieSegmentation);
    script.onerror = () => reject(new Error('the segmentation library did not load'));
    document.head.append(script);
  });
}
