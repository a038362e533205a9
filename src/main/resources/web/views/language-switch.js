/**
 * The language switch: a select labelled "Language" (in the language in use) whose options
 * each name a language in that language, with its own lang attribute, so a screen reader
 * says "Deutsch" as German. A change applies at once (i18n.js setLanguage: the screen is
 * rendered again); afterwards the focus goes back to the switch.
 */
import { h, uid } from '../dom.js';
import { LANGUAGES, language, setLanguage, t } from '../i18n.js';

/** A field with the "Language" select. */
export function languageSwitch() {
  const id = uid('language');
  const select = h('select', { id, class: 'select', name: 'language', dataset: { setting: 'language' } },
    LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, dir: l.code === 'ar' ? 'rtl' : 'ltr', text: l.name })));
  select.value = language();
  select.addEventListener('change', async () => {
    await setLanguage(select.value);
    // the screen was rendered again: back to the new switch, once the page has settled
    setTimeout(() => document.querySelector('select[data-setting="language"]')?.focus(), 0);
  });
  return h('div', { class: 'field language-switch' }, h('label', { for: id, class: 'label', text: t('language.label') }), select);
}
