package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.media.rtp.Hex;

class OggOpusReaderTest {
    /** Page header up to the segment count: "OggS", version 0, flags, granule, serial 7, sequence, CRC (unchecked). */
    private static String pageHeader(int flags, int sequence) {
        return "4f 67 67 53  00  %02x  00 00 00 00 00 00 00 00  07 00 00 00  %02x 00 00 00  00 00 00 00"
                .formatted(flags, sequence);
    }

    @Test
    void joinsLacedSegmentsAcrossPagesAndSkipsTheHeaders() throws IOException {
        byte[] head = "OpusHead\u0001\u0002".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tags = "OpusTags".getBytes(StandardCharsets.ISO_8859_1);
        byte[] big = new byte[300]; // laced as 255 + 45, split over two pages
        Arrays.fill(big, (byte) 0x5a);
        ByteArrayOutputStream ogg = new ByteArrayOutputStream();
        ogg.writeBytes(Hex.bytes(pageHeader(0x02, 0) + " 01 0a")); // first page: 1 segment of 10 bytes
        ogg.writeBytes(head);
        ogg.writeBytes(Hex.bytes(pageHeader(0x00, 1) + " 01 08"));
        ogg.writeBytes(tags);
        ogg.writeBytes(Hex.bytes(pageHeader(0x00, 2) + " 02 03 ff")); // a 3-byte packet, then 255 bytes that go on
        ogg.writeBytes(Hex.bytes("f8 ff fe"));
        ogg.write(big, 0, 255);
        ogg.writeBytes(Hex.bytes(pageHeader(0x05, 3) + " 01 2d")); // continued, last page: the other 45 bytes
        ogg.write(big, 255, 45);
        List<byte[]> packets = OggOpusReader.parse(ogg.toByteArray());
        assertEquals(2, packets.size());
        assertArrayEquals(Hex.bytes("f8 ff fe"), packets.get(0));
        assertArrayEquals(big, packets.get(1));
    }

    @Test
    void refusesAnOggFileThatIsNotOpus() {
        byte[] vorbis = Hex.bytes(pageHeader(0x02, 0) + " 01 07 01 76 6f 72 62 69 73"); // "\1vorbis"
        assertEquals("Ogg stream does not start with OpusHead and OpusTags (expected: an Ogg Opus file)",
                assertThrows(IOException.class, () -> OggOpusReader.parse(vorbis)).getMessage());
        byte[] notOgg = Hex.bytes("52 49 46 46" + " 00".repeat(30));
        assertEquals("Ogg page 0 capture 'RIFF' (expected: OggS)",
                assertThrows(IOException.class, () -> OggOpusReader.parse(notOgg)).getMessage());
    }
}
