/**
 * Light and dark themes: the person's choice ("auto", "light" or "dark"), kept in this
 * browser's localStorage and nowhere else, and the theme it gives: "auto" follows the
 * system's prefers-color-scheme. The page shows it as html[data-theme] ("light" or
 * "dark"); style.css has a palette for each. The meeting room itself is dark in both (video
 * reads best on dark), as in most meeting apps; the theme is for the pages around it.
 * No DOM code but installTheme(), which is given the window.
 */

export const THEME_KEY = 'parley.theme';
export const THEMES = Object.freeze(['auto', 'light', 'dark']);
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The stored choice, or "auto" when there is none, it is garbage, or storage is off. */
export function readPreference(storage) {
  try {
    const value = storage?.getItem(THEME_KEY);
    return THEMES.includes(value) ? value : 'auto';
  } catch {
    return 'auto';
  }
}

/** Stores a choice; "auto" (the default) stores nothing. Unknown values are refused. */
export function writePreference(storage, preference) {
  if (!THEMES.includes(preference)) throw new RangeError(`theme ${preference} (expected: ${THEMES.join(', ')})`);
  try {
    if (preference === 'auto') storage?.removeItem(THEME_KEY);
    else storage?.setItem(THEME_KEY, preference);
  } catch { /* storage disabled: the choice lasts for this page only */ }
}

/** The theme a choice gives, given whether the system prefers dark. */
export function resolveTheme(preference, systemPrefersDark) {
  if (preference === 'light' || preference === 'dark') return preference;
  return systemPrefersDark ? 'dark' : 'light';
}

/**
 * Sets html[data-theme] now and whenever the system's preference or the stored choice
 * (another tab) changes. Returns {preference, theme, set(preference)}.
 */
export function installTheme(win) {
  const media = win.matchMedia?.(DARK_QUERY) ?? { matches: false, addEventListener() {} };
  let preference = readPreference(win.localStorage);
  const apply = () => {
    win.document.documentElement.dataset.theme = resolveTheme(preference, media.matches);
  };
  media.addEventListener('change', apply);
  win.addEventListener('storage', (event) => {
    if (event.key !== THEME_KEY && event.key !== null) return;
    preference = readPreference(win.localStorage);
    apply();
  });
  apply();
  return {
    get preference() { return preference; },
    get theme() { return resolveTheme(preference, media.matches); },
    set(next) {
      writePreference(win.localStorage, next);
      preference = next;
      apply();
    },
  };
}
