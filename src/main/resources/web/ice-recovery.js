/**
 * Mends a broken media path without leaving the meeting (docs/protocol.md, "Media failure"):
 * when ICE has been "disconnected" for a moment, or has "failed", it restarts ICE on the same
 * peer connection (new ICE credentials in one more offer/answer on the same signaling
 * connection; DTLS and every track stay). If ICE is not connected again within
 * RESTART_TIMEOUT_MS it gives up and calls the fallback (the caller rejoins). No DOM code.
 */

/** "disconnected" often heals by itself within a second or two (a short loss burst). */
export const DISCONNECTED_GRACE_MS = 1_500;
/** How long a restart may take before the fallback; a restart on a working network takes well under one. */
export const RESTART_TIMEOUT_MS = 6_000;

export class IceRecovery {
  #restart;
  #giveUp;
  #canRestart;
  #graceTimer = 0;
  #restartTimer = 0;
  /** Restarts begun since the page loaded (for tests and logs). */
  restarts = 0;

  /**
   * restart(): restarts ICE and renegotiates; giveUp(): the fallback; canRestart(): whether
   * an offer can be sent now (a signaling connection that is down rejoins by itself anyway).
   */
  constructor({ restart, giveUp, canRestart }) {
    this.#restart = restart;
    this.#giveUp = giveUp;
    this.#canRestart = canRestart;
  }

  /** Whether a restart is running or about to: a failed connection is then ours to mend. */
  get busy() {
    return Boolean(this.#graceTimer || this.#restartTimer);
  }

  /** Every iceConnectionState of the current peer connection. */
  onState(state) {
    if (state === 'connected' || state === 'completed') {
      this.reset();
    } else if (state === 'disconnected') {
      if (!this.busy) this.#graceTimer = setTimeout(() => { this.#graceTimer = 0; this.#begin(); }, DISCONNECTED_GRACE_MS);
    } else if (state === 'failed') {
      clearTimeout(this.#graceTimer);
      this.#graceTimer = 0;
      this.#begin();
    }
  }

  /** Forgets what was pending (a new peer connection, or the call ended). */
  reset() {
    clearTimeout(this.#graceTimer);
    clearTimeout(this.#restartTimer);
    this.#graceTimer = this.#restartTimer = 0;
  }

  #begin() {
    if (this.#restartTimer || !this.#canRestart()) return;
    this.restarts += 1;
    this.#restartTimer = setTimeout(() => { this.#restartTimer = 0; this.#giveUp(); }, RESTART_TIMEOUT_MS);
    this.#restart();
  }
}
