package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two independent WebRTC peers (aiortc, written from docs/protocol.md) meet through Parley
 * and each decodes the other's video and audio: proves the media plane and the document.
 *
 * <p>The peers run in a network namespace and reach the server over the veth: a server
 * bound to 0.0.0.0 answers a STUN check sent to 127.0.0.1 from the kernel's choice of
 * source address, and aiortc (which gathers no loopback candidate) rejects such answers.
 * Skipped until {@link TestServer#startParley} is wired.
 */
@Tag("e2e")
class AiortcInteropE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.withNetNs();

    @Test
    void twoAiortcPeersSeeAndHearEachOther(ServerHandle server, NetNs ns) {
        String url = server.wsUrl(ns.hostAddress());
        String room = "aiortc-interop-" + System.nanoTime();
        AiortcPeer.Options base = AiortcPeer.Options.of(url, room, "peer").withDuration(Duration.ofSeconds(8))
                .inNamespace(ns);
        try (AiortcPeer ada = AiortcPeer.start(base.withMedia(3));
             AiortcPeer bob = AiortcPeer.start(base.withMedia(4))) {
            AiortcSummary adaSaw = ada.awaitSummary();
            AiortcSummary bobSaw = bob.awaitSummary();

            String context = "ada: " + adaSaw + "\nbob: " + bobSaw + "\nada log:\n" + ada.log();
            assertTrue(adaSaw.joined() && bobSaw.joined(), context);
            assertEquals(List.of(), adaSaw.errors(), context);
            assertEquals(List.of(), bobSaw.errors(), context);
            assertTrue(adaSaw.videoFramesFrom(bobSaw.participantId()) > 60, context);
            assertTrue(bobSaw.videoFramesFrom(adaSaw.participantId()) > 60, context);
            assertTrue(adaSaw.audioFramesFrom(bobSaw.participantId()) > 100, context);
            assertTrue(bobSaw.audioFramesFrom(adaSaw.participantId()) > 100, context);
            server.logs().assertNoneContain(room, ns.nsAddress());
        }
    }
}
