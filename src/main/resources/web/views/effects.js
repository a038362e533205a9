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
import { BACKGROUND_IMAGES } from '../effects/effects.js';

const TEXT = {
  title: 'Background and effects',
  description: 'Done in this browser: your video and sound are changed before they leave it.',
  blur: 'Blur my background',
  virtual: 'Virtual background',
  picture: 'Background picture',
  pictures: { dawn: 'Dawn over hills', shelves: 'Bookshelves', sea: 'Seaside' },
  noise: 'Noise suppression',
  noiseHint: 'Removes steady noise such as fans, traffic or typing from your microphone.',
  cameraOff: 'Your camera is off: the background effect starts with it.',
  starting: 'Starting…',
  failed: (what, error) => `${what} could not start: ${error}`,
  done: 'Done',
  openFromSettings: 'Change background and effects',
};

/** The control-bar button that opens the dialog (made with the meeting's tool()). */
export function effectsTool(call, tool) {
  const button = tool('effects', () => openEffects(call));
  button.set(TEXT.title, 'self');
  button.button.setAttribute('aria-haspopup', 'dialog');
  return button.button;
}

/** The line in the Settings dialog: a button that opens this dialog instead (closeSettings first). */
export function effectsSettingsRow(call, closeSettings) {
  return h('div', { class: 'field' }, h('button', {
    type: 'button', class: 'button button-quiet', 'aria-haspopup': 'dialog',
    onclick: () => { closeSettings(); openEffects(call); },
  }, TEXT.openFromSettings));
}

function check(label, checked, hint = null) {
  const id = uid('effect');
  const hintId = hint ? uid('hint') : null;
  const input = h('input', { type: 'checkbox', class: 'checkbox', id, checked, 'aria-describedby': hintId });
  const row = h('div', { class: 'field field-check' }, input, h('label', { for: id, class: 'label', text: label }),
    hint && h('p', { id: hintId, class: 'hint', text: hint }));
  return { input, row };
}

/** Opens the dialog; resolves when it closes. */
export function openEffects(call) {
  const { effects } = call;
  const returnFocus = document.activeElement;
  const titleId = uid('effects-title');
  const descId = uid('effects-desc');
  const mode = effects.background;
  const blur = check(TEXT.blur, mode === 'blur');
  const virtual = check(TEXT.virtual, mode.startsWith('image:'));
  const pictureId = uid('picture');
  const picture = h('select', { class: 'select', id: pictureId },
    BACKGROUND_IMAGES.map((name) => h('option', { value: name, text: TEXT.pictures[name] ?? name })));
  if (mode.startsWith('image:')) picture.value = mode.slice(6);
  const noise = check(TEXT.noise, effects.noiseSuppression, TEXT.noiseHint);
  const status = h('p', { class: 'hint', role: 'status' });
  const form = h('form', { method: 'dialog', class: 'dialog-form' },
    h('h2', { id: titleId, class: 'dialog-title', text: TEXT.title }),
    h('p', { id: descId, class: 'dialog-description', text: TEXT.description }),
    blur.row, virtual.row,
    h('div', { class: 'field' }, h('label', { for: pictureId, class: 'label', text: TEXT.picture }), picture),
    noise.row, status,
    h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button button-primary' }, TEXT.done)));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': descId }, form);

  const show = () => {
    blur.input.checked = effects.background === 'blur';
    virtual.input.checked = effects.background.startsWith('image:');
  };
  const run = async (what, action) => {
    status.textContent = TEXT.starting;
    for (const input of [blur.input, virtual.input, picture, noise.input]) input.disabled = true;
    try {
      await action();
      status.textContent = effects.background !== 'none' && !call.media.cameraTrack ? TEXT.cameraOff : '';
    } catch (error) {
      status.textContent = TEXT.failed(what, error?.message ?? String(error));
    } finally {
      for (const input of [blur.input, virtual.input, picture, noise.input]) input.disabled = false;
      show();
      noise.input.checked = effects.noiseSuppression;
    }
  };
  const background = () => (blur.input.checked ? 'blur' : virtual.input.checked ? `image:${picture.value}` : 'none');
  blur.input.addEventListener('change', () => {
    if (blur.input.checked) virtual.input.checked = false;
    run(TEXT.blur, () => effects.setBackground(background()));
  });
  virtual.input.addEventListener('change', () => {
    if (virtual.input.checked) blur.input.checked = false;
    run(TEXT.virtual, () => effects.setBackground(background()));
  });
  picture.addEventListener('change', () => {
    if (virtual.input.checked) run(TEXT.virtual, () => effects.setBackground(background()));
  });
  noise.input.addEventListener('change', () => run(TEXT.noise, () => effects.setNoiseSuppression(noise.input.checked)));

  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
      resolve();
    });
    dialog.showModal();
    blur.input.focus();
  });
}
