/**
 * Breakout rooms on the meeting screen: the "Breakout rooms" tool (moderators always, others
 * while rooms are open), its dialog (moderators open rooms, send each person somewhere with a
 * per-person select, and close them, now or after a minute; others join a room when choosing
 * is allowed), and the header's "You are in Room 2" with "Return to main room". Also the
 * short screen shown while moving. Accessible names are part of the test contract:
 * "Breakout rooms", "Number of rooms", "Let participants choose a room", "Open breakout
 * rooms", "Room for <name>", "Join <room>", "Return to main room", "Close breakout rooms",
 * "Close in 1 minute". Names go in as text, never HTML.
 */
import { h, replaceChildren, setText, uid } from '../dom.js';
import { icon } from '../icons.js';
import { placeOf } from '../breakout-move.js';
import { t } from '../i18n.js';

const MAIN_ROOM = 'breakouts.mainRoom';
const COUNTDOWN_SECONDS = 60;

/** The page while a move is under way; breakout null is the way back. */
export function renderMoving(root, breakout) {
  const title = breakout ? t('breakouts.moving', { name: breakout.name }) : t('breakouts.returning');
  root.replaceChildren(h('main', { class: 'status-page', id: 'main' },
    h('div', { class: 'status-card', 'aria-busy': 'true' },
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      h('h1', { class: 'status-title', tabindex: '-1', text: title }))));
  root.querySelector('h1').focus();
  return title;
}

/** Returns {button, indicator, update(), destroy()} for the meeting screen. */
export function createBreakouts(call) {
  const { state } = call;
  const button = h('button', { type: 'button', class: 'tool', dataset: { tool: 'breakouts' }, 'aria-haspopup': 'dialog', onclick: () => open() },
    icon('door'), h('span', { class: 'tool-label', text: t('breakouts.tool') }));
  const where = h('span', { class: 'breakout-where' });
  const countdown = h('span', { class: 'breakout-countdown' });
  const back = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => go(null) }, t('breakouts.return'));
  const indicator = h('div', { class: 'breakout-indicator', dataset: { indicator: 'breakout' } }, where, countdown, back);
  let dialog = null;
  let body = null;
  let timer = 0;

  const breakouts = () => state.breakouts ?? null;
  const moderator = () => state.isModerator();
  const mayChoose = () => moderator() || Boolean(breakouts()?.choose);
  const go = (breakout) => call.moderate({ type: 'breakout-choose', breakout });

  function open() {
    if (dialog) return;
    const titleId = uid('breakouts-title');
    body = h('div', { class: 'breakouts-body' });
    dialog = h('dialog', { class: 'dialog dialog-wide', 'aria-labelledby': titleId },
      h('div', { class: 'dialog-form' },
        h('h2', { id: titleId, class: 'dialog-title', text: t('breakouts.title') }),
        body,
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'button button-quiet', onclick: () => dialog.close() }, t('breakouts.close')))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      dialog = null;
      if (button.isConnected) button.focus();
    });
    document.body.append(dialog);
    fill();
    dialog.showModal();
    (dialog.querySelector('input, select, .breakouts-body button') ?? dialog.querySelector('button')).focus();
  }

  /** Rebuilds the dialog's body, keeping focus on the same control. */
  function fill() {
    if (!body) return;
    const focusKey = document.activeElement?.dataset?.key ?? null;
    const b = breakouts();
    replaceChildren(body, b ? roomsView(b) : openForm());
    if (focusKey) body.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  function openForm() {
    if (!moderator()) return h('p', { text: t('breakouts.none') });
    const countId = uid('breakout-count');
    const chooseId = uid('breakout-choose');
    const count = h('input', {
      id: countId, type: 'text', inputmode: 'numeric', class: 'input', maxlength: 2, value: '2', dataset: { key: 'count' },
    });
    const choose = h('input', { id: chooseId, type: 'checkbox', class: 'checkbox', dataset: { key: 'choose' } });
    const form = h('form', { class: 'breakouts-open' },
      h('div', { class: 'field' }, h('label', { for: countId, class: 'label', text: t('breakouts.count') }), count),
      h('div', { class: 'field field-check' }, choose, h('label', { for: chooseId, class: 'label', text: t('breakouts.choose') })),
      h('button', { type: 'submit', class: 'button button-primary', dataset: { key: 'open' } }, t('breakouts.open')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const n = Math.min(20, Math.max(1, Number.parseInt(count.value, 10) || 1));
      call.moderate({ type: 'breakouts-open', rooms: Array.from({ length: n }, () => ({})), choose: choose.checked });
    });
    return form;
  }

  function roomsView(b) {
    const mine = placeOf(b, state.me?.id);
    const places = [{ id: null, name: t(MAIN_ROOM) }, ...b.rooms];
    const sections = places.map((room) => {
      const people = b.people.filter((p) => (p.breakout ?? null) === room.id);
      const here = mine === room.id;
      return h('section', { class: 'breakout-room', 'aria-label': room.name },
        h('h3', { class: 'breakout-room-name', text: here ? t('breakouts.here', { name: room.name }) : room.name }),
        people.length === 0 ? h('p', { class: 'hint', text: t('breakouts.nobody') })
          : h('ul', { class: 'breakout-people' }, people.map((p) => h('li', { text: p.name, dir: 'auto' }))),
        !here && mayChoose() && (room.id !== null || mine !== null) && h('button', {
          type: 'button', class: 'button button-small', dataset: { key: `join-${room.id}` }, onclick: () => go(room.id),
        }, room.id === null ? t('breakouts.return') : t('breakouts.join', { name: room.name })));
    });
    return [
      h('div', { class: 'breakout-rooms' }, sections),
      moderator() && assignView(b, places),
      moderator() && h('div', { class: 'dialog-actions' },
        b.closesAtMs == null && h('button', {
          type: 'button', class: 'button button-quiet', dataset: { key: 'close-later' },
          onclick: () => call.moderate({ type: 'breakouts-close', delaySeconds: COUNTDOWN_SECONDS }),
        }, t('breakouts.closeLater')),
        h('button', {
          type: 'button', class: 'button button-danger', dataset: { key: 'close-now' },
          onclick: () => call.moderate({ type: 'breakouts-close' }),
        }, t('breakouts.closeNow'))),
    ];
  }

  function assignView(b, places) {
    const rows = b.people.map((p) => {
      const id = uid('breakout-assign');
      const select = h('select', {
        id, class: 'select select-small', dataset: { key: `assign-${p.id}` },
        onchange: () => call.moderate({ type: 'breakout-assign', participantId: p.id, breakout: select.value || null }),
      }, places.map((room) => h('option', { value: room.id ?? '', text: room.name })));
      select.value = p.breakout ?? '';
      return h('div', { class: 'field field-inline' }, h('label', { for: id, class: 'label', text: t('breakouts.roomFor', { name: p.name }) }), select);
    });
    return h('fieldset', { class: 'breakout-assign' }, h('legend', { text: t('breakouts.assign') }), rows);
  }

  function updateIndicator() {
    const b = breakouts();
    const inBreakout = call.breakout;
    setText(where, inBreakout ? t('breakouts.youAreIn', { name: inBreakout.name }) : t('breakouts.areOpen'));
    back.hidden = !inBreakout || !mayChoose();
    indicator.hidden = !inBreakout && !b;
    clearInterval(timer);
    timer = 0;
    const tick = () => {
      const left = b?.closesAtMs == null ? null : Math.max(0, Math.ceil((b.closesAtMs - Date.now()) / 1000));
      setText(countdown, left == null ? '' : t('breakouts.countdown', { count: left }));
    };
    tick();
    if (b?.closesAtMs != null) timer = setInterval(tick, 1000);
  }

  function update() {
    button.hidden = !moderator() && !(breakouts() && mayChoose());
    updateIndicator();
    if (dialog && button.hidden) dialog.close();
    else fill();
  }

  update();
  return {
    button,
    indicator,
    update,
    destroy() {
      clearInterval(timer);
      dialog?.close();
    },
  };
}
