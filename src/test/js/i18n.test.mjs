// i18n.js and the catalogues (web/i18n/*.js): same keys and placeholders everywhere, the
// plural forms each language needs, English as the fallback, the language choice, and no
// key used in web/ that English lacks (nor an English key nobody uses).
//   node --test src/test/js/i18n.test.mjs
import { MemoryStorage } from './browser-globals.mjs';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import {
  LANGUAGES, LANGUAGE_KEY, chooseLanguage, direction, language, readSaved, setLanguage, supported, t, tAround,
} from '../../main/resources/web/i18n.js';
import en from '../../main/resources/web/i18n/en.js';

const WEB = new URL('../../main/resources/web/', import.meta.url);
const catalogues = Object.fromEntries(await Promise.all(LANGUAGES.map(async ({ code }) => [
  code, (await import(new URL(`i18n/${code}.js`, WEB))).default,
])));

/** The {placeholders} of a message (all forms of a plural one), sorted. */
function placeholders(message) {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
}

/** The client's modules, without the catalogues: [{name, text}]. */
function sources() {
  const files = [];
  for (const dir of ['', 'views/']) {
    for (const name of readdirSync(new URL(dir, WEB))) {
      if (name.endsWith('.js') && name !== 'i18n.js') files.push({ name: dir + name, text: readFileSync(new URL(dir + name, WEB), 'utf8') });
    }
  }
  return files;
}

test('every catalogue has exactly the English keys, each with the same placeholders', () => {
  const keys = Object.keys(en).sort();
  for (const [code, messages] of Object.entries(catalogues)) {
    assert.deepEqual(Object.keys(messages).sort(), keys, `${code}: keys differ from English`);
    for (const key of keys) {
      assert.deepEqual(placeholders(messages[key]), placeholders(en[key]), `${code} ${key}: placeholders`);
      if (typeof messages[key] === 'string') assert.ok(messages[key].trim() || en[key].trim() === '', `${code} ${key}: empty`);
    }
  }
});

test('a message with a count has every plural form its language needs, and only those', () => {
  for (const [code, messages] of Object.entries(catalogues)) {
    const needed = new Intl.PluralRules(code).resolvedOptions().pluralCategories.sort();
    for (const [key, message] of Object.entries(messages)) {
      assert.equal(typeof message === 'object', typeof en[key] === 'object', `${code} ${key}: plural in one language only`);
      if (typeof message === 'object') {
        assert.deepEqual(Object.keys(message).sort(), needed, `${code} ${key}: plural forms`);
        assert.ok(placeholders(en[key]).includes('count'), `${key}: a plural message has a {count}`);
      }
    }
  }
  assert.equal(new Intl.PluralRules('ar').resolvedOptions().pluralCategories.length, 6, 'Arabic has six forms');
});

test('the translations are translated: most messages differ from English', () => {
  for (const [code, messages] of Object.entries(catalogues)) {
    if (code === 'en') continue;
    const same = Object.keys(en).filter((key) => JSON.stringify(messages[key]) === JSON.stringify(en[key]));
    assert.ok(same.length < Object.keys(en).length / 10, `${code}: ${same.length} messages are the English ones: ${same.slice(0, 20)}`);
  }
});

test('t fills placeholders, picks plural forms by the language, and falls back to English', async () => {
  const storage = new MemoryStorage();
  await setLanguage('en', storage);
  assert.equal(t('meeting.people', { count: 1 }), '1 person');
  assert.equal(t('meeting.people', { count: 3 }), '3 people');
  assert.equal(t('tile.you', { name: 'Ada' }), 'Ada (you)');
  assert.equal(t('no.such.key'), '', 'never the raw key');
  assert.equal(t('tile.you'), '{name} (you)', 'a missing parameter stays visible as such, not as "undefined"');
  assert.deepEqual(tAround('dialin.pin', 'pin'), ['Then type the PIN ', ' and #.'], 'the text around an element');

  await setLanguage('ar', storage);
  assert.equal(language(), 'ar');
  const forms = new Set([0, 1, 2, 3, 11, 100].map((count) => t('meeting.people', { count })));
  assert.equal(forms.size, 6, `six Arabic forms for 0, 1, 2, 3, 11, 100: ${[...forms]}`);
  assert.equal(t('meeting.people', { count: 2 }), catalogues.ar['meeting.people'].two.replace('{count}', new Intl.NumberFormat('ar').format(2)));

  await setLanguage('de', storage);
  assert.equal(t('toolbar.mute'), catalogues.de['toolbar.mute']);
  const saved = catalogues.de['toolbar.mute'];
  delete catalogues.de['toolbar.mute']; // the module object is the one i18n.js holds
  try {
    assert.equal(t('toolbar.mute'), en['toolbar.mute'], 'a key German lacks is said in English');
  } finally {
    catalogues.de['toolbar.mute'] = saved;
  }
  assert.equal(storage.getItem(LANGUAGE_KEY), 'de', 'the choice is saved');
  await assert.rejects(setLanguage('xx', storage), RangeError);
  await setLanguage('en', storage);
});

test('the language: the saved choice, else the browser languages in order, else English', () => {
  assert.equal(chooseLanguage('de', ['es-ES', 'en']), 'de');
  assert.equal(chooseLanguage(null, ['fr-FR', 'es-MX', 'de']), 'es', 'the first supported one, by its base language');
  assert.equal(chooseLanguage('klingon', ['pt-BR', 'ar-EG']), 'ar');
  assert.equal(chooseLanguage(null, ['fr', 'ja']), 'en');
  assert.equal(chooseLanguage(null, []), 'en');
  assert.equal(supported('DE-at'), 'de');
  assert.equal(supported(42), null);
  const storage = new MemoryStorage();
  assert.equal(readSaved(storage), null);
  storage.setItem(LANGUAGE_KEY, '<script>');
  assert.equal(readSaved(storage), null, 'garbage reads as no choice');
  storage.setItem(LANGUAGE_KEY, 'es');
  assert.equal(readSaved(storage), 'es');
  assert.equal(readSaved({ getItem() { throw new Error('disabled'); } }), null);
  assert.equal(direction('ar'), 'rtl');
  assert.equal(direction('he'), 'rtl');
  assert.equal(direction('de'), 'ltr');
});

test('every key the client uses is in English, and every English key is used', () => {
  const areas = new Set(Object.keys(en).map((key) => key.split('.')[0]));
  const used = new Set();
  const prefixes = new Set();
  for (const { name, text } of sources()) {
    for (const m of text.matchAll(/\bt\(\s*`([\w.-]+)\$\{/g)) prefixes.add(m[1]);
    for (const m of text.matchAll(/'([a-z][\w-]*\.[\w.-]*[\w-])'/g)) {
      if (!areas.has(m[1].split('.')[0])) continue;
      used.add(m[1]);
      assert.ok(m[1] in en, `${name}: '${m[1]}' is not in the English catalogue`);
    }
    for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) assert.ok(m[1] in en, `${name}: t('${m[1]}') is not in the English catalogue`);
  }
  for (const prefix of prefixes) assert.ok(Object.keys(en).some((key) => key.startsWith(prefix)), `no key starts with ${prefix}`);
  const unused = Object.keys(en).filter((key) => !used.has(key) && ![...prefixes].some((p) => key.startsWith(p)));
  assert.deepEqual(unused, [], 'English keys nobody uses');
});

test('no English words left in the client: text, labels and notices come from t()', () => {
  // Where user-visible text is set (also a literal child after the props, a branch of a
  // ternary); a literal with words there is a leftover. Not the page's own crypto and the
  // embedding page's API (developers' words), keys, tokens such as AES-GCM, or "Parley".
  const sinks = /(?:\btext:|'aria-label':|\btitle:|\bplaceholder:|\blabel:|\balt:|confirmLabel:|description:|\.textContent\s*=|announce\(|notice\(|showNotice\(\{\s*text:|new Error\(|\},|\?|:)\s*(['`])([^'`\n]*)\1/g;
  const technical = new Set(['e2ee-frame.js', 'e2ee-keys.js', 'e2ee-worker.js', 'embed-api.js']);
  const leftovers = [];
  for (const { name, text } of sources()) {
    if (technical.has(name)) continue;
    for (const m of text.matchAll(sinks)) {
      const literal = m[2].replace(/\$\{[^}]*\}/g, '').trim();
      if (literal in en || literal === 'Parley' || /^[a-z<-]/.test(literal) || /^[A-Z0-9-]+$/.test(literal)) continue;
      if (/[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}/.test(literal) || /^[A-Z][a-z]+$/.test(literal)) leftovers.push(`${name}: ${m[0]}`);
    }
  }
  assert.deepEqual(leftovers, []);
});
