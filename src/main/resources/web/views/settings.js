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
import { languageSwitch } from './language-switch.js';
import { t } from '../i18n.js';
import { showModal } from './dialog.js';

/** Video quality: what the stage asks the server for (stage.js, #requestView); labels are catalogue keys. */
export const QUALITIES = [
  { value: 'auto', label: 'settings.qualityAuto' },
  { value: 'high', label: 'settings.qualityHigh' },
  { value: 'low', label: 'settings.qualityLow' },
  { value: 'audio-only', label: 'settings.qualityAudioOnly' },
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

/**
 * Opens the dialog; stage: the meeting's Stage (quality, speaker); focus "language" puts the
 * focus on the language switch (opened again after a switch). Resolves when it closes.
 */
export async function openSettings(call, stage, focus = null) {
  const titleId = uid('settings-title');
  const camera = h('select', { class: 'select' });
  const mic = h('select', { class: 'select' });
  const speaker = h('select', { class: 'select' });
  const quality = h('select', { class: 'select' }, QUALITIES.map((q) => h('option', { value: q.value, text: t(q.label) })));
  quality.value = stage.quality;
  const selfId = uid('show-self');
  const self = h('input', { type: 'checkbox', class: 'checkbox', id: selfId, checked: !call.state.view.selfHidden });
  const form = h('form', { method: 'dialog', class: 'dialog-form settings-form' },
    h('h2', { id: titleId, class: 'dialog-title', text: t('settings.title') }),
    selectRow(t('device.camera'), camera), selectRow(t('device.microphone'), mic),
    canChooseSpeaker() && selectRow(t('settings.speaker'), speaker),
    selectRow(t('settings.quality'), quality, t('settings.qualityHint')),
    h('div', { class: 'field field-check' }, self, h('label', { for: selfId, text: t('settings.showSelf') })),
    effectsSettingsRow(call, () => dialog.close()),
    languageSwitch(),
    h('p', { class: 'hint', text: t('settings.name', { name: call.state.me?.name ?? '' }) }),
    h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button button-primary' }, t('settings.done'))));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, dataset: { dialog: 'settings' } }, form);

  const { cameras, mics, speakers } = await listDevices().catch(() => ({ cameras: [], mics: [], speakers: [] }));
  fill(camera, cameras, deviceOf(call.media.cameraTrack) ?? call.local.deviceId('camera'), t('device.noCamera'));
  fill(mic, mics, deviceOf(call.media.micTrack) ?? call.local.deviceId('mic'), t('device.noMicrophone'));
  fill(speaker, speakers, stage.sinkId, t('settings.defaultSpeaker'));
  const use = (kind, select) => select.addEventListener('change', async () => {
    select.setAttribute('aria-busy', 'true');
    try {
      await call.local.useDevice(kind, select.value);
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

  return showModal(dialog, () => (focus === 'language' ? dialog.querySelector('select[data-setting="language"]') : camera));
}
