package parley.media.rtcp;

import java.util.ArrayList;
import java.util.List;
import parley.media.rtp.Bytes;
import parley.media.rtp.SeqNum;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1): transport-layer feedback FMT 15 reporting, per transport-wide sequence number, whether and
 * when the packet arrived.
 *
 * <pre>
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * |                     SSRC of packet sender                     |
 * |                      SSRC of media source                     |
 * |      base sequence number     |      packet status count      |
 * |                 reference time                | fb pkt. count |
 * |          packet chunk         |         packet chunk          |  ...
 * |         packet chunk          |  recv delta   |  recv delta   |  ...
 * |           recv delta          |  recv delta   | zero padding  |
 *
 * run-length chunk:   |0| S |       run length (13)       |   S: 0 not received, 1 small delta,
 * status vector:      |1|0|  14 one-bit symbols         |       2 large or negative delta,
 *                     |1|1|  7 two-bit symbols          |       3 reserved (rejected)
 * small delta: 1 byte unsigned, large: 2 bytes signed; both in 250 us; reference time in 64 ms.
 * </pre>
 *
 * {@link #forEach} reads a packet without allocating; {@link TransportCcBuilder} writes one.
 *
 * @param referenceTime  24-bit reference time in 64 ms units, as sent
 * @param arrivalTimesUs arrival time in us of {@code baseSeq + i} (referenceTime * 64 ms plus the
 *                       deltas), or {@link #NOT_RECEIVED}
 */
public record TransportCc(int senderSsrc, int mediaSsrc, int baseSeq, int referenceTime, int feedbackCount,
        List<Long> arrivalTimesUs) {
    /** Arrival time of a packet reported as not received. */
    public static final long NOT_RECEIVED = Long.MIN_VALUE;
    public static final long REFERENCE_TIME_UNIT_US = 64_000;
    public static final long DELTA_UNIT_US = 250;
    static final int FIXED_SIZE = 20;
    /** Largest RTCP packet: a 16-bit length in 32-bit words. */
    static final int MAX_SIZE = 4 * 65536;
    static final int SYMBOL_NOT_RECEIVED = 0;
    static final int SYMBOL_SMALL_DELTA = 1;
    static final int SYMBOL_LARGE_DELTA = 2;
    private static final int OFF_BASE_SEQ = 12;
    private static final int OFF_STATUS_COUNT = 14;
    private static final int OFF_REFERENCE_TIME = 16;
    private static final int OFF_FEEDBACK_COUNT = 19;

    /** Receives each reported packet: its transport-wide sequence number and arrival time in us or {@link #NOT_RECEIVED}. */
    @FunctionalInterface
    public interface Visitor {
        void packet(int seq, long arrivalTimeUs);
    }

    public TransportCc {
        Unsigned.check(baseSeq, 0xFFFF, "base sequence number");
        Unsigned.check(referenceTime, 0xFF_FFFF, "reference time");
        Unsigned.check(feedbackCount, 0xFF, "feedback packet count");
        arrivalTimesUs = List.copyOf(arrivalTimesUs);
        Unsigned.check(arrivalTimesUs.size(), 0xFFFF, "packet status count");
    }

    public static TransportCc parse(byte[] b, int off, int len) throws RtcpException {
        List<Long> times = new ArrayList<>();
        forEach(b, off, len, (seq, arrivalTimeUs) -> times.add(arrivalTimeUs));
        return new TransportCc(Rtcp.senderSsrc(b, off), Rtcp.mediaSsrc(b, off), baseSeq(b, off),
                referenceTime(b, off), feedbackCount(b, off), times);
    }

    public static int baseSeq(byte[] b, int off) {
        return Bytes.u16(b, off + OFF_BASE_SEQ);
    }

    public static int statusCount(byte[] b, int off) {
        return Bytes.u16(b, off + OFF_STATUS_COUNT);
    }

    /** Reference time in 64 ms units, unsigned 24 bits. */
    public static int referenceTime(byte[] b, int off) {
        return Bytes.u24(b, off + OFF_REFERENCE_TIME);
    }

    public static int feedbackCount(byte[] b, int off) {
        return b[off + OFF_FEEDBACK_COUNT] & 0xFF;
    }

    /**
     * Validates the whole packet, then passes each of its {@link #statusCount} packets to
     * {@code visitor} in sequence order. Allocation-free with a non-capturing or reused visitor.
     */
    public static void forEach(byte[] b, int off, int len, Visitor visitor) throws RtcpException {
        int end = Rtcp.feedbackEnd(b, off, len, Rtcp.RTPFB, Rtcp.FMT_TRANSPORT_CC, FIXED_SIZE, "transport-cc");
        int count = statusCount(b, off);
        int deltas = validateChunks(b, off + FIXED_SIZE, end, count);
        int seq = baseSeq(b, off);
        long timeUs = referenceTime(b, off) * REFERENCE_TIME_UNIT_US;
        int reported = 0;
        for (int at = off + FIXED_SIZE; reported < count; at += 2) {
            int chunk = Bytes.u16(b, at);
            int n = Math.min(symbolsIn(chunk), count - reported);
            for (int i = 0; i < n; i++, reported++, seq = SeqNum.add(seq, 1)) {
                int symbol = symbol(chunk, i);
                if (symbol == SYMBOL_NOT_RECEIVED) {
                    visitor.packet(seq, NOT_RECEIVED);
                    continue;
                }
                timeUs += DELTA_UNIT_US * (symbol == SYMBOL_SMALL_DELTA ? b[deltas] & 0xFF : (short) Bytes.u16(b, deltas));
                deltas += symbol;
                visitor.packet(seq, timeUs);
            }
        }
    }

    /** Checks chunks and delta bytes fit before {@code end}; returns the offset of the first delta. */
    private static int validateChunks(byte[] b, int at, int end, int count) throws RtcpException {
        int covered = 0;
        int deltaBytes = 0;
        while (covered < count) {
            if (end - at < 2) { // the message is built only when it is needed: this runs per chunk
                Rtcp.requireLength(end - at, 2, "transport-cc chunks for " + count + " packets");
            }
            int chunk = Bytes.u16(b, at);
            at += 2;
            int n = Math.min(symbolsIn(chunk), count - covered);
            if (chunk >>> 15 == 0) {
                int symbol = symbol(chunk, 0);
                if (symbol == 3) {
                    throw new RtcpException("transport-cc run-length symbol 3 (expected: 0..2)");
                }
                deltaBytes += n * symbol;
            } else {
                for (int i = 0; i < n; i++) {
                    int symbol = symbol(chunk, i);
                    if (symbol == 3) {
                        throw new RtcpException("transport-cc status symbol 3 (expected: 0..2)");
                    }
                    deltaBytes += symbol;
                }
            }
            covered += n;
        }
        Rtcp.requireLength(end - at, deltaBytes, "transport-cc receive deltas");
        return at;
    }

    /** Packets a chunk describes: its run length, 14 or 7. */
    static int symbolsIn(int chunk) {
        if (chunk >>> 15 == 0) {
            return chunk & 0x1FFF;
        }
        return (chunk & 0x4000) == 0 ? 14 : 7;
    }

    /** The i-th symbol of a chunk, 0..3: also the number of delta bytes it takes. */
    static int symbol(int chunk, int i) {
        if (chunk >>> 15 == 0) {
            return (chunk >>> 13) & 3;
        }
        return (chunk & 0x4000) == 0 ? (chunk >>> (13 - i)) & 1 : (chunk >>> (12 - 2 * i)) & 3;
    }

    public int size() {
        return toBuilder().size();
    }

    /** Writes the packet, choosing chunks as libwebrtc does; returns {@link #size()}. */
    public int write(byte[] b, int off) {
        return toBuilder().write(b, off);
    }

    private TransportCcBuilder toBuilder() {
        int n = arrivalTimesUs.size();
        TransportCcBuilder builder = new TransportCcBuilder(Math.min(MAX_SIZE, (FIXED_SIZE + 4 * n + 4 + 3) & ~3));
        builder.reset(senderSsrc, mediaSsrc, baseSeq, referenceTime * REFERENCE_TIME_UNIT_US, feedbackCount);
        for (int i = 0; i < n; i++) {
            if (!builder.add(SeqNum.add(baseSeq, i), arrivalTimesUs.get(i))) {
                throw new IllegalStateException("transport-cc arrival time of packet " + i + " too far from the previous");
            }
        }
        return builder;
    }
}
