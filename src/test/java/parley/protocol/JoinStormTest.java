package parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import parley.bench.load.JoinStorm;

/**
 * 500 WebSockets open at once and join 50 rooms, from ten client addresses (127.0.0.2 to
 * 127.0.0.11: 50 each, like ten classes behind ten NATs, within the default per-address
 * limits of 200 open and bursts of 100 upgrades), while two honest participants chat in their
 * own room. Everyone in the storm joins, the front door refuses nobody, and the honest chat
 * loses nothing and stays quick: p99 from Alice's send to Bob's receipt under 2 s. Tagged
 * e2e: it runs in the full suite (CI), not in the fast one.
 */
@Tag("e2e")
@Tag("solo") // run alone (pom.xml, e2e-solo): bounds the honest chat round trip during a storm
class JoinStormTest {
    static final int CLIENTS = Integer.getInteger("parley.storm.clients", 500);
    static final int ROOMS = 50;
    /**
     * While 500 TLS handshakes (the server's and, in this JVM, the storm clients' own) fill both
     * cores of a 2-core machine for a few seconds, an honest message can wait for a core: p50
     * stays at a few ms, the worst of ~36 at 1.1 s (machine otherwise at load 11) to 2.4 s (load
     * 20). The bound is the "short delay" the issue allows, on a machine running nothing else.
     */
    static final long CHAT_P99_BOUND_MS = 2000;

    @Test
    void fiveHundredJoinAtOnceAndTheHonestChatStaysQuick() throws Exception {
        LiveServer server = LiveServer.start();
        try {
            List<InetAddress> storm = new ArrayList<>();
            for (int a = 2; a <= 11; a++) storm.add(InetAddress.ofLiteral("127.0.0." + a));
            JoinStorm.Report r = JoinStorm.run(new JoinStorm.Options(URI.create("https://127.0.0.1:" + server.webPort()),
                    CLIENTS, ROOMS, storm, InetAddress.ofLiteral("127.0.0.1"), Duration.ofSeconds(90)));
            System.out.println(r.toText() + "\nfront door: " + server.refusals());
            assertEquals(List.of(), r.failures(), r.toText() + "; front door: " + server.refusals());
            assertEquals(CLIENTS, r.joined(), r.toText());
            assertEquals(r.chatSent(), r.chatReceived(), "no honest message lost: " + r.toText());
            assertTrue(r.chatSent() >= 10, r.toText());
            assertTrue(r.chatP99Ms() < CHAT_P99_BOUND_MS, r.toText());
            assertEquals(0L, server.refusalsTotal(), "the front door refused nobody");
            server.logs().assertNoneContain("127.0.0.", "storm-", "Guest ", "Alice", "Bob", "ping ");
        } finally {
            server.close();
        }
    }
}
