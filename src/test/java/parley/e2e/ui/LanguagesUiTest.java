package parley.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;
import parley.e2e.ui.Ui.Role;
import parley.e2e.ui.Ui.Where;
import parley.e2e.ux.Axe;

/**
 * Issue 13, languages (web/i18n.js): a Chromium whose languages are Spanish ({@code
 * --accept-lang=es-ES,es}, which headless Chromium gives to navigator.languages) gets the
 * client in Spanish and is driven by its Spanish accessible names; the Language switch on the
 * welcome page, the pre-join, lobby and end screens and in Settings changes every name at
 * once, without a reload, keeping what was typed and chosen; Arabic turns the
 * page right to left and mirrors the meeting (compared with an English tab in the same
 * meeting), with no serious axe-core finding. One server, one Chromium, two tabs.
 */
@Tag("e2e")
class LanguagesUiTest {
    @RegisterExtension
    static final ParleyServerExtension server = ParleyServerExtension.onLoopback();

    private static Cast cast;
    private static Ui page;

    @BeforeAll
    static void startASpanishBrowser() {
        cast = Cast.start(List.of("--accept-lang=es-ES,es"), "ana");
        page = cast.person(0, "Ana").ui();
    }

    /**
     * Each test starts from the browser's own language, with no saved choice, and no pre-join
     * choices remembered from an earlier test (one joined with the microphone off).
     */
    @BeforeEach
    void forgetTheSavedChoices() {
        page.open(server.home());
        page.js("localStorage.removeItem('parley.language'); localStorage.removeItem('parley.prefs')");
        page.open(server.home());
        page.awaitState("welcome");
    }

    @AfterEach
    void closePages() {
        cast.closePages();
    }

    @AfterAll
    static void closeTheBrowserAndCheckTheLog() {
        if (cast != null) {
            cast.closeAndCheckLog(server);
        }
    }

    @Test
    void aSpanishBrowserJoinsMutesChatsSwitchesToGermanInSettingsAndLeaves() {
        assertEquals("es", page.js("return document.documentElement.lang"));
        page.await(Role.HEADING, "Videollamadas sin cuentas");
        cast.remember(page.value("Nombre de la reunión"));
        page.click("Iniciar reunión");
        page.awaitState("prejoin");
        page.await(Role.HEADING, "¿Listo para entrar?");
        page.type("Tu nombre", "Ana Lucía");
        page.tick("Entrar con la cámara apagada");
        page.click("Unirse a la reunión");
        page.awaitState("joined");

        page.click("Silenciar micrófono");
        page.await(Role.BUTTON, "Activar micrófono");
        page.click("Chat");
        page.await(Role.REGION, "Chat");
        page.type("Mensaje", "¡Hola a todos!");
        page.click("Enviar");
        awaitChat("¡Hola a todos!");

        page.click("Configuración");
        page.await(Role.REGION, "Configuración");
        switchLanguage("Idioma", "Deutsch");
        // At once, no reload: the toolbar, the reopened dialog and <html lang> are German, and
        // the meeting (muted microphone, chat) is the same one.
        page.await(Role.REGION, "Einstellungen");
        assertEquals("de", page.js("return document.documentElement.lang"));
        assertEquals("joined", page.state());
        assertEquals("Deutsch", new Select(page.field("Sprache")).getFirstSelectedOption().getText());
        page.click(Where.region("Einstellungen"), "Fertig");
        page.await(Role.BUTTON, "Mikrofon einschalten");
        page.click("Chat");
        awaitChat("¡Hola a todos!");
        page.click("Besprechung verlassen");
        page.awaitState("left");
        page.await(Role.HEADING, "Du hast die Besprechung verlassen");
    }

    @Test
    void switchingToGermanOnTheWelcomePageRenamesEverythingAtOnce() {
        page.await(Role.HEADING, "Videollamadas sin cuentas");
        Object loads = page.js("return performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin");
        switchLanguage("Idioma", "Deutsch");
        page.await(Role.HEADING, "Videokonferenzen ohne Konto");
        page.await(Role.BUTTON, "Besprechung starten");
        assertTrue(page.hasField("Name der Besprechung"));
        assertEquals("de", page.js("return document.documentElement.lang"));
        assertEquals(loads, page.js("return performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin"),
                "the page was not loaded again");
        assertEquals(List.of("English", "Español", "Deutsch", "العربية"),
                page.js("return [...document.querySelectorAll('select[data-setting=language] option')].map((o) => o.textContent)"));
        assertEquals(List.of("en", "es", "de", "ar"),
                page.js("return [...document.querySelectorAll('select[data-setting=language] option')].map((o) => o.lang)"),
                "each language named in itself, with its lang attribute");

        page.open(server.home());
        page.await(Role.HEADING, "Videokonferenzen ohne Konto"); // the choice is kept in this browser
    }

    @Test
    void arabicMirrorsTheMeetingAndStaysAccessible() {
        switchLanguage("Idioma", "English");
        page.await(Role.HEADING, "Video meetings without accounts");
        String link = server.link(cast.newRoom());
        String english = page.currentTab();
        join(link, "Your name", "Ana Lucía", "Start with camera off", "Join meeting");
        page.click("Participants");
        page.await(Role.REGION, "Participants");
        Map<String, Object> ltr = layout();

        page.openTab();
        page.open(server.home());
        switchLanguage("Language", "العربية");
        page.awaitState("welcome");
        Poll.until("the page turning right to left", Ui.TIMEOUT, () -> "rtl".equals(page.js("return document.documentElement.dir")));
        assertEquals("ar", page.js("return document.documentElement.lang"));
        assertClean("welcome page in Arabic", page.axe("document"));
        join(link, "اسمك", "Layla ليلى", "الانضمام والكاميرا مغلقة", "الانضمام إلى الاجتماع");
        page.click("المشاركون");
        page.await(Role.REGION, "المشاركون");
        Map<String, Object> rtl = layout();

        double width = number(ltr, "width");
        assertEquals(width, number(rtl, "width"), 1, "both tabs have the same window");
        // The bar may wrap onto several rows: compare within its first group and with the middle.
        assertTrue(number(ltr, "mic") < number(ltr, "camera") && number(ltr, "mic") < width / 2, "English: the bar starts on the left " + ltr);
        assertTrue(number(rtl, "mic") > number(rtl, "camera") && number(rtl, "mic") > width / 2, "Arabic: the bar starts on the right " + rtl);
        assertTrue(number(ltr, "panel") > number(ltr, "stage"), "English: the panel on the right " + ltr);
        assertTrue(number(rtl, "panel") < number(rtl, "stage"), "Arabic: the panel on the left " + rtl);
        assertTrue(number(ltr, "self") > number(ltr, "stage"), "English: self view in the stage's right corner " + ltr);
        assertTrue(number(rtl, "self") < number(rtl, "stage"), "Arabic: self view in the stage's left corner " + rtl);
        assertEquals("rtl", page.js("return getComputedStyle(document.querySelector('.toolbar')).direction"));
        assertClean("meeting in Arabic with the participants panel", page.axe("document"));

        page.useTab(english);
        assertEquals("en", page.js("return document.documentElement.lang"), "a page already open keeps its language");
        page.await(Role.BUTTON, "Mute microphone");
    }

    /**
     * Someone who reads Spanish opens an English pre-join screen, types their name and
     * chooses their devices, then switches to Español there: the screen is Spanish at once,
     * the name and choices are still there, the microphone and camera were not asked for
     * again, and the meeting they join is Spanish.
     */
    @Test
    void switchingToSpanishOnThePrejoinScreenKeepsTheNameAndDevicesAndTheMeetingIsSpanish() {
        switchLanguage("Idioma", "English");
        page.await(Role.HEADING, "Video meetings without accounts");
        page.open(server.link(cast.newRoom()));
        page.awaitState("prejoin");
        page.await(Role.HEADING, "Ready to join?");
        page.type("Your name", "Ana Lucía");
        page.tick("Start with microphone off");
        page.tick("Start with camera off");
        Poll.until("the microphones listed", Ui.TIMEOUT, () -> !new Select(page.field("Microphone")).getAllSelectedOptions().isEmpty());
        String microphone = new Select(page.field("Microphone")).getFirstSelectedOption().getText();
        page.js("""
                const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
                window.devicesOpened = 0;
                navigator.mediaDevices.getUserMedia = (constraints) => { window.devicesOpened += 1; return open(constraints); };""");

        switchLanguage("Language", "Español");
        page.await(Role.HEADING, "¿Listo para entrar?");
        assertEquals("es", page.js("return document.documentElement.lang"));
        assertEquals("prejoin", page.state());
        assertEquals("Ana Lucía", page.value("Tu nombre"), "the typed name is kept");
        assertTrue(page.field("Entrar con el micrófono apagado").isSelected(), "microphone off is kept");
        assertTrue(page.field("Entrar con la cámara apagada").isSelected(), "camera off is kept");
        assertEquals(microphone, new Select(page.field("Micrófono")).getFirstSelectedOption().getText(), "the microphone chosen is kept");
        assertEquals(0L, ((Number) page.js("return window.devicesOpened")).longValue(), "the devices were not opened again");
        Poll.until("the focus back on the language switch", Ui.TIMEOUT, () -> "language".equals(page.js("return document.activeElement.name")));
        assertClean("pre-join screen switched to Spanish", page.axe("document"));

        page.click("Unirse a la reunión");
        page.awaitState("joined");
        page.await(Role.BUTTON, "Activar micrófono"); // joined muted, as chosen, and in Spanish
        page.await(Role.BUTTON, "Salir de la reunión");
        assertEquals("es", page.js("return document.documentElement.lang"));
    }

    /**
     * A guest waiting in the lobby switches to German there: the waiting screen is German and
     * still waiting; once admitted, the meeting is German; when they leave, the end screen
     * has the switch too (Español).
     */
    @Test
    void aGuestInTheLobbySwitchesToGermanAndIsAdmittedIntoAGermanMeeting() {
        switchLanguage("Idioma", "English");
        page.await(Role.HEADING, "Video meetings without accounts");
        String link = server.link(cast.newRoom());
        Person host = cast.person(0, "Hana");
        host.joins(link);
        host.enablesLobby();
        String hostTab = page.openTab();
        String guestTab = page.currentTab();
        Person guest = cast.person(0, "Gustav");
        guest.knocks(link);
        page.await(Role.HEADING, "Waiting for a moderator to let you in");

        switchLanguage("Language", "Deutsch");
        page.await(Role.HEADING, "Warten auf Einlass durch die Moderation");
        assertEquals("de", page.js("return document.documentElement.lang"));
        assertEquals("lobby", page.state(), "still waiting in the lobby");
        assertClean("lobby switched to German", page.axe("document"));

        page.useTab(hostTab);
        host.admits(guest);
        page.useTab(guestTab);
        page.awaitState("joined");
        page.await(Role.BUTTON, "Besprechung verlassen");
        page.click("Besprechung verlassen");
        page.awaitState("left");
        page.await(Role.HEADING, "Du hast die Besprechung verlassen");
        switchLanguage("Sprache", "Español");
        page.await(Role.HEADING, "Saliste de la reunión");
        assertEquals("left", page.state());
        assertClean("end screen switched to Spanish", page.axe("document"));

        page.useTab(hostTab);
        page.open("about:blank");
        page.useTab(guestTab);
    }

    /**
     * Picks a language in the switch labelled {@code label}, once: the page renders itself
     * again at once in the new language, so the old select is gone afterwards (Ui.choose
     * would look for it again to check).
     */
    private static void switchLanguage(String label, String language) {
        new Select(page.field(label)).selectByVisibleText(language);
    }

    /** Opens a meeting link and joins with the camera off, by the names of the page's language. */
    private static void join(String link, String nameLabel, String name, String cameraOff, String joinButton) {
        page.open(link);
        page.awaitState("prejoin");
        page.type(nameLabel, name);
        page.tick(cameraOff);
        page.click(joinButton);
        page.awaitState("joined");
    }

    /**
     * Where things are, as the horizontal centres of their boxes (CSS px): the microphone and
     * camera buttons, the open side panel, the stage, the self view; and the window's width.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> layout() {
        return Poll.await("the meeting laid out with the self view and a panel", Ui.TIMEOUT, () -> (Map<String, Object>) page.js("""
                const centre = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return r.width ? r.left + r.width / 2 : null; };
                return {
                  width: document.documentElement.clientWidth,
                  mic: centre(document.querySelector('[data-tool=mic]')),
                  camera: centre(document.querySelector('[data-tool=camera]')),
                  panel: centre(document.querySelector('aside.panel:not([hidden])')),
                  stage: centre(document.querySelector('main.stage')),
                  self: centre(document.querySelector('.self-view:not([hidden])')),
                };"""), m -> m.values().stream().allMatch(v -> v != null));
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private static void awaitChat(String text) {
        Poll.await("the chat showing " + text, Ui.TIMEOUT, () -> page.itemTexts(new Where(Role.LOG, null)),
                items -> items.stream().anyMatch(i -> i.contains(text)));
    }

    private static void assertClean(String screen, List<Axe.Violation> violations) {
        violations.forEach(v -> System.out.println("axe on " + screen + ": " + v));
        assertEquals(List.of(), violations.stream().filter(Axe.Violation::blocking).toList(),
                "serious or critical axe findings on the " + screen);
    }
}
