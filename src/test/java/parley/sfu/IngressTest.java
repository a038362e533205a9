package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ingress stages one at a time, on packets made by {@link SlotRoom}. */
class IngressTest {
    private final SlotRoom room = new SlotRoom();
    private final SfuPeer ada = room.peer("ada");
    private final Producer camera = room.camera(ada);
    private final Producer mic = room.mic(ada);

    private Ingress.Packet packet(Layer layer, byte[] rtp) {
        return new Ingress.Packet().set(layer, rtp, 0, rtp.length, room.nowMs);
    }

    @Test
    void keyframeSizeReadsTheVp8FrameHeader() {
        Layer q = camera.layers()[0];
        byte[] keyframe = SlotRoom.rtp(96, 7, 0, q.ssrc(), -1, new byte[] {(byte) 0x90, (byte) 0x80, 0x11, 0x00, 0, 0,
                (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x02, (byte) 0x68, 0x01});     // 640 x 360
        assertTrue(Ingress.keyframeSize(packet(q, keyframe)));
        assertEquals(640, q.width());
        assertEquals(360, q.height());
        byte[] delta = SlotRoom.rtp(96, 8, 0, q.ssrc(), -1, new byte[] {(byte) 0x90, (byte) 0x80, 0x12, 0x01, 0, 0});
        Ingress.keyframeSize(packet(q, delta));
        assertEquals(360, q.height(), "a delta frame says nothing about the size");
    }

    @Test
    void receptionStatsMarkTheLayerActiveAndMeasureItsBitrate() {
        Layer q = camera.layers()[0];
        for (int i = 0; i < 50; i++) {
            room.nowMs += 20;
            byte[] p = SlotRoom.rtp(96, 100 + i, 0, q.ssrc(), -1, new byte[1000 - 12]);
            Ingress.receptionStats(packet(q, p));
        }
        assertTrue(q.activeAt(room.nowMs));
        long bps = q.bitrate().bps(room.nowMs);
        assertTrue(bps > 350_000 && bps < 450_000, "1000 bytes every 20 ms is 400 kbit/s, measured " + bps);
    }

    @Test
    void audioLevelIsReadForReceiversAndTheRoomsLoudness() {
        Layer m = mic.layers()[0];
        Ingress.Packet p = packet(m, SlotRoom.rtp(111, 1, 0, m.ssrc(), 20, new byte[] {1, 2, 3}));
        Ingress.audioLevel(ada, p);
        assertEquals(0x80 | 20, p.audioLevel, "the RFC 6464 byte, voice flag included");
        assertTrue(room.router.speaker().loudness("ada") > 0);
    }

    @Test
    void aVideoPacketIsCachedForNacks() {
        Layer q = camera.layers()[0];
        byte[] p = SlotRoom.rtp(96, 42, 0, q.ssrc(), -1, new byte[] {1, 2, 3, 4});
        Ingress.cacheForNacks(packet(q, p));
        byte[] out = new byte[PacketCache.SLOT_BYTES];
        assertEquals(p.length, q.cache().get(42, out, 0));
    }
}
