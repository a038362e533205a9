/**
 * The pre-join form's own fields, each a small component returning its element and what
 * the form reads from it: the name, a secret (the meeting password, the host key), the
 * picture and end-to-end encryption.
 */
import { h, uid } from '../dom.js';
import { pictureToAvatar } from '../avatar.js';
import { t } from '../i18n.js';

const NAME_MAX_CHARS = 48;

/** A display name is 1 to 48 characters after trimming, without control characters. */
function nameProblem(name) {
  if (!name) return t('prejoin.nameMissing');
  if ([...name].length > NAME_MAX_CHARS) return t('prejoin.nameTooLong', { count: NAME_MAX_CHARS });
  if (/\p{Cc}/u.test(name)) return t('prejoin.nameUnprintable');
  return null;
}

/** "Your name": {element, input, name(), problem()} (problem marks the field invalid). */
export function nameField(initial) {
  const input = h('input', {
    id: uid('name'), class: 'input', type: 'text', name: 'name', autocomplete: 'nickname', maxlength: 64,
    required: true, value: initial ?? '', dir: 'auto',
  });
  const element = h('div', { class: 'field' }, h('label', { for: input.id, class: 'label', text: t('prejoin.name') }), input);
  const name = () => input.value.trim();
  const problem = () => {
    const found = nameProblem(name());
    if (found) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    return found;
  };
  return { element, input, name, problem };
}

/**
 * A password-type field shown only when asked for: {element, input, value()} where value()
 * is null while hidden. hint: a sentence under it, or null.
 */
export function secretField({ label, name, shown, hint = null, maxlength = null }) {
  const id = uid(name);
  const input = h('input', {
    id, class: 'input', type: 'password', name, autocomplete: 'off', maxlength,
    'aria-describedby': hint ? `${id}-hint` : null,
  });
  const element = h('div', { class: 'field', hidden: !shown },
    h('label', { for: id, class: 'label', text: label }), input,
    hint && h('p', { id: `${id}-hint`, class: 'hint', text: hint }));
  return { element, input, value: () => (element.hidden ? null : input.value) };
}

/**
 * "Choose picture" and "Remove picture": keeps prefs.avatar; changed() after each change,
 * failed(message) when a file cannot be used.
 */
export function pictureField(prefs, { changed, failed }) {
  const input = h('input', { id: uid('picture'), type: 'file', accept: 'image/png,image/jpeg,image/webp,image/gif', class: 'file-input' });
  const remove = h('button', { type: 'button', class: 'button button-quiet button-small', hidden: !prefs.avatar }, t('prejoin.removePicture'));
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      prefs.avatar = await pictureToAvatar(file);
      remove.hidden = false;
      failed('');
    } catch (error) {
      failed(error.message);
    }
    changed();
  });
  remove.addEventListener('click', () => {
    prefs.avatar = null;
    remove.hidden = true;
    changed();
    input.focus();
  });
  return h('div', { class: 'field picture-row' },
    input,
    h('label', { for: input.id, class: 'button button-quiet button-small file-label', text: t('prejoin.choosePicture') }),
    remove,
    h('span', { class: 'hint', text: t('prejoin.pictureHint') }));
}

/** "End-to-end encryption" with its hint: {elements, input}. Not remembered: it shuts out browsers that cannot encrypt. */
export function e2eeField() {
  const hintId = uid('e2ee-hint');
  const input = h('input', { type: 'checkbox', class: 'checkbox', id: uid('e2ee'), 'aria-describedby': hintId });
  const elements = [
    h('div', { class: 'field field-check' }, input, h('label', { for: input.id, text: t('prejoin.e2ee') })),
    h('p', { id: hintId, class: 'hint', text: t('prejoin.e2eeHint') }),
  ];
  return { elements, input };
}
