/**
 * "Speaker statistics" on the meeting screen: a control-bar button that opens a dialog with
 * who spoke how long in this meeting (speaker-time.js), longest first, updated while open.
 * Counted only in this browser, never sent; gone when the meeting screen goes.
 */
import { h, uid } from '../dom.js';
import { SpeakerTally, formatDuration } from '../speaker-time.js';

const FINAL_PHASES = new Set(['denied', 'kicked', 'ended', 'left', 'join-failed']);

/** Starts counting for this call; returns the control-bar button (made with the meeting's tool()). */
export function speakerStatsTool(call, tool) {
  const { state } = call;
  const tally = new SpeakerTally();
  let render = null;
  const who = (id) => {
    if (id === state.me?.id) return { key: 'self', name: state.me.name, self: true };
    const p = state.participants.get(id);
    return p ? { key: p.key, name: p.name, self: false } : null;
  };
  const onChange = (event) => {
    if (event.detail.what !== 'quality') return;
    tally.sample(performance.now(), state.speaking, who);
    render?.();
  };
  const onPhase = (event) => {
    if (!FINAL_PHASES.has(event.detail.phase)) return;
    state.removeEventListener('change', onChange);
    call.removeEventListener('phase', onPhase);
  };
  state.addEventListener('change', onChange);
  call.addEventListener('phase', onPhase);
  const button = tool('speaker-stats', () => {
    render = openStats(tally, () => { render = null; });
  });
  button.set('Speaker statistics', 'people');
  return button.button;
}

/** Opens the dialog; returns its render function. onClose runs when it closes. */
function openStats(tally, onClose) {
  const returnFocus = document.activeElement;
  const titleId = uid('speaker-stats-title');
  const body = h('tbody');
  const empty = h('p', { class: 'speaker-stats-empty', text: 'Nobody has spoken yet.' });
  const table = h('table', { class: 'speaker-stats' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: 'Name' }), h('th', { scope: 'col', class: 'speaker-time', text: 'Speaking time' }))),
    body);
  const close = h('button', { type: 'button', class: 'button button-primary', onclick: () => dialog.close() }, 'Close');
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
    h('div', { class: 'dialog-form' },
      h('h2', { id: titleId, class: 'dialog-title', text: 'Speaker statistics' }),
      h('p', { class: 'dialog-description', text: 'Counted in this browser from how loud each person is. Nobody else sees it, and it is gone when you leave.' }),
      empty, table,
      h('div', { class: 'dialog-actions' }, close)));
  const render = () => {
    const rows = tally.rows();
    empty.hidden = rows.length > 0;
    table.hidden = rows.length === 0;
    body.replaceChildren(...rows.map((row) => {
      const bar = h('span', { class: 'speaker-bar', 'aria-hidden': 'true' });
      bar.style.width = `${Math.round(row.share * 100)}%`; // CSSOM: the CSP refuses style attributes
      return h('tr', {},
        h('th', { scope: 'row' }, h('span', { text: row.self ? `${row.name} (you)` : row.name }), bar),
        h('td', { class: 'speaker-time', text: formatDuration(row.ms) }));
    }));
  };
  dialog.addEventListener('close', () => {
    onClose();
    dialog.remove();
    if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
  });
  render();
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
  return render;
}
