package parley.room;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Secrets that are valid until a deadline: resume secrets of participants who went away,
 * bans of kicked participants. Bounded: when full, the oldest entry goes.
 * Times are milliseconds from the caller's clock. Not thread-safe: the room's executor owns it.
 */
public final class ExpiringBook<V> {
    private record Entry<V>(V value, long expiresAtMs) {}

    private final int capacity;
    private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>();

    public ExpiringBook(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity + " (expected: >= 1)");
        this.capacity = capacity;
    }

    public void put(String key, V value, long expiresAtMs) {
        entries.remove(key);
        if (entries.size() >= capacity) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        entries.put(key, new Entry<>(value, expiresAtMs));
    }

    /** The value of {@code key} if it has not expired, else null. A null key finds nothing. */
    public V get(String key, long nowMs) {
        purge(nowMs);
        if (key == null) return null;
        Entry<V> e = entries.get(key);
        return e == null ? null : e.value();
    }

    /** Like {@link #get} and removes the entry: for single-use secrets. */
    public V take(String key, long nowMs) {
        V v = get(key, nowMs);
        if (v != null) entries.remove(key);
        return v;
    }

    public int size() {
        return entries.size();
    }

    private void purge(long nowMs) {
        entries.values().removeIf(e -> e.expiresAtMs() <= nowMs);
    }

    @Override
    public String toString() {
        return "ExpiringBook[" + entries.size() + " entries]"; // never the secrets
    }
}
