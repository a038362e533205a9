package parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Reads a page's end-to-end encryption state through {@code window.parley.e2ee}
 * (docs/e2ee.md, "Test hooks"): the own KID, the frame counters of the worker, and what the
 * page knows of a peer (the emoji, verification, a key that did not unwrap). No key material
 * ever crosses.
 */
public final class E2eeProbe {
    private E2eeProbe() {}

    /** Makes the page look like a browser without encoded transforms (before clicking Join). */
    public static void removeEncodedTransforms(Page page) {
        page.run("delete window.RTCRtpScriptTransform; delete RTCRtpSender.prototype.createEncodedStreams;"
                + " delete RTCRtpReceiver.prototype.createEncodedStreams; return true;");
    }

    /** Leaves only Chromium's older API (createEncodedStreams), so that both paths are exercised. */
    public static void removeScriptTransform(Page page) {
        page.run("delete window.RTCRtpScriptTransform; return true;");
    }

    /** Records every frame the page's WebSockets send from now on (call before joining), for {@link #sentFrames}. */
    public static void recordSignaling(Page page) {
        page.run("const send = WebSocket.prototype.send; window.__sentFrames = [];"
                + " WebSocket.prototype.send = function (data) { window.__sentFrames.push(String(data)); return send.call(this, data); };"
                + " return true;");
    }

    /** What the page sent to the server since {@link #recordSignaling}, one JSON text per frame. */
    public static java.util.List<String> sentFrames(Page page) {
        java.util.List<String> out = new java.util.ArrayList<>();
        page.eval("window.__sentFrames ?? []").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The worker's counters: encrypted, sentClear, droppedNoKey, decrypted, decryptFailed, receivedClear, droppedUnknownKid, sendKid. */
    public static JsonNode counters(Page page) {
        return page.eval("window.parley.e2ee.stats()");
    }

    /**
     * Checks that {@code c} encrypted and decrypted frames, sent none in clear, and was
     * forwarded none in clear (every frame that reached its receivers carried the trailer);
     * prints the counters.
     */
    public static void assertEncryptedBothWays(MeetingClient c) {
        JsonNode n = counters(c.page());
        System.out.println(c + " e2ee counters: " + n);
        org.junit.jupiter.api.Assertions.assertTrue(n.path("encrypted").asLong() > 0, c + " encrypted nothing: " + n);
        org.junit.jupiter.api.Assertions.assertEquals(0, n.path("sentClear").asLong(), c + " sent a clear frame: " + n);
        org.junit.jupiter.api.Assertions.assertTrue(n.path("decrypted").asLong() > 0, c + " decrypted nothing: " + n);
        org.junit.jupiter.api.Assertions.assertEquals(0, n.path("receivedClear").asLong(),
                "the SFU forwarded a clear frame to " + c + ": " + n);
    }

    public static long kid(Page page) {
        return page.eval("window.parley.e2ee.kid").asLong();
    }

    /** {generation, step} of the own KID (docs/e2ee.md, "Key ids"). */
    public static long generation(long kid) {
        return (kid / 256) % 256;
    }

    public static long step(long kid) {
        return kid % 256;
    }

    /** What the page shows of a peer: {sas: {emoji, words}, verified, hasKey, failed}, or null. */
    public static JsonNode peer(Page page, String participantId) {
        return page.call("(id) => window.parley.e2ee.peer(id)", participantId);
    }

    /** Waits until the page has the peer's public key (its emoji); returns the words. */
    public static String awaitSas(Page page, String participantId, Duration timeout) {
        return Poll.await(page.label() + " showing emoji for " + participantId, timeout,
                () -> peer(page, participantId), p -> !p.isNull()).at("/sas/words").asText();
    }

    /** Waits until the page's own KID satisfies {@code condition}; returns it. */
    public static long awaitKid(Page page, String what, Duration timeout, java.util.function.LongPredicate condition) {
        return Poll.await(page.label() + " " + what, timeout, () -> kid(page), condition::test);
    }
}
