/**
 * Noise suppression for the microphone: the track goes through RNNoise in an AudioWorklet
 * (noise-worklet.js) and comes out as a new track to send. Everything stays in this browser
 * and on this origin. Not thread-safe (the page's main thread only).
 */

/** RNNoise's model is trained for 48 kHz; the context resamples a device at another rate. */
const SAMPLE_RATE = 48_000;

export class NoiseSuppressor {
  /** The processed track, to send. */
  track;
  #input;
  #context;
  #node;

  /** Starts suppressing noise on `input` (a live microphone track). */
  static async create(input) {
    const context = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' });
    try {
      await context.audioWorklet.addModule(new URL('./noise-worklet.js', import.meta.url));
      const source = context.createMediaStreamSource(new MediaStream([input]));
      const node = new AudioWorkletNode(context, 'parley-noise-suppressor',
        { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1], channelCount: 1, channelCountMode: 'explicit' });
      const destination = context.createMediaStreamDestination();
      source.connect(node).connect(destination);
      // A context made outside a click may start suspended; the meeting page has had one.
      context.resume().catch(() => {});
      return new NoiseSuppressor(input, context, node, destination.stream.getAudioTracks()[0]);
    } catch (error) {
      context.close().catch(() => {});
      throw error;
    }
  }

  constructor(input, context, node, track) {
    this.#input = input;
    this.#context = context;
    this.#node = node;
    this.track = track;
  }

  /** The raw microphone track this processes. */
  get input() { return this.#input; }

  /** Stops processing and the processed track (not the microphone: its owner stops that). */
  stop() {
    this.#node.port.postMessage('close');
    this.track.stop();
    this.#context.close().catch(() => {});
  }
}
