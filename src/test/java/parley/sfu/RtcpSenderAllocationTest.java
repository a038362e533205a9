package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.sfu.TwoPeers.NOW;
import static parley.sfu.TwoPeers.RID_ID;
import static parley.sfu.TwoPeers.VIDEO_SSRC;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.media.rtcp.GenericNack;
import parley.media.rtcp.ReceiverReport;
import parley.media.rtcp.ReportBlock;

/** The RTCP paths of {@link RtcpSender} allocate nothing in steady state, on {@link TwoPeers}. */
class RtcpSenderAllocationTest {
    private final TwoPeers peers;
    private final SfuPeer ada;
    private final SfuPeer bob;
    private final Consumer bobVideo;

    RtcpSenderAllocationTest() throws Exception {
        peers = new TwoPeers();
        ada = peers.ada;
        bob = peers.bob;
        bobVideo = peers.bobVideo;
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    /**
     * Steady state on the loop thread: video with a loss every 16 packets, every RTCP tick
     * (NACKs, transport-cc, reports) and a receiver's RR and NACK: a window of 20 000 rounds after
     * warm-up allocates nothing (ThreadMXBean#getCurrentThreadAllocatedBytes).
     */
    @Test
    void steadyStateAllocatesNothing() throws Exception {
        long[] sentBytes = new long[1];
        byte[] packet = peers.rtp(96, 0, VIDEO_SSRC, "1", RID_ID, "q", 0x90, 0x80, 0x11, 0x00);
        byte[] rr = new byte[ReceiverReport.FIXED_SIZE + ReportBlock.SIZE];
        ReceiverReport.writeFixed(rr, 0, 0x0b0b0b0b, 1);
        ReportBlock.write(rr, ReceiverReport.FIXED_SIZE, (int) bobVideo.ssrc(), 0, 0, 1, 0, 0x1234_5678L, 100);
        byte[] nack = new byte[64];
        int nackLength = GenericNack.write(nack, 0, 0x0b0b0b0b, (int) bobVideo.ssrc(), new int[] {5, 6, 9}, 3);
        long allocated = peers.onLoop(() -> {
            RtcpSender.Sink count = (b, off, len) -> sentBytes[0] += len;
            ada.rtcp().sink(count);
            bob.rtcp().sink(count);
            bobVideo.packetsSent(1);
            var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            int rounds = 20_000;
            steadyRounds(0, 3 * rounds, packet, rr, nack, nackLength);
            long overhead = threads.getCurrentThreadAllocatedBytes();
            overhead = threads.getCurrentThreadAllocatedBytes() - overhead;
            // The least of three windows: a one-off JIT event on a loaded machine may allocate a few
            // bytes in one window; anything per packet or per tick shows in all three.
            long least = Long.MAX_VALUE;
            for (int window = 0; window < 3 && least > 0; window++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                steadyRounds((3 + window) * rounds, rounds, packet, rr, nack, nackLength);
                least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before - overhead);
            }
            return least;
        });
        assertTrue(sentBytes[0] > 0);
        assertEquals(0, allocated, "bytes allocated in steady state");
    }

    private void steadyRounds(int from, int rounds, byte[] packet, byte[] rr, byte[] nack, int nackLength) {
        for (int i = from; i < from + rounds; i++) {
            long nowMs = NOW + i;
            if (i % 16 != 5) {
                packet[2] = (byte) (i >> 8);
                packet[3] = (byte) i;
                packet[17] = (byte) (i >> 8);                // transport-wide sequence number
                packet[18] = (byte) i;
                ada.onRtp(packet, 0, packet.length, nowMs);
            }
            ada.rtcp().tick(nowMs);
            bob.rtcp().tick(nowMs);
            if (i % 100 == 0) {
                bob.onRtcp(rr, 0, rr.length, nowMs);
                bob.onRtcp(nack, 0, nackLength, nowMs);
            }
        }
    }
}
