package parley.e2e;

/**
 * JavaScript that finds controls the way a screen-reader user names them: by role
 * ({@code button}, {@code textbox}, {@code combobox}, {@code checkbox}, {@code link},
 * {@code heading}, {@code group}) and accessible name. The name is computed like the accessible-name
 * algorithm does for these simple cases: {@code aria-labelledby}, then {@code aria-label},
 * then the {@code <label>}s of a form control, then (buttons, links, headings) the text
 * content without {@code aria-hidden} parts; whitespace is collapsed. Only elements that
 * are rendered (not {@code hidden}, {@code inert} or {@code aria-hidden}) count. In
 * Chromium, {@link MeetingClient} cross-checks the result with the browser's own
 * accessible name of the element.
 */
final class AccessibleQuery {
    /**
     * {@code (role, name, mode) => element | null | string[]}: mode {@code "any"} returns the
     * one rendered element of that role and name (or null; throws when there are several),
     * {@code "enabled"} the same but null while it is disabled, {@code "names"} the names of
     * every rendered element of the role (for failure messages).
     */
    static final String FIND = """
            (role, name, mode) => {
              const SELECTORS = {
                button: 'button, [role="button"], input[type="submit"], input[type="button"]',
                textbox: 'input:not([type]), input[type="text"], input[type="password"], input[type="search"],'
                    + ' input[type="email"], textarea, [role="textbox"]',
                combobox: 'select, [role="combobox"]',
                checkbox: 'input[type="checkbox"], [role="checkbox"]',
                link: 'a[href], [role="link"]',
                heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
                group: '[role="group"], fieldset',
              };
              const norm = (s) => String(s ?? '').replace(/\\s+/g, ' ').trim();
              const text = (node) => {
                if (node.nodeType === Node.TEXT_NODE) return node.textContent;
                if (node.nodeType !== Node.ELEMENT_NODE || node.getAttribute('aria-hidden') === 'true') return '';
                if (node.getAttribute('aria-label')) return ' ' + node.getAttribute('aria-label') + ' ';
                return [...node.childNodes].map(text).join('');
              };
              const byIds = (ids) => ids.split(/\\s+/).map((id) => document.getElementById(id))
                  .filter(Boolean).map(text).join(' ');
              const nameOf = (el) => {
                if (el.getAttribute('aria-labelledby')) return norm(byIds(el.getAttribute('aria-labelledby')));
                if (el.getAttribute('aria-label')) return norm(el.getAttribute('aria-label'));
                if (el.labels && el.labels.length) return norm([...el.labels].map(text).join(' '));
                if (['button', 'link', 'heading'].includes(role)) return norm(el.tagName === 'INPUT' ? el.value : text(el));
                return norm(el.getAttribute('title') ?? el.getAttribute('placeholder'));
              };
              const rendered = (el) => !el.closest('[hidden], [inert], [aria-hidden="true"]')
                  && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
              const selector = SELECTORS[role];
              if (!selector) throw new Error(`role "${role}" (expected: one of ${Object.keys(SELECTORS)})`);
              const all = [...document.querySelectorAll(selector)].filter(rendered);
              if (mode === 'names') return all.map(nameOf);
              const found = all.filter((el) => nameOf(el) === name);
              if (found.length > 1) throw new Error(`${found.length} ${role}s named "${name}" (expected: one)`);
              const el = found[0] ?? null;
              if (el && mode === 'enabled' && (el.disabled || el.getAttribute('aria-disabled') === 'true')) return null;
              return el;
            }""";

    /** {@code (role, name) => name | null}: clicks the enabled element with script events. */
    static final String CLICK = """
            (role, name) => {
              const el = (%s)(role, name, 'enabled');
              if (!el) return null;
              el.scrollIntoView({block: 'center'});
              el.focus();
              el.click();
              return name;
            }""".formatted(FIND);

    /** {@code (text, role, name) => name | null}: sets the enabled field's value as typing would (input and change events). */
    static final String TYPE = """
            (text, role, name) => {
              const el = (%s)(role, name, 'enabled');
              if (!el) return null;
              el.scrollIntoView({block: 'center'});
              el.focus();
              const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
              Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, text);
              el.dispatchEvent(new Event('input', {bubbles: true}));
              el.dispatchEvent(new Event('change', {bubbles: true}));
              return name;
            }""".formatted(FIND);

    /** {@code (role, name) => {value, enabled} | null}: the state of a rendered control. */
    static final String STATE = """
            (role, name) => {
              const el = (%s)(role, name, 'any');
              if (!el) return null;
              return {value: el.value ?? null, checked: el.checked ?? null,
                      enabled: !(el.disabled || el.getAttribute('aria-disabled') === 'true'),
                      expanded: el.getAttribute('aria-expanded')};
            }""".formatted(FIND);

    /** {@code (role, name) => string[] | null}: the labels of the rendered images (icons with role img) inside a control. */
    static final String IMAGES = """
            (role, name) => {
              const el = (%s)(role, name, 'any');
              if (!el) return null;
              return [...el.querySelectorAll('[role="img"]')]
                  .filter((i) => !i.closest('[hidden]') && i.getClientRects().length > 0)
                  .map((i) => i.getAttribute('aria-label'));
            }""".formatted(FIND);

    /** {@code (role) => string[]}: the names of every rendered element of a role. */
    static final String NAMES = "(role) => (%s)(role, null, 'names')".formatted(FIND);

    private AccessibleQuery() {}
}
