/**
 * "Speaker statistics" on the meeting screen: a control-bar button that opens a dialog with
 * who spoke how long in this meeting (speaker-time.js), longest first, updated while open.
 * Counted only in this browser, never sent; gone when the meeting screen goes.
 */
import { h, uid } from '../dom.js';
import { SpeakerTally, formatDuration } from '../speaker-time.js';
import { t } from '../i18n.js';
import { showModal } from './dialog.js';

const FINAL_PHASES = new Set(['denied', 'kicked', 'ended', 'left', 'join-failed']);

/** One count per call, kept while the meeting screen is rendered again (a language switch). */
const counts = new WeakMap();

/** Starts counting for this call (once); returns the control-bar button (made with the meeting's tool()). */
export function speakerStatsTool(call, tool) {
  if (!counts.has(call)) counts.set(call, startCounting(call));
  const counting = counts.get(call);
  const button = tool('speaker-stats', () => {
    counting.render = openStats(counting.tally, () => { counting.render = null; });
  });
  button.set(t('stats.tool'), 'people');
  return button.button;
}

/** Counts who speaks until the call ends: {tally, render} (render: the open dialog's, or null). */
function startCounting(call) {
  const { state } = call;
  const counting = { tally: new SpeakerTally(), render: null };
  const { tally } = counting;
  const who = (id) => {
    if (id === state.me?.id) return { key: 'self', name: state.me.name, self: true };
    const p = state.participants.get(id);
    return p ? { key: p.key, name: p.name, self: false } : null;
  };
  const onChange = (event) => {
    if (event.detail.what !== 'quality') return;
    tally.sample(performance.now(), state.speaking, who);
    counting.render?.();
  };
  const onPhase = (event) => {
    if (!FINAL_PHASES.has(event.detail.phase)) return;
    state.removeEventListener('change', onChange);
    call.removeEventListener('phase', onPhase);
  };
  state.addEventListener('change', onChange);
  call.addEventListener('phase', onPhase);
  return counting;
}

/** Opens the dialog; returns its render function. onClose runs when it closes. */
function openStats(tally, onClose) {
  const titleId = uid('speaker-stats-title');
  const body = h('tbody');
  const empty = h('p', { class: 'speaker-stats-empty', text: t('stats.empty') });
  const table = h('table', { class: 'speaker-stats' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: t('stats.name') }), h('th', { scope: 'col', class: 'speaker-time', text: t('stats.time') }))),
    body);
  const close = h('button', { type: 'button', class: 'button button-primary', onclick: () => dialog.close() }, t('stats.close'));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
    h('div', { class: 'dialog-form' },
      h('h2', { id: titleId, class: 'dialog-title', text: t('stats.title') }),
      h('p', { class: 'dialog-description', text: t('stats.description') }),
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
        h('th', { scope: 'row' }, h('span', { text: row.self ? t('stats.you', { name: row.name }) : row.name, dir: 'auto' }), bar),
        h('td', { class: 'speaker-time', text: formatDuration(row.ms) }));
    }));
  };
  dialog.addEventListener('close', onClose); // before showModal's, which removes it and gives the focus back
  render();
  showModal(dialog, () => close);
  return render;
}
