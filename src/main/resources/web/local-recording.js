/**
 * Recording on this device (docs/protocol.md, "Recording on a device"): the meeting as this
 * browser shows and hears it, made here and saved here, never sent anywhere. Video: the videos
 * on the stage drawn into one canvas (a grid, each picture fitted, 25 times a second); audio:
 * every audio track this page plays and our own microphone, mixed with WebAudio. A
 * MediaRecorder encodes both into WebM; stopping downloads it as a file. Because it records what
 * the browser decrypted, it works in an end-to-end encrypted meeting too.
 *
 * sources: { videos() → <video> elements to show, audioStreams() → MediaStreams to hear }.
 */

import { t } from './i18n.js';
const WIDTH = 1280;
const HEIGHT = 720;
const FPS = 25;
/** New videos and sounds (someone joins) are picked up this often. */
const RESCAN_MS = 1000;

export class LocalRecorder {
  #sources;
  #canvas = null;
  #audio = null;
  #mix = null;
  #heard = new WeakSet();
  #recorder = null;
  #chunks = [];
  #timers = [];
  #startedAt = null;

  constructor(sources) {
    this.#sources = sources;
  }

  /** Whether this browser can record (MediaRecorder, canvas capture, WebAudio). */
  static supported() {
    return typeof MediaRecorder === 'function' && typeof HTMLCanvasElement.prototype.captureStream === 'function'
      && typeof AudioContext === 'function';
  }

  get recording() {
    return this.#recorder !== null;
  }

  /** Starts recording; throws (with a message to show) when the browser cannot. */
  start() {
    if (this.#recorder) return;
    if (!LocalRecorder.supported()) throw new Error(t('local.unsupported'));
    this.#canvas = document.createElement('canvas');
    this.#canvas.width = WIDTH;
    this.#canvas.height = HEIGHT;
    const context = this.#canvas.getContext('2d');
    this.#audio = new AudioContext();
    this.#mix = this.#audio.createMediaStreamDestination();
    this.#listen();
    const stream = new MediaStream([...this.#canvas.captureStream(FPS).getVideoTracks(), ...this.#mix.stream.getAudioTracks()]);
    const mimeType = ['video/webm;codecs=vp8,opus', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
    this.#recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    this.#chunks = [];
    this.#recorder.ondataavailable = (e) => { if (e.data.size > 0) this.#chunks.push(e.data); };
    this.#recorder.start(1000);
    this.#startedAt = new Date();
    this.#timers.push(setInterval(() => this.#draw(context), 1000 / FPS), setInterval(() => this.#listen(), RESCAN_MS));
    this.#draw(context);
  }

  /** Stops and downloads the file; resolves with its name (null if nothing was recording). */
  async stop() {
    const recorder = this.#recorder;
    if (!recorder) return null;
    this.#recorder = null;
    this.#timers.forEach(clearInterval);
    this.#timers = [];
    const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
    recorder.stop();
    await stopped;
    recorder.stream.getTracks().forEach((t) => t.stop());
    await this.#audio.close();
    const name = `meeting-${fileDate(this.#startedAt)}.webm`;
    const url = URL.createObjectURL(new Blob(this.#chunks, { type: 'video/webm' }));
    this.#chunks = [];
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return name;
  }

  /** Connects every audio stream not yet in the mix. */
  #listen() {
    for (const stream of this.#sources.audioStreams()) {
      if (!stream || this.#heard.has(stream) || stream.getAudioTracks().length === 0) continue;
      this.#heard.add(stream);
      this.#audio.createMediaStreamSource(stream).connect(this.#mix);
    }
  }

  /** One frame: the videos in a grid as square as possible, each fitted into its cell. */
  #draw(context) {
    context.fillStyle = '#000';
    context.fillRect(0, 0, WIDTH, HEIGHT);
    const videos = this.#sources.videos().filter((v) => v.readyState >= 2 && v.videoWidth > 0);
    const cols = Math.ceil(Math.sqrt(Math.max(1, videos.length)));
    const rows = Math.ceil(Math.max(1, videos.length) / cols);
    const cellW = WIDTH / cols;
    const cellH = HEIGHT / rows;
    videos.forEach((v, i) => {
      const scale = Math.min(cellW / v.videoWidth, cellH / v.videoHeight);
      const w = v.videoWidth * scale;
      const h = v.videoHeight * scale;
      context.drawImage(v, (i % cols) * cellW + (cellW - w) / 2, Math.floor(i / cols) * cellH + (cellH - h) / 2, w, h);
    });
  }
}

function fileDate(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}
