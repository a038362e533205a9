// Run (from the repository root, JDK 21+):
//   mvn -o -q test-compile && java -XX:+UseSerialGC -cp target/classes:target/test-classes parley.bench.SrtpBench
// Arguments, if any, name the profiles to run (default: all), e.g. AEAD_AES_128_GCM.
package parley.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import parley.media.srtp.SrtpContext;
import parley.media.srtp.SrtpException;
import parley.media.srtp.SrtpProfile;

/**
 * SRTP protect and unprotect cost per packet, for each profile at 100 and 1200 bytes of RTP, on
 * one thread as on the SFU's forward path. Each round times a batch of packets; the table shows
 * the median round and the best round (the cost undisturbed by other load on the machine), and
 * the bytes allocated per operation. Not a timed test.
 */
public final class SrtpBench {
    private static final int[] SIZES = {100, 1200};
    private static final int BATCH = 256;
    private static final int WARM_UP_ROUNDS = 400;
    private static final int MEASURED_ROUNDS = 400;
    private static final int SSRC = 0x5eed_0001;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private SrtpBench() {}

    public static void main(String[] args) throws SrtpException {
        System.out.printf("%-26s %6s %22s %22s %11s%n", "profile", "bytes", "protect ns/op",
                "unprotect ns/op", "alloc B/op");
        System.out.printf("%-26s %6s %22s %22s %11s%n", "", "", "median   best", "median   best", "");
        SrtpProfile[] profiles = args.length == 0 ? SrtpProfile.values()
                : Arrays.stream(args).map(SrtpProfile::valueOf).toArray(SrtpProfile[]::new);
        // a whole pass first, so that every profile's code is compiled with every profile's types seen
        for (SrtpProfile profile : profiles) {
            for (int size : SIZES) {
                run(profile, size);
            }
        }
        for (SrtpProfile profile : profiles) {
            for (int size : SIZES) {
                Result r = run(profile, size);
                System.out.printf("%-26s %6d %15.0f %6.0f %15.0f %6.0f %11.1f%n", profile, size,
                        median(r.protectNs) / BATCH, best(r.protectNs) / BATCH,
                        median(r.unprotectNs) / BATCH, best(r.unprotectNs) / BATCH, r.allocatedPerOp);
            }
        }
    }

    /** Nanoseconds per measured round of BATCH packets, and bytes allocated per operation. */
    private record Result(long[] protectNs, long[] unprotectNs, double allocatedPerOp) {}

    private static Result run(SrtpProfile profile, int size) throws SrtpException {
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        Arrays.fill(key, (byte) 0x2b);
        Arrays.fill(salt, (byte) 0x7e);
        SrtpContext sender = SrtpContext.create(profile, key, salt);
        SrtpContext receiver = SrtpContext.create(profile, key, salt);
        byte[] template = rtp(size);
        byte[][] slots = new byte[BATCH][size + profile.srtpOverhead()];
        int[] lengths = new int[BATCH];
        long[] protectNs = new long[MEASURED_ROUNDS];
        long[] unprotectNs = new long[MEASURED_ROUNDS];
        long allocated = 0;
        int seq = 0;
        for (int round = -WARM_UP_ROUNDS; round < MEASURED_ROUNDS; round++) {
            for (byte[] slot : slots) {
                System.arraycopy(template, 0, slot, 0, size);
                slot[2] = (byte) (seq >> 8);
                slot[3] = (byte) seq++;
            }
            long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                lengths[i] = sender.protectRtp(slots[i], 0, size);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                receiver.unprotectRtp(slots[i], 0, lengths[i]);
            }
            long t2 = System.nanoTime();
            long allocatedAfter = THREADS.getCurrentThreadAllocatedBytes();
            if (round >= 0) {
                protectNs[round] = t1 - t0;
                unprotectNs[round] = t2 - t1;
                allocated += allocatedAfter - allocatedBefore;
            }
        }
        return new Result(protectNs, unprotectNs, (double) allocated / (2L * BATCH * MEASURED_ROUNDS));
    }

    /** V=2, PT 96, SSRC fixed, no CSRCs or extension, payload of size - 12 bytes. */
    private static byte[] rtp(int size) {
        byte[] p = new byte[size];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[8] = (byte) (SSRC >>> 24);
        p[9] = (byte) (SSRC >>> 16);
        p[10] = (byte) (SSRC >>> 8);
        p[11] = (byte) SSRC;
        for (int i = 12; i < size; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double best(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
