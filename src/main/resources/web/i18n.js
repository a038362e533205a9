/**
 * Languages: every string the client shows comes from a message catalogue (web/i18n/<code>.js,
 * a flat object of keys named by area, `'toolbar.mute': 'Mute'`), through t(key, params).
 * English is always loaded (the fallback for a key a catalogue lacks); only the chosen other
 * language is loaded besides, by a dynamic import from this origin. The choice: a language
 * saved by the switch (localStorage, the only thing stored), else the browser's
 * navigator.languages, else English. setLanguage() loads a language, sets <html lang dir> and
 * tells the page (onLanguageChange) to render what is on screen again.
 *
 * A message: text with named placeholders ("{name} joined"), or, for a message with a count,
 * an object of plural forms ({one: '{count} person', other: '{count} people'}) picked by
 * Intl.PluralRules of the language (Arabic has six forms). Numbers in the parameters are
 * written with Intl.NumberFormat of the language. No DOM code but <html lang dir>.
 */
import en from './i18n/en.js';

export const LANGUAGE_KEY = 'parley.language';
/** The languages there are, each named in its own language (the switch shows them so). */
export const LANGUAGES = Object.freeze([
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'de', name: 'Deutsch' },
  { code: 'ar', name: 'العربية' },
]);
const CODES = LANGUAGES.map((l) => l.code);
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);

let current = 'en';
let catalogue = en;
let plurals = new Intl.PluralRules('en');
let numbers = new Intl.NumberFormat('en');
/** Who renders again after a change (onLanguageChange); setLanguage waits for them. */
const listeners = new Set();
const EN_PLURALS = new Intl.PluralRules('en');

/** The supported language for a tag ("es-MX" → "es"), or null. */
export function supported(tag) {
  if (typeof tag !== 'string') return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return CODES.includes(base) ? base : null;
}

/** The language to use: the saved one if supported, else the first supported preferred one, else English. */
export function chooseLanguage(saved, preferred = []) {
  return supported(saved) ?? preferred.map(supported).find(Boolean) ?? 'en';
}

/** The saved choice, or null (none, garbage, or storage is off). */
export function readSaved(storage) {
  try {
    return supported(storage?.getItem(LANGUAGE_KEY));
  } catch {
    return null;
  }
}

/** "rtl" for a right-to-left language, else "ltr". */
export function direction(code) {
  return RIGHT_TO_LEFT.has(code) ? 'rtl' : 'ltr';
}

/** The language in use ("en", "es", ...): for Intl formatting elsewhere. */
export function language() {
  return current;
}

/** Loads a catalogue (English is already here). */
async function load(code) {
  if (code === 'en') return en;
  return (await import(`./i18n/${code}.js`)).default;
}

function use(code, messages) {
  current = code;
  catalogue = messages;
  plurals = new Intl.PluralRules(code);
  numbers = new Intl.NumberFormat(code);
  const html = globalThis.document?.documentElement;
  if (html) {
    html.lang = code;
    html.dir = direction(code);
  }
}

/** Chooses and loads the language at start (saved choice, then the browser's languages). */
export async function initLanguage(win = globalThis) {
  const code = chooseLanguage(readSaved(win.localStorage), win.navigator?.languages ?? []);
  use(code, await load(code).catch(() => en));
  return code;
}

/**
 * Switches language at once: loads it, saves the choice, sets <html lang dir> and tells the
 * listeners (the page renders its screen again); resolves once they are done (a screen that
 * keeps its devices across the switch renders again asynchronously). Unknown codes are refused.
 */
export async function setLanguage(code, storage = globalThis.localStorage) {
  if (!CODES.includes(code)) throw new RangeError(`language ${code} (expected: ${CODES.join(', ')})`);
  const messages = await load(code);
  use(code, messages);
  try {
    storage?.setItem(LANGUAGE_KEY, code);
  } catch { /* storage disabled: the choice lasts for this page only */ }
  await Promise.all([...listeners].map(async (listener) => listener()));
}

/** Calls listener() (which may return a promise) after every language change; returns a function that stops it. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The plural form of an entry for a count: the language's category, else "other". */
function pluralForm(entry, count, rules) {
  return entry[rules.select(count)] ?? entry.other;
}

function resolve(messages, key, params, rules) {
  const entry = messages[key];
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object') return pluralForm(entry, Number(params.count ?? 0), rules);
  return null;
}

/**
 * The message for a key in the language in use, with its {placeholders} filled from params
 * (numbers formatted for the language). A key the language lacks gives the English text;
 * an unknown key gives an empty string (never the key itself).
 */
export function t(key, params = {}) {
  const text = resolve(catalogue, key, params, plurals) ?? resolve(en, key, params, EN_PLURALS) ?? '';
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? numbers.format(value) : String(value ?? '');
  });
}

/**
 * A message that holds an element where its {placeholder} is (a link, a PIN): the text
 * before and after it, so the element goes where the language puts it. Other params fill
 * the rest as in t().
 */
export function tAround(key, placeholder, params = {}) {
  const [before, after = ''] = t(key, params).split(`{${placeholder}}`);
  return [before, after];
}

/** A local time of day ("14:05") in the language in use. */
export function formatTime(ms) {
  return new Date(ms).toLocaleTimeString(current, { hour: '2-digit', minute: '2-digit' });
}

/** A number written for the language in use. */
export function formatNumber(n, options = undefined) {
  return options ? new Intl.NumberFormat(current, options).format(n) : numbers.format(n);
}
