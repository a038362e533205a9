// i18n.js and the catalogues (web/i18n/*.js): same keys and placeholders everywhere, the
// plural forms each language needs, English as the fallback, the language choice, and no
// key used in web/ that English lacks (nor an English key nobody uses).
// Also the texts outside the catalogues' reach: the security emoji's names, index.html's
// <noscript>, and the embedding API's texts for developers (listed in docs/embedding.md).
//   node --test src/test/js/i18n.test.mjs
import { MemoryStorage } from './browser-globals.mjs';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import {
  LANGUAGES, LANGUAGE_KEY, chooseLanguage, direction, language, readSaved, setLanguage, supported, t, tAround,
} from '../../main/resources/web/i18n.js';
import en from '../../main/resources/web/i18n/en.js';
import { SAS_EMOJI, newIdentity, shortAuthString } from '../../main/resources/web/e2ee-keys.js';

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

test('the 64 security emoji carry ids, and every language names each of them', async () => {
  const ids = SAS_EMOJI.map(([, id]) => id);
  assert.equal(new Set(ids).size, 64);
  for (const id of ids) {
    assert.match(id, /^[a-z]+(-[a-z]+)*$/, `'${id}': an id, not a name for people (the name goes in the catalogues as sas.<id>)`);
    for (const [code, messages] of Object.entries(catalogues)) assert.ok(messages[`sas.${id}`]?.trim(), `${code}: no name for the emoji ${id}`);
  }
  assert.deepEqual(Object.keys(en).filter((key) => key.startsWith('sas.')).sort(), ids.map((id) => `sas.${id}`).sort(), 'names of emoji there are not');
  for (const code of ['es', 'de', 'ar']) {
    const same = ids.filter((id) => catalogues[code][`sas.${id}`] === en[`sas.${id}`]);
    assert.ok(same.length < 8, `${code}: ${same.length} emoji keep their English name: ${same}`);
  }
  const [ada, bo] = [await newIdentity(crypto.subtle), await newIdentity(crypto.subtle)];
  const { words } = await shortAuthString(crypto.subtle, ada.publicRaw, bo.publicRaw);
  assert.ok(words.split(' ').every((word) => ids.includes(word)), `the string says ids, the page names them: ${words}`);
  const list = sources().find((f) => f.name === 'views/participants.js').text;
  assert.match(list, /t\(`sas\.\$\{/, 'the participant list names the emoji through the catalogue');
});

test('index.html: the <noscript> sentence in every language, each with its lang; no other text but what app.js translates', () => {
  const html = readFileSync(new URL('index.html', WEB), 'utf8');
  const noscript = html.match(/<noscript>([\s\S]*?)<\/noscript>/)?.[1] ?? '';
  const paragraphs = [...noscript.matchAll(/<p lang="([a-z]+)"[^>]*>([^<]*)<\/p>/g)];
  assert.deepEqual(paragraphs.map((m) => m[1]), LANGUAGES.map((l) => l.code), "one paragraph per language, in the switch's order");
  const sentences = paragraphs.map((m) => m[2].trim());
  assert.ok(sentences.every((text) => /\bJavaScript\b/.test(text)), `each says what is missing: ${sentences}`);
  assert.equal(new Set(sentences).size, sentences.length, 'each translated');
  assert.match(paragraphs[LANGUAGES.findIndex((l) => l.code === 'ar')][0], /dir="rtl"/, 'Arabic right to left');
  const outside = noscript.replace(/<p lang="[a-z]+"[^>]*>[^<]*<\/p>/g, '').replace(/<[^>]+>/g, '').trim();
  assert.equal(outside, '', 'no text in <noscript> outside a paragraph with its lang');
  // Everything else the page says, app.js (translatePage) replaces with the catalogue's words.
  const body = html.slice(html.indexOf('<body>')).replace(/<noscript>[\s\S]*?<\/noscript>/, '');
  const texts = body.split(/<[^>]+>/).map((text) => text.trim()).filter(Boolean);
  assert.deepEqual(texts, [en['page.skip']], 'index.html text app.js does not translate');
  assert.equal(html.match(/<meta name="description" content="([^"]*)"/)?.[1], en['page.description']);
  const app = sources().find((f) => f.name === 'app.js').text;
  assert.match(app, /t\('page\.skip'\)/);
  assert.match(app, /t\('page\.description'\)/);
});

test("the embedding API's texts are English for developers, and docs/embedding.md lists each of them", () => {
  const doc = readFileSync(new URL('../../../docs/embedding.md', import.meta.url), 'utf8');
  const listed = [...doc.matchAll(/^\|[^|\n]*\| `(.+)`(?::[^|\n]*)? \|$/gm)].map((m) => m[1]);
  const found = [];
  for (const name of ['embed.js', 'embed-api.js']) {
    const text = readFileSync(new URL(name, WEB), 'utf8');
    // Texts the frame hands to the operator's code: reasons, and defaults given with ||.
    for (const m of text.matchAll(/(?:\breason:|\|\|)\s*(['`])((?:\\.|(?!\1).)*)\1/g)) {
      const literal = m[2].replace(/\\(.)/g, '$1');
      const pattern = new RegExp(`^${literal.split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
      found.push(literal);
      assert.ok(listed.some((entry) => pattern.test(entry)), `${name}: "${literal}" is not in docs/embedding.md's list of English texts`);
    }
  }
  assert.ok(found.length >= 5, `the texts were found: ${found}`);
});
