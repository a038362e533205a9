package parley.bench.load;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import parley.bench.load.janus.JanusApi;
import parley.bench.load.janus.JanusException;
import parley.bench.load.janus.JanusSession;

/**
 * A load run's side of Janus: one session for every participant's handle, one videoroom room (made
 * here when missing, its number derived from --room), the publishers' feed ids as their media comes
 * up, and the local address our transports give Janus as their host candidate. Thread-safe.
 */
final class JanusRoom implements AutoCloseable {
    static final String VIDEOROOM = "janus.plugin.videoroom";
    /** The videoroom's "room already exists" error. */
    private static final int ROOM_EXISTS = 427;

    private final JanusSession session;
    private final long room;
    private final InetAddress localAddress;
    /** Publisher index to feed id, once its media is up; guarded by this. */
    private final Map<Integer, Long> feeds = new LinkedHashMap<>();
    private final int publishers;

    private JanusRoom(JanusSession session, long room, InetAddress localAddress, int publishers) {
        this.session = session;
        this.room = room;
        this.localAddress = localAddress;
        this.publishers = publishers;
    }

    /**
     * Opens a session on {@code options.url()} and creates the room for {@code options.publishers()}
     * publishers (Janus's other room settings stay at their defaults).
     */
    static JanusRoom open(LoadOptions options, InetAddress serverHost) throws IOException {
        JanusSession session = JanusSession.open(new JanusApi(options.url()));
        try {
            long room = roomNumber(options.room());
            long handle = session.attach(VIDEOROOM, e -> { });
            Map<String, Object> create = Map.of("request", "create", "room", room, "publishers", options.publishers(),
                    "description", "load " + options.room());
            try {
                session.message(handle, create, null);
            } catch (JanusException e) {
                if (e.code() != ROOM_EXISTS) throw e;
            }
            session.detach(handle);
            return new JanusRoom(session, room, localAddressTowards(serverHost), options.publishers());
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** A room number from the room name: positive and below 2^53 (JSON numbers are doubles in many clients). */
    static long roomNumber(String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) h = 31 * h + name.charAt(i);
        return (h & ((1L << 53) - 1)) | 1;
    }

    /** The local address the kernel would send from towards {@code host} (no packet is sent). */
    private static InetAddress localAddressTowards(InetAddress host) throws IOException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(host, 9));
            return probe.getLocalAddress();
        }
    }

    JanusSession session() {
        return session;
    }

    long room() {
        return room;
    }

    InetAddress localAddress() {
        return localAddress;
    }

    /** Publisher {@code index}'s media is up as feed {@code feed}: subscribers may take it. */
    synchronized void published(int index, long feed) {
        feeds.put(index, feed);
        notifyAll();
    }

    /** Every publisher's feed id in publisher order, once all are up; throws after {@code timeoutMs}. */
    synchronized List<Long> awaitFeeds(long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (feeds.size() < publishers) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) throw new IOException(feeds.size() + " of " + publishers + " publishers up in " + timeoutMs + " ms");
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for publishers");
            }
        }
        List<Long> ordered = new ArrayList<>();
        for (int i = 0; i < publishers; i++) ordered.add(feeds.get(i));
        return ordered;
    }

    @Override
    public void close() {
        session.close();
    }
}
