package parley.web;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers 421 Misdirected Request to every request whose Host this server does not answer to
 * ({@link AllowedHosts}), pages and WebSocket upgrades alike: a page under a foreign name
 * would only fail later, at its upgrade, with a less clear error. {@code /healthz} is exempt,
 * for monitors that ask by whatever name. Behind a TLS proxy the Host is the forwarded one.
 * Thread-safe.
 */
final class HostCheck extends Handler.Wrapper {
    private final AllowedHosts allowed;
    private final FrontDoorCounters counters;

    HostCheck(AllowedHosts allowed, FrontDoorCounters counters, Handler next) {
        super(next);
        this.allowed = allowed;
        this.counters = counters;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (allowed.allows(request.getHttpURI().getHost()) || "/healthz".equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        counters.hostsRefused.increment();
        Response.writeError(request, response, callback, HttpStatus.MISDIRECTED_REQUEST_421);
        return true;
    }
}
