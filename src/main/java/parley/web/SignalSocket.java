package parley.web;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.signal.Connection;
import parley.signal.ConnectionAcceptor;
import parley.signal.Outbound;

/**
 * One signaling WebSocket: hands text frames to the {@link Connection} that the acceptor
 * made for it, and is that connection's {@link Outbound}.
 *
 * <p>Threading: Jetty calls the listener methods one at a time per connection (the next
 * frame is read only after {@code onWebSocketText} returns), so {@link #connection} needs
 * no lock beyond its publication in {@code onWebSocketOpen}. {@link #send} and
 * {@link #close} may be called from any thread: Jetty queues the frame and returns at
 * once; this class counts the characters queued and not yet written, and closes a client
 * that lets more than {@link #MAX_BACKLOG_CHARS} pile up, so a slow reader only hurts itself.
 *
 * <p>Public only because Jetty finds the listener methods through a public lookup.
 */
public final class SignalSocket implements Session.Listener.AutoDemanding, Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(SignalSocket.class);

    /** Queued outbound text, in UTF-16 chars (about bytes for JSON), above which the client is dropped. */
    static final long MAX_BACKLOG_CHARS = 1 << 20;

    private final ConnectionAcceptor acceptor;
    /** Gives this socket's place among its address's open WebSockets back (idempotent). */
    private final Runnable onEnd;
    private final AtomicLong backlogChars = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Set by the first close: later sends are dropped, so the backlog stays bounded. */
    private volatile boolean closing;
    private volatile Session session;
    private volatile Connection connection;

    SignalSocket(ConnectionAcceptor acceptor) {
        this(acceptor, () -> {});
    }

    SignalSocket(ConnectionAcceptor acceptor, Runnable onEnd) {
        this.acceptor = acceptor;
        this.onEnd = onEnd;
    }

    /** True once the WebSocket has opened. */
    boolean opened() {
        return session != null;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        try {
            connection = acceptor.accept(this);
        } catch (RuntimeException e) {
            LOG.warn("signaling refused a new connection", e);
            close(StatusCode.SERVER_ERROR, "server error");
        }
    }

    @Override
    public void onWebSocketText(String text) {
        Connection c = connection;
        if (c != null && !ended.get()) c.onText(text);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        close(StatusCode.BAD_DATA, "binary frames are not accepted");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        end();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Errors are the client's business (resets, timeouts, protocol violations): no log.
        end();
    }

    /** Tells the connection once, whichever of close and error comes first. */
    private void end() {
        if (!ended.compareAndSet(false, true)) return;
        onEnd.run();
        Connection c = connection;
        if (c != null) c.onClose();
    }

    @Override
    public void send(String json) {
        Session s = session;
        if (s == null || closing || ended.get()) return;
        long chars = json.length();
        if (backlogChars.addAndGet(chars) > MAX_BACKLOG_CHARS) {
            backlogChars.addAndGet(-chars);
            close(StatusCode.POLICY_VIOLATION, "too slow to read");
            return;
        }
        s.sendText(json, Callback.from(() -> backlogChars.addAndGet(-chars), failure -> backlogChars.addAndGet(-chars)));
    }

    @Override
    public void close(int statusCode, String reason) {
        closing = true;
        Session s = session;
        // A client that does not read never sees the close frame; Jetty's idle timeout
        // (60 s) then ends the connection.
        if (s != null) s.close(statusCode, reason, Callback.NOOP);
    }

    @Override
    public java.net.InetAddress remoteAddress() {
        Session s = session;
        return s != null && s.getRemoteSocketAddress() instanceof java.net.InetSocketAddress a ? a.getAddress() : null;
    }

    /** Characters queued and not yet written, for tests. */
    long backlogChars() {
        return backlogChars.get();
    }
}
