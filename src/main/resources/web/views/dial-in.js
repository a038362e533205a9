/**
 * Joining by phone (docs/protocol.md, "Dial-in"): the operator's numbers and this meeting's PIN,
 * shown to everyone in the meeting next to the link (as in Jitsi's invite dialog: the PIN is a
 * secret like the link, which everyone here has too); moderators also get an "Allow phone
 * callers" switch, and a "Rename" action on phone callers' rows. The server checks both.
 * Shown only when the server sends `dial-in` (it has phone dial-in and the meeting is not end-to-end
 * encrypted). Numbers and names go in as text, never as HTML.
 */
import { h, uid } from '../dom.js';
import { openDialog } from './dialog.js';
import { t, tAround } from '../i18n.js';

/** The last `dial-in` of each call. */
const latest = new WeakMap();

/** Whether participant id joined by phone (a moderator may rename them). */
export function isPhoneCaller(call, id) {
  return Boolean(latest.get(call)?.phoneCallers?.includes(id));
}

/** The PIN in groups of three digits (the last may hold four): 481 730 2956, easier to read out and type. */
function groupedPin(pin) {
  const groups = String(pin).match(/\d{1,3}/g) ?? [];
  if (groups.length > 1 && groups[groups.length - 1].length === 1) {
    const last = groups.pop();
    groups[groups.length - 1] += last;
  }
  return groups.join(' ');
}

/** The "Join by phone" block; returns {element}. It renders itself on every `dial-in` and role change. */
export function createDialIn(call) {
  const headingId = uid('dial-in-title');
  const body = h('div', { class: 'dial-in-body' });
  const element = h('section', { class: 'dial-in', 'aria-labelledby': headingId, hidden: true },
    h('h3', { id: headingId, class: 'panel-subtitle dial-in-title', text: t('dialin.title') }), body);
  const toggleId = uid('dial-in-toggle');

  function render() {
    const info = latest.get(call);
    element.hidden = !info;
    if (!info) return;
    const numbers = Array.isArray(info.numbers) ? info.numbers.map(String) : [];
    const children = [];
    if (info.enabled) {
      children.push(numbers.length
        ? h('p', { class: 'dial-in-numbers', text: t(numbers.length > 1 ? 'dialin.callOneOf' : 'dialin.call', { numbers: numbers.join(', ') }) })
        : h('p', { class: 'dial-in-numbers', text: t('dialin.callService') }));
      const [beforePin, afterPin] = tAround('dialin.pin', 'pin'); // the digits are an element of their own
      children.push(h('p', { class: 'dial-in-pin' }, beforePin, h('span', { class: 'dial-in-pin-digits', text: groupedPin(info.pin), dir: 'ltr' }), afterPin));
    } else {
      children.push(h('p', { class: 'dial-in-off', text: t('dialin.off') }));
    }
    if (call.state.isModerator()) {
      const toggle = h('input', {
        type: 'checkbox', id: toggleId, class: 'checkbox', checked: Boolean(info.enabled),
        onchange: () => call.moderate({ type: 'set-dial-in', enabled: toggle.checked }),
      });
      children.push(h('div', { class: 'field field-check' }, toggle, h('label', { for: toggleId, text: t('dialin.allow') })));
    }
    body.replaceChildren(...children);
  }

  call.signaling.addEventListener('dial-in', (e) => {
    latest.set(call, e.detail);
    render();
    call.state.changed('participants'); // phone callers' rows get their "Rename"
  });
  call.signaling.addEventListener('role', () => queueMicrotask(render));
  return { element };
}

/** A moderator's "Rename" item for a phone caller's "More actions" menu, or null. */
export function renameAction(call, p) {
  if (!call.state.isModerator() || !isPhoneCaller(call, p.id)) return null;
  return {
    label: t('dialin.rename'),
    run: async () => {
      const values = await openDialog({
        title: t('dialin.renameTitle', { name: p.name }),
        description: t('dialin.renameDescription'),
        fields: [{ name: 'name', label: t('dialin.name'), value: p.name, maxlength: 48 }],
        confirmLabel: t('dialin.rename'),
      });
      const name = values?.name.trim();
      if (name) call.moderate({ type: 'rename', participantId: p.id, name });
    },
  };
}
