/**
 * Cameras, microphones and screens: opening them with sensible constraints, listing them,
 * and a microphone level meter. Failures come back as plain messages for the page.
 */

import { t } from './i18n.js';

const CAMERA_CONSTRAINTS = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30, max: 30 } };
const MIC_CONSTRAINTS = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const SCREEN_CONSTRAINTS = { video: { frameRate: { ideal: 15, max: 30 } }, audio: false };

/**
 * A device the person picked just now is required (exact); one remembered from an earlier
 * visit is only preferred (ideal), so an unplugged camera falls back to another one.
 */
function withDevice(constraints, deviceId, required) {
  if (!deviceId) return constraints;
  return { ...constraints, deviceId: required ? { exact: deviceId } : { ideal: deviceId } };
}

function cameraConstraints(deviceId, required = true) {
  return withDevice(CAMERA_CONSTRAINTS, deviceId, required);
}

function micConstraints(deviceId, required = true) {
  return withDevice(MIC_CONSTRAINTS, deviceId, required);
}

/** Whether this browser can choose where a media element's sound goes (setSinkId). */
export function canChooseSpeaker() {
  return typeof globalThis.HTMLMediaElement?.prototype.setSinkId === 'function';
}

/** Whether this browser can capture at all (a secure context with mediaDevices). */
export function canCapture() {
  return Boolean(navigator.mediaDevices?.getUserMedia);
}

/**
 * Opens the microphone and/or camera, preferring the remembered devices. Tries both at once
 * (one permission prompt), then each alone, so a missing camera does not cost the microphone.
 * Returns {audioTrack, videoTrack, problem} where problem is a sentence or null.
 */
export async function openLocalMedia({ audio = true, video = true, audioDeviceId, videoDeviceId } = {}) {
  const result = { audioTrack: null, videoTrack: null, problem: null };
  if (!canCapture()) {
    result.problem = t('device.unsupported');
    return result;
  }
  const want = {
    audio: audio ? micConstraints(audioDeviceId, false) : false,
    video: video ? cameraConstraints(videoDeviceId, false) : false,
  };
  if (!want.audio && !want.video) return result;
  try {
    const stream = await navigator.mediaDevices.getUserMedia(want);
    result.audioTrack = stream.getAudioTracks()[0] ?? null;
    result.videoTrack = stream.getVideoTracks()[0] ?? null;
    return result;
  } catch (error) {
    if (!(want.audio && want.video)) {
      result.problem = describe(error, want.audio ? 'microphone' : 'camera');
      return result;
    }
  }
  result.audioTrack = await openOne('audio', want.audio).catch(() => null);
  result.videoTrack = await openOne('video', want.video).catch(() => null);
  if (!result.audioTrack && !result.videoTrack) result.problem = t('device.bothMissing');
  else if (!result.audioTrack) result.problem = t('device.micMissing');
  else if (!result.videoTrack) result.problem = t('device.cameraMissing');
  return result;
}

async function openOne(kind, constraints) {
  const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraints });
  return stream.getTracks()[0] ?? null;
}

/** Opens one camera; rejects with an Error whose message is for people. */
export async function openCamera(deviceId) {
  try {
    return await openOne('video', cameraConstraints(deviceId));
  } catch (error) {
    throw new Error(describe(error, 'camera'));
  }
}

/** Opens one microphone; rejects with an Error whose message is for people. */
export async function openMic(deviceId) {
  try {
    return await openOne('audio', micConstraints(deviceId));
  } catch (error) {
    throw new Error(describe(error, 'microphone'));
  }
}

/** Asks for a screen, window or tab; null when the person cancels. */
export async function openScreen() {
  if (!navigator.mediaDevices?.getDisplayMedia) throw new Error(t('device.noScreenShare'));
  try {
    const stream = await navigator.mediaDevices.getDisplayMedia(SCREEN_CONSTRAINTS);
    const track = stream.getVideoTracks()[0];
    if (track && 'contentHint' in track) track.contentHint = 'detail';
    return track ?? null;
  } catch (error) {
    if (error?.name === 'NotAllowedError' || error?.name === 'AbortError') return null;
    throw new Error(describe(error, 'screen'));
  }
}

/** Lists cameras, microphones and sound outputs as {cameras, mics, speakers}, each [{deviceId, label}]. */
export async function listDevices() {
  const devices = canCapture() ? await navigator.mediaDevices.enumerateDevices() : [];
  const pick = (kind, noun) => devices.filter((d) => d.kind === kind && d.deviceId)
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || t(noun, { number: i + 1 }) }));
  return { cameras: pick('videoinput', 'device.cameraNumber'), mics: pick('audioinput', 'device.microphoneNumber'), speakers: pick('audiooutput', 'device.speakerNumber') };
}

/** A device's problem in words: device.<problem>.<noun> (one sentence per device: articles differ by language). */
function describe(error, noun) {
  switch (error?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return t(`device.blocked.${noun}`);
    case 'NotFoundError':
    case 'OverconstrainedError':
      return t(`device.notFound.${noun}`);
    case 'NotReadableError':
      return t(`device.busy.${noun}`);
    default:
      return t(`device.failed.${noun}`);
  }
}

/**
 * Calls onLevel(level 0..1) about 15 times a second with the loudness of an audio track,
 * using WebAudio. Returns a function that stops it. Silent (level 0) when the track is
 * disabled.
 */
export function meterLevel(track, onLevel) {
  const AudioCtx = globalThis.AudioContext;
  if (!track || !AudioCtx) return () => {};
  const context = new AudioCtx();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    if (context.state === 'suspended') context.resume().catch(() => {});
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);
    onLevel(track.enabled ? Math.min(1, rms * 4) : 0);
  }, 66);
  return () => {
    clearInterval(timer);
    source.disconnect();
    context.close().catch(() => {});
  };
}
