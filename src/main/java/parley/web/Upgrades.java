package parley.web;

import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import parley.signal.ConnectionAcceptor;

/**
 * Decides each upgrade of {@code /ws}: a foreign Origin gets 403; an address over its upgrade
 * rate or its open WebSockets gets 429 with Retry-After (each counted); otherwise one
 * {@link SignalSocket}, which gives its place back when it ends. The Host was checked
 * before ({@link HostCheck}). Thread-safe.
 */
final class Upgrades implements WebSocketCreator {
    /** An upgrade that has not opened its WebSocket by then gives its place back (the client went away meanwhile). */
    private static final Duration PENDING_MAX = Duration.ofSeconds(30);
    /** Retry-After of a 429 for upgrades too fast: the bucket refills a place within a second. */
    static final String RETRY_TOO_FAST_S = "1";
    /** Retry-After of a 429 for too many WebSockets open from one address. */
    static final String RETRY_TOO_MANY_OPEN_S = "10";

    private final ConnectionAcceptor acceptor;
    private final UpgradeLimits limits;
    private final FrontDoorCounters counters;
    private final Scheduler scheduler;

    Upgrades(ConnectionAcceptor acceptor, UpgradeLimits limits, FrontDoorCounters counters, Scheduler scheduler) {
        this.acceptor = acceptor;
        this.limits = limits;
        this.counters = counters;
        this.scheduler = scheduler;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response,
            org.eclipse.jetty.util.Callback callback) {
        HttpURI uri = request.getHttpURI();
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!SameOrigin.allows(origin, uri.getScheme(), uri.getHost(), uri.getPort())) {
            counters.originsRefused.increment();
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403);
            return null;
        }
        UpgradeLimits.Decision d = limits.tryOpen(ClientAddress.of(Request.getRemoteAddr(request)), System.nanoTime());
        switch (d.verdict()) {
            case TOO_FAST -> {
                counters.upgradesTooFast.increment();
                return tooMany(request, response, callback, RETRY_TOO_FAST_S);
            }
            case TOO_MANY_OPEN -> {
                counters.upgradesTooManyOpen.increment();
                return tooMany(request, response, callback, RETRY_TOO_MANY_OPEN_S);
            }
            case OK -> {
                // fall through to open
            }
        }
        SignalSocket socket = new SignalSocket(acceptor, d.ticket()::release);
        scheduler.schedule(() -> {
            if (!socket.opened()) d.ticket().release();
        }, PENDING_MAX);
        return socket;
    }

    private static Object tooMany(Request request, Response response, org.eclipse.jetty.util.Callback callback,
            String retryAfterS) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterS);
        Response.writeError(request, response, callback, HttpStatus.TOO_MANY_REQUESTS_429);
        return null;
    }
}
