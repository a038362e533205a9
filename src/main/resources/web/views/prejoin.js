/**
 * The pre-join screen (/<room>): name, camera and microphone preview with device choice,
 * start muted options, an optional picture, a password when the room asks for one, the host
 * key when only a host may open it, "Join meeting" and the language switch. Remembers the
 * name, picture and choices in localStorage (this browser only). A language switch renders
 * it again from its draft(): what was typed and chosen, and the open devices, carry over.
 * Its parts: device-preview.js and prejoin-fields.js.
 */
import { h } from '../dom.js';
import { DevicePreview } from './device-preview.js';
import { e2eeField, nameField, pictureField, secretField } from './prejoin-fields.js';
import { languageSwitch } from './language-switch.js';
import { t, tAround } from '../i18n.js';

const PREFS_KEY = 'parley.prefs';

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

/** The screen's parts, before they are laid out. */
function createParts(options, prefs) {
  const name = nameField(prefs.name);
  const who = () => ({ key: name.input.value, name: name.name() || '?', avatar: prefs.avatar });
  const status = h('p', { class: 'form-error', role: 'alert' });
  const devices = new DevicePreview({ prefs, tracks: options.tracks, who });
  name.input.addEventListener('input', () => devices.refreshAvatar());
  return {
    name, devices, status,
    password: secretField({ label: t('prejoin.password'), name: 'password', shown: options.needPassword, maxlength: 128 }),
    hostKey: secretField({
      label: t('prejoin.hostKey'), name: 'host-key', shown: options.needHostKey,
      hint: t('prejoin.hostKeyHint'),
    }),
    e2ee: e2eeField(),
    picture: pictureField(prefs, {
      changed: () => devices.refreshAvatar(),
      failed: (message) => { status.textContent = message; },
    }),
    joinButton: h('button', { type: 'submit', class: 'button button-primary button-large' }, t('prejoin.join')),
  };
}

/** "Meeting <room>", the room's name where the language puts it. */
function roomLine(room) {
  const [before, after] = tAround('prejoin.meetingRoom', 'room');
  return [before, h('span', { class: 'room-name', text: room, dir: 'auto' }), after];
}

function layout(root, room, parts) {
  const form = h('form', { class: 'prejoin-form', novalidate: true },
    parts.name.element, parts.password.element, parts.hostKey.element, parts.devices.fields,
    parts.e2ee.elements, parts.picture, parts.status, parts.joinButton);
  root.replaceChildren(h('main', { class: 'prejoin', id: 'main' },
    h('div', { class: 'prejoin-card' },
      h('h1', { class: 'prejoin-title', tabindex: '-1', text: t('prejoin.title') }),
      h('p', { class: 'prejoin-room' }, ...roomLine(room)),
      h('div', { class: 'prejoin-body' }, parts.devices.preview, form),
      languageSwitch())));
  return form;
}

/** The first problem with what was typed, shown and focused; false when there is none. */
function refuse(parts) {
  const problem = parts.name.problem();
  if (problem) {
    parts.status.textContent = problem;
    parts.name.input.focus();
    return true;
  }
  if (parts.password.value() === '') {
    parts.status.textContent = t('prejoin.passwordMissing');
    parts.password.input.focus();
    return true;
  }
  return false;
}

/** Join: checks, remembers the choices, waits for the devices and hands everything to onJoin. */
async function submit(form, parts, prefs, onJoin) {
  if (parts.joinButton.disabled || refuse(parts)) return;
  Object.assign(prefs, { name: parts.name.name(), ...parts.devices.choices() });
  savePrefs(prefs);
  for (const control of form.elements) control.disabled = true;
  parts.joinButton.textContent = t('prejoin.joining');
  parts.status.textContent = '';
  const media = await parts.devices.handOver();
  if (!media) return; // the screen went away meanwhile
  onJoin({
    name: prefs.name, password: parts.password.value(), avatar: prefs.avatar ?? null,
    hostToken: parts.hostKey.input.value.trim() || null, e2ee: parts.e2ee.input.checked, ...media,
  });
}

/**
 * What the screen holds now, to render it again (a language switch): waits for device work
 * and takes the tracks (destroy() no longer stops them). Null once the screen is gone.
 */
async function takeDraft(parts, prefs) {
  const media = await parts.devices.handOver();
  if (!media) return null;
  return {
    tracks: { micTrack: media.micTrack, cameraTrack: media.cameraTrack },
    prefs: { ...prefs, name: parts.name.input.value, ...parts.devices.choices() },
    password: parts.password.input.value, hostKey: parts.hostKey.input.value, e2ee: parts.e2ee.input.checked,
  };
}

/** Puts a draft's typed values back (the devices and prefs went in through createParts). */
function restore(parts, draft) {
  parts.password.input.value = draft.password;
  parts.hostKey.input.value = draft.hostKey;
  parts.e2ee.input.checked = draft.e2ee;
}

/**
 * Renders the screen. options: {room, tracks ({micTrack, cameraTrack}) to reuse,
 * error (a sentence), needPassword, needHostKey, draft (from an earlier draft(), which
 * brings its own tracks), onJoin({name, password, hostToken, avatar, micTrack, cameraTrack,
 * micOn, micDeviceId, cameraDeviceId, e2ee})}. Returns {destroy(), draft()}: destroy stops
 * the devices unless they were handed on (to onJoin or a draft).
 */
export function renderPrejoin(root, options) {
  const { draft } = options;
  const prefs = draft ? draft.prefs : loadPrefs();
  const parts = createParts(draft ? { ...options, tracks: draft.tracks } : options, prefs);
  if (draft) restore(parts, draft);
  const form = layout(root, options.room, parts);
  if (options.error) parts.status.textContent = options.error; // once shown, so that it is announced
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(form, parts, prefs, options.onJoin);
  });
  let focusTarget = parts.name.input.value ? parts.joinButton : parts.name.input;
  if (options.needHostKey) focusTarget = parts.hostKey.input;
  if (options.needPassword) focusTarget = parts.password.input;
  if (!draft) queueMicrotask(() => focusTarget.focus()); // after a switch, the focus goes back to the switch
  return { destroy: () => parts.devices.destroy(), draft: () => takeDraft(parts, prefs) };
}
