/**
 * Tiny DOM helpers shared by the views. Text is always set with textContent or text nodes:
 * user data never goes through innerHTML.
 */
import { formatTime } from './i18n.js';

/**
 * Creates an element. Props: "class", "text", "dataset" (object), "on<event>" listeners,
 * "value"/"checked"/"disabled"/"hidden" as properties, anything else as an attribute
 * (true gives an empty attribute; null, undefined and false leave it out). Children may
 * be nodes, strings (as text), or nested arrays; null and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'hidden') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings as text, arrays; null and false skipped). */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of the element. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Sets a data attribute (camelCase name) when it differs; null or undefined removes it. */
export function setData(el, name, value) {
  if (value == null) {
    if (name in el.dataset) delete el.dataset[name];
  } else if (el.dataset[name] !== String(value)) {
    el.dataset[name] = String(value);
  }
}

/** Sets an attribute when it differs (no needless mutations for observers). */
export function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Sets the text of an element when it differs. */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

let nextId = 0;

/** A document-unique id with a readable prefix, for label/aria wiring. */
export function uid(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** Sets or removes a boolean attribute-like class and keeps aria in step where asked. */
export function toggleClass(el, name, on) {
  el.classList.toggle(name, Boolean(on));
}

/** Formats ms since epoch as a local "14:05", in the language in use. */
export function clockTime(ms) {
  return formatTime(ms);
}

/** Returns the focusable descendants of an element, in DOM order. */
export function focusables(root) {
  const selector = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';
  return [...root.querySelectorAll(selector)].filter((el) => !el.disabled && !el.closest('[hidden]'));
}
