package parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the web client's test API through a {@link Page} and waits on it.
 *
 * <p>The client exposes {@code window.parley} with {@code state}, {@code participantId}
 * and {@code async stats()} returning
 * {@code {inbound: [{trackId, participantId, kind, framesDecoded, frameWidth, frameHeight,
 * totalAudioEnergy, audioLevel, packetsLost, nackCount, bytesReceived}], outbound: [...]}}.
 * Failures quote the last stats JSON seen.
 */
public final class StatsProbe {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private StatsProbe() {}

    /** One received track, as reported by {@code window.parley.stats()}; absent numbers are 0. */
    public record Inbound(String trackId, String participantId, String kind, long framesDecoded,
                          int frameWidth, int frameHeight, double totalAudioEnergy, double audioLevel,
                          long packetsLost, long nackCount, long bytesReceived) {
        static Inbound of(JsonNode n) {
            return new Inbound(n.path("trackId").asText(null), n.path("participantId").asText(null),
                    n.path("kind").asText(null), n.path("framesDecoded").asLong(0),
                    n.path("frameWidth").asInt(0), n.path("frameHeight").asInt(0),
                    n.path("totalAudioEnergy").asDouble(0), n.path("audioLevel").asDouble(0),
                    n.path("packetsLost").asLong(0), n.path("nackCount").asLong(0),
                    n.path("bytesReceived").asLong(0));
        }
    }

    /** {@code window.parley.state}, or null when the client has not set up its test API yet. */
    public static String state(Page page) {
        JsonNode v = page.eval("window.parley ? window.parley.state : null");
        return v.isNull() ? null : v.asText();
    }

    /** {@code window.parley.participantId}, or null before joining. */
    public static String participantId(Page page) {
        JsonNode v = page.eval("window.parley ? window.parley.participantId : null");
        return v.isNull() ? null : v.asText();
    }

    /** The raw result of {@code await window.parley.stats()}. */
    public static JsonNode stats(Page page) {
        return page.eval("window.parley.stats()");
    }

    /** The inbound entries of a stats result. */
    public static List<Inbound> inbound(JsonNode stats) {
        List<Inbound> out = new ArrayList<>();
        stats.path("inbound").forEach(n -> out.add(Inbound.of(n)));
        return out;
    }

    /** Waits until {@code window.parley.state} equals {@code state}. */
    public static void awaitState(Page page, String state, Duration timeout) {
        Poll.await(page.label() + " reaching state " + state, timeout, () -> state(page), state::equals);
    }

    /** Waits until the stats satisfy {@code condition}; returns those stats. */
    public static JsonNode awaitStats(Page page, String what, Duration timeout, Predicate<JsonNode> condition) {
        return Poll.await(page.label() + ": " + what, timeout, () -> stats(page), condition, JsonNode::toString);
    }

    /** Waits until one inbound entry satisfies {@code condition}; returns it. */
    public static Inbound awaitInbound(Page page, String what, Duration timeout, Predicate<Inbound> condition) {
        JsonNode stats = awaitStats(page, what, timeout, s -> inbound(s).stream().anyMatch(condition));
        return inbound(stats).stream().filter(condition).findFirst().orElseThrow();
    }

    /** Waits until video from {@code participantId} has decoded at least {@code minFrames} frames. */
    public static Inbound awaitVideoFrames(Page page, String participantId, long minFrames, Duration timeout) {
        return awaitInbound(page, "at least " + minFrames + " video frames decoded from " + participantId, timeout,
                i -> "video".equals(i.kind()) && participantId.equals(i.participantId())
                        && i.framesDecoded() >= minFrames);
    }

    /** Waits until audio from {@code participantId} has a total energy above {@code minEnergy} (non-silent). */
    public static Inbound awaitAudioEnergy(Page page, String participantId, double minEnergy, Duration timeout) {
        return awaitInbound(page, "audio energy above " + minEnergy + " from " + participantId, timeout,
                i -> "audio".equals(i.kind()) && participantId.equals(i.participantId())
                        && i.totalAudioEnergy() > minEnergy);
    }

    /**
     * Waits until video from {@code participantId} decodes {@code moreFrames} frames beyond
     * what it had at the first probe: proves media flows now, not only earlier.
     */
    public static Inbound awaitVideoRising(Page page, String participantId, long moreFrames, Duration timeout) {
        long start = findVideo(stats(page), participantId).map(Inbound::framesDecoded).orElse(0L);
        return awaitVideoFrames(page, participantId, start + moreFrames, timeout);
    }

    /** Waits until no inbound track from {@code participantId} is reported any more. */
    public static void awaitNoInboundFrom(Page page, String participantId, Duration timeout) {
        awaitStats(page, "no inbound track from " + participantId, timeout,
                s -> inbound(s).stream().noneMatch(i -> participantId.equals(i.participantId())));
    }

    private static Optional<Inbound> findVideo(JsonNode stats, String participantId) {
        return inbound(stats).stream()
                .filter(i -> "video".equals(i.kind()) && participantId.equals(i.participantId()))
                .findFirst();
    }
}
