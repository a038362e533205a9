/**
 * Server recording as people experience it (docs/protocol.md, "Recording"): whether the
 * meeting is being recorded, from `joined` (a newcomer) and `recording` (a change), kept in
 * state.recording ({by, since} or null) for the page's indicator; every change is said, so
 * screen-reader users hear it too; whoever started it is told where it was stored. Works on a
 * MeetingState and the Signaling; says things through notice(text, tone) and announce(text).
 * No DOM code.
 *
 * Also the live stream ("Live streaming": state.stream {by, since, state} or null; the state
 * "starting", "live", "reconnecting" is known to moderators only) and who records on their
 * device ("Recording on a device": state.localRecorders, a Set of participant ids, ours too).
 * localActive() says whether this page records, so a rejoin tells the server again.
 */
export class RecordingWatch {
  #state;
  #notice;
  #announce;

  #signaling;
  #localActive;

  constructor(state, signaling, { notice, announce, localActive = () => false }) {
    this.#state = state;
    this.#signaling = signaling;
    this.#notice = notice;
    this.#announce = announce;
    this.#localActive = localActive;
    state.stream = null;
    state.localRecorders = new Set();
    signaling.addEventListener('joined', (e) => this.#joined(e.detail));
    signaling.addEventListener('recording', (e) => this.#changed(e.detail));
    signaling.addEventListener('recording-saved', (e) => this.#saved(e.detail));
    signaling.addEventListener('stream', (e) => this.#streamChanged(e.detail));
    signaling.addEventListener('stream-state', (e) => this.#streamState(e.detail.state));
    signaling.addEventListener('local-recording', (e) => this.#localChanged(e.detail));
    signaling.addEventListener('participant-left', (e) => this.#localGone(e.detail.participantId));
  }

  #joined(m) {
    const r = m.recording && typeof m.recording.by === 'string' ? { by: m.recording.by, since: m.recording.since } : null;
    this.#set(r);
    if (r) this.#announce('This meeting is being recorded.');
    const s = m.stream && typeof m.stream.by === 'string' ? { by: m.stream.by, since: m.stream.since, state: m.stream.state ?? null } : null;
    this.#state.stream = s;
    this.#state.localRecorders = new Set(Array.isArray(m.localRecordings) ? m.localRecordings.filter((id) => typeof id === 'string') : []);
    if (this.#localActive()) this.#signaling.send({ type: 'local-recording', action: 'start' });
    this.#state.changed('recording');
    if (s) this.#announce('This meeting is streamed live.');
    for (const id of this.#state.localRecorders) this.#announce(`${this.#name(id)} is recording on their device.`);
  }

  #streamChanged(m) {
    const was = this.#state.stream;
    if (m.active) {
      this.#state.stream = { by: m.by, since: m.since, state: was?.state ?? null };
      if (!was) this.#notice(`${this.#who(m.by)} started streaming this meeting live.`);
    } else {
      this.#state.stream = null;
      if (was) this.#notice(m.by ? `${this.#who(m.by)} stopped the live stream.` : 'The live stream stopped.');
    }
    this.#state.changed('recording');
  }

  #streamState(value) {
    const s = this.#state.stream;
    if (!s || s.state === value) return;
    const before = s.state;
    s.state = value;
    this.#state.changed('recording');
    if (value === 'reconnecting') this.#notice('The live stream lost its connection. Reconnecting…', 'error');
    else if (value === 'live' && before === 'reconnecting') this.#notice('The live stream is live again.');
    else if (value === 'live') this.#notice('The meeting is live.');
  }

  #localChanged(m) {
    const set = this.#state.localRecorders;
    if (typeof m.participantId !== 'string' || set.has(m.participantId) === Boolean(m.active)) return;
    if (m.active) set.add(m.participantId);
    else set.delete(m.participantId);
    this.#state.changed('recording');
    if (m.participantId === this.#state.me?.id) return; // our own control says it
    const name = this.#name(m.participantId);
    this.#notice(m.active ? `${name} is recording on their device.` : `${name} stopped recording on their device.`);
  }

  #localGone(id) {
    if (this.#state.localRecorders.delete(id)) this.#state.changed('recording');
  }

  #name(id) {
    if (id && id === this.#state.me?.id) return 'You';
    return this.#state.participants.get(id)?.name ?? 'Someone';
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
