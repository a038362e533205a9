package parley.e2e.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay for fault tests, like a NAT with a bad line behind it: clients send to
 * {@code listen}; each client address gets its own upstream socket, from which its datagrams
 * go on to {@code upstream}, and what comes back on that socket goes to the client from
 * {@code listen}. On the way, in both directions, it applies an {@link Impairment} (loss,
 * delay, jitter, reordering, duplication), a blackout (everything dropped for a while), and
 * {@link #move()} (new upstream sockets: the server sees every client come from a new port).
 *
 * <p>Deterministic from its seed: one thread decides the fate of each datagram, in the order
 * they arrive, from one {@link SplittableRandom}. Everything else is thread-safe: settings
 * are volatile, a move runs as a task on the relay's thread.
 */
public final class UdpRelay implements AutoCloseable {
    private final DatagramChannel listen;
    private final InetSocketAddress upstream;
    private final InetSocketAddress upstreamBind;
    private final Selector selector;
    private final SplittableRandom random;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Relay thread only: client address to its upstream socket. */
    private final Map<InetSocketAddress, DatagramChannel> flows = new HashMap<>();
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);
    private volatile Impairment impairment = Impairment.NONE;
    private volatile long blackoutUntilNanos = Long.MIN_VALUE;
    private volatile boolean running = true;
    private long sequence;

    /** Counts, for reports and assertions. */
    public final AtomicLong received = new AtomicLong();
    public final AtomicLong forwarded = new AtomicLong();
    public final AtomicLong lost = new AtomicLong();
    public final AtomicLong blackedOut = new AtomicLong();
    public final AtomicLong duplicated = new AtomicLong();
    public final AtomicLong moves = new AtomicLong();

    /** A datagram waiting for its time: to {@code client}, or from it toward upstream. */
    private record Pending(long dueNanos, long seq, byte[] data, InetSocketAddress client, boolean toClient)
            implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(dueNanos, o.dueNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private UdpRelay(InetSocketAddress listenAt, InetSocketAddress upstream, long seed) throws IOException {
        this.upstream = upstream;
        this.upstreamBind = new InetSocketAddress(upstream.getAddress(), 0);
        this.random = new SplittableRandom(seed);
        this.selector = Selector.open();
        this.listen = DatagramChannel.open().bind(listenAt);
        listen.configureBlocking(false);
        listen.register(selector, SelectionKey.OP_READ, null);
        this.thread = Thread.ofPlatform().name("udp-relay").daemon(true).unstarted(this::run);
        thread.start();
    }

    /**
     * Starts a relay listening on {@code listen} and forwarding to {@code upstream}; its upstream
     * sockets are bound to {@code upstream}'s address (so that they can reach it on loopback).
     */
    public static UdpRelay start(InetSocketAddress listen, InetSocketAddress upstream, long seed) {
        try {
            return new UdpRelay(listen, upstream, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("relay on " + listen, e);
        }
    }

    public InetSocketAddress listenAddress() {
        try {
            return (InetSocketAddress) listen.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What happens to every datagram from now on. */
    public void impair(Impairment i) {
        impairment = i;
    }

    /** Drops everything, both ways, for {@code d} from now (also what was already queued). */
    public void blackout(Duration d) {
        blackoutUntilNanos = System.nanoTime() + d.toNanos();
    }

    /** Whether a blackout is on now. */
    public boolean inBlackout() {
        return System.nanoTime() < blackoutUntilNanos;
    }

    /**
     * A new upstream socket (a new source port) for every client, as when a NAT rebinds or the
     * client's network changes; the old sockets are closed, so what the server still sends to
     * them is lost. Returns the new upstream addresses. Waits for the relay's thread.
     */
    public List<InetSocketAddress> move() {
        return onRelayThread(this::rebind);
    }

    /** The upstream addresses in use now, one per client seen (the server sees these). */
    public List<InetSocketAddress> upstreamAddresses() {
        return onRelayThread(this::localAddresses);
    }

    /** Runs {@code task} on the relay's thread, which owns the sockets, and waits for its result. */
    private <T> T onRelayThread(java.util.function.Supplier<T> task) {
        CompletableFuture<T> done = new CompletableFuture<>();
        tasks.add(() -> done.complete(task.get()));
        selector.wakeup();
        try {
            return done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the relay's thread did not answer", e);
        }
    }

    /** Stops for good: every socket closed, nothing more forwarded. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (DatagramChannel c : flows.values()) closeQuietly(c);
        closeQuietly(listen);
        try {
            selector.close();
        } catch (IOException ignored) {
            // the channels above are what matter
        }
    }

    @Override
    public String toString() {
        return "relay[received=" + received + " forwarded=" + forwarded + " lost=" + lost + " blackedOut="
                + blackedOut + " duplicated=" + duplicated + " moves=" + moves + "]";
    }

    private void run() {
        while (running) {
            try {
                long waitMs = queue.isEmpty() ? 100 : Math.max(1, (queue.peek().dueNanos() - System.nanoTime()) / 1_000_000);
                selector.select(this::onReadable, waitMs);
                Runnable task;
                while ((task = tasks.poll()) != null) task.run();
                sendDue(System.nanoTime());
            } catch (IOException | RuntimeException e) {
                if (running) System.err.println("udp relay: " + e);
            }
        }
    }

    private void onReadable(SelectionKey key) {
        DatagramChannel channel = (DatagramChannel) key.channel();
        InetSocketAddress client = (InetSocketAddress) key.attachment();
        try {
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                if (from == null) return;
                buffer.flip();
                byte[] data = new byte[buffer.remaining()];
                buffer.get(data);
                if (client == null) {
                    flowOf(from);
                    admit(data, from, false);
                } else if (from.equals(upstream)) {
                    admit(data, client, true);
                }
            }
        } catch (IOException e) {
            // A closed upstream socket (after a move) or an ICMP error: nothing to forward.
        }
    }

    /** Decides the fate of one datagram; the relay thread draws every random number, in order. */
    private void admit(byte[] data, InetSocketAddress client, boolean toClient) {
        received.incrementAndGet();
        long now = System.nanoTime();
        if (now < blackoutUntilNanos) {
            blackedOut.incrementAndGet();
            return;
        }
        Impairment i = impairment;
        if (i.lossRate() > 0 && random.nextDouble() < i.lossRate()) {
            lost.incrementAndGet();
            return;
        }
        int copies = i.duplicateRate() > 0 && random.nextDouble() < i.duplicateRate() ? 2 : 1;
        if (copies == 2) duplicated.incrementAndGet();
        for (int c = 0; c < copies; c++) {
            long delayMs = i.delayMs() + (i.jitterMs() > 0 ? random.nextInt(i.jitterMs() + 1) : 0);
            if (i.reorderRate() > 0 && random.nextDouble() < i.reorderRate()) delayMs += Impairment.REORDER_HOLD_MS;
            queue.add(new Pending(now + delayMs * 1_000_000, sequence++, data, client, toClient));
        }
        sendDue(now);
    }

    private void sendDue(long now) {
        while (!queue.isEmpty() && queue.peek().dueNanos() <= now) {
            Pending p = queue.poll();
            if (now < blackoutUntilNanos) {
                blackedOut.incrementAndGet();
                continue;
            }
            try {
                if (p.toClient()) {
                    listen.send(ByteBuffer.wrap(p.data()), p.client());
                } else {
                    flowOf(p.client()).send(ByteBuffer.wrap(p.data()), upstream);
                }
                forwarded.incrementAndGet();
            } catch (IOException e) {
                // The far end is gone (ICMP unreachable): like a datagram lost on the way.
            }
        }
    }

    private DatagramChannel flowOf(InetSocketAddress client) {
        DatagramChannel c = flows.get(client);
        if (c != null) return c;
        c = openUpstream(client);
        flows.put(client, c);
        return c;
    }

    private DatagramChannel openUpstream(InetSocketAddress client) {
        try {
            DatagramChannel c = DatagramChannel.open().bind(upstreamBind);
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ, client);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("upstream socket", e);
        }
    }

    /** New sockets first, then the old ones closed: the kernel cannot hand out an old port again. */
    private List<InetSocketAddress> rebind() {
        Map<InetSocketAddress, DatagramChannel> old = new HashMap<>(flows);
        for (InetSocketAddress client : old.keySet()) flows.put(client, openUpstream(client));
        for (DatagramChannel c : old.values()) closeQuietly(c);
        moves.incrementAndGet();
        return localAddresses();
    }

    private List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (DatagramChannel c : flows.values()) {
            try {
                out.add((InetSocketAddress) c.getLocalAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static void closeQuietly(DatagramChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
