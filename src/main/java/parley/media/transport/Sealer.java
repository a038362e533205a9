package parley.media.transport;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import parley.media.srtp.SrtpContext;

/**
 * A second media thread: it encrypts (SRTP) and sends the packets of the transports assigned to
 * it, so that the media loop only receives, decides and rewrites. Encryption and the send system
 * calls are most of a forwarded packet's cost (the profile in bench/meeting.sh: HMAC-SHA1, AES-CTR
 * and sendmmsg), and they are the part that needs no shared state but one transport's outgoing
 * SRTP context.
 *
 * <p>Ownership: a transport's outgoing SRTP context belongs to its sealer thread once its keys
 * exist. The loop never touches it again; it hands over plain packets, and the removal of an SSRC,
 * through this ring, in order. Everything else a transport has stays the loop's.
 *
 * <p>The ring is single-producer (the loop) and single-consumer (this thread). Its slots are the
 * packet buffers: the loop copies a rewritten packet in once, the sealer encrypts it in place and
 * its own {@link DatagramIo} copies it to the socket, as the loop's own path does. The loop makes
 * a round's packets visible at once ({@link #publish}, after each round, as it flushes its own
 * sends), and wakes the sealer only when it sleeps. A full ring makes the loop wait for the
 * sealer (briefly: past that the packet is dropped and counted, {@link MediaCounters#sealDropped}).
 */
final class Sealer implements AutoCloseable {
    /** Slots of the ring: a keyframe's burst to a large meeting fits (about 50 packets to 80 receivers). */
    static final int SLOTS = 4096;
    /** How long the loop waits for a free slot before it drops: the sealer frees 64 at a time within microseconds. */
    private static final long FULL_WAIT_NANOS = 2_000_000;
    private static final int MASK = SLOTS - 1;
    private static final byte RTP = 0;
    private static final byte RTCP = 1;
    private static final byte FORGET = 2;
    /** A packet that needs no encryption (a STUN answer or DTLS on an ICE-TCP connection this sealer writes). */
    private static final byte PLAIN = 3;
    /** Slots are handed back to the loop this many at a time (a power of two). */
    private static final int RELEASE_EVERY = 64;
    /** Spins before parking: a little, since the next round often follows within microseconds; more burns a core. */
    private static final int SPINS = 20;
    /** A safety net only: publish() wakes a sleeping sealer. */
    private static final long PARK_NANOS = 20_000_000;
    /** How soon a sleeping sealer tries again a TCP connection whose socket did not take everything. */
    private static final long TCP_RETRY_NANOS = 2_000_000;

    private final byte[][] buffers = new byte[SLOTS][MediaLoop.MAX_DATAGRAM + MediaLoop.SEND_HEADROOM];
    private final int[] lengths = new int[SLOTS];
    private final byte[] kinds = new byte[SLOTS];
    private final SrtpContext[] contexts = new SrtpContext[SLOTS];
    private final CandidatePair[] destinations = new CandidatePair[SLOTS];

    /** Slots written by the loop, published at {@link #publish}. */
    private final AtomicLong published = new AtomicLong();
    /** Slots the sealer has finished with (and the loop may write again). */
    private final AtomicLong consumed = new AtomicLong();
    private volatile boolean sleeping;
    private volatile boolean running = true;
    /** The loop's next slot (loop thread only). */
    private long written;

    private final DatagramIo io;
    /** The ICE-TCP connections of this sealer's transports: it is their one writer. */
    private final TcpSends tcpSends;
    private final MediaCounters counters;
    private final Thread thread;
    /** The kernel's id of the sealer's thread, once it runs (for its nice value). */
    private final java.util.concurrent.CompletableFuture<Integer> tid = new java.util.concurrent.CompletableFuture<>();

    Sealer(String name, DatagramIo io, MediaCounters counters) {
        this.io = io;
        this.tcpSends = new TcpSends(counters);
        this.counters = counters;
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        thread.start();
    }

    /** Loop thread: queues a plain packet to be protected with {@code srtp} and sent on {@code to}. */
    void seal(SrtpContext srtp, boolean rtcp, byte[] buf, int off, int len, CandidatePair to) {
        put(rtcp ? RTCP : RTP, srtp, buf, off, len, to);
    }

    /** Loop thread: queues a packet to be sent as it is on {@code to} (an ICE-TCP pair of this sealer's). */
    void sendPlain(byte[] buf, int off, int len, CandidatePair to) {
        put(PLAIN, null, buf, off, len, to);
    }

    private void put(byte kind, SrtpContext srtp, byte[] buf, int off, int len, CandidatePair to) {
        if (len > MediaLoop.MAX_DATAGRAM) {
            counters.sendErrors.increment();
            return;
        }
        int i = claim();
        if (i < 0) return;
        System.arraycopy(buf, off, buffers[i], 0, len);
        lengths[i] = len;
        kinds[i] = kind;
        contexts[i] = srtp;
        destinations[i] = to;
        written++;
    }

    /** The sends of the ICE-TCP connections this sealer writes (set on them by the loop when they are matched). */
    TcpSends tcpSends() {
        return tcpSends;
    }

    /** Loop thread: the sealer frees {@code ssrc}'s state in {@code srtp}, after the packets before it. */
    void forget(SrtpContext srtp, int ssrc) {
        int i = claim();
        if (i < 0) return;
        kinds[i] = FORGET;
        lengths[i] = ssrc;
        contexts[i] = srtp;
        written++;
    }

    /**
     * The loop's next slot. A full ring means the sealer is behind a burst (a keyframe to many
     * receivers): the loop shows it everything and waits briefly for space, which slows the loop
     * to the sealer's pace (the socket's buffer holds what arrives meanwhile). A sealer that does
     * not catch up within {@link #FULL_WAIT_NANOS} is stuck: then the packet is dropped and counted.
     */
    private int claim() {
        if (written - consumed.get() >= SLOTS) {
            publish();
            long deadline = System.nanoTime() + FULL_WAIT_NANOS;
            while (written - consumed.get() >= SLOTS) {
                if (System.nanoTime() > deadline) {
                    counters.sealDropped.increment();
                    return -1;
                }
                Thread.onSpinWait();
            }
        }
        return (int) (written & MASK);
    }

    /** Loop thread: slots written and not yet given back by the sealer (tests). */
    long inFlight() {
        return written - consumed.get();
    }

    /** Loop thread: makes everything queued so far visible to the sealer, and wakes it if it sleeps. */
    void publish() {
        if (published.get() == written) return;
        published.set(written);
        if (sleeping) LockSupport.unpark(thread);
    }

    /** The kernel's id of the sealer's thread (waits for the thread to start), or -1 off Linux. */
    int tid() {
        return tid.join();
    }

    private void run() {
        tid.complete(ThreadNice.currentTid());
        long next = 0;
        while (running) {
            long available = published.get();
            if (available == next) {
                flushAll();
                available = await(next);
                if (available == next) continue;
            }
            while (next < available) {
                process((int) (next & MASK));
                next++;
                // Slots are given back in groups: a volatile write per packet would cost more than it frees.
                if ((next & (RELEASE_EVERY - 1)) == 0) consumed.set(next);
            }
            consumed.set(next);
            flushAll();
        }
        flushAll();
    }

    private void flushAll() {
        io.flush();
        tcpSends.flush();
    }

    /** Spins a little, then parks until {@link #publish}. */
    private long await(long next) {
        for (int i = 0; i < SPINS; i++) {
            long available = published.get();
            if (available != next) return available;
            Thread.onSpinWait();
        }
        sleeping = true;
        long available = published.get(); // after the flag: publish() either sees it or we see its slots
        if (available == next && running) LockSupport.parkNanos(tcpSends.hasPending() ? TCP_RETRY_NANOS : PARK_NANOS);
        sleeping = false;
        return published.get();
    }

    private void process(int i) {
        SrtpContext srtp = contexts[i];
        contexts[i] = null;
        try {
            switch (kinds[i]) {
                case RTP -> send(i, srtp.protectRtp(buffers[i], 0, lengths[i]));
                case RTCP -> send(i, srtp.protectRtcp(buffers[i], 0, lengths[i]));
                case PLAIN -> send(i, lengths[i]);
                default -> srtp.removeSsrc(lengths[i]);
            }
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            counters.sendErrors.increment();
        } catch (RuntimeException e) {
            // A bug in one packet's path must not stop the sealer (the loop's rule too).
            counters.loopErrors.increment();
        }
        destinations[i] = null;
    }

    private void send(int i, int len) {
        CandidatePair to = destinations[i];
        if (to.tcp() != null) tcpSends.send(to.tcp(), buffers[i], 0, len);
        else io.send(buffers[i], 0, len, to.local(), to.remote());
    }

    /** The sealer's thread, for tests and benchmarks that measure its CPU. */
    Thread thread() {
        return thread;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.close();
    }
}
