package parley.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames from RTP packets: across packets, lost packets, waiting for a keyframe. */
class Vp8DepacketizerTest {
    /** A keyframe payload (P = 0, start code, 320x240) and a delta one (P = 1), padded to {@code n} bytes. */
    private static SyntheticMedia.Frame key(int n) {
        byte[] f = new byte[n];
        byte[] head = {0x10, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a, 0x40, 0x01, (byte) 0xf0, 0x00};
        System.arraycopy(head, 0, f, 0, head.length);
        for (int i = head.length; i < n; i++) f[i] = (byte) i;
        return new SyntheticMedia.Frame(f, true);
    }

    private static SyntheticMedia.Frame delta(int n) {
        byte[] f = new byte[n];
        f[0] = 0x31;
        for (int i = 1; i < n; i++) f[i] = (byte) (i * 7);
        return new SyntheticMedia.Frame(f, false);
    }

    private record Out(byte[] data, long ts, boolean key, int width, int height) {}

    private final List<Out> out = new ArrayList<>();
    private final Vp8Depacketizer depacketizer = new Vp8Depacketizer();

    private void feed(List<byte[]> packets, boolean firstAfterLoss) {
        boolean loss = firstAfterLoss;
        for (byte[] p : packets) {
            depacketizer.packet(p, 0, p.length, loss, 0, (b, off, len, ts, key, w, h, arrival) ->
                    out.add(new Out(java.util.Arrays.copyOfRange(b, off, off + len), ts, key, w, h)));
            loss = false;
        }
    }

    @Test
    void aFrameAcrossPacketsIsJoinedWithoutTheirDescriptors() {
        SyntheticMedia.Frame k = key(2500);
        feed(SyntheticMedia.vp8Packets(k, 10, 3000, 1, 1000), false); // 3 packets

        assertEquals(1, out.size());
        assertArrayEquals(k.data(), out.get(0).data());
        assertTrue(out.get(0).key());
        assertEquals(3000, out.get(0).ts());
        assertEquals(320, out.get(0).width());
        assertEquals(240, out.get(0).height());
    }

    @Test
    void theStreamStartsAtAKeyframe() {
        feed(SyntheticMedia.vp8Packets(delta(500), 1, 0, 1, 1000), false);
        feed(SyntheticMedia.vp8Packets(key(500), 2, 3000, 2, 1000), false);
        feed(SyntheticMedia.vp8Packets(delta(500), 3, 6000, 3, 1000), false);

        assertEquals(List.of(3000L, 6000L), out.stream().map(Out::ts).toList());
        assertEquals(1, depacketizer.framesDropped());
    }

    @Test
    void aLossDropsTheFrameAndEveryFrameUntilTheNextKeyframe() {
        feed(SyntheticMedia.vp8Packets(key(500), 1, 0, 1, 1000), false);
        List<byte[]> broken = SyntheticMedia.vp8Packets(delta(2500), 2, 3000, 2, 1000);
        feed(List.of(broken.get(0)), false);
        feed(List.of(broken.get(2)), true);                                   // packet 3 lost
        feed(SyntheticMedia.vp8Packets(delta(500), 5, 6000, 3, 1000), false);  // refers to the lost one
        feed(SyntheticMedia.vp8Packets(key(500), 6, 9000, 4, 1000), false);
        feed(SyntheticMedia.vp8Packets(delta(500), 7, 12000, 5, 1000), false);

        assertEquals(List.of(0L, 9000L, 12000L), out.stream().map(Out::ts).toList());
        assertEquals(2, depacketizer.framesDropped());
    }

    @Test
    void aLostFirstPacketLosesTheFrame() {
        feed(SyntheticMedia.vp8Packets(key(500), 1, 0, 1, 1000), false);
        List<byte[]> frame = SyntheticMedia.vp8Packets(delta(2500), 2, 3000, 2, 1000);
        feed(frame.subList(1, 3), true);

        assertEquals(1, out.size());
        assertFalse(out.stream().anyMatch(o -> o.ts() == 3000));
    }

    @Test
    void packetsReorderedAndWrappingComeOutAsWholeFramesInOrder() {
        List<byte[]> packets = new ArrayList<>();
        packets.addAll(SyntheticMedia.vp8Packets(key(2500), 65_534, 0xFFFFF000L, 1, 1000)); // seqs 65534, 65535, 0
        packets.addAll(SyntheticMedia.vp8Packets(delta(1500), 1, 0x00000770L, 2, 1000));     // seqs 1, 2; ts wrapped
        List<byte[]> shuffled = List.of(packets.get(0), packets.get(2), packets.get(1), packets.get(4), packets.get(3));
        ReorderBuffer reorder = new ReorderBuffer(64, 300);
        RtpTime time = new RtpTime(90_000);
        List<Long> ms = new ArrayList<>();
        for (byte[] p : shuffled) {
            reorder.add(parley.media.rtp.RtpPacket.sequenceNumber(p, 0), p, 0, p.length, 100,
                    (b, off, len, arrival, loss) -> depacketizer.packet(b, off, len, loss, arrival,
                            (fb, fo, fl, ts, key, w, h, a) -> {
                                out.add(new Out(java.util.Arrays.copyOfRange(fb, fo, fo + fl), ts, key, w, h));
                                ms.add(time.toMs(ts, a));
                            }));
        }

        assertEquals(2, out.size());
        assertEquals(0, reorder.lost());
        assertEquals(List.of(100L, 100L + (0x1770L * 1000 / 90_000)), ms, "6000 ticks across the wrap: 66 ms later");
    }
}
