/**
 * The side panels of the meeting (chat, participants): one open at a time, each an <aside>
 * named by its heading, opened and closed by its toolbar button (aria-expanded), closed by
 * its Close button or Escape, with the focus going back to the button.
 */
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';

/**
 * Creates the panel set. onOpen(name, panel) and onClose(name) let the owner react (the chat
 * clears its unread count). Returns {make(name, title), bind(name, button), open(name),
 * close(returnFocus), toggle(name), get openName}.
 */
export function createPanels({ onOpen = () => {}, onClose = () => {} } = {}) {
  const panels = {};
  let openName = null;
  const api = {
    get openName() { return openName; },
    /** A new panel (title, and the name of its Close button); returns {element, body, heading}. */
    make(name, title, closeLabel) {
      const headingId = uid(`${name}-title`);
      const body = h('div', { class: 'panel-body' });
      const heading = h('h2', { id: headingId, class: 'panel-title', tabindex: '-1', text: title });
      const element = h('aside', { class: 'panel', id: uid(`panel-${name}`), 'aria-labelledby': headingId, hidden: true },
        h('div', { class: 'panel-head' }, heading,
          h('button', { type: 'button', class: 'icon-button', onclick: () => api.close() },
            icon('close'), h('span', { class: 'visually-hidden', text: closeLabel }))),
        body);
      panels[name] = { element, body, heading, button: null };
      return panels[name];
    },
    /** The toolbar button that opens and closes the panel. */
    bind(name, button) {
      panels[name].button = button;
      button.setAttribute('aria-expanded', 'false');
      button.setAttribute('aria-controls', panels[name].element.id);
    },
    toggle(name) {
      if (openName === name) api.close();
      else api.open(name);
    },
    open(name) {
      if (openName && openName !== name) api.close(false);
      openName = name;
      const panel = panels[name];
      panel.element.hidden = false;
      panel.button?.setAttribute('aria-expanded', 'true');
      panel.element.closest('.meeting')?.classList.add('has-panel');
      if (onOpen(name, panel) !== true) panel.heading.focus();
    },
    close(returnFocus = true) {
      if (!openName) return;
      const name = openName;
      const panel = panels[name];
      openName = null;
      panel.element.hidden = true;
      panel.button?.setAttribute('aria-expanded', 'false');
      panel.element.closest('.meeting')?.classList.remove('has-panel');
      onClose(name);
      if (returnFocus) panel.button?.focus();
    },
  };
  return api;
}
