/**
 * The AudioWorklet side of noise suppression: RNNoise (vendored WebAssembly, compiled in
 * here from the module's inlined bytes: a worklet cannot fetch) on 480-sample frames of
 * 48 kHz mono. The worklet gets 128-sample blocks, so samples wait in a FIFO that starts
 * with one frame of silence: 10 ms of delay, and no block ever finds it short (128 k mod 480
 * never exceeds 448). Runs on the audio rendering thread; allocates nothing per block.
 */
import createRNNWasmModuleSync from '../vendor/rnnoise/rnnoise-sync.js';

const FRAME = 480;
/** RNNoise works on 16-bit sample values held in floats. */
const SCALE = 32768;
const FIFO = 4096;

class NoiseSuppressor extends AudioWorkletProcessor {
  #rnn = createRNNWasmModuleSync();
  #state = this.#rnn._rnnoise_create();
  #inPtr = this.#rnn._malloc(FRAME * 4);
  #outPtr = this.#rnn._malloc(FRAME * 4);
  #frame = new Float32Array(FRAME);
  #filled = 0;
  #fifo = new Float32Array(FIFO);
  #read = 0;
  #write = FRAME; // the frame of silence
  #closed = false;

  constructor() {
    super();
    this.port.onmessage = (event) => {
      if (event.data === 'close' && !this.#closed) {
        this.#closed = true;
        this.#rnn._rnnoise_destroy(this.#state);
        this.#rnn._free(this.#inPtr);
        this.#rnn._free(this.#outPtr);
      }
    };
  }

  process(inputs, outputs) {
    if (this.#closed) return false;
    const input = inputs[0]?.[0];
    const output = outputs[0][0];
    const n = output.length;
    for (let i = 0; i < n; i++) {
      this.#frame[this.#filled++] = input ? input[i] : 0;
      if (this.#filled === FRAME) this.#suppress();
    }
    for (let i = 0; i < n; i++) {
      output[i] = this.#fifo[this.#read];
      this.#read = (this.#read + 1) % FIFO;
    }
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(output);
    return true;
  }

  #suppress() {
    this.#filled = 0;
    const heap = this.#rnn.HEAPF32;
    const inAt = this.#inPtr >> 2;
    const outAt = this.#outPtr >> 2;
    for (let i = 0; i < FRAME; i++) heap[inAt + i] = this.#frame[i] * SCALE;
    this.#rnn._rnnoise_process_frame(this.#state, this.#outPtr, this.#inPtr);
    for (let i = 0; i < FRAME; i++) {
      this.#fifo[this.#write] = heap[outAt + i] / SCALE;
      this.#write = (this.#write + 1) % FIFO;
    }
  }
}

registerProcessor('parley-noise-suppressor', NoiseSuppressor);
