// theme.js and site.js: the theme choice and what /site.json may say.
//   node --test src/test/js/theme-site.test.mjs
import { MemoryStorage } from './browser-globals.mjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  THEME_KEY, installTheme, readPreference, resolveTheme, writePreference,
} from '../../main/resources/web/theme.js';
import { BUILT_IN_SITE, cleanSite, loadSite } from '../../main/resources/web/site.js';

test('auto follows the system; light and dark are what they say', () => {
  assert.equal(resolveTheme('auto', true), 'dark');
  assert.equal(resolveTheme('auto', false), 'light');
  assert.equal(resolveTheme('light', true), 'light');
  assert.equal(resolveTheme('dark', false), 'dark');
  assert.equal(resolveTheme('purple', true), 'dark', 'garbage is auto');
});

test('the choice is kept in storage; auto keeps nothing; garbage or a broken storage reads as auto', () => {
  const storage = new MemoryStorage();
  assert.equal(readPreference(storage), 'auto');
  writePreference(storage, 'dark');
  assert.equal(storage.getItem(THEME_KEY), 'dark');
  assert.equal(readPreference(storage), 'dark');
  writePreference(storage, 'auto');
  assert.equal(storage.getItem(THEME_KEY), null);
  storage.setItem(THEME_KEY, '<script>');
  assert.equal(readPreference(storage), 'auto');
  assert.throws(() => writePreference(storage, 'sepia'), RangeError);
  assert.equal(readPreference({ getItem() { throw new Error('disabled'); } }), 'auto');
});

test('installTheme sets html[data-theme] now, on a system change and on a choice', () => {
  const listeners = {};
  const media = { matches: true, addEventListener: (type, fn) => { listeners.media = fn; } };
  const win = {
    localStorage: new MemoryStorage(),
    document: { documentElement: { dataset: {} } },
    matchMedia: () => media,
    addEventListener: (type, fn) => { listeners[type] = fn; },
  };
  const theme = installTheme(win);
  assert.equal(win.document.documentElement.dataset.theme, 'dark');
  media.matches = false;
  listeners.media();
  assert.equal(win.document.documentElement.dataset.theme, 'light');
  theme.set('dark');
  assert.equal(win.document.documentElement.dataset.theme, 'dark');
  assert.equal(win.localStorage.getItem(THEME_KEY), 'dark');
  win.localStorage.setItem(THEME_KEY, 'light');
  listeners.storage({ key: THEME_KEY });
  assert.equal(theme.preference, 'light', 'another tab chose');
  assert.equal(win.document.documentElement.dataset.theme, 'light');
});

test('site.json: its values when well formed, the built-in ones otherwise', () => {
  assert.deepEqual(cleanSite({
    name: ' Acme Meet ', logo: '/branding/logo.svg', welcome: 'Hello', frameAncestors: ["'self'", 'https://a.example'],
  }), { name: 'Acme Meet', logo: '/branding/logo.svg', welcome: 'Hello', frameAncestors: ["'self'", 'https://a.example'] });
  assert.deepEqual(cleanSite(null), BUILT_IN_SITE);
  const odd = cleanSite({ name: 7, logo: 'https://evil.example/x.svg', welcome: '', frameAncestors: 'x' });
  assert.deepEqual(odd, BUILT_IN_SITE, 'a logo from elsewhere is never used');
});

test('loadSite fetches /site.json once; a failed fetch gives the built-in site', async () => {
  const asked = [];
  const fetchFn = async (url) => {
    asked.push(url);
    throw new Error('offline');
  };
  assert.deepEqual(await loadSite(fetchFn), BUILT_IN_SITE);
  await loadSite(fetchFn);
  assert.deepEqual(asked, ['/site.json']);
});
