package parley.media.srtp;

/**
 * GHASH (NIST SP 800-38D §6.4), the authenticator of GCM, with Shoup's 8-bit tables: per hash
 * key 256 multiples of H (4 KiB), plus one shared table for the reduction by x^128 + x^7 + x^2 +
 * x + 1. Written here because the JDK's GHASH is internal and its GCM cipher allocates on every
 * {@code init}.
 *
 * <p>A 128-bit block is held as two longs, {@code hi} = bytes 0..7 and {@code lo} = bytes 8..15
 * big-endian. GCM numbers bits from the most significant bit of byte 0 (coefficient of x^0), so
 * multiplying by x is a right shift, and the bit shifted out of {@code lo} (x^127) is reduced
 * back in as 0xE1 in the top byte of {@code hi}.
 *
 * <p>Use: {@link #reset}, {@link #update} the associated data, {@link #padToBlock}, update the
 * ciphertext, {@link #finish}. Not thread-safe.
 */
final class Ghash {
    private static final long R = 0xE1L << 56;
    /** REDUCE[b]: what multiplying by x^8 adds to {@code hi} when the low byte of {@code lo} is b. */
    private static final long[] REDUCE = reductionTable();

    /**
     * table[2b] and table[2b+1] are hi and lo of b·H, with the byte b as the first byte of an
     * otherwise zero block; the two halves share a cache line.
     */
    private final long[] table = new long[512];
    private final byte[] partial = new byte[16];
    private int partialLength;
    private long yHi;
    private long yLo;
    /** The product being accumulated by {@link #multiplyByH}. */
    private long zHi;
    private long zLo;

    /** @param h the hash key E(K, 0^128), 16 bytes */
    Ghash(byte[] h) {
        table[2 * 0x80] = Bytes.getLong(h, 0);
        table[2 * 0x80 + 1] = Bytes.getLong(h, 8);
        for (int i = 0x40; i > 0; i >>= 1) { // i·H = (2i·H)·x
            long hi = table[4 * i];
            long lo = table[4 * i + 1];
            table[2 * i] = hi >>> 1 ^ ((lo & 1) == 0 ? 0 : R);
            table[2 * i + 1] = lo >>> 1 | hi << 63;
        }
        for (int i = 2; i < 256; i <<= 1) {
            for (int j = 1; j < i; j++) {
                table[2 * (i + j)] = table[2 * i] ^ table[2 * j];
                table[2 * (i + j) + 1] = table[2 * i + 1] ^ table[2 * j + 1];
            }
        }
    }

    private static long[] reductionTable() {
        long[] table = new long[256];
        for (int b = 0; b < 256; b++) {
            long hi = 0;
            long lo = b;
            for (int k = 0; k < 8; k++) {
                long carry = lo & 1;
                lo = lo >>> 1 | hi << 63;
                hi = hi >>> 1 ^ (carry == 0 ? 0 : R);
            }
            table[b] = hi;
        }
        return table;
    }

    void reset() {
        yHi = 0;
        yLo = 0;
        partialLength = 0;
    }

    void update(byte[] b, int off, int len) {
        if (partialLength > 0) {
            int n = Math.min(len, 16 - partialLength);
            System.arraycopy(b, off, partial, partialLength, n);
            partialLength += n;
            off += n;
            len -= n;
            if (partialLength < 16) {
                return;
            }
            block(partial, 0);
            partialLength = 0;
        }
        for (; len >= 16; off += 16, len -= 16) {
            block(b, off);
        }
        if (len > 0) {
            System.arraycopy(b, off, partial, 0, len);
            partialLength = len;
        }
    }

    /** Zero-pads a pending partial block; ends the associated data or the ciphertext. */
    void padToBlock() {
        if (partialLength > 0) {
            for (int i = partialLength; i < 16; i++) {
                partial[i] = 0;
            }
            block(partial, 0);
            partialLength = 0;
        }
    }

    /** Hashes the length block and writes the 16-byte GHASH to out[outOff, outOff+16). */
    void finish(long aadLength, long textLength, byte[] out, int outOff) {
        padToBlock();
        yHi ^= aadLength * 8;
        yLo ^= textLength * 8;
        multiplyByH();
        Bytes.putLong(out, outOff, yHi);
        Bytes.putLong(out, outOff + 8, yLo);
    }

    private void block(byte[] b, int off) {
        yHi ^= Bytes.getLong(b, off);
        yLo ^= Bytes.getLong(b, off + 8);
        multiplyByH();
    }

    /** Y = Y·H by Horner's rule over the bytes of Y, last byte first: Z = Z·x^8 + Y[i]·H. */
    private void multiplyByH() {
        zHi = 0;
        zLo = 0;
        accumulate(yLo);
        accumulate(yHi);
        yHi = zHi;
        yLo = zLo;
    }

    /** Eight Horner steps over the bytes of one half of Y, its last byte first. */
    private void accumulate(long half) {
        long hi = zHi;
        long lo = zLo;
        for (int i = 0; i < 8; i++, half >>>= 8) {
            long reduce = REDUCE[(int) lo & 0xff];
            lo = lo >>> 8 | hi << 56;
            hi = hi >>> 8 ^ reduce;
            int b = ((int) half & 0xff) << 1;
            hi ^= table[b];
            lo ^= table[b + 1];
        }
        zHi = hi;
        zLo = lo;
    }
}
