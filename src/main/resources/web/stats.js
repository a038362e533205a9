/**
 * getStats, boiled down: a plain, JSON-friendly summary per received and sent stream
 * (read by the end-to-end tests through window.parley.stats()), and a connection-quality
 * grade per participant for the tile indicators.
 */

const INBOUND_FIELDS = ['framesDecoded', 'framesPerSecond', 'frameWidth', 'frameHeight', 'totalAudioEnergy',
  'audioLevel', 'packetsLost', 'packetsReceived', 'jitter', 'nackCount', 'bytesReceived'];
const OUTBOUND_FIELDS = ['rid', 'framesEncoded', 'framesPerSecond', 'frameWidth', 'frameHeight', 'bytesSent',
  'packetsSent', 'nackCount', 'qualityLimitationReason'];

/**
 * Returns {connectionState, inbound: [...], outbound: [...]}.
 * inbound: one entry per received track: {trackId, participantId, kind, source, framesDecoded,
 *   framesPerSecond, frameWidth, frameHeight, totalAudioEnergy, audioLevel, packetsLost,
 *   packetsReceived, jitter, nackCount, bytesReceived} (fields the browser lacks are 0).
 * outbound: one entry per sent stream, so three for a simulcast camera: {source, kind, rid,
 *   framesEncoded, framesPerSecond, frameWidth, frameHeight, bytesSent, packetsSent,
 *   nackCount, qualityLimitationReason, trackEnabled, audioLevel, totalAudioEnergy,
 *   fractionLost, roundTripTime, remoteJitter}.
 */
export async function collectStats(pc, senders, receivers) {
  if (!pc || pc.connectionState === 'closed') return { connectionState: 'closed', inbound: [], outbound: [] };
  const inbound = await Promise.all(receivers.map(inboundSummary));
  const outbound = (await Promise.all(senders.map(outboundSummaries))).flat();
  return { connectionState: pc.connectionState, inbound, outbound };
}

async function inboundSummary(entry) {
  const base = { trackId: entry.trackId, participantId: entry.participantId, kind: entry.kind, source: entry.source };
  const summary = { ...base, ...zeros(INBOUND_FIELDS) };
  const report = await entry.transceiver.receiver.getStats().catch(() => null);
  report?.forEach((s) => {
    if (s.type === 'inbound-rtp') copyFields(summary, s, INBOUND_FIELDS);
    // Older browsers keep audio levels on the track stats.
    if (s.type === 'track' && s.kind === 'audio' && !summary.totalAudioEnergy) {
      copyFields(summary, s, ['totalAudioEnergy', 'audioLevel']);
    }
  });
  return summary;
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
    const before = this.#previous.get(s.trackId);
    this.#previous.set(s.trackId, s);
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
