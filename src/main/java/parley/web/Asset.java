package parley.web;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** One file of the web client, ready to send: its bytes, Content-Type and a strong ETag. */
record Asset(ByteBuffer body, String contentType, String etag) {
    private static final String UTF8 = ";charset=utf-8";

    /** Content types by file extension; anything else is sent as application/octet-stream. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html" + UTF8),
            Map.entry("js", "text/javascript" + UTF8),
            Map.entry("mjs", "text/javascript" + UTF8),
            Map.entry("css", "text/css" + UTF8),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain" + UTF8),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"));

    Asset {
        body = body.asReadOnlyBuffer();
    }

    /** An asset for a file {@code name} (its extension decides the type) with these bytes. */
    static Asset of(String name, byte[] bytes) {
        return new Asset(ByteBuffer.wrap(bytes.clone()), contentType(name), etag(bytes));
    }

    /** A read-only view with its own position, so that concurrent responses do not interfere. */
    @Override
    public ByteBuffer body() {
        return body.duplicate();
    }

    int length() {
        return body.remaining();
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** A quoted base64url of the first 16 bytes of the SHA-256 of the body. */
    private static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
