/**
 * Transceiver helpers of the MediaSession: what is offered (only the codecs the server
 * forwards), the camera's simulcast layers, and pausing layers nobody receives
 * (docs/protocol.md, "send-layers"). No state of their own.
 */

/** Camera simulcast layers, low to high; the server picks which one to forward. */
const CAMERA_ENCODINGS = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'f', maxBitrate: 1_500_000 },
];
const SCREEN_MAX_BITRATE_BPS = 2_500_000;

/** The codecs the server forwards (docs/protocol.md): Opus, and VP8 with its RTX. */
const FORWARDED = new Set(['audio/opus', 'video/vp8', 'video/rtx']);

/**
 * Offers only what the server forwards. Without this Chrome writes about 5 KB per video
 * m-line (every codec it knows), and 27 receive slots would not fit the 64 KiB signaling
 * frame. Browsers without setCodecPreferences just send the long offer.
 */
export function preferForwardedCodecs(transceiver) {
  const kind = transceiver.receiver.track.kind;
  const all = globalThis.RTCRtpReceiver?.getCapabilities?.(kind)?.codecs ?? [];
  const keep = all.filter((c) => FORWARDED.has(c.mimeType.toLowerCase()));
  // RTX entries name their codec only by payload type, which capabilities may not carry:
  // offer them all (the browser keeps the ones repairing VP8), or none if it objects.
  for (const codecs of [keep, keep.filter((c) => c.mimeType.toLowerCase() !== 'video/rtx')]) {
    try {
      if (codecs.length) transceiver.setCodecPreferences(codecs);
      return transceiver;
    } catch {
      // try the next, shorter list; without setCodecPreferences the offer is only longer
    }
  }
  return transceiver;
}

/**
 * Simulcast layers for a camera of this size. Browsers drop the top layers of small
 * captures (Chrome sends one layer below 480x270 and two below 960x540), and they keep
 * the first encodings: so a small camera gets fewer, larger layers, not a tiny one.
 */
function cameraEncodings(track) {
  const height = track?.getSettings?.().height ?? 720;
  if (height >= 540) return CAMERA_ENCODINGS;
  if (height >= 270) return CAMERA_ENCODINGS.slice(1);
  return [{ maxBitrate: 800_000 }];
}

/** The camera transceiver with simulcast layers fitting its size, or one layer where that throws. */
export function addCameraTransceiver(pc, track, stream) {
  const init = { direction: 'sendonly', streams: [stream] };
  let transceiver;
  try {
    transceiver = pc.addTransceiver(track ?? 'video', { ...init, sendEncodings: cameraEncodings(track) });
  } catch {
    transceiver = pc.addTransceiver(track ?? 'video', { ...init, sendEncodings: [{ maxBitrate: 1_500_000 }] });
  }
  return preferForwardedCodecs(transceiver);
}

export function addScreenTransceiver(pc, track, stream) {
  return preferForwardedCodecs(pc.addTransceiver(track, {
    direction: 'sendonly', streams: [stream], sendEncodings: [{ maxBitrate: SCREEN_MAX_BITRATE_BPS }],
  }));
}

/**
 * Encodes only the simulcast layers someone receives (`send-layers`): encodings whose rid
 * is in `active` stay on, the others pause. An encoding without a rid (a single-layer
 * sender) is left alone. Returns a promise; failures are logged, not thrown.
 */
export async function setActiveLayers(sender, active) {
  const wanted = new Set(active);
  const params = sender.getParameters();
  let changed = false;
  for (const encoding of params.encodings ?? []) {
    if (!encoding.rid) continue;
    const on = wanted.has(encoding.rid);
    if (encoding.active !== on) {
      encoding.active = on;
      changed = true;
    }
  }
  if (!changed) return;
  try {
    await sender.setParameters(params);
  } catch (error) {
    console.warn('Parley: pausing layers failed:', error?.message);
  }
}

/**
 * Puts a track on a sender. A transceiver that is gone (a reconnection is rebuilding the
 * peer connection) is fine: start() publishes the current tracks on the new one.
 */
export async function replaceTrack(transceiver, track) {
  if (!transceiver || transceiver.direction === 'stopped') return;
  try {
    await transceiver.sender.replaceTrack(track);
  } catch (error) {
    console.warn('Parley: replaceTrack failed:', error?.message);
  }
}

export function stopTransceiver(transceiver) {
  try {
    transceiver.stop();
  } catch {
    transceiver.direction = 'inactive';
  }
}
