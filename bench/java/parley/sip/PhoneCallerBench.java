package parley.sip;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import parley.audio.OpusStreamEncoder;
import parley.audio.Pcm;

/**
 * CPU per phone caller on the server's SIP thread, for real calls over loopback UDP: each caller
 * (a {@link TestTrunk}: SIP, RFC 4733 PIN, a 1 kHz tone as PCMU every 20 ms) is in a meeting of
 * {@value #SPEAKERS} speaking participants whose Opus packets arrive as the SFU's tap would hand
 * them over. Per 20 ms and caller the SIP thread reads one RTP packet, decodes G.711, resamples
 * 8→48 kHz, encodes Opus (the caller's voice into the SFU), decodes {@value #SPEAKERS} Opus
 * packets, mixes, resamples 48→8 kHz, encodes G.711 and sends. The trunks and the feeder run on
 * other threads and are not counted; forwarding the caller's track is the SFU's usual cost.
 *
 * <p>Run: bench/sip.sh [seconds per step, default 10]
 */
public final class PhoneCallerBench {
    static final int SPEAKERS = 3;
    private static final String PIN = "2468013579";

    private PhoneCallerBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        byte[][] speakers = opusTones();
        System.out.printf("%-8s %12s %16s %14s%n", "callers", "CPU ms/s", "per caller ms/s", "% core/caller");
        for (int callers : new int[] {1, 4, 8, 16}) {
            double cpuMsPerS = run(callers, seconds, speakers);
            System.out.printf("%-8d %12.1f %16.2f %14.2f%n", callers, cpuMsPerS, cpuMsPerS / callers, cpuMsPerS / callers / 10);
        }
    }

    private static double run(int callers, int seconds, byte[][] speakerPackets) throws Exception {
        List<PhoneMix> mixes = new java.util.concurrent.CopyOnWriteArrayList<>();
        DialIn rooms = pin -> {
            if (!pin.equals(PIN)) return Optional.empty();
            PhoneMix mix = new PhoneMix(42, 111, 1);
            mixes.add(mix);
            byte[] voice = new byte[PhoneMix.maxPacket()];
            return Optional.of(new DialIn.PhoneSeat() {
                public void fromCaller(short[] pcm48k) { mix.voice(pcm48k, voice); }
                public void fromCallerOpus(byte[] p, int off, int len, int seq, int ts, double dbov) { mix.passThrough(p, off, len, seq, ts, dbov, voice); }
                public short[] toCaller() { return mix.frame(); }
                public boolean ended() { return false; }
                public void leave() { }
            });
        };
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (SipServer server = new SipServer(new SipConfig(new InetSocketAddress(lo, 0), lo,
                TrunkAllowList.of(List.of("127.0.0.1")), List.of()), rooms, InstantSource.system()).start()) {
            List<TestTrunk> trunks = new ArrayList<>();
            List<AutoCloseable> tones = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                TestTrunk t = new TestTrunk(server.port(), "bench-" + callers + "-" + i);
                trunks.add(t);
                if (t.call("+100" + i).status() != 200) throw new IllegalStateException("call refused");
                t.type(PIN + "#");
            }
            long until = System.nanoTime() + 5_000_000_000L;
            while (mixes.size() < callers && System.nanoTime() < until) Thread.sleep(10);
            if (mixes.size() < callers) throw new IllegalStateException(mixes.size() + " of " + callers + " callers got in");
            for (TestTrunk t : trunks) tones.add(t.playTone(1000));
            Thread feeder = Thread.ofPlatform().daemon().start(() -> feed(mixes, speakerPackets));
            Thread.sleep(2000); // warm-up: JIT, jitter buffers
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long sipId = Thread.getAllStackTraces().keySet().stream().filter(th -> th.getName().equals("sip") && th.isAlive())
                    .mapToLong(Thread::threadId).max().orElseThrow();
            long cpu0 = mx.getThreadCpuTime(sipId), t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu = mx.getThreadCpuTime(sipId) - cpu0, wall = System.nanoTime() - t0;
            feeder.interrupt();
            for (AutoCloseable c : tones) c.close();
            for (TestTrunk t : trunks) t.close();
            return cpu / 1e6 / (wall / 1e9);
        }
    }

    /** Every 20 ms, each caller hears one packet of each speaker (as the tap would copy them). */
    private static void feed(List<PhoneMix> mixes, byte[][] packets) {
        long start = System.nanoTime();
        for (int frame = 0; !Thread.currentThread().isInterrupted(); frame++) {
            for (PhoneMix m : mixes) {
                for (int s = 0; s < SPEAKERS; s++) {
                    byte[] p = packets[(frame + s * 7) % packets.length];
                    Rtp.writeHeader(p, 111, false, frame, frame * 960, 100 + s);
                    m.hear("t" + s, p, 0, p.length, frame * 960L);
                }
            }
            long wait = start + (frame + 1) * 20_000_000L - System.nanoTime();
            try {
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One second of a 440 Hz tone as Opus RTP packets (header space first). */
    private static byte[][] opusTones() throws Exception {
        OpusStreamEncoder enc = new OpusStreamEncoder(OpusStreamEncoder.Settings.speech());
        byte[][] out = new byte[50][];
        short[] pcm = new short[Pcm.FRAME_48K];
        byte[] buf = new byte[OpusStreamEncoder.MAX_PACKET_BYTES];
        for (int f = 0; f < out.length; f++) {
            for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * (f * pcm.length + i) / 48000.0));
            int n = enc.encode(pcm, 0, buf, 0);
            out[f] = new byte[Rtp.HEADER + n];
            System.arraycopy(buf, 0, out[f], Rtp.HEADER, n);
        }
        return out;
    }
}
