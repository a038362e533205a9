package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import parley.media.codec.Vp8;
import parley.media.rtp.Bytes;
import parley.media.rtp.HeaderExtensions;
import parley.media.rtp.RtpException;
import parley.media.rtp.RtpPacket;

/** What a synthetic participant puts on the wire, before encryption. */
class PublisherTest {
    private static final List<byte[]> OPUS = List.of(new byte[] {(byte) 0xf8, 1, 2}, new byte[] {(byte) 0xf8, 3, 4});

    /** Keeps copies of the packets sent. */
    private static final class Capture implements RtpOut {
        final List<byte[]> packets = new ArrayList<>();

        @Override
        public boolean sendRtp(byte[] b, int len) {
            packets.add(Arrays.copyOf(b, len));
            return true;
        }
    }

    private static MediaFixtures fixtures() {
        List<VideoFixture> layers = new ArrayList<>();
        for (int size : new int[] {100, 1500, 3000}) {
            byte[] key = new byte[size];
            byte[] delta = new byte[size / 2];
            delta[0] = 0x01; // P = 1
            layers.add(new VideoFixture(320, 180, List.of(key, delta)));
        }
        return new MediaFixtures(layers, OPUS);
    }

    private static Publisher publisher(int index, Publisher.SpeakerTurns turns) {
        return new Publisher(new Stats(), fixtures(), index, turns, 0x1234, new SplittableRandom(7));
    }

    private static String text(byte[] p, int id) {
        int at = HeaderExtensions.find(p, 0, p.length, id);
        return new String(p, at, HeaderExtensions.dataLength(p, 0, at), StandardCharsets.US_ASCII);
    }

    @Test
    void audioCarriesMidLevelAndTransportSequence() throws RtpException {
        Publisher.SpeakerTurns turns = new Publisher.SpeakerTurns(2, 3000, 0);
        Capture out = new Capture();
        publisher(1, turns).sendAudio(out, new byte[MediaPeer.BUFFER_BYTES], 1000); // participant 0's turn
        publisher(1, turns).sendAudio(out, new byte[MediaPeer.BUFFER_BYTES], 4000); // participant 1's turn
        byte[] silent = out.packets.get(0);
        RtpPacket.validate(silent, 0, silent.length);
        assertEquals(OfferWriter.OPUS_PT, RtpPacket.payloadType(silent, 0));
        assertEquals(0x1234, RtpPacket.ssrc(silent, 0));
        assertEquals("0", text(silent, OfferWriter.MID_ID));
        assertEquals(Publisher.SILENT_LEVEL, silent[HeaderExtensions.find(silent, 0, silent.length, OfferWriter.AUDIO_LEVEL_ID)] & 0xff);
        assertTrue(HeaderExtensions.find(silent, 0, silent.length, OfferWriter.TRANSPORT_CC_ID) >= 0);
        byte[] talking = out.packets.get(1);
        assertEquals(0x80 | 25, talking[HeaderExtensions.find(talking, 0, talking.length, OfferWriter.AUDIO_LEVEL_ID)] & 0xff,
                "the voice bit and 25 dBov");
        int payload = RtpPacket.payloadOffset(talking, 0);
        assertTrue(Arrays.equals(OPUS.get(0), Arrays.copyOfRange(talking, payload, talking.length))
                || Arrays.equals(OPUS.get(1), Arrays.copyOfRange(talking, payload, talking.length)));
    }

    @Test
    void videoSendsEveryLayerWithRidAndMarksTheFramesLastPacket() throws RtpException {
        Publisher p = publisher(0, new Publisher.SpeakerTurns(0, 3000, 0));
        Capture out = new Capture();
        p.sendVideo(out, new byte[MediaPeer.BUFFER_BYTES]);
        assertEquals(1 + 2 + 3, out.packets.size(), "100, 1500 and 3000 bytes: 1, 2 and 3 packets");
        List<String> rids = new ArrayList<>();
        int transportSeq = -1;
        for (byte[] packet : out.packets) {
            RtpPacket.validate(packet, 0, packet.length);
            assertEquals("1", text(packet, OfferWriter.MID_ID));
            rids.add(text(packet, OfferWriter.RID_ID));
            int seq = Bytes.u16(packet, HeaderExtensions.find(packet, 0, packet.length, OfferWriter.TRANSPORT_CC_ID));
            if (transportSeq >= 0) assertEquals((transportSeq + 1) & 0xffff, seq, "one transport-wide sequence");
            transportSeq = seq;
        }
        assertEquals(List.of("q", "h", "h", "f", "f", "f"), rids);
        byte[] first = out.packets.get(3);
        byte[] last = out.packets.get(5);
        int at = RtpPacket.payloadOffset(first, 0);
        assertTrue(Vp8.isKeyframe(first, at, first.length - at), "every layer starts with a keyframe");
        assertFalse(RtpPacket.marker(first, 0));
        assertTrue(RtpPacket.marker(last, 0));
        assertEquals(RtpPacket.timestamp(first, 0), RtpPacket.timestamp(last, 0));
    }

    @Test
    void pausedLayersAreNotSent() {
        Publisher p = publisher(0, new Publisher.SpeakerTurns(0, 3000, 0));
        p.setActiveLayers(List.of("q"));
        Capture out = new Capture();
        p.sendVideo(out, new byte[MediaPeer.BUFFER_BYTES]);
        assertEquals(1, out.packets.size());
        assertEquals("q", text(out.packets.get(0), OfferWriter.RID_ID));
    }
}
