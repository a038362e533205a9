package parley.e2e.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import parley.e2e.Browsers;
import parley.e2e.ChromiumSession;
import parley.e2e.Json;
import parley.e2e.Poll;

/**
 * One person's browser, driven the way a screen-reader user finds things: buttons, groups,
 * regions and logs by their accessible names, form fields by the text of their
 * {@code <label>}. The browser itself computes every name ({@link WebElement#getAccessibleName});
 * a script only narrows the candidates to elements that are rendered, not inside something
 * hidden or inert, and inside the open modal dialog when there is one (everything else is
 * inert then). Clicks and typing go through WebDriver's element commands (real input events,
 * refused when the element is covered).
 *
 * <p>Every step retries until it succeeds or {@link #TIMEOUT} passes, because the page
 * re-renders lists whenever the meeting changes. Everything typed (of at least
 * {@value #MIN_SECRET_CHARS} characters) is added to the {@code typed} set, which a test class checks against the server's log at the end.
 * Not thread-safe: one test thread drives a Ui.
 */
final class Ui implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Shorter typed text ("team") could turn up in a log line by chance, so it is not checked. */
    private static final int MIN_SECRET_CHARS = 6;
    private static final int MAX_LOADS = 3;

    /** What a person looks for, and the elements that can be it. */
    enum Role {
        BUTTON("button, [role=button]"),
        GROUP("[role=group], fieldset"),
        REGION("aside[aria-labelledby], section[aria-labelledby], [role=region], dialog"),
        LOG("[role=log]"),
        ITEM("li"),
        HEADING("h1, h2, h3"),
        MAIN("main, [role=main]");

        final String selector;

        Role(String selector) {
            this.selector = selector;
        }
    }

    /** A part of the page to look inside: the one element of {@code role} named {@code name} (null: the only one). */
    record Where(Role role, String name) {
        static Where group(String name) {
            return new Where(Role.GROUP, name);
        }

        static Where region(String name) {
            return new Where(Role.REGION, name);
        }

        static Where log(String name) {
            return new Where(Role.LOG, name);
        }
    }

    /** Shared by the scripts: what counts as perceivable, and a cheap guess at a name. */
    private static final String PERCEIVABLE = """
            const norm = (s) => String(s ?? '').replace(/\\s+/g, ' ').trim().toLowerCase();
            const modal = document.querySelector('dialog:modal');
            const rendered = (el) => !el.closest('[hidden], [inert], [aria-hidden="true"]')
                && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
                && (!modal || modal.contains(el));
            """;

    /** (selector, name or null, scope or null) → rendered elements whose name may be {@code name}. */
    private static final String CANDIDATES = PERCEIVABLE + """
            const [selector, name, scope] = arguments;
            const byIds = (ids) => ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
            const guess = (el) => el.getAttribute('aria-labelledby') ? byIds(el.getAttribute('aria-labelledby'))
                : (el.getAttribute('aria-label') ?? ([...(el.labels ?? [])].map((l) => l.textContent).join(' ') || el.textContent));
            const wanted = name == null ? null : norm(name);
            return [...(scope ?? document).querySelectorAll(selector)].filter(rendered)
                .filter((el) => wanted === null || norm(guess(el)).includes(wanted));
            """;

    /** (label text) → the rendered controls of the {@code <label>}s with that text. */
    private static final String LABELLED = PERCEIVABLE + """
            const wanted = norm(arguments[0]);
            return [...document.querySelectorAll('label')].filter((l) => norm(l.textContent) === wanted)
                .map((l) => l.control).filter((c) => c && rendered(c));
            """;

    private final String who;
    private final ChromiumSession browser;
    private final WebDriver driver;
    private final Set<String> typed;

    private Ui(String who, ChromiumSession browser, Set<String> typed) {
        this.who = who;
        this.browser = browser;
        this.driver = browser.driver();
        this.typed = typed;
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /** Starts one headless Chromium per name, in parallel; fake camera i for the i-th. */
    static List<Ui> start(Set<String> typed, String... who) {
        return start(typed, List.of(), who);
    }

    /** As {@link #start(Set, String...)}, each Chromium with extra flags ({@code --accept-lang=es}, say). */
    static List<Ui> start(Set<String> typed, List<String> flags, String... who) {
        List<CompletableFuture<Ui>> starting = Stream.iterate(0, i -> i + 1).limit(who.length)
                .map(i -> CompletableFuture.supplyAsync(() -> new Ui(who[i], Browsers.chromium(i, flags), typed)))
                .toList();
        List<Ui> started = starting.stream().map(CompletableFuture::join).toList();
        System.out.printf("started Chromium for %s in %s ms%n", List.of(who),
                started.stream().map(ui -> ui.browser.startMs()).toList());
        return started;
    }

    /** Resizes the browser window (CSS pixels), as a person dragging its corner would. */
    void windowSize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** {@code window.parley.stats()} (the media statistics, see StatsProbe), as JSON. */
    JsonNode stats() {
        return Json.parse((String) js("return window.parley.stats().then((s) => JSON.stringify(s))"));
    }

    /** For failure messages: whose browser this is. */
    String who() {
        return who;
    }

    /**
     * Loads a page, as typing a link into the address bar does. When Chromium shows its own
     * error page instead (ERR_NETWORK_CHANGED: other tests on this host add and remove network
     * interfaces, and Chromium aborts loads in flight then), loads it again, as a person would.
     */
    void open(String url) {
        for (int attempt = 1; ; attempt++) {
            driver.get(url);
            String problem = (String) js("return location.protocol === 'chrome-error:' ? document.body.innerText : null");
            if (problem == null) {
                return;
            }
            if (attempt == MAX_LOADS) {
                throw new IllegalStateException(who + " could not load " + url + ": " + problem);
            }
            System.out.printf("%s: loading %s again after: %s%n", who, url, problem.replace('\n', ' '));
        }
    }

    /** The path in the address bar, e.g. {@code /velvet-otter-…}. */
    String path() {
        return (String) js("return location.pathname");
    }

    /** The page's screen: starting, welcome, prejoin, joining, lobby, joined, left, kicked, denied, ended, gone (an ended or moved meeting's link). */
    String state() {
        return (String) js("return window.parley ? window.parley.state : null");
    }

    /** This person's participant id in the meeting (null outside one). */
    String participantId() {
        return (String) js("return window.parley ? window.parley.participantId : null");
    }

    /** This person's role in the meeting: host, moderator, participant (null outside one). */
    String role() {
        return (String) js("return window.parley ? window.parley.role : null");
    }

    void awaitState(String expected) {
        Poll.await(who + "'s page in state " + expected, TIMEOUT, this::state, expected::equals,
                state -> state + "; page: " + diagnosis());
    }

    /** Where the page is and what it loaded, for a failure message. */
    String diagnosis() {
        return String.valueOf(js("""
                return JSON.stringify({href: location.href, readyState: document.readyState,
                  text: document.body ? document.body.innerText.slice(0, 300) : null,
                  loaded: performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
                    .map((e) => `${e.name} ${e.responseStatus} ${Math.round(e.duration)}ms`)});
                """));
    }

    /** axe-core's findings (ux.Axe) on the current tab, in the part a script expression gives ("document": all). */
    List<parley.e2e.ux.Axe.Violation> axe(String context) {
        return parley.e2e.ux.Axe.audit((JavascriptExecutor) driver, context);
    }

    /** Runs a synchronous script in the page ({@code arguments[i]} are {@code args}). */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The perceivable elements of {@code role} named exactly {@code name} (null: all), inside {@code where} (null: page). */
    List<WebElement> find(Where where, Role role, String name) {
        WebElement scope = where == null ? null : one(where);
        @SuppressWarnings("unchecked")
        List<WebElement> candidates = (List<WebElement>) js(CANDIDATES, role.selector, name, scope);
        return name == null ? candidates : candidates.stream().filter(el -> name.equals(el.getAccessibleName())).toList();
    }

    List<WebElement> find(Role role, String name) {
        return find(null, role, name);
    }

    /** The one element, or an exception (a probe that {@link Poll} repeats). */
    private WebElement one(Where where) {
        List<WebElement> found = find(null, where.role(), where.name());
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " " + where.role() + " named \"" + where.name()
                    + "\" (expected: one); " + where.role() + " names: " + names(null, where.role()));
        }
        return found.get(0);
    }

    /** Waits for the one element of {@code role} named {@code name} inside {@code where}. */
    WebElement await(Where where, Role role, String name) {
        String what = who + " perceiving the " + role + " \"" + name + "\"" + (where == null ? "" : " in " + where);
        return Poll.await(what, TIMEOUT, () -> find(where, role, name), found -> found.size() == 1,
                found -> found.size() + " found; " + role + " names: " + names(where, role)).get(0);
    }

    WebElement await(Role role, String name) {
        return await(null, role, name);
    }

    /** Whether an element of {@code role} named {@code name} is perceivable now (inside {@code where}). */
    boolean perceives(Where where, Role role, String name) {
        return !find(where, role, name).isEmpty();
    }

    /** The accessible names of every perceivable element of {@code role} inside {@code where}. */
    List<String> names(Where where, Role role) {
        return find(where, role, null).stream().map(WebElement::getAccessibleName).toList();
    }

    /** Clicks the button named {@code name}, once it is perceivable, enabled and uncovered. */
    void click(String name) {
        click(null, name);
    }

    void click(Where where, String name) {
        Poll.until(who + " clicking \"" + name + "\"" + (where == null ? "" : " in " + where), TIMEOUT, () -> {
            List<WebElement> found = find(where, Role.BUTTON, name);
            if (found.size() != 1 || !found.get(0).isEnabled()) {
                return false;
            }
            found.get(0).click();
            return true;
        });
    }

    /** The one perceivable form control whose label reads {@code label}. */
    WebElement field(String label) {
        return Poll.await(who + " finding the field labelled \"" + label + "\"", TIMEOUT, () -> labelled(label),
                found -> found.size() == 1, found -> found.size() + " found").get(0);
    }

    private List<WebElement> labelled(String label) {
        @SuppressWarnings("unchecked")
        List<WebElement> controls = (List<WebElement>) js(LABELLED, label);
        return controls.stream().filter(el -> label.equals(el.getAccessibleName())).toList();
    }

    /** Whether a field labelled {@code label} is perceivable now. */
    boolean hasField(String label) {
        return !labelled(label).isEmpty();
    }

    /** Replaces the text of the field labelled {@code label}, key by key. */
    void type(String label, String text) {
        if (text.length() >= MIN_SECRET_CHARS) {
            typed.add(text);
        }
        Poll.until(who + " typing into \"" + label + "\"", TIMEOUT, () -> {
            WebElement field = field(label);
            field.clear();
            field.sendKeys(text);
            return text.equals(field.getDomProperty("value"));
        });
    }

    /** The current text of the field labelled {@code label}. */
    String value(String label) {
        return field(label).getDomProperty("value");
    }

    /** Ticks the checkbox labelled {@code label} (clicking it, if it is not ticked yet). */
    void tick(String label) {
        Poll.until(who + " ticking \"" + label + "\"", TIMEOUT, () -> {
            WebElement box = field(label);
            if (!box.isSelected()) {
                box.click();
            }
            return box.isSelected();
        });
    }

    /** Picks the option reading {@code option} in the list box labelled {@code label}. */
    void choose(String label, String option) {
        Poll.until(who + " choosing \"" + option + "\" in \"" + label + "\"", TIMEOUT, () -> {
            Select select = new Select(field(label));
            select.selectByVisibleText(option);
            return option.equals(select.getFirstSelectedOption().getText());
        });
    }

    /** The text a screen reader reads after an element's name: its {@code aria-describedby} targets. */
    String description(WebElement element) {
        return (String) js("""
                const ids = (arguments[0].getAttribute('aria-describedby') ?? '').split(/\\s+/).filter(Boolean);
                return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
                """, element);
    }

    /** The visible text of each list item inside {@code where}, in order. */
    List<String> itemTexts(Where where) {
        return find(where, Role.ITEM, null).stream().map(WebElement::getText).toList();
    }

    /** The visible text of the perceivable alerts (form errors, refusals), joined by newlines. */
    String alerts() {
        return (String) js(PERCEIVABLE + """
                return [...document.querySelectorAll('[role=alert]')].filter(rendered)
                    .map((el) => el.innerText.trim()).filter(Boolean).join('\\n');
                """);
    }

    /** Everything the page shows as text (for the few checks about a whole screen). */
    String pageText() {
        return (String) js("return document.body.innerText");
    }

    /** How many {@code <img>} elements in the document have exactly this {@code src} attribute. */
    long imagesWithSrc(String src) {
        return (Long) js("return [...document.images].filter((img) => img.getAttribute('src') === arguments[0]).length", src);
    }

    /**
     * Taps the page's signaling: the WebSockets it opens from now on are kept (to send raw
     * protocol messages through the person's own connection) and the {@code error} messages
     * they receive are recorded. Call it before "Join meeting".
     */
    void tapSignaling() {
        js("""
                if (window.uiTap) return;
                window.uiTap = { sockets: [], errors: [] };
                const send = WebSocket.prototype.send;
                WebSocket.prototype.send = function (data) {
                  if (!window.uiTap.sockets.includes(this)) {
                    window.uiTap.sockets.push(this);
                    this.addEventListener('message', (event) => {
                      const message = JSON.parse(event.data);
                      if (message.type === 'error') window.uiTap.errors.push(message);
                    });
                  }
                  return send.call(this, data);
                };
                """);
    }

    /** Sends {@code json} as it is on the newest tapped connection. */
    void sendRaw(String json) {
        js("window.uiTap.sockets.at(-1).send(arguments[0])", json);
    }

    /** The {@code error} messages the tapped connections received, as JSON. */
    String tappedErrors() {
        return (String) js("return JSON.stringify(window.uiTap.errors)");
    }

    /** Opens another tab of this browser (same fake devices) and makes it current; returns the tab that was current. */
    String openTab() {
        String was = driver.getWindowHandle();
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        return was;
    }

    /** Makes the page see this prefers-color-scheme ("light", "dark", or "" for the system's), as a system setting would. */
    void emulateColorScheme(String scheme) {
        ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                java.util.Map.of("features", List.of(java.util.Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** The current tab, for {@link #useTab}. */
    String currentTab() {
        return driver.getWindowHandle();
    }

    /** Makes a tab current: every later step acts on it. */
    void useTab(String tab) {
        driver.switchTo().window(tab);
    }

    /** Every later step acts inside the frame whose accessible name (title) is {@code title}, until {@link #leaveFrame}. */
    void enterFrame(String title) {
        List<WebElement> frames = driver.findElements(org.openqa.selenium.By.tagName("iframe")).stream()
                .filter(f -> title.equals(f.getAccessibleName())).toList();
        if (frames.size() != 1) throw new IllegalStateException(who + ": " + frames.size() + " frames named " + title);
        driver.switchTo().frame(frames.get(0));
    }

    void leaveFrame() {
        driver.switchTo().defaultContent();
    }

    @Override
    public void close() {
        browser.close();
    }

    /** Closes the browsers in parallel (each takes a few seconds on a busy machine). */
    static void closeAll(List<Ui> uis) {
        long t0 = System.nanoTime();
        uis.stream().map(ui -> CompletableFuture.runAsync(ui::close)).toList().forEach(CompletableFuture::join);
        System.out.printf("closed Chromium for %s in %d ms%n", uis, (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public String toString() {
        return who;
    }
}
