package parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import parley.media.codec.Vp8;
import parley.media.rtcp.GenericNack;
import parley.media.rtcp.RtcpCompound;
import parley.media.rtcp.RtcpException;
import parley.media.rtcp.TransportCcBuilder;

/**
 * The per-packet forward path allocates nothing: 10 000 rounds of RTP accessors, extension lookup
 * and rebuild, stream rewriting, VP8 keyframe checks and RTCP feedback handling, measured with
 * {@code ThreadMXBean#getCurrentThreadAllocatedBytes} after a warm-up.
 */
class ForwardPathAllocationTest {
    private static final int ROUNDS = 10_000;
    private static final byte[] VP8_KEYFRAME = Hex.bytes("90 e0 9a 6b 2c 20 50 42 00 9d 01 2a 80 02 68 01");

    private final byte[] in = packetWithVp8();
    private final byte[] out = new byte[1500];
    private final byte[] rtcp = new byte[1500];
    private final int[] lost = {100, 101, 105, 300};
    private final ExtensionWriter writer = new ExtensionWriter();
    private final ExtensionCursor cursor = new ExtensionCursor();
    private final TransportCcBuilder feedback = new TransportCcBuilder(1200);
    private final RtcpCompound compound = new RtcpCompound();
    private final Counter counter = new Counter();
    private long sink;

    /** A reused NACK consumer: no capture, no allocation. */
    private static final class Counter implements IntConsumer {
        long sum;

        @Override
        public void accept(int seq) {
            sum += seq;
        }
    }

    @Test
    void forwardPathAllocatesNothing() throws RtpException, RtcpException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        for (int i = 0; i < 3 * ROUNDS; i++) {
            round(i);   // warm-up: let the JIT compile everything
        }
        long overhead = threads.getCurrentThreadAllocatedBytes();
        overhead = threads.getCurrentThreadAllocatedBytes() - overhead;
        // The least of three windows: a one-off JIT event on a loaded machine may allocate a few bytes
        // in one window; an allocation per round shows in all three.
        long allocated = Long.MAX_VALUE;
        for (int window = 3; window < 6 && allocated > 0; window++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = window * ROUNDS; i < (window + 1) * ROUNDS; i++) {
                round(i);
            }
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before - overhead);
        }
        assertEquals(0, allocated, "bytes allocated over " + ROUNDS + " rounds");
        assertTrue(sink != 0);
    }

    private void round(int i) throws RtpException, RtcpException {
        int len = in.length;
        RtpPacket.setSequenceNumber(in, 0, i & 0xFFFF);
        RtpPacket.setSsrc(in, 0, 0xAAAA);
        RtpPacket.validate(in, 0, len);
        sink += RtpPacket.sequenceNumber(in, 0) + RtpPacket.timestamp(in, 0) + RtpPacket.payloadType(in, 0)
                + RtpPacket.payloadLength(in, 0, len) + (RtpPacket.marker(in, 0) ? 1 : 0);
        sink += HeaderExtensions.transportSequence(in, 0, len, 4) + HeaderExtensions.absSendTime(in, 0, len, 2);
        if (cursor.reset(in, 0, len)) {
            while (cursor.next()) {
                sink += cursor.id();
            }
        }
        int payload = RtpPacket.payloadOffset(in, 0);
        int payloadLength = RtpPacket.payloadLength(in, 0, len);
        sink += Vp8.isKeyframe(in, payload, payloadLength) ? 1 : 0;
        sink += Vp8.pictureId(in, payload, payloadLength) + Vp8.temporalId(in, payload, payloadLength);

        int header = RtpPacket.copyHeaderWithoutExtension(in, 0, out, 0);
        header = writer.start(out, 0).copy(in, 0, len, 2, 3).add16(5, i).finish();
        System.arraycopy(in, payload, out, header, len - payload);
        RtpPacket.setSequenceNumber(out, 0, (i + 7) & 0xFFFF);
        sink += RtpPacket.sequenceNumber(out, 0);

        int nack = GenericNack.write(rtcp, 0, 1, 2, lost, lost.length);
        GenericNack.forEachLost(rtcp, 0, nack, counter);
        feedback.reset(1, 2, i & 0xFFFF, 1_000_000, i);
        for (int k = 0; k < 20; k++) {
            feedback.add((i + k) & 0xFFFF, 1_000_000 + 1000L * k);
        }
        int n = feedback.write(rtcp, nack);
        compound.reset(rtcp, 0, nack + n);
        while (compound.next()) {
            sink += compound.type();
        }
        sink += counter.sum;
    }

    private static byte[] packetWithVp8() {
        byte[] header = Fixtures.chromeOneByte();
        header[0] = (byte) 0x90;
        byte[] p = new byte[header.length + VP8_KEYFRAME.length];
        System.arraycopy(header, 0, p, 0, header.length);
        System.arraycopy(VP8_KEYFRAME, 0, p, header.length, VP8_KEYFRAME.length);
        return p;
    }
}
