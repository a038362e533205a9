package parley.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.audio.OpusStreamEncoder;
import parley.audio.Pcm;

class PhoneMixTest {
    private static short[] tone(int frame, int hz) {
        short[] pcm = new short[Pcm.FRAME_48K];
        for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * (frame * pcm.length + i) / 48000.0));
        return pcm;
    }

    @Test
    void aTrackHeardIsMixedAfterThePlayoutDelay() throws Exception {
        PhoneMix mix = new PhoneMix(7, 111, 1);
        assertNull(mix.frame(), "nothing heard: silence");
        OpusStreamEncoder enc = new OpusStreamEncoder(OpusStreamEncoder.Settings.speech());
        double loudest = 0;
        for (int f = 0; f < 20; f++) {
            byte[] packet = new byte[Rtp.HEADER + OpusStreamEncoder.MAX_PACKET_BYTES];
            int n = enc.encode(tone(f, 440), 0, packet, Rtp.HEADER);
            Rtp.writeHeader(packet, 111, false, f, f * 960, 99);
            mix.hear("t1", packet, 0, Rtp.HEADER + n, f * 960L);
            short[] out = mix.frame();
            if (out != null) loudest = Math.max(loudest, Pcm.rms(out, 0, out.length));
        }
        assertTrue(loudest > 2000, "the tone comes out of the mix: rms " + loudest);
    }

    @Test
    void theVoiceCarriesItsLevel() {
        PhoneMix mix = new PhoneMix(0x01020304, 111, 1);
        byte[] packet = new byte[PhoneMix.maxPacket()];
        int n = mix.voice(tone(0, 300), packet);
        assertTrue(n > Rtp.HEADER_WITH_LEVEL);
        assertEquals(Rtp.HEADER_WITH_LEVEL, Rtp.payloadOffset(packet, n));
        assertEquals(111, Rtp.payloadType(packet));
        int level = packet[17] & 0x7f;
        assertTrue(level > 5 && level < 20 && (packet[17] & 0x80) != 0, "about -15 dBov, voice: " + level);
        assertEquals(0, Rtp.timestamp(packet));
        mix.voice(new short[Pcm.FRAME_48K], packet);
        assertEquals(960, Rtp.timestamp(packet));
        assertEquals(127, packet[17] & 0x7f, "silence");
    }

    @Test
    void anOpusPayloadPassesThroughWithItsGapsAndLevel() {
        PhoneMix mix = new PhoneMix(0x01020304, 111, 1);
        byte[] packet = new byte[PhoneMix.maxPacket()];
        byte[] payload = {9, 8, 7};
        int n = mix.passThrough(payload, 0, 3, 65535, 1000, -20, packet);
        assertEquals(Rtp.HEADER_WITH_LEVEL + 3, n);
        int firstSeq = Rtp.sequence(packet), firstTs = Rtp.timestamp(packet);
        assertEquals(0x01020304 & 0x7fff, firstSeq, "the track's own numbering starts where voice() would");
        assertEquals(20, packet[17] & 0x7f, "-20 dBov");
        assertEquals(111, Rtp.payloadType(packet));
        mix.passThrough(payload, 0, 3, 1, 1000 + 2 * 960, -20, packet); // the trunk's 0 was lost; its counter wrapped
        assertEquals((firstSeq + 2) & 0xffff, Rtp.sequence(packet), "a loss stays a gap");
        assertEquals(firstTs + 2 * 960, Rtp.timestamp(packet));
        assertEquals(7, packet[Rtp.HEADER_WITH_LEVEL + 2]);
        assertEquals(-1, mix.passThrough(new byte[1501], 0, 1501, 2, 0, 0, packet), "too big for a packet");
    }

    @Test
    void allowList() {
        TrunkAllowList allow = TrunkAllowList.of(List.of("192.0.2.10", "198.51.100.0/25", "2001:db8::/32"));
        assertTrue(allow.allows(InetAddress.ofLiteral("192.0.2.10")));
        assertTrue(!allow.allows(InetAddress.ofLiteral("192.0.2.11")));
        assertTrue(allow.allows(InetAddress.ofLiteral("198.51.100.127")));
        assertTrue(!allow.allows(InetAddress.ofLiteral("198.51.100.128")));
        assertTrue(allow.allows(InetAddress.ofLiteral("2001:db8:1::5")));
        assertTrue(!allow.allows(InetAddress.ofLiteral("2001:db9::5")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TrunkAllowList.of(List.of("trunk.example.org")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TrunkAllowList.of(List.of("10.0.0.0/33")));
    }
}
