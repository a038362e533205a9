/**
 * The pre-join screen (/<room>): name, camera and microphone preview with device choice,
 * start muted options, an optional picture, a password when the room asks for one, and
 * "Join meeting". Remembers the name, picture and choices in localStorage (this browser only).
 */
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { avatarElement, pictureToAvatar, updateAvatar } from '../avatar.js';
import { listDevices, meterLevel, openCamera, openLocalMedia, openMic } from '../devices.js';

const PREFS_KEY = 'parley.prefs';
const NAME_MAX_CHARS = 48;

function loadPrefs() {
  try {
    return JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

function savePrefs(prefs) {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch { /* storage full or disabled: not worth bothering anyone */ }
}

/** A display name is 1 to 48 characters after trimming, without control characters. */
function nameProblem(name) {
  if (!name) return 'Please enter your name.';
  if ([...name].length > NAME_MAX_CHARS) return `Please use at most ${NAME_MAX_CHARS} characters.`;
  if (/\p{Cc}/u.test(name)) return 'Please use only printable characters.';
  return null;
}

/**
 * Renders the screen. options: {room, tracks ({micTrack, cameraTrack}) to reuse,
 * error (a sentence), needPassword, needHostKey, onJoin({name, password, hostToken, avatar,
 * micTrack, cameraTrack, micOn, micDeviceId, cameraDeviceId})}. Returns {destroy()}, which stops the devices
 * unless they were handed to onJoin.
 */
export function renderPrejoin(root, options) {
  const prefs = loadPrefs();
  const ids = {
    name: uid('name'), cam: uid('camera'), mic: uid('mic'), pw: uid('password'), host: uid('host-key'), pic: uid('picture'),
  };
  let micTrack = options.tracks?.micTrack ?? null;
  let cameraTrack = options.tracks?.cameraTrack ?? null;
  let handedOver = false;
  let destroyed = false;
  let stopMeter = () => {};
  /** Device work runs one step at a time; Join waits for it, so no track is opened too late. */
  let deviceWork = Promise.resolve();
  const queueDeviceWork = (task) => {
    deviceWork = deviceWork.then(task).catch(() => {
      deviceNote.textContent = 'Your camera and microphone could not be opened.';
    });
  };

  const video = h('video', { class: 'preview-video mirrored', autoplay: true, playsinline: true, muted: true });
  video.muted = true;
  const avatar = avatarElement({ key: prefs.name ?? '', name: prefs.name ?? '', avatar: prefs.avatar });
  const meterBar = h('span', { class: 'meter-bar' });
  const nameInput = h('input', {
    id: ids.name, class: 'input', type: 'text', name: 'name', autocomplete: 'nickname', maxlength: 64,
    required: true, value: prefs.name ?? '',
  });
  const camSelect = h('select', { id: ids.cam, class: 'select' });
  const micSelect = h('select', { id: ids.mic, class: 'select' });
  const micOff = h('input', { type: 'checkbox', class: 'checkbox', id: uid('mic-off'), checked: Boolean(prefs.micOff) });
  const camOff = h('input', { type: 'checkbox', class: 'checkbox', id: uid('cam-off'), checked: Boolean(prefs.camOff) });
  const e2ee = h('input', {
    // Not remembered: an encrypted meeting shuts out browsers that cannot encrypt, so it is chosen each time.
    type: 'checkbox', class: 'checkbox', id: uid('e2ee'), 'aria-describedby': `${ids.name}-e2ee-hint`,
  });
  const pictureInput = h('input', { id: ids.pic, type: 'file', accept: 'image/png,image/jpeg,image/webp,image/gif', class: 'file-input' });
  const removePicture = h('button', { type: 'button', class: 'button button-quiet button-small', hidden: !prefs.avatar }, 'Remove picture');
  const passwordInput = h('input', { id: ids.pw, class: 'input', type: 'password', name: 'password', autocomplete: 'off', maxlength: 128 });
  const passwordField = h('div', { class: 'field', hidden: !options.needPassword },
    h('label', { for: ids.pw, class: 'label', text: 'Password' }), passwordInput);
  const hostKeyInput = h('input', { id: ids.host, class: 'input', type: 'password', name: 'host-key', autocomplete: 'off', 'aria-describedby': `${ids.host}-hint` });
  const hostKeyField = h('div', { class: 'field', hidden: !options.needHostKey },
    h('label', { for: ids.host, class: 'label', text: 'Host key' }), hostKeyInput,
    h('p', { id: `${ids.host}-hint`, class: 'hint', text: 'Only a host can start this meeting. If you are the host, enter your host key or token; if not, wait for the host and try again.' }));
  const status = h('p', { class: 'form-error', role: 'alert' });
  const deviceNote = h('p', { class: 'hint device-note', role: 'status' });
  const joinButton = h('button', { type: 'submit', class: 'button button-primary button-large' }, 'Join meeting');
  const form = h('form', { class: 'prejoin-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: ids.name, class: 'label', text: 'Your name' }), nameInput),
    passwordField,
    hostKeyField,
    h('div', { class: 'field-pair' },
      h('div', { class: 'field' }, h('label', { for: ids.cam, class: 'label', text: 'Camera' }), camSelect),
      h('div', { class: 'field' }, h('label', { for: ids.mic, class: 'label', text: 'Microphone' }), micSelect)),
    h('div', { class: 'field field-check' }, micOff, h('label', { for: micOff.id, text: 'Start with microphone off' })),
    h('div', { class: 'field field-check' }, camOff, h('label', { for: camOff.id, text: 'Start with camera off' })),
    h('div', { class: 'field field-check' }, e2ee, h('label', { for: e2ee.id, text: 'End-to-end encryption' })),
    h('p', { id: `${ids.name}-e2ee-hint`, class: 'hint', text: 'If you start this meeting, only its participants can see and hear it, not the server. Everyone then needs a recent Chrome, Edge or Firefox.' }),
    h('div', { class: 'field picture-row' },
      pictureInput,
      h('label', { for: ids.pic, class: 'button button-quiet button-small file-label', text: 'Choose picture' }),
      removePicture,
      h('span', { class: 'hint', text: 'Shown to others when your camera is off.' })),
    status,
    joinButton);

  root.replaceChildren(h('main', { class: 'prejoin', id: 'main' },
    h('div', { class: 'prejoin-card' },
      h('h1', { class: 'prejoin-title', tabindex: '-1', text: 'Ready to join?' }),
      h('p', { class: 'prejoin-room' }, 'Meeting ', h('span', { class: 'room-name', text: options.room })),
      h('div', { class: 'prejoin-body' },
        h('div', { class: 'preview' },
          h('div', { class: 'preview-frame' }, video, avatar),
          h('div', { class: 'meter', 'aria-hidden': 'true' }, icon('mic'), h('span', { class: 'meter-track' }, meterBar)),
          deviceNote),
        form))));

  function showPreview() {
    video.srcObject = cameraTrack ? new MediaStream([cameraTrack]) : null;
    video.classList.toggle('is-off', !cameraTrack);
    avatar.classList.toggle('is-off', Boolean(cameraTrack));
    updateAvatar(avatar, { key: nameInput.value, name: nameInput.value.trim() || '?', avatar: prefs.avatar });
    stopMeter();
    stopMeter = meterLevel(micTrack, (level) => meterBar.style.setProperty('--level', level.toFixed(3)));
    if (micTrack) micTrack.enabled = !micOff.checked;
  }

  async function fillDevices() {
    const { cameras, mics } = await listDevices();
    fillSelect(camSelect, cameras, cameraTrack?.getSettings().deviceId ?? prefs.cameraId, 'No camera found');
    fillSelect(micSelect, mics, micTrack?.getSettings().deviceId ?? prefs.micId, 'No microphone found');
  }

  async function openDevices() {
    if (!micTrack && !cameraTrack) {
      deviceNote.textContent = 'Asking for your camera and microphone…';
      const opened = await openLocalMedia({ audio: true, video: !camOff.checked, audioDeviceId: prefs.micId, videoDeviceId: prefs.cameraId });
      micTrack = opened.audioTrack;
      cameraTrack = opened.videoTrack;
      deviceNote.textContent = opened.problem ?? '';
    }
    if (destroyed) {
      micTrack?.stop();
      cameraTrack?.stop();
      return;
    }
    showPreview();
    await fillDevices();
  }

  /** Opens a device through open(deviceId); returns the track, or null with the reason shown. */
  async function reopen(open, deviceId) {
    try {
      const track = await open(deviceId);
      if (destroyed) track.stop();
      deviceNote.textContent = '';
      return destroyed ? null : track;
    } catch (error) {
      deviceNote.textContent = error.message;
      return null;
    }
  }

  async function switchCamera() {
    if (camOff.checked) return;
    cameraTrack?.stop();
    cameraTrack = await reopen(openCamera, camSelect.value);
    showPreview();
  }

  async function switchMic() {
    micTrack?.stop();
    micTrack = await reopen(openMic, micSelect.value);
    showPreview();
  }

  camSelect.addEventListener('change', () => queueDeviceWork(switchCamera));
  micSelect.addEventListener('change', () => queueDeviceWork(switchMic));
  micOff.addEventListener('change', () => { if (micTrack) micTrack.enabled = !micOff.checked; });
  camOff.addEventListener('change', () => {
    queueDeviceWork(async () => {
      if (camOff.checked) {
        cameraTrack?.stop();
        cameraTrack = null;
        showPreview();
      } else {
        await switchCamera();
      }
    });
  });
  nameInput.addEventListener('input', () => updateAvatar(avatar, { key: nameInput.value, name: nameInput.value.trim() || '?', avatar: prefs.avatar }));
  pictureInput.addEventListener('change', async () => {
    const file = pictureInput.files?.[0];
    pictureInput.value = '';
    if (!file) return;
    try {
      prefs.avatar = await pictureToAvatar(file);
      removePicture.hidden = false;
      status.textContent = '';
    } catch (error) {
      status.textContent = error.message;
    }
    showPreview();
  });
  removePicture.addEventListener('click', () => {
    prefs.avatar = null;
    removePicture.hidden = true;
    showPreview();
    pictureInput.focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (joinButton.disabled) return;
    const name = nameInput.value.trim();
    const problem = nameProblem(name);
    if (problem) {
      status.textContent = problem;
      nameInput.setAttribute('aria-invalid', 'true');
      nameInput.focus();
      return;
    }
    nameInput.removeAttribute('aria-invalid');
    if (!passwordField.hidden && !passwordInput.value) {
      status.textContent = 'Please enter the meeting password.';
      passwordInput.focus();
      return;
    }
    Object.assign(prefs, {
      name, micOff: micOff.checked, camOff: camOff.checked,
      micId: micSelect.value || prefs.micId, cameraId: camSelect.value || prefs.cameraId,
    });
    savePrefs(prefs);
    for (const control of form.elements) control.disabled = true;
    joinButton.textContent = 'Joining…';
    status.textContent = '';
    await deviceWork;
    if (destroyed) return;
    handedOver = true;
    stopMeter();
    if (micTrack) micTrack.enabled = !micOff.checked;
    options.onJoin({
      name, password: passwordField.hidden ? null : passwordInput.value, avatar: prefs.avatar ?? null,
      hostToken: hostKeyInput.value.trim() || null,
      micTrack, cameraTrack, micOn: Boolean(micTrack) && !micOff.checked,
      micDeviceId: micSelect.value || null, cameraDeviceId: camSelect.value || null, e2ee: e2ee.checked,
    });
  });

  if (options.error) status.textContent = options.error;
  queueDeviceWork(openDevices);
  let focusTarget = nameInput.value ? joinButton : nameInput;
  if (options.needHostKey) focusTarget = hostKeyInput;
  if (options.needPassword) focusTarget = passwordInput;
  queueMicrotask(() => focusTarget.focus());

  return {
    destroy() {
      destroyed = true;
      stopMeter();
      video.srcObject = null;
      if (!handedOver) {
        micTrack?.stop();
        cameraTrack?.stop();
      }
    },
  };
}

function fillSelect(select, devices, selectedId, emptyLabel) {
  select.replaceChildren(...(devices.length
    ? devices.map((d) => h('option', { value: d.deviceId, text: d.label }))
    : [h('option', { value: '', text: emptyLabel })]));
  select.disabled = !devices.length;
  if (selectedId && devices.some((d) => d.deviceId === selectedId)) select.value = selectedId;
}
