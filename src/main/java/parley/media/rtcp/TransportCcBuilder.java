package parley.media.rtcp;

import parley.media.rtp.Bytes;
import parley.media.rtp.SeqNum;

/**
 * Writes transport-cc feedback ({@link TransportCc}) for packets the SFU received, choosing chunks
 * the way libwebrtc does (so Chrome's own feedback round-trips byte for byte):
 * <pre>{@code
 * builder.reset(mySsrc, mediaSsrc, baseSeq, firstArrivalUs, feedbackCount++);
 * for (...) if (!builder.add(seq, arrivalUs)) { send(builder); builder.reset(..., seq, arrivalUs, ...); builder.add(seq, arrivalUs); }
 * int n = builder.write(buf, off);
 * }</pre>
 * Arrival times are in microseconds on any monotonic clock; the reference time is
 * {@code referenceTimeUs} rounded down to 64 ms, and each delta is rounded to 250 us, the rounding
 * carried forward so that it does not accumulate. Reusable and allocation-free after construction;
 * not thread-safe (one per transport's feedback stage).
 */
public final class TransportCcBuilder {
    private static final int MAX_STATUS_COUNT = 0xFFFF;
    private static final int MAX_RUN_LENGTH = 0x1FFF;
    private static final int TWO_BIT_CAPACITY = 7;
    private static final int ONE_BIT_CAPACITY = 14;
    private static final int CHUNK_SIZE = 2;

    private final int maxBytes;
    private final short[] chunks;
    private final byte[] deltas;
    /** Symbols of the chunk being filled (only the first 14 are kept). */
    private final int[] last = new int[ONE_BIT_CAPACITY];

    private int chunkCount;
    private int deltaBytes;
    private int lastSize;
    private boolean lastAllSame;
    private boolean lastHasLarge;
    private int senderSsrc;
    private int mediaSsrc;
    private int baseSeq;
    private int nextSeq;
    private int statusCount;
    private int referenceTime;
    private int feedbackCount;
    private long previousUs;

    /** @param maxBytes the largest packet to write, a multiple of 4 (e.g. 1200 to fit an MTU), 24..262144 */
    public TransportCcBuilder(int maxBytes) {
        if ((maxBytes & 3) != 0 || maxBytes < TransportCc.FIXED_SIZE + 4 || maxBytes > TransportCc.MAX_SIZE) {
            throw new IllegalArgumentException("transport-cc max size " + maxBytes + " (expected: multiple of 4, 24..262144)");
        }
        this.maxBytes = maxBytes;
        this.chunks = new short[maxBytes / CHUNK_SIZE];
        this.deltas = new byte[maxBytes];
    }

    /**
     * Starts a new packet reporting from {@code baseSeq}. {@code referenceTimeUs} (usually the arrival
     * time of the first packet reported) sets the 24-bit reference time in 64 ms units.
     */
    public TransportCcBuilder reset(int senderSsrc, int mediaSsrc, int baseSeq, long referenceTimeUs, int feedbackCount) {
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.baseSeq = baseSeq & 0xFFFF;
        this.nextSeq = this.baseSeq;
        this.feedbackCount = feedbackCount & 0xFF;
        long ticks = Math.floorDiv(referenceTimeUs, TransportCc.REFERENCE_TIME_UNIT_US);
        this.referenceTime = (int) ticks & 0xFF_FFFF;
        this.previousUs = ticks * TransportCc.REFERENCE_TIME_UNIT_US;
        this.statusCount = 0;
        this.chunkCount = 0;
        this.deltaBytes = 0;
        this.lastSize = 0;
        this.lastAllSame = true;
        this.lastHasLarge = false;
        return this;
    }

    /**
     * Reports {@code seq} as arrived at {@code arrivalTimeUs}, or as lost with
     * {@link TransportCc#NOT_RECEIVED}; numbers skipped since the previous one are reported lost.
     * Returns false, reporting nothing more, when the packet does not fit: its delta beyond +-8.19 s,
     * 65535 statuses, or {@code maxBytes}; then write this packet and start another at {@code seq}.
     *
     * @throws IllegalArgumentException if {@code seq} is not after the previous one (or before the base)
     */
    public boolean add(int seq, long arrivalTimeUs) {
        int skipped = SeqNum.diff(seq & 0xFFFF, nextSeq);
        if (skipped < 0) {
            throw new IllegalArgumentException("transport-cc seq " + seq + " (expected: " + nextSeq + " or later)");
        }
        for (int i = 0; i < skipped; i++) {
            if (!addSymbol(TransportCc.SYMBOL_NOT_RECEIVED)) {
                return false;
            }
        }
        if (arrivalTimeUs == TransportCc.NOT_RECEIVED) {
            return addSymbol(TransportCc.SYMBOL_NOT_RECEIVED);
        }
        long diffUs = arrivalTimeUs - previousUs;
        long half = TransportCc.DELTA_UNIT_US / 2;
        long ticks = (diffUs >= 0 ? diffUs + half : diffUs - half) / TransportCc.DELTA_UNIT_US;
        if (ticks < Short.MIN_VALUE || ticks > Short.MAX_VALUE) {
            return false;
        }
        boolean small = ticks >= 0 && ticks <= 0xFF;
        if (!addSymbol(small ? TransportCc.SYMBOL_SMALL_DELTA : TransportCc.SYMBOL_LARGE_DELTA)) {
            return false;
        }
        if (small) {
            deltas[deltaBytes++] = (byte) ticks;
        } else {
            Bytes.put16(deltas, deltaBytes, (int) ticks);
            deltaBytes += 2;
        }
        previousUs += ticks * TransportCc.DELTA_UNIT_US;
        return true;
    }

    /** Packets reported so far, lost ones included. */
    public int statusCount() {
        return statusCount;
    }

    /** Bytes {@link #write} will take, padding included. */
    public int size() {
        return (unpaddedSize() + 3) & ~3;
    }

    /** Writes the packet (with RTCP padding to 4 bytes when needed); returns {@link #size()}. */
    public int write(byte[] b, int off) {
        int unpadded = unpaddedSize();
        int size = (unpadded + 3) & ~3;
        Rtcp.writeHeader(b, off, Rtcp.FMT_TRANSPORT_CC, Rtcp.RTPFB, size);
        Bytes.put32(b, off + Rtcp.OFF_SENDER_SSRC, senderSsrc);
        Bytes.put32(b, off + Rtcp.OFF_MEDIA_SSRC, mediaSsrc);
        Bytes.put16(b, off + 12, baseSeq);
        Bytes.put16(b, off + 14, statusCount);
        Bytes.put32(b, off + 16, referenceTime << 8 | feedbackCount);
        int at = off + TransportCc.FIXED_SIZE;
        for (int i = 0; i < chunkCount; i++, at += CHUNK_SIZE) {
            Bytes.put16(b, at, chunks[i]);
        }
        if (lastSize > 0) {
            Bytes.put16(b, at, encodeLast());
            at += CHUNK_SIZE;
        }
        System.arraycopy(deltas, 0, b, at, deltaBytes);
        at += deltaBytes;
        if (size > unpadded) {
            b[off] |= 0x20;
            for (; at < off + size; at++) {
                b[at] = 0;
            }
            b[off + size - 1] = (byte) (size - unpadded);
        }
        return size;
    }

    private int unpaddedSize() {
        return TransportCc.FIXED_SIZE + CHUNK_SIZE * (chunkCount + (lastSize > 0 ? 1 : 0)) + deltaBytes;
    }

    /** Adds a status whose delta takes {@code symbol} bytes (0, 1 or 2), if it fits. */
    private boolean addSymbol(int symbol) {
        if (statusCount == MAX_STATUS_COUNT) {
            return false;
        }
        int newChunk = lastSize == 0 ? CHUNK_SIZE : 0;
        if (unpaddedSize() + symbol + newChunk > maxBytes) {
            return false;
        }
        if (!canAddToLast(symbol)) {
            if (unpaddedSize() + symbol + CHUNK_SIZE > maxBytes) {
                return false;
            }
            emitLast();
        }
        addToLast(symbol);
        statusCount++;
        nextSeq = SeqNum.add(nextSeq, 1);
        return true;
    }

    private boolean canAddToLast(int symbol) {
        if (lastSize < TWO_BIT_CAPACITY) {
            return true;
        }
        if (lastSize < ONE_BIT_CAPACITY && !lastHasLarge && symbol != TransportCc.SYMBOL_LARGE_DELTA) {
            return true;
        }
        return lastSize < MAX_RUN_LENGTH && lastAllSame && last[0] == symbol;
    }

    private void addToLast(int symbol) {
        if (lastSize < ONE_BIT_CAPACITY) {
            last[lastSize] = symbol;
        }
        lastSize++;
        lastAllSame = lastAllSame && symbol == last[0];
        lastHasLarge = lastHasLarge || symbol == TransportCc.SYMBOL_LARGE_DELTA;
    }

    /** Moves a full chunk out of the last one: a run, 14 one-bit or the first 7 two-bit symbols. */
    private void emitLast() {
        if (lastAllSame || lastSize == ONE_BIT_CAPACITY) {
            chunks[chunkCount++] = (short) encodeLast();
            lastSize = 0;
            lastAllSame = true;
            lastHasLarge = false;
            return;
        }
        chunks[chunkCount++] = (short) encodeTwoBit(TWO_BIT_CAPACITY);
        lastSize -= TWO_BIT_CAPACITY;
        lastAllSame = true;
        lastHasLarge = false;
        for (int i = 0; i < lastSize; i++) {
            last[i] = last[TWO_BIT_CAPACITY + i];
            lastAllSame = lastAllSame && last[i] == last[0];
            lastHasLarge = lastHasLarge || last[i] == TransportCc.SYMBOL_LARGE_DELTA;
        }
    }

    private int encodeLast() {
        if (lastAllSame) {
            return last[0] << 13 | lastSize;
        }
        if (lastSize <= TWO_BIT_CAPACITY) {
            return encodeTwoBit(lastSize);
        }
        int chunk = 0x8000;
        for (int i = 0; i < lastSize; i++) {
            chunk |= last[i] << (13 - i);
        }
        return chunk;
    }

    private int encodeTwoBit(int n) {
        int chunk = 0xC000;
        for (int i = 0; i < n; i++) {
            chunk |= last[i] << (12 - 2 * i);
        }
        return chunk;
    }
}
