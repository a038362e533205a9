/**
 * The meeting's control bar: three groups of tool buttons (own media, meeting, leave).
 * Other features add their buttons with toolbar.add(group, button) (or a whole tool made
 * with tool()), so adding a button never means editing the layout of renderMeeting.
 */
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';

/** A control-bar button whose label, icon and "off" look can change. */
export function tool(name, onclick) {
  const label = h('span', { class: 'tool-label' });
  const button = h('button', { type: 'button', class: 'tool', dataset: { tool: name }, onclick }, label);
  let iconName = null;
  return {
    button,
    set(text, newIcon, off = false) {
      if (label.textContent !== text) {
        label.textContent = text;
        button.title = text; // a tooltip where the bar shows icons only (narrow windows)
      }
      if (iconName !== newIcon) {
        iconName = newIcon;
        button.querySelector('svg')?.remove();
        button.prepend(icon(newIcon));
      }
      button.classList.toggle('is-off', off);
    },
  };
}

/** Runs an async action once at a time per button, so a double click does not toggle twice. */
export function guarded(action) {
  let busy = false;
  return async (event) => {
    if (busy) return;
    busy = true;
    const target = event.currentTarget;
    target.setAttribute('aria-busy', 'true');
    try {
      await action();
    } finally {
      busy = false;
      target.removeAttribute('aria-busy');
    }
  };
}

/** The groups of the bar, left to right. */
export const GROUPS = ['media', 'meeting', 'end'];

/** Creates the bar; returns {element, add(group, ...nodes)}. */
export function createToolbar() {
  const groups = Object.fromEntries(GROUPS.map((g) => [g, h('div', { class: 'toolbar-group', dataset: { group: g } })]));
  const element = h('footer', { class: 'toolbar', 'aria-label': t('toolbar.label') }, GROUPS.map((g) => groups[g]));
  return {
    element,
    /** Appends buttons (or a tool's .button) to a group: "media", "meeting" or "end". */
    add(group, ...nodes) {
      groups[group].append(...nodes.flat().filter(Boolean).map((n) => n.button ?? n));
    },
  };
}
