/*
 * MediaPipe selfie segmentation off the page's main thread (a classic worker: MediaPipe's
 * legacy solution loads its parts with importScripts and draws into an OffscreenCanvas
 * here). Its first run compiles WebGL shaders and, on a machine without a GPU, took about
 * 11 s: in the page that froze every button; here it freezes nothing the person touches.
 *
 * Messages in:  {type: "frame", image: ImageBitmap} (transferred; closed here)
 * Messages out: {type: "ready"} once the model ran on a first blank frame, or
 *               {type: "failed", message} when it cannot load; then exactly one answer per
 *               frame, in order: {type: "mask", mask: ImageBitmap (transferred) or null}, or
 *               {type: "failed", message}.
 * Everything loads from this origin (../vendor/). Not thread-safe: this worker's thread only.
 */
const VENDOR = new URL('../vendor/selfie-segmentation/', self.location.href);
// The Emscripten module's settings, which MediaPipe's worker path reads from this global:
// without locateFile the .wasm would be looked for beside this worker.
self.Module = { locateFile: (file) => new URL(file, VENDOR).href };
// MediaPipe's worker path hands its model (a data file) to importScripts along with its
// code, which fails (not a script); the graph fetches the model itself. Load only scripts.
const importScriptFiles = self.importScripts.bind(self);
self.importScripts = (...urls) => importScriptFiles(...urls.filter((url) => new URL(url, self.location.href).pathname.endsWith('.js')));
importScripts('../vendor/selfie-segmentation/selfie_segmentation.js');

/** The landscape model's input size: what the page sends, and the mask it gets back. */
const WIDTH = 256;
const HEIGHT = 144;

const copy = new OffscreenCanvas(WIDTH, HEIGHT);
const copyContext = copy.getContext('2d');
/** The mask of the frame being segmented, set by onResults. */
let latest = null;
const segmenter = new self.SelfieSegmentation({ locateFile: (file) => new URL(file, VENDOR).href });
segmenter.setOptions({ modelSelection: 1 });
segmenter.onResults((results) => {
  // The mask is only valid during this callback: copy it into a bitmap of our own.
  copyContext.globalCompositeOperation = 'copy';
  copyContext.drawImage(results.segmentationMask, 0, 0, WIDTH, HEIGHT);
  latest?.close();
  latest = copy.transferToImageBitmap();
});

/** Loads the model and runs it once on a blank frame: the slow first run happens before any camera frame waits on it. */
async function start() {
  await segmenter.initialize();
  const blank = new OffscreenCanvas(WIDTH, HEIGHT);
  blank.getContext('2d').fillRect(0, 0, WIDTH, HEIGHT);
  await segmenter.send({ image: blank.transferToImageBitmap() });
  latest?.close();
  latest = null;
}

const ready = start();
ready.then(() => self.postMessage({ type: 'ready' }),
  (error) => self.postMessage({ type: 'failed', message: String(error?.message ?? error) }));

self.onmessage = async (event) => {
  const { type, image } = event.data ?? {};
  if (type !== 'frame') return;
  try {
    await ready;
    await segmenter.send({ image });
    const mask = latest;
    latest = null;
    self.postMessage({ type: 'mask', mask }, mask ? [mask] : []);
  } catch (error) {
    self.postMessage({ type: 'failed', message: String(error?.message ?? error) });
  } finally {
    image?.close?.();
  }
};
