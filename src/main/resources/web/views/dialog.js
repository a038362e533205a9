/**
 * Small modal dialogs on the native <dialog> element: showModal() makes the rest of the
 * page inert (so Tab stays inside), Escape cancels, and focus returns to where it was.
 */
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

/**
 * Opens a dialog and resolves with the values of its fields when confirmed, or null when
 * cancelled. fields: [{name, label, type ("text", "password", "checkbox"), value, hint,
 * autocomplete, maxlength}]. Returns {fieldName: value (string or boolean)}.
 */
export function openDialog({ title, description = null, fields = [], confirmLabel, cancelLabel = t('dialog.cancel'), danger = false }) {
  const returnFocus = document.activeElement;
  const titleId = uid('dialog-title');
  const descId = description ? uid('dialog-desc') : null;
  const inputs = new Map();
  const form = h('form', { method: 'dialog', class: 'dialog-form' },
    h('h2', { id: titleId, class: 'dialog-title', text: title }),
    description && h('p', { id: descId, class: 'dialog-description', text: description }),
    fields.map((field) => fieldRow(field, inputs)),
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button button-quiet', value: 'cancel', onclick: () => dialog.close('cancel') }, cancelLabel),
      h('button', { type: 'submit', class: `button ${danger ? 'button-danger' : 'button-primary'}`, value: 'confirm' }, confirmLabel)));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': descId }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      dialog.close('confirm');
    });
    dialog.addEventListener('close', () => {
      const confirmed = dialog.returnValue === 'confirm';
      const values = Object.fromEntries([...inputs].map(([name, input]) => [name, input.type === 'checkbox' ? input.checked : input.value]));
      dialog.remove();
      if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
      resolve(confirmed ? values : null);
    });
    dialog.showModal();
    const first = inputs.values().next().value;
    (first ?? form.querySelector('button[type=submit]')).focus();
  });
}

/**
 * Shows a built dialog modally and puts the focus on focusTarget() (called once it shows);
 * when it closes, removes it and gives the focus back to where it was. Resolves on close.
 */
export function showModal(dialog, focusTarget) {
  const returnFocus = document.activeElement;
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
      resolve();
    });
    dialog.showModal();
    focusTarget()?.focus();
  });
}

function fieldRow(field, inputs) {
  const id = uid(`field-${field.name}`);
  const hintId = field.hint ? uid('hint') : null;
  const checkbox = field.type === 'checkbox';
  const input = h('input', {
    id, name: field.name, type: field.type ?? 'text', class: checkbox ? 'checkbox' : 'input',
    autocomplete: field.autocomplete ?? 'off', maxlength: field.maxlength, 'aria-describedby': hintId,
    value: checkbox ? undefined : (field.value ?? ''), checked: checkbox ? Boolean(field.value) : undefined,
  });
  inputs.set(field.name, input);
  const label = h('label', { for: id, class: 'label', text: field.label });
  const hint = field.hint && h('p', { id: hintId, class: 'hint', text: field.hint });
  return checkbox
    ? h('div', { class: 'field field-check' }, input, label, hint)
    : h('div', { class: 'field' }, label, input, hint);
}
