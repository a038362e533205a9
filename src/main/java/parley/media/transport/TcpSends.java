package parley.media.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ICE-TCP sends of one writer thread (the media loop, or one {@link Sealer}): frames go into
 * each connection's bounded send buffer as they come, and out to the sockets when the thread
 * flushes its round (one write per connection per round, as UDP sends are batched). A connection
 * whose socket did not take everything stays on the list and is written again at the next flush:
 * the media loop flushes at least every tick, a sealer at least every few milliseconds while
 * bytes wait. Not thread-safe: its thread only.
 */
final class TcpSends {
    private final MediaCounters counters;
    private final List<TcpLink> queued = new ArrayList<>();

    TcpSends(MediaCounters counters) {
        this.counters = counters;
    }

    /** Queues one frame on {@code link}; a frame the send buffer cannot take whole is dropped and counted. */
    void send(TcpLink link, byte[] buf, int off, int len) {
        if (link.isClosed()) {
            counters.sendErrors.increment();
            return;
        }
        if (!link.out().offer(buf, off, len)) {
            counters.tcpFramesDropped.increment();
            return;
        }
        counters.packetsSent.increment();
        if (!link.queuedForWrite) {
            link.queuedForWrite = true;
            queued.add(link);
        }
    }

    /** Writes what each connection's socket takes now; keeps those with bytes left for the next flush. */
    void flush() {
        if (queued.isEmpty()) return;
        int kept = 0;
        for (int i = 0; i < queued.size(); i++) {
            TcpLink link = queued.get(i);
            boolean keep = false;
            if (!link.isClosed()) {
                try {
                    link.out().writeTo(link.channel());
                    keep = !link.out().isEmpty();
                } catch (IOException e) {
                    // The loop sees the broken connection when it reads; until then nothing more goes out.
                    counters.sendErrors.increment();
                }
            }
            if (keep) queued.set(kept++, link);
            else link.queuedForWrite = false;
        }
        queued.subList(kept, queued.size()).clear();
    }

    /** Whether some connection still has bytes its socket did not take. */
    boolean hasPending() {
        return !queued.isEmpty();
    }
}
