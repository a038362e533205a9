/**
 * The theme switch: a group of three radio buttons, "Auto", "Light" and "Dark" (theme.js
 * keeps the choice). Importing this module applies the theme at once.
 */
import { h, uid } from '../dom.js';
import { THEMES, installTheme } from '../theme.js';
import { t } from '../i18n.js';

const theme = installTheme(window);

const LABELS = { auto: 'theme.auto', light: 'theme.light', dark: 'theme.dark' };

/** A fieldset "Theme" with one radio button per choice; changes apply at once. */
export function themeSwitch() {
  const name = uid('theme');
  return h('fieldset', { class: 'theme-switch' },
    h('legend', { class: 'label', text: t('theme.label') }),
    THEMES.map((choice) => {
      const id = uid(`theme-${choice}`);
      return h('span', { class: 'theme-choice' },
        h('input', {
          type: 'radio', id, name, value: choice, checked: theme.preference === choice,
          onchange: () => theme.set(choice),
        }),
        h('label', { for: id, text: t(LABELS[choice]) }));
    }));
}
