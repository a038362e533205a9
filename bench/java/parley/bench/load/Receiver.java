package parley.bench.load;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one receiver thread: a selector over every participant's UDP channel. It reads each ready
 * channel dry, hands the datagrams to their {@link MediaPeer} (STUN and DTLS to the connecting
 * thread, SRTP decrypted into the participant's {@link Inbound}), and every {@link #TICK_MS} ms
 * runs each participant's periodic receive work (feedback, PLIs).
 *
 * <p>Thread-safety: {@link #add} and {@link #stop} from any thread; the rest on the thread.
 */
final class Receiver implements Runnable {
    static final long TICK_MS = 20;

    private record Member(MediaPeer peer, Inbound inbound) {}

    private final Selector selector;
    private final ConcurrentLinkedQueue<Member> added = new ConcurrentLinkedQueue<>();
    private final List<Member> members = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(MediaPeer.BUFFER_BYTES);
    private volatile boolean running = true;
    private boolean reportedFailure;

    Receiver() throws IOException {
        this.selector = Selector.open();
    }

    /** Starts reading {@code peer}'s channel (connected already). */
    void add(MediaPeer peer, Inbound inbound) {
        added.add(new Member(peer, inbound));
        selector.wakeup();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        long nextTick = System.nanoTime();
        try (selector) {
            while (running) {
                register();
                selector.select(TICK_MS);
                long now = System.nanoTime();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    drain(key);
                }
                if (now >= nextTick) {
                    nextTick = now + TICK_MS * 1_000_000;
                    members.removeIf(m -> !m.peer().channel().isOpen());
                    for (Member m : members) tick(m, now);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("receiver selector failed", e);
        }
    }

    private void tick(Member m, long now) {
        try {
            m.inbound().tick(now);
        } catch (RuntimeException e) {
            failed(e); // one participant's bug must not stop everyone's receiving
        }
    }

    private void failed(RuntimeException e) {
        if (!reportedFailure) {
            reportedFailure = true;
            System.err.println("load: receiver: " + e);
            e.printStackTrace();
        }
    }

    private void register() {
        for (Member m; (m = added.poll()) != null; ) {
            try {
                m.peer().channel().register(selector, SelectionKey.OP_READ, m.peer());
                members.add(m);
            } catch (IOException e) {
                // closed before it could start: nothing to read
            }
        }
    }

    private void drain(SelectionKey key) {
        MediaPeer peer = (MediaPeer) key.attachment();
        byte[] b = buffer.array();
        try {
            while (true) {
                buffer.clear();
                int n = peer.channel().read(buffer);
                if (n <= 0) return;
                try {
                    peer.onDatagram(b, n, System.nanoTime());
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
        } catch (PortUnreachableException e) {
            // an ICMP error from an earlier send: the channel still works
        } catch (IOException e) {
            key.cancel(); // closed, or ICMP unreachable after the server went away
        }
    }
}
