package parley.e2e.ux;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import parley.e2e.Json;

/**
 * Moving the focus as a keyboard user does (Tab, Shift+Tab) and reading what has it: the
 * element's CSS-like description and its accessible name and role as the browser computes
 * them (WebDriver's computed label and role).
 */
final class Keyboard {
    /** More Tab presses than any screen has stops: a missing control fails instead of looping. */
    static final int MAX_PRESSES = 40;

    /** Describes document.activeElement: tag, data-tool, id and classes ("body" when nothing has focus). */
    static final String DESCRIBE_FOCUS = """
            (() => { const e = document.activeElement;
              if (!e || e === document.body) return 'body';
              return e.tagName.toLowerCase() + (e.dataset.tool ? '[data-tool=' + e.dataset.tool + ']' : '')
                + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''); })()""";

    /** The focused element as seen by a keyboard and screen reader user. */
    record Focus(String element, String name, String role) {
        @Override
        public String toString() {
            return element + " (" + role + " \"" + name + "\")";
        }
    }

    private final Attendee attendee;

    Keyboard(Attendee attendee) {
        this.attendee = attendee;
    }

    /** What has the focus now. */
    Focus focus() {
        String element = attendee.eval(DESCRIBE_FOCUS).asText();
        if (element.equals("body")) {
            return new Focus(element, "", "");
        }
        WebElement active = attendee.driver().switchTo().activeElement();
        return new Focus(element, active.getAccessibleName(), active.getAriaRole());
    }

    /** Whether the focused element matches a CSS selector. */
    boolean focusMatches(String selector) {
        return attendee.eval("Boolean(document.activeElement?.matches(" + Json.jsString(selector) + "))")
                .asBoolean();
    }

    /**
     * Presses Tab (or Shift+Tab) until the focused element matches {@code selector}; returns
     * every element passed on the way, the target last.
     *
     * @throws AssertionError when {@link #MAX_PRESSES} presses do not get there
     */
    List<Focus> tabTo(String selector, boolean backwards) {
        List<Focus> passed = new ArrayList<>();
        for (int i = 0; i < MAX_PRESSES; i++) {
            press(backwards);
            passed.add(focus());
            if (focusMatches(selector)) {
                return passed;
            }
        }
        throw new AssertionError((backwards ? "Shift+Tab" : "Tab") + " never reached " + selector + " in "
                + MAX_PRESSES + " presses; passed " + passed);
    }

    List<Focus> tabTo(String selector) {
        return tabTo(selector, false);
    }

    void press(boolean backwards) {
        if (backwards) {
            attendee.actions().keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        } else {
            attendee.press(Keys.TAB);
        }
    }

    void press(CharSequence... keys) {
        attendee.press(keys);
    }
}
