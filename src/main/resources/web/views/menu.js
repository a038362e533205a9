/**
 * A menu button (WAI-ARIA "menu button" pattern): a button with aria-haspopup="menu" that
 * opens a list of role="menuitem" buttons. Enter, Space or Down open it on the first item,
 * Up on the last; in the menu Down/Up move (wrapping), Home/End jump, Escape closes it and
 * puts the focus back on the button, Tab closes it and moves on; a click elsewhere closes it.
 */
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';

/**
 * label: the button's accessible name ("More actions for Ada"); items: [{label, run(),
 * danger}]. Returns the wrapper element.
 */
export function menuButton(label, items, iconName = 'more') {
  const menuId = uid('menu');
  const button = h('button', {
    type: 'button', class: 'icon-button menu-button', title: label,
    'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menuId,
  }, icon(iconName), h('span', { class: 'visually-hidden', text: label }));
  const entries = items.map((item) => h('button', {
    type: 'button', role: 'menuitem', tabindex: '-1', class: `menu-item${item.danger ? ' is-danger' : ''}`,
    onclick: () => { close(true); item.run(); },
  }, item.label));
  const menu = h('div', { id: menuId, role: 'menu', class: 'menu', 'aria-label': label, hidden: true }, entries);
  const wrapper = h('div', { class: 'menu-wrap' }, button, menu);

  const onOutside = (event) => { if (!wrapper.contains(event.target)) close(false); };
  function open(index) {
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', onOutside, true);
    entries.at(index)?.focus();
  }
  function close(returnFocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', onOutside, true);
    if (returnFocus) button.focus();
  }
  button.addEventListener('click', () => (menu.hidden ? open(0) : close(true)));
  button.addEventListener('keydown', (event) => {
    const at = { ArrowDown: 0, ArrowUp: -1 }[event.key];
    if (at === undefined) return;
    event.preventDefault();
    open(at);
  });
  menu.addEventListener('keydown', (event) => {
    const i = entries.indexOf(document.activeElement);
    const n = entries.length;
    const next = { ArrowDown: (i + 1) % n, ArrowUp: (i - 1 + n) % n, Home: 0, End: n - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      entries[next].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  });
  return wrapper;
}
