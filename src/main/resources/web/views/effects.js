/**
 * The "Background and effects" dialog: blur the background, or put a built-in picture
 * behind the person, and suppress the microphone's noise (call.effects, effects/effects.js).
 * Each switch applies at once; "Done" or Escape closes it. Opened from its control-bar
 * button (effectsTool) and from a button in the Settings dialog.
 *
 * Test contract: a modal dialog named "Background and effects" with checkboxes "Blur my
 * background", "Virtual background", "Noise suppression" and a select "Background picture";
 * the control-bar button is named "Background and effects", the Settings dialog's button
 * "Change background and effects".
 */
import { h, uid } from '../dom.js';
import { BACKGROUND_IMAGES, preloadSegmenter } from '../effects/effects.js';
import { t } from '../i18n.js';
import { showModal } from './dialog.js';

/** The built-in pictures' names (catalogue keys). */
const PICTURES = { dawn: 'effects.picture.dawn', shelves: 'effects.picture.shelves', sea: 'effects.picture.sea' };


/** The control-bar button that opens the dialog (made with the meeting's tool()). */
export function effectsTool(call, tool) {
  const button = tool('effects', () => openEffects(call));
  button.set(t('effects.title'), 'self');
  button.button.setAttribute('aria-haspopup', 'dialog');
  return button.button;
}

/** The line in the Settings dialog: a button that opens this dialog instead (closeSettings first). */
export function effectsSettingsRow(call, closeSettings) {
  return h('div', { class: 'field' }, h('button', {
    type: 'button', class: 'button button-quiet', 'aria-haspopup': 'dialog',
    onclick: () => { closeSettings(); openEffects(call); },
  }, t('effects.openFromSettings')));
}

function check(label, checked, hint = null) {
  const id = uid('effect');
  const hintId = hint ? uid('hint') : null;
  const input = h('input', { type: 'checkbox', class: 'checkbox', id, checked, 'aria-describedby': hintId });
  const row = h('div', { class: 'field field-check' }, input, h('label', { for: id, class: 'label', text: label }),
    hint && h('p', { id: hintId, class: 'hint', text: hint }));
  return { input, row };
}

/**
 * Opens the dialog; resolves when it closes. The segmentation model starts loading now (in
 * a worker: the page stays responsive), so a blur chosen a few seconds later starts at once.
 */
export function openEffects(call) {
  const { effects } = call;
  if (call.media.cameraTrack) preloadSegmenter();
  const titleId = uid('effects-title');
  const descId = uid('effects-desc');
  const mode = effects.background;
  const blur = check(t('effects.blur'), mode === 'blur');
  const virtual = check(t('effects.virtual'), mode.startsWith('image:'));
  const pictureId = uid('picture');
  const picture = h('select', { class: 'select', id: pictureId },
    BACKGROUND_IMAGES.map((name) => h('option', { value: name, text: PICTURES[name] ? t(PICTURES[name]) : name })));
  if (mode.startsWith('image:')) picture.value = mode.slice(6);
  const noise = check(t('effects.noise'), effects.noiseSuppression, t('effects.noiseHint'));
  const status = h('p', { class: 'hint', role: 'status' });
  const form = h('form', { method: 'dialog', class: 'dialog-form' },
    h('h2', { id: titleId, class: 'dialog-title', text: t('effects.title') }),
    h('p', { id: descId, class: 'dialog-description', text: t('effects.description') }),
    blur.row, virtual.row,
    h('div', { class: 'field' }, h('label', { for: pictureId, class: 'label', text: t('effects.picture') }), picture),
    noise.row, status,
    h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button button-primary' }, t('settings.done'))));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': descId }, form);

  const show = () => {
    blur.input.checked = effects.background === 'blur';
    virtual.input.checked = effects.background.startsWith('image:');
  };
  const run = async (what, action) => {
    status.textContent = t('effects.starting');
    // Busy, not only disabled: a screen reader says the switch is working, not that it is unavailable.
    for (const input of [blur.input, virtual.input, picture, noise.input]) {
      input.disabled = true;
      input.setAttribute('aria-busy', 'true');
    }
    try {
      await action();
      status.textContent = effects.background !== 'none' && !call.media.cameraTrack ? t('effects.cameraOff') : '';
    } catch (error) {
      status.textContent = t('effects.failed', { what, error: error?.message ?? String(error) });
    } finally {
      for (const input of [blur.input, virtual.input, picture, noise.input]) {
        input.disabled = false;
        input.removeAttribute('aria-busy');
      }
      show();
      noise.input.checked = effects.noiseSuppression;
    }
  };
  const background = () => (blur.input.checked ? 'blur' : virtual.input.checked ? `image:${picture.value}` : 'none');
  blur.input.addEventListener('change', () => {
    if (blur.input.checked) virtual.input.checked = false;
    run(t('effects.blur'), () => effects.setBackground(background()));
  });
  virtual.input.addEventListener('change', () => {
    if (virtual.input.checked) blur.input.checked = false;
    run(t('effects.virtual'), () => effects.setBackground(background()));
  });
  picture.addEventListener('change', () => {
    if (virtual.input.checked) run(t('effects.virtual'), () => effects.setBackground(background()));
  });
  noise.input.addEventListener('change', () => run(t('effects.noise'), () => effects.setNoiseSuppression(noise.input.checked)));

  return showModal(dialog, () => blur.input);
}
