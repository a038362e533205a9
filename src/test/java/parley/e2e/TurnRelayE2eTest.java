package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The network that lets only a relay through, played on loopback: a real coturn with the
 * TURN REST API ({@code use-auth-secret}, a secret random per run) and a Parley server with
 * {@code --turn}, {@code --turn-secret} and {@code --ice-transport-policy relay}, so that the
 * browsers may use no path but coturn's. Two Chromiums see and hear each other through it;
 * with a wrong secret, no media flows and the page says so; given only a {@code turns:} URI
 * (TURN over TLS, what a network that lets only TLS on 443 out needs), their media goes
 * over TLS to coturn. The Chromiums check certificates as a user's do (no
 * --ignore-certificate-errors): they trust a CA the test makes ({@link TestCa}), which signed
 * both Parley's and coturn's certificate for 127.0.0.1.
 */
@Tag("e2e")
class TurnRelayE2eTest {
    private static final String SECRET = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
    private static final int TURN_PORT = Coturn.freePort();
    private static final int TURNS_PORT = Coturn.freePort();
    private static final TestCa CA = TestCa.create();
    /** Both transports a browser may reach coturn over; TURN over TCP is what a TLS-only network needs (turns: in production). */
    private static final String TURN_URIS = "turn:127.0.0.1:" + TURN_PORT + "?transport=udp,turn:127.0.0.1:" + TURN_PORT + "?transport=tcp";
    private static final String ROOM = "relay-only-" + Long.toString(System.nanoTime(), 36);
    private static final String ADA = "Ada Relayed";
    private static final String BO = "Bo Relayed";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.onLoopback()
            .withSetting("turn", TURN_URIS)
            .withSetting("turn-secret", SECRET)
            .withSetting("ice-transport-policy", "relay")
            .withSetting("cert", CA.cert().toString())
            .withSetting("key", CA.key().toString());

    private static Coturn coturn;
    private static ChromiumSession adaBrowser;
    private static ChromiumSession boBrowser;
    /** Every TURN username the browsers were given: they must not reach Parley's log either. */
    private static final List<String> usernames = new ArrayList<>();

    @BeforeAll
    static void startCoturnAndBrowsers() {
        if (PARLEY.skipped()) {
            return;
        }
        coturn = Coturn.start(TURN_PORT, SECRET, new Coturn.Tls(TURNS_PORT, CA.cert(), CA.key()));
        List<ChromiumSession> browsers = Browsers.trustingChromiums(2, CA);
        adaBrowser = browsers.get(0);
        boBrowser = browsers.get(1);
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable c : new AutoCloseable[] {adaBrowser, boBrowser, coturn, CA}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
        List<String> secrets = new ArrayList<>(List.of(ROOM, ADA, BO, SECRET));
        secrets.addAll(usernames);
        PARLEY.assertLogNeverHeld(secrets.toArray(String[]::new));
    }

    @Test
    void relayOnlyBrowsersSeeAndHearEachOtherThroughCoturn(ServerHandle server) {
        String link = server.roomUrl("127.0.0.1", ROOM);
        MeetingClient ada = MeetingClient.in(adaBrowser.page()).joinMeeting(link, ADA);
        MeetingClient bo = MeetingClient.in(boBrowser.page()).joinMeeting(link, BO);
        ada.awaitSeesAndHears(bo);
        bo.awaitSeesAndHears(ada);
        for (MeetingClient c : List.of(ada, bo)) {
            JsonNode ice = ice(c.page());
            System.out.println(c + ": " + ice);
            String username = ice.path("username").asText();
            usernames.add(username);
            assertEquals("relay", ice.path("policy").asText(), c + ": " + ice);
            assertEquals("succeeded", ice.path("pair").path("state").asText(), c + ": " + ice);
            assertEquals("relay", ice.path("pair").path("localType").asText(), c + " uses another path: " + ice);
            List<String> local = new ArrayList<>();
            ice.path("localTypes").forEach(t -> local.add(t.asText()));
            assertTrue(local.stream().allMatch(t -> t.startsWith("relay/")), c + " gathered more than relays: " + ice);
            // Both turn: URIs are offered; which allocations a loaded machine finishes before the
            // media flows varies (a run gathered TCP relays only), so one relay is the proof.
            assertTrue(!local.isEmpty(), c + " gathered no relay: " + ice);
            assertTrue(coturn.allocations(username) >= 1,
                    "coturn allocated nothing for " + c + "'s " + username + "; its log ends:\n" + coturn.tail(40));
        }
        System.out.println("coturn allocations: " + usernames.stream().map(u -> u + "=" + coturn.allocations(u)).toList());
    }

    @Test
    void withAnotherSecretNoMediaFlowsAndThePageSaysSo() {
        ServerSpec spec = ServerSpec.onFreePorts(List.of("127.0.0.1"))
                .withSetting("turn", TURN_URIS)
                .withSetting("turn-secret", "not-" + SECRET)
                .withSetting("ice-transport-policy", "relay")
                .withSetting("cert", CA.cert().toString())
                .withSetting("key", CA.key().toString());
        try (ServerHandle wrong = TestServer.start(spec)) {
            Page page = adaBrowser.page();
            MeetingClient.in(page).joinMeeting(wrong.roomUrl("127.0.0.1", ROOM + "-wrong"), ADA);
            String username = ice(page).path("username").asText();
            usernames.add(username);
            Poll.until("coturn refusing " + username, TIMEOUT, () -> coturn.refusals(username) >= 1);
            // A relay-only browser whose relay refuses it has no candidate at all, so its peer
            // connection stays "new" and never "failed" (what the client's "cannot reach the
            // server" notice waits for); the server notices instead and sends media-failed.
            Poll.until("the notice that the media connection failed", TIMEOUT, () -> page.eval(
                    "document.body.innerText.includes('The audio and video connection failed.')").asBoolean());
            JsonNode ice = ice(page);
            System.out.println("with a wrong secret: " + ice + ", coturn refusals " + coturn.refusals(username));
            assertEquals(0, coturn.allocations(username), "coturn allocated with a wrong credential");
            assertEquals(0, ice.path("localTypes").size(), "candidates without a relay: " + ice);
            wrong.logs().assertNoneContain(ROOM, ADA, username, SECRET, "127.0.0.1");
        }
    }

    @Test
    void overTlsTheMediaGoesThroughCoturnsTlsListenerWhoseCertificateChromiumChecks() {
        ServerSpec spec = ServerSpec.onFreePorts(List.of("127.0.0.1"))
                .withSetting("turn", "turns:127.0.0.1:" + TURNS_PORT + "?transport=tcp")
                .withSetting("turn-secret", SECRET)
                .withSetting("ice-transport-policy", "relay")
                .withSetting("cert", CA.cert().toString())
                .withSetting("key", CA.key().toString());
        try (ServerHandle tls = TestServer.start(spec)) {
            String link = tls.roomUrl("127.0.0.1", ROOM + "-tls");
            MeetingClient ada = MeetingClient.in(adaBrowser.page()).joinMeeting(link, ADA);
            MeetingClient bo = MeetingClient.in(boBrowser.page()).joinMeeting(link, BO);
            ada.awaitSeesAndHears(bo);
            bo.awaitSeesAndHears(ada);
            for (MeetingClient c : List.of(ada, bo)) {
                JsonNode ice = ice(c.page());
                System.out.println(c + " over TLS: " + ice);
                String username = ice.path("username").asText();
                usernames.add(username);
                assertEquals("relay", ice.path("pair").path("localType").asText(), c + " uses another path: " + ice);
                assertEquals("tls", ice.path("pair").path("relayProtocol").asText(), c + " reaches coturn otherwise: " + ice);
                assertTrue(coturn.tlsSessions(username) >= 1,
                        "coturn saw no TLS session of " + c + "'s " + username + "; its log ends:\n" + coturn.tail(40));
            }
            // The same coturn and certificate, asked for by an address the certificate does not
            // name (127.0.0.2 is loopback too): Chromium refuses the TLS connection, so it checks.
            JsonNode misnamed = gather(ada.page(), "turns:127.0.0.2:" + TURNS_PORT + "?transport=tcp");
            JsonNode named = gather(ada.page(), "turns:127.0.0.1:" + TURNS_PORT + "?transport=tcp");
            System.out.println("gathering through turns: by another address " + misnamed + ", by its own " + named);
            assertEquals(0, misnamed.path("relays").asInt(), "a relay over TLS to a name not in coturn's certificate: " + misnamed);
            assertTrue(named.path("relays").asInt() >= 1, "no relay over TLS by coturn's own address: " + named);
            tls.logs().assertNoneContain(ROOM, ADA, BO, SECRET, "127.0.0.1");
        }
    }

    /**
     * Relay candidates a fresh peer connection in {@code page} gathers through {@code uri} alone,
     * with the TURN credential the page was given, and the errors it reports.
     */
    private static JsonNode gather(Page page, String uri) {
        return page.call("""
                async (uri) => {
                const given = window.parley.pc.getConfiguration().iceServers[0];
                const pc = new RTCPeerConnection({ iceTransportPolicy: 'relay',
                  iceServers: [{ urls: [uri], username: given.username, credential: given.credential }] });
                const errors = [];
                let relays = 0;
                pc.onicecandidateerror = (e) => errors.push(e.errorCode);
                const done = new Promise((resolve) => {
                  pc.onicecandidate = (e) => { if (!e.candidate) resolve(); else if (e.candidate.type === 'relay') relays++; };
                });
                pc.createDataChannel('probe');
                await pc.setLocalDescription(await pc.createOffer());
                await Promise.race([done, new Promise((r) => setTimeout(r, 20000))]);
                pc.close();
                return { relays, errors, state: pc.iceGatheringState };
                }""", uri);
    }

    /**
     * What the page's peer connection was given and chose: TURN username and policy from its
     * configuration, the types of its local candidates, and the selected pair.
     */
    private static JsonNode ice(Page page) {
        return page.run("""
                const pc = window.parley.pc;
                if (!pc) return null;
                const config = pc.getConfiguration();
                const report = await pc.getStats();
                const localTypes = [];
                let pair = null;
                report.forEach((s) => {
                  if (s.type === 'local-candidate') localTypes.push(s.candidateType + '/' + (s.relayProtocol ?? s.protocol));
                  if (s.type === 'transport' && s.selectedCandidatePairId) {
                    const p = report.get(s.selectedCandidatePairId);
                    const local = p && report.get(p.localCandidateId);
                    pair = p && { state: p.state, localType: local?.candidateType, relayProtocol: local?.relayProtocol,
                      bytesReceived: p.bytesReceived };
                  }
                });
                return { username: config.iceServers?.[0]?.username ?? null, policy: config.iceTransportPolicy,
                  localTypes, pair, connectionState: pc.connectionState };
                """);
    }
}
