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
 * {@code {inbound: [{mid, trackId, participantId, kind, source, framesDecoded, frameWidth,
 * frameHeight, totalAudioEnergy, audioLevel, packetsLost, nackCount, bytesReceived}],
 * outbound: [...]}}: one inbound entry per receive slot that carries something now, named
 * by the server's {@code forwarding} (docs/protocol.md), its counters counted from the
 * moment the slot took that track. So "from participant X" means the slots that carry X's
 * tracks now. Failures quote the last stats JSON seen.
 */
public final class StatsProbe {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private StatsProbe() {}

    /**
     * One receive slot and the track it carries, as reported by {@code window.parley.stats()};
     * absent numbers are 0, an absent mid or source null.
     */
    public record Inbound(String mid, String trackId, String participantId, String kind, String source,
                          long framesDecoded, int frameWidth, int frameHeight, double totalAudioEnergy,
                          double audioLevel, long packetsLost, long nackCount, long bytesReceived) {
        static Inbound of(JsonNode n) {
            return new Inbound(n.path("mid").asText(null), n.path("trackId").asText(null),
                    n.path("participantId").asText(null), n.path("kind").asText(null),
                    n.path("source").asText(null), n.path("framesDecoded").asLong(0),
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

    /**
     * The ICE candidate pair the page's RTCPeerConnection ({@code window.parley.pc}) sends on:
     * the transport's selected pair (Chromium), else the nominated succeeded one (Firefox), as
     * {@code {state, nominated, local: {protocol, address, port, candidateType, tcpType}, remote: {...}}},
     * or null before there is one.
     */
    public static JsonNode selectedCandidatePair(Page page) {
        return page.eval("""
                (async () => {
                  const pc = window.parley.pc;
                  if (!pc) return null;
                  const stats = await pc.getStats();
                  let pair = null;
                  stats.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId); });
                  if (!pair) stats.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
                  if (!pair) return null;
                  const c = (id) => { const x = stats.get(id) ?? {};
                    return { protocol: x.protocol, address: x.address ?? x.ip, port: x.port, candidateType: x.candidateType, tcpType: x.tcpType ?? null }; };
                  return { state: pair.state, nominated: Boolean(pair.nominated), local: c(pair.localCandidateId), remote: c(pair.remoteCandidateId) };
                })()""");
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
        long start = find(stats(page), "video", participantId).map(Inbound::framesDecoded).orElse(0L);
        return awaitVideoFrames(page, participantId, start + moreFrames, timeout);
    }

    /**
     * Waits until audio from {@code participantId} gains {@code moreEnergy} total energy beyond
     * what it had at the first probe: proves sound arrives now, not only earlier.
     */
    public static Inbound awaitAudioRising(Page page, String participantId, double moreEnergy, Duration timeout) {
        double start = find(stats(page), "audio", participantId).map(Inbound::totalAudioEnergy).orElse(0.0);
        return awaitAudioEnergy(page, participantId, start + moreEnergy, timeout);
    }

    /**
     * Waits until nothing more arrives from {@code participantId}: no inbound track from it
     * is reported, or the frames decoded from its video did not change for
     * {@code quietFor}. Returns how long that took.
     */
    public static Duration awaitStoppedFrom(Page page, String participantId, Duration quietFor, Duration timeout) {
        long t0 = System.nanoTime();
        long[] last = {-1, t0};
        Poll.await(page.label() + ": nothing more from " + participantId, timeout, () -> stats(page), s -> {
            Optional<Inbound> video = find(s, "video", participantId);
            boolean gone = inbound(s).stream().noneMatch(i -> participantId.equals(i.participantId()));
            if (gone || video.isEmpty()) {
                return gone;
            }
            long now = System.nanoTime();
            if (video.get().framesDecoded() != last[0]) {
                last[0] = video.get().framesDecoded();
                last[1] = now;
            }
            return now - last[1] >= quietFor.toNanos();
        }, JsonNode::toString);
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Waits until the audio from {@code participantId} is silent (its current audioLevel under 0.001). */
    public static Inbound awaitSilenceFrom(Page page, String participantId, Duration timeout) {
        return awaitInbound(page, "silence from " + participantId, timeout,
                i -> "audio".equals(i.kind()) && participantId.equals(i.participantId()) && i.audioLevel() < 0.001);
    }

    /** Waits until no inbound track from {@code participantId} is reported any more. */
    public static void awaitNoInboundFrom(Page page, String participantId, Duration timeout) {
        awaitStats(page, "no inbound track from " + participantId, timeout,
                s -> inbound(s).stream().noneMatch(i -> participantId.equals(i.participantId())));
    }

    /**
     * The inbound {@code kind} ("audio" or "video") slot carrying {@code participantId} in a
     * stats result; for video their camera when it is received, else their screen.
     */
    public static Optional<Inbound> find(JsonNode stats, String kind, String participantId) {
        return inbound(stats).stream()
                .filter(i -> kind.equals(i.kind()) && participantId.equals(i.participantId()))
                .min(java.util.Comparator.comparing(i -> "screen".equals(i.source())));
    }

    /** The inbound video slot carrying {@code participantId}'s {@code source} ("camera" or "screen"), if any. */
    public static Optional<Inbound> findVideo(JsonNode stats, String participantId, String source) {
        return inbound(stats).stream()
                .filter(i -> "video".equals(i.kind()) && participantId.equals(i.participantId())
                        && source.equals(i.source()))
                .findFirst();
    }
}
