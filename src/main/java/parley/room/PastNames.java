package parley.room;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names of meetings that were ended for everyone or moved to a new link, so that a late
 * visitor to the old link is told so instead of opening a new, empty room there
 * (docs/protocol.md, "Ended and moved meetings"). Holds no name: only a keyed hash of it
 * (HMAC-SHA256 under a key drawn when the process starts, never stored or shown, cut to
 * 128 bits), with the reason and an expiry. Bounded: when full, the oldest goes first.
 * Nothing here is written anywhere or logged. Times are milliseconds from the caller's
 * clock. Thread-safe (guarded by this object).
 */
public final class PastNames {
    /** Why a name is remembered; the wire names are the {@code join} error codes. */
    public enum Reason { ENDED, MOVED }

    /** How long a name is remembered. */
    public static final long DEFAULT_TTL_MS = 24 * 60 * 60 * 1000L;
    /** How many names at most (about 100 bytes each). */
    public static final int DEFAULT_CAPACITY = 100_000;

    private static final int HASH_BYTES = 16;

    private record Entry(Reason reason, long expiresAtMs) {}

    private final SecretKeySpec key;
    private final long ttlMs;
    private final int capacity;
    /** In order of remembering: with one ttl the oldest also expires first. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public PastNames() {
        this(DEFAULT_TTL_MS, DEFAULT_CAPACITY);
    }

    public PastNames(long ttlMs, int capacity) {
        if (ttlMs <= 0) throw new IllegalArgumentException("ttl " + ttlMs + " ms (expected: > 0)");
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity + " (expected: >= 1)");
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.ttlMs = ttlMs;
        this.capacity = capacity;
    }

    /** Remembers the canonical {@code name} for the ttl from {@code nowMs}, replacing what was known of it. */
    public synchronized void remember(String name, Reason reason, long nowMs) {
        String h = hash(name);
        entries.remove(h);
        purge(nowMs);
        if (entries.size() >= capacity) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        entries.put(h, new Entry(reason, nowMs + ttlMs));
    }

    /** Why {@code name} is remembered, or null if it is not (or no longer). */
    public synchronized Reason reason(String name, long nowMs) {
        purge(nowMs);
        Entry e = entries.get(hash(name));
        return e == null ? null : e.reason();
    }

    /** Forgets {@code name} (it was opened again on purpose). */
    public synchronized void forget(String name) {
        entries.remove(hash(name));
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Drops expired entries from the oldest on; stops at the first live one (they expire in order). */
    private void purge(long nowMs) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext() && it.next().expiresAtMs() <= nowMs) it.remove();
    }

    private String hash(String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, HASH_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "PastNames[" + size() + " names]"; // never a hash
    }
}
