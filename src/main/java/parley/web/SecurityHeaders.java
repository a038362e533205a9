package parley.web;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts the security headers on every response before the wrapped handler runs: a strict
 * Content-Security-Policy (same origin only), HSTS on HTTPS, no sniffing, no referrer,
 * camera/microphone/screen for this origin only, and a separate browsing context group.
 * Immutable after construction; thread-safe.
 */
final class SecurityHeaders extends Handler.Wrapper {
    /** One year, in seconds, as browsers' HSTS preload lists expect. */
    static final long HSTS_MAX_AGE_S = 31_536_000;

    private final List<HttpField> fields;

    SecurityHeaders(String frameAncestors, boolean https, Handler next) {
        super(next);
        this.fields = fields(frameAncestors, https);
    }

    /**
     * script-src allows compiling WebAssembly ('wasm-unsafe-eval', not 'unsafe-eval': no
     * JavaScript eval): the meeting effects run MediaPipe's segmentation and RNNoise as
     * WebAssembly served from this origin (web/vendor/, README "Meeting effects").
     */
    static String contentSecurityPolicy(String frameAncestors) {
        return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
                + "media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors " + frameAncestors;
    }

    private static List<HttpField> fields(String frameAncestors, boolean https) {
        List<HttpField> list = new ArrayList<>();
        list.add(new HttpField("Content-Security-Policy", contentSecurityPolicy(frameAncestors)));
        if (https) list.add(new HttpField("Strict-Transport-Security", "max-age=" + HSTS_MAX_AGE_S));
        list.add(new HttpField("X-Content-Type-Options", "nosniff"));
        list.add(new HttpField("Referrer-Policy", "no-referrer"));
        list.add(new HttpField("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self)"));
        list.add(new HttpField("Cross-Origin-Opener-Policy", "same-origin"));
        return List.copyOf(list);
    }

    /** Sets (replacing any earlier value) every security header on {@code headers}. */
    void apply(HttpFields.Mutable headers) {
        for (HttpField field : fields) headers.put(field);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        apply(response.getHeaders());
        return super.handle(request, response, callback);
    }
}
