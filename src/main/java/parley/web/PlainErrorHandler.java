package parley.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Error responses as one line of plain text ("404 Not Found"), with the security headers
 * and without Jetty's HTML page, server name, version, request URI or stack traces.
 */
final class PlainErrorHandler extends ErrorHandler {
    private final SecurityHeaders securityHeaders;

    PlainErrorHandler(SecurityHeaders securityHeaders) {
        this.securityHeaders = securityHeaders;
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
            Throwable cause, Callback callback) throws IOException {
        HttpFields.Mutable headers = response.getHeaders();
        securityHeaders.apply(headers);
        headers.put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, body(code), callback);
    }

    private static ByteBuffer body(int code) {
        String reason = HttpStatus.getMessage(code);
        return ByteBuffer.wrap((code + " " + reason + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
