package parley.media.rtp;

import java.util.Arrays;

/**
 * Gives one outgoing RTP stream (one consumer) a single continuous sequence-number and timestamp
 * space while the packets it forwards come from one source stream at a time, e.g. the simulcast
 * layer currently chosen for this receiver.
 *
 * <ul>
 *   <li>{@link #switchSource} (at a keyframe of the new source) makes that packet the next outgoing
 *       sequence number (last + 1) and continues the timestamp by the wall time elapsed since the
 *       last forwarded packet (at least 1 tick). Packets of the source from before that point, and
 *       packets of other SSRCs, are refused.</li>
 *   <li>Within one source a gap stays a gap, so the receiver NACKs it; a late, duplicate or
 *       retransmitted packet gets the same outgoing number as its place in the stream.</li>
 *   <li>{@link #drop} closes the gap left by a packet the caller chooses not to forward (say a
 *       temporal layer above the target), when it is the newest; a late packet that is dropped
 *       leaves a hole the receiver will NACK.</li>
 *   <li>{@link #outgoingToIncoming} and {@link #rewriteResend} answer a receiver's NACK, which names
 *       outgoing numbers, for the last {@code historySize} packets and the last 8 sources.</li>
 * </ul>
 *
 * <p>Allocation-free per packet. Memory: two {@code long[historySize]}. Not thread-safe: owned by
 * the consumer's forwarding loop.
 */
public final class StreamRewriter {
    /** Default history in packets: half a second of 1000 packet/s video, ten seconds of audio. */
    public static final int DEFAULT_HISTORY = 512;
    private static final int SOURCES = 8;
    private static final long STATE_RESERVED = 1L << 16;
    private static final long STATE_FORWARDED = 2L << 16;
    private static final long STATE_DROPPED = 3L << 16;
    private static final long STATE_MASK = 3L << 16;
    private static final long OUT_VALID = 1L << 63;

    private final int outSsrc;
    private final int clockRateHz;
    private final int mask;
    /** By incoming extended seq: ext low 32 bits << 32 | state | outgoing seq. */
    private final long[] bySeqIn;
    /** By outgoing seq: valid | source generation << 32 | incoming seq << 16 | outgoing seq. */
    private final long[] bySeqOut;
    private final int[] sourceSsrcs = new int[SOURCES];
    private final int[] sourceTsOffsets = new int[SOURCES];
    private final ExtendedSeq incoming = new ExtendedSeq();

    private boolean hasSource;
    private int generation = -1;
    private int sourceSsrc;
    private int seqOffset;
    private int tsOffset;
    private long switchExt;
    private long highestExt;
    private boolean forwardedAny;
    private int lastOutSeq;
    private long lastOutTs;
    private long lastOutMs;

    public StreamRewriter(int outSsrc, int clockRateHz) {
        this(outSsrc, clockRateHz, DEFAULT_HISTORY);
    }

    /** @param historySize packets remembered for reordering and NACKs: a power of two, 16..32768 */
    public StreamRewriter(int outSsrc, int clockRateHz, int historySize) {
        if (clockRateHz <= 0) {
            throw new IllegalArgumentException("clock rate " + clockRateHz + " Hz (expected: > 0)");
        }
        if (historySize < 16 || historySize > 32768 || Integer.bitCount(historySize) != 1) {
            throw new IllegalArgumentException("history " + historySize + " (expected: power of two 16..32768)");
        }
        this.outSsrc = outSsrc;
        this.clockRateHz = clockRateHz;
        this.mask = historySize - 1;
        this.bySeqIn = new long[historySize];
        this.bySeqOut = new long[historySize];
    }

    /** Switches to the source whose packet at {@code off} (validated, a keyframe start) comes next. */
    public void switchSource(byte[] b, int off, long nowMs) {
        switchSource(RtpPacket.ssrc(b, off), RtpPacket.sequenceNumber(b, off), RtpPacket.timestamp(b, off), nowMs);
    }

    /**
     * Makes incoming {@code (ssrc, seq, timestamp)} the next outgoing packet. Call it when the forwarded
     * source changes, or when forwarding resumes after a pause, at the first packet of a keyframe;
     * calling it again for the running source cuts the stream at {@code seq}.
     */
    public void switchSource(int ssrc, int seq, long timestamp, long nowMs) {
        if (forwardedAny) {
            long elapsedMs = Math.max(0, nowMs - lastOutMs);
            long deltaTicks = Math.max(1, elapsedMs * clockRateHz / 1000);
            seqOffset = lastOutSeq + 1 - seq;
            tsOffset = (int) (lastOutTs + deltaTicks - timestamp);
        } else {
            seqOffset = 0;
            tsOffset = 0;
        }
        hasSource = true;
        sourceSsrc = ssrc;
        generation++;
        sourceSsrcs[generation % SOURCES] = ssrc;
        sourceTsOffsets[generation % SOURCES] = tsOffset;
        incoming.reset();
        switchExt = incoming.unwrap(seq);
        highestExt = switchExt - 1;
        Arrays.fill(bySeqIn, 0L);
    }

    /**
     * Rewrites the sequence number, timestamp and SSRC of the validated RTP packet at {@code off} in
     * place. Returns false, leaving the packet untouched, when it must not be forwarded: no source
     * yet, another SSRC, older than the switch point or than the history, or dropped before.
     */
    public boolean rewrite(byte[] b, int off, long nowMs) {
        long ext = extendedIfCurrent(b, off);
        if (ext < 0) {
            return false;
        }
        int outSeq;
        if (ext > highestExt) {
            advanceTo(ext);
            outSeq = (int) (ext + seqOffset) & 0xFFFF;
        } else {
            long slot = inSlot(ext);
            if (slot == 0 || (slot & STATE_MASK) == STATE_DROPPED) {
                return false;
            }
            outSeq = (int) slot & 0xFFFF;
        }
        bySeqIn[(int) ext & mask] = (ext << 32) | STATE_FORWARDED | outSeq;
        int inSeq = RtpPacket.sequenceNumber(b, off);
        bySeqOut[outSeq & mask] = OUT_VALID | (long) (generation & 0xFF) << 32 | (long) inSeq << 16 | outSeq;
        long outTs = (RtpPacket.timestamp(b, off) + tsOffset) & 0xFFFF_FFFFL;
        writeHeader(b, off, outSeq, outTs);
        if (!forwardedAny || SeqNum.isNewer(outSeq, lastOutSeq)) {
            forwardedAny = true;
            lastOutSeq = outSeq;
            lastOutTs = outTs;
            lastOutMs = nowMs;
        }
        return true;
    }

    /**
     * Notes that the caller will not forward this packet of the current source. When it is the newest
     * the outgoing numbering closes over it; a late packet leaves its reserved number as a hole.
     */
    public void drop(byte[] b, int off) {
        long ext = extendedIfCurrent(b, off);
        if (ext < 0) {
            return;
        }
        if (ext > highestExt) {
            advanceTo(ext);
            seqOffset--;
            bySeqIn[(int) ext & mask] = (ext << 32) | STATE_DROPPED;
        } else {
            long slot = inSlot(ext);
            if (slot != 0 && (slot & STATE_MASK) == STATE_RESERVED) {
                bySeqIn[(int) ext & mask] = (slot & ~STATE_MASK) | STATE_DROPPED;
            }
        }
    }

    /** The incoming sequence number forwarded as {@code outSeq}, or -1 if unknown or too old. */
    public int outgoingToIncoming(int outSeq) {
        long slot = outSlot(outSeq);
        return slot == 0 ? -1 : (int) (slot >>> 16) & 0xFFFF;
    }

    /** The incoming SSRC of the packet forwarded as {@code outSeq}; meaningful when {@link #outgoingToIncoming} is not -1. */
    public int incomingSsrc(int outSeq) {
        long slot = outSlot(outSeq);
        return slot == 0 ? sourceSsrc : sourceSsrcs[generationIndex(slot)];
    }

    /**
     * Rewrites a copy of the incoming packet that was forwarded as {@code outSeq} (fetched from a
     * packet cache to answer a NACK) back to its outgoing numbers. False if it is not that packet.
     */
    public boolean rewriteResend(byte[] b, int off, int outSeq) {
        long slot = outSlot(outSeq);
        if (slot == 0) {
            return false;
        }
        int index = generationIndex(slot);
        if (RtpPacket.ssrc(b, off) != sourceSsrcs[index]
                || RtpPacket.sequenceNumber(b, off) != ((int) (slot >>> 16) & 0xFFFF)) {
            return false;
        }
        writeHeader(b, off, outSeq, (RtpPacket.timestamp(b, off) + sourceTsOffsets[index]) & 0xFFFF_FFFFL);
        return true;
    }

    public int outSsrc() {
        return outSsrc;
    }

    /** True once a source was chosen with {@link #switchSource}. */
    public boolean hasSource() {
        return hasSource;
    }

    /** SSRC of the current source; meaningful when {@link #hasSource}. */
    public int sourceSsrc() {
        return sourceSsrc;
    }

    /** True once a packet went out. */
    public boolean hasForwarded() {
        return forwardedAny;
    }

    /** Highest outgoing sequence number so far; meaningful when {@link #hasForwarded}. */
    public int lastOutgoingSeq() {
        return lastOutSeq;
    }

    /** Outgoing timestamp of the highest outgoing sequence number; for sender reports. */
    public long lastOutgoingTimestamp() {
        return lastOutTs;
    }

    private long extendedIfCurrent(byte[] b, int off) {
        if (!hasSource || RtpPacket.ssrc(b, off) != sourceSsrc) {
            return -1;
        }
        long ext = incoming.peek(RtpPacket.sequenceNumber(b, off));
        return ext < switchExt || highestExt - ext > mask ? -1 : ext;
    }

    /** Reserves outgoing numbers for the gap before {@code ext}, then makes it the highest. */
    private void advanceTo(long ext) {
        for (long gap = Math.max(highestExt + 1, ext - mask); gap < ext; gap++) {
            bySeqIn[(int) gap & mask] = (gap << 32) | STATE_RESERVED | ((gap + seqOffset) & 0xFFFF);
        }
        incoming.unwrap((int) ext & 0xFFFF);
        highestExt = ext;
    }

    private long inSlot(long ext) {
        long slot = bySeqIn[(int) ext & mask];
        return (int) (slot >>> 32) == (int) ext ? slot : 0;
    }

    private long outSlot(int outSeq) {
        long slot = bySeqOut[outSeq & mask];
        if ((slot & OUT_VALID) == 0 || ((int) slot & 0xFFFF) != outSeq || !forwardedAny) {
            return 0;
        }
        int age = SeqNum.diff(lastOutSeq, outSeq);
        return age < 0 || age > mask || generationsAgo(slot) >= SOURCES ? 0 : slot;
    }

    /** Switches since the packet in this slot went out (the slot keeps 8 bits of the generation). */
    private int generationsAgo(long slot) {
        return (generation - (int) (slot >>> 32)) & 0xFF;
    }

    private int generationIndex(long slot) {
        return (generation - generationsAgo(slot)) % SOURCES;
    }

    private void writeHeader(byte[] b, int off, int outSeq, long outTs) {
        RtpPacket.setSequenceNumber(b, off, outSeq);
        RtpPacket.setTimestamp(b, off, outTs);
        RtpPacket.setSsrc(b, off, outSsrc);
    }
}
