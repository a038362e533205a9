package parley.bench.load.janus;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One Janus session shared by many handles (one per synthetic participant), as one browser tab
 * would hold several: a thread long-polls the session's events and hands each to the listener of
 * the handle it is about ({@code sender}), and sends a keepalive every {@link #KEEPALIVE_MS} ms
 * (Janus drops a session after 60 s of silence). Listeners run on the polling thread, one event at
 * a time: they must not block. Thread-safe.
 */
public final class JanusSession implements AutoCloseable {
    static final long KEEPALIVE_MS = 20_000;
    /** Events fetched per long poll. */
    private static final int MAX_EVENTS = 16;

    private final JanusApi api;
    private final long id;
    private final Map<Long, Consumer<JanusEvent>> listeners = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean closed;
    private volatile String pollFailure;

    private JanusSession(JanusApi api, long id) {
        this.api = api;
        this.id = id;
        this.poller = Thread.ofPlatform().name("janus-poll").daemon().unstarted(this::poll);
    }

    /** Creates the session and starts polling its events. */
    public static JanusSession open(JanusApi api) throws IOException {
        JanusSession s = new JanusSession(api, api.createSession());
        s.poller.start();
        return s;
    }

    public long id() {
        return id;
    }

    public JanusApi api() {
        return api;
    }

    /** Attaches a handle to {@code plugin}; its events go to {@code listener} from now on. */
    public long attach(String plugin, Consumer<JanusEvent> listener) throws IOException {
        long handle = api.attach(id, plugin);
        listeners.put(handle, listener);
        return handle;
    }

    /** Detaches the handle (best effort: the session's end detaches it anyway). */
    public void detach(long handle) {
        listeners.remove(handle);
        try {
            api.detach(id, handle);
        } catch (IOException e) {
            // gone already, or Janus is stopping: nothing to undo
        }
    }

    public JanusEvent message(long handle, Map<String, ?> body, Map<String, ?> jsep) throws IOException {
        return api.message(id, handle, body, jsep);
    }

    public void trickle(long handle, Map<String, ?> candidate) throws IOException {
        api.trickle(id, handle, candidate);
    }

    /** Why polling stopped before {@link #close}, or null. */
    public String pollFailure() {
        return pollFailure;
    }

    private void poll() {
        long nextKeepalive = System.nanoTime() + KEEPALIVE_MS * 1_000_000;
        while (!closed) {
            try {
                for (JanusEvent e : api.poll(id, MAX_EVENTS)) dispatch(e);
                if (System.nanoTime() > nextKeepalive) {
                    api.keepalive(id);
                    nextKeepalive = System.nanoTime() + KEEPALIVE_MS * 1_000_000;
                }
            } catch (IOException e) {
                if (!closed) {
                    pollFailure = e.getMessage();
                    System.err.println("load: janus: polling events failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void dispatch(JanusEvent e) {
        Consumer<JanusEvent> l = listeners.get(e.sender());
        if (l == null) return; // the session's own keepalive, or a handle already detached
        try {
            l.accept(e);
        } catch (RuntimeException bug) {
            System.err.println("load: janus: handling " + e.janus() + " for handle " + e.sender() + ": " + bug);
        }
    }

    /** Destroys the session (Janus hangs up and detaches every handle) and stops polling. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            api.destroy(id);
        } catch (IOException e) {
            // Janus may be gone already
        }
        poller.interrupt();
    }
}
