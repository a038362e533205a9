package parley.record;

import java.util.List;
import java.util.Locale;

/**
 * How the server streams live (--stream-to).
 *
 * @param hosts     the host names (or host:port) streams may go to, lower case; ["*"] for any host
 * @param ffmpeg    the command that runs ffmpeg (the arguments follow it)
 * @param threads   threads ffmpeg may use to encode one stream
 * @param giveUpMs  how long a stream keeps reconnecting to a server that went away before it ends
 */
public record StreamConfig(List<String> hosts, List<String> ffmpeg, int threads, long giveUpMs) {
    public StreamConfig {
        hosts = hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        if (hosts.isEmpty()) throw new IllegalArgumentException("no stream hosts (expected: host names, or *)");
        ffmpeg = List.copyOf(ffmpeg);
        if (threads < 1 || giveUpMs < 1) throw new IllegalArgumentException("threads " + threads + ", giveUpMs " + giveUpMs + " (expected: above 0)");
    }

    /** Debian's ffmpeg at nice 5 (a live stream cannot wait as a composition can), 2 encoder threads, 60 s of reconnecting. */
    public static StreamConfig of(List<String> hosts) {
        return new StreamConfig(hosts, List.of("nice", "-n", "5", "ffmpeg"), 2, 60_000);
    }

    /** Whether {@code host} (and {@code port}, -1 if the URL gives none) may be streamed to. */
    boolean allows(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        return hosts.contains("*") || hosts.contains(h) || port >= 0 && hosts.contains(h + ":" + port);
    }
}
