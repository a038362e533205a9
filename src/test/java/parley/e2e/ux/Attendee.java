package parley.e2e.ux;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import parley.e2e.Browsers;
import parley.e2e.ChromiumSession;
import parley.e2e.Json;
import parley.e2e.Page;
import parley.e2e.Poll;
import parley.e2e.StatsProbe;

/**
 * One person in one Chromium tab, driven as a user would: opens a meeting link, fills the
 * pre-join form, presses keys. Wraps {@link Page} for scripts and the tab's ChromeDriver for
 * keys and DevTools commands. Not thread-safe: one test drives it at a time.
 */
final class Attendee implements AutoCloseable {
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_LOADS = 3;

    private final ChromiumSession browser;
    private final Page page;
    private final boolean ownsBrowser;

    private Attendee(ChromiumSession browser, Page page, boolean ownsBrowser) {
        this.browser = browser;
        this.page = page;
        this.ownsBrowser = ownsBrowser;
    }

    /** A new headless Chromium with participant {@code mediaIndex}'s fake camera and microphone. */
    static Attendee start(int mediaIndex) {
        ChromiumSession browser = Browsers.chromium(mediaIndex);
        return new Attendee(browser, browser.page(), true);
    }

    /** The first tab of a browser started by the caller (its own fake devices); close() closes the browser. */
    static Attendee in(ChromiumSession browser) {
        return new Attendee(browser, browser.page(), true);
    }

    /** Another tab of this attendee's browser: someone else sharing its fake devices. */
    Attendee newTab() {
        return new Attendee(browser, browser.newTab(), false);
    }

    Page page() {
        return page;
    }

    /** The driver, switched to this tab. */
    WebDriver driver() {
        page.eval("null");
        return browser.driver();
    }

    /** Runs a Chrome DevTools Protocol command on this tab. */
    Map<String, Object> cdp(String command, Map<String, Object> params) {
        ChromeDriver chrome = (ChromeDriver) driver();
        return chrome.executeCdpCommand(command, params);
    }

    /** Types keys into whatever has the focus (a {@link org.openqa.selenium.Keys} value or text). */
    void press(CharSequence... keys) {
        actions().sendKeys(keys).perform();
    }

    /** A fresh Selenium action chain on this tab (perform() sends it). */
    Actions actions() {
        return new Actions(driver());
    }

    JsonNode eval(String expression) {
        return page.eval(expression);
    }

    JsonNode run(String body) {
        return page.run(body);
    }

    /**
     * Loads a page. When Chromium shows its own error page instead (ERR_NETWORK_CHANGED:
     * tests that make network namespaces on this host add and remove interfaces, and
     * Chromium aborts loads in flight then), loads it again, as a person would.
     */
    void navigate(String url) {
        for (int attempt = 1; ; attempt++) {
            page.navigate(url);
            JsonNode problem = eval("location.protocol === 'chrome-error:' ? document.body.innerText : null");
            if (problem.isNull()) {
                return;
            }
            if (attempt == MAX_LOADS) {
                throw new AssertionError(page.label() + " could not load " + url + ": " + problem.asText());
            }
            System.out.println(page.label() + ": loading " + url + " again after: " + problem.asText().replace('\n', ' '));
        }
    }

    String state() {
        return StatsProbe.state(page);
    }

    void awaitState(String state, Duration timeout) {
        StatsProbe.awaitState(page, state, timeout);
    }

    String participantId() {
        return StatsProbe.participantId(page);
    }

    /** Opens the meeting page of {@code room} and waits for the pre-join screen's form. */
    void openPrejoin(String roomUrl) {
        navigate(roomUrl);
        Poll.until(page.label() + " showing the pre-join form", JOIN_TIMEOUT,
                () -> eval("window.parley?.state === 'prejoin' && Boolean(document.querySelector('form.prejoin-form'))")
                        .asBoolean());
    }

    /** Opens the room, fills in the name, presses Join (by script) and waits to be in the meeting. */
    void join(String roomUrl, String name) {
        openPrejoin(roomUrl);
        joinAs(name);
    }

    /** On the pre-join screen: fills in the name, presses Join (by script) and waits to be in the meeting. */
    void joinAs(String name) {
        eval("(() => { const input = document.querySelector('input[name=name]'); input.value = " + Json.jsString(name)
                + "; document.querySelector('form.prejoin-form').requestSubmit(); })()");
        awaitState("joined", JOIN_TIMEOUT);
    }

    /** The display names of the others in the meeting, as the page knows them. */
    JsonNode otherNames() {
        return eval("window.parley.participants().filter(p => p.id !== window.parley.participantId).map(p => p.name).sort()");
    }

    /** Waits until someone named {@code name} is in this attendee's meeting; returns their participant id. */
    String awaitOther(String name, Duration timeout) {
        JsonNode id = Poll.await(page.label() + " seeing " + name, timeout,
                () -> eval("window.parley.participants().find(p => p.name === " + Json.jsString(name)
                        + " && p.id !== window.parley.participantId)?.id ?? null"),
                n -> !n.isNull(), JsonNode::toString);
        return id.asText();
    }

    /** Waits until video from {@code participantId} is decoded here, and rising. */
    void awaitVideoFrom(String participantId, Duration timeout) {
        StatsProbe.awaitVideoFrames(page, participantId, 1, timeout);
        StatsProbe.awaitVideoRising(page, participantId, 10, timeout);
    }

    @Override
    public void close() {
        if (ownsBrowser) {
            browser.close();
        }
    }

    @Override
    public String toString() {
        return page.label();
    }
}
