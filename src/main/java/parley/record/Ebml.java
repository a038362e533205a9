package parley.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes EBML (RFC 8794), the binary format of Matroska and WebM:
 * each element is an id (its marker bits included, 1 to 4 bytes), a size as a variable-length
 * integer, then the data. Masters are written by {@link #startMaster} / {@link #endMaster}, which
 * reserve an 8-byte size and fill it in. Not thread-safe.
 */
final class Ebml {
    /** The size of a master whose end is not known yet (all data bits set, 8-byte form). */
    static final long UNKNOWN_SIZE = 0x01FFFFFFFFFFFFFFL;
    private static final int SIZE_BYTES = 8;

    private byte[] buf;
    private int len;

    Ebml(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    void reset() {
        len = 0;
    }

    /** An element id; ids carry their own length marker, so they are written as they are. */
    Ebml id(long id) {
        int n = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        for (int i = n - 1; i >= 0; i--) put((int) (id >>> (8 * i)));
        return this;
    }

    /** A size as the shortest variable-length integer (all-ones values are reserved, so one byte longer). */
    Ebml size(long size) {
        int n = 1;
        while (n < 8 && size >= (1L << (7 * n)) - 1) n++;
        return sizeIn(size, n);
    }

    /** A size in exactly {@code n} bytes (1 to 8). */
    Ebml sizeIn(long size, int n) {
        long marked = size | (1L << (7 * n));
        for (int i = n - 1; i >= 0; i--) put((int) (marked >>> (8 * i)));
        return this;
    }

    Ebml uint(long id, long value) {
        int n = 1;
        while (n < 8 && (value >>> (8 * n)) != 0) n++;
        id(id).size(n);
        for (int i = n - 1; i >= 0; i--) put((int) (value >>> (8 * i)));
        return this;
    }

    Ebml float64(long id, double value) {
        id(id).size(8);
        long bits = Double.doubleToLongBits(value);
        for (int i = 7; i >= 0; i--) put((int) (bits >>> (8 * i)));
        return this;
    }

    Ebml string(long id, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return bytes(id, b, 0, b.length);
    }

    Ebml bytes(long id, byte[] b, int off, int n) {
        id(id).size(n);
        return raw(b, off, n);
    }

    Ebml raw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Writes a master's id and a placeholder size; returns where its data starts, for {@link #endMaster}. */
    int startMaster(long id) {
        id(id);
        sizeIn(0, SIZE_BYTES);
        return len;
    }

    /** Fills in the size of the master whose data started at {@code dataStart}. */
    void endMaster(int dataStart) {
        patchSize(buf, dataStart - SIZE_BYTES, len - dataStart);
    }

    /** Writes {@code size} as an 8-byte variable-length integer at {@code at} of {@code b}. */
    static void patchSize(byte[] b, int at, long size) {
        long marked = size | (1L << 56);
        for (int i = 0; i < SIZE_BYTES; i++) b[at + i] = (byte) (marked >>> (8 * (SIZE_BYTES - 1 - i)));
    }

    void put(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void int16(int v) {
        put(v >>> 8);
        put(v);
    }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
}
