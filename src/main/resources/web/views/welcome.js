/**
 * The start page (/): a meeting name, pre-filled with a random hard-to-guess one, and
 * "Start meeting". Warns while a typed name looks easy to guess.
 */
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import {
  ROOM_NAME_PATTERN, WEAK_NAME_BITS, estimateEntropyBits, normalizeRoomName, randomRoomName,
} from '../names.js';
import { loadSite } from '../site.js';
import { themeSwitch } from './theme-switch.js';

/**
 * Renders the start page into root. onStart(roomName) is called with a valid name.
 * notice: an optional sentence to show first (for example after a bad link).
 */
export function renderWelcome(root, { onStart, notice = null }) {
  let suggestion = randomRoomName();
  const inputId = uid('meeting-name');
  const hintId = uid('meeting-hint');
  const warningId = uid('meeting-warning');
  const input = h('input', {
    id: inputId, class: 'input input-large', type: 'text', name: 'room', value: suggestion,
    autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', maxlength: 64, required: true,
    'aria-describedby': `${hintId} ${warningId}`,
  });
  const warning = h('p', { id: warningId, class: 'field-warning', role: 'status', 'aria-live': 'polite' });
  const form = h('form', { class: 'welcome-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: inputId, class: 'label', text: 'Meeting name' }),
      h('div', { class: 'input-row' },
        input,
        h('button', {
          type: 'button', class: 'button button-quiet', onclick: () => {
            suggestion = randomRoomName();
            input.value = suggestion;
            check();
            input.focus();
          },
        }, 'New name')),
      h('p', { id: hintId, class: 'hint', text: 'The name is the key to your meeting: anyone who knows it can join. Letters, digits, - and _.' }),
      warning),
    h('button', { type: 'submit', class: 'button button-primary button-large' }, icon('video'), h('span', { text: 'Start meeting' })));

  function check() {
    const name = normalizeRoomName(input.value);
    let message = '';
    if (name && !ROOM_NAME_PATTERN.test(name)) {
      message = 'Use only letters, digits, - and _ (at most 64 characters).';
    } else if (name && name !== suggestion && estimateEntropyBits(name) < WEAK_NAME_BITS) {
      message = 'This name is easy to guess, so strangers could find your meeting. Add some random words or characters, or use the suggested name.';
    }
    if (warning.textContent !== message) warning.textContent = message;
    input.setAttribute('aria-invalid', String(Boolean(name) && !ROOM_NAME_PATTERN.test(name)));
  }

  input.addEventListener('input', check);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = normalizeRoomName(input.value);
    if (!ROOM_NAME_PATTERN.test(name)) {
      warning.textContent = name ? 'Use only letters, digits, - and _ (at most 64 characters).' : 'Please enter a meeting name.';
      input.focus();
      return;
    }
    onStart(name);
  });

  const brand = h('p', { class: 'brand' }, icon('video', 'icon brand-icon'), h('span', { class: 'brand-name', text: 'Parley' }));
  const operatorText = h('p', { class: 'welcome-operator', hidden: true });
  root.replaceChildren(h('main', { class: 'welcome', id: 'main' },
    h('div', { class: 'welcome-card' },
      brand,
      h('h1', { class: 'welcome-title', tabindex: '-1', text: 'Video meetings without accounts' }),
      h('p', { class: 'welcome-lead', text: 'Start a meeting and share its link. Nobody needs to sign up, and nothing is kept after the meeting ends.' }),
      operatorText,
      notice && h('p', { class: 'callout', role: 'alert', text: notice }),
      form,
      themeSwitch())));
  loadSite().then((site) => showBranding(site, brand, operatorText));
}

/** The operator's name, logo and text (--branding), as text and an image from this origin. */
function showBranding(site, brand, operatorText) {
  if (!brand.isConnected) return;
  brand.querySelector('.brand-name').textContent = site.name;
  if (site.logo) {
    brand.querySelector('svg')?.replaceWith(h('img', { class: 'brand-logo', src: site.logo, alt: `${site.name} logo` }));
  }
  operatorText.textContent = site.welcome ?? '';
  operatorText.hidden = !site.welcome;
  if (document.documentElement.dataset.state === 'welcome') document.title = site.name;
}
