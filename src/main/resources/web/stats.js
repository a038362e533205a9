/**
 * getStats, boiled down: a plain, JSON-friendly summary per received and sent stream
 * (read by the end-to-end tests through window.parley.stats()), and a connection-quality
 * grade per participant for the tile indicators.
 */

const INBOUND_FIELDS = ['framesDecoded', 'framesPerSecond', 'frameWidth', 'frameHeight', 'totalAudioEnergy',
  'audioLevel', 'packetsLost', 'packetsReceived', 'jitter', 'nackCount', 'bytesReceived'];
/** Inbound counters that only grow: reported as counted since the slot took its current track. */
const INBOUND_COUNTERS = ['framesDecoded', 'totalAudioEnergy', 'packetsLost', 'packetsReceived', 'nackCount',
  'bytesReceived'];
const OUTBOUND_FIELDS = ['rid', 'framesEncoded', 'framesPerSecond', 'frameWidth', 'frameHeight', 'bytesSent',
  'packetsSent', 'nackCount', 'qualityLimitationReason'];

/**
 * Returns {connectionState, inbound: [...], outbound: [...]}.
 * inbound: one entry per receive slot that carries something now: {mid, trackId,
 *   participantId, kind, source, framesDecoded, framesPerSecond, frameWidth, frameHeight,
 *   totalAudioEnergy, audioLevel, packetsLost, packetsReceived, jitter, nackCount,
 *   bytesReceived} (fields the browser lacks are 0). trackId, participantId and source are
 *   the server's `forwarding`; the counters (frames, energy, packets, bytes, NACKs) count
 *   from the moment the slot started carrying that track, so they are that track's alone.
 * outbound: one entry per sent stream, so three for a simulcast camera: {source, kind, rid,
 *   framesEncoded, framesPerSecond, frameWidth, frameHeight, bytesSent, packetsSent,
 *   nackCount, qualityLimitationReason, trackEnabled, audioLevel, totalAudioEnergy,
 *   fractionLost, roundTripTime, remoteJitter}.
 * receivers: [{slot: {transceiver, kind, participantId, trackId, source}, baseline: a
 *   promise of readInbound() at the slot's last change, or null}].
 */
export async function collectStats(pc, senders, receivers) {
  if (!pc || pc.connectionState === 'closed') return { connectionState: 'closed', inbound: [], outbound: [] };
  const inbound = await Promise.all(receivers.map(inboundSummary));
  const outbound = (await Promise.all(senders.map(outboundSummaries))).flat();
  return { connectionState: pc.connectionState, inbound, outbound };
}

/** The inbound fields of one receiver now (a promise; zeros where the browser has nothing). */
export async function readInbound(receiver) {
  const fields = zeros(INBOUND_FIELDS);
  const report = await receiver.getStats().catch(() => null);
  report?.forEach((s) => {
    if (s.type === 'inbound-rtp') copyFields(fields, s, INBOUND_FIELDS);
    // Older browsers keep audio levels on the track stats.
    if (s.type === 'track' && s.kind === 'audio' && !fields.totalAudioEnergy) {
      copyFields(fields, s, ['totalAudioEnergy', 'audioLevel']);
    }
  });
  return fields;
}

async function inboundSummary({ slot, baseline }) {
  const { participantId, trackId, kind, source } = slot;
  const [now, base] = await Promise.all([readInbound(slot.transceiver.receiver), baseline]);
  if (base) for (const f of INBOUND_COUNTERS) now[f] = Math.max(0, now[f] - base[f]);
  return { mid: slot.transceiver.mid, trackId, participantId, kind, source, ...now };
}

async function outboundSummaries({ source, transceiver }) {
  const sender = transceiver.sender;
  const kind = source === 'mic' ? 'audio' : 'video';
  const report = await sender.getStats().catch(() => null);
  if (!report) return [];
  const byId = new Map();
  report.forEach((s) => byId.set(s.id, s));
  const streams = [];
  report.forEach((s) => {
    if (s.type !== 'outbound-rtp') return;
    const entry = { source, kind, ...zeros(OUTBOUND_FIELDS), rid: '', qualityLimitationReason: '' };
    copyFields(entry, s, OUTBOUND_FIELDS);
    entry.trackEnabled = Boolean(sender.track?.enabled);
    const media = byId.get(s.mediaSourceId);
    entry.audioLevel = media?.audioLevel ?? 0;
    entry.totalAudioEnergy = media?.totalAudioEnergy ?? 0;
    const remote = [...byId.values()].find((r) => r.type === 'remote-inbound-rtp' && r.localId === s.id);
    entry.fractionLost = remote?.fractionLost ?? 0;
    entry.roundTripTime = remote?.roundTripTime ?? 0;
    entry.remoteJitter = remote?.jitter ?? 0;
    streams.push(entry);
  });
  return streams;
}

function zeros(fields) {
  return Object.fromEntries(fields.map((f) => [f, 0]));
}

function copyFields(target, source, fields) {
  for (const f of fields) if (source[f] !== undefined) target[f] = source[f];
}

/**
 * Who is speaking now, from a summary: the participants whose received audio level is
 * above `level` (0..1), and selfId when our own live microphone is.
 */
export function speakingIds(summary, selfId, level) {
  const speaking = new Set(summary.inbound.filter((s) => s.kind === 'audio' && s.audioLevel > level)
    .map((s) => s.participantId));
  if (summary.outbound.some((s) => s.source === 'mic' && s.trackEnabled && s.audioLevel > level)) {
    speaking.add(selfId);
  }
  return speaking;
}

/** Grades, best first. */
const GRADES = ['good', 'fair', 'poor'];
/** [fair, poor] thresholds. */
const LOSS_RATIO = [0.02, 0.08];
const JITTER_S = [0.04, 0.1];
const VIDEO_FPS = [15, 8];

/**
 * Grades each participant's connection ("good", "fair", "poor") from successive summaries:
 * packet loss and jitter over the interval, and frame rate of camera video. A grade changes
 * only when two summaries in a row agree, so the indicator does not flicker. Participants
 * whose streams carried nothing in the interval (all muted) keep their last grade.
 */
export class QualityMonitor {
  #previous = new Map();
  #grades = new Map();
  #pending = new Map();

  /** Returns Map participantId → grade; `selfId` keys the grade of what we send. */
  assess(summary, selfId) {
    const fresh = new Map();
    const seen = new Set(summary.inbound.map((s) => `${s.mid}/${s.trackId}`));
    for (const key of this.#previous.keys()) if (!seen.has(key)) this.#previous.delete(key);
    for (const s of summary.inbound) {
      const grade = this.#gradeInbound(s);
      if (grade) fresh.set(s.participantId, worse(fresh.get(s.participantId), grade));
    }
    const own = summary.outbound.map(gradeOutbound).filter(Boolean);
    if (own.length) fresh.set(selfId, own.reduce(worse));
    for (const [id, grade] of fresh) this.#settle(id, grade);
    return new Map(this.#grades);
  }

  /** Forgets a participant who left. */
  forget(participantId) {
    this.#grades.delete(participantId);
    this.#pending.delete(participantId);
  }

  #gradeInbound(s) {
    const key = `${s.mid}/${s.trackId}`;
    const before = this.#previous.get(key);
    this.#previous.set(key, s);
    if (!before) return null;
    const received = s.packetsReceived - before.packetsReceived;
    const lost = Math.max(0, s.packetsLost - before.packetsLost);
    if (received <= 0) return null;
    let grade = grade3(lost / (received + lost), LOSS_RATIO);
    grade = worse(grade, grade3(s.jitter, JITTER_S));
    if (s.kind === 'video' && s.source === 'camera' && s.framesPerSecond) {
      grade = worse(grade, grade3Low(s.framesPerSecond, VIDEO_FPS));
    }
    return grade;
  }

  #settle(id, grade) {
    if (!this.#grades.has(id) || this.#pending.get(id) === grade) {
      this.#grades.set(id, grade);
      this.#pending.delete(id);
    } else if (this.#grades.get(id) !== grade) {
      this.#pending.set(id, grade);
    } else {
      this.#pending.delete(id);
    }
  }
}

function gradeOutbound(s) {
  if (!s.trackEnabled || !s.packetsSent) return null;
  let grade = grade3(s.fractionLost, LOSS_RATIO);
  grade = worse(grade, grade3(s.remoteJitter, JITTER_S));
  if (s.qualityLimitationReason === 'bandwidth') grade = worse(grade, 'fair');
  return grade;
}

function grade3(value, [fair, poor]) {
  if (value > poor) return 'poor';
  return value > fair ? 'fair' : 'good';
}

function grade3Low(value, [fair, poor]) {
  if (value < poor) return 'poor';
  return value < fair ? 'fair' : 'good';
}

function worse(a, b) {
  if (!a) return b;
  return GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b;
}

const SAMPLE_INTERVAL_MS = 2000;
/** An audioLevel (0..1) above this counts as speaking. */
const SPEAKING_LEVEL = 0.03;

/**
 * While a call is joined, every SAMPLE_INTERVAL_MS: each person's connection grade and who
 * is speaking, into the MeetingState (state.quality, state.speaking; a "quality" change).
 * media: the MediaSession (its stats()). Not thread-safe: the page's one thread.
 */
export class StatsSampler {
  #media;
  #state;
  #quality = new QualityMonitor();
  #timer = 0;

  constructor(media, state) {
    this.#media = media;
    this.#state = state;
  }

  start() {
    this.stop();
    this.#timer = setInterval(() => this.#sample(), SAMPLE_INTERVAL_MS);
  }

  stop() {
    clearInterval(this.#timer);
    this.#timer = 0;
  }

  /** Forgets a participant who left (or whom a resume replaced). */
  forget(participantId) {
    this.#quality.forget(participantId);
  }

  async #sample() {
    const summary = await this.#media.stats().catch(() => null);
    const meId = this.#state.me?.id;
    if (!summary || !meId) return;
    this.#state.quality = this.#quality.assess(summary, meId);
    this.#state.speaking = speakingIds(summary, meId, SPEAKING_LEVEL);
    this.#state.changed('quality');
  }
}
