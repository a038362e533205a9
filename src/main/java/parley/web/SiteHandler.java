package parley.web;

import java.nio.ByteBuffer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Everything but the WebSocket: {@code /healthz}; {@code /server.json} (the join rules a
 * client needs before joining, from signaling); {@code /} and every {@code /<room>} give
 * the client's index.html (the client reads the room from its address); {@code /site.json}
 * (product name, logo, start-page text, the pages that may embed Parley: docs/embedding.md)
 * and the operator's {@code /branding/} files; other paths are assets by exact name,
 * anything else is 404. GET and HEAD only. Thread-safe.
 */
final class SiteHandler extends Handler.Abstract.NonBlocking {
    /** A room path: 1 to 64 letters, digits, "-" or "_" (protocol.md, "Identifiers"). */
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final ByteBuffer OK = ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    /**
     * The logo may be opened on its own: then it is a document of this origin, which must
     * run nothing and load nothing (Branding refuses active SVG content as well).
     */
    private static final String LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private final Assets assets;
    /** site.json and the branding's files by path, made once at start. */
    private final Map<String, Asset> generated;
    private final ByteBuffer joinRules;

    SiteHandler(Assets assets, String joinRules) {
        this(assets, Branding.BUILT_IN, "'none'", joinRules);
    }

    SiteHandler(Assets assets, Branding branding, String frameAncestors, String joinRules) {
        this.assets = assets;
        this.joinRules = ByteBuffer.wrap(joinRules.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
        Map<String, Asset> files = new LinkedHashMap<>();
        files.put("/site.json", siteJson(branding, frameAncestors));
        branding.files().forEach((name, asset) -> files.put(Branding.PATH + name, asset));
        this.generated = Map.copyOf(files);
    }

    /** What the client needs to know of this site: docs/embedding.md and README "Branding". */
    static Asset siteJson(Branding branding, String frameAncestors) {
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("name", branding.name());
        site.put("logo", branding.logoPath());
        site.put("welcome", branding.welcomeText());
        site.put("frameAncestors", Arrays.stream(frameAncestors.strip().split("\\s+")).toList());
        try {
            return Asset.of("site.json", new ObjectMapper().writeValueAsBytes(site));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and lists always serialise", e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!head && !HttpMethod.GET.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        String path = Request.getPathInContext(request);
        if ("/healthz".equals(path)) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, head ? null : OK.duplicate(), callback);
            return true;
        }
        if ("/server.json".equals(path)) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, head ? null : joinRules.duplicate(), callback);
            return true;
        }
        Asset made = path == null ? null : generated.get(path);
        if (made != null) {
            if (path.startsWith(Branding.PATH + "logo.")) response.getHeaders().put("Content-Security-Policy", LOGO_POLICY);
            serve(made, head, request, response, callback);
            return true;
        }
        Optional<Asset> asset = find(path);
        if (asset.isEmpty()) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        if (path.length() > 1 && ROOM.matcher(path.substring(1)).matches()) {
            // A meeting's page closes its connection: an idle keep-alive connection keeps its
            // last request line (the room's name) in Jetty's parser until the next request or
            // the close, up to the 20 s head deadline after the meeting (HeapAfterMeetingTest).
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        serve(asset.get(), head, request, response, callback);
        return true;
    }

    private Optional<Asset> find(String path) {
        if (path == null || !path.startsWith("/")) return Optional.empty();
        String name = path.substring(1);
        // A room path never touches the file system (no asset name lacks a dot): a lookup
        // there may keep the last path it looked for, the room's name, in memory.
        if (name.isEmpty() || ROOM.matcher(name).matches()) return assets.find("index.html");
        return assets.find(name);
    }

    private static void serve(Asset asset, boolean head, Request request, Response response, Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, asset.contentType());
        headers.put(HttpHeader.ETAG, asset.etag());
        // Revalidate every time: the client is small and an upgrade must show at once.
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.contains(asset.etag()) || "*".equals(ifNoneMatch.trim()))) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            response.write(true, null, callback);
            return;
        }
        headers.put(HttpHeader.CONTENT_LENGTH, asset.length());
        response.write(true, head ? null : asset.body(), callback);
    }
}
