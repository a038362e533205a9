/**
 * The pre-join screen's camera and microphone: a live preview (the person's picture or
 * initials while the camera is off), a level meter, the choice of devices and "Start with
 * … off". Device work runs one step at a time; handOver() waits for it, so that no track is
 * opened after Join.
 */
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { avatarElement, updateAvatar } from '../avatar.js';
import { listDevices, meterLevel, openCamera, openLocalMedia, openMic } from '../devices.js';
import { t } from '../i18n.js';

export class DevicePreview {
  #prefs;
  #who;
  #mic;
  #camera;
  #handedOver = false;
  #destroyed = false;
  #stopMeter = () => {};
  #work = Promise.resolve();
  #ui;

  /**
   * prefs: the remembered choices (micOff, camOff, micId, cameraId); tracks: {micTrack,
   * cameraTrack} to reuse, or null; who(): {key, name, avatar} for the picture shown
   * while the camera is off.
   */
  constructor({ prefs, tracks, who }) {
    this.#prefs = prefs;
    this.#who = who;
    this.#mic = tracks?.micTrack ?? null;
    this.#camera = tracks?.cameraTrack ?? null;
    this.#ui = this.#build();
    this.#listen();
    this.#queue(() => this.#open());
  }

  /** The preview column (video, picture, meter, device note). */
  get preview() { return this.#ui.preview; }

  /** The form's device fields (camera, microphone, start muted). */
  get fields() { return this.#ui.fields; }

  /** What to remember for next time. */
  choices() {
    const { micOff, camOff, micSelect, camSelect } = this.#ui;
    return {
      micOff: micOff.checked, camOff: camOff.checked,
      micId: micSelect.value || this.#prefs.micId, cameraId: camSelect.value || this.#prefs.cameraId,
    };
  }

  /** Shows the current name and picture while the camera is off. */
  refreshAvatar() {
    updateAvatar(this.#ui.avatar, this.#who());
  }

  /**
   * Waits for device work, then gives the tracks away (destroy() no longer stops them):
   * {micTrack, cameraTrack, micOn, micDeviceId, cameraDeviceId}, or null once destroyed.
   */
  async handOver() {
    await this.#work;
    if (this.#destroyed) return null;
    this.#handedOver = true;
    this.#stopMeter();
    const { micOff, micSelect, camSelect } = this.#ui;
    if (this.#mic) this.#mic.enabled = !micOff.checked;
    return {
      micTrack: this.#mic, cameraTrack: this.#camera, micOn: Boolean(this.#mic) && !micOff.checked,
      micDeviceId: micSelect.value || null, cameraDeviceId: camSelect.value || null,
    };
  }

  /** Stops the meter, and the devices unless they were handed over. */
  destroy() {
    this.#destroyed = true;
    this.#stopMeter();
    this.#ui.video.srcObject = null;
    if (!this.#handedOver) {
      this.#mic?.stop();
      this.#camera?.stop();
    }
  }

  #build() {
    const prefs = this.#prefs;
    const video = h('video', { class: 'preview-video mirrored', autoplay: true, playsinline: true, muted: true });
    video.muted = true;
    const avatar = avatarElement({ key: prefs.name ?? '', name: prefs.name ?? '', avatar: prefs.avatar });
    const meterBar = h('span', { class: 'meter-bar' });
    const note = h('p', { class: 'hint device-note', role: 'status' });
    const camSelect = h('select', { id: uid('camera'), class: 'select' });
    const micSelect = h('select', { id: uid('mic'), class: 'select' });
    const micOff = h('input', { type: 'checkbox', class: 'checkbox', id: uid('mic-off'), checked: Boolean(prefs.micOff) });
    const camOff = h('input', { type: 'checkbox', class: 'checkbox', id: uid('cam-off'), checked: Boolean(prefs.camOff) });
    const preview = h('div', { class: 'preview' },
      h('div', { class: 'preview-frame' }, video, avatar),
      h('div', { class: 'meter', 'aria-hidden': 'true' }, icon('mic'), h('span', { class: 'meter-track' }, meterBar)),
      note);
    const fields = [
      h('div', { class: 'field-pair' },
        h('div', { class: 'field' }, h('label', { for: camSelect.id, class: 'label', text: t('device.camera') }), camSelect),
        h('div', { class: 'field' }, h('label', { for: micSelect.id, class: 'label', text: t('device.microphone') }), micSelect)),
      h('div', { class: 'field field-check' }, micOff, h('label', { for: micOff.id, text: t('prejoin.micOff') })),
      h('div', { class: 'field field-check' }, camOff, h('label', { for: camOff.id, text: t('prejoin.cameraOff') })),
    ];
    return { video, avatar, meterBar, note, camSelect, micSelect, micOff, camOff, preview, fields };
  }

  #listen() {
    const { camSelect, micSelect, micOff, camOff } = this.#ui;
    camSelect.addEventListener('change', () => this.#queue(() => this.#switchCamera()));
    micSelect.addEventListener('change', () => this.#queue(() => this.#switchMic()));
    micOff.addEventListener('change', () => { if (this.#mic) this.#mic.enabled = !micOff.checked; });
    camOff.addEventListener('change', () => this.#queue(async () => {
      if (!camOff.checked) {
        await this.#switchCamera();
        return;
      }
      this.#camera?.stop();
      this.#camera = null;
      this.#show();
    }));
  }

  #queue(task) {
    this.#work = this.#work.then(task).catch(() => {
      this.#ui.note.textContent = t('device.bothFailed');
    });
  }

  #show() {
    const { video, avatar, meterBar, micOff } = this.#ui;
    video.srcObject = this.#camera ? new MediaStream([this.#camera]) : null;
    video.classList.toggle('is-off', !this.#camera);
    avatar.classList.toggle('is-off', Boolean(this.#camera));
    this.refreshAvatar();
    this.#stopMeter();
    this.#stopMeter = meterLevel(this.#mic, (level) => meterBar.style.setProperty('--level', level.toFixed(3)));
    if (this.#mic) this.#mic.enabled = !micOff.checked;
  }

  async #open() {
    const { note, camOff } = this.#ui;
    if (!this.#mic && !this.#camera) {
      note.textContent = t('device.asking');
      const opened = await openLocalMedia({
        audio: true, video: !camOff.checked, audioDeviceId: this.#prefs.micId, videoDeviceId: this.#prefs.cameraId,
      });
      this.#mic = opened.audioTrack;
      this.#camera = opened.videoTrack;
      note.textContent = opened.problem ?? '';
    }
    if (this.#destroyed) {
      this.#mic?.stop();
      this.#camera?.stop();
      return;
    }
    this.#show();
    const { cameras, mics } = await listDevices();
    fillSelect(this.#ui.camSelect, cameras, this.#camera?.getSettings().deviceId ?? this.#prefs.cameraId, t('device.noCamera'));
    fillSelect(this.#ui.micSelect, mics, this.#mic?.getSettings().deviceId ?? this.#prefs.micId, t('device.noMicrophone'));
  }

  /** Opens a device through open(deviceId); returns the track, or null with the reason shown. */
  async #reopen(open, deviceId) {
    try {
      const track = await open(deviceId);
      if (this.#destroyed) track.stop();
      this.#ui.note.textContent = '';
      return this.#destroyed ? null : track;
    } catch (error) {
      this.#ui.note.textContent = error.message;
      return null;
    }
  }

  async #switchCamera() {
    if (this.#ui.camOff.checked) return;
    this.#camera?.stop();
    this.#camera = await this.#reopen(openCamera, this.#ui.camSelect.value);
    this.#show();
  }

  async #switchMic() {
    this.#mic?.stop();
    this.#mic = await this.#reopen(openMic, this.#ui.micSelect.value);
    this.#show();
  }
}

function fillSelect(select, devices, selectedId, emptyLabel) {
  select.replaceChildren(...(devices.length
    ? devices.map((d) => h('option', { value: d.deviceId, text: d.label }))
    : [h('option', { value: '', text: emptyLabel })]));
  select.disabled = !devices.length;
  if (selectedId && devices.some((d) => d.deviceId === selectedId)) select.value = selectedId;
}
