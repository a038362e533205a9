package parley.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ICE over TCP with Firefox ESR: in a network namespace whose UDP is dropped, it joins a meeting
 * with a Chromium on the host and its media runs over the server's passive TCP candidate; each
 * sees and hears the other. The same proof as {@link IceTcpE2eTest}, for the other engine.
 */
@Tag("e2e")
@Tag("firefox")
class FirefoxIceTcpE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.withNetNs();

    private static final String ROOM = "fox-over-tcp-" + Long.toString(System.nanoTime(), 36);
    private static final String FOX_NAME = "Tamsin Tcp";
    private static final String CHROME_NAME = "Ulrich Udp";

    private static Firefox firefox;
    private static ChromiumSession chromium;

    @BeforeAll
    static void startBrowsers() {
        if (PARLEY.skipped()) {
            return; // the extension skips each test, loudly
        }
        PARLEY.netns().dropUdp();
        firefox = Browsers.firefox(PARLEY.netns());
        chromium = Browsers.chromium(1);
    }

    @AfterAll
    static void stopBrowsersAndCheckTheLog() {
        if (firefox != null) {
            firefox.close();
        }
        if (chromium != null) {
            chromium.close();
        }
        PARLEY.assertLogNeverHeld(ROOM, FOX_NAME, CHROME_NAME);
    }

    @Test
    void firefoxWithoutUdpSeesAndHearsOverTcp(ServerHandle server, NetNs ns) {
        String link = server.roomUrl(ns.hostAddress(), ROOM);
        MeetingClient tamsin = MeetingClient.in(firefox.page()).joinMeeting(link, FOX_NAME);
        MeetingClient ulrich = MeetingClient.in(chromium.page()).joinMeeting(link, CHROME_NAME);

        tamsin.awaitSeesAndHears(ulrich);
        ulrich.awaitSeesAndHears(tamsin);

        IceTcpE2eTest.assertSendsOverTcp(tamsin, server, ns);
    }
}
