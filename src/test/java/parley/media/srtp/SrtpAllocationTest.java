package parley.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The forward path allocates nothing once an SSRC is known: counted by the JVM per thread. */
class SrtpAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int SSRC = 0x5eed_0001;
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 10_000;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectAndUnprotectOf1200BytePacketsAllocateNothing(SrtpProfile profile) throws SrtpException {
        assertTrue(THREADS.isThreadAllocatedMemoryEnabled());
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        SrtpContext sender = SrtpContext.create(profile, key, salt);
        SrtpContext receiver = SrtpContext.create(profile, key, salt);
        byte[] rtp = new byte[1200 + profile.srtpOverhead()];
        System.arraycopy(Packets.rtp(SSRC, 0, 0, 1, 1200 - 20), 0, rtp, 0, 1200);
        byte[] rtcp = new byte[100 + profile.srtcpOverhead()];
        System.arraycopy(Packets.rtcp(SSRC, 100), 0, rtcp, 0, 100);

        roundTrips(sender, receiver, rtp, rtcp, 0, WARM_UP);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        roundTrips(sender, receiver, rtp, rtcp, WARM_UP, MEASURED);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated by " + MEASURED + " SRTP and SRTCP round trips");
    }

    private static void roundTrips(SrtpContext sender, SrtpContext receiver, byte[] rtp, byte[] rtcp,
            int first, int count) throws SrtpException {
        for (int i = first; i < first + count; i++) {
            rtp[2] = (byte) (i >> 8);
            rtp[3] = (byte) i;
            int srtpLength = sender.protectRtp(rtp, 0, 1200);
            if (receiver.unprotectRtp(rtp, 0, srtpLength) != 1200) {
                throw new AssertionError("RTP length");
            }
            int srtcpLength = sender.protectRtcp(rtcp, 0, 100);
            if (receiver.unprotectRtcp(rtcp, 0, srtcpLength) != 100) {
                throw new AssertionError("RTCP length");
            }
        }
    }
}
