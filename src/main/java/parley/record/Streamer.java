package parley.record;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's live streaming: checks a destination against {@link StreamConfig#hosts} and
 * starts {@link LiveStream}s (each with its own thread and ffmpeg). The URL and key are kept only
 * by the stream (and in ffmpeg's arguments); logs name a stream by a random id. Thread-safe.
 */
public final class Streamer {
    private static final Logger LOG = LoggerFactory.getLogger("parley.record");
    /** Longest URL and key taken: real ones are far shorter. */
    public static final int MAX_URL = 1_000;
    public static final int MAX_KEY = 500;

    private final StreamConfig config;
    private final LongSupplier clockMs;
    private final SecureRandom random = new SecureRandom();
    private final Set<LiveStream> running = ConcurrentHashMap.newKeySet();

    /** {@code clockMs}: the media loop's clock (packets carry its times). */
    public Streamer(StreamConfig config, LongSupplier clockMs) {
        this.config = config;
        this.clockMs = clockMs;
    }

    StreamConfig config() {
        return config;
    }

    /** Streams running (reconnecting ones too). */
    public int active() {
        return running.size();
    }

    /**
     * A new stream to {@code url} (rtmp:// or rtmps://) with {@code key} appended as its last path
     * part (empty: the URL holds it), not yet tapping anything: add it to the room's router.
     *
     * @throws IllegalArgumentException with a message for the moderator when the URL is not one, or not allowed here
     */
    public LiveStream start(String url, String key, LiveStreamListener listener) {
        String target = destination(url, key);
        byte[] b = new byte[6];
        random.nextBytes(b);
        LiveStream s = new LiveStream(HexFormat.of().formatHex(b), this, target, List.of(target, url, key), clockMs, listener);
        running.add(s);
        s.start();
        LOG.info("live stream {} started (streams now: {})", s.id(), running.size());
        return s;
    }

    /** The URL ffmpeg sends to; checks scheme, host and what the operator allows. */
    String destination(String url, String key) {
        if (url.length() > MAX_URL || key.length() > MAX_KEY) throw new IllegalArgumentException("the stream URL or key is too long");
        if (key.chars().anyMatch(c -> c <= ' ' || c > '~' || c == '/')) {
            throw new IllegalArgumentException("the stream key has spaces, slashes or characters other than ASCII");
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the stream URL is not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtmp") && !scheme.equals("rtmps")) {
            throw new IllegalArgumentException("the stream URL does not start with rtmp:// or rtmps://");
        }
        if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null && !key.isEmpty()) {
            throw new IllegalArgumentException("the stream URL has no host, or has a user name or a query with a key");
        }
        if (!config.allows(u.getHost(), u.getPort())) {
            throw new IllegalArgumentException("this server does not stream to " + u.getHost() + " (its operator allows only certain services)");
        }
        if (key.isEmpty()) return url;
        return url.endsWith("/") ? url + key : url + "/" + key;
    }

    void ended(LiveStream s) {
        running.remove(s);
    }

    /** Server shutdown: every stream ends (its ffmpeg finishes what it has). */
    public void close() {
        for (LiveStream s : List.copyOf(running)) s.stop();
    }
}
