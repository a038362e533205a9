package parley.web;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The request-head deadline against slowloris: an HTTP connection must finish its TLS
 * handshake and send a whole request head within {@code timeout} of its opening, and the
 * next head within {@code timeout} of the end of the previous response, or it is closed.
 * An idle timeout alone does not do it: it restarts with every byte, and a header line every
 * 40 s keeps a connection forever. A connection upgraded to a WebSocket leaves the deadline
 * behind (its silence is the WebSocket idle timeout's business).
 *
 * <p>As a handler it sits outermost and sees each request when its head is complete. Thread-safe:
 * one {@link Watch} per connection, its fields guarded by the watch itself.
 */
final class HeadDeadlines extends Handler.Wrapper {
    private final Duration timeout;
    private final Scheduler scheduler;
    private final FrontDoorCounters counters;
    /** By network endpoint (under TLS, the one beneath the decrypted endpoint that HTTP runs on). */
    private final ConcurrentHashMap<EndPoint, Watch> watches = new ConcurrentHashMap<>();

    HeadDeadlines(Duration timeout, Scheduler scheduler, FrontDoorCounters counters) {
        this.timeout = timeout;
        this.scheduler = scheduler;
        this.counters = counters;
    }

    /** One connection's clock. */
    private final class Watch {
        private final EndPoint network;
        private final EndPoint httpEndPoint;
        private final Connection http;
        private boolean waiting;
        private long generation;

        Watch(EndPoint network, EndPoint httpEndPoint, Connection http) {
            this.network = network;
            this.httpEndPoint = httpEndPoint;
            this.http = http;
        }

        synchronized void arm() {
            if (upgraded()) return;
            waiting = true;
            long armed = ++generation;
            scheduler.schedule(() -> expire(armed), timeout);
        }

        synchronized void headArrived() {
            waiting = false;
            generation++;
        }

        private void expire(long armed) {
            synchronized (this) {
                if (!waiting || generation != armed || upgraded()) return;
                waiting = false;
            }
            counters.headTimeouts.increment();
            network.close();
        }

        private boolean upgraded() {
            return httpEndPoint.getConnection() != http;
        }
    }

    /**
     * Starts the clock of a new connection: {@code http} is the HTTP connection, on
     * {@code network} itself or on the decrypted endpoint of the TLS connection there.
     */
    void opened(EndPoint network, Connection http) {
        Watch w = new Watch(network, http.getEndPoint(), http);
        watches.put(network, w);
        w.arm();
    }

    void closed(EndPoint network) {
        watches.remove(network);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Watch w = watches.get(network(request.getConnectionMetaData().getConnection().getEndPoint()));
        if (w == null) return super.handle(request, response, callback);
        w.headArrived();
        return super.handle(request, response, new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                super.succeeded();
                w.arm();
            }

            @Override
            public void failed(Throwable x) {
                super.failed(x);
                w.arm();
            }
        });
    }

    private static EndPoint network(EndPoint endPoint) {
        EndPoint e = endPoint;
        while (e instanceof EndPoint.Wrapper wrapper) e = wrapper.unwrap();
        return e;
    }

    /** Connections being watched, for tests. */
    int watched() {
        return watches.size();
    }
}
