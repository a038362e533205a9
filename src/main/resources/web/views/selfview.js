/**
 * Our own camera as a small picture over the stage (not a whole tile), which the person can
 * move out of the way: drag it with a pointer (anywhere but its buttons), or focus its
 * "Move self view" button and use the arrow keys (Shift: bigger steps). It stays inside the stage when the window shrinks.
 * Hiding it is the tile's "Hide self view" button (tiles.js) or the settings dialog.
 *
 * Test hooks: the container is .self-view; its position is CSS right/bottom in px.
 */
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';

const MARGIN_PX = 8;
const STEP_PX = 24;
const BIG_STEP_PX = 96;
const KEYS = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

export class SelfView {
  /** The picture's container (the self tile goes in it). */
  element;
  #stage;
  /** Distance from the stage's right and bottom edges, CSS px (null: the stylesheet's corner). */
  #pos = null;
  #drag = null;

  /** stage: the element the picture moves within. */
  constructor(stage) {
    this.#stage = stage;
    const hintId = uid('self-move-hint');
    const handle = h('button', {
      type: 'button', class: 'self-move', 'aria-describedby': hintId, onkeydown: (e) => this.#onKey(e),
    }, icon('move'), h('span', { class: 'visually-hidden', text: t('selfview.move') }));
    this.element = h('div', { class: 'self-view' },
      handle, h('span', { id: hintId, class: 'visually-hidden', text: t('selfview.hint') }));
    this.element.addEventListener('pointerdown', (e) => this.#onPointerDown(e));
    this.element.addEventListener('pointermove', (e) => this.#onPointerMove(e));
    this.element.addEventListener('pointerup', () => { this.#drag = null; });
    this.element.addEventListener('pointercancel', () => { this.#drag = null; });
  }

  /** Keeps the picture inside the stage (after a resize). */
  clamp() {
    if (this.#pos) this.#place(this.#pos.right, this.#pos.bottom);
  }

  #current() {
    if (this.#pos) return this.#pos;
    const s = this.#stage.getBoundingClientRect();
    const r = this.element.getBoundingClientRect();
    return { right: s.right - r.right, bottom: s.bottom - r.bottom };
  }

  #place(right, bottom) {
    const s = this.#stage.getBoundingClientRect();
    const r = this.element.getBoundingClientRect();
    const clampTo = (v, size, room) => Math.round(Math.min(Math.max(MARGIN_PX, v), Math.max(MARGIN_PX, room - size - MARGIN_PX)));
    this.#pos = { right: clampTo(right, r.width, s.width), bottom: clampTo(bottom, r.height, s.height) };
    this.element.style.right = `${this.#pos.right}px`;
    this.element.style.bottom = `${this.#pos.bottom}px`;
  }

  #onKey(event) {
    const dir = KEYS[event.key];
    if (!dir) return;
    event.preventDefault();
    const step = event.shiftKey ? BIG_STEP_PX : STEP_PX;
    const { right, bottom } = this.#current();
    this.#place(right + dir[0] * step, bottom + dir[1] * step);
  }

  #onPointerDown(event) {
    if (event.button !== 0 || (event.target.closest('button') && !event.target.closest('.self-move'))) return;
    const { right, bottom } = this.#current();
    this.#drag = { x: event.clientX, y: event.clientY, right, bottom };
    this.element.setPointerCapture?.(event.pointerId);
    event.preventDefault();
  }

  #onPointerMove(event) {
    const d = this.#drag;
    if (!d) return;
    this.#place(d.right - (event.clientX - d.x), d.bottom - (event.clientY - d.y));
  }
}
