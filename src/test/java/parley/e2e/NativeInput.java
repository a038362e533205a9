package parley.e2e;

/**
 * A {@link Page} that can click and type through the browser's own input pipeline (WebDriver
 * element commands: scrolled into view, refused when covered or not interactable), on an
 * element that a script finds. {@link MeetingClient} uses it where the page offers it and
 * falls back to script events elsewhere (Firefox over BiDi).
 */
public interface NativeInput {
    /**
     * Calls {@code finderFunction} (JavaScript source) with {@code args}; when it returns an
     * element, clicks it and returns the accessible name the browser computes for it.
     *
     * @return that name, or null when the function returned no element (not there yet)
     */
    String click(String finderFunction, Object... args);

    /**
     * Like {@link #click}, but clears the element found and types {@code text} into it key by key.
     *
     * @return the browser's accessible name of the element, or null when none was found
     */
    String type(String text, String finderFunction, Object... args);
}
