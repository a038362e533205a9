package parley.sfu;

import java.util.Arrays;

/**
 * An open-addressing map from a 32-bit unsigned SSRC (held in a long) to a value, so that
 * the per-packet lookup neither boxes nor allocates. Not thread-safe (loop thread only).
 */
final class LongMap<V> {
    private static final long EMPTY = -1L;
    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private int size;

    LongMap() {
        Arrays.fill(keys, EMPTY);
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) return (V) values[i];
            if (k == EMPTY) return null;
        }
    }

    void put(long key, V value) {
        if (key < 0) throw new IllegalArgumentException("negative key " + key);
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    void remove(long key) {
        // Rebuild without the key: removals are rare (track changes), lookups are per packet.
        if (get(key) == null) return;
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length];
        values = new Object[oldKeys.length];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY && oldKeys[i] != key) putRaw(oldKeys[i], oldValues[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private void putRaw(long key, Object value) {
        put(key, (V) value);
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) putRaw(oldKeys[i], oldValues[i]);
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
