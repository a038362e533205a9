/**
 * The start page (/): a meeting name, pre-filled with a random hard-to-guess one, and
 * "Start meeting". Warns while a typed name looks easy to guess. On a server where only
 * hosts open meetings, it says so and asks for the host key first.
 */
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import {
  ROOM_NAME_PATTERN, WEAK_NAME_BITS, estimateEntropyBits, normalizeRoomName, randomRoomName,
} from '../names.js';
import { loadSite } from '../site.js';
import { themeSwitch } from './theme-switch.js';
import { languageSwitch } from './language-switch.js';
import { t } from '../i18n.js';

const BAD_NAME = 'welcome.badName';

/** The host key field, for servers where only hosts open meetings: {element, key()} (key() null and said when empty). */
function hostKeyField() {
  const id = uid('host-key');
  const input = h('input', {
    id, class: 'input', type: 'password', name: 'host-key', autocomplete: 'off', required: true,
    'aria-describedby': `${id}-hint ${id}-warning`,
  });
  const warning = h('p', { id: `${id}-warning`, class: 'field-warning', role: 'status', 'aria-live': 'polite' });
  const element = h('div', { class: 'field' },
    h('label', { for: id, class: 'label', text: t('welcome.hostKey') }), input,
    h('p', { id: `${id}-hint`, class: 'hint', text: t('welcome.hostKeyHint') }),
    warning);
  const key = () => {
    const typed = input.value.trim();
    warning.textContent = typed ? '' : t('welcome.hostKeyMissing');
    if (!typed) input.focus();
    return typed || null;
  };
  return { element, key };
}

/** The meeting name with "New name" and its warnings: {element, name()} (name() null and said when not valid). */
function meetingNameField() {
  let suggestion = randomRoomName();
  const ids = { input: uid('meeting-name'), hint: uid('meeting-hint'), warning: uid('meeting-warning') };
  const input = h('input', {
    id: ids.input, class: 'input input-large', type: 'text', name: 'room', value: suggestion,
    autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', maxlength: 64, required: true,
    'aria-describedby': `${ids.hint} ${ids.warning}`,
  });
  const warning = h('p', { id: ids.warning, class: 'field-warning', role: 'status', 'aria-live': 'polite' });
  const check = () => {
    const name = normalizeRoomName(input.value);
    let message = '';
    if (name && !ROOM_NAME_PATTERN.test(name)) {
      message = t(BAD_NAME);
    } else if (name && name !== suggestion && estimateEntropyBits(name) < WEAK_NAME_BITS) {
      message = t('welcome.weakName');
    }
    if (warning.textContent !== message) warning.textContent = message;
    input.setAttribute('aria-invalid', String(Boolean(name) && !ROOM_NAME_PATTERN.test(name)));
  };
  const newName = () => {
    suggestion = randomRoomName();
    input.value = suggestion;
    check();
    input.focus();
  };
  input.addEventListener('input', check);
  const element = h('div', { class: 'field' },
    h('label', { for: ids.input, class: 'label', text: t('welcome.meetingName') }),
    h('div', { class: 'input-row' }, input, h('button', { type: 'button', class: 'button button-quiet', onclick: newName }, t('welcome.newName'))),
    h('p', { id: ids.hint, class: 'hint', text: t('welcome.meetingNameHint') }),
    warning);
  const name = () => {
    const typed = normalizeRoomName(input.value);
    if (ROOM_NAME_PATTERN.test(typed)) return typed;
    warning.textContent = typed ? t(BAD_NAME) : t('welcome.meetingNameMissing');
    input.focus();
    return null;
  };
  return { element, name };
}

/**
 * Renders the start page into root. onStart(roomName, hostKey) is called with a valid name
 * (hostKey: what was typed when askHostKey, else null). notice: an optional sentence to show
 * first (for example after a bad link).
 */
export function renderWelcome(root, { onStart, notice = null, askHostKey = false }) {
  const meeting = meetingNameField();
  const hostKey = askHostKey ? hostKeyField() : null;
  const form = h('form', { class: 'welcome-form', novalidate: true },
    meeting.element,
    hostKey?.element,
    h('button', { type: 'submit', class: 'button button-primary button-large' }, icon('video'), h('span', { text: t('welcome.start') })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = meeting.name();
    if (!name) return;
    const key = hostKey ? hostKey.key() : null;
    if (hostKey && !key) return;
    onStart(name, key);
  });

  const brand = h('p', { class: 'brand' }, icon('video', 'icon brand-icon'), h('span', { class: 'brand-name', text: 'Parley' }));
  const operatorText = h('p', { class: 'welcome-operator', hidden: true });
  root.replaceChildren(h('main', { class: 'welcome', id: 'main' },
    h('div', { class: 'welcome-card' },
      brand,
      h('h1', { class: 'welcome-title', tabindex: '-1', text: t('welcome.title') }),
      h('p', { class: 'welcome-lead', text: t('welcome.lead') }),
      operatorText,
      notice && h('p', { class: 'callout', role: 'alert', text: notice }),
      form,
      h('div', { class: 'welcome-switches' }, languageSwitch(), themeSwitch()))));
  loadSite().then((site) => showBranding(site, brand, operatorText));
}

/** The operator's name, logo and text (--branding), as text and an image from this origin. */
function showBranding(site, brand, operatorText) {
  if (!brand.isConnected) return;
  brand.querySelector('.brand-name').textContent = site.name;
  if (site.logo) {
    brand.querySelector('svg')?.replaceWith(h('img', { class: 'brand-logo', src: site.logo, alt: t('welcome.logo', { name: site.name }) }));
  }
  operatorText.textContent = site.welcome ?? '';
  operatorText.hidden = !site.welcome;
  if (document.documentElement.dataset.state === 'welcome') document.title = site.name;
}
