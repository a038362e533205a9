/**
 * The settings dialog during the meeting: camera, microphone and sound output ("Speaker",
 * only where the browser can choose it: setSinkId), the video quality asked of the server,
 * and the self view. Every change applies at once; "Done" or Escape closes it. The name
 * chosen before joining is shown but fixed: the others already know this person by it
 * (a new name means leaving and joining again).
 *
 * Test contract: a modal dialog named "Settings" with selects labelled "Camera",
 * "Microphone", "Speaker", "Video quality" and a checkbox "Show self view".
 */
import { h, uid } from '../dom.js';
import { canChooseSpeaker, listDevices } from '../devices.js';
import { showNotice } from './notices.js';
import { effectsSettingsRow } from './effects.js';

/** Video quality: what the stage asks the server for (stage.js, #requestView). */
export const QUALITIES = [
  { value: 'auto', label: 'Automatic (fits each tile)' },
  { value: 'high', label: 'High' },
  { value: 'low', label: 'Low (saves data)' },
  { value: 'audio-only', label: 'Audio only (no cameras)' },
];

function selectRow(label, select, hint = null) {
  const id = uid('setting');
  select.id = id;
  const hintId = hint ? uid('hint') : null;
  if (hintId) select.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id, class: 'label', text: label }), select,
    hint && h('p', { id: hintId, class: 'hint', text: hint }));
}

function fill(select, devices, currentId, emptyLabel) {
  select.replaceChildren(...(devices.length
    ? devices.map((d) => h('option', { value: d.deviceId, text: d.label }))
    : [h('option', { value: '', text: emptyLabel })]));
  select.disabled = devices.length === 0;
  if (currentId && devices.some((d) => d.deviceId === currentId)) select.value = currentId;
}

/** The device a live track comes from, or null. */
const deviceOf = (track) => track?.getSettings?.().deviceId ?? null;

/** Opens the dialog; stage: the meeting's Stage (quality, speaker). Resolves when it closes. */
export async function openSettings(call, stage) {
  const returnFocus = document.activeElement;
  const titleId = uid('settings-title');
  const camera = h('select', { class: 'select' });
  const mic = h('select', { class: 'select' });
  const speaker = h('select', { class: 'select' });
  const quality = h('select', { class: 'select' }, QUALITIES.map((q) => h('option', { value: q.value, text: q.label })));
  quality.value = stage.quality;
  const selfId = uid('show-self');
  const self = h('input', { type: 'checkbox', class: 'checkbox', id: selfId, checked: !call.state.view.selfHidden });
  const form = h('form', { method: 'dialog', class: 'dialog-form settings-form' },
    h('h2', { id: titleId, class: 'dialog-title', text: 'Settings' }),
    selectRow('Camera', camera), selectRow('Microphone', mic),
    canChooseSpeaker() && selectRow('Speaker', speaker),
    selectRow('Video quality', quality, 'What you receive from the others. A shared screen is always shown.'),
    h('div', { class: 'field field-check' }, self, h('label', { for: selfId, text: 'Show self view' })),
    effectsSettingsRow(call, () => dialog.close()),
    h('p', { class: 'hint', text: `Your name: ${call.state.me?.name ?? ''}. To change it, leave and join again.` }),
    h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button button-primary' }, 'Done')));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);

  const { cameras, mics, speakers } = await listDevices().catch(() => ({ cameras: [], mics: [], speakers: [] }));
  fill(camera, cameras, deviceOf(call.media.cameraTrack) ?? call.deviceId('camera'), 'No camera found');
  fill(mic, mics, deviceOf(call.media.micTrack) ?? call.deviceId('mic'), 'No microphone found');
  fill(speaker, speakers, stage.sinkId, 'Default');
  const use = (kind, select) => select.addEventListener('change', async () => {
    select.setAttribute('aria-busy', 'true');
    try {
      await call.useDevice(kind, select.value);
    } catch (error) {
      showNotice({ text: error.message, tone: 'error' });
    } finally {
      select.removeAttribute('aria-busy');
    }
  });
  use('camera', camera);
  use('mic', mic);
  speaker.addEventListener('change', () => stage.setSinkId(speaker.value));
  quality.addEventListener('change', () => stage.setQuality(quality.value));
  self.addEventListener('change', () => call.state.hideSelf(!self.checked));

  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
      resolve();
    });
    dialog.showModal();
    camera.focus();
  });
}
