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

import { t } from './i18n.js';
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
    if (r) this.#announce(t('recording.announce'));
    const s = m.stream && typeof m.stream.by === 'string' ? { by: m.stream.by, since: m.stream.since, state: m.stream.state ?? null } : null;
    this.#state.stream = s;
    this.#state.localRecorders = new Set(Array.isArray(m.localRecordings) ? m.localRecordings.filter((id) => typeof id === 'string') : []);
    if (this.#localActive()) this.#signaling.send({ type: 'local-recording', action: 'start' });
    this.#state.changed('recording');
    if (s) this.#announce(t('stream.announce'));
    for (const id of this.#state.localRecorders) this.#announce(this.#by(id, 'local.startedYou', 'local.started', 'local.someone'));
  }

  #streamChanged(m) {
    const was = this.#state.stream;
    if (m.active) {
      this.#state.stream = { by: m.by, since: m.since, state: was?.state ?? null };
      if (!was) this.#notice(this.#by(m.by, 'stream.startedYou', 'stream.started'));
    } else {
      this.#state.stream = null;
      if (was) this.#notice(m.by ? this.#by(m.by, 'stream.stoppedYou', 'stream.stopped') : t('stream.ended'));
    }
    this.#state.changed('recording');
  }

  #streamState(value) {
    const s = this.#state.stream;
    if (!s || s.state === value) return;
    const before = s.state;
    s.state = value;
    this.#state.changed('recording');
    if (value === 'reconnecting') this.#notice(t('stream.reconnecting'), 'error');
    else if (value === 'live' && before === 'reconnecting') this.#notice(t('stream.liveAgain'));
    else if (value === 'live') this.#notice(t('stream.live'));
  }

  #localChanged(m) {
    const set = this.#state.localRecorders;
    if (typeof m.participantId !== 'string' || set.has(m.participantId) === Boolean(m.active)) return;
    if (m.active) set.add(m.participantId);
    else set.delete(m.participantId);
    this.#state.changed('recording');
    if (m.participantId === this.#state.me?.id) return; // our own control says it
    const id = m.participantId;
    this.#notice(m.active ? this.#by(id, 'local.startedYou', 'local.started', 'local.someone') : this.#by(id, 'local.stoppedYou', 'local.stopped', 'local.someone'));
  }

  #localGone(id) {
    if (this.#state.localRecorders.delete(id)) this.#state.changed('recording');
  }

  /** A message about what someone did: its own wording when it was us (verbs agree with the person). */
  #by(id, youKey, key, unknownKey = 'recording.aModerator') {
    if (id && id === this.#state.me?.id) return t(youKey);
    return t(key, { name: this.#state.participants.get(id)?.name ?? t(unknownKey) });
  }

  #changed(m) {
    const was = this.#state.recording;
    if (m.active) {
      this.#set({ by: m.by, since: m.since });
      if (!was) this.#notice(this.#by(m.by, 'recording.startedYou', 'recording.started'));
    } else {
      this.#set(null);
      if (was) this.#notice(m.by ? this.#by(m.by, 'recording.stoppedYou', 'recording.stopped') : t('recording.ended'));
    }
  }

  #saved(m) {
    this.#notice(t(m.uploaded ? 'recording.uploaded' : 'recording.savedOnServer', { file: m.file }));
  }


  #set(recording) {
    this.#state.recording = recording;
    this.#state.changed('recording');
  }
}
