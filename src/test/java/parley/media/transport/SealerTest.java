package parley.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.media.srtp.SrtpContext;
import parley.media.srtp.SrtpProfile;

/**
 * The sealer thread: what the loop hands it leaves encrypted, in the order handed, to the address
 * given; an SSRC is forgotten after the packets queued before it; a full ring drops and counts.
 */
class SealerTest {
    private static final byte[] KEY = new byte[16];
    private static final byte[] SALT = new byte[14];
    private static final InetSocketAddress TO = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5004);

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(SALT, (byte) 9);
    }

    /** A DatagramIo that keeps what is sent, for the test's thread to read once {@code expected} arrived. */
    private static class Recording implements DatagramIo {
        final List<byte[]> sent = new ArrayList<>();
        final List<InetSocketAddress> to = new ArrayList<>();
        final CountDownLatch done;
        int flushes;

        Recording(int expected) {
            done = new CountDownLatch(expected);
        }

        @Override
        public int receive(MediaSocket socket, int max, Sink sink) {
            return 0;
        }

        @Override
        public synchronized void send(byte[] buf, int off, int len, MediaSocket via, InetSocketAddress dest) {
            sent.add(Arrays.copyOfRange(buf, off, off + len));
            to.add(dest);
            done.countDown();
        }

        @Override
        public synchronized void flush() {
            flushes++;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void close() {}
    }

    private static byte[] rtp(int seq, int ssrc) {
        byte[] p = new byte[12 + 100 + MediaLoop.SEND_HEADROOM];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        for (int i = 12; i < 112; i++) p[i] = (byte) (seq + i);
        return p;
    }

    @Test
    void packetsLeaveEncryptedInTheOrderGivenAndDecryptOnTheOtherSide() throws Exception {
        int n = 3 * Sealer.SLOTS; // several laps of the ring
        Recording io = new Recording(n);
        MediaCounters counters = new MediaCounters();
        SrtpContext out = SrtpContext.create(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY, SALT);
        SrtpContext in = SrtpContext.create(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY, SALT);
        try (Sealer sealer = new Sealer("test-seal", io, counters)) {
            for (int seq = 0; seq < n; seq++) {
                sealer.seal(out, false, rtp(seq, 1234), 0, 112, new CandidatePair(null, TO));
                if (seq % 64 == 63) sealer.publish(); // a round of forwarding
                // This producer is far faster than encryption: let the ring drain so that nothing is dropped here.
                while (sealer.inFlight() >= Sealer.SLOTS - 64) {
                    sealer.publish();
                    Thread.onSpinWait();
                }
            }
            sealer.publish();
            assertTrue(io.done.await(10, TimeUnit.SECONDS), "all packets sent; dropped " + counters.sealDropped.sum() + ", errors " + counters.sendErrors.sum() + "/" + counters.loopErrors.sum() + ", sent " + io.sent.size());
        }
        assertEquals(0, counters.sealDropped.sum());
        synchronized (io) {
            for (int seq = 0; seq < n; seq++) {
                byte[] wire = Arrays.copyOf(io.sent.get(seq), io.sent.get(seq).length + 16);
                assertEquals(112 + 10, io.sent.get(seq).length, "an 80-bit tag was added");
                int len = in.unprotectRtp(wire, 0, io.sent.get(seq).length);
                assertArrayEquals(Arrays.copyOf(rtp(seq, 1234), 112), Arrays.copyOf(wire, len), "packet " + seq);
                assertEquals(TO, io.to.get(seq));
            }
            assertTrue(io.flushes > 0, "the sealer flushes its own sends");
        }
    }

    @Test
    void anSsrcIsForgottenAfterThePacketsBeforeIt() throws Exception {
        Recording io = new Recording(2);
        SrtpContext out = SrtpContext.create(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY, SALT);
        try (Sealer sealer = new Sealer("test-seal", io, new MediaCounters())) {
            sealer.seal(out, false, rtp(1, 1), 0, 112, new CandidatePair(null, TO));
            sealer.seal(out, false, rtp(1, 2), 0, 112, new CandidatePair(null, TO));
            sealer.forget(out, 1);
            sealer.publish();
            assertTrue(io.done.await(5, TimeUnit.SECONDS));
        }
        // The sealer thread has ended (close joins it): its writes are visible here.
        assertEquals(1, out.ssrcCount(), "SSRC 1 removed, SSRC 2 kept");
    }

    @Test
    void aFullRingWaitsBrieflyThenDropsAndCounts() throws Exception {
        CountDownLatch unstuck = new CountDownLatch(1);
        Recording io = new Recording(Sealer.SLOTS) {
            @Override
            public void send(byte[] buf, int off, int len, MediaSocket via, InetSocketAddress dest) {
                try {
                    unstuck.await(); // a sealer stuck in its first send (as if the kernel never returned)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.send(buf, off, len, via, dest);
            }
        };
        MediaCounters counters = new MediaCounters();
        SrtpContext out = SrtpContext.create(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY, SALT);
        try (Sealer sealer = new Sealer("test-seal", io, counters)) {
            for (int seq = 0; seq < Sealer.SLOTS + 10; seq++) {
                sealer.seal(out, false, rtp(seq, 5), 0, 112, new CandidatePair(null, TO));
                if (seq == 0) sealer.publish();
            }
            assertEquals(10, counters.sealDropped.sum(), "the ten that found no slot, each after a brief wait");
            unstuck.countDown();
            sealer.publish();
            assertTrue(io.done.await(10, TimeUnit.SECONDS), "what fitted is sent");
        }
    }
}
