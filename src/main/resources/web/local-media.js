/**
 * This person's own devices during a meeting: microphone and camera on and off, another
 * camera or microphone chosen in Settings, sharing the screen, and following the server
 * when it makes a newcomer start muted. Each change goes to the MediaSession (what is
 * sent), the MeetingState (what the page shows of us) and the server (an `update`, so the
 * others see it). No DOM code; a failure to open a device becomes a notice.
 */
import { openCamera, openMic, openScreen } from './devices.js';
import { t } from './i18n.js';

export class LocalMedia {
  #media;
  #state;
  #signaling;
  #notice;
  /** The devices chosen before joining or since: {camera, mic} device ids, or null. */
  #deviceIds;

  /**
   * media: the MediaSession; state: the MeetingState; signaling: the Signaling; notice(text,
   * tone). start: what the pre-join screen handed over ({micTrack, cameraTrack, micOn,
   * micDeviceId, cameraDeviceId}); these tracks are ours from now on.
   */
  constructor({ media, state, signaling, notice }, start) {
    this.#media = media;
    this.#state = state;
    this.#signaling = signaling;
    this.#notice = notice;
    this.#deviceIds = { camera: start.cameraDeviceId ?? null, mic: start.micDeviceId ?? null };
    media.micTrack = start.micTrack ?? null;
    media.cameraTrack = start.cameraTrack ?? null;
    media.setMicEnabled(Boolean(start.micOn));
    state.local.micOn = Boolean(start.micOn && start.micTrack);
    state.local.cameraOn = Boolean(start.cameraTrack);
  }

  /** The device chosen for "camera" or "mic" (before joining or since), or null. */
  deviceId(kind) {
    return (kind === 'camera' ? this.#deviceIds.camera : this.#deviceIds.mic) ?? null;
  }

  /** Gives the tracks away (to the next call or the pre-join screen): {micTrack, cameraTrack, micDeviceId, cameraDeviceId}. */
  takeTracks() {
    const media = this.#media;
    const tracks = {
      micTrack: media.micTrack, cameraTrack: media.cameraTrack,
      micDeviceId: this.#deviceIds.mic, cameraDeviceId: this.#deviceIds.camera,
    };
    media.micTrack = media.cameraTrack = null;
    return tracks;
  }

  /** Microphone on or off; turning it on opens the chosen microphone if none is open yet. */
  async setMic(on) {
    if (on && !this.#media.micTrack) {
      try {
        await this.#media.setMicTrack(await openMic(this.#deviceIds.mic));
      } catch (error) {
        this.#notice(error.message, 'error');
        return;
      }
    }
    this.#media.setMicEnabled(on);
    this.#state.local.micOn = on && Boolean(this.#media.micTrack);
    this.#signaling.send({ type: 'update', audioMuted: !this.#state.local.micOn });
    this.#state.changed('local');
  }

  /** Camera on (a fresh track from the chosen camera) or off (the track stops: its light goes out). */
  async setCamera(on) {
    let track = null;
    if (on) {
      try {
        track = await openCamera(this.#deviceIds.camera);
      } catch (error) {
        this.#notice(error.message, 'error');
        return;
      }
    }
    await this.#media.setCameraTrack(track);
    this.#state.local.cameraOn = Boolean(track);
    this.#signaling.send({ type: 'update', videoMuted: !track });
    this.#state.changed('local');
  }

  /**
   * Another camera or microphone during the meeting (kind "camera" or "mic"). A device in
   * use is swapped on its sender with replaceTrack: no renegotiation, and an end-to-end
   * encryption transform stays on the sender. One that is off is used when turned on.
   * Rejects with an Error whose message is for people (the old track is kept then).
   */
  async useDevice(kind, deviceId) {
    if (kind === 'camera') {
      this.#deviceIds.camera = deviceId;
      if (this.#media.cameraTrack) await this.#media.setCameraTrack(await openCamera(deviceId));
    } else {
      this.#deviceIds.mic = deviceId;
      if (this.#media.micTrack) await this.#media.setMicTrack(await openMic(deviceId));
    }
    this.#state.changed('local');
  }

  /** Starts sharing (the browser asks which screen) or stops; the browser's own "Stop sharing" ends it too. */
  async setSharing(on) {
    if (!on) {
      this.#media.stopScreen();
      this.#state.local.sharing = false;
      this.#state.changed('local');
      return;
    }
    let track;
    try {
      track = await openScreen();
    } catch (error) {
      this.#notice(error.message, 'error');
      return;
    }
    if (!track) return;
    track.addEventListener('ended', () => { if (this.#media.screenTrack === track) this.setSharing(false); });
    this.#media.startScreen(track);
    this.#state.local.sharing = true;
    this.#state.changed('local');
  }

  /** The room may make newcomers start muted: follow what the server says we are (me: our participant). */
  followServer(me) {
    if (!me) return;
    const local = this.#state.local;
    if (me.audioMuted && local.micOn) {
      this.#media.setMicEnabled(false);
      local.micOn = false;
      this.#notice(t('notice.startMuted'), 'info');
    }
    if (me.videoMuted && local.cameraOn) {
      this.#media.setCameraTrack(null);
      local.cameraOn = false;
    }
    this.#state.changed('local');
  }
}
