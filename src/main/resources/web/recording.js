/**
 * Server recording as people experience it (docs/protocol.md, "Recording"): whether the
 * meeting is being recorded, from `joined` (a newcomer) and `recording` (a change), kept in
 * state.recording ({by, since} or null) for the page's indicator; every change is said, so
 * screen-reader users hear it too; whoever started it is told where it was stored. Works on a
 * MeetingState and the Signaling; says things through notice(text, tone) and announce(text).
 * No DOM code.
 */
export class RecordingWatch {
  #state;
  #notice;
  #announce;

  constructor(state, signaling, { notice, announce }) {
    this.#state = state;
    this.#notice = notice;
    this.#announce = announce;
    signaling.addEventListener('joined', (e) => this.#joined(e.detail));
    signaling.addEventListener('recording', (e) => this.#changed(e.detail));
    signaling.addEventListener('recording-saved', (e) => this.#saved(e.detail));
  }

  #joined(m) {
    const r = m.recording && typeof m.recording.by === 'string' ? { by: m.recording.by, since: m.recording.since } : null;
    this.#set(r);
    if (r) this.#announce('This meeting is being recorded.');
  }

  #changed(m) {
    const was = this.#state.recording;
    if (m.active) {
      this.#set({ by: m.by, since: m.since });
      if (!was) this.#notice(`${this.#who(m.by)} started recording this meeting.`);
    } else {
      this.#set(null);
      if (was) this.#notice(m.by ? `${this.#who(m.by)} stopped the recording.` : 'The recording stopped.');
    }
  }

  #saved(m) {
    const where = m.uploaded ? 'uploaded' : 'saved on the server';
    this.#notice(`The recording was ${where} as ${m.file}.`);
  }

  #who(id) {
    if (id && id === this.#state.me?.id) return 'You';
    return this.#state.participants.get(id)?.name ?? 'A moderator';
  }

  #set(recording) {
    this.#state.recording = recording;
    this.#state.changed('recording');
  }
}
