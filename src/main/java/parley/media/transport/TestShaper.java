package parley.media.transport;

import java.util.ArrayDeque;

/**
 * Test hook: a bottleneck link in front of one client, since this machine's kernel has no
 * netem. Plain RTP packets queue and leave at a fixed rate (encrypted as they leave, so that
 * the transport's sealer keeps its order); a queue longer than the limit drops new packets
 * (drop-tail), so a sender that overshoots sees both delay and loss, as on a real congested
 * downlink. Copies each packet: only for tests. Loop thread only.
 */
final class TestShaper {
    private record Queued(byte[] bytes, int length) {}

    /** Where a packet goes when the rate lets it leave: encryption and the socket. */
    interface Release {
        void send(byte[] buf, int len);
    }

    private final long rateBps;
    private final long maxQueueBytes;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** Bytes we may send now (a token bucket of at most one tick's worth plus one packet). */
    private double credit;
    private long lastMs = -1;

    TestShaper(long rateBps, long maxQueueMs) {
        this.rateBps = rateBps;
        this.maxQueueBytes = rateBps / 8 * maxQueueMs / 1000;
    }

    /** Queues a packet, or counts it dropped when the queue is full. */
    void offer(byte[] buf, int off, int len, MediaCounters counters) {
        if (queuedBytes + len > maxQueueBytes) {
            counters.testDropped.increment();
            return;
        }
        byte[] copy = new byte[len + MediaLoop.SEND_HEADROOM]; // room for the SRTP tag
        System.arraycopy(buf, off, copy, 0, len);
        queue.add(new Queued(copy, len));
        queuedBytes += len;
    }

    /** Sends what the rate allows since the last call. */
    void drain(long nowMs, Release release) {
        if (lastMs >= 0) credit += (nowMs - lastMs) * rateBps / 8000.0;
        lastMs = nowMs;
        while (!queue.isEmpty() && credit >= queue.peek().length()) {
            Queued q = queue.poll();
            credit -= q.length();
            queuedBytes -= q.length();
            release.send(q.bytes(), q.length());
        }
        if (queue.isEmpty()) credit = Math.min(credit, 1500);
    }
}
